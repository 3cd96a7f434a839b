"""Metrics bookkeeping: the bounded history, percentiles, per-route statistics, options."""

from __future__ import annotations

import datetime

import pytest

from trigger_client import MetricsOptions, PerformanceStats, RequestMetric, ValidationError
from trigger_client._metrics import MetricsRecorder, percentile


def metric(
    duration_ms: float, route: str = "/api/v3/runs/{runId}", status: int | None = 200
) -> RequestMetric:
    return RequestMetric(
        method="GET", route=route, url="http://x" + route, status_code=status, duration_ms=duration_ms,
        success=status is not None and status < 400, attempt=1, retries=0, request_id="r", error_type=None,
        started_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip


def test_percentiles_interpolate_linearly() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100 ms
    assert [percentile(values, q) for q in (50, 90, 95, 99)] == pytest.approx([50.5, 90.1, 95.05, 99.01])
    assert percentile([], 50) == 0.0
    assert percentile([7.0], 99) == 7.0


def test_stats_of_a_known_set_overall_and_per_route() -> None:
    records = [metric(d) for d in (10, 20, 30, 40)] + [metric(100, "/api/v1/runs", status=500)]
    stats = PerformanceStats.of(records)
    assert (stats.total, stats.successful, stats.failed) == (5, 4, 1)
    assert stats.average_ms == pytest.approx(40.0)
    assert stats.p50_ms == pytest.approx(30.0)
    assert stats.p90_ms == pytest.approx(76.0)
    runs = stats.by_route["GET /api/v3/runs/{runId}"]
    assert (runs.total, runs.p50_ms, runs.p99_ms) == (4, 25.0, pytest.approx(39.7))
    assert stats.by_route["GET /api/v1/runs"].failed == 1


def test_history_keeps_exactly_the_last_entries_in_order() -> None:
    recorder = MetricsRecorder(MetricsOptions(enabled=True, history_size=3))
    for duration in range(1, 6):
        recorder.record(metric(float(duration)))
    assert [m.duration_ms for m in recorder.history()] == [3.0, 4.0, 5.0]
    recorder.reset()
    assert recorder.history() == []


def test_nothing_is_recorded_when_disabled() -> None:
    recorder = MetricsRecorder(MetricsOptions())
    recorder.record(metric(1.0))
    assert recorder.history() == []


def test_a_raising_telemetry_hook_is_ignored(caplog: pytest.LogCaptureFixture) -> None:
    def hook(_: RequestMetric) -> None:
        raise RuntimeError("observability is down")

    recorder = MetricsRecorder(MetricsOptions(enabled=True, telemetry_hook=hook))
    recorder.record(metric(1.0))
    assert len(recorder.history()) == 1
    assert "the telemetry hook raised RuntimeError: observability is down (ignored)" in caplog.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, MetricsOptions()), (False, MetricsOptions()), (True, MetricsOptions(enabled=True))],
)
def test_options_coercion(value: object, expected: MetricsOptions) -> None:
    assert MetricsOptions.coerce(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [{"enabled": True, "size": 3}, {"history_size": 0}, "yes"])
def test_bad_options_are_refused(value: object) -> None:
    with pytest.raises(ValidationError):
        MetricsOptions.coerce(value)  # type: ignore[arg-type]
