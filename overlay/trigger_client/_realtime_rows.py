"""Realtime run rows: the ``TaskRun`` rows of the Electric shape protocol turned into :class:`RealtimeRun`,
the way the official SDK turns them into run objects (``transformRunShape``)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from typing import Any

import attrs
from dateutil.parser import isoparse

from ._packets import decode_packet

__all__ = ["RealtimeRun", "decode_columns", "public_status", "run_from_row"]

# The database status of a run, mapped to the public v4 status as the official SDK maps it.
_PUBLIC_STATUS = {
    "DELAYED": "DELAYED",
    "WAITING_FOR_DEPLOY": "PENDING_VERSION",
    "PENDING_VERSION": "PENDING_VERSION",
    "PENDING": "QUEUED",
    "PAUSED": "WAITING",
    "WAITING_TO_RESUME": "WAITING",
    "DEQUEUED": "DEQUEUED",
    "RETRYING_AFTER_FAILURE": "EXECUTING",
    "EXECUTING": "EXECUTING",
    "CANCELED": "CANCELED",
    "COMPLETED_SUCCESSFULLY": "COMPLETED",
    "SYSTEM_FAILURE": "SYSTEM_FAILURE",
    "CRASHED": "CRASHED",
    "INTERRUPTED": "FAILED",
    "COMPLETED_WITH_ERRORS": "FAILED",
    "EXPIRED": "EXPIRED",
    "TIMED_OUT": "TIMED_OUT",
}
_QUEUED = frozenset({"PENDING_VERSION", "QUEUED", "PENDING", "DELAYED"})
_EXECUTING = frozenset({"DEQUEUED", "EXECUTING"})
_FAILED = frozenset({"FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT"})


def public_status(database_status: str | None) -> str:
    """The public status for a database status; any status the SDK does not know maps to ``QUEUED``, as in
    the official SDK."""
    return _PUBLIC_STATUS.get(database_status or "", "QUEUED")


@attrs.frozen
class RealtimeRun:
    """A run as a realtime subscription sees it. Times are timezone-aware UTC.

    Attributes:
        id: The run id (``run_…``).
        task_identifier: The task.
        status: The public v4 status (mapped from the database status as the official SDK maps it).
        created_at, updated_at: Always set.
        started_at, finished_at, delayed_until, queued_at, expired_at: When known, else None.
        payload, output: Decoded values (JSON and superjson become Python values); None when skipped.
        metadata: The run metadata (a dict), or None.
        error: ``{"name", "message", "stackTrace"}`` when the run failed, else None.
        tags: The run's tags.
        duration_ms: Compute time in milliseconds.
        cost_in_cents, base_cost_in_cents: Costs in cents.
        idempotency_key, ttl: As triggered.
        is_test: A test run.
        number: The run number in its environment.
        realtime_streams: The keys of the run's output streams.
    """

    id: str
    task_identifier: str
    status: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    started_at: datetime.datetime | None = None
    finished_at: datetime.datetime | None = None
    delayed_until: datetime.datetime | None = None
    queued_at: datetime.datetime | None = None
    expired_at: datetime.datetime | None = None
    payload: Any = None
    output: Any = None
    metadata: Any = None
    error: Mapping[str, Any] | None = None
    tags: tuple[str, ...] = ()
    duration_ms: int = 0
    cost_in_cents: float = 0.0
    base_cost_in_cents: float = 0.0
    idempotency_key: str | None = None
    ttl: str | None = None
    is_test: bool = False
    number: int | None = None
    realtime_streams: tuple[str, ...] = ()

    @property
    def is_queued(self) -> bool:
        """Waiting to start (PENDING_VERSION, QUEUED, DELAYED)."""
        return self.status in _QUEUED

    @property
    def is_executing(self) -> bool:
        """Starting or running (DEQUEUED, EXECUTING)."""
        return self.status in _EXECUTING

    @property
    def is_waiting(self) -> bool:
        """Suspended on a wait (WAITING)."""
        return self.status == "WAITING"

    @property
    def is_success(self) -> bool:
        """COMPLETED."""
        return self.status == "COMPLETED"

    @property
    def is_failed(self) -> bool:
        """FAILED, CRASHED, SYSTEM_FAILURE, EXPIRED or TIMED_OUT."""
        return self.status in _FAILED

    @property
    def is_cancelled(self) -> bool:
        """CANCELED."""
        return self.status == "CANCELED"

    @property
    def is_completed(self) -> bool:
        """Succeeded or failed (as in the official SDK, a cancelled run is not "completed": see
        :attr:`is_final`)."""
        return self.is_success or self.is_failed

    @property
    def is_final(self) -> bool:
        """Will not change any more: completed, failed or cancelled."""
        return self.is_completed or self.is_cancelled or self.finished_at is not None

    @property
    def progress(self) -> float | None:
        """``metadata["progress"]`` when the task reports a number there (commonly 0..1 or 0..100)."""
        value = self.metadata.get("progress") if isinstance(self.metadata, dict) else None
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def decode_columns(row: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    """The typed values of a shape row (whose values are strings or null), using ``electric-schema``."""
    return {name: _decode(value, schema.get(name) or {}) for name, value in row.items()}


def run_from_row(row: Mapping[str, Any]) -> RealtimeRun:
    """A :class:`RealtimeRun` from a row already typed by :func:`decode_columns`."""
    metadata = row.get("metadata")
    metadata_type = row.get("metadataType")
    return RealtimeRun(
        id=str(row.get("friendlyId") or row.get("id")),
        task_identifier=str(row.get("taskIdentifier") or ""),
        status=public_status(row.get("status")),
        created_at=_utc(row.get("createdAt")) or datetime.datetime.fromtimestamp(0, datetime.UTC),
        updated_at=_utc(row.get("updatedAt")) or datetime.datetime.fromtimestamp(0, datetime.UTC),
        started_at=_utc(row.get("startedAt")),
        finished_at=_utc(row.get("completedAt")),
        delayed_until=_utc(row.get("delayUntil")),
        queued_at=_utc(row.get("queuedAt")),
        expired_at=_utc(row.get("expiredAt")),
        payload=decode_packet(row.get("payload"), row.get("payloadType")),
        output=decode_packet(row.get("output"), row.get("outputType")),
        metadata=decode_packet(metadata, metadata_type) if metadata is not None and metadata_type else None,
        error=_error(row.get("error")),
        tags=tuple(row.get("runTags") or ()),
        duration_ms=int(row.get("usageDurationMs") or 0),
        cost_in_cents=float(row.get("costInCents") or 0.0),
        base_cost_in_cents=float(row.get("baseCostInCents") or 0.0),
        idempotency_key=row.get("idempotencyKey"),
        ttl=row.get("ttl"),
        is_test=bool(row.get("isTest") or False),
        number=row.get("number"),
        realtime_streams=tuple(row.get("realtimeStreams") or ()),
    )


_INTEGER = {"int2", "int4", "int8"}
_FLOAT = {"float4", "float8", "numeric"}


def _decode(value: Any, column: Mapping[str, Any]) -> Any:
    if value is None or not isinstance(value, str):
        return value
    if column.get("dims"):
        return parse_array(value)
    kind = str(column.get("type", "text"))
    try:
        if kind in _INTEGER:
            return int(value)
        if kind in _FLOAT:
            return float(value)
    except ValueError:
        return value
    if kind == "bool":
        return value in ("t", "true")
    if kind in ("json", "jsonb"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


_ARRAY_ITEM = re.compile(r'"((?:[^"\\]|\\.)*)"|([^,{}"]+)')


def parse_array(text: str) -> list[str | None]:
    """A one-dimensional Postgres array literal (``{a,"b c","d\\"e"}``) as a list of strings."""
    inner = text.strip()
    if not (inner.startswith("{") and inner.endswith("}")):
        return [text]
    items: list[str | None] = []
    for quoted, bare in _ARRAY_ITEM.findall(inner[1:-1]):
        if quoted or (not bare and quoted == ""):
            items.append(re.sub(r"\\(.)", r"\1", quoted))
        else:
            item = bare.strip()
            items.append(None if item == "NULL" else item)
    return items


def _utc(value: Any) -> datetime.datetime | None:
    """Shape timestamps carry no zone (``2025-01-02 03:04:05.678`` or ISO without ``Z``): they are UTC."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = isoparse(value.replace(" ", "T", 1))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _error(value: Any) -> dict[str, Any] | None:
    """The run error (a ``TaskRunError``) in the SDK's ``{name, message, stackTrace}`` form."""
    if not isinstance(value, dict):
        return None
    kind = value.get("type")
    if kind == "BUILT_IN_ERROR":
        return {
            "name": value.get("name"),
            "message": value.get("message"),
            "stackTrace": value.get("stackTrace"),
        }
    if kind in ("CUSTOM_ERROR", "STRING_ERROR"):
        return {"name": "Error", "message": value.get("raw"), "stackTrace": None}
    if kind == "INTERNAL_ERROR":
        code = value.get("code")
        return {"name": code, "message": value.get("message") or code, "stackTrace": value.get("stackTrace")}
    return {"name": value.get("name"), "message": value.get("message"), "stackTrace": value.get("stackTrace")}
