"""Reading the response headers of the Trigger.dev protocol: retry hints and rate-limit state.

All functions are pure; times are Unix seconds (``now_s``) unless a name says otherwise.
"""

from __future__ import annotations

import datetime
import email.utils
import math
from collections.abc import Mapping

_MS_THRESHOLD = 100_000_000_000
"""An epoch value above this is in milliseconds (seconds would be past the year 5000)."""


def should_retry_header(headers: Mapping[str, str]) -> bool | None:
    """``x-should-retry``: True or False when the server decided, None when it did not say."""
    value = headers.get("x-should-retry")
    if value is None:
        return None
    value = value.strip().lower()
    if value == "true":
        return True
    if value == "false":
        return False
    return None


def retry_after_s(headers: Mapping[str, str], now_s: float) -> float | None:
    """``Retry-After`` in seconds (a number of seconds or an HTTP date), never negative; None if absent."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if not math.isnan(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now_s)


def rate_limit_reset_epoch_s(headers: Mapping[str, str]) -> float | None:
    """``x-ratelimit-reset`` as Unix seconds.

    The general limiter sends epoch milliseconds, the batch limiter epoch seconds; the magnitude tells
    them apart.
    """
    value = headers.get("x-ratelimit-reset")
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return number / 1000.0 if number > _MS_THRESHOLD else number


def utc_from_epoch(epoch_s: float | None) -> datetime.datetime | None:
    """Unix seconds as an aware UTC datetime; None when absent or outside the range of dates."""
    if epoch_s is None:
        return None
    try:
        return datetime.datetime.fromtimestamp(epoch_s, datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def int_header(headers: Mapping[str, str], name: str) -> int | None:
    """An integer header such as ``x-ratelimit-limit``; None when absent or not a number."""
    value = headers.get(name)
    if value is None:
        return None
    try:
        return int(float(value.strip()))
    except (ValueError, OverflowError):  # not a number, or inf / NaN
        return None
