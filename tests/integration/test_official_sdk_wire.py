"""For the same inputs, this client sends what the official SDK 4.8.3 sent (``sdk_wire.SDK_REQUESTS``, the
recorded traffic): method, path, query, JSON body and the protocol headers.

These cases cover the operations whose own test modules do not compare with the recording already (runs
list, bulk actions, waitpoints, run metadata and the public-token calls do, next to their behaviour). The
calls use the recorded ids, so most of them answer 404 or 400 here: only the request matters.
"""

from __future__ import annotations

import contextlib
import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from sdk_wire import SDK_REQUESTS, assert_matches_sdk

from trigger_client import TriggerError

RUN = "run_hrns000000000000000000001"
BATCH = "batch_hrns000000000000000000001"
SCHEDULE = "sched_hrns000000000000000000001"
PROJECT = "proj_hrnsharnessharness0001"
QUEUE = "queue_hrns000000000000000000001"
UTC = datetime.UTC

CASES: list[tuple[str, Callable[[Any], Any]]] = [
    ("runs.retrieve #24", lambda c: c.runs.retrieve(RUN)),
    ("runs.cancel #31", lambda c: c.runs.cancel(RUN)),
    ("runs.replay (no options) #32", lambda c: c.runs.replay(RUN)),
    ("runs.reschedule #34", lambda c: c.runs.reschedule(RUN, "1h")),
    (
        "runs.reschedule (Date) #35",
        lambda c: c.runs.reschedule(RUN, datetime.datetime(2025, 6, 2, 9, tzinfo=UTC)),
    ),
    ("runs.poll #36", lambda c: c.runs.poll(RUN, timeout_s=5)),
    ("batch.retrieve #18", lambda c: c.batch.retrieve(BATCH)),
    (
        "schedules.create #59",
        lambda c: c.schedules.create(
            "harness-scheduled-task",
            "0 * * * *",
            deduplication_key="user_123-hourly",
            external_id="user_123",
            timezone="Europe/London",
        ),
    ),
    ("schedules.retrieve #60", lambda c: c.schedules.retrieve(SCHEDULE)),
    ("schedules.list (page, perPage) #61", lambda c: c.schedules.list(page=1, per_page=2).first_page()),
    (
        "schedules.update #64",
        lambda c: c.schedules.update(
            SCHEDULE,
            task_id="harness-scheduled-task",
            cron="30 9 * * 1-5",
            timezone="UTC",
            external_id="user_123",
        ),
    ),
    ("schedules.deactivate #65", lambda c: c.schedules.deactivate(SCHEDULE)),
    ("schedules.activate #66", lambda c: c.schedules.activate(SCHEDULE)),
    ("schedules.del #67", lambda c: c.schedules.delete(SCHEDULE)),
    ("envvars.list #70", lambda c: c.env_vars.list(PROJECT, "dev")),
    (
        "envvars.create #71",
        lambda c: c.env_vars.create(PROJECT, "dev", "API_URL", "https://example.test", is_secret=False),
    ),
    ("envvars.retrieve #72", lambda c: c.env_vars.retrieve(PROJECT, "dev", "API_URL")),
    (
        "core:ApiClient.updateEnvVar (what envvars.update would send) #73",
        lambda c: c.env_vars.update(PROJECT, "dev", "API_URL", "https://changed.example.test"),
    ),
    ("envvars.del #74", lambda c: c.env_vars.delete(PROJECT, "dev", "API_URL")),
    (
        "envvars.upload (import) #75",
        lambda c: c.env_vars.import_variables(
            PROJECT, "dev", {"API_URL": "https://example.test", "FEATURE_FLAG": "on"}, override=True
        ),
    ),
    ("queues.retrieve (id) #77", lambda c: c.queues.retrieve(QUEUE)),
    ("queues.retrieve (task queue by name) #78", lambda c: c.queues.retrieve(task="harness-task")),
    (
        "queues.retrieve (custom queue, name with slash) #79",
        lambda c: c.queues.retrieve(name="tenant/harness-queue"),
    ),
    ("queues.pause #80", lambda c: c.queues.pause(name="harness-queue")),
    ("queues.resume #81", lambda c: c.queues.resume(name="harness-queue")),
    (
        "queues.overrideConcurrencyLimit #82",
        lambda c: c.queues.override_concurrency_limit(task="harness-task", limit=3),
    ),
    ("queues.resetConcurrencyLimit #83", lambda c: c.queues.reset_concurrency_limit(task="harness-task")),
    ("concurrencyLimits.retrieve #85", lambda c: c.concurrency_limits.retrieve("tenant-limit")),
    (
        "concurrencyLimits.retrieve (concurrencyKey) #86",
        lambda c: c.concurrency_limits.retrieve_key("tenant-limit", "tenant-42"),
    ),
    (
        "concurrencyLimits.override (one key) #88",
        lambda c: c.concurrency_limits.override_key("tenant-limit", "tenant-42", per_key=1, ttl=600),
    ),
    ("concurrencyLimits.reset #89", lambda c: c.concurrency_limits.reset("tenant-limit")),
    (
        "concurrencyLimits.reset (concurrencyKey) #90",
        lambda c: c.concurrency_limits.reset_key("tenant-limit", "tenant-42"),
    ),
    ("concurrencyLimits.pause #91", lambda c: c.concurrency_limits.pause("tenant-limit")),
    ("concurrencyLimits.resume #92", lambda c: c.concurrency_limits.resume("tenant-limit")),
    ("deployments.retrieveCurrent #99", lambda c: c.deployments.current()),
    (
        "deployments.list (filters) #100",
        lambda c: c.deployments.list(status="DEPLOYED", period="7d", page_size=5).first_page(),
    ),
    (
        "deployments.list (from/to, cursor) #101",
        lambda c: c.deployments.list(
            from_=datetime.datetime(2025, 6, 1, tzinfo=UTC),
            to=datetime.datetime(2025, 6, 2, tzinfo=UTC),
            after="deployment_hrns0000000000000001",
        ).first_page(),
    ),
]


@pytest.mark.parametrize(("label", "call"), CASES, ids=[label for label, _call in CASES])
def test_the_request_is_the_official_sdks(make_client: Any, emulator: Any, label: str, call: Any) -> None:
    client = make_client(max_retries=0)
    with contextlib.suppress(
        TriggerError
    ):  # the recorded ids are not in this emulator: only the request matters
        call(client)
    assert_matches_sdk(emulator.requests[0], label)


def test_timezones_are_asked_for_as_the_sdk_asks(client: Any, emulator: Any) -> None:
    client.schedules.timezones()
    client.schedules.timezones(exclude_utc=True)
    first, second = emulator.requests
    expected = [SDK_REQUESTS["schedules.timezones #68"], SDK_REQUESTS["schedules.timezones (excludeUtc) #69"]]
    assert [(r.method, r.path, r.query) for r in (first, second)] == [
        (e["method"], e["path"], e["query"]) for e in expected
    ]
    # The SDK sends no credential for the time zones; this client does (the route ignores it).
    assert "authorization" not in {name.lower() for name in expected[0]["headers"]}


def test_list_pages_are_asked_for_as_the_sdk_asks(client: Any, emulator: Any) -> None:
    client.queues.list(page=1, per_page=20).first_page()
    client.concurrency_limits.list(page=1, per_page=10).first_page()
    queues, limits = emulator.requests
    assert_matches_sdk(queues, "queues.list #76")
    assert_matches_sdk(limits, "concurrencyLimits.list #84")


def test_limit_bounds_are_overridden_without_the_ttl_the_sdk_recording_sends(
    client: Any, emulator: Any
) -> None:
    # The SDK's recorded call passed a ttl with the bounds, which the server's schema refuses ("`ttl` only
    # applies to a per-key override"): this client has no ttl for bounds, and sends the rest the same way.
    expected = SDK_REQUESTS["concurrencyLimits.override (bounds) #87"]
    with pytest.raises(TriggerError):
        client.concurrency_limits.override(
            "tenant-limit", per_key=2, total=20, request_options={"max_retries": 0}
        )
    sent = emulator.requests[0]
    assert (sent.method, sent.path) == (expected["method"], expected["path"])
    assert json.loads(sent.body) == {k: v for k, v in expected["body"].items() if k != "ttl"}


def test_the_recording_is_the_projects_reference_copy() -> None:
    import pathlib

    from sdk_wire import RECORDING

    reference = pathlib.Path(__file__).resolve().parents[3] / "shared" / "reference" / RECORDING.name
    if not reference.exists():
        pytest.skip(f"the project's reference recording is not on this machine ({reference})")
    assert RECORDING.read_bytes() == reference.read_bytes()
