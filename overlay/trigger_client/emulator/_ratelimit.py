"""The general API rate limiter's bookkeeping and its ``x-ratelimit-*`` headers.

The emulator reports the headers the real limiter sends (a token bucket of 750 requests refilled by 250
every 10 seconds) but never refuses a request on its own: 429 answers come only from faults. Reset times
are wall-clock Unix epoch **milliseconds**, since clients compare them with their own clock.
"""

from __future__ import annotations

import threading
import time

BUCKET_SIZE = 750
REFILL_TOKENS = 250
REFILL_INTERVAL_MS = 10_000


class RateLimitHeaders:
    """A token bucket that only counts; :meth:`take` returns the headers for one request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens = BUCKET_SIZE
        self._last_refill_ms = int(time.time() * 1000)

    def take(self) -> dict[str, str]:
        """Count one request; return ``x-ratelimit-limit``, ``-remaining`` (≥ 0) and ``-reset`` (epoch ms)."""
        now_ms = int(time.time() * 1000)
        with self._lock:
            intervals = (now_ms - self._last_refill_ms) // REFILL_INTERVAL_MS
            if intervals > 0:
                self._tokens = min(BUCKET_SIZE, self._tokens + intervals * REFILL_TOKENS)
                self._last_refill_ms += intervals * REFILL_INTERVAL_MS
            self._tokens = max(0, self._tokens - 1)
            remaining = self._tokens
            reset_ms = self._last_refill_ms + REFILL_INTERVAL_MS
        return {
            "x-ratelimit-limit": str(BUCKET_SIZE),
            "x-ratelimit-remaining": str(remaining),
            "x-ratelimit-reset": str(reset_ms),
        }

    def reset(self) -> None:
        """Refill the bucket."""
        with self._lock:
            self._tokens = BUCKET_SIZE
            self._last_refill_ms = int(time.time() * 1000)
