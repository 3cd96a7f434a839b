"""Realtime against the emulator, with both clients: run subscriptions that see every state once and in
order through dropped connections, restarts and silent sockets; giving up with a typed error; no leaked
connections; exact batch progress; run streams in both framings with resume; input streams; logs;
dispose_realtime."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from trigger_client import (
    APIConnectionError,
    AsyncTriggerClient,
    BatchItem,
    BatchProgress,
    PermissionDeniedError,
    ServerError,
    TriggerClient,
    ValidationError,
)
from trigger_client.emulator import Emulator

FAST = {"reconnect_interval_s": 0.05, "max_reconnect_attempts": 5, "idle_timeout_s": 3.0}
RUNS = "/realtime/v1/runs/*"


@pytest.fixture(autouse=True)
def short_holds(emulator: Emulator) -> None:
    emulator.realtime_hold_s = 0.5


def queued_run(client: Any, emulator: Emulator) -> str:
    """A run of a task without a handler, put in QUEUED (nothing moves it but the test)."""
    run_id: str = client.tasks.trigger("manual", {"n": 1}).id
    emulator.set_run_status(run_id, "QUEUED")
    return run_id


def follow(client: Any, run_id: str, steps: dict[str, Callable[[], object]], **options: Any) -> list[str]:
    """Subscribe to a run, calling ``steps[status]`` when each status is first seen; return the statuses."""
    seen: list[str] = []
    with client.runs.subscribe_to_run(run_id, realtime={**FAST, **options}) as updates:
        for run in updates:
            seen.append(run.status)
            step = steps.get(run.status)
            if step is not None:
                step()
    return seen


def later(seconds: float, action: Callable[..., object], *args: Any) -> None:
    timer = threading.Timer(seconds, action, args)
    timer.daemon = True
    timer.start()


def live_offsets(emulator: Emulator, run_id: str) -> list[str]:
    return [
        r.query
        for r in emulator.requests
        if r.path == f"/realtime/v1/runs/{run_id}" and "live=true" in r.query
    ]


def test_a_run_is_seen_queued_executing_completed_in_order(client: Any, emulator: Emulator) -> None:
    run_id = queued_run(client, emulator)
    seen = follow(
        client,
        run_id,
        {
            "QUEUED": lambda: later(0.1, emulator.set_run_status, run_id, "EXECUTING"),
            "EXECUTING": lambda: later(0.1, emulator.set_run_status, run_id, "COMPLETED"),
        },
    )
    assert seen == ["QUEUED", "EXECUTING", "COMPLETED"]
    [first, *_rest] = [r for r in emulator.requests if r.path == f"/realtime/v1/runs/{run_id}"]
    assert first.headers["x-trigger-electric-version"] == "1.0.0-beta.1"
    assert "offset=-1" in first.query


def test_a_real_lifecycle_is_seen_in_order_without_repeats(client: Any, emulator: Emulator) -> None:
    release = threading.Event()

    @emulator.task("work")
    def work(payload: Any) -> Any:
        release.wait(5)
        return {"done": payload}

    run_id = client.tasks.trigger("work", 7).id
    seen: list[Any] = []
    with client.runs.subscribe_to_run(run_id, realtime=FAST) as updates:
        for run in updates:
            seen.append(run)
            if run.status == "EXECUTING":
                release.set()
    statuses = [run.status for run in seen]
    assert statuses[-1] == "COMPLETED" and seen[-1].output == {"done": 7}
    assert "EXECUTING" in statuses
    order = ["QUEUED", "DEQUEUED", "EXECUTING", "COMPLETED"]
    assert statuses == sorted(statuses, key=order.index)  # in order
    assert len(set(statuses)) == len(statuses)  # none twice
    assert seen[-1].is_success and seen[-1].finished_at is not None and seen[-1].duration_ms >= 0


def test_a_connection_dropped_with_a_change_in_flight_misses_and_repeats_nothing(
    client: Any, emulator: Emulator
) -> None:
    emulator.realtime_hold_s = 5
    run_id = queued_run(client, emulator)

    def drop_the_next_answer() -> None:
        emulator.faults.add("drop_after_commit", path=RUNS, times=1)
        later(0.2, emulator.set_run_status, run_id, "EXECUTING")

    seen = follow(
        client,
        run_id,
        {
            "QUEUED": drop_the_next_answer,
            "EXECUTING": lambda: later(0.1, emulator.set_run_status, run_id, "COMPLETED"),
        },
    )
    assert seen == ["QUEUED", "EXECUTING", "COMPLETED"]
    offsets = live_offsets(emulator, run_id)
    assert offsets[0] == offsets[1]  # the dropped poll was asked again from the same position


def test_a_held_poll_cut_part_way_is_resumed(client: Any, emulator: Emulator) -> None:
    emulator.realtime_hold_s = 5
    run_id = queued_run(client, emulator)

    def cut_then_change() -> None:
        emulator.faults.add("disconnect", path=RUNS, seconds=0.2, times=1)
        later(0.6, emulator.set_run_status, run_id, "COMPLETED")

    assert follow(client, run_id, {"QUEUED": cut_then_change}) == ["QUEUED", "COMPLETED"]


def test_a_server_restart_in_the_middle_refetches_without_repeats(client: Any, emulator: Emulator) -> None:
    emulator.realtime_hold_s = 5
    run_id = queued_run(client, emulator)

    def restart() -> None:
        def go() -> None:
            emulator.restart_realtime()
            emulator.set_run_status(run_id, "EXECUTING")

        later(0.2, go)

    seen = follow(
        client,
        run_id,
        {"QUEUED": restart, "EXECUTING": lambda: later(0.1, emulator.set_run_status, run_id, "COMPLETED")},
    )
    assert seen == ["QUEUED", "EXECUTING", "COMPLETED"]
    snapshots = [
        r for r in emulator.requests if r.path == f"/realtime/v1/runs/{run_id}" and "offset=-1" in r.query
    ]
    assert len(snapshots) == 2  # the shape was fetched again after the 409 must-refetch


def test_a_silent_connection_is_abandoned_after_the_idle_timeout(client: Any, emulator: Emulator) -> None:
    run_id = queued_run(client, emulator)

    def go_silent() -> None:
        emulator.faults.add("hang", path=RUNS, times=1)
        emulator.set_run_status(run_id, "COMPLETED")

    started = time.monotonic()
    seen = follow(client, run_id, {"QUEUED": go_silent}, idle_timeout_s=0.5)
    assert seen == ["QUEUED", "COMPLETED"]
    assert time.monotonic() - started < 3


def test_reconnect_attempts_exhausted_raise_a_typed_error(client: Any, emulator: Emulator) -> None:
    run_id = queued_run(client, emulator)
    emulator.faults.add("drop", path=RUNS, times=0)
    with pytest.raises(APIConnectionError):
        follow(client, run_id, {}, max_reconnect_attempts=2, reconnect_interval_s=0.01)
    assert len([r for r in emulator.requests if r.path == f"/realtime/v1/runs/{run_id}"]) == 3
    emulator.faults.clear()
    emulator.faults.add("status", status=503, path=RUNS, times=0)
    with pytest.raises(ServerError):
        follow(client, run_id, {}, max_reconnect_attempts=1, reconnect_interval_s=0.01)


def test_leaving_three_feeds_on_a_two_connection_client_leaks_nothing(
    make_client: Callable[..., Any], emulator: Emulator
) -> None:
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    probe = make_client()
    transport: Any = (
        httpx.HTTPTransport(limits=limits)
        if isinstance(probe, TriggerClient)
        else httpx.AsyncHTTPTransport(limits=limits)
    )
    client = make_client(transport=transport, timeout=3)
    release = threading.Event()

    @emulator.task("chatty")
    def chatty(payload: Any, ctx: Any) -> None:
        ctx.stream().append("hello")
        release.wait(5)

    run_id = client.tasks.trigger("chatty", None).id
    for _ in range(3):
        for _run in client.runs.subscribe_to_run(run_id, stop_on_completion=False, realtime=FAST):
            break
    for _ in range(3):
        with client.runs.get_stream(run_id) as parts:
            for _part in parts:
                break
    started = time.monotonic()
    assert client.runs.retrieve(run_id).id == run_id
    assert time.monotonic() - started < 1
    release.set()


def test_batch_progress_counts_are_exact_for_100_runs(client: Any, emulator: Emulator) -> None:
    @emulator.task("ok")
    def ok(payload: Any) -> Any:
        return payload

    @emulator.task("boom", max_attempts=1)
    def boom(payload: Any) -> Any:
        raise RuntimeError("no")

    plan = ["ok"] * 50 + ["boom"] * 30 + ["manual"] * 20
    result = client.tasks.batch_trigger([BatchItem(task, {"i": i}) for i, task in enumerate(plan)])
    [batch_id] = result.ids
    runs = client.batch.retrieve(batch_id).runs
    for run_id in runs[80:]:
        client.runs.cancel(run_id)
    updates: list[BatchProgress] = []
    with client.runs.subscribe_to_batch(batch_id, skip_columns=["payload", "output"], realtime=FAST) as feed:
        for progress in feed:
            updates.append(progress)
            assert (
                progress.completed + progress.failed + progress.canceled + progress.running + progress.queued
                == progress.total
            )
            if progress.total == 100 and progress.is_completed:
                break
    final = updates[-1]
    assert (final.total, final.completed, final.failed, final.canceled, final.running, final.queued) == (
        100,
        50,
        30,
        20,
        0,
        0,
    )
    assert final.progress == 1.0
    assert {run.id for run in final.runs} == set(runs)


def test_the_tag_feed_sees_runs_carrying_every_tag(client: Any, emulator: Emulator) -> None:
    both = client.tasks.trigger("manual", 1, tags=["team:a", "urgent"]).id
    client.tasks.trigger("manual", 2, tags=["team:a"])
    seen: list[tuple[str, str]] = []
    with client.runs.subscribe_to_runs_with_tag(["team:a", "urgent"], created_at="1h", realtime=FAST) as feed:
        for run in feed:
            seen.append((run.id, run.status))
            if run.id == both and run.status == "PENDING_VERSION":
                emulator.set_run_status(both, "CANCELED")
            if run.status == "CANCELED":
                break
    assert seen == [(both, "PENDING_VERSION"), (both, "CANCELED")]


def writer(emulator: Emulator) -> threading.Event:
    more = threading.Event()

    @emulator.task("writer")
    def write(payload: Any, ctx: Any) -> str:
        ctx.stream().append({"part": 0})
        ctx.stream().append({"part": 1})
        more.wait(5)
        ctx.stream().extend([{"part": 2}, {"part": 3}])
        return "done"

    return more


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_stream_is_read_whole_through_a_drop(client: Any, emulator: Emulator, version: str) -> None:
    more = writer(emulator)
    run_id = client.tasks.trigger(
        "writer", None, request_options={"extra_headers": {"x-trigger-realtime-streams-version": version}}
    ).id
    emulator.faults.add("disconnect", path=f"/realtime/v1/streams/{run_id}/*", seconds=0.4, times=1)
    later(0.8, more.set)
    with client.runs.get_stream(run_id, realtime=FAST) as stream:
        parts = list(stream)
    assert [part.data for part in parts] == [{"part": n} for n in range(4)]
    assert len({part.id for part in parts}) == 4
    reads = [r for r in emulator.requests if r.path == f"/realtime/v1/streams/{run_id}/default"]
    assert len(reads) >= 2
    assert "last-event-id" not in reads[0].headers
    resumed_after = reads[1].headers["last-event-id"]
    assert resumed_after == parts[1].id
    assert reads[0].headers["accept"] == "text/event-stream"


def test_a_stream_without_follow_reads_what_is_there(client: Any, emulator: Emulator) -> None:
    writer(emulator)  # never released: the run stays EXECUTING with two parts
    run_id = client.tasks.trigger("writer", None).id
    deadline = time.monotonic() + 5
    while client.runs.retrieve(run_id).status != "EXECUTING" and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)
    started = time.monotonic()
    parts = list(client.runs.get_stream(run_id, follow=False))
    assert [part.data for part in parts] == [{"part": 0}, {"part": 1}]
    assert time.monotonic() - started < 3
    with pytest.raises(ValidationError):
        client.runs.get_stream(run_id, timeout_s=0)


def test_input_streams_and_logs(client: Any, emulator: Emulator) -> None:
    @emulator.task("approval")
    def approval(payload: Any, ctx: Any) -> Any:
        ctx.log("waiting for approval", level="INFO", step=1)
        decision = ctx.input_stream("decision").wait(timeout_s=5)
        ctx.log("decided", level="WARN")
        return decision

    run_id = client.tasks.trigger("approval", None).id
    later(0.5, emulator_send, emulator, run_id)  # from another thread, as another program would
    logs = list(client.runs.get_stream(run_id, stream_type="logs", poll_interval_s=0.1))
    assert [(log.message, log.level) for log in logs] == [
        ("waiting for approval", "INFO"),
        ("decided", "WARN"),
    ]
    assert logs[0].properties == {"step": 1} and logs[0].timestamp is not None
    assert client.runs.retrieve(run_id).output == {"approved": True}
    with pytest.raises(ValidationError, match="completed run"):
        client.runs.send_input(run_id, "decision", 1)


def emulator_send(emulator: Emulator, run_id: str) -> None:
    """Send to an input stream from another thread (the async client's loop belongs to the test)."""
    with TriggerClient(emulator.api_key, base_url=emulator.url) as other:
        other.runs.send_input(run_id, "decision", {"approved": True})


def test_send_input_is_sent_as_the_official_sdk_sends_it(client: Any, emulator: Emulator) -> None:
    @emulator.task("listen")
    def listen(payload: Any, ctx: Any) -> Any:
        return ctx.input_stream("approval").wait(timeout_s=5)

    run_id = client.tasks.trigger("listen", None).id
    client.runs.send_input(run_id, "approval", {"approved": True})
    [sent] = [r for r in emulator.requests if r.path.endswith("/input/approval")]
    assert sent.method == "POST" and sent.body == b'{"data":{"approved":true}}'
    assert sent.headers["content-type"] == "application/json"
    with pytest.raises(ValidationError):
        client.runs.send_input(run_id, "approval", float("nan"))


def test_dispose_realtime_closes_open_feeds_and_close_does_too(client: Any, emulator: Emulator) -> None:
    run_id = queued_run(client, emulator)
    subscription = client.runs.subscribe_to_run(run_id, realtime=FAST)
    first = next(iter(subscription))
    assert first.status == "QUEUED"
    stream = client.runs.get_stream(run_id)
    assert client.dispose_realtime() == 2
    assert list(subscription) == [] and list(stream) == []
    assert client.dispose_realtime() == 0
    assert client.dispose_websocket() == 0
    again = client.runs.subscribe_to_run(run_id, realtime=FAST)
    client.close()
    assert list(again) == []


def test_dispose_realtime_abandons_a_held_request_sync(emulator: Emulator) -> None:
    emulator.realtime_hold_s = 10
    with TriggerClient(emulator.api_key, base_url=emulator.url) as client:
        run_id = queued_run(client, emulator)
        seen: list[str] = []
        subscription = client.runs.subscribe_to_run(run_id)
        reader = threading.Thread(target=lambda: seen.extend(run.status for run in subscription))
        reader.start()
        time.sleep(0.5)  # the first live request is held now
        started = time.monotonic()
        assert client.dispose_realtime() == 1
        reader.join(3)
        assert not reader.is_alive() and time.monotonic() - started < 2
        assert seen == ["QUEUED"]


def test_dispose_realtime_abandons_a_held_request_async(emulator: Emulator) -> None:
    emulator.realtime_hold_s = 10

    async def main() -> list[str]:
        async with AsyncTriggerClient(emulator.api_key, base_url=emulator.url) as client:
            run_id: str = (await client.tasks.trigger("manual", None)).id
            emulator.set_run_status(run_id, "QUEUED")
            subscription = client.runs.subscribe_to_run(run_id)

            async def read() -> list[str]:
                return [run.status async for run in subscription]

            reading = asyncio.create_task(read())
            await asyncio.sleep(0.5)
            assert await client.dispose_realtime() == 1
            return await asyncio.wait_for(reading, 2)

    assert asyncio.run(main()) == ["QUEUED"]


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_a_public_access_token_with_a_read_scope_subscribes(
    make_client: Callable[..., Any], emulator: Emulator
) -> None:
    import jwt

    client = make_client()
    run_id = queued_run(client, emulator)
    now = int(time.time())

    def token(scopes: list[str]) -> str:
        claims = {"sub": emulator.environment_id, "pub": True, "scopes": scopes, "iss": "https://id.trigger.dev",
                  "aud": "https://api.trigger.dev", "iat": now, "exp": now + 300}  # fmt: skip
        return jwt.encode(claims, emulator.api_key.encode(), algorithm="HS256")

    emulator.set_run_status(run_id, "COMPLETED")
    reader = make_client(api_key=token([f"read:runs:{run_id}"]))
    assert [run.status for run in reader.runs.subscribe_to_run(run_id, realtime=FAST)] == ["COMPLETED"]
    stranger = make_client(api_key=token(["read:runs:run_someoneelse"]))
    with pytest.raises(PermissionDeniedError):
        list(stranger.runs.subscribe_to_run(run_id, realtime=FAST))


def test_dispose_realtime_stops_a_stream_read_in_progress(emulator: Emulator) -> None:
    release = threading.Event()

    @emulator.task("quiet")
    def quiet(payload: Any, ctx: Any) -> None:
        ctx.stream().append("first")
        release.wait(10)

    with TriggerClient(emulator.api_key, base_url=emulator.url) as client:
        run_id = client.tasks.trigger("quiet", None).id
        seen: list[Any] = []
        stream = client.runs.get_stream(run_id)
        reader = threading.Thread(target=lambda: seen.extend(part.data for part in stream))
        reader.start()
        time.sleep(0.5)  # the first part is read; the read now waits for more
        assert client.dispose_realtime() == 1
        reader.join(2)
        assert not reader.is_alive() and seen == ["first"]

    async def main() -> list[Any]:
        async with AsyncTriggerClient(emulator.api_key, base_url=emulator.url) as client:
            stream = client.runs.get_stream(run_id)

            async def read() -> list[Any]:
                return [part.data async for part in stream]

            reading = asyncio.create_task(read())
            await asyncio.sleep(0.5)
            assert await client.dispose_realtime() == 1
            return await asyncio.wait_for(reading, 2)

    assert asyncio.run(main()) == ["first"]
    release.set()
