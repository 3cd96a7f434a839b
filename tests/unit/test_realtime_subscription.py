"""The realtime subscription loop against a scripted shape server (answers the emulator would not give,
such as Electric's proxied headers): statuses in order, reconnects without gaps or repeats, must-refetch,
giving up, batch progress. tests/integration/test_realtime.py runs it against the emulator."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from trigger_client import APIConnectionError, AsyncTriggerClient, NotFoundError, TriggerClient
from trigger_client._realtime_feeds import BatchProgress

SCHEMA = json.dumps(
    {
        "id": {"type": "text"}, "friendlyId": {"type": "text"}, "taskIdentifier": {"type": "text"},
        "status": {"type": "TaskRunStatus"}, "createdAt": {"type": "timestamp"}, "updatedAt": {"type": "timestamp"},
        "completedAt": {"type": "timestamp"}, "output": {"type": "text"}, "outputType": {"type": "text"},
    }
)  # fmt: skip
FAST = {"reconnect_interval_s": 0.001, "max_reconnect_attempts": 3}


def row(key: str, status: str, op: str = "update", **extra: Any) -> dict[str, Any]:
    value = {"id": key, "friendlyId": f"run_{key}", "taskIdentifier": "t", "status": status,
             "createdAt": "2025-06-01 12:00:00", "updatedAt": "2025-06-01 12:00:01", **extra}  # fmt: skip
    return {"key": f'"public"."TaskRun"/"{key}"', "value": value, "headers": {"operation": op}}


UP_TO_DATE = {"headers": {"control": "up-to-date"}}


class ShapeServer:
    """Answers each request with the next scripted step: a list of messages, an exception or a status."""

    def __init__(self, steps: list[Any]) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if self.steps else [UP_TO_DATE]
        if isinstance(step, Exception):
            raise step
        if isinstance(step, int):
            return httpx.Response(step, json={"error": "x"}, headers={"electric-handle": "h2"})
        number = len(self.requests)
        headers = {"electric-handle": "h1", "electric-offset": f"{number}_0", "electric-cursor": str(number)}
        if "live" not in request.url.params:
            headers["electric-schema"] = SCHEMA
        return httpx.Response(200, json=step, headers=headers)


def collect(server: ShapeServer, kind: str, open_feed: Callable[[Any], Any]) -> list[Any]:
    transport = httpx.MockTransport(server)
    if kind == "sync":
        with TriggerClient("tr_dev_x", base_url="http://test", transport=transport) as client:
            return list(open_feed(client))

    async def main() -> list[Any]:
        async with AsyncTriggerClient("tr_dev_x", base_url="http://test", transport=transport) as client:
            return [item async for item in open_feed(client)]

    return asyncio.run(main())


KINDS = pytest.mark.parametrize("kind", ["sync", "async"])


@KINDS
def test_a_run_is_followed_to_completion_in_order(kind: str) -> None:
    server = ShapeServer(
        [
            [row("a", "PENDING", "insert"), UP_TO_DATE],
            [row("a", "EXECUTING"), UP_TO_DATE],
            [UP_TO_DATE],
            [
                row(
                    "a",
                    "COMPLETED_SUCCESSFULLY",
                    completedAt="2025-06-01 12:00:05",
                    output='{"ok":1}',
                    outputType="application/json",
                ),
                UP_TO_DATE,
            ],
        ]
    )
    runs = collect(server, kind, lambda c: c.runs.subscribe_to_run("run_a", realtime=FAST))
    assert [run.status for run in runs] == ["QUEUED", "EXECUTING", "COMPLETED"]
    assert runs[-1].output == {"ok": 1}
    first, second = server.requests[0], server.requests[1]
    assert first.url.path == "/realtime/v1/runs/run_a"
    assert dict(first.url.params) == {"log": "full", "offset": "-1"}
    assert dict(second.url.params) == {
        "log": "full",
        "offset": "1_0",
        "handle": "h1",
        "live": "true",
        "cursor": "1",
    }
    assert first.headers["x-trigger-electric-version"] == "1.0.0-beta.1"
    assert first.headers["x-trigger-api-version"] == "2025-07-16"
    assert len(server.requests) == 4


@KINDS
def test_a_dropped_connection_is_resumed_from_the_same_position(kind: str) -> None:
    server = ShapeServer(
        [
            [row("a", "PENDING", "insert"), UP_TO_DATE],
            httpx.RemoteProtocolError("server disconnected"),
            httpx.ReadTimeout("silent"),
            [row("a", "EXECUTING"), UP_TO_DATE],
            [row("a", "CANCELED", completedAt="2025-06-01 12:00:03"), UP_TO_DATE],
        ]
    )
    runs = collect(server, kind, lambda c: c.runs.subscribe_to_run("run_a", realtime=FAST))
    assert [run.status for run in runs] == ["QUEUED", "EXECUTING", "CANCELED"]
    offsets = [r.url.params.get("offset") for r in server.requests]
    assert offsets == ["-1", "1_0", "1_0", "1_0", "4_0"]


@KINDS
def test_must_refetch_starts_over_without_repeating_the_unchanged_run(kind: str) -> None:
    server = ShapeServer(
        [
            [row("a", "EXECUTING", "insert"), UP_TO_DATE],
            409,
            [row("a", "EXECUTING", "insert"), UP_TO_DATE],
            [row("a", "COMPLETED_SUCCESSFULLY", completedAt="2025-06-01 12:00:05"), UP_TO_DATE],
        ]
    )
    runs = collect(server, kind, lambda c: c.runs.subscribe_to_run("run_a", realtime=FAST))
    assert [run.status for run in runs] == ["EXECUTING", "COMPLETED"]
    assert dict(server.requests[2].url.params) == {"log": "full", "offset": "-1", "handle": "h2"}


@KINDS
def test_reconnect_attempts_exhausted_raise_the_typed_error(kind: str) -> None:
    server = ShapeServer([httpx.ConnectError("refused")] * 10)
    with pytest.raises(APIConnectionError):
        collect(server, kind, lambda c: c.runs.subscribe_to_run("run_a", realtime=FAST))
    assert len(server.requests) == 4  # the first try and three reconnects


@KINDS
def test_a_missing_run_is_not_retried(kind: str) -> None:
    server = ShapeServer([404])
    with pytest.raises(NotFoundError):
        collect(server, kind, lambda c: c.runs.subscribe_to_run("run_a", realtime=FAST))
    assert len(server.requests) == 1


@KINDS
def test_batch_progress_counts(kind: str) -> None:
    snapshot = [
        row(str(n), s, "insert") for n, s in enumerate(["PENDING", "EXECUTING", "EXECUTING", "DELAYED"])
    ]
    done = [row("0", "COMPLETED_SUCCESSFULLY", completedAt="2025-06-01 12:00:05"),
            row("1", "COMPLETED_WITH_ERRORS", completedAt="2025-06-01 12:00:05"),
            row("2", "CANCELED", completedAt="2025-06-01 12:00:05")]  # fmt: skip
    server = ShapeServer([[*snapshot, UP_TO_DATE], [*done, UP_TO_DATE]])

    def first_two(client: Any) -> Any:
        feed = client.runs.subscribe_to_batch("batch_1", realtime=FAST)
        return _take(feed, 2)

    progress: list[BatchProgress] = collect(server, kind, first_two)
    counts = [
        (p.total, p.completed, p.failed, p.canceled, p.running, p.queued, p.progress, p.is_completed)
        for p in progress
    ]
    assert counts == [(4, 0, 0, 0, 2, 2, 0.0, False), (4, 1, 1, 1, 0, 1, 0.75, False)]
    assert server.requests[0].url.path == "/realtime/v1/batches/batch_1"


def _take(feed: Any, count: int) -> Any:
    if hasattr(feed, "__aiter__"):

        async def agen() -> Any:
            seen = 0
            async with feed:
                async for item in feed:
                    yield item
                    seen += 1
                    if seen == count:
                        return

        return agen()

    def gen() -> Any:
        with feed:
            for seen, item in enumerate(feed, start=1):
                yield item
                if seen == count:
                    return

    return gen()


@KINDS
def test_buffer_size_reads_ahead_of_the_consumer(kind: str) -> None:
    server = ShapeServer(
        [
            [row("a", "PENDING", "insert"), UP_TO_DATE],
            [row("a", "EXECUTING"), UP_TO_DATE],
            [row("a", "COMPLETED_SUCCESSFULLY", completedAt="2025-06-01 12:00:05"), UP_TO_DATE],
        ]
    )
    transport = httpx.MockTransport(server)
    options = {**FAST, "buffer_size": 2}

    def wait_for_requests(count: int) -> int:
        deadline = time.monotonic() + 5
        while len(server.requests) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(server.requests)

    if kind == "sync":
        with (
            TriggerClient("tr_dev_x", base_url="http://test", transport=transport) as client,
            client.runs.subscribe_to_run("run_a", realtime=options) as feed,
        ):
            assert next(feed).status == "QUEUED"
            assert wait_for_requests(2) == 2  # sent before the consumer asked for the next update
            assert [run.status for run in feed] == ["EXECUTING", "COMPLETED"]
        return

    async def main() -> None:
        async with (
            AsyncTriggerClient("tr_dev_x", base_url="http://test", transport=transport) as client,
            client.runs.subscribe_to_run("run_a", realtime=options) as feed,
        ):
            assert (await feed.__anext__()).status == "QUEUED"
            await asyncio.sleep(0.05)
            assert len(server.requests) == 2
            assert [run.status async for run in feed] == ["EXECUTING", "COMPLETED"]

    asyncio.run(main())


@KINDS
def test_without_buffer_size_nothing_is_read_ahead(kind: str) -> None:
    server = ShapeServer([[row("a", "PENDING", "insert"), UP_TO_DATE], [row("a", "EXECUTING"), UP_TO_DATE]])

    def first(client: Any) -> Any:
        return _take(client.runs.subscribe_to_run("run_a", realtime=FAST), 1)

    assert [run.status for run in collect(server, kind, first)] == ["QUEUED"]
    time.sleep(0.05)
    assert len(server.requests) == 1
