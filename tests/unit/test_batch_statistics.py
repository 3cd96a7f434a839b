"""Batch statistics computed from listed runs, with exact values."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from trigger_client._batch_operations import CancelResult, batch_statistics, percentile


def _run(run_id: str, status: str, duration_ms: float, cost: float = 0.0, success: bool = False) -> Any:
    return SimpleNamespace(
        id=run_id,
        status=status,
        duration_ms=duration_ms,
        cost_in_cents=cost,
        base_cost_in_cents=0.0025,
        is_success=success,
    )


def test_statistics_of_known_runs() -> None:
    runs = [_run(f"run_{n}", "COMPLETED", 100.0 * n, 0.01, True) for n in range(1, 9)]
    runs += [
        _run("run_f1", "FAILED", 50.0),
        _run("run_f2", "CRASHED", 950.0),
        _run("run_c", "CANCELED", 0.0),
        _run("run_q", "QUEUED", 0.0),
    ]
    stats = batch_statistics("batch_1", runs, {"run_f1": "TimeoutError"})
    assert stats.counts == {"CANCELED": 1, "COMPLETED": 8, "CRASHED": 1, "FAILED": 1, "QUEUED": 1}
    assert (stats.total, stats.finished, stats.succeeded, stats.failed, stats.canceled) == (12, 11, 8, 2, 1)
    assert stats.success_rate == 8 / 11
    assert (stats.min_duration_ms, stats.max_duration_ms) == (50.0, 950.0)
    assert stats.average_duration_ms == pytest.approx((3600 + 50 + 950) / 10)
    assert stats.duration_percentiles_ms == {50: 400.0, 90: 800.0, 95: 950.0, 99: 950.0}
    assert stats.total_cost_in_cents == pytest.approx(8 * 0.01 + 12 * 0.0025)
    assert stats.failures_by_error == {"TimeoutError": 1, "UnknownError": 1}


def test_statistics_before_anything_finished() -> None:
    stats = batch_statistics("batch_1", [_run("run_1", "QUEUED", 0.0)], {})
    assert (stats.success_rate, stats.average_duration_ms, stats.duration_percentiles_ms) == (None, None, {})


def test_nearest_rank_percentiles() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert [percentile(values, rank) for rank in (1, 25, 26, 50, 75, 100)] == [10, 10, 20, 20, 30, 40]


def test_a_cancel_result_sums_its_bulk_actions() -> None:
    actions = tuple(
        SimpleNamespace(id=f"bulk_{n}", counts=SimpleNamespace(success=n, failure=1)) for n in (3, 4)
    )
    result = CancelResult(run_ids=("run_1",), bulk_actions=actions)
    assert (result.cancelled, result.failed, result.bulk_action_ids) == (7, 2, ["bulk_3", "bulk_4"])
