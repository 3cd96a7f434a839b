"""Packets (payloads, outputs, metadata) decoded into Python values: JSON, superjson, text."""

from __future__ import annotations

import datetime
import json
import math

import pytest

from trigger_client._packets import decode_packet, decode_superjson

UTC = datetime.UTC


def test_superjson_from_the_official_sdk_revives_dates() -> None:
    # The payload the official SDK 4.8.3 sent for {hello: "world", when: new Date(...)} (recorded request #1).
    packet = (
        '{"json":{"hello":"world","when":"2025-06-01T12:00:00.000Z"},"meta":{"values":{"when":["Date"]}}}'
    )
    assert decode_packet(packet, "application/super+json") == {
        "hello": "world",
        "when": datetime.datetime(2025, 6, 1, 12, 0, tzinfo=UTC),
    }


def test_superjson_without_meta_is_its_json_part() -> None:
    assert decode_packet('{"json":{"n":1}}', "application/super+json") == {"n": 1}


def test_superjson_nested_types() -> None:
    document = {
        "json": {
            "big": "12345678901234567890",
            "missing": None,
            "tags": ["a", "b"],
            "lookup": [["k", "2025-01-01T00:00:00.000Z"]],
            "ratio": "NaN",
            "deep": {"list": [{"at": "2025-02-03T04:05:06.000Z"}]},
            "dot.key": "2025-03-01T00:00:00.000Z",
        },
        "meta": {
            "values": {
                "big": ["bigint"],
                "missing": ["undefined"],
                "tags": ["set"],
                "lookup": ["map", {"0.1": ["Date"]}],
                "ratio": ["number"],
                "deep.list.0.at": ["Date"],
                "dot\\.key": ["Date"],
            }
        },
    }
    value = decode_superjson(json.loads(json.dumps(document)))
    assert value["big"] == 12345678901234567890
    assert value["missing"] is None
    assert value["tags"] == {"a", "b"}
    assert value["lookup"] == {"k": datetime.datetime(2025, 1, 1, tzinfo=UTC)}
    assert math.isnan(value["ratio"])
    assert value["deep"]["list"][0]["at"] == datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert value["dot.key"] == datetime.datetime(2025, 3, 1, tzinfo=UTC)


def test_a_root_value_annotation() -> None:
    assert decode_superjson({"json": "2025-06-01T00:00:00.000Z", "meta": {"values": ["Date"]}}) == (
        datetime.datetime(2025, 6, 1, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("data", "data_type", "expected"),
    [
        ('{"a": 1}', "application/json", {"a": 1}),
        ('{"a": 1}', None, {"a": 1}),
        ("plain words", "text/plain", "plain words"),
        ("packets/run_1/payload.json", "application/store", "packets/run_1/payload.json"),
        ("not json", "application/json", "not json"),
        (None, "application/json", None),
        ('{"json": 5, "meta": {"values": {"x": ["Unknown"]}}}', "application/super+json", 5),
    ],
)
def test_packet_types(data: str | None, data_type: str | None, expected: object) -> None:
    assert decode_packet(data, data_type) == expected
