"""Queues and concurrency limits: every route's statuses, messages and JSON shapes, the server's decoding
of queue names, and runs held back by paused queues and limits.

Expected answers are the server's (``routes/api.v1.queues*.ts``, ``QueueRetrievePresenter`` ``toQueueItem``,
``concurrencySystem.server.ts``, ``routes/api.v1.concurrency-limits*.ts``, ``concurrencyLimitsSystem``).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from trigger_client.emulator import Emulator

from .helpers import trigger, wait_for_status


@pytest.fixture
def declared(emu: Emulator) -> Emulator:
    emu.register_task("harness-task", lambda payload: payload, concurrency_limit=10)
    emu.register_task("other.task", lambda payload: payload)
    emu.queue("tenant/harness-queue", concurrency_limit=250)
    emu.concurrency_limit("tenant-limit", per_key=5, total=50, tasks=["harness-task"])
    emu.concurrency_limit("task/other.task", per_key=1, tasks=["other.task"])
    return emu


def queue(api: httpx.Client, segment: str, kind: str = "task") -> dict[str, Any]:
    response = api.get(f"/api/v1/queues/{segment}", params={"type": kind})
    assert response.status_code == 200, response.text
    item: dict[str, Any] = response.json()
    return item


def test_a_task_queue_as_the_server_shows_it(api: httpx.Client, declared: Emulator) -> None:
    item = queue(api, "harness-task")
    assert item["id"].startswith("queue_")
    assert item == {
        "id": item["id"],
        "name": "harness-task",
        "type": "task",
        "running": 0,
        "queued": 0,
        "paused": False,
        "concurrencyLimit": 10,
        "concurrency": {
            "current": 10,
            "base": None,
            "override": None,
            "overriddenBy": None,
            "overriddenAt": None,
        },
        "releaseConcurrencyOnWaitpoint": True,
        "concurrencyLimitOverridePercent": None,
    }
    assert list(item) == [
        "id",
        "name",
        "type",
        "running",
        "queued",
        "paused",
        "concurrencyLimit",
        "concurrency",
        "releaseConcurrencyOnWaitpoint",
        "concurrencyLimitOverridePercent",
    ]
    assert queue(api, item["id"], "id")["name"] == "harness-task"
    assert api.get(f"/api/v1/queues/{item['id']}").json()["id"] == item["id"]  # type defaults to id


def test_list_orders_by_task_id_or_name_and_caps_per_page(api: httpx.Client, declared: Emulator) -> None:
    body = api.get("/api/v1/queues", params={"perPage": 500}).json()
    assert [(q["name"], q["type"]) for q in body["data"]] == [
        ("harness-task", "task"),
        ("othertask", "task"),  # task/<id> is sanitised: the "." is dropped
        ("tenant/harness-queue", "custom"),
    ]
    assert body["pagination"] == {"currentPage": 1, "totalPages": 1, "count": 3}
    assert body["data"][2]["concurrencyLimit"] == 100  # clamped to the environment's limit
    page = api.get("/api/v1/queues", params={"perPage": 2, "page": 2}).json()
    assert ([q["name"] for q in page["data"]], page["pagination"]) == (
        ["tenant/harness-queue"],
        {"currentPage": 2, "totalPages": 2, "count": 3},
    )
    bad = api.get("/api/v1/queues", params={"page": "0", "perPage": "x"})
    assert bad.status_code == 400
    assert bad.json() == {
        "error": "Query Error",
        "details": [
            {"code": "too_small", "message": "Number must be greater than 0", "path": ["page"]},
            {
                "code": "invalid_type",
                "expected": "number",
                "received": "nan",
                "message": "Expected number, received nan",
                "path": ["perPage"],
            },
        ],
    }


def test_custom_queue_names_with_a_slash(api: httpx.Client, declared: Emulator) -> None:
    # The official SDK's form: "/" written %2F, then the segment encoded (%252F).
    assert queue(api, "tenant%252Fharness-queue", "custom")["name"] == "tenant/harness-queue"
    # Encoded once also works: the router keeps %2F, which the route turns into "/".
    assert queue(api, "tenant%2Fharness-queue", "custom")["name"] == "tenant/harness-queue"
    # A bare "/" is two path segments: no route.
    assert api.get("/api/v1/queues/tenant/harness-queue", params={"type": "custom"}).status_code == 404
    missing = api.get("/api/v1/queues/tenant%252Fnope", params={"type": "custom"})
    assert (missing.status_code, missing.json()) == (404, {"error": "queue-not-found"})
    # A task queue is looked up by its unsanitised name: "other.task" finds nothing.
    assert api.get("/api/v1/queues/other.task", params={"type": "task"}).status_code == 404
    broken = api.get("/api/v1/queues/50%25", params={"type": "custom"})
    assert (broken.status_code, broken.json()) == (500, {"error": "Internal Server Error"})
    bad_type = api.get("/api/v1/queues/x", params={"type": "name"})
    assert bad_type.status_code == 400 and bad_type.json()["error"] == "Query Error"


def test_pause_and_resume(api: httpx.Client, declared: Emulator) -> None:
    paused = api.post(
        "/api/v1/queues/tenant%252Fharness-queue/pause", json={"type": "custom", "action": "pause"}
    )
    assert paused.status_code == 200
    body = paused.json()
    assert body["paused"] is True and "concurrencyLimitOverridePercent" not in body
    assert api.post(f"/api/v1/queues/{body['id']}/pause", json={"action": "resume"}).json()["paused"] is False
    invalid = api.post(f"/api/v1/queues/{body['id']}/pause", json={"action": "stop"})
    assert invalid.json() == {
        "error": "Validation error: Invalid enum value. Expected 'pause' | 'resume', received 'stop' at \"action\""
    }
    assert api.post(f"/api/v1/queues/{body['id']}/pause", json={}).json() == {
        "error": 'Validation error: Required at "action"'
    }
    empty = api.post(f"/api/v1/queues/{body['id']}/pause", content=b"")
    assert (empty.status_code, empty.json()) == (400, {"error": "Request body is empty"})
    missing = api.post("/api/v1/queues/queue_nope/pause", json={"action": "pause"})
    assert (missing.status_code, missing.json()) == (404, {"error": "queue-not-found"})
    get = api.get(f"/api/v1/queues/{body['id']}/pause")
    assert (get.status_code, get.content) == (405, b"")


def test_a_paused_queue_starts_nothing(api: httpx.Client, declared: Emulator) -> None:
    api.post("/api/v1/queues/harness-task/pause", json={"type": "task", "action": "pause"})
    run_id = trigger(api, "harness-task", {"n": 1})
    declared.advance(10)
    assert api.get(f"/api/v3/runs/{run_id}").json()["status"] == "QUEUED"
    assert (queue(api, "harness-task")["queued"], queue(api, "harness-task")["running"]) == (1, 0)
    api.post("/api/v1/queues/harness-task/pause", json={"type": "task", "action": "resume"})
    wait_for_status(api, run_id, "COMPLETED")


def test_override_and_reset(api: httpx.Client, declared: Emulator) -> None:
    url = "/api/v1/queues/harness-task/concurrency"
    overridden = api.post(f"{url}/override", json={"type": "task", "concurrencyLimit": 3}).json()
    assert overridden["concurrencyLimit"] == 3
    concurrency = overridden["concurrency"]
    assert (
        concurrency["current"],
        concurrency["base"],
        concurrency["override"],
        concurrency["overriddenBy"],
    ) == (
        3,
        10,
        3,
        None,
    )
    assert concurrency["overriddenAt"].endswith("Z")
    again = api.post(f"{url}/override", json={"type": "task", "percent": 12.5}).json()
    assert (again["concurrencyLimit"], again["concurrency"]["base"]) == (12, 10)  # floor(100 * 12.5%)
    assert queue(api, "harness-task")["concurrencyLimitOverridePercent"] == 12.5
    reset = api.post(f"{url}/reset", json={"type": "task"}).json()
    assert (reset["concurrencyLimit"], reset["concurrency"]) == (
        10,
        {"current": 10, "base": None, "override": None, "overriddenBy": None, "overriddenAt": None},
    )
    not_overridden = api.post(f"{url}/reset", json={"type": "task"})
    assert (not_overridden.status_code, not_overridden.json()) == (400, {"error": "Queue is not overridden"})
    too_high = api.post(f"{url}/override", json={"type": "task", "concurrencyLimit": 101})
    assert too_high.json() == {"error": "Concurrency limit (101) cannot exceed the environment limit (100)"}
    both = api.post(f"{url}/override", json={"type": "task", "concurrencyLimit": 1, "percent": 5})
    assert both.json() == {
        "error": "Validation error: Provide exactly one of `concurrencyLimit` or `percent`"
    }
    negative = api.post(f"{url}/override", json={"type": "task", "concurrencyLimit": -1})
    assert negative.json() == {
        "error": 'Validation error: Number must be greater than or equal to 0 at "concurrencyLimit"'
    }
    missing = api.post("/api/v1/queues/queue_nope/concurrency/override", json={"concurrencyLimit": 1})
    assert (missing.status_code, missing.json()) == (404, {"error": "Queue not found"})


# Concurrency limits


def test_concurrency_limit_shape_and_list(api: httpx.Client, declared: Emulator) -> None:
    limit = api.get("/api/v1/concurrency-limits/tenant-limit").json()
    assert limit["id"].startswith("climit_")
    assert limit == {
        "id": limit["id"],
        "name": "tenant-limit",
        "perKey": {"current": 5, "base": 5, "override": None, "overriddenAt": None},
        "total": {"current": 50, "base": 50, "override": None, "overriddenAt": None},
        "running": 0,
        "queued": 0,
        "paused": False,
    }
    listed = api.get("/api/v1/concurrency-limits", params={"perPage": 1}).json()
    assert [item["name"] for item in listed["data"]] == ["task/other.task"]
    assert listed["pagination"] == {"currentPage": 1, "totalPages": 2, "count": 2}
    over = api.get("/api/v1/concurrency-limits", params={"perPage": 101})
    assert over.status_code == 400
    assert over.json()["details"][0]["message"] == "Number must be less than or equal to 100"
    assert api.get("/api/v1/concurrency-limits/task%2Fother.task").json()["name"] == "task/other.task"
    missing = api.get("/api/v1/concurrency-limits/bad%20name")
    assert (missing.status_code, missing.json()) == (404, {"error": "Concurrency limit not found"})


def test_concurrency_limit_override_reset_and_keys(api: httpx.Client, declared: Emulator) -> None:
    url = "/api/v1/concurrency-limits/tenant-limit"
    overridden = api.post(f"{url}/override", json={"perKey": 2}).json()
    assert overridden["perKey"]["current"] == 2 and overridden["perKey"]["base"] == 5
    assert overridden["total"] == {"current": 50, "base": 50, "override": None, "overriddenAt": None}
    reset = api.post(f"{url}/reset", json={}).json()
    assert reset["perKey"] == {"current": 5, "base": 5, "override": None, "overriddenAt": None}
    assert api.post(f"{url}/reset", json={}).json() == {"error": "Concurrency limit has no override to reset"}
    too_high = api.post(f"{url}/override", json={"total": 101})
    assert too_high.json() == {"error": "`total` (101) cannot exceed the environment limit (100)"}
    for body, message in [
        ({}, "Validation error: Provide at least one of `perKey` or `total`"),
        (
            {"perKey": 1, "ttl": "1h"},
            'Validation error: `ttl` only applies to a per-key override; pass `concurrencyKey` with it at "ttl"',
        ),
        ({"concurrencyKey": "k"}, 'Validation error: A per-key override needs `perKey` at "perKey"'),
        (
            {"concurrencyKey": "k", "perKey": 1, "total": 2},
            'Validation error: `total` is not per key; omit it when overriding one concurrencyKey at "total"',
        ),
    ]:
        response = api.post(f"{url}/override", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message})

    key = api.post(f"{url}/override", json={"concurrencyKey": 42, "perKey": 1, "ttl": 600}).json()
    assert key["perKey"]["expiresAt"].endswith("Z")
    assert key == {
        "name": "tenant-limit",
        "concurrencyKey": "42",
        "perKey": {"current": 1, "base": 5, "override": 1, "expiresAt": key["perKey"]["expiresAt"]},
        "running": 0,
        "paused": False,
    }
    assert api.get(url, params={"concurrencyKey": "42"}).json() == key
    cleared = api.post(f"{url}/reset", json={"concurrencyKey": "42"}).json()
    assert cleared["perKey"] == {"current": 5, "base": 5, "override": None, "expiresAt": None}


def test_concurrency_limit_pause_does_not_decode_task_names(api: httpx.Client, declared: Emulator) -> None:
    paused = api.post("/api/v1/concurrency-limits/tenant-limit/pause", json={"action": "pause"})
    assert paused.json()["paused"] is True
    task_limit = api.post("/api/v1/concurrency-limits/task%2Fother.task/pause", json={"action": "pause"})
    assert (task_limit.status_code, task_limit.json()) == (404, {"error": "Concurrency limit not found"})


def test_a_limit_caps_its_tasks_runs(api: httpx.Client, declared: Emulator) -> None:
    api.post("/api/v1/concurrency-limits/tenant-limit/override", json={"total": 0})
    run_id = trigger(api, "harness-task", {"n": 1}, concurrencyKey="tenant-1")
    declared.advance(10)
    assert api.get(f"/api/v3/runs/{run_id}").json()["status"] == "QUEUED"
    limit = api.get("/api/v1/concurrency-limits/tenant-limit").json()
    assert (limit["queued"], limit["running"]) == (1, 0)
    api.post("/api/v1/concurrency-limits/tenant-limit/reset", json={})
    wait_for_status(api, run_id, "COMPLETED")
