"""The emulator's virtual clock: wall-clock time plus an offset that tests can move forward."""

from __future__ import annotations

import threading
import time


class VirtualClock:
    """Wall-clock time shifted by an adjustable offset, so delays and TTLs can be tested without sleeping.

    The clock never runs backwards except on :meth:`reset`. It is safe to use from any thread.
    """

    def __init__(self) -> None:
        self._offset_ms = 0
        self._lock = threading.Lock()

    def now_ms(self) -> int:
        """The current emulator time, Unix epoch milliseconds."""
        with self._lock:
            offset = self._offset_ms
        return int(time.time() * 1000) + offset

    @property
    def offset_s(self) -> float:
        """How far ahead of the wall clock the emulator is, in seconds."""
        with self._lock:
            return self._offset_ms / 1000.0

    def advance(self, seconds: float) -> None:
        """Move the clock forward.

        Args:
            seconds: how far to move, in seconds (must not be negative).

        Raises:
            ValueError: if ``seconds`` is negative.
        """
        if seconds < 0:
            raise ValueError(f"the clock only moves forward; got seconds={seconds!r}")
        with self._lock:
            self._offset_ms += round(seconds * 1000)

    def reset(self) -> None:
        """Return to wall-clock time (offset zero)."""
        with self._lock:
            self._offset_ms = 0
