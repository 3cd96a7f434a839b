"""Run stream decoding (both server framings) and the stream reader against a scripted server."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from trigger_client import APIResponseValidationError, AsyncTriggerClient, NotFoundError, TriggerClient
from trigger_client._realtime_streams import RunLogEvent, StreamDecoder


def v2_batch(*records: tuple[int, Any, str], command: bool = False) -> str:
    items = [
        {"seq_num": seq, "timestamp": 1748779200000 + seq, "headers": [["", "trim"]] if command else [],
         "body": json.dumps({"data": data, "id": part})}
        for seq, data, part in records
    ]  # fmt: skip
    return json.dumps({"records": items})


def test_v1_events_are_one_part_each_with_the_redis_id() -> None:
    decoder = StreamDecoder()
    [part] = decoder.decode("v1", "message", '{"delta":"Hi"}', "1748779200000-0")
    assert (part.id, part.data) == ("1748779200000-0", {"delta": "Hi"})
    assert part.timestamp is not None and part.timestamp.year == 2025
    assert decoder.last_event_id == "1748779200000-0"
    assert decoder.decode("v1", "message", "not json", "1748779200001-1")[0].data == "not json"


def test_v2_batches_skip_commands_and_repeated_parts_and_track_the_sequence() -> None:
    decoder = StreamDecoder()
    parts = decoder.decode("v2", "batch", v2_batch((0, "a", "p0"), (1, "b", "p1")), "1,2,100")
    assert [(p.id, p.data) for p in parts] == [("0", "a"), ("1", "b")]
    assert decoder.decode("v2", "batch", v2_batch((2, None, "c"), command=True), None) == []
    assert decoder.last_event_id == "2"  # a command record still moves the position
    assert decoder.decode("v2", "batch", v2_batch((3, "b", "p1")), None) == []  # a replayed part
    assert decoder.decode("v2", "ping", '{"timestamp":1}', None) == []
    assert decoder.decode("v2", "message", "[DONE]", None) == []


def test_run_log_events_read_nanosecond_times() -> None:
    event = RunLogEvent.from_json(
        {
            "spanId": "s1",
            "parentId": "root",
            "message": "hi",
            "level": "INFO",
            "startTime": "1748779200123000000",
        }
    )
    assert event.timestamp is not None and event.timestamp.microsecond == 123000
    assert (event.span_id, event.parent_id, event.level) == ("s1", "root", "INFO")


class StreamServer:
    """Answers stream reads with scripted SSE bodies (or errors), and run retrieves with a status that may
    depend on how many reads there were."""

    def __init__(self, bodies: list[Any], status: Any = "COMPLETED") -> None:
        self.bodies = list(bodies)
        self.status = status
        self.reads: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/api/v3/runs/"):
            status = self.status(len(self.reads)) if callable(self.status) else self.status
            return httpx.Response(200, json=run_json(status))
        self.reads.append(request)
        body = self.bodies.pop(0)
        if isinstance(body, Exception):
            raise body
        if isinstance(body, int):
            return httpx.Response(body, json={"error": "Not found"})
        if isinstance(body, tuple):
            return httpx.Response(200, text=body[1], headers={"content-type": body[0]})
        return httpx.Response(
            200, text=body, headers={"content-type": "text/event-stream", "x-stream-version": "v2"}
        )


def run_json(status: str) -> dict[str, Any]:
    return {"id": "run_a", "status": status, "taskIdentifier": "t", "isQueued": False, "isExecuting": False,
            "isWaiting": False, "isCompleted": status == "COMPLETED", "isSuccess": status == "COMPLETED",
            "isFailed": False, "isCancelled": False, "isTest": False, "createdAt": "2025-06-01T00:00:00Z",
            "updatedAt": "2025-06-01T00:00:00Z", "tags": [], "costInCents": 0, "baseCostInCents": 0,
            "durationMs": 0, "depth": 0, "triggerFunction": "trigger", "relatedRuns": {}, "attempts": []}  # fmt: skip


def read(server: StreamServer, kind: str, **options: Any) -> list[Any]:
    transport = httpx.MockTransport(server)
    options.setdefault("realtime", {"reconnect_interval_s": 0.001, "max_reconnect_attempts": 2})
    if kind == "sync":
        with TriggerClient("tr_dev_x", base_url="http://test", transport=transport) as client:
            return [part.data for part in client.runs.get_stream("run_a", **options)]

    async def main() -> list[Any]:
        async with AsyncTriggerClient("tr_dev_x", base_url="http://test", transport=transport) as client:
            return [part.data async for part in client.runs.get_stream("run_a", **options)]

    return asyncio.run(main())


KINDS = pytest.mark.parametrize("kind", ["sync", "async"])


@KINDS
def test_a_stream_the_server_ends_early_is_reopened_after_the_last_part_until_the_run_ends(kind: str) -> None:
    first = f"event: batch\nid: 1,2,10\ndata: {v2_batch((0, 'a', 'p0'), (1, 'b', 'p1'))}\n\n"
    second = f"event: batch\nid: 2,1,5\ndata: {v2_batch((2, 'c', 'p2'))}\n\ndata: [DONE]\n\n"
    server = StreamServer(
        [first, httpx.ConnectError("refused"), second],
        status=lambda reads: "COMPLETED" if reads >= 3 else "EXECUTING",
    )
    assert read(server, kind) == ["a", "b", "c"]
    assert [r.headers.get("last-event-id") for r in server.reads] == [None, "1", "1"]
    assert all(r.headers["accept"] == "text/event-stream" for r in server.reads)


@KINDS
def test_without_follow_one_read_with_a_short_server_timeout(kind: str) -> None:
    server = StreamServer(
        [("text/event-stream", "id: 5-0\ndata: 1\n\nid: 6-1\ndata: 2\n\n")], status="EXECUTING"
    )
    assert read(server, kind, follow=False) == [1, 2]
    assert server.reads[0].headers["timeout-seconds"] == "1"


@KINDS
def test_a_missing_run_is_not_retried_and_a_wrong_content_type_is_an_error(kind: str) -> None:
    with pytest.raises(NotFoundError):
        read(StreamServer([404]), kind)
    with pytest.raises(APIResponseValidationError):
        read(StreamServer([("application/json", "{}")]), kind)
