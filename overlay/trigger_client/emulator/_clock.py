"""The emulator's virtual clock: wall-clock time plus an offset that tests can move forward."""

from __future__ import annotations

import math
import numbers
import threading
import time

YEAR_S = 365 * 86_400
MAX_ADVANCE_S = 100 * YEAR_S
"""The most one :meth:`VirtualClock.advance` may move the clock: 100 years."""
MAX_OFFSET_S = 1_000 * YEAR_S
"""The furthest the clock may get ahead of the wall clock: 1,000 years."""


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
            seconds: how far to move, in seconds: a finite number from 0 to 100 years
                (:data:`MAX_ADVANCE_S`).

        Raises:
            TypeError: if ``seconds`` is not a number.
            ValueError: if ``seconds`` is negative, NaN, infinite or more than 100 years, or if the clock
                would end up more than 1,000 years (:data:`MAX_OFFSET_S`) ahead of the wall clock.
        """
        step_ms = _advance_ms(seconds)
        with self._lock:
            if self._offset_ms + step_ms > MAX_OFFSET_S * 1000:
                raise ValueError(
                    f"the clock cannot get more than {MAX_OFFSET_S} seconds (1000 years) ahead of the wall "
                    f"clock; it is {self._offset_ms / 1000} seconds ahead and seconds={_short(seconds)}"
                )
            self._offset_ms += step_ms

    def reset(self) -> None:
        """Return to wall-clock time (offset zero)."""
        with self._lock:
            self._offset_ms = 0


def _advance_ms(seconds: float) -> int:
    """Check an :meth:`VirtualClock.advance` argument; return it in whole milliseconds."""
    if isinstance(seconds, bool) or not isinstance(seconds, numbers.Real):
        raise TypeError(f"seconds must be a number, got {type(seconds).__name__}")
    try:
        value = float(seconds)
    except OverflowError:  # an int too large for a float
        value = math.inf
    if math.isnan(value):
        raise ValueError("seconds must be a number, got NaN")
    if value < 0:
        raise ValueError(f"the clock only moves forward; got seconds={_short(seconds)}")
    if value > MAX_ADVANCE_S:
        raise ValueError(
            f"seconds must be at most {MAX_ADVANCE_S} (100 years) and finite; got seconds={_short(seconds)}"
        )
    return round(value * 1000)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
