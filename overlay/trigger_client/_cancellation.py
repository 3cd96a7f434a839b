"""Cancelling calls: a thread-safe token, the function that cancels it, and :func:`is_cancel`.

Give the token to any call (``request_options={"cancel_token": token}``); ``cancel(reason)`` — from any
thread — makes that call raise :class:`RequestCancelledError` promptly, whether it is waiting on the
network, in a retry back-off, between polls, or between pages.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from ._exceptions import RequestCancelledError

if TYPE_CHECKING:
    import asyncio

__all__ = ["CancellationToken", "create_cancellable_request", "is_cancel"]

logger = logging.getLogger("trigger_client")


class CancellationToken:
    """Set once by its ``cancel`` function; every call given the token then stops. Thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._reason: str | None = None
        self._callbacks: list[Callable[[], object]] = []

    @property
    def cancelled(self) -> bool:
        """Whether ``cancel`` was called."""
        return self._event.is_set()

    @property
    def reason(self) -> str | None:
        """The reason given to ``cancel``, or None."""
        return self._reason

    def cancel(self, reason: str | None = None) -> None:
        """Cancel: calls given this token raise :class:`RequestCancelledError` (the first reason is kept)."""
        with self._lock:
            if self._event.is_set():
                return
            self._reason = reason
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception as exc:  # a waiter whose event loop has closed, say
                logger.debug("cancellation callback failed: %s", exc)

    def raise_if_cancelled(self) -> None:
        """Raise :class:`RequestCancelledError` if the token was cancelled."""
        if self._event.is_set():
            raise RequestCancelledError(self._reason)

    def wait(self, seconds: float) -> None:
        """Block up to ``seconds``; raise :class:`RequestCancelledError` as soon as the token is cancelled."""
        if self._event.wait(seconds):
            raise RequestCancelledError(self._reason)

    def on_cancel(self, callback: Callable[[], object]) -> Callable[[], None]:
        """Call ``callback`` when cancelled (at once if already); return a function that unregisters it."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._remove(callback)
        callback()
        return lambda: None

    def async_waiter(self) -> tuple[asyncio.Event, Callable[[], None]]:
        """An ``asyncio.Event`` of the running loop, set on cancellation, and a function to unregister it."""
        import asyncio  # imported on first use: sync-only programs never load asyncio

        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        return event, self.on_cancel(lambda: loop.call_soon_threadsafe(event.set))

    def _remove(self, callback: Callable[[], object]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    def __repr__(self) -> str:
        return f"CancellationToken(cancelled={self.cancelled}, reason={self._reason!r})"


def create_cancellable_request() -> tuple[CancellationToken, Callable[..., None]]:
    """A new token and its ``cancel(reason=None)`` function (safe to call from any thread, more than once).

    Returns:
        ``(token, cancel)``: pass ``request_options={"cancel_token": token}`` to the calls to cancel.
    """
    token = CancellationToken()
    return token, token.cancel


def is_cancel(error: BaseException) -> bool:
    """Whether ``error`` is a cancellation (:class:`RequestCancelledError`, or asyncio's ``CancelledError``)
    rather than a failure."""
    if isinstance(error, RequestCancelledError):
        return True
    import asyncio

    return isinstance(error, asyncio.CancelledError)
