"""Reading a run's output stream (server-sent events) and following a run's logs.

:class:`AsyncRunStream` holds one streaming response at a time, read through the client's pipeline
(headers, metrics, typed errors). A connection that drops, goes silent past the idle timeout or answers
5xx/429 is opened again with ``Last-Event-ID`` after a back-off, so no part is missed or repeated; a stream
the server ends while the run is still going is opened again the same way (with ``follow``); it ends when
the run has finished. ``close()`` (or leaving its ``with`` block, or dropping it) closes the connection.

:class:`AsyncRunLogStream` polls ``GET /api/v1/runs/{runId}/events`` — the server has no log stream — and
yields each log event once, until the run has finished.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import socket
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx
from httpx_sse import EventSource

from ..._cancellation import CancellationToken
from ..._constants import FINAL_RUN_STATUSES
from ..._error_hook import report_error
from ..._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    RateLimitError,
    RequestCancelledError,
    ServerError,
    TriggerError,
)
from ..._pipeline import CallSettings, call_scope
from ..._realtime_options import RealtimeOptions
from ..._realtime_routes import RUN_EVENTS, RUN_STREAM, template
from ..._realtime_streams import RunLogEvent, StreamDecoder, StreamPart
from ..._sync_async import async_close_abandoned, async_sleep
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncRunLogStream", "AsyncRunStream"]

logger = logging.getLogger("trigger_client")

T = TypeVar("T")

STREAM_ROUTE = template(RUN_STREAM)
EVENTS_ROUTE = template(RUN_EVENTS)


class _AsyncFeed(Generic[T]):
    """What the stream readers share: their own cancel token (linked to the caller's), registration with
    the client for ``dispose_realtime()``, back-off and the run's final status."""

    def __init__(
        self,
        client: AsyncTriggerClient,
        run_id: str,
        options: RealtimeOptions | Mapping[str, Any] | None,
        request_options: RequestOptions | Mapping[str, Any] | None,
        *,
        timeout: httpx.Timeout | None,
        headers: Mapping[str, str],
        max_retries: int | None,
    ) -> None:
        self._client = client
        self._run_id = run_id
        self._options = RealtimeOptions.coerce(options)
        base = RequestOptions.coerce(request_options)
        self._token = CancellationToken()
        self._unlink = base.cancel_token.on_cancel(self._token.cancel) if base.cancel_token else None
        self._request_options = RequestOptions(
            timeout=base.timeout if timeout is None else timeout,
            max_retries=max_retries if max_retries is not None else base.max_retries,
            retry=base.retry,
            extra_headers={**base.extra_headers, **headers},
            cancel_token=self._token,
        )
        self._closed = False
        self._failures = 0
        self._pending: collections.deque[T] = collections.deque()
        client._track_realtime(self)

    @property
    def closed(self) -> bool:
        """Whether the reader has ended (closed, or finished)."""
        return self._closed

    async def close(self) -> None:
        """End the reader and close its connection; safe from another task or thread, and more than once."""
        self._pending.clear()
        self._interrupt()
        await self._end()

    def _interrupt(self) -> None:
        """Shut the open connection's socket, so that a read blocked in another thread returns at once."""

    async def _end(self) -> None:
        """Stop reading (what is already read is still yielded) and release everything."""
        self._closed = True
        self._token.cancel("stream closed")
        if self._unlink is not None:
            self._unlink()
        await self._release()
        self._client._untrack_realtime(self)

    async def _release(self) -> None:
        """Close the open response, if any."""

    def _fail(self, error: TriggerError) -> TriggerError:
        report_error(self._client._config, error)
        return error

    async def _back_off(self, error: TriggerError) -> None:
        """Wait before the next attempt after ``error``; raise it once the attempts are used up."""
        self._failures += 1
        if self._failures > self._options.max_reconnect_attempts:
            raise self._fail(error)
        wait = self._options.reconnect_wait_s(self._failures)
        if isinstance(error, RateLimitError) and error.retry_after:
            wait = max(wait, error.retry_after)
        logger.warning("realtime run %s: %s; reconnecting in %.2f s", self._run_id, error.message, wait)
        await async_sleep(wait, self._token)

    async def _run_finished(self) -> bool:
        """Whether the run is in a final status (``GET /api/v3/runs/{runId}``); False when that fails."""
        try:
            run = await self._client.runs.retrieve(
                self._run_id, request_options={"cancel_token": self._token}
            )
        except (APIConnectionError, ServerError, RateLimitError):
            return False
        return str(run.status) in FINAL_RUN_STATUSES or run.is_completed is True

    async def _send(self, method: str, path: str, route: str, headers: Mapping[str, str]) -> httpx.Response:
        if self._client._http.is_closed:
            raise TriggerError(
                "this client is closed: make a new one (or do not close it before its last call)"
            )
        settings = CallSettings(self._client._config, self._request_options, route=route)
        with call_scope(settings):
            try:
                request = self._client._http.build_request(method, path, headers=dict(headers))
                return await self._client._http.send(request, stream=True)
            except httpx.HTTPError as exc:  # raised outside the transport (a bad URL)
                raise APIConnectionError(f"{type(exc).__name__}: {exc}", method=method, url=path) from None


class AsyncRunStream(_AsyncFeed[StreamPart]):
    """Iterates over the parts of a run's output stream (:class:`StreamPart`); ``async for`` with the
    async client. Use it as a context manager (or call ``close()``) to release its connection early.

    Args:
        client: The client whose connections, key and pipeline are used.
        run_id: The run.
        stream_key: The stream (``default`` unless the task named it).
        follow: Keep reading until the run has finished (True), or read what is there and stop (False).
        timeout_s: Sent as ``Timeout-Seconds`` (1-600): how long the server keeps a read open without
            new records (server default 60 s for v2 streams, 15 s for v1); ``follow=False`` uses 1.
        last_event_id: Start after this part (an earlier part's ``id``).
        options: Reconnect and timeout settings.
        request_options: Extra headers or a cancel token for every request.
    """

    def __init__(
        self,
        client: AsyncTriggerClient,
        run_id: str,
        stream_key: str,
        path: str,
        *,
        follow: bool = True,
        timeout_s: int | None = None,
        last_event_id: str | None = None,
        options: RealtimeOptions | Mapping[str, Any] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        realtime = RealtimeOptions.coerce(options)
        super().__init__(
            client,
            run_id,
            realtime,
            request_options,
            timeout=httpx.Timeout(realtime.idle_timeout_s, connect=realtime.connect_timeout_s),
            headers={"accept": "text/event-stream"},
            max_retries=0,  # this reader reconnects itself, from the last part
        )
        self.stream_key = stream_key
        self._path = path
        self._follow = follow
        self._timeout_s = timeout_s if timeout_s is not None else (None if follow else 1)
        self._decoder = StreamDecoder(last_event_id)
        self._response: httpx.Response | None = None
        self._events: Any = None
        self._version = "v1"

    @property
    def last_event_id(self) -> str | None:
        """The position of the last part read (resume a new reader after it with ``last_event_id``)."""
        return self._decoder.last_event_id

    def __aiter__(self) -> AsyncRunStream:
        return self

    async def __anext__(self) -> StreamPart:
        while not self._pending:
            if self._closed:
                raise StopAsyncIteration
            try:
                await self._read()
            except RequestCancelledError:
                if self._closed:
                    raise StopAsyncIteration from None
                raise
        return self._pending.popleft()

    async def __aenter__(self) -> AsyncRunStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __del__(self) -> None:
        response = self._response
        if response is not None and not response.is_closed:
            async_close_abandoned(response)

    def _interrupt(self) -> None:
        response = self._response
        stream = response.extensions.get("network_stream") if response is not None else None
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    async def _release(self) -> None:
        response, self._response, self._events = self._response, None, None
        if response is not None:
            try:
                await response.aclose()
            except Exception as exc:  # a connection already broken
                logger.debug("closing a stream response failed: %s", exc)

    async def _read(self) -> None:
        """Read the next event (connecting first when needed); queue the parts it carries."""
        if self._events is None:
            await self._connect()
            return
        try:
            event = await self._events.__anext__()
        except StopAsyncIteration:
            await self._release()
            if not self._follow or await self._run_finished():
                await self._end()
            return
        except (httpx.TransportError, httpx.DecodingError) as exc:
            await self._release()
            await self._back_off(
                APIConnectionError(
                    f"the stream broke: {type(exc).__name__}: {exc}", method="GET", url=self._path
                )
            )
            return
        parts = self._decoder.decode(self._version, event.event, event.data, event.id or None)
        if parts:
            self._failures = 0
        self._pending.extend(parts)

    async def _connect(self) -> None:
        headers = {}
        if self._decoder.last_event_id:
            headers["last-event-id"] = self._decoder.last_event_id
        if self._timeout_s is not None:
            headers["timeout-seconds"] = str(self._timeout_s)
        try:
            response = await self._send("GET", self._path, STREAM_ROUTE, headers)
        except (APIConnectionError, ServerError, RateLimitError) as error:
            await self._back_off(error)
            return
        except RequestCancelledError:
            raise
        except TriggerError as error:
            raise self._fail(error) from None
        self._response = response
        self._version = response.headers.get("x-stream-version", "v1")
        self._events = EventSource(response).aiter_sse()
        if "text/event-stream" not in response.headers.get("content-type", ""):
            body = (await response.aread())[:200]
            await self._release()
            raise self._fail(
                APIResponseValidationError(
                    f"the stream answer is not server-sent events "
                    f"({response.headers.get('content-type')!r}): {body!r}",
                    status_code=response.status_code,
                    method="GET",
                    url=self._path,
                )
            ) from None


class AsyncRunLogStream(_AsyncFeed[RunLogEvent]):
    """Iterates over a run's log events (:class:`RunLogEvent`), each once, by polling
    ``GET /api/v1/runs/{runId}/events``; ends when the run has finished (or after one read without
    ``follow``). Use it as a context manager or call ``close()`` to stop early.
    """

    def __init__(
        self,
        client: AsyncTriggerClient,
        run_id: str,
        path: str,
        *,
        follow: bool = True,
        poll_interval_s: float = 1.0,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(client, run_id, None, request_options, timeout=None, headers={}, max_retries=None)
        self._path = path
        self._follow = follow
        self._interval = poll_interval_s
        self._seen: set[str] = set()
        self._polls = 0
        self._done = False

    def __aiter__(self) -> AsyncRunLogStream:
        return self

    async def __anext__(self) -> RunLogEvent:
        while not self._pending:
            if self._closed or self._done:
                raise StopAsyncIteration
            try:
                await self._poll()
            except RequestCancelledError:
                if self._closed:
                    raise StopAsyncIteration from None
                raise
        return self._pending.popleft()

    async def __aenter__(self) -> AsyncRunLogStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def _poll(self) -> None:
        if self._polls:
            await async_sleep(self._interval, self._token)
        self._polls += 1
        # Judged before reading, so that the last read has every event of a finished run.
        finished = not self._follow or await self._run_finished()
        try:
            response = await self._send("GET", self._path, EVENTS_ROUTE, {})
            try:
                body = (await response.aread()).decode("utf-8", errors="replace")
            finally:
                await response.aclose()
        except RequestCancelledError:
            raise
        except TriggerError as error:
            raise self._fail(error) from None
        except httpx.HTTPError as exc:
            raise self._fail(APIConnectionError(f"{type(exc).__name__}: {exc}", url=self._path)) from None
        events = _events_of(body)
        if events is None:
            raise self._fail(
                APIResponseValidationError(
                    f"the run events answer is not {{'events': [...]}}: {body[:200]!r}",
                    status_code=response.status_code,
                    method="GET",
                    url=self._path,
                )
            )
        for event in events:
            span_id = str(event.get("spanId") or "")
            if event.get("level") == "TRACE" or not span_id or span_id in self._seen:
                continue
            self._seen.add(span_id)
            self._pending.append(RunLogEvent.from_json(event))
        if finished:
            self._done = True
            await self._end()


def _events_of(body: str) -> list[dict[str, Any]] | None:
    import json

    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    events = parsed.get("events") if isinstance(parsed, dict) else None
    if not isinstance(events, list):
        return None
    return [event for event in events if isinstance(event, dict)]
