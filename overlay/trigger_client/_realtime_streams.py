"""Run output streams and run logs as the realtime readers yield them (no I/O here).

A run's output stream is read as server-sent events from ``GET /realtime/v1/streams/{runId}/{streamKey}``
in one of two framings, told apart by the ``X-Stream-Version`` response header:

* ``v1`` (Redis; no header): each event is one record, ``id: <ms>-<seq>`` and ``data: <JSON value>``.
* ``v2`` (S2; ``X-Stream-Version: v2``): events named ``batch`` whose data is ``{"records": [{"seq_num",
  "timestamp", "headers", "body"}]}``, each ``body`` being ``{"data": <value>, "id": <part id>}``; records
  whose first header has an empty name are S2 commands (skipped); other events (``ping``, ``error``, the
  closing ``[DONE]``) carry no records.

The resume position is the last ``id`` (v1) or the last ``seq_num`` (v2), sent back as ``Last-Event-ID``,
as the official SDK does; v2 parts are also de-duplicated by their part id.
"""

from __future__ import annotations

import collections
import datetime
import json
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["RunEvent", "RunLogEvent", "StreamDecoder", "StreamPart"]

_SEEN_IDS = 5000
"""How many v2 part ids are remembered for de-duplication (the official SDK's window)."""


@attrs.frozen
class StreamPart:
    """One record of a run's output stream.

    Attributes:
        id: Its position: the Redis id (``<ms>-<seq>``, v1) or the sequence number (v2).
        data: The value the task wrote (decoded JSON; text that is not JSON stays a string).
        timestamp: When it was written (aware UTC), when the server says.
    """

    id: str
    data: Any
    timestamp: datetime.datetime | None = None


@attrs.frozen
class RunEvent:
    """A span or log event of a run, from ``GET /api/v1/runs/{runId}/events``.

    Attributes:
        span_id: The event's id.
        message: The text (for a span, its name).
        level: TRACE (spans), DEBUG, LOG, INFO, WARN, ERROR.
        timestamp: When it started (aware UTC).
        parent_id: The span it belongs to (None for the run's root span).
        is_error: Whether it records an error.
        is_partial: Whether the span has not ended yet.
        duration_ms: How long the span lasted, in milliseconds (0 for logs), when the server says.
        properties: Attributes recorded with it, when the server sends them.
        raw: The event as the server sent it (the rows are the server's own and may hold more fields).
    """

    span_id: str
    message: str
    level: str
    timestamp: datetime.datetime | None
    parent_id: str | None = None
    is_error: bool = False
    properties: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False)
    is_partial: bool = False
    duration_ms: float | None = None

    @classmethod
    def from_json(cls, event: Mapping[str, Any]) -> RunEvent:
        """An event of the events list."""
        properties = event.get("properties")
        duration = event.get("duration")
        return cls(
            span_id=str(event.get("spanId") or ""),
            message=str(event.get("message") or ""),
            level=str(event.get("level") or ""),
            timestamp=_from_nanoseconds(event.get("startTime")),
            parent_id=event.get("parentId") if isinstance(event.get("parentId"), str) else None,
            is_error=bool(event.get("isError")),
            properties=properties if isinstance(properties, dict) else None,
            raw=dict(event),
            is_partial=bool(event.get("isPartial")),
            duration_ms=_nanoseconds_to_ms(duration),
        )


RunLogEvent = RunEvent
"""The name :class:`RunEvent` had when only log streams yielded it."""


class StreamDecoder:
    """Turns the server-sent events of one stream into :class:`StreamPart` objects and keeps the resume
    position across connections.

    Args:
        last_event_id: Resume after this position (``Last-Event-ID``), or None for the start.
    """

    def __init__(self, last_event_id: str | None = None) -> None:
        self.last_event_id = last_event_id
        self._seen: collections.OrderedDict[str, None] = collections.OrderedDict()

    def decode(self, version: str, event: str, data: str, event_id: str | None) -> list[StreamPart]:
        """The parts carried by one event of a response whose ``X-Stream-Version`` is ``version``."""
        if version != "v2":
            if event_id:
                self.last_event_id = event_id
            if not data:
                return []
            return [StreamPart(id=event_id or "", data=_json_or_text(data), timestamp=_redis_time(event_id))]
        if event != "batch":
            return []
        try:
            batch = json.loads(data)
        except ValueError:
            return []
        records = batch.get("records") if isinstance(batch, dict) else None
        parts: list[StreamPart] = []
        for record in records if isinstance(records, list) else []:
            if not isinstance(record, dict) or not isinstance(record.get("seq_num"), int):
                continue
            self.last_event_id = str(record["seq_num"])
            headers = record.get("headers") or []
            if headers and isinstance(headers[0], list) and headers[0] and headers[0][0] == "":
                continue  # an S2 command record (trim, fence)
            body = _json_or_text(record.get("body") or "")
            part_id = body.get("id") if isinstance(body, dict) else None
            if isinstance(part_id, str) and part_id:
                if part_id in self._seen:
                    continue
                self._seen[part_id] = None
                if len(self._seen) > _SEEN_IDS:
                    self._seen.popitem(last=False)
            value = body.get("data") if isinstance(body, dict) else body
            timestamp = record.get("timestamp")
            parts.append(
                StreamPart(
                    id=str(record["seq_num"]),
                    data=value,
                    timestamp=_from_ms(timestamp) if isinstance(timestamp, int) else None,
                )
            )
        return parts


def _json_or_text(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _from_ms(ms: int) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _redis_time(event_id: str | None) -> datetime.datetime | None:
    head = (event_id or "").split("-")[0]
    return _from_ms(int(head)) if head.isdigit() else None


def _from_nanoseconds(value: Any) -> datetime.datetime | None:
    if isinstance(value, str) and value.isdigit():
        return _from_ms(int(value) // 1_000_000)
    if isinstance(value, int):
        return _from_ms(value // 1_000_000)
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)
    return None


def _nanoseconds_to_ms(value: Any) -> float | None:
    """A duration in nanoseconds (a number or a decimal string) as milliseconds; None when unreadable."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value) if isinstance(value, str) else value
    except ValueError:
        return None
    return number / 1_000_000 if isinstance(number, int | float) and number >= 0 else None
