"""The shape protocol state and realtime rows, against the answers the official SDK received (recorded)."""

from __future__ import annotations

import datetime
import json

import pytest

from trigger_client import APIResponseValidationError
from trigger_client._realtime_protocol import ShapeState
from trigger_client._realtime_rows import decode_columns, parse_array, public_status, run_from_row

UTC = datetime.UTC
SCHEMA = {
    "id": {"type": "text"}, "taskIdentifier": {"type": "text"}, "friendlyId": {"type": "text"},
    "status": {"type": "TaskRunStatus"}, "createdAt": {"type": "timestamp"}, "updatedAt": {"type": "timestamp"},
    "startedAt": {"type": "timestamp"}, "completedAt": {"type": "timestamp"}, "number": {"type": "int4"},
    "isTest": {"type": "bool"}, "usageDurationMs": {"type": "int4"}, "costInCents": {"type": "float8"},
    "payload": {"type": "text"}, "payloadType": {"type": "text"}, "metadata": {"type": "text"},
    "metadataType": {"type": "text"}, "output": {"type": "text"}, "outputType": {"type": "text"},
    "runTags": {"type": "text", "dims": 1}, "error": {"type": "jsonb"}, "realtimeStreams": {"type": "text", "dims": 1},
}  # fmt: skip
KEY = '"public"."TaskRun"/"cm0c599c9fc8834a891faf608"'
SNAPSHOT = [
    {
        "key": KEY,
        "value": {
            "id": "cm0c599c9fc8834a891faf608", "taskIdentifier": "harness-task",
            "friendlyId": "run_hrns000000000000000000001", "status": "EXECUTING", "createdAt": "2025-06-01 12:00:00",
            "updatedAt": "2025-06-01 12:00:01.5", "startedAt": "2025-06-01 12:00:01", "completedAt": None,
            "number": "1", "isTest": "false", "usageDurationMs": "1500", "costInCents": "0.0045",
            "payload": '{"hello": "world"}', "payloadType": "application/json", "metadata": '{"progress": 50}',
            "metadataType": "application/json", "output": None, "outputType": "application/json",
            "runTags": "{harness,user:123}", "error": None, "realtimeStreams": "{}",
        },
        "headers": {"operation": "insert", "relation": ["public", "TaskRun"]},
    },
    {"headers": {"control": "up-to-date", "global_last_seen_lsn": "1000"}},
]  # fmt: skip
LIVE = [
    {
        "key": KEY,
        "value": {"id": "cm0c599c9fc8834a891faf608", "status": "COMPLETED_SUCCESSFULLY",
                  "updatedAt": "2025-06-01 12:00:05.25", "completedAt": "2025-06-01 12:00:05.25",
                  "usageDurationMs": "4250", "output": '{"ok": true}', "metadata": '{"progress": 100}'},
        "headers": {"operation": "update", "relation": ["public", "TaskRun"]},
    },
    {"headers": {"control": "up-to-date", "global_last_seen_lsn": "1001"}},
]  # fmt: skip


def answer(state: ShapeState, messages: list, **headers: str) -> list:
    return state.apply(headers, json.dumps(messages).encode())


def test_snapshot_then_live_update_as_the_sdk_received_them() -> None:
    state = ShapeState()
    assert state.query({"log": "full"}) == {"log": "full", "offset": "-1"}
    rows = answer(
        state, SNAPSHOT, **{"electric-handle": "83573651-1748779200000", "electric-offset": "0_0",
                            "electric-cursor": "1", "electric-schema": json.dumps(SCHEMA)},
    )  # fmt: skip
    first = run_from_row(decode_columns(rows[0], state.schema))
    assert (first.id, first.status, first.payload, first.metadata, first.tags) == (
        "run_hrns000000000000000000001", "EXECUTING", {"hello": "world"}, {"progress": 50}, ("harness", "user:123")
    )  # fmt: skip
    assert (first.duration_ms, first.number, first.is_test, first.progress) == (1500, 1, False, 50.0)
    assert first.updated_at == datetime.datetime(2025, 6, 1, 12, 0, 1, 500000, tzinfo=UTC)
    assert state.query({"log": "full"}) == {
        "log": "full", "offset": "0_0", "handle": "83573651-1748779200000", "live": "true", "cursor": "1"
    }  # fmt: skip
    rows = answer(state, LIVE, **{"electric-handle": "83573651-1748779200000", "electric-offset": "1001_0",
                                  "electric-cursor": "2"})  # fmt: skip
    done = run_from_row(decode_columns(rows[0], state.schema))
    assert (done.status, done.output, done.payload, done.is_completed, done.is_final) == (
        "COMPLETED", {"ok": True}, {"hello": "world"}, True, True
    )  # fmt: skip
    assert done.finished_at == datetime.datetime(2025, 6, 1, 12, 0, 5, 250000, tzinfo=UTC)
    assert state.query({})["offset"] == "1001_0"


def test_nothing_is_emitted_before_up_to_date_and_each_key_once() -> None:
    state = ShapeState()
    assert answer(state, SNAPSHOT[:1], **{"electric-offset": "0_0"}) == []
    update = dict(LIVE[0], value={"status": "EXECUTING", "usageDurationMs": "2000"})
    rows = answer(state, [update, LIVE[0], {"headers": {"control": "up-to-date"}}])
    assert len(rows) == 1
    assert rows[0]["status"] == "COMPLETED_SUCCESSFULLY"


def test_an_empty_live_answer_emits_nothing_and_keeps_the_position() -> None:
    state = ShapeState()
    answer(state, SNAPSHOT, **{"electric-handle": "h", "electric-offset": "0_0", "electric-cursor": "1"})
    assert answer(state, [{"headers": {"control": "up-to-date"}}], **{"electric-cursor": "2"}) == []
    assert state.query({}) == {"offset": "0_0", "handle": "h", "live": "true", "cursor": "2"}


def test_must_refetch_starts_over() -> None:
    state = ShapeState()
    answer(state, SNAPSHOT, **{"electric-handle": "h1", "electric-offset": "0_0"})
    assert answer(state, [{"headers": {"control": "must-refetch"}}], **{"electric-handle": "h2"}) == []
    assert (state.rows, state.query({})) == ({}, {"offset": "-1", "handle": "h2"})


def test_deletes_are_ignored() -> None:
    state = ShapeState()
    answer(state, SNAPSHOT)
    assert answer(state, [dict(SNAPSHOT[0], headers={"operation": "delete"}), SNAPSHOT[1]]) == []
    assert KEY in state.rows


@pytest.mark.parametrize("body", [b"not json", b'{"a": 1}'])
def test_a_malformed_answer_is_a_typed_error(body: bytes) -> None:
    with pytest.raises(APIResponseValidationError):
        ShapeState().apply({}, body)


def test_postgres_arrays() -> None:
    assert parse_array('{harness,"user:123","with \\"quote\\"","",NULL}') == [
        "harness", "user:123", 'with "quote"', "", None
    ]  # fmt: skip
    assert parse_array("{}") == []


@pytest.mark.parametrize(
    ("database", "public"),
    [("PENDING", "QUEUED"), ("WAITING_TO_RESUME", "WAITING"), ("RETRYING_AFTER_FAILURE", "EXECUTING"),
     ("COMPLETED_WITH_ERRORS", "FAILED"), ("INTERRUPTED", "FAILED"), ("TIMED_OUT", "TIMED_OUT"),
     ("WAITING_FOR_DEPLOY", "PENDING_VERSION"), ("SOMETHING_NEW", "QUEUED")],
)  # fmt: skip
def test_status_mapping_follows_the_official_sdk(database: str, public: str) -> None:
    assert public_status(database) == public


def test_iso_timestamps_without_zone_and_errors() -> None:
    row = decode_columns(
        {"friendlyId": "run_1", "status": "COMPLETED_WITH_ERRORS", "createdAt": "2025-01-02T03:04:05.678",
         "updatedAt": "2025-01-02T03:04:06", "error": '{"type": "BUILT_IN_ERROR", "name": "TypeError", '
         '"message": "x is undefined", "stackTrace": "at y"}'},
        {"error": {"type": "jsonb"}},
    )  # fmt: skip
    run = run_from_row(row)
    assert run.created_at == datetime.datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    assert (run.status, run.is_failed, run.error) == (
        "FAILED", True, {"name": "TypeError", "message": "x is undefined", "stackTrace": "at y"}
    )  # fmt: skip
