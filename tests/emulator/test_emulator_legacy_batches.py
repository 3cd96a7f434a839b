"""The legacy one-shot batch route (``POST /api/v2/tasks/batch``), the older batch shape
(``GET /api/v1/batches/{batchId}``) and ``missing_routes``, as a server serves them."""

from __future__ import annotations

from typing import Any

import httpx
import jwt
import pytest

from trigger_client.emulator import Emulator

from .helpers import retrieve, wait_for


def _batch(api: httpx.Client, body: Any, **headers: str) -> httpx.Response:
    return api.post("/api/v2/tasks/batch", json=body, headers=headers)


def test_the_one_shot_route_creates_the_batch_and_its_runs(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("double", lambda payload: payload * 2)
    answer = _batch(
        api,
        {
            "items": [
                {"task": "double", "payload": 1},
                {"task": "double", "payload": 2, "options": {"tags": ["t"]}},
            ]
        },
        **{"batch-processing-strategy": "parallel"},
    )
    assert answer.status_code == 202
    body = answer.json()
    assert set(body) == {"id", "runCount"} and body["runCount"] == 2 and body["id"].startswith("batch_")
    claims = jwt.decode(answer.headers["x-trigger-jwt"], options={"verify_signature": False})
    assert claims["scopes"] == [f"read:batch:{body['id']}"] and claims["exp"] - claims["iat"] == 3600
    assert answer.headers["x-trigger-jwt-claims"] == f'{{"sub":"{emu.environment_id}","pub":true}}'
    batch = api.get(f"/api/v2/batches/{body['id']}").json()
    assert len(batch["runs"]) == 2
    wait_for(lambda: api.get(f"/api/v2/batches/{body['id']}").json()["status"] == "COMPLETED")
    runs = [retrieve(api, run_id) for run_id in batch["runs"]]
    assert [(r["output"], r["tags"], r["batchId"]) for r in runs] == [
        (2, [], body["id"]),
        (4, ["t"], body["id"]),
    ]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"items": []}, "Batch cannot be triggered with no items"),
        (
            {"items": [{"task": "double"}] * 501},
            "Batch size of 501 is too large. Maximum allowed batch size is 500.",
        ),
        ({"items": [{"payload": 1}]}, 'Validation error: Required at "items[0].task"'),
        ({}, 'Validation error: Required at "items"'),
    ],
)
def test_invalid_one_shot_batches_are_400(api: httpx.Client, body: Any, error: str) -> None:
    answer = _batch(api, body)
    assert answer.status_code == 400
    assert answer.json()["error"].startswith(error)


def test_the_one_shot_body_is_at_most_1_mb(api: httpx.Client) -> None:
    answer = _batch(api, {"items": [{"task": "double", "payload": "x" * 1_000_000}]})
    assert (answer.status_code, answer.json()) == (413, {"error": "Request body too large"})


def test_a_repeated_request_key_answers_the_first_batch(api: httpx.Client) -> None:
    key = {"x-trigger-request-idempotency-key": "2f1c3a52-5f7b-4b38-9b0e-1a4f6b7f9c01"}
    first = _batch(api, {"items": [{"task": "double", "payload": 1}]}, **key).json()
    again = _batch(api, {"items": [{"task": "double", "payload": 1}]}, **key).json()
    other = _batch(api, {"items": [{"task": "double", "payload": 1}]}).json()
    assert again == first and other["id"] != first["id"]


def test_the_older_batch_shape(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("double", lambda payload: payload * 2)
    created = _batch(
        api, {"items": [{"task": "double", "payload": 1}, {"task": "double", "payload": 2}]}
    ).json()
    older = api.get(f"/api/v1/batches/{created['id']}")
    assert older.status_code == 200
    body = older.json()
    assert set(body) == {
        "id",
        "status",
        "createdAt",
        "updatedAt",
        "runCount",
        "runs",
        "successfulRunCount",
        "failedRunCount",
    }
    assert (body["runCount"], len(body["runs"]), body["successfulRunCount"], body["failedRunCount"]) == (
        2,
        2,
        2,
        0,
    )
    missing = api.get("/api/v1/batches/batch_none00000000000000000000")
    assert (missing.status_code, missing.json(), missing.headers["x-should-retry"]) == (
        404,
        {"error": "Not found"},
        "true",
    )


def test_missing_routes_answer_a_plain_404(emu: Emulator, api: httpx.Client) -> None:
    emu.missing_routes = ["POST /api/v3/batches", "GET /api/v2/batches/{batchId}"]
    create = api.post("/api/v3/batches", json={"runCount": 1})
    assert (create.status_code, create.json()) == (404, {"error": "Not found"})
    assert "x-should-retry" not in create.headers
    assert api.get("/api/v2/batches/batch_x").status_code == 404
    assert (
        api.post(
            "/api/v3/batches/batch_x/items", content=b"", headers={"content-type": "application/x-ndjson"}
        ).status_code
        != 404
    )
    emu.reset()
    assert emu.missing_routes == () and api.post("/api/v3/batches", json={"runCount": 1}).status_code == 202
    with pytest.raises(ValueError, match="missing_routes"):
        emu.missing_routes = ["/api/v3/batches"]


def test_batch_results_have_no_items_for_v4_runs(emu: Emulator, api: httpx.Client) -> None:
    created = _batch(api, {"items": [{"task": "double", "payload": 1}]}).json()
    answer = api.get(f"/api/v1/batches/{created['id']}/results")
    assert (answer.status_code, answer.json()) == (200, {"id": created["id"], "items": []})
    missing = api.get("/api/v1/batches/batch_none00000000000000000000/results")
    assert (missing.status_code, missing.json()) == (404, {"error": "Batch not found"})
    wrong = httpx.get(
        f"{emu.url}/api/v1/batches/{created['id']}/results", headers={"authorization": "Bearer x"}
    )
    assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid or Missing API Key"})
