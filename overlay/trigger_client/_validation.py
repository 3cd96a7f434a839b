"""Checks and conversions of user input, done before anything is sent. Each raises ``ValidationError``
naming the argument at fault."""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ._constants import MACHINE_PRESETS, MAX_TAG_LENGTH, MAX_TAGS_PER_RUN
from ._exceptions import APIResponseValidationError, ValidationError

DURATION_PATTERN = re.compile(r"^(?:\d+(?:w|d|hr|h|m|s))+$")
"""Trigger.dev durations: one or more ``<int><unit>`` with units w, d, h (or hr), m, s: ``30s``, ``1h30m``."""

IDEMPOTENCY_KEY_TTL_PATTERN = re.compile(r"^\d+[smhd]$")
"""One number and one unit of s, m, h, d; the server silently ignores anything else (then 30 days)."""

PERIOD_PATTERN = re.compile(r"^(?:\d+(?:ms|s|m|h|d|w|y))+$")
"""Look-back periods of list filters, such as ``1h``, ``7d``, ``30d``."""


def require_aware(value: datetime.datetime, field: str) -> datetime.datetime:
    """Refuse a naive datetime: its meaning would depend on the server's time zone."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"{field} must be a timezone-aware datetime (for example datetime.now(timezone.utc)), "
            f"got the naive {value.isoformat()}",
            field=field,
        )
    return value


def iso_instant(value: datetime.datetime, field: str) -> str:
    """An aware datetime as ISO-8601 UTC with milliseconds and ``Z`` (the way the server writes dates)."""
    utc = require_aware(value, field).astimezone(datetime.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def epoch_ms(value: datetime.datetime | int, field: str) -> str:
    """An aware datetime, or an int already in epoch milliseconds, as the epoch-milliseconds string."""
    if isinstance(value, datetime.datetime):
        return str(round(require_aware(value, field).timestamp() * 1000))
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    raise ValidationError(
        f"{field} must be an aware datetime or epoch milliseconds (int), got {value!r}", field=field
    )


def whole_seconds(value: datetime.timedelta, field: str) -> int:
    """A non-negative timedelta of whole seconds, as an int."""
    seconds = value.total_seconds()
    if seconds < 0 or seconds != int(seconds):
        raise ValidationError(
            f"{field} must be a non-negative whole number of seconds, got {value!r}", field=field
        )
    return int(seconds)


def duration(value: Any, field: str) -> str:
    """A duration string (``30s``, ``1h30m``, ``2w``) or a timedelta, as the duration string."""
    if isinstance(value, datetime.timedelta):
        return f"{whole_seconds(value, field)}s"
    if isinstance(value, str) and DURATION_PATTERN.match(value.strip()) and len(value) <= 100:
        return value.strip()
    raise ValidationError(
        f"{field} must be a duration such as '30s', '10m', '1h30m' or '2w' (units w d h m s) or a timedelta, "
        f"got {value!r}",
        field=field,
    )


def duration_or_instant(value: Any, field: str) -> str:
    """A duration (string or timedelta) or an aware datetime, in the form the server reads."""
    if isinstance(value, datetime.datetime):
        return iso_instant(value, field)
    return duration(value, field)


def ttl(value: Any, field: str = "ttl") -> str | int:
    """A run TTL: a duration string, a timedelta, or a non-negative int of seconds."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValidationError(f"{field} must not be negative, got {value}", field=field)
        return value
    return duration(value, field)


def idempotency_key_ttl(value: Any, field: str = "idempotency_key_ttl") -> str:
    """An idempotency key TTL: ``<int><s|m|h|d>``, an int of seconds, or a timedelta."""
    if isinstance(value, datetime.timedelta):
        value = whole_seconds(value, field)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"{value}s"
    if isinstance(value, str) and IDEMPOTENCY_KEY_TTL_PATTERN.match(value.strip()):
        return value.strip()
    raise ValidationError(
        f"{field} must be one number and one unit of s, m, h or d (such as '10m' or '7d'), seconds, "
        f"or a timedelta, got {value!r}",
        field=field,
    )


def period(value: Any, field: str = "period") -> str:
    """A look-back period such as ``1h``, ``7d`` or ``30d``."""
    if isinstance(value, str) and PERIOD_PATTERN.match(value.strip()):
        return value.strip()
    raise ValidationError(f"{field} must be a period such as '1h', '7d' or '30d', got {value!r}", field=field)


def tags(value: Any, field: str = "tags", owner: str = "a run") -> list[str]:
    """Tags of a run (or of ``owner``): a string or strings, at most 10 of at most 128 characters; blank
    tags are dropped."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Iterable) or isinstance(items, bytes | dict):
        raise ValidationError(f"{field} must be a string or a list of strings, got {value!r}", field=field)
    result: list[str] = []
    for tag in items:
        if not isinstance(tag, str):
            raise ValidationError(f"{field} must contain only strings, got {tag!r}", field=field)
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                f"each tag must be at most {MAX_TAG_LENGTH} characters; {tag[:20]!r}… has {len(tag)}",
                field=field,
            )
        if tag.strip():
            result.append(tag)
    if len(result) > MAX_TAGS_PER_RUN:
        raise ValidationError(
            f"{owner} takes at most {MAX_TAGS_PER_RUN} tags, got {len(result)}", field=field
        )
    return result


def machine(value: Any, field: str = "machine") -> str:
    """A machine preset name (``small-1x``, ``medium-2x``, …)."""
    name = str(value.value if hasattr(value, "value") else value)
    if name not in MACHINE_PRESETS:
        raise ValidationError(
            f"{field} must be one of {', '.join(MACHINE_PRESETS)}, got {value!r}", field=field
        )
    return name


def path_segment(value: Any, field: str) -> str:
    """An id that goes into a URL path (run id, batch id, task identifier): a non-empty string that is not
    ``.`` or ``..`` (which would send the request to another endpoint) and has no control characters."""
    text = non_empty_string(value, field, max_length=2048)
    if text in (".", "..") or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValidationError(f"{field} is not a valid id: {value!r}", field=field)
    return text


def header_value(value: Any, field: str) -> str:
    """A string that can travel in an HTTP header: printable ASCII (so no CR/LF injection)."""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a string, got {type(value).__name__}", field=field)
    if not value.isascii() or not value.isprintable():
        raise ValidationError(
            f"{field} cannot be sent in an HTTP header (non-ASCII or control characters)", field=field
        )
    return value


def headers(value: Any, field: str) -> dict[str, str]:
    """A mapping of header names to values, each checked with :func:`header_value`."""
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"{field} must be a mapping of header names to values, got {value!r}", field=field
        )
    checked: dict[str, str] = {}
    for name, item in value.items():
        header_value(name, f"{field} name")
        if not name or any(c in name for c in " :\t"):
            raise ValidationError(f"{field} has an invalid header name {name!r}", field=field)
        checked[name] = header_value(item, f"{field}[{name!r}]")
    return checked


def no_commas(values: list[str], field: str) -> list[str]:
    """Filter values sent comma-joined in one parameter cannot contain a comma themselves."""
    for value in values:
        if "," in value:
            raise ValidationError(
                f"{field} value {value!r} contains a comma, which the server reads as a separator",
                field=field,
            )
    return values


def response_id(value: Any, what: str) -> str:
    """An id the server returned: a non-empty string, else the answer is not what the API promises."""
    if not isinstance(value, str) or not value:
        raise APIResponseValidationError(f"the server returned a {what} that is not a string: {value!r}")
    return value


def integer(value: Any, field: str, minimum: int) -> int:
    """An int (not a bool) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError(f"{field} must be an int >= {minimum}, got {value!r}", field=field)
    return value


def page_size(value: Any, field: str = "page_size", minimum: int = 1, maximum: int = 100) -> int:
    """A page size: an int from ``minimum`` to ``maximum``."""
    size = integer(value, field, minimum)
    if size > maximum:
        raise ValidationError(f"{field} must be at most {maximum}, got {size}", field=field)
    return size


def project_ref(value: Any, field: str = "project_ref") -> str:
    """A project ref (``proj_…``), usable as a path segment.

    Raises:
        ValidationError: anything else.
    """
    ref = path_segment(value, field)
    if not ref.startswith("proj_") or len(ref) == len("proj_"):
        raise ValidationError(
            f"{field} must be a project ref such as 'proj_abcdefghijklmnopqrst', got {value!r}", field=field
        )
    return ref


def non_empty_string(value: Any, field: str, max_length: int | None = None) -> str:
    """A non-blank string that UTF-8 can encode (no lone surrogates), at most ``max_length`` characters."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{field} must be a non-empty string, got {value!r}", field=field)
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            f"{field} must be at most {max_length} characters, got {len(value)}", field=field
        )
    return utf8(value, field)


def utf8(value: str, field: str) -> str:
    """``value`` when UTF-8 can encode it; a lone surrogate (``"\\ud800"``) cannot be sent.

    Raises:
        ValidationError: a string with a lone surrogate.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            f"{field} holds a character UTF-8 cannot encode (a lone surrogate): {value!r}", field=field
        ) from None
    return value


def string_list(value: Any, field: str) -> list[str]:
    """One string or several (or string enum members), as a list of non-empty strings."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Iterable) or isinstance(items, bytes | dict):
        raise ValidationError(f"{field} must be a string or a list of strings, got {value!r}", field=field)
    result = []
    for item in items:
        text = getattr(item, "value", item)
        if not isinstance(text, str):
            raise ValidationError(f"{field} must hold strings, got {item!r}", field=field)
        result.append(text)
    if not result:
        raise ValidationError(f"{field} must hold at least one string, got {value!r}", field=field)
    if any(not item.strip() for item in result):
        raise ValidationError(f"{field} must hold non-empty strings, got {value!r}", field=field)
    return [utf8(item, field) for item in result]


def json_encode(value: Any, field: str, max_bytes: int | None = None) -> bytes:
    """``value`` as compact JSON bytes; refuses what JSON cannot carry (NaN, sets, objects) or too much."""
    try:
        data = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{field} must be JSON-serialisable: {exc}", field=field) from None
    except RecursionError:
        raise ValidationError(f"{field} is nested too deeply to be sent as JSON", field=field) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise ValidationError(
            f"{field} is {len(data)} bytes of JSON, more than the server accepts ({max_bytes} bytes)",
            field=field,
        )
    return data


def finite_positive(value: Any, field: str, *, allow_zero: bool = False) -> float:
    """A finite number of seconds above zero (or zero when allowed)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
        raise ValidationError(f"{field} must be a number of seconds, got {value!r}", field=field)
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(
            f"{field} must be {'>= 0' if allow_zero else '> 0'}, got {value!r}", field=field
        )
    return float(value)


def _finite(value: int | float) -> bool:
    """Whether a number is finite and fits a float (an int of 400 digits does not)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


MAX_STORE_TTL_S = 100 * 365 * 86_400
"""The longest expiry of a store entry, in seconds (100 years; Redis refuses far longer ones)."""


def store_ttl(value: Any, field: str) -> float:
    """The expiry of a store entry: a finite number of seconds above zero, at most 100 years.

    Raises:
        ValidationError: anything else (None, meaning no expiry, is the caller's to allow).
    """
    ttl = finite_positive(value, field)
    if ttl > MAX_STORE_TTL_S:
        raise ValidationError(
            f"{field} must be at most {MAX_STORE_TTL_S} seconds (100 years; None means no expiry), "
            f"got {value!r}",
            field=field,
        )
    return ttl


def poll_waits(
    poll_interval_s: Any, max_poll_interval_s: Any, timeout_s: Any
) -> tuple[float, float, float | None]:
    """The waits of a polling loop, checked before its first request: ``(interval, ceiling, limit)``
    in seconds (the ceiling is at least the interval; the limit None means no limit).

    Raises:
        ValidationError: an interval that is not a finite number above zero, or a timeout that is not
            one nor None.
    """
    interval = finite_positive(poll_interval_s, "poll_interval_s")
    ceiling = max(interval, finite_positive(max_poll_interval_s, "max_poll_interval_s"))
    limit = None if timeout_s is None else finite_positive(timeout_s, "timeout_s")
    return interval, ceiling, limit
