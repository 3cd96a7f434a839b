"""Listing, retrieving, polling, cancelling, replaying and rescheduling runs."""

from __future__ import annotations

import datetime
import time
from typing import Any

import httpx
import pytest
from sdk_wire import SDK_REQUESTS

from trigger_client import (
    AuthenticationError,
    BadRequestError,
    PaginationError,
    TriggerClient,
    ValidationError,
    WaitTimeoutError,
)

UTC = datetime.UTC


RUN_ITEM = {
    "id": "run_1", "status": "COMPLETED", "taskIdentifier": "t", "isQueued": False, "isExecuting": False,
    "isWaiting": False, "isCompleted": True, "isSuccess": True, "isFailed": False, "isCancelled": False,
    "isTest": False, "createdAt": "2025-06-01T12:00:00.000Z", "updatedAt": "2025-06-01T12:00:00.000Z",
    "tags": [], "costInCents": 0, "baseCostInCents": 0, "durationMs": 0, "env": {"id": "env_1", "name": "dev"},
}  # fmt: skip
"""A run list item as the server sends it, for the cases the emulator cannot produce."""


def list_queries(emulator: Any) -> list[list[tuple[str, str]]]:
    return [
        sorted(httpx.QueryParams(r.query).multi_items())
        for r in emulator.requests
        if r.path == "/api/v1/runs"
    ]


def test_list_query_with_every_filter_matches_the_official_sdk(client: Any, emulator: Any) -> None:
    list(
        client.runs.list(
            status=["COMPLETED", "FAILED"],
            task_identifier=["harness-task", "harness-other-task"],
            version="20250601.1",
            bulk_action="bulk_hrns000000000000000000001",
            tag=["harness", "user:123"],
            schedule="sched_hrns000000000000000000001",
            is_test=False,
            from_=datetime.datetime(2025, 6, 1, tzinfo=UTC),
            to=datetime.datetime(2025, 6, 2, tzinfo=UTC),
            batch="batch_hrns000000000000000000001",
            queue=[{"type": "task", "name": "harness-task"}, "harness-queue"],
            machine=["small-1x", "small-2x"],
            region="us-east-1",
            page_size=10,
        )
    )
    expected = SDK_REQUESTS["runs.list (all filters) #19"]["query_params"]
    assert list_queries(emulator) == [sorted((k, v[0]) for k, v in expected.items())]


def test_list_query_with_period_matches_the_official_sdk(client: Any, emulator: Any) -> None:
    list(client.runs.list(status="QUEUED", task_identifier="harness-task", period="1d"))
    expected = SDK_REQUESTS["runs.list (period, single status) #20"]["query_params"]
    assert list_queries(emulator) == [sorted((k, v[0]) for k, v in expected.items())]


def test_list_without_time_filters_sends_no_created_at(client: Any, emulator: Any) -> None:
    list(client.runs.list())
    assert list_queries(emulator) == [[]]


def test_naive_datetime_filter_is_refused_before_sending(client: Any, emulator: Any) -> None:
    with pytest.raises(ValidationError, match="timezone-aware") as info:
        client.runs.list(from_=datetime.datetime(2024, 1, 1))
    assert info.value.field == "from_"
    assert emulator.requests == []


def test_iteration_walks_every_page_once(client: Any, emulator: Any) -> None:
    ids = [client.tasks.trigger("not-deployed", n).id for n in range(5)]
    emulator.clear_requests()
    listed = [run.id for run in client.runs.list(page_size=2)]
    assert listed == list(reversed(ids))
    queries = [dict(q) for q in list_queries(emulator)]
    assert [q.get("page[after]") for q in queries] == [None, ids[3], ids[1]]
    assert all(q["page[size]"] == "2" for q in queries)


def test_pages_and_first_page(client: Any) -> None:
    for n in range(3):
        client.tasks.trigger("not-deployed", n)
    first = client.runs.list(page_size=2).first_page()
    assert (len(first.data), first.has_next_page) == (2, True)
    assert [len(page.data) for page in client.runs.list(page_size=2).pages()] == [2, 1]


def test_a_repeated_cursor_stops_iteration_with_a_clear_error() -> None:
    page = {"data": [RUN_ITEM], "pagination": {"next": "cursor-that-never-advances"}}
    # A server that repeats a cursor cannot be made with the emulator, hence a mock transport.
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=page))
    with TriggerClient("tr_dev_x", base_url="http://test", transport=transport) as client:
        seen = []
        with pytest.raises(PaginationError, match="cursor-that-never-advances"):
            for run in client.runs.list():
                seen.append(run.id)
    assert seen == ["run_1"]


def test_retrieve_parses_timed_out_and_statuses_it_has_never_heard_of(client: Any, emulator: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.set_run_status(handle.id, "TIMED_OUT")
    assert client.runs.retrieve(handle.id).status == "TIMED_OUT"
    emulator.set_run_status(handle.id, "HIBERNATING_UNTIL_SPRING")
    run = client.runs.retrieve(handle.id)
    assert (run.id, run.status, str(run.status)) == (
        handle.id,
        "HIBERNATING_UNTIL_SPRING",
        "HIBERNATING_UNTIL_SPRING",
    )
    assert next(iter(client.runs.list())).status == "HIBERNATING_UNTIL_SPRING"


@pytest.mark.parametrize("final", ["EXPIRED", "TIMED_OUT", "CANCELED"])
def test_poll_treats_expired_and_timed_out_as_final(client: Any, emulator: Any, final: str) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.set_run_status(handle.id, final)
    seen: list[str] = []
    run = client.runs.poll(
        handle.id, poll_interval_s=0.01, timeout_s=5, on_poll=lambda r: seen.append(r.status)
    )
    assert (run.status, seen) == (final, [final])


def test_poll_follows_a_run_through_its_lifecycle(client: Any, emulator: Any) -> None:
    @emulator.task("slow")
    def slow(payload: Any) -> str:
        time.sleep(0.3)
        return "done"

    handle = client.tasks.trigger("slow", None)
    seen: list[str] = []
    run = client.runs.poll(
        handle.id, poll_interval_s=0.02, backoff=1.0, on_poll=lambda r: seen.append(r.status)
    )
    assert run.status == "COMPLETED" and run.output == "done"
    assert seen[-1] == "COMPLETED" and "EXECUTING" in seen
    assert seen.index("EXECUTING") < seen.index("COMPLETED")


def test_poll_timeout_carries_the_last_run_seen(client: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    with pytest.raises(WaitTimeoutError) as info:
        client.runs.poll(handle.id, poll_interval_s=0.05, timeout_s=0.3)
    assert info.value.timeout_s == 0.3
    assert info.value.last_seen.id == handle.id
    assert info.value.last_seen.status == "PENDING_VERSION"


def test_poll_stops_at_once_on_authentication_errors(make_client: Any, emulator: Any) -> None:
    client = make_client(api_key="tr_dev_wrongwrongwrongwrongwrong")
    started = time.monotonic()
    with pytest.raises(AuthenticationError):
        client.runs.poll("run_anything", poll_interval_s=0.01, timeout_s=30)
    assert len(emulator.requests) == 1
    assert time.monotonic() - started < 5


def test_poll_keeps_going_through_server_errors(client: Any, emulator: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.set_run_status(handle.id, "COMPLETED")
    emulator.faults.add(action="status", status=503, body='{"error":"busy"}', path="/api/v3/runs/*", times=6)
    run = client.runs.poll(handle.id, poll_interval_s=0.01, timeout_s=10)
    assert run.status == "COMPLETED"


def test_poll_refuses_bad_arguments(client: Any) -> None:
    with pytest.raises(ValidationError, match="poll_interval_s"):
        client.runs.poll("run_1", poll_interval_s=0)
    with pytest.raises(ValidationError, match="backoff"):
        client.runs.poll("run_1", backoff=0.5)


def test_cancel_a_delayed_run(client: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1, delay="1h")
    assert client.runs.cancel(handle.id).id == handle.id
    run = client.runs.retrieve(handle.id)
    assert (run.status, run.is_cancelled) == ("CANCELED", True)


def test_replay_makes_a_new_run_with_the_same_payload(client: Any, emulator: Any) -> None:
    @emulator.task("square")
    def square(payload: int) -> int:
        return payload * payload

    original = client.runs.poll(client.tasks.trigger("square", 7).id, poll_interval_s=0.02)
    replayed = client.runs.replay(original.id)
    assert replayed.id != original.id
    run = client.runs.poll(replayed.id, poll_interval_s=0.02)
    assert (run.payload, run.output) == (7, 49)


def test_reschedule_moves_a_delayed_run(client: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1, delay="1h")
    before = client.runs.retrieve(handle.id).delayed_until
    run = client.runs.reschedule(handle.id, datetime.timedelta(hours=2))
    assert run.status == "DELAYED"
    assert datetime.timedelta(minutes=59) < run.delayed_until - before < datetime.timedelta(minutes=61)


def test_reschedule_of_a_run_that_is_not_delayed_is_a_bad_request(client: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    with pytest.raises(BadRequestError, match="not delayed"):
        client.runs.reschedule(handle.id, "1h")


def test_reschedule_refuses_a_naive_datetime_before_sending(client: Any, emulator: Any) -> None:
    with pytest.raises(ValidationError, match="timezone-aware"):
        client.runs.reschedule("run_1", datetime.datetime(2030, 1, 1))
    assert emulator.requests == []


def test_a_pagination_error_reaches_the_error_hook() -> None:
    page = {"data": [RUN_ITEM], "pagination": {"next": "same"}}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=page))
    seen: list[Exception] = []
    with (
        TriggerClient(
            "tr_dev_x", base_url="http://test", transport=transport, error_hook=seen.append
        ) as client,
        pytest.raises(PaginationError),
    ):
        list(client.runs.list())
    assert [type(e).__name__ for e in seen] == ["PaginationError"]


def test_a_replay_with_changes_triggers_the_task_with_the_merged_payload(client: Any, emulator: Any) -> None:
    payload = {"user": {"name": "ada", "plan": "free"}, "items": [1, 2], "note": "x"}
    original = client.tasks.trigger(
        "not-deployed", payload, delay="1h", tags=["import"], metadata={"step": 1}, ttl="10m"
    ).id
    emulator.clear_requests()
    replayed = client.runs.replay(
        original, modify_payload={"user": {"plan": "pro"}, "items": [3], "note": None}
    )
    assert [(r.method, r.path) for r in emulator.requests] == [
        ("GET", f"/api/v3/runs/{original}"),
        ("POST", "/api/v1/tasks/not-deployed/trigger"),
    ]
    run = client.runs.retrieve(replayed.id)
    assert run.payload == {"user": {"name": "ada", "plan": "pro"}, "items": [3], "note": None}
    assert (sorted(run.tags), run.metadata, run.ttl) == (sorted(["import", original]), {"step": 1}, "10m")
    assert client.runs.retrieve(original).payload == payload


def test_a_replay_with_changes_needs_an_object_payload(client: Any, emulator: Any) -> None:
    text_run = client.tasks.trigger("not-deployed", "just text", delay="1h").id
    emulator.clear_requests()
    with pytest.raises(ValidationError, match="payload that is not a JSON object"):
        client.runs.replay(text_run, modify_payload={"a": 1})
    assert [r.method for r in emulator.requests] == ["GET"]  # no run was made
    emulator.clear_requests()
    with pytest.raises(ValidationError, match="modify_payload must be a mapping"):
        client.runs.replay(text_run, modify_payload=[("a", 1)])
    assert emulator.requests == []


def test_deep_merge_merges_mappings_and_replaces_the_rest() -> None:
    from trigger_client._async.resources.runs import deep_merge

    base = {"a": {"b": 1, "c": {"d": 2}}, "l": [1], "s": "x"}
    assert deep_merge(base, {"a": {"c": {"e": 3}}, "l": [2], "s": {"now": "a mapping"}}) == {
        "a": {"b": 1, "c": {"d": 2, "e": 3}},
        "l": [2],
        "s": {"now": "a mapping"},
    }
    assert base == {"a": {"b": 1, "c": {"d": 2}}, "l": [1], "s": "x"}
