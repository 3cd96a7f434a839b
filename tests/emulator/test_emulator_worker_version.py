"""``lockToVersion`` against the emulated worker's one version, and malformed batch ids, over raw HTTP.

Found while running the official SDK against the emulator (tests/conformance): the emulator accepted any
``lockToVersion`` and any batch id, where the server refuses them.
"""

from __future__ import annotations

import re

import httpx

from trigger_client.emulator import Emulator

from .helpers import retrieve, trigger


def test_the_worker_version_is_a_dated_version(emu: Emulator) -> None:
    assert re.fullmatch(r"\d{8}\.1", emu.worker_version)


def test_a_run_locked_to_the_worker_version_runs_and_reports_it(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("t", lambda payload: payload)
    run_id = trigger(api, "t", 7, lockToVersion=emu.worker_version)
    emu.wait_for_idle()
    run = retrieve(api, run_id)
    assert (run["status"], run["output"], run["version"]) == ("COMPLETED", 7, emu.worker_version)


def test_a_version_no_worker_has_is_a_500_and_creates_no_run(emu: Emulator, api: httpx.Client) -> None:
    # The server looks the worker up to pick the run engine and throws a plain Error when it is missing
    # (determineEngineVersion); the trigger route answers that with its generic 500.
    emu.register_task("t", lambda payload: payload)
    response = api.post(
        "/api/v1/tasks/t/trigger", json={"payload": 1, "options": {"lockToVersion": "20000101.9"}}
    )
    assert (response.status_code, response.json()) == (500, {"error": "Something went wrong"})
    assert "x-should-retry" not in response.headers  # so clients retry it, as they do on the real server
    assert api.get("/api/v1/runs").json()["data"] == []


def test_a_version_no_worker_has_with_an_engine_version_header_is_a_422(
    emu: Emulator, api: httpx.Client
) -> None:
    # With x-trigger-engine-version the engine lookup is skipped; the queue resolver refuses the lock.
    response = api.post(
        "/api/v1/tasks/t/trigger",
        json={"payload": 1, "options": {"lockToVersion": "20000101.9"}},
        headers={"x-trigger-engine-version": "V2"},
    )
    assert (response.status_code, response.json()) == (
        422,
        {"error": "Task locked to version '20000101.9', but no worker found with that version."},
    )


def test_a_task_the_locked_version_does_not_have_is_a_422(emu: Emulator, api: httpx.Client) -> None:
    version = emu.worker_version
    response = api.post("/api/v1/tasks/nobody/trigger", json={"options": {"lockToVersion": version}})
    assert (response.status_code, response.json()) == (
        422,
        {"error": f"Task 'nobody' not found on locked version '{version}'."},
    )
    # A queue override skips the task lookup (custom queues are not modelled: any name is accepted).
    queued = api.post(
        "/api/v1/tasks/nobody/trigger",
        json={"options": {"lockToVersion": version, "queue": {"name": "shared"}}},
    )
    assert queued.status_code == 200


def test_an_idempotent_trigger_returns_the_cached_run_before_the_locked_task_check(
    emu: Emulator, api: httpx.Client
) -> None:
    run_id = trigger(api, "nobody", 1, idempotencyKey="k")
    again = api.post(
        "/api/v1/tasks/nobody/trigger",
        json={"options": {"idempotencyKey": "k", "lockToVersion": emu.worker_version}},
    )
    assert (again.status_code, again.json()) == (200, {"id": run_id, "isCached": True})


def test_a_replay_runs_on_the_current_version(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("t", lambda payload: payload)
    run_id = trigger(api, "t", 1)
    replayed = api.post(f"/api/v1/runs/{run_id}/replay", json={"version": "20000101.9"})
    assert replayed.status_code == 200  # the route reads no body
    emu.wait_for_idle()
    assert retrieve(api, replayed.json()["id"])["version"] == emu.worker_version


def test_batch_items_for_a_malformed_batch_id_are_a_400(api: httpx.Client) -> None:
    headers = {"Content-Type": "application/x-ndjson"}
    body = b'{"index":0,"task":"t"}\n'
    for batch_id in ("nope", "batch_a_b", "batch_"):
        response = api.post(f"/api/v3/batches/{batch_id}/items", content=body, headers=headers)
        assert (response.status_code, response.json()) == (
            400,
            {"error": f"Invalid batchFriendlyId: {batch_id}"},
        )
    # A well-formed id that names no batch is still the service's 422.
    unknown = api.post("/api/v3/batches/batch_nope/items", content=body, headers=headers)
    assert (unknown.status_code, unknown.json()) == (422, {"error": "Batch batch_nope not found"})
