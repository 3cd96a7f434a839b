"""Batch operations the server has no endpoint for, as values: statistics computed on the client from a
batch's runs (counts per status, success rate, durations, cost, failures by error type), and the result
of canceling many runs through bulk actions. No I/O."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._constants import FINAL_RUN_STATUSES

__all__ = [
    "PENDING_RUN_STATUSES",
    "RUNNING_RUN_STATUSES",
    "BatchRunCounts",
    "BatchStatistics",
    "CancelResult",
    "batch_run_counts",
    "batch_statistics",
    "is_failed_run",
    "percentile",
]

PENDING_RUN_STATUSES = frozenset({"PENDING_VERSION", "DELAYED", "QUEUED", "DEQUEUED"})
"""Runs that have not started."""
RUNNING_RUN_STATUSES = frozenset({"EXECUTING", "WAITING"})
"""Runs that started and have not finished."""
_STARTED = FINAL_RUN_STATUSES | RUNNING_RUN_STATUSES
PERCENTILES = (50, 90, 95, 99)
"""The duration percentiles reported (nearest rank)."""


@attrs.frozen
class BatchStatistics:
    """What a batch's runs did, computed by ``client.batch.get_statistics``.

    Attributes:
        batch_id: The batch (``batch_…``).
        total: Runs in the batch.
        counts: Runs per status (``{"COMPLETED": 48, "FAILED": 2}``; only statuses that occur).
        finished: Runs in a final status (completed, failed, crashed, canceled, expired, timed out, …).
        succeeded: Runs that completed successfully.
        failed: Finished runs that did not succeed and were not canceled.
        canceled: Canceled runs.
        success_rate: ``succeeded / finished`` (0.0 to 1.0), or None while no run has finished.
        average_duration_ms, min_duration_ms, max_duration_ms: Over the finished runs that ran
            (``duration_ms`` above 0), in milliseconds; None when there are none.
        duration_percentiles_ms: ``{50: …, 90: …, 95: …, 99: …}`` in milliseconds (nearest rank), or
            empty when no finished run ran.
        total_cost_in_cents: Compute plus invocation cost of every run, in cents.
        failures_by_error: Failed runs per error name (``{"TimeoutError": 2}``; ``"UnknownError"`` when the
            run has no error recorded).
    """

    batch_id: str
    total: int
    counts: dict[str, int]
    finished: int
    succeeded: int
    failed: int
    canceled: int
    success_rate: float | None
    average_duration_ms: float | None
    min_duration_ms: float | None
    max_duration_ms: float | None
    duration_percentiles_ms: dict[int, float]
    total_cost_in_cents: float
    failures_by_error: dict[str, int]


@attrs.frozen
class BatchRunCounts:
    """How many runs of a batch are in each state, counted by ``client.batch.retrieve(batch_id,
    run_counts=True)`` from the batch's runs (the server's batch answers only the total).

    Attributes:
        total: Runs in the batch (listed).
        completed: Runs that completed successfully (COMPLETED).
        failed: Runs that finished without succeeding and were not canceled (FAILED, CRASHED,
            SYSTEM_FAILURE, EXPIRED, TIMED_OUT, …).
        canceled: Canceled runs.
        running: Runs that started and have not finished (EXECUTING, WAITING).
        pending: Runs that have not started (PENDING_VERSION, DELAYED, QUEUED, DEQUEUED, and any status
            added to the API later).
    """

    total: int
    completed: int
    failed: int
    canceled: int
    running: int
    pending: int


def is_failed_run(run: Any) -> bool:
    """Whether a listed run (``status``, ``is_success``) finished without succeeding and was not canceled
    (FAILED, CRASHED, SYSTEM_FAILURE, EXPIRED, TIMED_OUT, ...)."""
    status = str(run.status)
    return status in FINAL_RUN_STATUSES and not run.is_success and status != "CANCELED"


def batch_run_counts(runs: Iterable[Any]) -> BatchRunCounts:
    """The :class:`BatchRunCounts` of listed runs (``status``, ``is_success``). No request."""
    runs = list(runs)
    statuses = [str(run.status) for run in runs]
    return BatchRunCounts(
        total=len(runs),
        completed=sum(1 for run in runs if str(run.status) in FINAL_RUN_STATUSES and run.is_success),
        failed=sum(1 for run in runs if is_failed_run(run)),
        canceled=statuses.count("CANCELED"),
        running=sum(1 for status in statuses if status in RUNNING_RUN_STATUSES),
        pending=sum(1 for status in statuses if status not in _STARTED),
    )


@attrs.frozen
class CancelResult:
    """What ``runs.batch_cancel`` and ``batch.cancel`` did, from the cancel bulk actions they made.

    Attributes:
        run_ids: The runs asked to be canceled.
        bulk_actions: The bulk actions (one per 500 runs), in their final status.
    """

    run_ids: tuple[str, ...]
    bulk_actions: tuple[Any, ...]

    @property
    def cancelled(self) -> int:
        """Runs the bulk actions canceled."""
        return sum(int(action.counts.success) for action in self.bulk_actions)

    @property
    def failed(self) -> int:
        """Runs they could not cancel (already finished, for one)."""
        return sum(int(action.counts.failure) for action in self.bulk_actions)

    @property
    def bulk_action_ids(self) -> list[str]:
        """The bulk action ids (``bulk_…``)."""
        return [str(action.id) for action in self.bulk_actions]


def percentile(sorted_values: Sequence[float], rank: float) -> float:
    """The nearest-rank ``rank``-th percentile (0 < rank ≤ 100) of non-empty, ascending values."""
    index = max(1, math.ceil(rank / 100 * len(sorted_values)))
    return sorted_values[index - 1]


def batch_statistics(batch_id: str, runs: Iterable[Any], error_names: Mapping[str, str]) -> BatchStatistics:
    """Statistics of ``runs`` (listed runs: ``status``, ``is_success``, ``duration_ms``, ``cost_in_cents``,
    ``base_cost_in_cents``), with ``error_names`` the error name of each failed run by run id."""
    runs = list(runs)
    counts = Counter(str(run.status) for run in runs)
    finished = [run for run in runs if str(run.status) in FINAL_RUN_STATUSES]
    tally = batch_run_counts(runs)
    succeeded, canceled = tally.completed, tally.canceled
    failed_runs = [run for run in runs if is_failed_run(run)]
    durations = sorted(float(run.duration_ms) for run in finished if run.duration_ms and run.duration_ms > 0)
    return BatchStatistics(
        batch_id=batch_id,
        total=len(runs),
        counts=dict(sorted(counts.items())),
        finished=len(finished),
        succeeded=succeeded,
        failed=len(failed_runs),
        canceled=canceled,
        success_rate=succeeded / len(finished) if finished else None,
        average_duration_ms=sum(durations) / len(durations) if durations else None,
        min_duration_ms=durations[0] if durations else None,
        max_duration_ms=durations[-1] if durations else None,
        duration_percentiles_ms={rank: percentile(durations, rank) for rank in PERCENTILES}
        if durations
        else {},
        total_cost_in_cents=sum(float(run.cost_in_cents) + float(run.base_cost_in_cents) for run in runs),
        failures_by_error=dict(
            sorted(Counter(error_names.get(run.id, "UnknownError") for run in failed_runs).items())
        ),
    )
