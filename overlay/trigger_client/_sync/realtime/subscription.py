"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

A realtime subscription: the long-poll loop of one shape feed, with reconnects.

Each step is one complete HTTP request through the client's pipeline (headers, metrics, typed errors), so
no connection is held between steps: leaving the loop early, or dropping the subscription, leaks nothing.
A failed request (dropped connection, silence past the idle timeout, 5xx, 429) is repeated from the same
shape position after a back-off, so no update is missed and none is repeated. ``close()`` — from the
loop, another task or thread, or the client's ``dispose_realtime()`` and ``close()`` — also abandons a
request in progress.
"""

from __future__ import annotations

import collections
import contextlib
import logging
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ..._cancellation import CancellationToken
from ..._error_hook import report_error
from ..._exceptions import (
    APIConnectionError,
    ConflictError,
    RateLimitError,
    RequestCancelledError,
    ServerError,
    TriggerError,
)
from ..._pipeline import CallSettings, call_scope
from ..._realtime_options import RealtimeOptions
from ..._realtime_protocol import ELECTRIC_VERSION, ShapeState
from ..._sync_async import Background, sleep
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["ShapeSubscription"]

logger = logging.getLogger("trigger_client")

T = TypeVar("T")

RowsToItems = Callable[[ShapeState, list[dict[str, Any]]], list[T]]
"""Turns the rows an answer emitted into the items the subscription yields (it may keep state)."""


class ShapeSubscription(Generic[T]):
    """Iterates over the updates of one realtime feed. Use it in a ``for`` loop (``async for`` with the
    async client), ideally as a context manager; ``close()`` ends it.

    Args:
        client: The client whose connections, key and pipeline are used.
        path: The feed, such as ``/realtime/v1/runs/run_…``.
        route: The path template, for metrics (``/realtime/v1/runs/{runId}``).
        query: The feed's own query parameters (``tags``, ``createdAt``, ``skipColumns``).
        convert: Turns emitted rows into the yielded items.
        stop: Ends the iteration after an item for which it returns True.
        options: Reconnect and timeout settings.
        request_options: Per-request options (extra headers, a cancel token); timeouts and retries are
            set by ``options``.
    """

    def __init__(
        self,
        client: TriggerClient,
        path: str,
        route: str,
        query: Mapping[str, str],
        convert: RowsToItems[T],
        *,
        stop: Callable[[T], bool] | None = None,
        options: RealtimeOptions | Mapping[str, Any] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        self._client = client
        self._path = path
        self._route = route
        self._query = {"log": "full", **query}
        self._convert = convert
        self._stop = stop
        self._options = RealtimeOptions.coerce(options)
        base = RequestOptions.coerce(request_options)
        timeout = httpx.Timeout(self._options.idle_timeout_s, connect=self._options.connect_timeout_s)
        # Its own token, so that close() abandons a request in progress; the caller's token cancels it too.
        self._token = CancellationToken()
        self._unlink = base.cancel_token.on_cancel(self._token.cancel) if base.cancel_token else None
        self._request_options = RequestOptions(
            timeout=timeout,
            max_retries=0,  # this loop reconnects itself, from the same shape position
            extra_headers={**base.extra_headers, "x-trigger-electric-version": ELECTRIC_VERSION},
            cancel_token=self._token,
        )
        self.state = ShapeState()
        self._pending: collections.deque[T] = collections.deque()
        self._closed = False
        self._ahead: Background | None = None  # a request sent ahead of the consumer (buffer_size)
        client._track_realtime(self)

    def __iter__(self) -> ShapeSubscription[T]:
        return self

    def __next__(self) -> T:
        while not self._pending:
            if self._closed:
                raise StopIteration
            try:
                if self._ahead is not None:  # a request was sent ahead: its answer (or error) first
                    ahead, self._ahead = self._ahead, None
                    ahead.join()
                else:
                    self._step()
            except RequestCancelledError:
                if self._closed:  # closed while a request was in progress
                    raise StopIteration from None
                raise
        item = self._pending.popleft()
        if self._stop is not None and self._stop(item):
            self.close()
        elif self._ahead is None and len(self._pending) < self._options.buffer_size:
            self._ahead = Background(self._step)
        return item

    @property
    def closed(self) -> bool:
        """Whether the subscription has ended (closed, or finished)."""
        return self._closed

    def close(self) -> None:
        """End the subscription; a request in progress is abandoned (its connection closed). Safe to call
        from another task or thread, and more than once."""
        self._closed = True
        self._pending.clear()
        self._token.cancel("subscription closed")
        if self._unlink is not None:
            self._unlink()
        ahead, self._ahead = self._ahead, None
        if ahead is not None:  # the request sent ahead ends promptly, cancelled: collect it
            with contextlib.suppress(TriggerError):
                ahead.join()
        self._client._untrack_realtime(self)

    def __enter__(self) -> ShapeSubscription[T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _step(self) -> None:
        """One answer of the feed, reconnecting after failures; queues the items it emits."""
        failures = 0
        while True:
            try:
                response = self._get()
            except ConflictError as error:  # must-refetch: the shape was rotated, start it again
                self.state.restart(error.headers.get("electric-handle"))
                continue
            except (APIConnectionError, ServerError, RateLimitError) as error:
                failures += 1
                if failures > self._options.max_reconnect_attempts:
                    report_error(self._client._config, error)
                    raise
                wait = self._options.reconnect_wait_s(failures)
                if isinstance(error, RateLimitError) and error.retry_after:
                    wait = max(wait, error.retry_after)
                logger.warning("realtime %s: %s; reconnecting in %.2f s", self._route, error.message, wait)
                sleep(wait, self._token)
                continue
            except TriggerError as error:
                report_error(self._client._config, error)
                raise
            try:
                rows = self.state.apply(response.headers, response.content)
            except TriggerError as error:
                report_error(self._client._config, error)
                raise
            self._pending.extend(self._convert(self.state, rows))
            return

    def _get(self) -> httpx.Response:
        if self._client._http.is_closed:
            raise TriggerError(
                "this client is closed: make a new one (or do not close it before its last call)"
            )
        settings = CallSettings(self._client._config, self._request_options, route=self._route)
        with call_scope(settings):
            try:
                return self._client._http.get(self._path, params=self.state.query(self._query))
            except httpx.HTTPError as exc:  # raised outside the transport (decoding, a bad URL)
                raise APIConnectionError(
                    f"{type(exc).__name__}: {exc}", method="GET", url=self._path, attempts=1
                ) from None
