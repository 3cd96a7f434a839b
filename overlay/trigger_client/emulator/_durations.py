"""Duration strings, dates and instants as the Trigger.dev server reads and writes them.

Every instant here is Unix epoch **milliseconds** (an ``int``); durations are milliseconds unless a name
says seconds. Nothing in this module reads a clock: callers pass ``now_ms``.
"""

from __future__ import annotations

import datetime
import math
import re

_UNIT_MS = {
    "w": 7 * 24 * 3_600_000,
    "d": 24 * 3_600_000,
    "h": 3_600_000,
    "m": 60_000,
    "s": 1_000,
}

_DURATION_SHAPE = re.compile(r"^(\d+(?:w|d|hr|h|m|s))+$")
_UNIT_PATTERNS = (
    ("w", re.compile(r"(\d+)w")),
    ("d", re.compile(r"(\d+)d")),
    ("h", re.compile(r"(\d+)(?:hr|h)")),
    ("m", re.compile(r"(\d+)m")),
    ("s", re.compile(r"(\d+)s")),
)
_IDEMPOTENCY_TTL = re.compile(r"^(\d+)([smhd])$")
_PERIOD_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|y|yrs?|years?)",
    re.IGNORECASE,
)
_PERIOD_UNIT_MS = {
    "ms": 1,
    "s": 1_000,
    "m": 60_000,
    "h": 3_600_000,
    "d": 86_400_000,
    "w": 7 * 86_400_000,
    "y": 365 * 86_400_000,
}

DAY_MS = 86_400_000
IDEMPOTENCY_KEY_DEFAULT_TTL_MS = 30 * DAY_MS
"""An ``idempotencyKeyTTL`` that is absent or malformed falls back to 30 days."""

JS_DATE_LIMIT_MS = 8_640_000_000_000_000
"""A JavaScript ``Date`` holds instants within ±8.64e15 ms of the epoch (about ±275,000 years); the server
treats anything further out as an Invalid Date. Every instant the emulator stores stays inside this range."""

MAX_RUN_TTL = "14d"
MAX_RUN_TTL_MS = 14 * DAY_MS
"""Trigger.dev Cloud clamps every run's TTL to 14 days (``RUN_ENGINE_DEFAULT_MAX_TTL``)."""

_CYCLE_MS = 146_097 * DAY_MS  # 400 Gregorian years: the calendar repeats exactly
_Y2000_MS = 946_684_800_000


class DelayOutOfRangeError(ValueError):
    """A ``delay`` that ends outside the range of a JavaScript ``Date``."""


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_js_date_ms(value: float) -> bool:
    """Whether ``value`` (epoch milliseconds) is an instant a JavaScript ``Date`` can hold."""
    try:
        return math.isfinite(value) and -JS_DATE_LIMIT_MS <= value <= JS_DATE_LIMIT_MS
    except OverflowError:  # an int too large for a float
        return False


def parse_duration_ms(text: str) -> int | None:
    """Parse a Trigger.dev duration string (``30s``, ``1h30m``, ``2w``, ``1d12h``) to milliseconds.

    Units are ``w``, ``d``, ``h`` (or ``hr``), ``m`` and ``s``, concatenated without spaces or decimals,
    at most 100 characters. As on the server, only the first number given for each unit counts.

    Args:
        text: the duration string.

    Returns:
        The duration in milliseconds, or None when ``text`` is not a duration string.
    """
    if len(text) > 100 or not _DURATION_SHAPE.match(text):
        return None
    total = 0
    matched = False
    for unit, pattern in _UNIT_PATTERNS:
        found = pattern.search(text)
        if found:
            total += int(found.group(1)) * _UNIT_MS[unit]
            matched = True
    return total if matched else None


def stringify_duration(seconds: float) -> str | None:
    """Format a number of seconds as a duration string (``3600`` → ``"1h"``), as the server stores ``ttl``.

    Args:
        seconds: a duration in seconds.

    Returns:
        The duration string, or None for zero or negative durations.
    """
    if seconds <= 0:
        return None
    whole = int(seconds)
    parts = [
        (whole // 604_800, "w"),
        ((whole % 604_800) // 86_400, "d"),
        ((whole % 86_400) // 3_600, "h"),
        ((whole % 3_600) // 60, "m"),
        (whole % 60, "s"),
    ]
    return "".join(f"{value}{unit}" for value, unit in parts if value)


def resolve_run_ttl(ttl: str | None) -> str:
    """A run's TTL after Cloud's 14-day cap, as the run engine resolves it (``#resolveMaxTtl``).

    No TTL, a TTL that is not a duration string, and a TTL longer than 14 days all become ``"14d"``; any
    other TTL is kept as given.

    Args:
        ttl: the TTL string of the trigger (a number of seconds already stringified), or None.

    Returns:
        The TTL string the run keeps.
    """
    if not ttl:
        return MAX_RUN_TTL
    ttl_ms = parse_duration_ms(ttl)
    if ttl_ms is None or ttl_ms > MAX_RUN_TTL_MS:
        return MAX_RUN_TTL
    return ttl


def parse_iso_ms(text: str) -> int | None:
    """Parse an ISO-8601 date or instant to epoch milliseconds (UTC assumed when no zone is given).

    Args:
        text: such as ``2025-06-01``, ``2025-06-01T12:00:00Z`` or ``2025-06-01T12:00:00.123+02:00``.

    Returns:
        Epoch milliseconds, or None when ``text`` is not an ISO-8601 date.
    """
    candidate = text.strip()
    if not candidate or not candidate[0].isdigit():
        return None
    try:
        parsed = datetime.datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return int(parsed.timestamp() * 1000)


def parse_delay_ms(value: object, now_ms: int) -> int | None:
    """When a ``delay`` (trigger option or reschedule body) ends, as the server's ``parseDelay`` decides.

    A date string (ISO-8601) or a number (epoch milliseconds) is an instant; a past instant means no
    delay. Any other string is read as a duration from ``now_ms``.

    Args:
        value: the ``delay`` value from the request body.
        now_ms: the current time, epoch milliseconds.

    Returns:
        The instant the delay ends (epoch ms), or None for no delay or an unreadable value.

    Raises:
        DelayOutOfRangeError: when the delay ends beyond what a JavaScript ``Date`` can hold (a number
            past ±8.64e15, infinity or NaN, or a duration such as ``"99999999999w"``), where the server
            gets an Invalid Date.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not is_js_date_ms(value):
            raise DelayOutOfRangeError(f"the delay {_short(value)} is not a valid date")
        instant = int(value)
        return instant if instant > now_ms else None
    if not isinstance(value, str):
        return None
    instant_or_none = parse_iso_ms(value)
    if instant_or_none is not None:
        return instant_or_none if instant_or_none > now_ms else None
    duration = parse_duration_ms(value)
    if duration is None:
        return None
    if not is_js_date_ms(now_ms + duration):
        raise DelayOutOfRangeError(f"the delay {_short(value)} ends too far in the future")
    return now_ms + duration


def idempotency_key_expiry_ms(ttl: object, now_ms: int) -> int:
    """When an ``idempotencyKey`` stops deduplicating, from its ``idempotencyKeyTTL``.

    Only one number and one unit of ``s``, ``m``, ``h``, ``d`` is understood (``^\\d+[smhd]$``); anything
    else silently falls back to 30 days, as on the server.

    Args:
        ttl: the ``idempotencyKeyTTL`` value (normally a string).
        now_ms: the current time, epoch milliseconds.

    Returns:
        The expiry instant, epoch milliseconds; a TTL ending past the range of a JavaScript ``Date``
        ends at the last instant of that range (the key never expires in practice).
    """
    if isinstance(ttl, str):
        found = _IDEMPOTENCY_TTL.match(ttl)
        if found:
            return min(now_ms + int(found.group(1)) * _UNIT_MS[found.group(2)], JS_DATE_LIMIT_MS)
    return now_ms + IDEMPOTENCY_KEY_DEFAULT_TTL_MS


def parse_period_ms(text: str) -> int | None:
    """Parse a list filter period (``1h``, ``7d``, ``30 minutes``) to milliseconds, leniently.

    Args:
        text: the ``filter[createdAt][period]`` value.

    Returns:
        Milliseconds (possibly more than any instant can reach back), or None when no finite duration can
        be read from ``text``.
    """
    total = 0.0
    found = False
    for number, unit in _PERIOD_PART.findall(text):
        key = unit.lower()
        short = "ms" if key.startswith("ms") or key.startswith("milli") else key[0]
        total += float(number) * _PERIOD_UNIT_MS[short]
        found = True
    if not found:
        try:
            total = float(text)
        except ValueError:
            return None
    if not math.isfinite(total):
        return None
    return int(total) if total > 0 else None


def parse_filter_instant_ms(text: str) -> int | None:
    """Parse a ``filter[createdAt][from|to]`` value: epoch milliseconds, or a date string.

    Args:
        text: the query parameter value.

    Returns:
        Epoch milliseconds, or None when the value is not a number or a date, or is a number a JavaScript
        ``Date`` cannot hold (beyond ±8.64e15, or infinite): the server's ``Invalid date``.
    """
    stripped = text.strip()
    try:
        number = float(stripped)
    except ValueError:
        return parse_iso_ms(stripped)
    return int(number) if is_js_date_ms(number) else None


def iso_ms(epoch_ms: int) -> str:
    """Format epoch milliseconds as the server does (``Date.toJSON``): ``2025-06-01T12:00:00.000Z``.

    Years outside 0000–9999 are written as JavaScript writes them: a sign and six digits
    (``+010000-01-01T00:00:00.000Z``).

    Args:
        epoch_ms: an instant in epoch milliseconds.

    Returns:
        The ISO-8601 string in UTC with milliseconds and ``Z``.
    """
    # Move the instant by whole 400-year cycles into 2000-2399 (the calendar repeats every cycle),
    # where ``datetime`` can format it, then put the cycles back into the year.
    cycles = (int(epoch_ms) - _Y2000_MS) // _CYCLE_MS
    seconds, millis = divmod(int(epoch_ms) - cycles * _CYCLE_MS, 1000)
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    year = moment.year + 400 * cycles
    year_text = f"{year:04d}" if 0 <= year <= 9999 else f"{year:+07d}"
    return f"{year_text}-{moment:%m-%dT%H:%M:%S}.{millis:03d}Z"
