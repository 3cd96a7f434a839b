"""Shared test fixtures: the emulator (from the package's pytest plugin) and clients of both kinds.

Every integration test body is written once and runs against ``TriggerClient`` and ``AsyncTriggerClient``:
the async client is wrapped in :class:`Blocking`, which runs its coroutines on one event loop per test.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from trigger_client import AsyncCursorPager, AsyncTriggerClient, RetryPolicy, TriggerClient

FAST_RETRY = RetryPolicy(base_delay_s=0.01, max_delay_s=0.05, jitter=False)
"""Real retry behaviour with waits short enough for tests."""


class Blocking:
    """Presents an async client (or one of its resources) with blocking methods, for shared test bodies."""

    def __init__(self, target: Any, runner: asyncio.Runner) -> None:
        self._target = target
        self._runner = runner

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if callable(value):
            return lambda *args, **kwargs: self._wrap(value(*args, **kwargs))
        return self._wrap(value)

    def _wrap(self, value: Any) -> Any:
        if inspect.isawaitable(value):
            return self._wrap(self._runner.run(_await(value)))
        if isinstance(value, AsyncCursorPager):
            return BlockingPager(value, self._runner)
        if type(value).__module__.startswith("trigger_client._async") or isinstance(
            value, AsyncTriggerClient
        ):
            return Blocking(value, self._runner)
        return value

    @property
    def unwrapped(self) -> Any:
        """The async object behind the facade."""
        return self._target


class BlockingPager:
    """An ``AsyncCursorPager`` iterated from blocking code (collects each page on the event loop)."""

    def __init__(self, pager: AsyncCursorPager[Any], runner: asyncio.Runner) -> None:
        self._pager = pager
        self._runner = runner

    def first_page(self) -> Any:
        return self._runner.run(self._pager.first_page())

    def pages(self) -> Iterator[Any]:
        iterator = self._pager.pages().__aiter__()
        while True:
            try:
                yield self._runner.run(iterator.__anext__())
            except StopAsyncIteration:
                return

    def __iter__(self) -> Iterator[Any]:
        iterator = self._pager.__aiter__()
        while True:
            try:
                yield self._runner.run(iterator.__anext__())
            except StopAsyncIteration:
                return


async def _await(awaitable: Any) -> Any:
    return await awaitable


@pytest.fixture
def emulator(trigger_emulator: Any) -> Any:
    """A started emulator with no runs, tasks, faults or recorded requests."""
    return trigger_emulator


@pytest.fixture(params=["sync", "async"])
def make_client(request: pytest.FixtureRequest, emulator: Any) -> Iterator[Callable[..., Any]]:
    """Builds clients of the parametrised kind against the emulator; closes them after the test.

    Keyword arguments go to the client constructor (defaults: the emulator's key and URL, fast retries).
    """
    runner = asyncio.Runner()
    made: list[Any] = []

    def make(**kwargs: Any) -> Any:
        kwargs.setdefault("api_key", emulator.api_key)
        kwargs.setdefault("base_url", emulator.url)
        kwargs.setdefault("retry", FAST_RETRY)
        if request.param == "sync":
            client = TriggerClient(**kwargs)
            made.append(client)
            return client
        async_client = AsyncTriggerClient(**kwargs)
        made.append(async_client)
        return Blocking(async_client, runner)

    yield make
    for client in made:
        if isinstance(client, AsyncTriggerClient):
            runner.run(client.close())
        else:
            client.close()
    runner.close()


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Any:
    """A client (sync, or async behind :class:`Blocking`) for the emulator, with fast retries."""
    return make_client()
