"""The few operations whose sync and async forms differ. The hand-written async code calls the
``async_`` form; the generated sync twin calls the plain one (``scripts/unasync_overlay.py`` maps the names).
"""

from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from ._cancellation import CancellationToken
from ._exceptions import RequestCancelledError

T = TypeVar("T")


async def async_sleep(seconds: float, token: CancellationToken | None = None) -> None:
    """Wait ``seconds`` without blocking the event loop; raise :class:`RequestCancelledError` as soon as
    ``token`` is cancelled."""
    import asyncio  # imported on first use: sync-only programs never load asyncio

    if token is None:
        if seconds > 0:
            await asyncio.sleep(seconds)
        return
    token.raise_if_cancelled()
    event, unregister = token.async_waiter()
    try:
        await asyncio.wait_for(event.wait(), max(seconds, 0))
    except TimeoutError:
        pass
    finally:
        unregister()
    token.raise_if_cancelled()


def sleep(seconds: float, token: CancellationToken | None = None) -> None:
    """Block the calling thread for ``seconds``; raise :class:`RequestCancelledError` as soon as
    ``token`` is cancelled (from any thread)."""
    if token is None:
        if seconds > 0:
            time.sleep(seconds)
        return
    token.raise_if_cancelled()
    token.wait(max(seconds, 0))


async def async_send_cancellable(
    send: Callable[[httpx.Request], Awaitable[httpx.Response]],
    request: httpx.Request,
    token: CancellationToken | None,
) -> httpx.Response:
    """``await send(request)``, abandoned (and its connection closed) when ``token`` is cancelled."""
    if token is None:
        return await send(request)
    import asyncio

    token.raise_if_cancelled()
    event, unregister = token.async_waiter()
    sending = asyncio.ensure_future(send(request))
    waiting = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({sending, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if sending.done():
            return sending.result()
        raise RequestCancelledError(token.reason)
    finally:
        unregister()
        waiting.cancel()
        if not sending.done():
            sending.cancel()  # httpcore closes a connection whose request is cancelled


def send_cancellable(
    send: Callable[[httpx.Request], httpx.Response], request: httpx.Request, token: CancellationToken | None
) -> httpx.Response:
    """``send(request)``, given up at once when ``token`` is cancelled from another thread.

    With a token, the request runs in a helper thread so that the caller can stop waiting; an abandoned
    request finishes (or times out) in that thread and its response is closed there.
    """
    if token is None:
        return send(request)
    token.raise_if_cancelled()
    done = threading.Event()
    lock = threading.Lock()
    outcome: list[httpx.Response | BaseException] = []
    abandoned = False

    def work() -> None:
        try:
            result: httpx.Response | BaseException = send(request)
        except BaseException as exc:
            result = exc
        with lock:
            if abandoned:
                if isinstance(result, httpx.Response):
                    result.close()
                return
            outcome.append(result)
        done.set()

    threading.Thread(target=work, name="trigger-client-request", daemon=True).start()
    unregister = token.on_cancel(done.set)
    try:
        done.wait()
    finally:
        unregister()
    with lock:
        if not outcome:
            abandoned = True
            raise RequestCancelledError(token.reason)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


async def async_resolve(value: Any) -> Any:
    """``value``, awaited first when it is awaitable."""
    if inspect.isawaitable(value):
        return await value
    return value


def resolve(value: Any) -> Any:
    """``value`` (the sync code has nothing to await)."""
    return value


def async_call_blocking(close: Callable[[], Awaitable[object]]) -> None:
    """Run a coroutine function to completion from synchronous code (an exit hook): in a new event loop."""
    import asyncio

    asyncio.run(_awaited(close))


async def _awaited(close: Callable[[], Awaitable[object]]) -> None:
    await close()


def call_blocking(close: Callable[[], object]) -> None:
    """Call ``close`` (the sync code has nothing to run it in)."""
    close()


async def async_notify(callback: Callable[[T], object], value: T) -> None:
    """Call a user callback with ``value``; await its result when it is awaitable (a coroutine function)."""
    outcome = callback(value)
    if inspect.isawaitable(outcome):
        await outcome


def notify(callback: Callable[[T], object], value: T) -> None:
    """Call a user callback with ``value``."""
    callback(value)


_CLOSING: set[Any] = set()
"""Close tasks of abandoned responses, kept until they finish."""


def async_close_abandoned(response: httpx.Response) -> None:
    """Close a streaming response that was dropped unclosed (from ``__del__``): on its event loop when one
    is running, else nothing can be awaited and the connection is left to the pool's clean-up."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    task = loop.create_task(response.aclose())
    _CLOSING.add(task)
    task.add_done_callback(_CLOSING.discard)


def close_abandoned(response: httpx.Response) -> None:
    """Close a streaming response that was dropped unclosed (from ``__del__``)."""
    try:
        response.close()
    except Exception:  # a connection already broken
        return


class AsyncBackground:
    """Runs ``work()`` as a task of the running event loop; :meth:`join` waits for it (raising its error)."""

    def __init__(self, work: Callable[[], Awaitable[None]]) -> None:
        import asyncio

        self._task = asyncio.ensure_future(work())

    async def join(self) -> None:
        """Wait for the work to finish; raise what it raised."""
        await self._task


class Background:
    """Runs ``work()`` in a daemon thread; :meth:`join` waits for it (raising its error)."""

    def __init__(self, work: Callable[[], None]) -> None:
        self._error: BaseException | None = None

        def run() -> None:
            try:
                work()
            except BaseException as exc:
                self._error = exc

        self._thread = threading.Thread(target=run, name="trigger-client-read-ahead", daemon=True)
        self._thread.start()

    def join(self) -> None:
        """Wait for the work to finish; raise what it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
