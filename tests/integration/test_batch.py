"""Batch triggering over the two-phase v4 API (create, then NDJSON items), and batch retrieval."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trigger_client import (
    BatchItem,
    BatchTriggerError,
    RateLimitError,
    ServerError,
    TriggerOptions,
    UnprocessableEntityError,
    ValidationError,
)


def register_double(emulator: Any) -> None:
    @emulator.task("double")
    def double(payload: Any) -> Any:
        return payload * 2


def test_batch_trigger_creates_the_runs(client: Any, emulator: Any) -> None:
    register_double(emulator)
    items = [BatchItem("double", n, TriggerOptions(tags=["batch"])) for n in range(3)]
    items.append({"task_id": "double", "payload": 10, "options": {"tags": ["batch", "last"]}})
    result = client.tasks.batch_trigger(items)
    assert (len(result), result.run_count) == (1, 4)
    batch = client.batch.retrieve(result.id)
    assert (batch.id, batch.run_count, len(batch.runs)) == (result.id, 4, 4)
    emulator.wait_for_idle()
    outputs = sorted(client.runs.retrieve(run_id).output for run_id in batch.runs)
    assert outputs == [0, 2, 4, 20]
    assert client.batch.retrieve(result.id).status == "COMPLETED"


def test_items_go_out_as_one_ndjson_body(client: Any, emulator: Any) -> None:
    client.tasks.batch_trigger([BatchItem("t1", {"a": 1}), BatchItem("t2", None, {"max_attempts": 2})])
    create, items = [r for r in emulator.requests if r.path.startswith("/api/v3/batches")]
    assert json.loads(create.body) == {"runCount": 2, "taskIdentifiers": ["t1", "t2"]}
    assert items.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in items.body.decode().splitlines()]
    assert lines == [
        {"index": 0, "task": "t1", "payload": {"a": 1}},
        {"index": 1, "task": "t2", "payload": None, "options": {"maxAttempts": 2}},
    ]


def test_more_items_than_a_batch_holds_are_split(client: Any, emulator: Any) -> None:
    result = client.tasks.batch_trigger([BatchItem("not-deployed", n) for n in range(1001)])
    assert [b.run_count for b in result.batches] == [1000, 1]
    assert result.run_count == 1001
    with pytest.raises(ValidationError, match=r"^the items were split over 2 batches: use .ids or .batches$"):
        _ = result.id
    creates = [json.loads(r.body)["runCount"] for r in emulator.requests if r.path == "/api/v3/batches"]
    assert creates == [1000, 1]


def test_duplicate_item_idempotency_keys_are_refused_before_sending(client: Any, emulator: Any) -> None:
    items = [BatchItem("t", {}, {"idempotency_key": "k"}), BatchItem("t", {}, {"idempotency_key": "k"})]
    with pytest.raises(ValidationError, match="batch items 0 and 1 have the same idempotency key"):
        client.tasks.batch_trigger(items)
    assert emulator.requests == []


def test_empty_batch_is_refused(client: Any, emulator: Any) -> None:
    with pytest.raises(ValidationError, match="at least one item"):
        client.tasks.batch_trigger([])


def test_batch_idempotency_key_returns_the_existing_batch_without_new_runs(
    client: Any, emulator: Any
) -> None:
    first = client.tasks.batch_trigger([BatchItem("not-deployed", 1)], idempotency_key="nightly-2025-06-01")
    emulator.clear_requests()
    second = client.tasks.batch_trigger([BatchItem("not-deployed", 1)], idempotency_key="nightly-2025-06-01")
    assert (second.id, second.batches[0].is_cached) == (first.id, True)
    assert [r.path for r in emulator.requests] == ["/api/v3/batches", f"/api/v3/batches/{first.id}/items"]
    assert len(client.batch.retrieve(first.id).runs) == 1


def test_a_batch_whose_items_never_arrived_is_completed_by_a_repeated_call(
    client: Any, emulator: Any
) -> None:
    emulator.faults.add(
        action="status", status=503, body='{"error":"busy"}', path="/api/v3/batches/*/items", times=5
    )
    items = [BatchItem("not-deployed", n) for n in range(3)]
    with pytest.raises(ServerError):
        client.tasks.batch_trigger(items, idempotency_key="import-42")
    result = client.tasks.batch_trigger(items, idempotency_key="import-42")
    assert result.batches[0].is_cached is True
    batch = client.batch.retrieve(result.id)
    assert (batch.run_count, len(batch.runs)) == (3, 3)


def test_a_later_batch_failing_reports_the_batches_already_created(client: Any, emulator: Any) -> None:
    # Rules apply in the order added: the first create goes through, every later one is refused.
    emulator.faults.add(action="latency", seconds=0, path="/api/v3/batches", times=1)
    emulator.faults.add(
        action="status", status=422, body='{"error":"queue full"}', path="/api/v3/batches", times=0
    )
    with pytest.raises(BatchTriggerError, match="1 of 3 batches were created") as info:
        client.tasks.batch_trigger([BatchItem("not-deployed", n) for n in range(2500)])
    error = info.value
    assert (len(error.batches), error.batches[0].run_count, error.first_failed_index) == (1, 1000, 1000)
    assert isinstance(error.error, UnprocessableEntityError)
    assert error.__cause__ is error.error


def test_batch_rate_limit_in_epoch_seconds_is_waited_out(client: Any, emulator: Any) -> None:
    emulator.faults.add(
        action="rate_limit", reset_form="seconds", reset_in_s=1, path="/api/v3/batches", times=1
    )
    result = client.tasks.batch_trigger([BatchItem("not-deployed", 1)])
    assert result.run_count == 1
    assert [r.path for r in emulator.requests].count("/api/v3/batches") == 2


def test_batch_rate_limit_longer_than_the_cap_raises_at_once(client: Any, emulator: Any) -> None:
    emulator.faults.add(
        action="rate_limit", reset_form="seconds", retry_after=3600, path="/api/v3/batches", times=1
    )
    with pytest.raises(RateLimitError) as info:
        client.tasks.batch_trigger([BatchItem("not-deployed", 1)])
    assert info.value.retry_after == 3600
    assert len(emulator.requests) == 1
