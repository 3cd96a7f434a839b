"""Decoding the payloads, outputs and metadata that Trigger.dev stores as "packets": a string plus a data
type. TypeScript tasks produce ``application/super+json`` (superjson); Python values come out: dates as
aware datetimes, big integers as ints, sets and maps as sets and dicts, ``undefined`` as None.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable
from typing import Any

from dateutil.parser import isoparse

__all__ = ["decode_packet", "decode_superjson"]

JSON = "application/json"
SUPERJSON = "application/super+json"
TEXT = "text/plain"
STORE = "application/store"


def decode_packet(data: str | None, data_type: str | None) -> Any:
    """The value of a stored packet.

    Args:
        data: The packet text (None: no value).
        data_type: ``application/json``, ``application/super+json``, ``text/plain``, or
            ``application/store`` (an object-store path, returned as it is: the value lives elsewhere).

    Returns:
        The decoded value; text that does not parse as its type is returned as it is.
    """
    if data is None:
        return None
    kind = (data_type or JSON).split(";")[0].strip().lower()
    if kind in (TEXT, STORE):
        return data
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return data
    return decode_superjson(value) if kind == SUPERJSON else value


def decode_superjson(document: Any) -> Any:
    """The value of a superjson document ``{"json": …, "meta": {"values": {path: type}}}``.

    Known type tags are revived (``Date``, ``bigint``, ``undefined``, ``set``, ``map``, ``number`` for
    NaN and Infinity, ``URL``, ``regexp`` and ``Error`` as strings or dicts); unknown tags leave the
    JSON value as it is.
    """
    if not isinstance(document, dict) or "json" not in document:
        return document
    value = document["json"]
    meta = document.get("meta")
    annotations = meta.get("values") if isinstance(meta, dict) else None
    if annotations is None:
        return value
    if isinstance(annotations, list):  # the root value itself is annotated
        return _revive(value, annotations)
    if isinstance(annotations, dict):
        for path, annotation in annotations.items():
            value = _apply(value, _split_path(path), annotation)
    return value


def _split_path(path: str) -> list[str]:
    # superjson escapes dots inside keys as "\." and backslashes as "\\".
    parts, current, escaped = [], "", False
    for char in path:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ".":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _apply(value: Any, path: list[str], annotation: Any) -> Any:
    if not path or path == [""]:
        return _revive(value, annotation)
    head, rest = path[0], path[1:]
    if isinstance(value, list) and head.isdigit() and int(head) < len(value):
        value[int(head)] = _apply(value[int(head)], rest, annotation)
    elif isinstance(value, dict) and head in value:
        value[head] = _apply(value[head], rest, annotation)
    return value


def _revive(value: Any, annotation: Any) -> Any:
    """One annotation: ``"Date"`` or ``["Date"]``, or a tree ``["set", {child annotations}]``."""
    if isinstance(annotation, list) and annotation:
        tag, children = annotation[0], annotation[1] if len(annotation) > 1 else None
        if isinstance(children, dict):
            for path, child in children.items():
                value = _apply(value, _split_path(path), child)
        return _revive(value, tag)
    if isinstance(annotation, str):
        reviver = _REVIVERS.get(annotation)
        if reviver is not None:
            try:
                return reviver(value)
            except (ValueError, TypeError, OverflowError):
                return value
    return value


def _date(value: Any) -> Any:
    parsed = isoparse(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _number(value: Any) -> float:
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(value, value)  # type: ignore[no-any-return]


_REVIVERS: dict[str, Callable[[Any], Any]] = {
    "Date": _date,
    "bigint": int,
    "undefined": lambda value: None,
    "set": lambda value: set(value) if all(not isinstance(v, dict | list) for v in value) else list(value),
    "map": lambda value: {k if not isinstance(k, list | dict) else json.dumps(k): v for k, v in value},
    "number": _number,
    "URL": str,
    "regexp": str,
    "Error": lambda value: value,
}
