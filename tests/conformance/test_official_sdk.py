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
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
        yield emu


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
    }
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
    missing = report["results"][0]
    assert (missing["expectedError"]["class"], missing["expectedError"]["status"]) == ("NotFoundError", 404)

    # What reached the emulator: the SDK's own headers, and its retries of the 404 marked retryable.
    requests = [r for r in sdk_emulator.requests if r.path.startswith("/api/")]
    triggers = [r for r in requests if r.method == "POST" and r.path.endswith("/trigger")]
    assert len(triggers) == 9
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
