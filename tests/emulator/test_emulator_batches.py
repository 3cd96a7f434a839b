"""The two-phase batch API: create, NDJSON items, sealing, retrieval."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from trigger_api.models.batch import Batch
from trigger_api.models.create_batch_response import CreateBatchResponse
from trigger_api.models.stream_batch_items_response import StreamBatchItemsResponse
from trigger_client.emulator import Emulator

from .helpers import assert_no_nulls, retrieve

NDJSON = {"content-type": "application/x-ndjson"}


def ndjson(*items: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(item).encode() + b"\n" for item in items)


def create(api: httpx.Client, run_count: int, **fields: Any) -> httpx.Response:
    return api.post("/api/v3/batches", json={"runCount": run_count, **fields})


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")
def test_create_answers_202_with_a_batch_token(emu: Emulator, api: httpx.Client) -> None:
    response = create(api, 2, taskIdentifiers=["double"])
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"id", "runCount", "isCached"} and (body["runCount"], body["isCached"]) == (2, False)
    assert body["id"].startswith("batch_")
    CreateBatchResponse.from_dict(body)
    claims = jwt.decode(
        response.headers["x-trigger-jwt"],
        emu.api_key,
        algorithms=["HS256"],
        audience="https://api.trigger.dev",
    )
    assert claims["scopes"] == [f"read:batch:{body['id']}"]
    assert json.loads(response.headers["x-trigger-jwt-claims"]) == {"sub": emu.environment_id, "pub": True}


def test_items_seal_the_batch_and_its_runs_execute(emu: Emulator, api: httpx.Client) -> None:
    @emu.task("double")
    def double(payload: int) -> int:
        return payload * 2

    batch_id = create(api, 3).json()["id"]
    pending = api.get(f"/api/v2/batches/{batch_id}").json()
    assert (pending["status"], pending["runs"], pending["processing"]) == ("PENDING", [], {"errors": []})

    first = api.post(
        f"/api/v3/batches/{batch_id}/items",
        content=ndjson(
            {"index": 0, "task": "double", "payload": 1}, {"index": 1, "task": "double", "payload": 2}
        ),
        headers=NDJSON,
    )
    assert first.status_code == 200
    assert first.json() == {
        "id": batch_id,
        "itemsAccepted": 2,
        "itemsDeduplicated": 0,
        "sealed": False,
        "enqueuedCount": 2,
        "expectedCount": 3,
        "runCount": 3,
    }
    StreamBatchItemsResponse.from_dict(first.json())

    def chunked() -> Iterator[bytes]:  # sent with Transfer-Encoding: chunked, as the SDK does
        yield ndjson({"index": 1, "task": "double", "payload": 2})
        yield ndjson({"index": 2, "task": "double", "payload": 3, "options": {"tags": ["last"]}})

    second = api.post(f"/api/v3/batches/{batch_id}/items", content=chunked(), headers={**NDJSON})
    assert second.request.headers["transfer-encoding"] == "chunked"
    assert second.json() == {
        "id": batch_id,
        "itemsAccepted": 1,
        "itemsDeduplicated": 1,
        "sealed": True,
        "runCount": 3,
    }
    emu.wait_for_idle()
    batch = api.get(f"/api/v2/batches/{batch_id}").json()
    assert_no_nulls(batch)
    Batch.from_dict(batch)
    assert (batch["status"], batch["runCount"], len(batch["runs"])) == ("COMPLETED", 3, 3)
    assert batch["processingCompletedAt"] == batch["processing"]["completedAt"]
    runs = [retrieve(api, run_id) for run_id in batch["runs"]]
    assert [run["output"] for run in runs] == [2, 4, 6]
    assert {(run["triggerFunction"], run["batchId"]) for run in runs} == {("batchTrigger", batch_id)}
    assert runs[2]["tags"] == ["last"]
    again = api.post(
        f"/api/v3/batches/{batch_id}/items", content=ndjson({"index": 0, "task": "double"}), headers=NDJSON
    )
    assert again.json() == {
        "id": batch_id,
        "itemsAccepted": 0,
        "itemsDeduplicated": 0,
        "sealed": True,
        "runCount": 3,
    }
    listed = api.get("/api/v1/runs", params={"filter[batch]": batch_id}).json()["data"]
    assert sorted(run["id"] for run in listed) == sorted(batch["runs"])


def test_batch_is_processing_while_runs_are_not_final(api: httpx.Client) -> None:
    batch_id = create(api, 1).json()["id"]
    api.post(
        f"/api/v3/batches/{batch_id}/items", content=ndjson({"index": 0, "task": "nobody"}), headers=NDJSON
    )
    batch = api.get(f"/api/v2/batches/{batch_id}").json()
    assert batch["status"] == "PROCESSING"
    assert retrieve(api, batch["runs"][0])["status"] == "PENDING_VERSION"


def test_batch_idempotency_key_returns_the_existing_batch(api: httpx.Client) -> None:
    first = create(
        api, 1, idempotencyKey="nightly", idempotencyKeyOptions={"key": "nightly", "scope": "global"}
    )
    assert (first.status_code, first.json()["idempotencyKey"]) == (202, "nightly")
    second = create(api, 1, idempotencyKey="nightly")
    # The server answers a repeated key from its request cache: 200, not 202, and no idempotencyKey.
    assert second.status_code == 200
    assert second.json() == {"id": first.json()["id"], "runCount": 1, "isCached": True}
    assert second.headers["x-trigger-jwt"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"runCount": 0}, 'Validation error: Number must be greater than 0 at "runCount"'),
        ({"runCount": 1001}, "Batch runCount of 1001 exceeds maximum allowed of 1000."),
        ({"runCount": "2"}, 'Validation error: Expected number, received string at "runCount"'),
        ({}, 'Validation error: Required at "runCount"'),
    ],
)
def test_create_refusals(api: httpx.Client, body: dict[str, Any], error: str) -> None:
    response = api.post("/api/v3/batches", json=body)
    assert (response.status_code, response.json()) == (400, {"error": error})


def test_item_refusals(api: httpx.Client) -> None:
    batch_id = create(api, 2).json()["id"]
    url = f"/api/v3/batches/{batch_id}/items"
    wrong_type = api.post(
        url, content=ndjson({"index": 0, "task": "t"}), headers={"content-type": "application/json"}
    )
    assert (wrong_type.status_code, wrong_type.json()) == (
        415,
        {"error": "Content-Type must be application/x-ndjson or application/ndjson"},
    )
    bad_json = api.post(
        url, content=b'{"index": 0, "task": "t"}\n{oops\n', headers={"content-type": "application/ndjson"}
    )
    assert bad_json.status_code == 400 and bad_json.json()["error"].startswith("Invalid JSON at line 2")
    out_of_range = api.post(url, content=ndjson({"index": 5, "task": "t"}), headers=NDJSON)
    assert (out_of_range.status_code, out_of_range.json()) == (
        422,
        {"error": "Item index 5 exceeds batch runCount 2"},
    )
    missing_task = api.post(url, content=ndjson({"index": 1}), headers=NDJSON)
    assert missing_task.status_code == 422
    assert missing_task.json()["error"] == 'Invalid item at index 1: Validation error: Required at "task"'
    unknown = api.post(
        "/api/v3/batches/batch_nope/items", content=ndjson({"index": 0, "task": "t"}), headers=NDJSON
    )
    assert (unknown.status_code, unknown.json()) == (422, {"error": "Batch batch_nope not found"})


def test_unknown_batch_is_a_retryable_404(api: httpx.Client) -> None:
    response = api.get("/api/v2/batches/batch_nope")
    assert (response.status_code, response.json()) == (404, {"error": "Not found"})
    assert response.headers["x-should-retry"] == "true"
