"""Request metrics: one record per HTTP request on the wire, a bounded history, and timing statistics.

Enable them with ``metrics={"enabled": True}`` (or a :class:`MetricsOptions`). Records never hold
secrets: the URL is redacted and no header is kept. A telemetry hook that raises is logged and ignored.
"""

from __future__ import annotations

import collections
import datetime
import logging
import math
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ._exceptions import ValidationError

__all__ = ["MetricsOptions", "PerformanceStats", "RequestMetric"]

logger = logging.getLogger("trigger_client")


@attrs.frozen
class RequestMetric:
    """One HTTP request (one attempt of a call).

    Attributes:
        method: The HTTP method.
        route: The operation's path template, such as ``/api/v3/runs/{runId}`` (low cardinality).
        url: The full URL with secrets removed.
        status_code: The HTTP status, or None when no answer came (a transport error).
        duration_ms: Milliseconds from sending the request to receiving the response headers.
        success: Whether the status was below 400.
        attempt: The attempt number of this request within its call, from 1.
        retries: Retries used by the call so far (``attempt - 1``).
        request_id: The call's ``x-trigger-request-idempotency-key`` (the same on every attempt).
        error_type: The exception or error class name when the attempt failed, else None.
        started_at: When the request was sent (timezone-aware UTC).
    """

    method: str
    route: str
    url: str
    status_code: int | None
    duration_ms: float
    success: bool
    attempt: int
    retries: int
    request_id: str | None
    error_type: str | None
    started_at: datetime.datetime


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(f"metrics {attribute.name} must be an int >= 1, got {value!r}", field="metrics")


@attrs.frozen
class MetricsOptions:
    """How a client records metrics.

    Attributes:
        enabled: Record a :class:`RequestMetric` for every HTTP request.
        log_timings: Also log one INFO line per request (method, route, status, milliseconds).
        history_size: How many of the most recent records :meth:`get_metrics_history` keeps.
        telemetry_hook: Called with each :class:`RequestMetric` (send it to your observability stack);
            an exception it raises is logged and ignored.
    """

    enabled: bool = False
    log_timings: bool = False
    history_size: int = attrs.field(default=1000, validator=_positive_int)
    telemetry_hook: Callable[[RequestMetric], object] | None = None

    @classmethod
    def coerce(cls, value: MetricsOptions | Mapping[str, Any] | bool | None) -> MetricsOptions:
        """Accept None or False (off), True (on with defaults), a mapping of these names, or the object."""
        if value is None or value is False:
            return cls()
        if value is True:
            return cls(enabled=True)
        if isinstance(value, MetricsOptions):
            return value
        if isinstance(value, Mapping):
            unknown = set(value) - {a.name for a in attrs.fields(cls)}
            if unknown:
                raise ValidationError(
                    f"unknown metrics option(s): {', '.join(sorted(unknown))}", field="metrics"
                )
            return cls(**value)
        raise ValidationError(
            f"metrics must be a bool, a mapping or MetricsOptions, got {value!r}", field="metrics"
        )


@attrs.frozen
class PerformanceStats:
    """Statistics of the requests in the metrics history. Durations in milliseconds (0 when empty).

    Attributes:
        total, successful, failed: Request counts.
        average_ms, p50_ms, p90_ms, p95_ms, p99_ms: Mean and percentiles (linear interpolation).
        by_route: The same statistics for each route (``"GET /api/v3/runs/{runId}"``); empty inside it.
    """

    total: int
    successful: int
    failed: int
    average_ms: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    by_route: Mapping[str, PerformanceStats] = attrs.field(factory=dict)

    @classmethod
    def of(cls, records: Iterable[RequestMetric], *, per_route: bool = True) -> PerformanceStats:
        """Compute the statistics of ``records``."""
        records = list(records)
        durations = sorted(r.duration_ms for r in records)
        successful = sum(1 for r in records if r.success)
        by_route: dict[str, PerformanceStats] = {}
        if per_route:
            groups: dict[str, list[RequestMetric]] = collections.defaultdict(list)
            for record in records:
                groups[f"{record.method} {record.route}"].append(record)
            by_route = {route: cls.of(group, per_route=False) for route, group in sorted(groups.items())}
        return cls(
            total=len(records),
            successful=successful,
            failed=len(records) - successful,
            average_ms=sum(durations) / len(durations) if durations else 0.0,
            p50_ms=percentile(durations, 50),
            p90_ms=percentile(durations, 90),
            p95_ms=percentile(durations, 95),
            p99_ms=percentile(durations, 99),
            by_route=by_route,
        )


def percentile(sorted_values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of sorted values, interpolating linearly between ranks."""
    if not sorted_values:
        return 0.0
    position = (len(sorted_values) - 1) * q / 100
    lower, upper = math.floor(position), math.ceil(position)
    fraction = position - lower
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * fraction


class MetricsRecorder:
    """Keeps the metrics of one client (and of the clients derived from it). Thread-safe."""

    def __init__(self, options: MetricsOptions) -> None:
        self.options = options
        self._history: collections.deque[RequestMetric] = collections.deque(maxlen=options.history_size)
        self._lock = threading.Lock()

    def record(self, metric: RequestMetric) -> None:
        """Keep ``metric``, log it if asked, and pass it to the telemetry hook (whose errors are ignored)."""
        if not self.options.enabled:
            return
        with self._lock:
            self._history.append(metric)
        if self.options.log_timings:
            logger.info(
                "%s %s %s in %.1f ms (attempt %d)",
                metric.method,
                metric.route,
                metric.status_code if metric.status_code is not None else metric.error_type,
                metric.duration_ms,
                metric.attempt,
            )
        hook = self.options.telemetry_hook
        if hook is not None:
            try:
                hook(metric)
            except Exception as exc:
                logger.warning("the telemetry hook raised %s: %s (ignored)", type(exc).__name__, exc)

    def history(self) -> list[RequestMetric]:
        """The most recent records, oldest first (at most ``history_size``)."""
        with self._lock:
            return list(self._history)

    def stats(self) -> PerformanceStats:
        """Statistics of the records in the history."""
        return PerformanceStats.of(self.history())

    def reset(self) -> None:
        """Forget every record."""
        with self._lock:
            self._history.clear()
