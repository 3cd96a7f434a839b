"""Shared test fixtures: the emulator (from the package's pytest plugin) and clients of both kinds.

Every integration test body is written once and runs against ``TriggerClient`` and ``AsyncTriggerClient``:
the async client is wrapped in :class:`Blocking`, which runs its coroutines on one event loop per test.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from trigger_client import AsyncCursorPager, AsyncTriggerClient, RetryPolicy, TriggerClient
from trigger_client._async._pagination import AsyncOffsetPager

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
        if isinstance(value, AsyncCursorPager | AsyncOffsetPager):
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

    def __iter__(self) -> Iterator[Any]:
        """Iterate an async iterator (a realtime subscription or stream), one step at a time."""
        iterator = self._target.__aiter__()
        while True:
            try:
                yield self._runner.run(_await(iterator.__anext__()))
            except StopAsyncIteration:
                return

    def __enter__(self) -> Blocking:
        self._runner.run(_await(self._target.__aenter__()))
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._runner.run(_await(self._target.__aexit__(*exc_info)))


class BlockingPager:
    """An async pager iterated from blocking code (runs each step on the event loop)."""

    def __init__(self, pager: AsyncCursorPager[Any] | AsyncOffsetPager[Any], runner: asyncio.Runner) -> None:
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


JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.")


class SecretsAudit:
    """Collects everything a client exposes (log records, metrics, hook arguments, error reprs) during a
    test, so that the test can end by checking that no API key or JWT is among it."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.handler = _CollectingHandler(self.texts)

    def telemetry(self, metric: Any) -> None:
        self.texts.append(repr(metric))

    def error(self, error: BaseException) -> None:
        self.texts.append(f"{error} {error!r} {vars(error)!r}")

    def leaks(self, secrets: list[str]) -> list[str]:
        return [
            text[:300]
            for text in self.texts
            if JWT.search(text) or any(secret and secret in text for secret in secrets)
        ]


class _CollectingHandler(logging.Handler):
    def __init__(self, texts: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.texts = texts

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))


@pytest.fixture
def secrets_audit(emulator: Any) -> Iterator[SecretsAudit]:
    """Every log line (all loggers, DEBUG), metric and error of the test; none may hold a key or a JWT."""
    audit = SecretsAudit()
    root = logging.getLogger()
    level = root.level
    root.addHandler(audit.handler)
    root.setLevel(logging.DEBUG)
    try:
        yield audit
    finally:
        root.removeHandler(audit.handler)
        root.setLevel(level)
    assert audit.leaks([emulator.api_key]) == []


@pytest.fixture(params=["sync", "async"])
def make_client(
    request: pytest.FixtureRequest, emulator: Any, secrets_audit: SecretsAudit
) -> Iterator[Callable[..., Any]]:
    """Builds clients of the parametrised kind against the emulator; closes them after the test.

    Keyword arguments go to the client constructor (defaults: the emulator's key and URL, fast retries,
    and metrics plus an error hook that feed the test's secrets audit).
    """
    runner = asyncio.Runner()
    made: list[Any] = []

    def make(**kwargs: Any) -> Any:
        kwargs.setdefault("api_key", emulator.api_key)
        kwargs.setdefault("base_url", emulator.url)
        kwargs.setdefault("retry", FAST_RETRY)
        kwargs.setdefault("metrics", {"enabled": True, "telemetry_hook": secrets_audit.telemetry})
        kwargs.setdefault("error_hook", secrets_audit.error)
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


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis for the Redis store's tests: ``TRIGGER_TEST_REDIS_URL`` when set, else a redis-server
    started on a free loopback port without persistence (``.ci/run`` installs the Debian package). The
    tests are skipped, with the reason, only when neither the redis package nor a server is available."""
    import os
    import shutil
    import socket
    import subprocess
    import time

    redis = pytest.importorskip("redis", reason="the redis package is not installed: pip install '.[redis]'")
    url = os.environ.get("TRIGGER_TEST_REDIS_URL")
    if url:
        yield url
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("no Redis: redis-server is not on PATH and TRIGGER_TEST_REDIS_URL is not set")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"redis-server did not start (exit status {process.poll()})")
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def redis_cache(redis_url: str) -> dict[str, str]:
    """``cache=`` options for the shared test Redis, with a key prefix of this test alone."""
    import uuid

    return {"url": redis_url, "prefix": f"test-{uuid.uuid4().hex[:12]}:"}


@pytest.fixture
def client_kind(request: pytest.FixtureRequest) -> str:
    """``"sync"`` or ``"async"``: the kind of client ``make_client`` builds in this test."""
    return str(request.node.callspec.params["make_client"])
