"""The run lifecycle driven by the virtual clock: delays, TTLs, maxDuration, cancel, replay, reschedule."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import httpx

from trigger_api.models.retrieve_run_response import RetrieveRunResponse
from trigger_client.emulator import Emulator, TaskContext

from .helpers import retrieve, trigger, wait_for, wait_for_status


def parse(stamp: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(stamp)


def test_delay_waits_until_the_clock_is_advanced(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("later", lambda payload: "ran")
    run_id = trigger(api, "later", None, delay="1h30m")
    run = retrieve(api, run_id)
    assert (run["status"], run["isQueued"]) == ("DELAYED", True)
    assert parse(run["delayedUntil"]) - parse(run["createdAt"]) == datetime.timedelta(hours=1, minutes=30)
    emu.wait_for_idle()  # a delayed run that is not due does not count as busy
    assert retrieve(api, run_id)["status"] == "DELAYED"
    emu.advance(90 * 60)
    emu.wait_for_idle()
    run = retrieve(api, run_id)
    assert (run["status"], run["output"]) == ("COMPLETED", "ran")
    assert parse(run["startedAt"]) >= parse(run["delayedUntil"])


def test_delay_as_an_instant_and_in_the_past(emu: Emulator, api: httpx.Client) -> None:
    future = trigger(api, "nobody", None, delay="2030-01-01T11:00:00.000Z")
    assert retrieve(api, future)["delayedUntil"] == "2030-01-01T11:00:00.000Z"
    past = trigger(api, "nobody", None, delay="2001-01-01T00:00:00Z")
    run = retrieve(api, past)
    assert run["status"] == "PENDING_VERSION" and "delayedUntil" not in run


def test_a_queued_run_expires_after_its_ttl(emu: Emulator, api: httpx.Client) -> None:
    emu.queue_delay_s = 3600  # keep runs QUEUED: nothing is dequeued for an hour
    emu.register_task("slow-queue", lambda payload: payload)
    run_id = trigger(api, "slow-queue", 1, ttl="5m")
    seconds_ttl = trigger(api, "slow-queue", 2, ttl=90)
    assert retrieve(api, run_id)["status"] == "QUEUED"
    assert retrieve(api, seconds_ttl)["ttl"] == "1m30s"
    emu.advance(5 * 60 + 1)
    run = wait_for_status(api, run_id, "EXPIRED")
    assert "expiredAt" in run and "finishedAt" in run
    assert (run["isCompleted"], run["isFailed"], run["isQueued"]) == (False, False, False)
    assert run["error"] == {"message": "Run expired because the TTL (5m) was reached"}
    assert retrieve(api, seconds_ttl)["status"] == "EXPIRED"


def test_max_duration_times_a_run_out_and_ignores_its_late_result(emu: Emulator, api: httpx.Client) -> None:
    release = threading.Event()

    @emu.task("stuck")
    def stuck(payload: Any) -> str:
        release.wait(5)
        return "too late"

    run_id = trigger(api, "stuck", None, maxDuration=5)
    wait_for_status(api, run_id, "EXECUTING")
    emu.advance(6)
    run = wait_for_status(api, run_id, "TIMED_OUT")
    release.set()
    emu.wait_for_idle()
    run = retrieve(api, run_id)
    assert (run["status"], run["isCompleted"], run["isFailed"]) == ("TIMED_OUT", False, False)
    assert run["error"] == {"message": "trigger.dev internal error (MAX_DURATION_EXCEEDED)"}
    assert "output" not in run and "finishedAt" in run


def test_cancel_stops_a_running_handler_that_checks(emu: Emulator, api: httpx.Client) -> None:
    started = threading.Event()
    noticed = threading.Event()

    @emu.task("long")
    def long(payload: Any, ctx: TaskContext) -> str:
        started.set()
        wait_for(lambda: ctx.is_cancelled, timeout_s=5)
        noticed.set()
        return "finished anyway"

    run_id = trigger(api, "long")
    assert started.wait(5)
    response = api.post(f"/api/v2/runs/{run_id}/cancel")
    assert (response.status_code, response.json()) == (200, {"id": run_id})
    assert noticed.wait(5)
    emu.wait_for_idle()
    run = retrieve(api, run_id)
    assert (run["status"], run["isCancelled"], run["isCompleted"], run["isFailed"]) == (
        "CANCELED",
        True,
        True,
        True,
    )
    assert "output" not in run and "finishedAt" in run
    again = api.post(f"/api/v2/runs/{run_id}/cancel")
    assert (again.status_code, again.json(), retrieve(api, run_id)["finishedAt"]) == (
        200,
        {"id": run_id},
        run["finishedAt"],
    )


def test_cancel_of_a_finished_run_changes_nothing(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("quick", lambda payload: 1)
    run_id = trigger(api, "quick")
    emu.wait_for_idle()
    assert api.post(f"/api/v2/runs/{run_id}/cancel").json() == {"id": run_id}
    assert retrieve(api, run_id)["status"] == "COMPLETED"
    missing = api.post("/api/v2/runs/run_nope/cancel")
    assert (missing.status_code, missing.json(), missing.headers["x-should-retry"]) == (
        404,
        {"error": "Not found"},
        "false",
    )


def test_replay_makes_a_new_run_with_the_same_payload_and_options(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("square", lambda payload: payload * payload)
    original = trigger(api, "square", 7, tags=["x"], metadata={"m": 1}, machine="small-2x")
    emu.wait_for_idle()
    response = api.post(f"/api/v1/runs/{original}/replay")
    assert response.status_code == 200 and set(response.json()) == {"id"}
    replayed = response.json()["id"]
    assert replayed != original
    emu.wait_for_idle()
    run = retrieve(api, replayed)
    assert (run["payload"], run["output"], run["tags"], run["metadata"]) == (7, 49, ["x"], {"m": 1})
    # The route reads no body: the options the official SDK sends with runs.replay(id, {...}) are ignored.
    ignored = api.post(
        f"/api/v1/runs/{original}/replay", json={"payload": 3, "tags": ["replayed"], "version": "2000.1"}
    ).json()["id"]
    emu.wait_for_idle()
    run = retrieve(api, ignored)
    assert (run["payload"], run["output"], run["tags"]) == (7, 49, ["x"])
    assert api.post("/api/v1/runs/run_nope/replay").status_code == 404


def test_reschedule_moves_a_delayed_run(emu: Emulator, api: httpx.Client) -> None:
    run_id = trigger(api, "nobody", None, delay="1h")
    response = api.post(f"/api/v1/runs/{run_id}/reschedule", json={"delay": "2h"})
    assert response.status_code == 200
    run = response.json()
    RetrieveRunResponse.from_dict(run)
    assert (run["id"], run["status"], run["isQueued"]) == (run_id, "DELAYED", True)
    assert parse(run["delayedUntil"]) - parse(run["updatedAt"]) == datetime.timedelta(hours=2)
    at_instant = api.post(f"/api/v1/runs/{run_id}/reschedule", json={"delay": "2031-05-01T00:00:00Z"}).json()
    assert at_instant["delayedUntil"] == "2031-05-01T00:00:00.000Z"


def test_reschedule_refusals(emu: Emulator, api: httpx.Client) -> None:
    not_delayed = trigger(api, "nobody")
    response = api.post(f"/api/v1/runs/{not_delayed}/reschedule", json={"delay": "1h"})
    assert (response.status_code, response.json()) == (
        400,
        {"error": "Cannot reschedule a run that is not delayed"},
    )
    response = api.post(f"/api/v1/runs/{not_delayed}/reschedule", json={"delay": "soon"})
    assert (response.status_code, response.json()) == (400, {"error": "Invalid delay: soon"})
    response = api.post(f"/api/v1/runs/{not_delayed}/reschedule", json={"when": "1h"})
    assert (response.status_code, response.json()) == (400, {"error": "Invalid request body"})
    response = api.post("/api/v1/runs/run_nope/reschedule", json={"delay": "1h"})
    assert (response.status_code, response.json()) == (404, {"error": "Run not found"})
    wrong_key = api.post(
        f"/api/v1/runs/{not_delayed}/reschedule",
        json={"delay": "1h"},
        headers={"Authorization": "Bearer tr_dev_x"},
    )
    assert (wrong_key.status_code, wrong_key.json()) == (401, {"error": "Invalid or missing API Key"})


def test_reset_forgets_runs_tasks_and_clock(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("t", lambda payload: payload)
    run_id = trigger(api, "t", 1)
    emu.advance(100)
    emu.queue_delay_s = 9
    emu.faults.add("latency", seconds=0)
    emu.reset()
    assert emu.requests == [] and len(emu.faults) == 0 and emu.queue_delay_s == 0.05
    assert api.get(f"/api/v3/runs/{run_id}").status_code == 404
    assert retrieve(api, trigger(api, "t", 1))["status"] == "PENDING_VERSION"
