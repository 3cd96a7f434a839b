"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

Waiting for something on the server to reach a final state by retrieving it repeatedly (``runs.poll``,
``bulk_actions.poll``)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from .. import _validation as check
from .._exceptions import APIConnectionError, RateLimitError, ServerError, ValidationError, WaitTimeoutError
from .._retry import RetryPolicy
from .._sync_async import notify, sleep
from .._types import RequestOptions

__all__ = ["poll_until"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

logger = logging.getLogger("trigger_client")


class PollFetch(Protocol[T_co]):
    """Retrieves the polled object once, within ``deadline`` (a ``time.monotonic()`` instant, or None)."""

    def __call__(self, options: RequestOptions, deadline: float | None) -> T_co: ...


def poll_until(
    fetch: PollFetch[T],
    done: Callable[[T], bool],
    *,
    label: str,
    retry_policy: RetryPolicy,
    poll_interval_s: float,
    max_poll_interval_s: float,
    backoff: float,
    timeout_s: float | None,
    on_poll: Callable[[T], object] | None,
    request_options: RequestOptions | Mapping[str, Any] | None,
) -> T:
    """Call ``fetch(options, deadline)`` until ``done`` holds for what it returns; return that.

    The wait between calls starts at ``poll_interval_s`` seconds and grows by ``backoff`` up to
    ``max_poll_interval_s``. Connection errors and 5xx that outlast the retry policy do not stop the
    polling; a rate limit is waited out unless it asks for longer than ``max_retry_after_s``; other
    errors are raised. ``deadline`` (a ``time.monotonic()`` instant, or None) bounds each fetch.

    Args:
        fetch: Retrieves the object once.
        done: Whether the object is in its final state.
        label: What is polled, for log lines and the timeout message (``"run run_…"``).
        retry_policy: The client's retry policy (the per-call options may override it).
        poll_interval_s, max_poll_interval_s, backoff: The waits between calls, in seconds.
        timeout_s: Give up after this many seconds (None: never).
        on_poll: Called with each object fetched (plain or coroutine function).
        request_options: Per-call options for each fetch.

    Raises:
        ValidationError: an invalid interval, backoff or timeout, before any request.
        WaitTimeoutError: ``timeout_s`` ran out; ``last_seen`` is the last object fetched (or None).
        RateLimitError: the server asked to wait longer than ``max_retry_after_s``.
    """
    interval, ceiling, limit = check.poll_waits(poll_interval_s, max_poll_interval_s, timeout_s)
    factor = check.finite_positive(backoff, "backoff")
    if factor < 1:
        raise ValidationError(f"backoff must be >= 1, got {backoff!r}", field="backoff")
    options = RequestOptions.coerce(request_options)
    max_wait_s = options.resolve_retry(retry_policy).max_retry_after_s
    deadline = None if limit is None else time.monotonic() + limit
    last: T | None = None
    while True:
        wait = interval
        try:
            value = fetch(options, deadline)
        except RateLimitError as exc:
            if exc.retry_after is not None and exc.retry_after > max_wait_s:
                raise
            wait = max(interval, exc.retry_after or 0.0)
            logger.warning("polling %s: rate limited; polling again in %.1f s", label, wait)
        except (APIConnectionError, ServerError) as exc:
            logger.warning("polling %s: %s; polling again", label, exc.message)
        else:
            last = value
            if on_poll is not None:
                notify(on_poll, value)
            if done(value):
                return value
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                status = getattr(last, "status", None)
                seen = f"; last status {status}" if last is not None else ""
                raise WaitTimeoutError(
                    f"{label} did not finish within {limit} s{seen}", timeout_s=limit or 0.0, last_seen=last
                )
            wait = min(wait, remaining)
        sleep(wait, options.cancel_token)
        interval = min(interval * factor, ceiling)
