"""Payload, output and metadata packets: how values are stored, and decoded for answers and handlers.

A packet is a string plus a data type, as on the server: ``application/json`` (JSON text),
``application/super+json`` (superjson: the value is its ``json`` part), ``text/plain`` (the string itself)
and anything else (kept and returned as the raw string).
"""

from __future__ import annotations

import json
from typing import Any

JSON = "application/json"
SUPERJSON = "application/super+json"
TEXT = "text/plain"
STORE = "application/store"

_ABSENT: Any = object()


def to_json_text(value: Any) -> str:
    """Serialise a JSON value compactly, as JavaScript's ``JSON.stringify`` does.

    Raises:
        TypeError: if the value is not JSON-serialisable.
        ValueError: for NaN or infinite floats.
    """
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def encode_payload(payload: Any, data_type: str, *, parse_json_strings: bool = False) -> str | None:
    """Store a request's ``payload`` as a packet string.

    For ``application/json`` the value is serialised (a missing payload stays missing). For any other type
    a string is stored as it is and other values are serialised as JSON.

    Args:
        payload: the ``payload`` of the request body (``_ABSENT``-like None means missing).
        data_type: the ``payloadType``.
        parse_json_strings: for ``application/json``, store a string that is itself JSON as that JSON
            (the batch item route does this; the single trigger route does not).

    Returns:
        The packet string, or None when there is no payload.
    """
    if payload is None and data_type == JSON:
        return None
    if data_type == JSON:
        if parse_json_strings and isinstance(payload, str):
            try:
                json.loads(payload)
            except ValueError:
                return to_json_text(payload)
            return payload
        return to_json_text(payload)
    if isinstance(payload, str):
        return payload
    return None if payload is None else to_json_text(payload)


def decode_packet(data: str | None, data_type: str) -> Any:
    """Decode a stored packet to the JSON value an answer (or a task handler) sees.

    Args:
        data: the packet string, or None.
        data_type: its data type.

    Returns:
        The decoded value, or :data:`MISSING` when there is no value.
    """
    if data is None:
        return MISSING
    if data_type == JSON:
        try:
            return json.loads(data)
        except ValueError:
            return data
    if data_type == SUPERJSON:
        try:
            parsed = json.loads(data)
        except ValueError:
            return data
        if isinstance(parsed, dict):
            return parsed.get("json", MISSING)
        return parsed
    return data


MISSING: Any = _ABSENT
"""Returned by :func:`decode_packet` when there is no value (the field is then omitted from answers)."""
