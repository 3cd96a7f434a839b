"""What the realtime feeds yield: runs (each change once) and batch progress (no I/O here)."""

from __future__ import annotations

from typing import Any

import attrs

from ._realtime_protocol import ShapeState
from ._realtime_rows import RealtimeRun, decode_columns, run_from_row

__all__ = ["BatchProgress", "BatchUpdates", "RunUpdates"]


class RunUpdates:
    """Turns emitted rows into :class:`RealtimeRun` objects, skipping a row identical to the one last
    yielded for its run (a re-fetched shape after ``must-refetch`` or a server restart repeats rows)."""

    def __init__(self) -> None:
        self._last: dict[str, dict[str, Any]] = {}

    def __call__(self, state: ShapeState, rows: list[dict[str, Any]]) -> list[RealtimeRun]:
        runs = []
        for row in rows:
            key = str(row.get("id") or row.get("friendlyId"))
            if self._last.get(key) == row:
                continue
            self._last[key] = row
            runs.append(run_from_row(decode_columns(row, state.schema)))
        return runs


@attrs.frozen
class BatchProgress:
    """The state of a batch's runs, as a realtime batch subscription yields it on every change.

    Attributes:
        total: Runs of the batch seen so far.
        completed: Runs that succeeded.
        failed: Runs that failed, crashed, expired or timed out.
        canceled: Runs that were cancelled.
        running: Runs starting, executing or waiting.
        queued: Runs not started yet (queued, delayed, waiting for a version).
        runs: Every run, in the order first seen.
    """

    total: int
    completed: int
    failed: int
    canceled: int
    running: int
    queued: int
    runs: tuple[RealtimeRun, ...] = attrs.field(repr=lambda runs: f"<{len(runs)} runs>")

    @property
    def finished(self) -> int:
        """Runs in a final status."""
        return sum(1 for run in self.runs if run.is_final)

    @property
    def progress(self) -> float:
        """The share of runs in a final status, 0.0 to 1.0 (0.0 before any run is seen)."""
        return self.finished / self.total if self.total else 0.0

    @property
    def is_completed(self) -> bool:
        """Every run seen is in a final status (and there is at least one)."""
        return self.total > 0 and self.finished == self.total

    @classmethod
    def of(cls, runs: list[RealtimeRun]) -> BatchProgress:
        """The progress of these runs."""
        return cls(
            total=len(runs),
            completed=sum(1 for run in runs if run.is_success),
            failed=sum(1 for run in runs if run.is_failed),
            canceled=sum(1 for run in runs if run.is_cancelled),
            running=sum(1 for run in runs if run.is_executing or run.is_waiting),
            queued=sum(1 for run in runs if run.is_queued),
            runs=tuple(runs),
        )


class BatchUpdates:
    """Turns each answer that changed some run into one :class:`BatchProgress` over all the batch's runs."""

    def __init__(self) -> None:
        self._runs = RunUpdates()

    def __call__(self, state: ShapeState, rows: list[dict[str, Any]]) -> list[BatchProgress]:
        if not self._runs(state, rows):
            return []
        return [
            BatchProgress.of([run_from_row(decode_columns(row, state.schema)) for row in state.rows.values()])
        ]
