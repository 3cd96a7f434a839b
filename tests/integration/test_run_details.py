"""Run metadata (read, replace, operations), tags, events, trace and span detail over loopback, and the
requests compared with the official SDK's."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sdk_wire import PROTOCOL_HEADERS, SDK_REQUESTS, assert_matches_sdk

from trigger_client import (
    NotFoundError,
    PermissionDeniedError,
    TriggerAPIError,
    UnprocessableEntityError,
    ValidationError,
)

SDK_RUN = "run_hrns000000000000000000001"


@pytest.fixture
def run_id(client: Any, emulator: Any) -> str:
    """A delayed run (it stays unfinished) with metadata and one tag."""
    handle = client.tasks.trigger("not-deployed", {"n": 1}, delay="1h", metadata={"progress": 10}, tags=["a"])
    emulator.clear_requests()
    return str(handle.id)


@pytest.fixture
def finished_run(client: Any, emulator: Any) -> str:
    """A completed run whose handler logged one line."""

    @emulator.task("logger")
    def logger(payload: Any, ctx: Any) -> dict[str, bool]:
        ctx.log("working", level="WARN", step=1)
        return {"ok": True}

    handle = client.tasks.trigger("logger", {})
    client.runs.poll(handle.id, poll_interval_s=0.02)
    emulator.clear_requests()
    return str(handle.id)


def test_retrieve_decodes_the_stored_packet(client: Any, emulator: Any, run_id: str) -> None:
    assert client.runs.metadata.retrieve(run_id) == {"progress": 10}
    assert_matches_sdk(emulator.requests[0], "core:ApiClient.getRunMetadata #124", {SDK_RUN: run_id})
    bare = client.tasks.trigger("not-deployed", 1, delay="1h").id
    assert client.runs.metadata.retrieve(bare) == {}


def test_operations_change_what_is_stored_in_order(client: Any, run_id: str) -> None:
    metadata = client.runs.metadata
    assert metadata.set(run_id, "status", "running") == {"progress": 10, "status": "running"}
    assert metadata.set(run_id, "$.steps.fetch", "done")["steps"] == {"fetch": "done"}
    assert metadata.increment(run_id, "progress", 15)["progress"] == 25
    assert metadata.decrement(run_id, "progress", 5)["progress"] == 20
    assert metadata.increment(run_id, "retries")["retries"] == 1
    assert metadata.append(run_id, "log", {"line": 1})["log"] == [{"line": 1}]
    assert metadata.append(run_id, "log", "two")["log"] == [{"line": 1}, "two"]
    assert metadata.remove(run_id, "log", {"line": 1})["log"] == ["two"]
    assert metadata.delete(run_id, "status") == {
        "progress": 20,
        "steps": {"fetch": "done"},
        "retries": 1,
        "log": ["two"],
    }
    assert client.runs.metadata.retrieve(run_id) == {
        "progress": 20,
        "steps": {"fetch": "done"},
        "retries": 1,
        "log": ["two"],
    }
    batch = [
        {"type": "update", "value": {"fresh": True}},
        {"type": "increment", "key": "$.count.total", "value": 2},
        {"type": "remove", "key": "fresh", "value": 1},  # not a list: skipped, as the server does
    ]
    assert metadata.update(run_id, batch) == {"fresh": True, "count": {"total": 2}}
    assert client.runs.retrieve(run_id).metadata == {"fresh": True, "count": {"total": 2}}


def test_replace_and_parent_operations_without_a_parent(client: Any, run_id: str) -> None:
    assert client.runs.metadata.replace(run_id, {"stage": "one"}) == {"stage": "one"}
    # A run without a parent takes its parent and root operations itself.
    result = client.runs.metadata.update(
        run_id,
        [{"type": "set", "key": "own", "value": 1}],
        parent_operations=[{"type": "set", "key": "parent", "value": 2}],
        root_operations=[{"type": "append", "key": "root", "value": 3}],
    )
    assert result == {"stage": "one", "parent": 2, "root": [3], "own": 1}


def test_update_request_matches_the_official_sdk(client: Any, emulator: Any, run_id: str) -> None:
    client.runs.metadata.update(run_id, [{"type": "set", "key": "status", "value": "done"}])
    sent, expected = (
        emulator.requests[0],
        SDK_REQUESTS["core:ApiClient.updateRunMetadata (PUT /runs/:id/metadata) #123"],
    )
    assert (sent.method, sent.path) == ("PUT", expected["path"].replace(SDK_RUN, run_id))
    # The SDK's in-task flush also sends the whole object; the server ignores it when operations are given.
    assert json.loads(sent.body) == {"operations": expected["body"]["operations"]}
    for name in (*PROTOCOL_HEADERS, "content-type"):
        assert sent.headers[name] == expected["headers"][name]
    client.runs.metadata.replace(run_id, expected["body"]["metadata"])
    assert json.loads(emulator.requests[-1].body) == {"metadata": {"progress": 100, "status": "done"}}


def test_a_run_finished_over_an_hour_ago_cannot_change(client: Any, emulator: Any, finished_run: str) -> None:
    assert client.runs.metadata.set(finished_run, "late", True) == {"late": True}
    emulator.advance(3601)
    with pytest.raises(UnprocessableEntityError, match="Cannot update metadata for a completed run"):
        client.runs.metadata.set(finished_run, "later", True)
    assert client.runs.metadata.retrieve(finished_run) == {"late": True}


def test_metadata_over_256_kib_is_refused(client: Any, emulator: Any, run_id: str) -> None:
    with pytest.raises(ValidationError) as before:
        client.runs.metadata.replace(run_id, {"blob": "x" * (256 * 1024)})
    assert (before.value.field, emulator.requests) == ("metadata", [])
    client.runs.metadata.set(run_id, "a", "x" * (200 * 1024))
    with pytest.raises(TriggerAPIError) as info:
        client.runs.metadata.set(run_id, "b", "x" * (100 * 1024))
    assert (info.value.status_code, info.value.body) == (
        413,
        {"error": "Metadata exceeds maximum size of 262144 bytes"},
    )
    assert set(client.runs.metadata.retrieve(run_id)) == {"progress", "a"}


def test_unknown_run(client: Any) -> None:
    with pytest.raises(NotFoundError, match="Run not found"):
        client.runs.metadata.retrieve("run_doesnotexist000000000001")
    with pytest.raises(NotFoundError, match="Task Run not found"):
        client.runs.metadata.set("run_doesnotexist000000000001", "a", 1)
    with pytest.raises(NotFoundError, match="Run not found"):
        client.runs.add_tags("run_doesnotexist000000000001", "x")


def test_add_tags(client: Any, emulator: Any, run_id: str) -> None:
    assert client.runs.add_tags(run_id, ["late-tag", "user:123"]) == "Successfully set 2 new tags."
    assert_matches_sdk(
        emulator.requests[0], "core:ApiClient.addTags (what tags.add sends) #125", {SDK_RUN: run_id}
    )
    assert client.runs.add_tags(run_id, "a") == "No new tags to add"
    assert client.runs.add_tags(run_id, ["   "]) == "No new tags to add"
    assert client.runs.retrieve(run_id).tags == ["a", "late-tag", "user:123"]
    with pytest.raises(UnprocessableEntityError) as info:
        client.runs.add_tags(run_id, [f"t{n}" for n in range(8)])
    assert info.value.body["error"] == (
        "Runs can only have 10 tags, you're trying to set 11. These tags have not been set: "
        "'t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'."
    )
    assert len(client.runs.retrieve(run_id).tags) == 3


def test_events_trace_and_span(client: Any, emulator: Any, finished_run: str) -> None:
    events = client.runs.list_events(finished_run)
    assert_matches_sdk(emulator.requests[0], "core:ApiClient.listRunEvents #165", {SDK_RUN: finished_run})
    root, line = events
    assert (root.level, root.message, root.parent_id, root.is_partial) == ("TRACE", "logger", None, False)
    assert (line.level, line.message, line.parent_id, line.properties) == (
        "WARN",
        "working",
        root.span_id,
        {"step": 1},
    )
    assert line.timestamp is not None and line.timestamp.tzinfo is not None

    trace = client.runs.retrieve_trace(finished_run)
    assert_matches_sdk(emulator.requests[1], "core:ApiClient.retrieveRunTrace #166", {SDK_RUN: finished_run})
    assert len(trace.trace_id) == 32
    span = trace.root_span
    assert (span.id, span.run_id, span.data.message, span.data.task_slug) == (
        root.span_id,
        finished_run,
        "logger",
        "logger",
    )
    assert (span.data.is_partial, span.data.is_error, span.data.level) == (False, False, "TRACE")
    assert [(child.id, child.data.message, child.data.level) for child in span.children] == [
        (line.span_id, "working", "WARN")
    ]

    detail = client.runs.retrieve_span(finished_run, line.span_id)
    assert (detail.span_id, detail.parent_id, detail.message, detail.level) == (
        line.span_id,
        root.span_id,
        "working",
        "WARN",
    )
    assert (detail.duration_ms, detail.properties.to_dict()) == (0, {"step": 1})
    assert emulator.requests[-1].path == f"/api/v1/runs/{finished_run}/spans/{line.span_id}"
    with pytest.raises(NotFoundError, match="Span not found"):
        client.runs.retrieve_span(finished_run, "0000000000000000")


def test_a_run_that_has_not_started_has_a_partial_root_span(client: Any, run_id: str) -> None:
    trace = client.runs.retrieve_trace(run_id)
    assert (trace.root_span.data.is_partial, trace.root_span.children) == (True, [])
    client.runs.cancel(run_id)
    data = client.runs.retrieve_trace(run_id).root_span.data
    assert (data.is_partial, data.is_cancelled) == (False, True)


def test_a_public_access_token_reads_the_trace_of_its_own_run_only(
    client: Any, finished_run: str, run_id: str
) -> None:
    handle = client.tasks.trigger("not-deployed", 1, delay="1h")
    reader = client.with_options(api_key=handle.public_access_token, max_retries=0)
    assert reader.runs.retrieve_trace(handle.id).root_span.run_id == handle.id
    assert [event.level for event in reader.runs.list_events(handle.id)] == []
    with pytest.raises(PermissionDeniedError):
        reader.runs.retrieve_trace(finished_run)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.runs.metadata.retrieve(""), "run_id"),
        (lambda c: c.runs.metadata.replace("run_1", ["not", "a", "mapping"]), "metadata"),
        (lambda c: c.runs.metadata.set("run_1", "__proto__", 1), "operations"),
        (lambda c: c.runs.metadata.set("run_1", "$.a.constructor.b", 1), "operations"),
        (lambda c: c.runs.metadata.set("run_1", "", 1), "operations"),
        (lambda c: c.runs.metadata.set("run_1", "k", {1, 2}), "operations"),
        (lambda c: c.runs.metadata.increment("run_1", "k", float("nan")), "operations"),
        (lambda c: c.runs.metadata.increment("run_1", "k", "1"), "operations"),
        (lambda c: c.runs.metadata.decrement("run_1", "k", True), "by"),
        (lambda c: c.runs.metadata.update("run_1", []), "operations"),
        (lambda c: c.runs.metadata.update("run_1", [{"type": "merge", "key": "k"}]), "operations"),
        (lambda c: c.runs.metadata.update("run_1", [{"type": "set", "key": "k"}]), "operations"),
        (lambda c: c.runs.metadata.update("run_1", [{"type": "update", "value": [1]}]), "operations"),
        (
            lambda c: c.runs.metadata.update("run_1", [{"type": "set", "key": "k", "value": 1, "x": 2}]),
            "operations",
        ),
        (lambda c: c.runs.metadata.update("run_1", {"type": "set"}), "operations"),
        (lambda c: c.runs.add_tags("run_1", [f"t{n}" for n in range(11)]), "tags"),
        (lambda c: c.runs.add_tags("run_1", ["x" * 129]), "tags"),
        (lambda c: c.runs.add_tags("run_1", [1]), "tags"),
        (lambda c: c.runs.list_events("run_\n1"), "run_id"),
        (lambda c: c.runs.retrieve_span("run_1", ""), "span_id"),
    ],
)
def test_bad_input_is_refused_before_sending(client: Any, emulator: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.field == field
    assert emulator.requests == []


def test_runs_bulk_is_the_bulk_actions_resource(client: Any) -> None:
    inner = getattr(client, "unwrapped", client)
    assert inner.runs.bulk is inner.bulk_actions
