"""Servers from before the two-phase batch API (self-hosted ones): ``tasks.batch_trigger`` falls back to
the legacy one-shot route ``POST /api/v2/tasks/batch``, and ``batch.retrieve`` to the older batch shape
``GET /api/v1/batches/{batchId}``. The emulator plays such a server with ``missing_routes``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sdk_wire import assert_matches_sdk

from trigger_client import BatchItem, NotFoundError, TriggerOptions

LEGACY = "POST /api/v3/batches"
OLD_RETRIEVE = "GET /api/v2/batches/{batchId}"


def _double(emulator: Any) -> None:
    @emulator.task("double")
    def double(payload: Any) -> Any:
        return payload * 2


def test_batch_trigger_falls_back_to_the_legacy_route_as_the_sdk_sends_it(client: Any, emulator: Any) -> None:
    emulator.missing_routes = [LEGACY]
    emulator.register_task("harness-task", lambda payload: payload)
    result = client.tasks.batch_trigger([BatchItem("harness-task", {"n": 1}, TriggerOptions(tags=["v3"]))])
    first, legacy = emulator.requests
    assert (first.method, first.path) == ("POST", "/api/v3/batches")
    assert_matches_sdk(legacy, "core:ApiClient.batchTriggerV3 (legacy POST /api/v2/tasks/batch) #169")
    assert legacy.headers["batch-processing-strategy"] == "parallel"
    assert (len(result), result.run_count, result.batches[0].is_cached) == (1, 1, False)
    assert result.batches[0].public_access_token is not None
    emulator.wait_for_idle()
    batch = client.batch.retrieve(result.id)
    assert (batch.status, batch.run_count) == ("COMPLETED", 1)
    assert client.runs.retrieve(batch.runs[0]).output == {"n": 1}
    # The client remembers: the next batch goes straight to the legacy route.
    emulator.clear_requests()
    client.tasks.batch_trigger([BatchItem("harness-task", 2)])
    assert [r.path for r in emulator.requests] == ["/api/v2/tasks/batch"]


def test_legacy_batches_hold_at_most_500_items(client: Any, emulator: Any) -> None:
    emulator.missing_routes = [LEGACY]
    _double(emulator)
    result = client.tasks.batch_trigger([BatchItem("double", n) for n in range(650)])
    legacy = [json.loads(r.body) for r in emulator.requests if r.path == "/api/v2/tasks/batch"]
    assert [len(body["items"]) for body in legacy] == [500, 150]
    assert legacy[1]["items"][0] == {"task": "double", "payload": 500}
    assert [handle.run_count for handle in result] == [500, 150]
    emulator.wait_for_idle()
    runs = client.batch.retrieve(result.ids[1]).runs
    assert sorted(client.runs.retrieve(run_id).output for run_id in runs[:3]) == [1000, 1002, 1004]


def test_legacy_batch_item_keys_come_from_the_batch_key(client: Any, emulator: Any) -> None:
    emulator.missing_routes = [LEGACY]
    _double(emulator)
    first = client.tasks.batch_trigger(
        [BatchItem("double", 1), BatchItem("double", 2)], idempotency_key="nightly"
    )
    again = client.tasks.batch_trigger(
        [BatchItem("double", 1), BatchItem("double", 2)], idempotency_key="nightly"
    )
    assert first.id != again.id  # the legacy route has no batch-level key ...
    runs = [client.batch.retrieve(result.id).runs for result in (first, again)]
    assert runs[0] == runs[1]  # ... but the items' derived keys return the same runs
    body = json.loads(emulator.requests[1].body)
    assert [len(item["options"]["idempotencyKey"]) for item in body["items"]] == [64, 64]


def test_retrieve_falls_back_to_the_older_batch_shape(client: Any, emulator: Any) -> None:
    _double(emulator)
    result = client.tasks.batch_trigger([BatchItem("double", 1), BatchItem("double", 2)])
    emulator.wait_for_idle()
    emulator.missing_routes = [OLD_RETRIEVE]
    emulator.clear_requests()
    batch = client.batch.retrieve(result.id)
    assert [r.path for r in emulator.requests] == [
        f"/api/v2/batches/{result.id}",
        f"/api/v1/batches/{result.id}",
    ]
    assert (batch.id, batch.status, batch.run_count, len(batch.runs)) == (result.id, "COMPLETED", 2, 2)
    assert batch.processing.errors == []
    assert (batch["successfulRunCount"], batch["failedRunCount"]) == (2, 0)
    emulator.clear_requests()
    client.batch.retrieve(result.id)
    assert [r.path for r in emulator.requests] == [f"/api/v1/batches/{result.id}"]


def test_an_unknown_batch_is_not_looked_up_on_the_older_route(client: Any, emulator: Any) -> None:
    with pytest.raises(NotFoundError):
        client.batch.retrieve("batch_doesnotexist0000000000")
    assert {r.path for r in emulator.requests} == {"/api/v2/batches/batch_doesnotexist0000000000"}
    emulator.missing_routes = [OLD_RETRIEVE]
    emulator.clear_requests()
    with pytest.raises(NotFoundError):
        client.batch.retrieve("batch_doesnotexist0000000000")
    assert emulator.requests[0].path == "/api/v2/batches/batch_doesnotexist0000000000"
    assert {r.path for r in emulator.requests[1:]} == {"/api/v1/batches/batch_doesnotexist0000000000"}
