"""Bulk actions over loopback: cancel and replay by run ids and by filter, the background processing and
its counts, list pages, retrieve, abort, poll, refusal of bad input before sending, and the requests the
official SDK sends for the same calls."""

from __future__ import annotations

import datetime
import json
import time
from typing import Any

import pytest
from sdk_wire import assert_matches_sdk

from trigger_api.types import UNSET, Unset
from trigger_client import ConflictError, NotFoundError, RateLimitError, ValidationError, WaitTimeoutError

UTC = datetime.UTC
SDK_RUN_1, SDK_RUN_2 = "run_hrns000000000000000000001", "run_hrns000000000000000000002"
SDK_BULK = "bulk_hrns000000000000000000001"


def _create_requests(emulator: Any) -> list[Any]:
    return [r for r in emulator.requests if r.method == "POST" and r.path == "/api/v1/bulk-actions"]


def _wait_until(check: Any, timeout_s: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_cancel_by_filter_cancels_the_matching_runs(client: Any, emulator: Any) -> None:
    tagged = [
        client.tasks.trigger("harness-task", {"n": n}, delay="1h", tags=["harness"]).id for n in range(2)
    ]
    untagged = client.tasks.trigger("harness-task", {}, delay="1h").id
    finished = client.tasks.trigger("harness-task", {}, tags=["harness"]).id
    emulator.set_run_status(finished, "COMPLETED")
    other_task = client.tasks.trigger("other-task", {}, delay="1h", tags=["harness"]).id

    created = client.bulk_actions.cancel(
        filter={
            "status": ["QUEUED", "DELAYED"],
            "task_identifier": "harness-task",
            "tag": ["harness"],
            "period": "1h",
        },
        name="harness cancel",
    )
    assert_matches_sdk(_create_requests(emulator)[0], "runs.bulk.cancel (filter) #37")
    done = client.bulk_actions.poll(created.id, poll_interval_s=0.02, timeout_s=10)
    assert (done.id, str(done.type_), str(done.status), done.name) == (
        created.id,
        "CANCEL",
        "COMPLETED",
        "harness cancel",
    )
    assert (done.counts.total, done.counts.success, done.counts.failure) == (2, 2, 0)
    assert done.completed_at is not None and done.completed_at >= done.created_at
    touched = {run.id: str(run.status) for run in client.runs.list(bulk_action=created.id)}
    assert touched == {tagged[0]: "CANCELED", tagged[1]: "CANCELED"}
    statuses = {
        run_id: str(client.runs.retrieve(run_id).status) for run_id in (untagged, finished, other_task)
    }
    assert statuses == {untagged: "DELAYED", finished: "COMPLETED", other_task: "DELAYED"}


def test_cancel_by_run_ids_counts_finished_runs_as_failures(client: Any, emulator: Any) -> None:
    waiting = client.tasks.trigger("harness-task", {}, delay="1h").id
    finished = client.tasks.trigger("harness-task", {}).id
    emulator.set_run_status(finished, "FAILED")
    created = client.bulk_actions.cancel(run_ids=[waiting, finished, "run_nosuchrun000000000000001"])
    assert json.loads(_create_requests(emulator)[0].body) == {
        "action": "cancel",
        "runIds": [waiting, finished, "run_nosuchrun000000000000001"],
    }
    done = client.bulk_actions.poll(created.id, poll_interval_s=0.02)
    assert (done.counts.total, done.counts.success, done.counts.failure) == (2, 1, 1)
    assert isinstance(done.name, Unset)  # the server leaves an absent name out
    assert {run.id: str(run.status) for run in client.runs.list(bulk_action=created.id)} == {
        waiting: "CANCELED",
        finished: "FAILED",
    }


def test_replay_by_run_ids_makes_new_runs(client: Any, emulator: Any) -> None:
    emulator.register_task("harness-task", lambda payload: payload)
    originals = [client.tasks.trigger("harness-task", {"n": n}).id for n in (1, 2)]
    for run_id in originals:
        client.runs.poll(run_id, poll_interval_s=0.02, timeout_s=10)
    created = client.bulk_actions.replay(run_ids=originals, target_region="us-east-1", name="harness replay")
    assert_matches_sdk(
        _create_requests(emulator)[0],
        "runs.bulk.replay (runIds, targetRegion) #38",
        {SDK_RUN_1: originals[0], SDK_RUN_2: originals[1]},
    )
    done = client.bulk_actions.poll(created.id, poll_interval_s=0.02)
    assert (str(done.type_), str(done.status), done.counts.success, done.counts.failure) == (
        "REPLAY",
        "COMPLETED",
        2,
        0,
    )
    replayed = list(client.runs.list(bulk_action=created.id))
    assert len(replayed) == 2 and not {run.id for run in replayed} & set(originals)
    # The emulator's environment is a development one, where the replay service drops regions.
    assert {run.region for run in replayed} == {UNSET}
    payloads = sorted(client.runs.poll(run.id, poll_interval_s=0.02).output["n"] for run in replayed)
    assert payloads == [1, 2]


def test_filter_is_sent_in_the_body_shape(client: Any, emulator: Any) -> None:
    client.bulk_actions.cancel(
        filter={
            "queue": [{"type": "task", "name": "harness-task"}, "tenant/emails", "task/other-task"],
            "machine": "small-1x",
            "from_": datetime.datetime(2025, 6, 1, tzinfo=UTC),
            "to": 1748822400000,
            "is_test": False,
            "version": ["20250601.1"],
            "region": "us-east-1",
            "bulk_action": "bulk_1",
            "schedule": "sched_1",
            "batch": "batch_1",
        }
    )
    assert json.loads(_create_requests(emulator)[0].body) == {
        "action": "cancel",
        "filter": {
            "queue": [
                {"type": "task", "name": "harness-task"},
                {"type": "custom", "name": "tenant/emails"},
                {"type": "task", "name": "other-task"},
            ],
            "machine": "small-1x",
            "from": "2025-06-01T00:00:00.000Z",
            "to": 1748822400000,
            "isTest": False,
            "version": ["20250601.1"],
            "region": "us-east-1",
            "bulkAction": "bulk_1",
            "schedule": "sched_1",
            "batch": "batch_1",
        },
    }


def test_list_retrieve_and_poll_match_the_official_sdk(client: Any, emulator: Any) -> None:
    ids = [
        client.bulk_actions.cancel(run_ids=["run_nosuchrun000000000000001"], name=f"b{n}").id
        for n in range(3)
    ]
    emulator.clear_requests()
    listed = [action.id for action in client.bulk_actions.list(page_size=5)]
    assert listed == list(reversed(ids))
    assert_matches_sdk(emulator.requests[0], "runs.bulk.list #40")
    first = client.bulk_actions.list(page_size=2).first_page()
    assert [action.name for action in first.data] == ["b2", "b1"] and first.next_cursor is not None
    rest = client.bulk_actions.list(page_size=2, after=first.next_cursor).first_page()
    assert [action.name for action in rest.data] == ["b0"] and rest.next_cursor is None
    assert rest.previous_cursor is not None
    back = client.bulk_actions.list(page_size=2, before=rest.previous_cursor).first_page()
    assert [action.name for action in back.data] == ["b2", "b1"]
    emulator.clear_requests()
    retrieved = client.bulk_actions.retrieve(ids[0])
    assert (retrieved.id, retrieved.name, retrieved.counts.total) == (ids[0], "b0", 0)
    assert_matches_sdk(emulator.requests[0], "runs.bulk.retrieve #39", {SDK_BULK: ids[0]})
    emulator.clear_requests()
    seen: list[str] = []
    polled = client.bulk_actions.poll(
        ids[0], poll_interval_s=0.02, on_poll=lambda action: seen.append(str(action.status))
    )
    assert str(polled.status) == "COMPLETED" and seen[-1] == "COMPLETED"
    assert_matches_sdk(emulator.requests[0], "runs.bulk.poll #41", {SDK_BULK: ids[0]})


def test_abort_stops_a_pending_bulk_action(client: Any, emulator: Any) -> None:
    emulator.bulk_action_batch_size = 1
    emulator.bulk_action_batch_delay_s = 3600
    runs = [client.tasks.trigger("harness-task", {}, delay="1h").id for _ in range(3)]
    created = client.bulk_actions.cancel(run_ids=runs)
    started = _wait_until(lambda: (a := client.bulk_actions.retrieve(created.id)).counts.success == 1 and a)
    assert (str(started.status), started.counts.total) == ("PENDING", 3)
    emulator.clear_requests()
    assert client.bulk_actions.abort(created.id).id == created.id
    assert_matches_sdk(emulator.requests[0], "runs.bulk.abort #42", {SDK_BULK: created.id})
    aborted = client.bulk_actions.poll(created.id, poll_interval_s=0.02)
    assert (str(aborted.status), aborted.counts.success) == ("ABORTED", 1)
    assert isinstance(aborted.completed_at, Unset)
    emulator.advance(7200)
    time.sleep(0.2)
    statuses = sorted(str(client.runs.retrieve(run_id).status) for run_id in runs)
    assert statuses == ["CANCELED", "PENDING_VERSION", "PENDING_VERSION"]  # no further batch ran
    with pytest.raises(ConflictError, match=f"already aborted: {created.id}"):
        client.bulk_actions.abort(created.id, request_options={"max_retries": 0})


def test_abort_of_a_completed_bulk_action_is_a_conflict(client: Any, emulator: Any) -> None:
    created = client.bulk_actions.cancel(run_ids=["run_nosuchrun000000000000001"])
    client.bulk_actions.poll(created.id, poll_interval_s=0.02)
    with pytest.raises(ConflictError, match="already completed"):
        client.bulk_actions.abort(created.id, request_options={"max_retries": 0})
    with pytest.raises(NotFoundError, match="Resource not found"):
        client.bulk_actions.abort("bulk_nosuchbulkaction00000001")


def test_unknown_bulk_action_is_not_found_at_once(client: Any, emulator: Any) -> None:
    with pytest.raises(NotFoundError):
        client.bulk_actions.retrieve("bulk_nosuchbulkaction00000001")
    with pytest.raises(NotFoundError):
        client.bulk_actions.poll("bulk_nosuchbulkaction00000001", poll_interval_s=0.02)
    assert len(emulator.requests) == 2  # the server says x-should-retry: false


def test_poll_gives_up_after_timeout_with_the_last_bulk_action(client: Any, emulator: Any) -> None:
    emulator.bulk_action_batch_size = 1
    emulator.bulk_action_batch_delay_s = 3600
    runs = [client.tasks.trigger("harness-task", {}, delay="1h").id for _ in range(2)]
    created = client.bulk_actions.cancel(run_ids=runs)
    with pytest.raises(WaitTimeoutError, match=f"bulk action {created.id} did not finish") as info:
        client.bulk_actions.poll(created.id, poll_interval_s=0.05, timeout_s=0.3)
    assert str(info.value.last_seen.status) == "PENDING"
    assert info.value.timeout_s == 0.3


def test_a_fourth_replay_in_progress_is_refused_without_retries(client: Any, emulator: Any) -> None:
    emulator.bulk_action_batch_size = 1
    emulator.bulk_action_batch_delay_s = 3600
    runs = [client.tasks.trigger("harness-task", {}, delay="1h").id for _ in range(2)]
    for _ in range(3):
        client.bulk_actions.replay(run_ids=runs)
    emulator.clear_requests()
    with pytest.raises(RateLimitError, match="only run 3 bulk replays at a time"):
        client.bulk_actions.replay(run_ids=runs)
    assert len(emulator.requests) == 1
    client.bulk_actions.cancel(run_ids=runs)  # cancels are not capped


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.bulk_actions.cancel(), "run_ids"),
        (lambda c: c.bulk_actions.cancel(run_ids=["run_1"], filter={"tag": "x"}), "run_ids"),
        (lambda c: c.bulk_actions.cancel(run_ids=[]), "run_ids"),
        (lambda c: c.bulk_actions.cancel(run_ids="run_1"), "run_ids"),
        (lambda c: c.bulk_actions.cancel(run_ids=[f"run_{n}" for n in range(501)]), "run_ids"),
        (lambda c: c.bulk_actions.cancel(run_ids=["run_1", "run_1"]), "run_ids"),
        (lambda c: c.bulk_actions.cancel(run_ids=["batch_1"]), "run_ids"),
        (lambda c: c.bulk_actions.cancel(filter={}), "filter"),
        (lambda c: c.bulk_actions.cancel(filter={"tags": "x"}), "filter"),
        (lambda c: c.bulk_actions.cancel(filter=["tag"]), "filter"),
        (lambda c: c.bulk_actions.cancel(filter={"status": "REATTEMPTING"}), "status"),
        (lambda c: c.bulk_actions.cancel(filter={"tag": []}), "tag"),
        (lambda c: c.bulk_actions.cancel(filter={"machine": "huge"}), "machine"),
        (lambda c: c.bulk_actions.cancel(filter={"queue": {"type": "q", "name": "x"}}), "queue"),
        (lambda c: c.bulk_actions.cancel(filter={"from_": datetime.datetime(2025, 1, 1)}), "from_"),
        (lambda c: c.bulk_actions.cancel(filter={"period": "a week"}), "period"),
        (lambda c: c.bulk_actions.cancel(filter={"is_test": "no"}), "is_test"),
        (lambda c: c.bulk_actions.cancel(run_ids=["run_1"], name="n" * 256), "name"),
        (lambda c: c.bulk_actions.replay(run_ids=["run_1"], target_region=""), "target_region"),
        (lambda c: c.bulk_actions.list(page_size=0), "page_size"),
        (lambda c: c.bulk_actions.list(page_size=101), "page_size"),
        (lambda c: c.bulk_actions.list(after="a", before="b"), "before"),
        (lambda c: c.bulk_actions.retrieve(""), "bulk_action_id"),
        (lambda c: c.bulk_actions.abort(".."), "bulk_action_id"),
        (lambda c: c.bulk_actions.poll("bulk_1", poll_interval_s=0), "poll_interval_s"),
        (lambda c: c.bulk_actions.poll("bulk_1", timeout_s=-1), "timeout_s"),
    ],
)
def test_bad_input_is_refused_before_sending(client: Any, emulator: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.field == field
    assert emulator.requests == []
