"""Batch operations made of real endpoints: cancel a batch's unfinished runs and many runs through cancel
bulk actions, and a batch's statistics computed from its runs, over loopback."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from trigger_client import Batch, BatchRunCounts, BatchWithRunCounts, ValidationError


class Boom(Exception):
    """A task error with a name of its own."""


def _bulk_creates(emulator: Any) -> list[dict[str, Any]]:
    return [
        json.loads(r.body)
        for r in emulator.requests
        if r.method == "POST" and r.path == "/api/v1/bulk-actions"
    ]


def test_a_batch_cancel_cancels_exactly_its_pending_runs(client: Any, emulator: Any, fast_bulk: None) -> None:
    emulator.register_task("quick", lambda payload: payload)
    items = [{"task_id": "quick", "payload": {"n": n}} for n in range(20)]
    items += [{"task_id": "quick", "payload": {"n": n}, "options": {"delay": "1h"}} for n in range(20, 50)]
    batch_id = client.tasks.batch_trigger(items).id
    runs = client.batch.list_runs(batch_id)
    for run in runs:
        if str(run.status) != "DELAYED":
            client.runs.poll(run.id, poll_interval_s=0.02, timeout_s=20)
    emulator.clear_requests()
    result = client.batch.cancel(batch_id, reason="stop the import", poll_interval_s=0.02)
    assert (result.cancelled, result.failed, len(result.run_ids), len(result.bulk_action_ids)) == (
        30,
        0,
        30,
        1,
    )
    [create] = _bulk_creates(emulator)
    assert create["action"] == "cancel" and create["name"] == "stop the import"
    assert sorted(create["runIds"]) == sorted(run.id for run in runs if str(run.status) == "DELAYED")
    statuses = [str(run.status) for run in client.batch.list_runs(batch_id)]
    assert (len(statuses), statuses.count("CANCELED"), statuses.count("COMPLETED")) == (50, 30, 20)
    again = client.batch.cancel(batch_id)
    assert (again.cancelled, again.run_ids, again.bulk_actions) == (0, (), ())


def test_a_batch_cancel_leaves_running_runs_unless_asked(client: Any, emulator: Any, fast_bulk: None) -> None:
    emulator.register_task("quick", lambda payload: payload)
    batch_id = client.tasks.batch_trigger(
        [{"task_id": "quick", "payload": {}, "options": {"delay": "1h"}} for _ in range(3)]
    ).id
    runs = client.batch.list_runs(batch_id)
    emulator.set_run_status(runs[0].id, "EXECUTING")
    pending_only = client.batch.cancel(batch_id, poll_interval_s=0.02)
    assert pending_only.cancelled == 2
    assert str(client.runs.retrieve(runs[0].id).status) == "EXECUTING"
    running = client.batch.cancel(batch_id, cancel_pending=False, cancel_running=True, poll_interval_s=0.02)
    assert (running.run_ids, running.cancelled) == ((runs[0].id,), 1)


def test_many_runs_are_canceled_in_bulk_actions_of_500(client: Any, emulator: Any, fast_bulk: None) -> None:
    emulator.bulk_action_batch_size = 600
    batch_id = client.tasks.batch_trigger(
        [{"task_id": "later", "payload": {"n": n}, "options": {"delay": "1h"}} for n in range(501)]
    ).id
    ids = [run.id for run in client.batch.list_runs(batch_id)]
    emulator.clear_requests()
    result = client.runs.batch_cancel([*ids, ids[0]], reason="cleanup", poll_interval_s=0.02)
    assert (result.cancelled, result.failed, len(result.run_ids)) == (501, 0, 501)
    creates = _bulk_creates(emulator)
    assert [len(create["runIds"]) for create in creates] == [500, 1]
    assert creates[0]["runIds"] + creates[1]["runIds"] == ids
    assert len(set(result.bulk_action_ids)) == 2


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.runs.batch_cancel([]), "at least one run id"),
        (lambda c: c.runs.batch_cancel("run_1"), "must be a list of run ids"),
        (lambda c: c.runs.batch_cancel(["run_1"], reason="x" * 256), "at most 255 characters"),
        (lambda c: c.batch.cancel("batch_1", cancel_pending=False), "choose the runs to cancel"),
        (lambda c: c.batch.cancel("batch_1", cancel_running="yes"), "cancel_running must be a bool"),
        (lambda c: c.batch.cancel("batch_1", reason=3), "reason must be a string"),
    ],
)
def test_bad_cancel_input_is_refused_before_sending(
    client: Any, emulator: Any, call: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        call(client)
    assert emulator.requests == []


def test_statistics_count_statuses_costs_and_failures_by_error(client: Any, emulator: Any) -> None:
    def work(payload: dict[str, Any]) -> Any:
        time.sleep(0.02)  # every run that ran lasts at least 20 ms
        if payload["fail"] == "boom":
            raise Boom("no")
        if payload["fail"] == "value":
            raise ValueError("bad")
        return payload

    emulator.register_task("work", work, max_attempts=1)
    kinds = ["ok"] * 5 + ["boom"] * 2 + ["value"]
    items = [{"task_id": "work", "payload": {"fail": kind}} for kind in kinds]
    items.append({"task_id": "work", "payload": {"fail": "ok"}, "options": {"delay": "1h"}})
    batch_id = client.tasks.batch_trigger(items).id
    for run in client.batch.list_runs(batch_id):
        if str(run.status) != "DELAYED":
            client.runs.poll(run.id, poll_interval_s=0.02, timeout_s=20)
    runs = client.batch.list_runs(batch_id)
    stats = client.batch.get_statistics(batch_id)
    assert (stats.batch_id, stats.total, stats.finished, stats.succeeded, stats.failed, stats.canceled) == (
        batch_id,
        9,
        8,
        5,
        3,
        0,
    )
    assert stats.counts == {"COMPLETED": 5, "DELAYED": 1, "FAILED": 3}
    assert stats.success_rate == 5 / 8
    assert stats.failures_by_error == {"Boom": 2, "ValueError": 1}
    durations = sorted(run.duration_ms for run in runs if run.duration_ms > 0)
    assert len(durations) == 8 and durations[0] >= 20
    assert (stats.min_duration_ms, stats.max_duration_ms) == (durations[0], durations[-1])
    assert stats.average_duration_ms == pytest.approx(sum(durations) / 8)
    assert stats.duration_percentiles_ms == {
        50: durations[3],
        90: durations[7],
        95: durations[7],
        99: durations[7],
    }
    assert stats.total_cost_in_cents == pytest.approx(
        sum(r.cost_in_cents + r.base_cost_in_cents for r in runs)
    )


def test_retrieve_with_run_counts(client: Any, emulator: Any, fast_bulk: None) -> None:
    def work(payload: dict[str, Any]) -> Any:
        if payload["fail"]:
            raise Boom("no")
        return payload

    emulator.register_task("work", work, max_attempts=1)
    items = [{"task_id": "work", "payload": {"fail": n < 2}} for n in range(6)]
    items += [{"task_id": "work", "payload": {"fail": False}, "options": {"delay": "1h"}} for _ in range(3)]
    batch_id = client.tasks.batch_trigger(items).id
    for run in client.batch.list_runs(batch_id):
        if str(run.status) != "DELAYED":
            client.runs.poll(run.id, poll_interval_s=0.02, timeout_s=20)
    client.runs.cancel(client.batch.list_runs(batch_id)[0].id)  # the newest: a delayed one
    emulator.clear_requests()
    plain = client.batch.retrieve(batch_id)
    assert not isinstance(plain, BatchWithRunCounts)
    assert [r.path for r in emulator.requests] == [f"/api/v2/batches/{batch_id}"]
    counted = client.batch.retrieve(batch_id, run_counts=True)
    assert isinstance(counted, Batch) and isinstance(counted, BatchWithRunCounts)
    # The batch's status is the server's: not COMPLETED while two delayed runs have not finished (the
    # emulator says PROCESSING; a real server says PENDING once every run is created).
    assert (counted.id, str(counted.status), counted.run_count, len(counted.runs)) == (
        batch_id, "PROCESSING", 9, 9,
    )  # fmt: skip
    assert str(counted.status) == str(plain.status)
    assert (counted.total_runs, counted.completed_runs, counted.failed_runs) == (9, 4, 2)
    assert counted.run_counts == BatchRunCounts(
        total=9, completed=4, failed=2, canceled=1, running=0, pending=2
    )
    assert [r.path for r in emulator.requests[1:]] == [f"/api/v2/batches/{batch_id}", "/api/v1/runs"]
    with pytest.raises(ValidationError, match="run_counts must be a bool"):
        client.batch.retrieve(batch_id, run_counts="yes")


def test_a_finished_batch_reads_completed_with_its_counts(client: Any, emulator: Any) -> None:
    def work(payload: dict[str, Any]) -> Any:
        if payload["fail"]:
            raise Boom("no")
        return payload

    emulator.register_task("work", work, max_attempts=1)
    batch_id = client.tasks.batch_trigger(
        [{"task_id": "work", "payload": {"fail": n in (1, 3)}} for n in range(5)]
    ).id
    for run_id in client.batch.retrieve(batch_id).runs:
        client.runs.poll(run_id, poll_interval_s=0.02, timeout_s=20)
    batch = client.batch.retrieve(batch_id, run_counts=True)
    assert (str(batch.status), batch.total_runs, batch.completed_runs, batch.failed_runs) == (
        "COMPLETED",
        5,
        3,
        2,
    )
    assert batch.run_counts == BatchRunCounts(
        total=5, completed=3, failed=2, canceled=0, running=0, pending=0
    )
