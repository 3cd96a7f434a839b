"""When to retry an HTTP call and how long to wait: the retry policy and its decisions (no I/O here).

The rules are the real server's: ``x-should-retry`` decides first (``true`` retries any status, ``false``
forbids a retry); otherwise 408, 409, 429, every status of 500 or more, and connection errors are retried.
Waits honour ``Retry-After`` and, on 429, ``x-ratelimit-reset``; a requested wait longer than
``max_retry_after_s`` is not slept through: the error is raised at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import httpx

from . import _validation as check
from ._exceptions import ValidationError
from ._headers import rate_limit_reset_epoch_s, retry_after_s, should_retry_header

__all__ = ["RetryDecision", "RetryPolicy"]


def _count(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An int >= 0."""
    check.integer(value, attribute.name, 0)


def _seconds(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A finite number >= 0 (seconds, or the backoff multiplier)."""
    check.finite_positive(value, attribute.name, allow_zero=True)


def _flag(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise ValidationError(f"{attribute.name} must be a bool, got {value!r}", field=attribute.name)


def _status_codes(value: Any) -> frozenset[int]:
    """``retryable_status_codes``: HTTP statuses (ints from 100 to 599)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError(
            f"retryable_status_codes must be a set of statuses, got {value!r}", field="retryable_status_codes"
        )
    codes = frozenset(value)
    if not all(isinstance(code, int) and not isinstance(code, bool) and 100 <= code <= 599 for code in codes):
        raise ValidationError(
            f"retryable_status_codes must hold HTTP statuses (100 to 599), got {value!r}",
            field="retryable_status_codes",
        )
    return codes


@attrs.frozen
class RetryPolicy:
    """How a call is retried. Immutable: derive variants with ``attrs.evolve`` or :meth:`replace`.

    The defaults follow the official Trigger.dev SDK (5 attempts in all: 1 s, 1.6 s, 2.56 s, 4.1 s) plus
    jitter.

    Attributes:
        max_retries: Retries after the first attempt (0 disables retries).
        base_delay_s: Wait before the first retry, in seconds.
        multiplier: Each further wait is the previous one times this.
        max_delay_s: Upper bound of one backoff wait, in seconds.
        jitter: When true, each backoff wait is scaled by a random factor in [0.75, 1.0] so that many
            clients do not retry in step. Waits the server asked for are never jittered.
        retryable_status_codes: Statuses below 500 that are retried (default 408, 409, 429).
        retry_server_errors: Whether statuses of 500 and more (any, such as 520) are retried.
        retry_connection_errors: Whether connection errors and timeouts are retried.
        max_retry_after_s: The longest wait the server may ask for (``Retry-After`` or a rate-limit reset),
            in seconds; a longer one is not waited for and the error is raised at once.

    Raises:
        ValidationError: a count that is not an int >= 0, a number of seconds that is not finite and >= 0,
            a flag that is not a bool, or retryable_status_codes that are not statuses from 100 to 599.
    """

    max_retries: int = attrs.field(default=4, validator=_count)
    base_delay_s: float = attrs.field(default=1.0, validator=_seconds)
    multiplier: float = attrs.field(default=1.6, validator=_seconds)
    max_delay_s: float = attrs.field(default=30.0, validator=_seconds)
    jitter: bool = attrs.field(default=True, validator=_flag)
    retryable_status_codes: frozenset[int] = attrs.field(
        default=frozenset({408, 409, 429}), converter=_status_codes
    )
    retry_server_errors: bool = attrs.field(default=True, validator=_flag)
    retry_connection_errors: bool = attrs.field(default=True, validator=_flag)
    max_retry_after_s: float = attrs.field(default=60.0, validator=_seconds)

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """A policy that never retries."""
        return cls(max_retries=0)

    def replace(self, **changes: object) -> RetryPolicy:
        """A copy with the given attributes changed (this policy is left as it is)."""
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]

    def backoff_s(self, retry_number: int, rand: Callable[[], float] = random.random) -> float:
        """The backoff wait in seconds before retry number ``retry_number`` (1 for the first retry)."""
        delay = min(self.max_delay_s, self.base_delay_s * self.multiplier ** (retry_number - 1))
        if self.jitter:
            delay *= 1.0 - 0.25 * rand()
        return delay

    def is_retryable_status(self, status_code: int) -> bool:
        """Whether the status alone (without ``x-should-retry``) is retried under this policy."""
        if status_code >= 500:
            return self.retry_server_errors
        return status_code in self.retryable_status_codes

    def after_response(
        self,
        attempts_made: int,
        status_code: int,
        headers: Mapping[str, str],
        now_s: float,
        rand: Callable[[], float] = random.random,
        *,
        idempotent: bool = True,
    ) -> RetryDecision:
        """Decide what follows an error answer after ``attempts_made`` attempts (1 after the first). No
        request.

        Args:
            attempts_made: Attempts sent so far, this one included.
            status_code: The answer's HTTP status.
            headers: The answer's headers (``x-should-retry``, ``Retry-After``, ``x-ratelimit-reset``).
            now_s: The current time, in Unix seconds (for ``Retry-After`` dates and reset instants).
            rand: The source of jitter, a function answering a float in [0, 1).
            idempotent: Whether the call may be carried out twice (see below).

        Returns:
            A :class:`RetryDecision`: ``retry``, ``wait_s`` (seconds) and ``reason``.

        For a call that is not ``idempotent`` (one the server would carry out twice, such as a replay),
        only a 429 (the rate limiter refuses before any work) or an answer marked ``x-should-retry: true``
        is retried: another error status may come after the work was done.
        """
        verdict = should_retry_header(headers)
        if verdict is False:
            return RetryDecision.stop("the server said x-should-retry: false")
        if not idempotent and verdict is None and status_code != 429:
            return RetryDecision.stop(
                f"status {status_code} may come after the work was done: this call is not sent twice"
            )
        if verdict is None and not self.is_retryable_status(status_code):
            return RetryDecision.stop(f"status {status_code} is not retried")
        if attempts_made > self.max_retries:
            return RetryDecision.stop(f"no retries left after {attempts_made} attempts")
        requested = retry_after_s(headers, now_s)
        if requested is None and status_code == 429:
            reset_s = rate_limit_reset_epoch_s(headers)
            if reset_s is not None and reset_s > now_s:
                requested = reset_s - now_s
        if requested is not None:
            if requested > self.max_retry_after_s:
                return RetryDecision.stop(
                    f"the server asked to wait {requested:.0f} s, more than max_retry_after_s "
                    f"({self.max_retry_after_s:.0f} s)"
                )
            return RetryDecision(True, requested, f"status {status_code}, waiting as the server asked")
        return RetryDecision(True, self.backoff_s(attempts_made, rand), f"status {status_code}")

    def after_exception(
        self,
        attempts_made: int,
        exc: Exception,
        rand: Callable[[], float] = random.random,
        *,
        idempotent: bool = True,
    ) -> RetryDecision:
        """Decide what follows a transport error (no HTTP answer) after ``attempts_made`` attempts.

        For a call that is not ``idempotent`` (one the server would carry out twice, such as a replay),
        only errors that prove the request was never sent (connect errors and timeouts, pool timeouts)
        are retried.
        """
        if not self.retry_connection_errors or not is_retryable_exception(exc):
            return RetryDecision.stop(f"{type(exc).__name__} is not retried")
        if not idempotent and not was_not_sent(exc):
            return RetryDecision.stop(f"{type(exc).__name__} after the request may have reached the server")
        if attempts_made > self.max_retries:
            return RetryDecision.stop(f"no retries left after {attempts_made} attempts")
        return RetryDecision(True, self.backoff_s(attempts_made, rand), type(exc).__name__)


@attrs.frozen
class RetryDecision:
    """The outcome of one retry decision: whether to retry, after how many seconds, and why."""

    retry: bool
    wait_s: float
    reason: str

    @classmethod
    def stop(cls, reason: str) -> RetryDecision:
        """A decision not to retry."""
        return cls(False, 0.0, reason)


def was_not_sent(exc: Exception) -> bool:
    """Transport errors that happen before any byte of the request reaches the server."""
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def is_retryable_exception(exc: Exception) -> bool:
    """Transport errors worth another attempt: timeouts, network errors, a connection closed mid-answer."""
    return isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)
