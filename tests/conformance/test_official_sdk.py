"""The official Trigger.dev TypeScript SDK, unmodified, against the emulator.

``sdk_calls.mjs`` calls every backend function the emulator serves with ``@trigger.dev/sdk`` (pinned in
``package.json``/``package-lock.json``). The SDK checks every answer with its own zod schemas, retries
as it does against the real server and maps errors to its own classes, so a clean run proves that the
emulator speaks the protocol the official client expects. Needs ``node`` and ``npm`` on PATH; the SDK is
installed with ``npm ci`` on first use.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trigger_client import BatchItem, RealtimeRun, TriggerClient, create_cancellable_request
from trigger_client.emulator import Emulator, TaskContext

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "sdk_calls.mjs"

EXPECTED_CALLS = [
    "runs.retrieve (missing run -> NotFoundError after the SDK's retries)",
    "tasks.trigger (all options)",
    "tasks.trigger (same idempotency key -> isCached)",
    "tasks.trigger (plain JSON payload, no options)",
    "tasks.trigger (string payload)",
    "tasks.trigger (delay as Date, ttl as number)",
    "tasks.trigger (slow task, to cancel)",
    "tasks.trigger (task no worker has)",
    "tasks.batchTrigger",
    "batch.trigger (mixed tasks)",
    "runs.poll (run that completes)",
    "runs.poll (plain run)",
    "runs.retrieve",
    "batch.retrieve (500 then 200: the SDK retries)",
    "batch.retrieve",
    "batch.retrieve (tasks.batchTrigger batch)",
    "runs.cancel (429 then 200: the SDK waits for x-ratelimit-reset)",
    "runs.cancel",
    "runs.replay (no options)",
    "runs.replay (with options)",
    "runs.reschedule (duration)",
    "runs.reschedule (Date)",
    "runs.list (all filters)",
    "runs.list (filters that match)",
    "runs.list (period, single status)",
    "runs.list (auto-pagination with for await)",
    "runs.cancel (missing run -> NotFoundError, not retried)",
    "runs.reschedule (run not delayed -> BadRequestError)",
    "tasks.trigger (11 tags -> UnprocessableEntityError)",
    "auth.withAuth (wrong secret key -> AuthenticationError)",
    "schedules.create",
    "schedules.create (same deduplicationKey -> the same schedule)",
    "schedules.retrieve",
    "schedules.list (page, perPage)",
    "schedules.list (auto-pagination with for await)",
    "schedules.update",
    "schedules.deactivate",
    "schedules.activate",
    "schedules.create (task that is not scheduled -> UnprocessableEntityError)",
    "runs.retrieve (a run the schedule triggered, after the clock moved an hour)",
    "schedules.del",
    "schedules.timezones",
    "schedules.timezones (excludeUtc)",
    "envvars.create",
    "envvars.create (secret)",
    "envvars.list",
    "envvars.retrieve",
    "core:ApiClient.updateEnvVar (what envvars.update would send)",
    "envvars.upload (import)",
    "envvars.upload (names already set, no override -> BadRequestError)",
    "envvars.del",
    "envvars.list (another project -> BadRequestError)",
    "queues.list",
    "queues.retrieve (task queue by name)",
    "queues.retrieve (id)",
    "queues.retrieve (custom queue, name with slash)",
    "queues.pause",
    "queues.resume",
    "queues.overrideConcurrencyLimit",
    "queues.resetConcurrencyLimit",
    "queues.retrieve (missing queue -> NotFoundError)",
    "concurrencyLimits.list",
    "concurrencyLimits.retrieve",
    "concurrencyLimits.retrieve (concurrencyKey)",
    "concurrencyLimits.override (bounds)",
    "concurrencyLimits.override (one key)",
    "concurrencyLimits.reset",
    "concurrencyLimits.reset (concurrencyKey)",
    "concurrencyLimits.pause",
    "concurrencyLimits.resume",
    "concurrencyLimits.reset (no override -> BadRequestError)",
    "deployments.retrieveCurrent",
    "deployments.list (filters)",
    "deployments.list (auto-pagination with for await)",
    "deployments.list (from/to, cursor)",
    "runs.bulk.cancel (filter)",
    "runs.bulk.poll",
    "runs.bulk.replay (runIds, targetRegion)",
    "runs.bulk.retrieve",
    "runs.bulk.list",
    "runs.bulk.abort",
    "wait.createToken",
    "wait.createToken (no options)",
    "wait.createToken (same idempotency key -> isCached)",
    "wait.listTokens (filters)",
    "wait.listTokens (from/to)",
    "wait.retrieveToken",
    "wait.completeToken",
    "wait.completeToken (with the token's public access token)",
    "wait.retrieveToken (timed out)",
    "auth.createPublicToken (scopes, expirationTime)",
    "auth.createPublicToken (no options)",
    "auth.createPublicToken (realtime options, boolean scope)",
    "auth.createTriggerPublicToken",
    "auth.createBatchTriggerPublicToken",
    "auth.withPublicToken (runs.retrieve with a public JWT)",
    "auth.withPublicToken (runs.subscribeToRun with a public JWT)",
    "auth.withTriggerPublicToken (tasks.trigger with a trigger JWT)",
    "auth.withTriggerPublicToken (used twice -> UnprocessableEntityError)",
    "auth.withBatchTriggerPublicToken (tasks.batchTrigger with a batch JWT)",
    "auth.createPublicToken (additional API key -> server-minted)",
    "auth.createTriggerPublicToken (additional API key -> server-minted)",
    "idempotencyKeys.create (global scope)",
    "tasks.trigger (idempotencyKeys.create, global scope)",
    "idempotencyKeys.reset (created key)",
    "idempotencyKeys.reset (no run has it -> NotFoundError)",
    "runs.list (project ref, env filter)",
    "runs.list (project ref with a secret key -> AuthenticationError)",
    "core:ApiClient.updateRunMetadata (operations)",
    "core:ApiClient.updateRunMetadata (replace)",
    "core:ApiClient.getRunMetadata (the server's packet string -> ApiSchemaValidationError)",
    "core:ApiClient.addTags",
    "core:ApiClient.addTags (11 tags -> UnprocessableEntityError)",
    "core:ApiClient.listRunEvents",
    "core:ApiClient.retrieveRunTrace",
    "core:ApiClient.retrieveSpan",
    "tasks.trigger (payload >= 128KiB is offloaded)",
    "runs.retrieve (payload/output via presigned URLs)",
    "core:ApiClient.getBatchResults",
    "core:ApiClient.batchTriggerV3 (legacy POST /api/v2/tasks/batch)",
    "runs.subscribeToRun",
    "runs.subscribeToRun (live: QUEUED, EXECUTING, COMPLETED)",
    "runs.subscribeToRun (skipColumns)",
    "runs.subscribeToRunsWithTag",
    "runs.subscribeToBatch",
    "streams.input(...).send",
    "runs.fetchStream",
    "streams.read (key, timeoutInSeconds)",
    "streams.read (startIndex)",
    "streams.input(...).send (v1 run)",
    "streams.read (v1 framing)",
    "streams.input(...).send (finished run -> error)",
]

SDK_TIMEOUT_S = 60
NPM_TIMEOUT_S = 180

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="the official SDK conformance suite needs node and npm on PATH",
)


def _install_sdk() -> None:
    """``npm ci`` from the committed lock file, unless the pinned SDK is already installed."""
    installed = HERE / "node_modules" / "@trigger.dev" / "sdk" / "package.json"
    wanted = json.loads((HERE / "package.json").read_text())["dependencies"]["@trigger.dev/sdk"]
    if installed.exists() and json.loads(installed.read_text()).get("version") == wanted:
        return
    npm = shutil.which("npm")
    assert npm is not None
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=NPM_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, f"npm ci failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def sdk_emulator() -> Iterator[Emulator]:
    """A fresh emulator with the tasks ``sdk_calls.mjs`` triggers (and not ``conformance-missing-task``);
    ``conformance-scheduled-task`` is a scheduled task, so schedules may be attached to it."""
    with Emulator(queue_delay_s=0.02) as emu:

        @emu.task("conformance-task", concurrency_limit=10)
        def conformance_task(payload: Any) -> dict[str, Any]:
            return {"ok": True, "echo": payload}

        @emu.task("conformance-other-task")
        def other_task(payload: Any) -> dict[str, Any]:
            return {"other": True}

        @emu.task("conformance-scheduled-task", scheduled=True)
        def scheduled_task(payload: dict[str, Any]) -> dict[str, Any]:
            return payload

        @emu.task("conformance-slow-task")
        def slow_task(payload: dict[str, Any], ctx: TaskContext) -> dict[str, Any]:
            deadline = time.monotonic() + float(payload["seconds"])
            while time.monotonic() < deadline and not ctx.is_cancelled:
                time.sleep(0.01)
            return {"slow": True}

        emu.queue("tenant/conformance-queue")
        for number in range(1, 7):
            emu.deploy(
                f"20250601.{number}", git={"commitSha": "0" * 40, "branch": "main"}, promote=number == 1
            )
        emu.concurrency_limit("tenant-limit", per_key=5, total=50, tasks=["conformance-other-task"])
        emu.bulk_action_batch_size = 1  # one run per batch, 0.3 s apart: a bulk action can be aborted
        emu.bulk_action_batch_delay_s = 0.3

        @emu.task("conformance-stream-task")
        def stream_task(payload: Any, ctx: TaskContext) -> dict[str, Any]:
            for word in ("Hello", " realtime", " world"):
                ctx.stream().append({"delta": word})
            decision = ctx.input_stream("approval").wait(timeout_s=SDK_TIMEOUT_S)
            ctx.stream().append({"approval": decision})
            ctx.stream("progress").append(100)
            return {"approval": decision}

        emu.realtime_hold_s = 0.5
        yield emu


def _prepare_realtime(emu: Emulator) -> dict[str, str]:
    """The runs the SDK's realtime calls read (see sdk_calls.mjs), made with this project's client."""
    tag = f"realtime-{time.time_ns()}"
    with TriggerClient(emu.api_key, base_url=emu.url) as client:
        done = client.tasks.trigger("conformance-task", {"n": 1}, tags=["rt", tag], metadata={"step": 3}).id
        tagged = client.tasks.trigger("conformance-task", {"n": 2}, tags=[tag]).id
        # Two runs to drive QUEUED -> EXECUTING -> COMPLETED: one for the SDK, one for this client.
        manual, manual_too = (
            client.tasks.trigger("conformance-manual-task", {}, ttl="1d").id for _ in range(2)
        )
        emu.set_run_status(manual, "QUEUED")
        emu.set_run_status(manual_too, "QUEUED")
        [batch_id] = client.tasks.batch_trigger(
            [BatchItem("conformance-task", {"i": i}) for i in range(3)]
        ).ids
        v2 = client.tasks.trigger("conformance-stream-task", None).id
        v1 = client.tasks.trigger(
            "conformance-stream-task",
            None,
            request_options={"extra_headers": {"x-trigger-realtime-streams-version": "v1"}},
        ).id
        for run_id in (done, tagged, *client.batch.retrieve(batch_id).runs):
            client.runs.poll(run_id, poll_interval_s=0.05, timeout_s=10)
    emu.clear_requests()
    return {
        "CONFORMANCE_RT_DONE": done,
        "CONFORMANCE_RT_MANUAL": manual,
        "manual_too": manual_too,
        "CONFORMANCE_RT_TAG": tag,
        "CONFORMANCE_RT_BATCH": batch_id,
        "CONFORMANCE_RT_STREAM_V2": v2,
        "CONFORMANCE_RT_STREAM_V1": v1,
    }


def _view(run: RealtimeRun) -> dict[str, Any]:
    """A run as sdk_calls.mjs reports the SDK's (``runView``)."""

    def iso(moment: Any) -> str | None:
        return None if moment is None else moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    return {
        "id": run.id,
        "status": run.status,
        "taskIdentifier": run.task_identifier,
        "output": run.output,
        "payload": run.payload,
        "tags": list(run.tags),
        "metadata": run.metadata,
        "isCompleted": run.is_completed,
        "isSuccess": run.is_success,
        "isFailed": run.is_failed,
        "createdAt": iso(run.created_at),
        "finishedAt": iso(run.finished_at),
        "durationMs": run.duration_ms,
        "realtimeStreams": list(run.realtime_streams),
    }


def _compare_realtime(emu: Emulator, rt: dict[str, str], data: dict[str, Any]) -> None:
    """This project's client receives what the official SDK received, from the same runs."""
    token, cancel = create_cancellable_request()
    timer = threading.Timer(20, cancel, ("the realtime comparison took too long",))
    timer.start()
    with TriggerClient(emu.api_key, base_url=emu.url) as client:
        options = {"cancel_token": token}
        [completed] = list(client.runs.subscribe_to_run(rt["CONFORMANCE_RT_DONE"], request_options=options))
        assert [_view(completed)] == data["runs.subscribeToRun"]

        manual = rt["manual_too"]
        statuses = []
        for run in client.runs.subscribe_to_run(manual, request_options=options):
            statuses.append(run.status)
            if run.status in ("QUEUED", "EXECUTING"):
                emu.set_run_status(manual, "EXECUTING" if run.status == "QUEUED" else "COMPLETED")
        assert statuses == data["runs.subscribeToRun (live: QUEUED, EXECUTING, COMPLETED)"]

        def final_views(feed: Any, count: int) -> dict[str, dict[str, Any]]:
            views: dict[str, dict[str, Any]] = {}
            with feed:
                for run in feed:
                    views[run.id] = _view(run)
                    if sum(1 for view in views.values() if view["isCompleted"]) == count:
                        return views
            return views

        # 2h: the script moved the emulator's clock an hour forward after these runs were made.
        tagged = client.runs.subscribe_to_runs_with_tag(
            rt["CONFORMANCE_RT_TAG"], created_at="2h", request_options=options
        )
        by_tag = final_views(tagged, 2)
        assert by_tag == {view["id"]: view for view in data["runs.subscribeToRunsWithTag"]}
        batch_feed = client.runs.subscribe_to_batch(
            rt["CONFORMANCE_RT_BATCH"], yield_runs=True, request_options=options
        )
        batch = final_views(batch_feed, 3)
        assert batch == {view["id"]: view for view in data["runs.subscribeToBatch"]}

        v2, v1 = rt["CONFORMANCE_RT_STREAM_V2"], rt["CONFORMANCE_RT_STREAM_V1"]
        assert [part.data for part in client.runs.get_stream(v2)] == data["runs.fetchStream"]
        progress = [part.data for part in client.runs.get_stream(v2, "progress")]
        assert progress == data["streams.read (key, timeoutInSeconds)"]
        after_two = [part.data for part in client.runs.get_stream(v2, last_event_id="1")]
        assert after_two == data["streams.read (startIndex)"]
        assert [part.data for part in client.runs.get_stream(v1)] == data["streams.read (v1 framing)"]
    timer.cancel()


@pytest.mark.timeout(SDK_TIMEOUT_S + NPM_TIMEOUT_S + 30)
def test_the_official_sdk_accepts_every_answer_of_the_emulator(sdk_emulator: Emulator) -> None:
    _install_sdk()
    node = shutil.which("node")
    assert node is not None
    env = {
        **os.environ,
        "TRIGGER_API_URL": sdk_emulator.url,
        "TRIGGER_SECRET_KEY": sdk_emulator.api_key,
        "CONFORMANCE_WORKER_VERSION": sdk_emulator.worker_version,
        "CONFORMANCE_PROJECT_REF": sdk_emulator.project_ref,
        "CONFORMANCE_ADDITIONAL_KEY": sdk_emulator.additional_api_key,
        "CONFORMANCE_PAT": sdk_emulator.personal_access_token,
    }
    realtime = _prepare_realtime(sdk_emulator)
    env.update(realtime)
    for name in (
        "TRIGGER_PREVIEW_BRANCH",
        "VERCEL_GIT_COMMIT_REF",
        "TRIGGER_DEV_BRANCH",
        "TRIGGER_ACCESS_TOKEN",
    ):
        env.pop(name, None)
    result = subprocess.run(
        [node, str(SCRIPT)],
        cwd=HERE,
        env=env,
        capture_output=True,
        text=True,
        timeout=SDK_TIMEOUT_S,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.fail(
            f"sdk_calls.mjs printed no JSON report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    failures = [entry for entry in report["results"] if not entry["ok"]]
    assert failures == [], json.dumps(failures, indent=2)
    assert result.returncode == 0, result.stderr
    assert [entry["call"] for entry in report["results"]] == EXPECTED_CALLS
    assert all(entry["ok"] for entry in report["results"])
    _compare_realtime(
        sdk_emulator, realtime, {entry["call"]: entry.get("data") for entry in report["results"]}
    )
    realtime_requests = [r for r in sdk_emulator.requests if r.path.startswith("/realtime/v1/runs/")]
    assert all(r.headers["x-trigger-electric-version"] == "1.0.0-beta.1" for r in realtime_requests)
    assert any(
        "live=true" in r.query and "handle=" in r.query and "cursor=" in r.query for r in realtime_requests
    )
    sent = [r for r in sdk_emulator.requests if r.path.endswith("/input/approval") and r.method == "POST"]
    assert sent[0].body == b'{"data":{"approved":true}}'
    missing = report["results"][0]
    assert (missing["expectedError"]["class"], missing["expectedError"]["status"]) == ("NotFoundError", 404)

    # What reached the emulator: the SDK's own headers, and its retries of the 404 marked retryable.
    requests = [r for r in sdk_emulator.requests if r.path.startswith("/api/")]
    triggers = [r for r in requests if r.method == "POST" and r.path.endswith("/trigger")]
    # Two make the runs the bulk actions cancel; one the run whose metadata and tags are changed; one
    # carries a payload offloaded to the object store; six are made with public access tokens and
    # idempotency keys.
    assert len(triggers) == 19
    offloaded = [json.loads(r.body) for r in triggers if b"application/store" in r.body]
    assert [body["options"]["payloadSize"] for body in offloaded] == [len('{"json":{"blob":""}}') + 140_000]
    assert re.fullmatch(r"trigger/packet_[1-9a-km-z]{21}/payload\.json", offloaded[0]["payload"])
    for request in triggers:
        assert request.headers["x-trigger-api-version"] == "2025-07-16"
        assert request.headers["trigger-version"] == "4.8.3"
        assert request.headers["x-trigger-source"] == "sdk"
    retried = [r for r in requests if r.path == "/api/v3/runs/run_conformancemissing00000001"]
    assert len(retried) == 5  # the SDK's 5 attempts: the server's 404 carries x-should-retry: true

    # The schedule calls: the SDK's paths and query strings, and no credentials for the time zones.
    schedule_calls = [(r.method, r.path, r.query) for r in requests if "/schedules" in r.path]
    assert ("GET", "/api/v1/schedules", "perPage=2&page=1") in schedule_calls
    assert ("GET", "/api/v1/schedules", "perPage=2") in schedule_calls
    assert ("GET", "/api/v1/schedules", "perPage=2&page=2") in schedule_calls
    timezones = [r for r in requests if r.path == "/api/v1/timezones"]
    assert [r.query for r in timezones] == ["", "excludeUtc=true"]
    assert all("authorization" not in r.headers for r in timezones)

    # The environment variable calls: the SDK's paths, and the project ref it was given.
    envvar_calls = [(r.method, r.path) for r in requests if "/envvars/" in r.path]
    base = f"/api/v1/projects/{sdk_emulator.project_ref}/envvars/dev"
    assert envvar_calls[:5] == [
        ("POST", base),
        ("POST", base),
        ("GET", base),
        ("GET", f"{base}/API_URL"),
        ("PUT", f"{base}/API_URL"),
    ]
    assert ("POST", f"{base}/import") in envvar_calls and ("DELETE", f"{base}/API_URL") in envvar_calls

    # The queue calls: the SDK names queues as the server expects (the "/" of a custom name doubly encoded).
    queue_calls = [(r.method, r.path, r.query) for r in requests if r.path.startswith("/api/v1/queues")]
    assert ("GET", "/api/v1/queues", "perPage=20&page=1") in queue_calls
    assert ("GET", "/api/v1/queues/conformance-task", "type=task") in queue_calls
    assert ("GET", "/api/v1/queues/tenant%2Fconformance-queue", "type=custom") in queue_calls
    deployment_queries = [r.query for r in requests if r.path == "/api/v1/deployments"]
    assert "status=DEPLOYED&period=7d&page%5Bsize%5D=5" in deployment_queries
    limit_calls = [
        (r.method, r.path, r.query) for r in requests if r.path.startswith("/api/v1/concurrency-limits")
    ]
    assert ("GET", "/api/v1/concurrency-limits/tenant-limit", "concurrencyKey=tenant-42") in limit_calls

    # The bulk action and waitpoint token calls: the SDK's bodies, and the emulator's work behind them.
    bulk_bodies = [
        json.loads(r.body) for r in requests if (r.method, r.path) == ("POST", "/api/v1/bulk-actions")
    ]
    assert bulk_bodies[0] == {
        "filter": {
            "status": ["QUEUED", "DELAYED"],
            "taskIdentifier": "conformance-task",
            "tag": ["conformance-bulk"],
            "period": "1h",
        },
        "name": "conformance cancel",
        "action": "cancel",
    }
    assert bulk_bodies[1]["targetRegion"] == "us-east-1" and bulk_bodies[1]["action"] == "replay"
    token_queries = [r.query for r in requests if (r.method, r.path) == ("GET", "/api/v1/waitpoints/tokens")]
    assert token_queries[0].startswith("filter%5Bstatus%5D=WAITING%2CCOMPLETED&filter%5BidempotencyKey%5D=")
    completions = [r for r in requests if r.path.endswith("/complete")]
    assert [r.headers["authorization"].startswith("Bearer eyJ") for r in completions] == [False, True]
