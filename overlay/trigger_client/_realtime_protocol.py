"""The Electric shape protocol that Trigger.dev's realtime feeds speak over HTTP long-polling (no I/O).

A subscriber asks with ``offset=-1`` first, then with the ``electric-offset``/``electric-handle`` of each
answer until an ``up-to-date`` control message arrives; then it long-polls with ``live=true`` and the
``electric-cursor``. Rows are kept by key: ``insert`` sets a row, ``update`` merges into it, ``delete``
is ignored (as by the official SDK). Rows changed since the last ``up-to-date`` are emitted together when
the next ``up-to-date`` arrives, once per key. ``must-refetch`` (a control message, or a 409 answer)
drops the rows and starts again from ``offset=-1``.

A reconnect after a dropped connection repeats the last request's offset and handle, so nothing is missed
and nothing is emitted twice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from ._exceptions import APIResponseValidationError

__all__ = ["ELECTRIC_VERSION", "ShapeState"]

ELECTRIC_VERSION = "1.0.0-beta.1"
"""Sent as ``x-trigger-electric-version``; any value makes the server use the modern header names."""


@attrs.define
class ShapeState:
    """Where a subscription stands in its shape: the position to ask from, and the rows seen so far."""

    handle: str | None = None
    offset: str = "-1"
    cursor: str | None = None
    live: bool = False
    schema: dict[str, Any] = attrs.field(factory=dict)
    rows: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    changed: dict[str, None] = attrs.field(factory=dict)  # insertion-ordered set of keys

    def query(self, base: Mapping[str, str]) -> dict[str, str]:
        """The query of the next request: ``base`` (feed filters) plus the shape position."""
        params = dict(base)
        params["offset"] = self.offset
        if self.handle is not None:
            params["handle"] = self.handle
        if self.live:
            params["live"] = "true"
            if self.cursor is not None:
                params["cursor"] = self.cursor
        return params

    def apply(self, headers: Mapping[str, str], body: bytes) -> list[dict[str, Any]]:
        """Take one answer; return the rows to emit (those changed, at an ``up-to-date``), in key order of
        first change.

        Raises:
            APIResponseValidationError: the body is not a JSON array of shape messages.
        """
        lower = {k.lower(): v for k, v in headers.items()}
        try:
            messages = json.loads(body) if body.strip() else []
        except (ValueError, RecursionError):
            raise APIResponseValidationError(f"a realtime answer is not JSON: {body[:200]!r}") from None
        if not isinstance(messages, list):
            raise APIResponseValidationError(f"a realtime answer is not a list of messages: {body[:200]!r}")
        if "electric-schema" in lower:
            try:
                self.schema = json.loads(lower["electric-schema"])
            except ValueError:
                raise APIResponseValidationError("the electric-schema header is not JSON") from None
        emitted: list[dict[str, Any]] = []
        for message in messages:
            if not isinstance(message, dict):
                continue
            control = (message.get("headers") or {}).get("control")
            if control == "must-refetch":
                self.restart(lower.get("electric-handle"))
                return emitted
            if control == "up-to-date":
                self.live = True
                emitted.extend(dict(self.rows[key]) for key in self.changed if key in self.rows)
                self.changed.clear()
                continue
            self._change(message)
        self.handle = lower.get("electric-handle", self.handle)
        self.offset = lower.get("electric-offset", self.offset)
        self.cursor = lower.get("electric-cursor", self.cursor)
        return emitted

    def restart(self, handle: str | None = None) -> None:
        """Forget every row and ask for the whole shape again (``must-refetch``)."""
        self.handle, self.offset, self.cursor, self.live = handle, "-1", None, False
        self.rows.clear()
        self.changed.clear()

    def _change(self, message: Mapping[str, Any]) -> None:
        key, value = message.get("key"), message.get("value")
        operation = (message.get("headers") or {}).get("operation")
        if not isinstance(key, str) or not isinstance(value, dict):
            return
        if operation == "insert" or key not in self.rows:
            if operation == "delete":
                return
            self.rows[key] = dict(value)
        elif operation == "update":
            self.rows[key].update(value)
        else:
            return
        self.changed[key] = None
