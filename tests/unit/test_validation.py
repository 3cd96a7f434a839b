"""Input checks that happen before anything is sent."""

from __future__ import annotations

import datetime

import pytest

from trigger_client import BatchItem, TriggerOptions, ValidationError
from trigger_client import _validation as check
from trigger_client._idempotency import derive_idempotency_key

UTC = datetime.UTC


def test_full_options_to_wire_match_the_server_field_names() -> None:
    options = TriggerOptions(
        idempotency_key="order-123",
        idempotency_key_ttl="1h",
        delay="5m",
        ttl="10m",
        tags=["harness", "user:123"],
        metadata={"source": "harness", "attempt": 1},
        queue="harness-queue",
        concurrency_key="user-123",
        machine="small-2x",
        max_attempts=3,
        max_duration=300,
        priority=10,
        lock_to_version="20250601.1",
        region="us-east-1",
        test=False,
    )
    # The same wire values the official SDK 4.8.3 sent for these options (recorded request #1).
    assert options.to_wire() == {
        "idempotencyKey": "3b6a198e6f182f27b91aa5a8b37ab70d4c54d3889e4a947243c1afd3e718ca66",
        "idempotencyKeyOptions": {"key": "order-123", "scope": "run"},
        "idempotencyKeyTTL": "1h",
        "delay": "5m",
        "ttl": "10m",
        "tags": ["harness", "user:123"],
        "metadata": {"source": "harness", "attempt": 1},
        "queue": {"name": "harness-queue"},
        "concurrencyKey": "user-123",
        "machine": "small-2x",
        "maxAttempts": 3,
        "maxDuration": 300,
        "priority": 10,
        "lockToVersion": "20250601.1",
        "region": "us-east-1",
        "test": False,
    }


def test_datetime_delay_and_timedelta_ttl() -> None:
    options = TriggerOptions(
        delay=datetime.datetime(2025, 6, 2, 2, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        ttl=datetime.timedelta(hours=1),
        idempotency_key_ttl=datetime.timedelta(minutes=10),
    )
    assert options.to_wire() == {
        "delay": "2025-06-02T00:00:00.000Z",
        "ttl": "3600s",
        "idempotencyKeyTTL": "600s",
    }


def test_ttl_as_seconds_is_sent_as_a_number() -> None:
    assert TriggerOptions(ttl=3600).to_wire() == {"ttl": 3600}


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"tags": [f"t{i}" for i in range(11)]}, "tags", "at most 10 tags, got 11"),
        ({"tags": ["x" * 129]}, "tags", "at most 128 characters"),
        ({"tags": [1]}, "tags", "only strings"),
        ({"delay": "5 minutes"}, "delay", "must be a duration"),
        ({"delay": datetime.datetime(2025, 1, 1)}, "delay", "timezone-aware"),
        ({"ttl": -1}, "ttl", "must not be negative"),
        ({"idempotency_key_ttl": "1w"}, "idempotency_key_ttl", "one number and one unit"),
        ({"idempotency_key": ""}, "idempotency_key", "non-empty"),
        ({"idempotency_key": "k" * 2049}, "idempotency_key", "at most 2048"),
        ({"metadata": [1, 2]}, "metadata", "JSON object"),
        ({"metadata": {"x": float("nan")}}, "metadata", "JSON-serialisable"),
        ({"metadata": {"big": "x" * 300_000}}, "metadata", "more than the server accepts"),
        ({"machine": "huge-9x"}, "machine", "must be one of"),
        ({"max_attempts": 0}, "max_attempts", ">= 1"),
        ({"max_duration": 2}, "max_duration", ">= 5"),
        ({"priority": True}, "priority", "must be an int"),
        ({"queue": " "}, "queue", "non-empty"),
        ({"test": "yes"}, "test", "must be a bool"),
    ],
)
def test_invalid_options_are_refused_with_the_field_named(kwargs: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        TriggerOptions(**kwargs)
    assert info.value.field == field


def test_blank_tags_are_dropped_like_the_server_does() -> None:
    assert TriggerOptions(tags=["a", " ", ""]).to_wire() == {"tags": ["a"]}
    assert TriggerOptions(tags="solo").to_wire() == {"tags": ["solo"]}


def test_idempotency_keys_match_the_official_sdk() -> None:
    assert (
        derive_idempotency_key("batch-abc")[0]
        == "7383108df61e07881a94b291d0fc97f672626d73e54ac43314fb6315ce65fb95"
    )
    assert derive_idempotency_key(["order", "123"]) == derive_idempotency_key("order-123")
    hashed = "3b6a198e6f182f27b91aa5a8b37ab70d4c54d3889e4a947243c1afd3e718ca66"
    assert derive_idempotency_key(hashed) == (hashed, None)


def test_batch_item_from_mapping_and_unknown_keys() -> None:
    item = BatchItem.coerce({"task_id": "t", "payload": {"n": 1}, "options": {"tags": ["x"]}}, 0)
    assert (item.task_id, item.payload, item.options.to_wire()) == ("t", {"n": 1}, {"tags": ["x"]})
    with pytest.raises(ValidationError, match="batch item 3 must have task_id"):
        BatchItem.coerce({"task": "t"}, 3)
    with pytest.raises(ValidationError, match="unknown trigger option"):
        BatchItem("t", None, {"tag": "x"})


def test_epoch_ms_refuses_naive_and_converts_aware() -> None:
    assert check.epoch_ms(datetime.datetime(2025, 6, 1, tzinfo=UTC), "from_") == "1748736000000"
    assert check.epoch_ms(1748736000000, "from_") == "1748736000000"
    with pytest.raises(ValidationError, match="timezone-aware") as info:
        check.epoch_ms(datetime.datetime(2025, 6, 1), "from_")
    assert info.value.field == "from_"


@pytest.mark.parametrize("value", ["30s", "1h30m", "2w", "1d12h", "90m", "1hr"])
def test_durations_accepted(value: str) -> None:
    assert check.duration(value, "delay") == value


@pytest.mark.parametrize("value", ["", "1.5h", "1 h", "h", "-1m", 30])
def test_durations_refused(value: object) -> None:
    with pytest.raises(ValidationError):
        check.duration(value, "delay")
