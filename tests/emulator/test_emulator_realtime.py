"""The emulator's realtime routes over raw HTTP: the shape protocol of the run, tag and batch feeds (headers,
rows, offsets, live holds, must-refetch), run output streams (v1 and v2 framing, resume, timeouts), input
streams, run events, and the realtime fault controls."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from trigger_client.emulator import Emulator

from .helpers import trigger, wait_for_status

ELECTRIC = {"x-trigger-electric-version": "1.0.0-beta.1"}
RESERVED = {"id", "taskIdentifier", "friendlyId", "status", "createdAt"}


@pytest.fixture
def rt(emu: Emulator) -> Iterator[httpx.Client]:
    """A client sending the realtime headers of the official SDK; live requests are held 0.4 s."""
    emu.realtime_hold_s = 0.4
    headers = {"Authorization": f"Bearer {emu.api_key}", "x-trigger-api-version": "2025-07-16", **ELECTRIC}
    with httpx.Client(base_url=emu.url, headers=headers, timeout=5.0) as client:
        yield client


def held(emu: Emulator, task: str = "held") -> threading.Event:
    """Register a task that runs until the returned event is set."""
    release = threading.Event()

    @emu.task(task)
    def run(payload: Any, ctx: Any) -> Any:
        release.wait(5)
        return {"done": True}

    return release


def snapshot(rt: httpx.Client, path: str, **params: str) -> httpx.Response:
    response = rt.get(path, params={"offset": "-1", **params})
    assert response.status_code == 200, response.text
    return response


def live(rt: httpx.Client, path: str, previous: httpx.Response, **params: str) -> httpx.Response:
    response = rt.get(
        path,
        params={
            "offset": previous.headers["electric-offset"],
            "handle": previous.headers["electric-handle"],
            "live": "true",
            "cursor": previous.headers.get("electric-cursor", "1"),
            **params,
        },
    )
    assert response.status_code == 200, response.text
    return response


def rows(response: httpx.Response) -> list[dict[str, Any]]:
    return [message for message in response.json() if "key" in message]


def test_a_snapshot_has_the_native_headers_rows_and_types(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    emu.queue("paused")
    api.post("/api/v1/queues/paused/pause", json={"action": "pause"})
    run_id = trigger(api, "nobody", {"n": 1}, tags=['b"q', "a"], queue={"name": "paused"})
    response = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["electric-handle"].startswith("run-")
    updated_ms, position = response.headers["electric-offset"].split("_")
    assert int(updated_ms) > 1_700_000_000_000 and int(position) > 0
    assert "electric-cursor" not in response.headers
    schema = json.loads(response.headers["electric-schema"])
    assert schema["runTags"] == {"type": "text", "dims": 1}
    assert schema["isTest"] == {"type": "bool"} and schema["error"] == {"type": "jsonb"}
    body = response.json()
    assert body[-1] == {"headers": {"control": "up-to-date"}}
    [message] = rows(response)
    value = message["value"]
    assert message["key"] == f'"public"."TaskRun"/"{value["id"]}"'
    assert message["headers"] == {"operation": "insert"}
    assert value["friendlyId"] == run_id and value["id"] == run_id.removeprefix("run_")
    assert value["status"] == "PENDING_VERSION"  # the database status
    assert value["createdAt"][10] == "T" and len(value["createdAt"]) == 23  # ISO, milliseconds, no zone
    assert value["isTest"] == "f" and value["number"].isdigit()
    assert value["runTags"] == '{"b\\"q","a"}'
    assert value["realtimeStreams"] == "{}" and value["error"] is None
    assert value["payload"] == '{"n":1}' and value["payloadType"] == "application/json"
    assert list(value) == list(schema)


def test_without_the_electric_version_header_the_legacy_names_are_used(
    api: httpx.Client, rt: httpx.Client
) -> None:
    run_id = trigger(api, "nobody")
    legacy = rt.get(
        f"/realtime/v1/runs/{run_id}", params={"offset": "-1"}, headers={"x-trigger-electric-version": ""}
    )
    assert "electric-shape-id" in legacy.headers  # an empty value is no version (the server tests truthiness)
    headers = {k: v for k, v in rt.headers.items() if k != "x-trigger-electric-version"}
    with httpx.Client(base_url=str(rt.base_url), headers=headers) as old:
        first = old.get(f"/realtime/v1/runs/{run_id}", params={"offset": "-1"})
        assert "electric-handle" not in first.headers
        handle, offset = first.headers["electric-shape-id"], first.headers["electric-chunk-last-offset"]
        again = old.get(
            f"/realtime/v1/runs/{run_id}", params={"offset": offset, "shape_id": handle, "live": "true"}
        )
        assert again.headers["electric-shape-id"] == handle
        assert again.json() == [{"headers": {"control": "up-to-date"}}]


def test_a_live_request_is_held_then_answers_up_to_date_with_a_new_cursor(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    started = time.monotonic()
    answer = live(rt, f"/realtime/v1/runs/{run_id}", first)
    assert 0.4 * 0.85 - 0.05 <= time.monotonic() - started <= 0.4 * 1.15 + 0.5
    assert answer.json() == [{"headers": {"control": "up-to-date"}}]
    assert answer.headers["electric-offset"] == first.headers["electric-offset"]
    assert answer.headers["electric-handle"] == first.headers["electric-handle"]
    assert answer.headers["electric-cursor"].isdigit()
    assert "electric-schema" not in answer.headers


def test_a_change_answers_a_held_request_at_once_with_the_whole_row(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    emu.realtime_hold_s = 5
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    threading.Timer(0.2, emu.set_run_status, (run_id, "EXECUTING")).start()
    started = time.monotonic()
    answer = live(rt, f"/realtime/v1/runs/{run_id}", first)
    assert time.monotonic() - started < 2
    [message] = rows(answer)
    assert message["headers"] == {"operation": "update"}
    assert message["value"]["status"] == "EXECUTING"
    assert set(message["value"]) == set(json.loads(first.headers["electric-schema"]))
    assert answer.json()[-1] == {"headers": {"control": "up-to-date"}}
    assert int(answer.headers["electric-offset"].split("_")[1]) > int(
        first.headers["electric-offset"].split("_")[1]
    )


def test_changes_within_one_millisecond_are_each_delivered_once(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    same_ms = 1_800_000_000_000
    emu._store.update_run(run_id, metadata='{"step":1}', updated_at=same_ms)
    one = live(rt, f"/realtime/v1/runs/{run_id}", first)
    assert rows(one)[0]["value"]["metadata"] == '{"step":1}'
    emu._store.update_run(run_id, metadata='{"step":2}', updated_at=same_ms)
    two = live(rt, f"/realtime/v1/runs/{run_id}", one)
    assert rows(two)[0]["value"]["metadata"] == '{"step":2}'
    assert one.headers["electric-offset"].split("_")[0] == two.headers["electric-offset"].split("_")[0]
    three = live(rt, f"/realtime/v1/runs/{run_id}", two)  # nothing new: no repeat
    assert rows(three) == []


def test_dequeued_is_executing_without_the_api_version_header(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    run_id = trigger(api, "nobody")
    emu.set_run_status(run_id, "DEQUEUED")
    modern = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    assert rows(modern)[0]["value"]["status"] == "DEQUEUED"
    legacy = rt.get(
        f"/realtime/v1/runs/{run_id}",
        params={"offset": "-1"},
        headers={"x-trigger-api-version": "2024-01-01"},
    )
    assert rows(legacy)[0]["value"]["status"] == "EXECUTING"


def test_skip_columns_drops_columns_but_never_the_reserved_ones(api: httpx.Client, rt: httpx.Client) -> None:
    run_id = trigger(api, "nobody", {"big": "x"})
    response = snapshot(rt, f"/realtime/v1/runs/{run_id}", skipColumns="payload,output,status,id, metadata")
    schema = json.loads(response.headers["electric-schema"])
    assert {"payload", "output", "metadata"}.isdisjoint(schema)
    assert set(schema) >= RESERVED
    assert set(rows(response)[0]["value"]) == set(schema)


def token(emu: Emulator, scopes: list[str], **claims: Any) -> str:
    now = int(time.time())
    payload = {"sub": emu.environment_id, "pub": True, "scopes": scopes, "iss": "https://id.trigger.dev",
               "aud": "https://api.trigger.dev", "iat": now, "exp": now + 60, **claims}  # fmt: skip
    return jwt.encode(payload, emu.api_key.encode(), algorithm="HS256")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_public_access_tokens_need_a_read_scope_and_may_skip_columns(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    run_id = trigger(api, "nobody", tags=["team:a"])
    path = f"/realtime/v1/runs/{run_id}"

    def get(scopes: list[str], **claims: Any) -> httpx.Response:
        return rt.get(
            path, params={"offset": "-1"}, headers={"Authorization": f"Bearer {token(emu, scopes, **claims)}"}
        )

    assert get([f"read:runs:{run_id}"]).status_code == 200
    assert get(["read:tags:team:a"]).status_code == 200
    assert get(["read:runs"]).status_code == 200
    denied = get(["read:runs:run_other", f"write:runs:{run_id}"])
    assert denied.status_code == 403
    assert denied.json() == {
        "error": "Unauthorized",
        "code": "unauthorized",
        "param": "access_token",
        "type": "authorization",
    }
    skipped = get(["read:runs"], realtime={"skipColumns": ["payload"]})
    assert "payload" not in json.loads(skipped.headers["electric-schema"])
    expired = rt.get(
        path, params={"offset": "-1"}, headers={"Authorization": f"Bearer {token(emu, ['read:runs'], exp=1)}"}
    )
    assert expired.status_code == 401 and "expired" in expired.json()["error"]
    assert (
        rt.get(path, params={"offset": "-1"}, headers={"Authorization": "Bearer tr_dev_wrong"}).status_code
        == 401
    )


def test_unknown_runs_and_batches_are_404(rt: httpx.Client) -> None:
    run = rt.get("/realtime/v1/runs/run_missing", params={"offset": "-1"})
    assert run.status_code == 404 and run.json() == {"error": "Not found"}
    batch = rt.get("/realtime/v1/batches/batch_missing", params={"offset": "-1"})
    assert batch.status_code == 404 and batch.headers["x-should-retry"] == "true"


def test_the_tag_feed_has_runs_with_every_tag_and_new_ones_arrive_as_inserts(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    emu.realtime_hold_s = 5
    both = trigger(api, "nobody", tags=["a", "b"])
    trigger(api, "nobody", tags=["a"])
    first = snapshot(rt, "/realtime/v1/runs", tags="a,b", createdAt="1h")
    assert [m["value"]["friendlyId"] for m in rows(first)] == [both]
    assert first.headers["electric-handle"].startswith("runs_")
    threading.Timer(0.2, lambda: trigger(api, "nobody", tags=["b", "a", "c"])).start()
    answer = live(rt, "/realtime/v1/runs", first, tags="a,b", createdAt="1h")
    [message] = rows(answer)
    assert message["headers"] == {"operation": "insert"}
    emu.set_run_status(both, "EXECUTING")
    again = live(rt, "/realtime/v1/runs", answer, tags="a,b", createdAt="1h")
    assert [(m["value"]["friendlyId"], m["headers"]["operation"]) for m in rows(again)] == [(both, "update")]


def test_tags_with_quotes_backslashes_or_control_characters_are_refused(rt: httpx.Client) -> None:
    for bad in ['a"b', "a\\b", "a\nb", "a,,b"]:
        response = rt.get("/realtime/v1/runs", params={"offset": "-1", "tags": bad})
        assert response.status_code == 400
        assert response.json()["error"] == "Query Error"


def test_the_batch_feed_follows_every_run_of_the_batch(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    created = api.post("/api/v3/batches", json={"runCount": 3}).json()
    items = "\n".join(json.dumps({"index": i, "task": "nobody", "payload": {"i": i}}) for i in range(3))
    api.post(
        f"/api/v3/batches/{created['id']}/items",
        content=items,
        headers={"content-type": "application/x-ndjson"},
    )
    first = snapshot(rt, f"/realtime/v1/batches/{created['id']}")
    assert len(rows(first)) == 3
    assert first.headers["electric-handle"].startswith(f"batch_{created['id'].removeprefix('batch_')}_")
    run_ids = api.get(f"/api/v2/batches/{created['id']}").json()["runs"]
    emu.set_run_status(run_ids[1], "COMPLETED")
    answer = live(rt, f"/realtime/v1/batches/{created['id']}", first)
    assert [(m["value"]["friendlyId"], m["value"]["status"]) for m in rows(answer)] == [
        (run_ids[1], "COMPLETED_SUCCESSFULLY")
    ]


def test_a_restart_makes_old_handles_stale_409_must_refetch(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    emu.restart_realtime()
    stale = rt.get(
        f"/realtime/v1/runs/{run_id}",
        params={
            "offset": first.headers["electric-offset"],
            "handle": first.headers["electric-handle"],
            "live": "true",
        },
    )
    assert stale.status_code == 409
    assert stale.json() == [{"headers": {"control": "must-refetch"}}]
    assert stale.headers["electric-handle"] != first.headers["electric-handle"]
    assert (
        snapshot(rt, f"/realtime/v1/runs/{run_id}").headers["electric-handle"]
        == stale.headers["electric-handle"]
    )


def test_a_restart_closes_held_live_requests(emu: Emulator, api: httpx.Client, rt: httpx.Client) -> None:
    emu.realtime_hold_s = 5
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    threading.Timer(0.2, emu.restart_realtime).start()
    started = time.monotonic()
    with pytest.raises(httpx.RemoteProtocolError):
        live(rt, f"/realtime/v1/runs/{run_id}", first)
    assert time.monotonic() - started < 2


def test_a_disconnect_fault_cuts_a_held_live_request(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    emu.realtime_hold_s = 5
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    emu.faults.add("disconnect", path="/realtime/v1/runs/*", seconds=0.2)
    with pytest.raises(httpx.RemoteProtocolError):
        live(rt, f"/realtime/v1/runs/{run_id}", first)


def test_drop_after_commit_loses_the_change_which_the_same_offset_gets_again(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    emu.realtime_hold_s = 5
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    emu.faults.add("drop_after_commit", path="/realtime/v1/runs/*")
    threading.Timer(0.1, emu.set_run_status, (run_id, "EXECUTING")).start()
    with pytest.raises(httpx.RemoteProtocolError):
        live(rt, f"/realtime/v1/runs/{run_id}", first)
    again = live(rt, f"/realtime/v1/runs/{run_id}", first)
    assert rows(again)[0]["value"]["status"] == "EXECUTING"


def sse_events(text: str) -> list[dict[str, str]]:
    events = []
    for block in text.strip().split("\n\n"):
        event: dict[str, str] = {}
        for line in block.split("\n"):
            name, _, value = line.partition(": ")
            event[name] = value
        events.append(event)
    return events


def streaming_task(emu: Emulator) -> threading.Event:
    release = threading.Event()

    @emu.task("writer")
    def write(payload: Any, ctx: Any) -> Any:
        ctx.stream().append({"delta": "Hello"})
        ctx.stream("progress").append(50)
        release.wait(5)
        ctx.stream().extend([{"delta": " world"}, "!"])
        return "ok"

    return release


def test_a_v2_stream_sends_s2_batches_and_ends_when_the_run_finishes(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    release = streaming_task(emu)
    response = api.post(
        "/api/v1/tasks/writer/trigger",
        json={"payload": {}},
        headers={"x-trigger-realtime-streams-version": "v2"},
    )
    run_id = response.json()["id"]
    wait_for_status(api, run_id, "EXECUTING")
    threading.Timer(0.3, release.set).start()
    stream = rt.get(f"/realtime/v1/streams/{run_id}/default", headers={"accept": "text/event-stream"})
    assert stream.headers["content-type"] == "text/event-stream"
    assert stream.headers["x-stream-version"] == "v2"
    events = sse_events(stream.text)
    batches = [e for e in events if e.get("event") == "batch"]
    records = [r for b in batches for r in json.loads(b["data"])["records"]]
    assert [r["seq_num"] for r in records] == [0, 1, 2]
    assert [json.loads(r["body"])["data"] for r in records] == [{"delta": "Hello"}, {"delta": " world"}, "!"]
    assert all(r["headers"] == [] and isinstance(r["timestamp"], int) for r in records)
    assert batches[-1]["id"].split(",")[0] == "2"
    assert events[-1] == {"data": "[DONE]"}
    resumed = rt.get(f"/realtime/v1/streams/{run_id}/default", headers={"Last-Event-ID": "0"})
    resumed_records = [
        r
        for e in sse_events(resumed.text)
        if e.get("event") == "batch"
        for r in json.loads(e["data"])["records"]
    ]
    assert [r["seq_num"] for r in resumed_records] == [1, 2]
    run = api.get(f"/api/v3/runs/{run_id}").json()
    assert run["status"] == "COMPLETED"
    snap = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    assert rows(snap)[0]["value"]["realtimeStreams"] == '{"default","progress"}'


def test_a_v1_stream_sends_redis_ids_and_resumes_after_last_event_id(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    release = streaming_task(emu)
    release.set()
    run_id = trigger(api, "writer")  # no streams-version header: v1
    wait_for_status(api, run_id, "COMPLETED")
    stream = rt.get(f"/realtime/v1/streams/{run_id}/default")
    assert "x-stream-version" not in stream.headers
    events = sse_events(stream.text)
    assert [json.loads(e["data"]) for e in events] == [{"delta": "Hello"}, {"delta": " world"}, "!"]
    ms, seq = events[0]["id"].split("-")
    assert ms.isdigit() and seq == "0"
    resumed = sse_events(
        rt.get(f"/realtime/v1/streams/{run_id}/default", headers={"Last-Event-ID": events[1]["id"]}).text
    )
    assert [json.loads(e["data"]) for e in resumed] == ["!"]


def test_timeout_seconds_is_checked_and_bounds_an_idle_stream(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    held(emu)
    run_id = api.post(
        "/api/v1/tasks/held/trigger",
        json={"payload": {}},
        headers={"x-trigger-realtime-streams-version": "v2"},
    ).json()["id"]
    for value, message in [
        ("-1", "Timeout seconds must be greater than 0"),
        ("601", "Timeout seconds must be less than 600"),
    ]:
        response = rt.get(f"/realtime/v1/streams/{run_id}/default", headers={"Timeout-Seconds": value})
        assert (response.status_code, response.text) == (400, message)
    # The input-stream tail checks strictly; the output-stream route tests the parsed number for truth, so
    # a non-number passes as no timeout and 0 as a wait of 0.
    tail = rt.get(f"/realtime/v1/streams/{run_id}/input/approval", headers={"Timeout-Seconds": "abc"})
    assert (tail.status_code, tail.text) == (400, "Invalid timeout seconds")
    zero = rt.get(f"/realtime/v1/streams/{run_id}/input/approval", headers={"Timeout-Seconds": "0"})
    assert (zero.status_code, zero.text) == (400, "Timeout seconds must be greater than 0")
    now = rt.get(f"/realtime/v1/streams/{run_id}/default", headers={"Timeout-Seconds": "0"})
    assert sse_events(now.text) == [{"data": "[DONE]"}]
    started = time.monotonic()
    idle = rt.get(f"/realtime/v1/streams/{run_id}/default", headers={"Timeout-Seconds": "1"})
    assert 0.9 <= time.monotonic() - started < 3
    assert sse_events(idle.text) == [{"data": "[DONE]"}]
    assert rt.get("/realtime/v1/streams/run_missing/default").status_code == 404


def test_input_streams_reach_the_handler_and_refuse_finished_runs(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    @emu.task("approver")
    def approve(payload: Any, ctx: Any) -> Any:
        return ctx.input_stream("approval").wait(timeout_s=5)

    run_id = trigger(api, "approver")
    wait_for_status(api, run_id, "EXECUTING")
    sent = rt.post(f"/realtime/v1/streams/{run_id}/input/approval", json={"data": {"approved": True}})
    assert (sent.status_code, sent.json()) == (200, {"ok": True})
    done = wait_for_status(api, run_id, "COMPLETED")
    assert done["output"] == {"approved": True}
    assert emu.read_input_stream(run_id, "approval") == [{"approved": True}]
    late = rt.post(f"/realtime/v1/streams/{run_id}/input/approval", json={"data": 1})
    assert (late.status_code, late.json()) == (
        400,
        {"ok": False, "error": "Cannot send to input stream on a completed run"},
    )
    missing = rt.post("/realtime/v1/streams/run_missing/input/approval", json={"data": 1})
    assert (missing.status_code, missing.json()) == (404, {"ok": False, "error": "Run not found"})


def test_run_events_list_the_root_span_and_logs(emu: Emulator, api: httpx.Client) -> None:
    @emu.task("logger")
    def log(payload: Any, ctx: Any) -> None:
        ctx.log("starting", level="INFO", step=1)
        ctx.log("careful", level="WARN")

    run_id = trigger(api, "logger")
    wait_for_status(api, run_id, "COMPLETED")
    events = api.get(f"/api/v1/runs/{run_id}/events").json()["events"]
    assert [(e["message"], e["level"]) for e in events] == [
        ("logger", "TRACE"),
        ("starting", "INFO"),
        ("careful", "WARN"),
    ]
    root = events[0]
    assert root["parentId"] is None and root["isPartial"] is False and root["runId"] == run_id
    assert all(e["parentId"] == root["spanId"] for e in events[1:])
    assert events[1]["properties"] == {"step": 1} and events[1]["startTime"].isdigit()
    assert api.get("/api/v1/runs/run_missing/events").status_code == 404


def test_the_control_api_sets_the_hold_and_restarts_realtime(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    run_id = trigger(api, "nobody")
    first = snapshot(rt, f"/realtime/v1/runs/{run_id}")
    with httpx.Client(base_url=emu.url) as control:
        assert control.post("/__emulator/realtime", json={"holdSeconds": 0.3}).json() == {"holdSeconds": 0.3}
        assert emu.realtime_hold_s == 0.3
        assert control.post("/__emulator/realtime", json={"holdSeconds": 0}).status_code == 400
        assert control.post("/__emulator/realtime/restart").status_code == 200
    stale = rt.get(
        f"/realtime/v1/runs/{run_id}", params={"offset": "0_1", "handle": first.headers["electric-handle"]}
    )
    assert stale.status_code == 409


def test_after_a_restart_the_tag_feed_answers_409_with_a_new_handle(
    emu: Emulator, api: httpx.Client, rt: httpx.Client
) -> None:
    trigger(api, "nobody", tags=["t1"])
    first = snapshot(rt, "/realtime/v1/runs", tags="t1")
    emu.restart_realtime()
    stale = rt.get(
        "/realtime/v1/runs",
        params={
            "tags": "t1",
            "offset": first.headers["electric-offset"],
            "handle": first.headers["electric-handle"],
            "live": "true",
        },
    )
    assert stale.status_code == 409
    assert stale.headers["electric-handle"] != first.headers["electric-handle"]
    again = snapshot(rt, "/realtime/v1/runs", tags="t1", handle=stale.headers["electric-handle"])
    assert len(rows(again)) == 1


def test_input_stream_bodies_need_a_length_of_at_most_1_mib(api: httpx.Client, rt: httpx.Client) -> None:
    run_id = trigger(api, "nobody")
    path = f"/realtime/v1/streams/{run_id}/input/approval"
    big = rt.post(
        path,
        content=b'{"data":"' + b"x" * (1024 * 1024) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert (big.status_code, big.json()) == (413, {"error": "Request body too large"})
    chunked = rt.post(path, content=iter([b'{"data":1}']), headers={"content-type": "application/json"})
    assert chunked.status_code == 413  # no Content-Length
    assert (
        rt.post(path, content=b"{not json", headers={"content-type": "application/json"}).status_code == 500
    )
