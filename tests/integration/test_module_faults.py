"""Faults and hostile input against the higher-level modules (batch cancel, AI tools, local annotations,
the stores, finished runs, replay): each test is a failure a review found, over loopback."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from trigger_client import (
    APIConnectionError,
    AsyncMemoryStore,
    BatchItem,
    MemoryStore,
    NotFoundError,
    RunFailedError,
    StoreError,
    TriggerClient,
    TriggerError,
    ValidationError,
    WaitTimeoutError,
)

PAT = "tr_pat_0123456789abcdef0123456789abcdef"


class Boom(Exception):
    """A task error."""


@pytest.fixture
def schema_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that answers any schema and records the paths asked for."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"type": "integer"}')

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", hits
    finally:
        server.shutdown()
        server.server_close()


# Waits are checked before anything is sent.


def test_batch_cancel_checks_its_waits_before_listing_or_cancelling(
    client: Any, emulator: Any, fast_bulk: None
) -> None:
    emulator.register_task("later", lambda payload: payload)
    items = [{"task_id": "later", "payload": {}, "options": {"delay": "1h"}} for _ in range(3)]
    batch_id = client.tasks.batch_trigger(items).id
    run_ids = client.batch.retrieve(batch_id).runs
    emulator.clear_requests()
    with pytest.raises(ValidationError, match=r"^poll_interval_s must be > 0, got 0$"):
        client.batch.cancel(batch_id, poll_interval_s=0)
    with pytest.raises(ValidationError, match=r"^timeout_s must be a number of seconds, got nan$"):
        client.batch.cancel(batch_id, timeout_s=float("nan"))
    with pytest.raises(ValidationError, match=r"^poll_interval_s must be > 0, got -1$"):
        client.runs.batch_cancel(run_ids, poll_interval_s=-1)
    assert emulator.requests == []
    assert [str(run.status) for run in client.batch.list_runs(batch_id)] == ["DELAYED"] * 3


def test_a_tool_call_checks_its_waits_before_triggering(client: Any, emulator: Any) -> None:
    emulator.register_task("echo", lambda payload: payload)
    tool = client.ai.create_tool("echo", "echo", "Echo the arguments.", {"type": "object"})
    for options, message in [
        ({"poll_interval_s": -1}, r"^poll_interval_s must be > 0, got -1$"),
        (
            {"max_poll_interval_s": float("nan")},
            r"^max_poll_interval_s must be a number of seconds, got nan$",
        ),
        ({"timeout_s": 0}, r"^timeout_s must be > 0, got 0$"),
    ]:
        with pytest.raises(ValidationError, match=message):
            tool.call({}, **options)
    assert emulator.requests == []


def test_a_tool_call_timeout_is_told_in_the_callers_terms(client: Any, emulator: Any) -> None:
    release = threading.Event()
    emulator.register_task("slow", lambda payload: release.wait(10) and payload)
    tool = client.ai.create_tool("slow", "slow", "A slow task.", {"type": "object"})
    try:
        with pytest.raises(WaitTimeoutError) as info:
            tool.call({}, timeout_s=0.3, poll_interval_s=0.05, max_poll_interval_s=0.05)
    finally:
        release.set()
    assert info.value.timeout_s == 0.3
    run = info.value.last_seen
    assert str(info.value) == (
        f"tool 'slow': run {run.id} did not finish within timeout_s=0.3 s; last status {run.status}"
    )


# AI tool schemas never reach outside themselves, and always validate.


def test_parameters_never_reach_outside_the_schema(
    client: Any, emulator: Any, schema_server: tuple[str, list[str]]
) -> None:
    base, hits = schema_server

    def props(ref: str) -> dict[str, Any]:
        return {"type": "object", "properties": {"x": {"$ref": ref}}}

    refused = [
        (props(f"{base}/internal/secret.json"), "points outside the schema"),
        (props("http://admin:hunter2@127.0.0.1:1/x.json"), "points outside the schema"),
        ({"$id": f"{base}/root.json", **props("other.json")}, "'other.json' points outside the schema"),
        ({**props("#/$defs/b"), "$defs": {"b": {"$dynamicRef": f"{base}/d.json"}}}, "outside the schema"),
        (
            props("#/$defs/nope"),
            r"^parameters: the reference '#/\$defs/nope' points to nothing in the schema$",
        ),
        ({"type": "object", "$ref": "#"}, "refers to itself without reading the arguments"),
        ({"type": "object", "$schema": 5}, r"^parameters: \$schema must be the URI of a JSON Schema dialect"),
    ]
    for schema, message in refused:
        with pytest.raises(ValidationError, match=message) as info:
            client.ai.create_tool("echo", "bad", "A bad tool.", schema)
        assert "hunter2" not in str(info.value)
    assert client.ai.list_tools() == []
    # Local references (pointers and anchors) are fine.
    good = {
        **props("#/$defs/positive"),
        "$defs": {"positive": {"$anchor": "pos", "type": "integer", "minimum": 1}},
        "required": ["x"],
    }
    good["properties"]["y"] = {"$ref": "#pos"}
    tool = client.ai.create_tool("echo", "good", "A good tool.", good)
    assert tool.validate({"x": 2, "y": 3}) == {"x": 2, "y": 3}
    with pytest.raises(ValidationError, match=r"^the arguments do not match .*: \$\.y: 0 is less than"):
        tool.validate({"x": 1, "y": 0})
    assert hits == [] and emulator.requests == []


def test_a_stored_tool_another_program_wrote_is_checked_and_never_fetches(
    client: Any, schema_server: tuple[str, list[str]]
) -> None:
    base, hits = schema_server
    record = {
        "name": "planted",
        "task_id": "echo",
        "description": "Planted by another program.",
        "parameters": {"type": "object", "properties": {"x": {"$ref": f"{base}/x.json"}}},
        "display_options": None,
    }
    client._store.set_many({"trigger_client:ai-tools:planted": json.dumps(record)}, None)
    with pytest.raises(StoreError, match=r"^the stored AI tool 'planted' is not a tool .*points outside"):
        client.ai.list_tools()
    with pytest.raises(StoreError, match=r"not a tool"):
        client.ai.retrieve_tool("planted")
    client._store.set_many(
        {"trigger_client:ai-tools:planted": json.dumps({**record, "parameters": {"type": "string"}})}, None
    )
    with pytest.raises(StoreError, match=r"must describe an object"):
        client.ai.list_tools()
    assert hits == []


def test_nesting_too_deep_is_a_validation_error(client: Any) -> None:
    tool = client.ai.create_tool("echo", "echo", "Echo.", {"type": "object"})
    with pytest.raises(ValidationError, match=r"^arguments is nested too deeply$"):
        tool.validate("[" * 100_000)
    with pytest.raises(ValidationError, match=r"^arguments is nested too deeply$"):
        tool.call('{"a":' * 100_000)
    schema: dict[str, Any] = {"type": "object"}
    inner = schema
    for _ in range(2_000):
        inner["properties"] = {"a": {"type": "object"}}
        inner = inner["properties"]["a"]
    with pytest.raises(ValidationError, match=r"^parameters is nested too deeply"):
        client.ai.create_tool("echo", "deep", "Deep.", schema)


# Secrets never stand in messages, whatever value was shown.


def test_tokens_given_in_the_wrong_place_are_redacted_from_messages(make_client: Any, scheduled: str) -> None:
    seen: list[BaseException] = []
    client = make_client(error_hook=seen.append)
    calls = [
        (
            lambda: client.deployments.current_worker(PAT, "dev"),
            "project_ref must be a project ref such as 'proj_abcdefghijklmnopqrst', got '<redacted>'",
        ),
        (
            lambda: client.schedules.create(scheduled, "0 * * * *", deduplication_key="k", timezone=PAT),
            "timezone '<redacted>' is not an IANA time zone (see client.schedules.timezones())",
        ),
        (
            lambda: client.ai.create_tool(
                "t", "n", "d", {"type": "object", "properties": {"a": {"type": PAT}}}
            ),
            None,
        ),
        (lambda: client.schedules.retrieve(PAT + "\n"), None),
    ]
    for call, message in calls:
        with pytest.raises(ValidationError) as info:
            call()
        assert PAT not in str(info.value) and PAT not in repr(info.value) and PAT not in info.value.args[0]
        assert "<redacted>" in str(info.value)
        if message is not None:
            assert str(info.value) == message
    assert len(seen) == 4 and not any(PAT in str(error) for error in seen)


def test_a_failed_runs_error_loses_url_passwords(client: Any, emulator: Any) -> None:
    def leak(payload: Any) -> Any:
        raise Boom("cannot reach redis://:hunter2pw@cache.internal:6379/0")

    emulator.register_task("leak", leak, max_attempts=1)
    tool = client.ai.create_tool("leak", "leak", "Leaks.", {"type": "object"})
    with pytest.raises(RunFailedError) as info:
        tool.call({}, timeout_s=20, poll_interval_s=0.02, max_poll_interval_s=0.05)
    assert info.value.error_message == "cannot reach redis://<redacted>@cache.internal:6379/0"
    assert str(info.value).endswith(
        "ended FAILED: Boom: cannot reach redis://<redacted>@cache.internal:6379/0"
    )
    assert "hunter2pw" not in (info.value.stack_trace or "")


# Schedules: the server's state is what was asked, whatever the store does.


class _FailingStore(MemoryStore):
    down = False

    def get_many(self, keys: Any) -> Any:
        if self.down:
            raise StoreError("store down")
        return super().get_many(keys)

    def set_many(self, items: Any, ttl_s: Any) -> None:
        if self.down:
            raise StoreError("store down")
        super().set_many(items, ttl_s)


class _AsyncFailingStore(AsyncMemoryStore):
    down = False

    async def get_many(self, keys: Any) -> Any:
        if self.down:
            raise StoreError("store down")
        return await super().get_many(keys)

    async def set_many(self, items: Any, ttl_s: Any) -> None:
        if self.down:
            raise StoreError("store down")
        await super().set_many(items, ttl_s)


def test_a_failing_store_leaves_the_schedule_inactive_as_asked(
    make_client: Any, client_kind: str, scheduled: str
) -> None:
    store = _FailingStore() if client_kind == "sync" else _AsyncFailingStore()
    client = make_client(cache={"store": store})
    store.down = True
    with pytest.raises(StoreError, match=r"^store down$"):
        client.schedules.create(scheduled, "0 * * * *", deduplication_key="k", active=False, tags=["x"])
    store.down = False
    assert [(s.deduplication_key, s.active) for s in client.schedules.list()] == [("k", False)]


def test_a_failed_deactivate_stores_no_annotations(client: Any, emulator: Any, scheduled: str) -> None:
    emulator.faults.add("status", status=404, path="/api/v1/schedules/*/deactivate", times=1)
    with pytest.raises(NotFoundError):
        client.schedules.create(scheduled, "0 * * * *", deduplication_key="k", active=False, tags=["x"])
    (schedule,) = client.schedules.list()
    assert (schedule.active, schedule.local_annotations.tags) == (True, ())


def test_schedule_annotations_change_without_replacing_the_schedule(
    client: Any, emulator: Any, scheduled: str
) -> None:
    created = client.schedules.create(
        scheduled, "0 3 * * *", deduplication_key="k", external_id="org_1", timezone="Europe/Paris"
    )
    emulator.clear_requests()
    updated = client.schedules.update(created.id, tags=["only"], metadata={"owner": "ops"})
    assert [(r.method, r.path) for r in emulator.requests] == [("GET", f"/api/v1/schedules/{created.id}")]
    assert (updated.external_id, updated.timezone, updated.generator.expression) == (
        "org_1",
        "Europe/Paris",
        "0 3 * * *",
    )
    assert updated.local_annotations.tags == ("only",)
    assert updated.local_annotations.metadata == {"owner": "ops"}
    for kwargs, message in [
        ({"external_id": "x"}, "^external_id, timezone and window are changed by replacing the schedule"),
        ({}, "^nothing to change"),
        ({"cron": "0 * * * *"}, "^give both task_id and cron"),
        ({"task_id": scheduled, "tags": ["t"]}, "^give both task_id and cron"),
        ({"task_id": scheduled, "cron": "0 * * * *", "tags": [" "]}, "^tags of a schedule must not be blank"),
    ]:
        with pytest.raises(ValidationError, match=message):
            client.schedules.update(created.id, **kwargs)
    assert len(emulator.requests) == 1
    with pytest.raises(NotFoundError):
        client.schedules.update("sched_missing00000000000000", tags=["t"])
    assert [key.rsplit(":", 2)[1:] for key in client._store.keys("trigger_client:annotations:")] == [
        [created.id, "metadata"],
        [created.id, "tags"],
    ]


def test_windows_are_ascii_and_whole(client: Any, emulator: Any, scheduled: str) -> None:
    for window in ("30m\n", "50%\n", "٣٠m", "3O m"):
        with pytest.raises(ValidationError, match=r"^window must be minutes or hours"):
            client.schedules.create(scheduled, "0 * * * *", deduplication_key="w", window=window)
    assert emulator.requests == []


# Concurrent annotation changes of different fields both hold.


class _SlowReadStore(MemoryStore):
    """Reads take a while, so that two read-modify-writes would overlap."""

    def get_many(self, keys: Any) -> Any:
        time.sleep(0.02)
        return super().get_many(keys)


def test_concurrent_changes_of_different_fields_both_hold(emulator: Any) -> None:
    emulator.register_task("q1", lambda payload: payload)
    with TriggerClient(emulator.api_key, base_url=emulator.url, cache={"store": _SlowReadStore()}) as client:
        for round_ in range(5):
            barrier = threading.Barrier(2)

            def describe(n: int = round_, barrier: threading.Barrier = barrier) -> None:
                barrier.wait()
                client.queues.update(task="q1", description=f"d{n}")

            def tag(n: int = round_, barrier: threading.Barrier = barrier) -> None:
                barrier.wait()
                client.queues.update(task="q1", tags=[f"t{n}"])

            threads = [threading.Thread(target=describe), threading.Thread(target=tag)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            notes = client.queues.retrieve(task="q1").local_annotations
            assert (notes.description, notes.tags) == (f"d{round_}", (f"t{round_}",))


# The stores: typed errors, the same limits, nothing of the values in messages.


def test_ttls_are_bounded_the_same_on_every_store(make_client: Any, redis_cache: dict[str, str]) -> None:
    for client in (make_client(), make_client(cache=redis_cache)):
        for call in (client.cache.set, client.cache.set_if_not_exists, client.metadata.set):
            with pytest.raises(
                ValidationError, match=r"^ttl_s must be at most 3153600000 seconds \(100 years"
            ):
                call("k", 1, ttl_s=1e17)
        with pytest.raises(ValidationError, match=r"^ttl_s must be a number of seconds, got 1000"):
            client.cache.set("k", 1, ttl_s=10**400)
        client.cache.set("k", 1, ttl_s=3_153_600_000)
        assert client.cache.get("k") == 1


def test_text_redis_cannot_decode_is_a_store_error(make_client: Any, redis_cache: dict[str, str]) -> None:
    import redis

    raw = redis.Redis.from_url(redis_cache["url"])
    prefix = redis_cache["prefix"]
    client = make_client(cache=redis_cache)
    raw.set(f"{prefix}cache:k", b"\xff\xfe")
    with pytest.raises(StoreError, match=r"not UTF-8 text: another program wrote it$"):
        client.cache.get("k")
    raw.set(f"{prefix}context:x".encode() + b"\xff", b"1")
    with pytest.raises(StoreError, match=r"not UTF-8 text"):
        client.metadata.all()
    raw.delete(f"{prefix}context:x".encode() + b"\xff", f"{prefix}cache:k")
    raw.set(f"{prefix}cache:deep", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(StoreError, match=r"is not JSON: another program wrote it$"):
        client.cache.get("deep")


def test_a_redis_error_does_not_quote_the_values(make_client: Any, redis_cache: dict[str, str]) -> None:
    import redis

    raw = redis.Redis.from_url(redis_cache["url"])
    client = make_client(cache=redis_cache)
    before = raw.config_get("maxmemory")["maxmemory"], raw.config_get("maxmemory-policy")["maxmemory-policy"]
    raw.config_set("maxmemory-policy", "noeviction")
    raw.config_set("maxmemory", 1)
    try:
        with pytest.raises(StoreError) as info:
            client.cache.set_many({"session:ada": {"token": "SECRET-VALUE-123"}})
    finally:
        raw.config_set("maxmemory", before[0])
        raw.config_set("maxmemory-policy", before[1])
    assert "SECRET-VALUE-123" not in str(info.value) and "session:ada" not in str(info.value)
    assert str(info.value) == (
        f"the Redis store at {redis_cache['url']} failed: OutOfMemoryError: command not allowed when used "
        "memory > 'maxmemory'."
    )


# Finished runs and replays.


def test_a_remembered_run_that_is_not_final_is_not_trusted(emulator: Any) -> None:
    emulator.register_task("echo", lambda payload: payload)
    with TriggerClient(emulator.api_key, base_url=emulator.url, cache={"finished_runs": True}) as client:
        handle = client.tasks.trigger("echo", {"n": 1})
        client.runs.poll(handle.id, poll_interval_s=0.02, timeout_s=20)
        (key,) = client._store.keys("trigger_client:runs:")
        forged = json.loads(client._store.get_many([key])[0])
        forged.update(status="EXECUTING", isCompleted=False, output="FORGED")
        client._store.set_many({key: json.dumps(forged)}, None)
        emulator.clear_requests()
        run = client.runs.retrieve(handle.id)
        assert (str(run.status), run.output) == ("COMPLETED", {"n": 1})
        assert [r.path for r in emulator.requests] == [f"/api/v3/runs/{handle.id}"]


def test_a_raw_retrieve_of_a_remembered_run_asks_the_server(make_client: Any, emulator: Any) -> None:
    emulator.register_task("echo", lambda payload: payload)
    client = make_client(cache={"finished_runs": True})
    handle = client.tasks.trigger("echo", {"n": 1})
    client.runs.poll(handle.id, poll_interval_s=0.02, timeout_s=20)
    emulator.clear_requests()
    raw = client.with_raw_response.runs.retrieve(handle.id)
    assert (raw.status_code, raw.parsed.id, raw.parsed.output) == (200, handle.id, {"n": 1})
    assert client.runs.retrieve(handle.id).id == handle.id  # the plain call is still answered by the store
    assert [r.path for r in emulator.requests] == [f"/api/v3/runs/{handle.id}"]


def test_an_empty_change_replays_on_the_server(client: Any, emulator: Any) -> None:
    emulator.register_task("echo", lambda payload: payload)
    handle = client.tasks.trigger("echo", "not an object")
    client.runs.poll(handle.id, poll_interval_s=0.02, timeout_s=20)
    emulator.clear_requests()
    replayed = client.runs.replay(handle.id, modify_payload={})
    assert [(r.method, r.path) for r in emulator.requests] == [("POST", f"/api/v1/runs/{handle.id}/replay")]
    assert replayed.id != handle.id


# A second review: references the schema cannot use, secrets in attributes, store writes.


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (
            {"type": "object", "description": "hi", "allOf": [{"$ref": "#/description"}]},
            r"^parameters: the reference '#/description' points to a str, not a schema$",
        ),
        (
            {"type": "object", "properties": {"a": {"$id": "https://ex.com/sub", "$ref": "#/$defs/y"}}},
            r"^parameters: a nested \$id \('https://ex.com/sub'\) is not supported",
        ),
        (
            {
                "type": "object",
                "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}},
                "properties": {"x": {"$ref": "#/$defs/a"}},
            },
            r"^parameters refers to itself without reading the arguments",
        ),
        (
            {"type": "object", "additionalProperties": {"not": {"$ref": "#/additionalProperties"}}},
            r"^parameters refers to itself without reading the arguments",
        ),
        (
            {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "type": "object",
                "dependencies": {"a": {"$ref": "#"}},
            },
            r"^parameters refers to itself without reading the arguments",
        ),
        (
            {
                "$schema": "http://json-schema.org/draft-03/schema#",
                "type": "object",
                "extends": {"$ref": "#"},
            },
            r"^parameters refers to itself without reading the arguments",
        ),
    ],
)
def test_references_the_schema_cannot_use_are_refused(client: Any, schema: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        client.ai.create_tool("echo", "bad", "A bad tool.", schema)


def test_references_the_schema_can_use_are_kept(client: Any) -> None:
    tree = {  # recursion that reads input: a node's children are nodes
        "type": "object",
        "$defs": {
            "node": {"type": "object", "properties": {"children": {"items": {"$ref": "#/$defs/node"}}}}
        },
        "properties": {"root": {"$ref": "#/$defs/node"}},
    }
    assert client.ai.create_tool("echo", "tree", "A tree.", tree).validate(
        {"root": {"children": [{"children": []}]}}
    ) == {"root": {"children": [{"children": []}]}}
    data = {"type": "object", "properties": {"a": {"const": {"$ref": "#/nope"}, "default": {"$ref": "x:y"}}}}
    assert client.ai.create_tool("echo", "data", "Data.", data).validate({"a": {"$ref": "#/nope"}}) == {
        "a": {"$ref": "#/nope"}
    }
    absolute = {
        "$id": "https://ex.com/root",
        "type": "object",
        "$defs": {"y": {"type": "string"}},
        "properties": {"a": {"$ref": "https://ex.com/root#/$defs/y"}},
    }
    tool = client.ai.create_tool("echo", "absolute", "Absolute.", absolute)
    with pytest.raises(ValidationError, match=r"\$\.a: 1 is not of type 'string'"):
        tool.validate({"a": 1})
    # A wide diamond of references (2**20 paths from the root to its leaf) is accepted and validates.
    levels: dict[str, Any] = {"l20": {"type": "string"}}
    for n in range(20):
        levels[f"l{n}"] = {"anyOf": [{"$ref": f"#/$defs/l{n + 1}"}, {"$ref": f"#/$defs/l{n + 1}"}]}
    wide = {"type": "object", "$defs": levels, "properties": {"x": {"$ref": "#/$defs/l0"}}}
    unused = {"type": "object", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}}
    assert client.ai.create_tool("echo", "unused", "Unused loop.", unused).validate({}) == {}
    assert client.ai.create_tool("echo", "wide", "Wide.", wide).validate({"x": "s"}) == {"x": "s"}


def test_checked_tool_records_are_remembered_within_a_bound(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trigger_client import _ai_tool_schemas

    monkeypatch.setattr(_ai_tool_schemas, "MAX_CHECKED_RECORDS", 3)
    monkeypatch.setattr(_ai_tool_schemas, "_CHECKED", type(_ai_tool_schemas._CHECKED)())
    for n in range(5):
        client.ai.create_tool("echo", f"tool{n}", f"Tool {n}.", {"type": "object"})
    assert [tool.name for tool in client.ai.list_tools()] == [f"tool{n}" for n in range(5)]
    assert len(_ai_tool_schemas._CHECKED) == 3


def test_an_unexpected_body_keeps_no_secret_and_no_context(client: Any, emulator: Any) -> None:
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    body = json.dumps({"leaked": jwt, "key": emulator.api_key})
    emulator.faults.add(
        "status", status=200, body=body, content_type="application/json", path="/api/v3/runs/*"
    )
    with pytest.raises(TriggerError) as info:
        client.runs.retrieve("run_abc")
    assert info.value.body == '{"leaked": "<redacted>", "key": "<redacted>"}'
    emulator.faults.clear()
    emulator.faults.add(
        "status",
        status=200,
        body="not gzip",
        content_type="application/json",
        headers={"content-encoding": "gzip"},
        path="/api/v3/runs/*",
    )
    with pytest.raises(TriggerError) as info:
        client.runs.retrieve("run_abc")
    assert (info.value.__context__, info.value.__cause__) == (None, None)


def test_a_redis_url_with_a_raw_password_is_never_shown() -> None:
    for url, shown in [
        ("redis://:hunter/2@localhost/0", "redis://localhost/0"),
        ("redis://:Ab+c/Xy9=@[::1", "redis://<redacted>@[::1"),
        ("redis://:pw1@[::1:6379/0", "redis://<redacted>@[::1:6379/0"),
    ]:
        with pytest.raises(ValidationError) as info:
            TriggerClient("tr_dev_abc", base_url="http://127.0.0.1:9", cache={"url": url})
        assert str(info.value) == f"cache url {shown!r} is not a Redis URL: redis-py cannot parse it"


def test_cache_options_built_directly_are_checked(emulator: Any) -> None:
    from trigger_client import CacheOptions

    for ttl, message in [(1e30, "at most 3153600000 seconds"), (float("nan"), "a number of seconds")]:
        with pytest.raises(ValidationError, match=f"^cache finished_runs_ttl_s must be {message}"):
            TriggerClient(
                emulator.api_key, base_url=emulator.url, cache=CacheOptions(finished_runs_ttl_s=ttl)
            )


def test_deleting_a_schedule_by_its_deduplication_key_deletes_its_annotations(
    client: Any, scheduled: str
) -> None:
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="dk-1", tags=["a"])
    assert client.schedules.update("dk-1", metadata={"m": 1}).id == created.id
    client.schedules.delete("dk-1")
    assert client._store.keys("trigger_client:") == []


def test_an_annotation_change_is_one_write(make_client: Any, client_kind: str, scheduled: str) -> None:
    store = _FailingStore() if client_kind == "sync" else _AsyncFailingStore()
    client = make_client(cache={"store": store})
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="k", tags=["old"])
    writes: list[Any] = []
    original = store.set_many

    def counting(items: Any, ttl_s: Any) -> Any:
        writes.append(sorted(items))
        return original(items, ttl_s)

    store.set_many = counting  # type: ignore[method-assign]
    client.schedules.update(created.id, tags=[], metadata={"m": 1})
    assert len(writes) == 1 and [key.rsplit(":", 1)[1] for key in writes[0]] == ["metadata", "tags"]
    assert client.schedules.retrieve(created.id).local_annotations.tags == ()


@pytest.mark.parametrize("status", [500, 503])
def test_a_replay_or_a_bulk_action_is_not_sent_again_after_an_error_status(
    client: Any, emulator: Any, status: int
) -> None:
    emulator.register_task("echo", lambda payload: payload)
    handle = client.tasks.trigger("echo", {"n": 1})
    emulator.faults.add("status", status=status, path="/api/v1/runs/*/replay")
    emulator.faults.add("status", status=status, path="/api/v1/bulk-actions", method="POST")
    emulator.clear_requests()
    with pytest.raises(TriggerError) as replay:
        client.runs.replay(handle.id)
    with pytest.raises(TriggerError) as bulk:
        client.bulk_actions.cancel(run_ids=[handle.id])
    assert (replay.value.status_code, bulk.value.status_code) == (status, status)
    assert [(r.method, r.path) for r in emulator.requests] == [
        ("POST", f"/api/v1/runs/{handle.id}/replay"),
        ("POST", "/api/v1/bulk-actions"),
    ]


def test_a_bad_key_in_set_many_is_named_as_a_key(client: Any) -> None:
    with pytest.raises(ValidationError, match=r"^each key of items must be a non-empty string, got ''$"):
        client.cache.set_many({"x": 1, "": 2})
    assert client.cache.get_many(["x"]) == {}


# A third review: requests that must not be sent twice, nested raw resources, more schemas.


def test_a_request_key_of_the_callers_gives_each_request_of_a_split_batch_its_own(
    client: Any, emulator: Any
) -> None:
    emulator.missing_routes = ["POST /api/v3/batches"]
    emulator.register_task("q", lambda payload: payload)
    items = [BatchItem("q", {"i": i}) for i in range(700)]
    result = client.tasks.batch_trigger(items, request_options={"idempotency_key": "req-1"})
    assert [batch.run_count for batch in result.batches] == [500, 200]
    assert len(set(result.ids)) == 2
    keys = [
        r.headers.get("x-trigger-request-idempotency-key") for r in emulator.requests if r.method == "POST"
    ]
    assert keys[-2:] == ["req-1:batch0", "req-1:batch1"]
    again = client.tasks.batch_trigger(items, request_options={"idempotency_key": "req-1"})
    assert again.ids == result.ids  # the same call repeated: the same batches, no new runs


def test_increment_and_append_are_not_sent_twice(client: Any, emulator: Any) -> None:
    release = threading.Event()
    emulator.register_task("t", lambda payload: release.wait(10))
    handle = client.tasks.trigger("t", {})
    try:
        for call in (
            lambda: client.runs.metadata.increment(handle.id, "n", 1),
            lambda: client.runs.metadata.append(handle.id, "log", "x"),
        ):
            emulator.faults.add("drop_after_commit", path=f"/api/v1/runs/{handle.id}/metadata", method="PUT")
            with pytest.raises(APIConnectionError):
                call()
        assert client.runs.metadata.retrieve(handle.id) == {"n": 1, "log": ["x"]}
        # set is the same twice: it is sent again and succeeds.
        emulator.faults.add("drop_after_commit", path=f"/api/v1/runs/{handle.id}/metadata", method="PUT")
        assert client.runs.metadata.set(handle.id, "k", "v") == {"n": 1, "log": ["x"], "k": "v"}
    finally:
        release.set()


def test_creates_and_deletes_that_may_have_happened_are_not_sent_again(
    client: Any, emulator: Any, scheduled: str
) -> None:
    emulator.faults.add("drop_after_commit", path="/api/v1/waitpoints/tokens", method="POST")
    with pytest.raises(APIConnectionError):
        client.waitpoints.create_token(timeout="1h")
    assert len(list(client.waitpoints.list_tokens())) == 1
    schedule = client.schedules.create(scheduled, "0 0 * * *", deduplication_key="d1")
    emulator.faults.add("drop_after_commit", path=f"/api/v1/schedules/{schedule.id}", method="DELETE")
    with pytest.raises(APIConnectionError):
        client.schedules.delete(schedule.id)
    assert list(client.schedules.list()) == []


def test_raw_responses_of_nested_resources(client: Any, emulator: Any) -> None:
    emulator.register_task("echo", lambda payload: payload)
    handle = client.tasks.trigger("echo", {}, metadata={"a": 1})
    raw = client.with_raw_response.runs.metadata.retrieve(handle.id)
    assert (raw.status_code, raw.parsed) == (200, {"a": 1})


def test_a_failing_store_does_not_fail_the_runs_it_remembers(
    make_client: Any, client_kind: str, emulator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.register_task("echo", lambda payload: payload)
    store = _FailingStore() if client_kind == "sync" else _AsyncFailingStore()
    client = make_client(cache={"store": store, "finished_runs": True})
    handle = client.tasks.trigger("echo", {"n": 1})
    store.down = True
    run = client.runs.poll(handle.id, poll_interval_s=0.02, timeout_s=20)
    assert (str(run.status), run.output) == ("COMPLETED", {"n": 1})
    assert client.runs.retrieve(handle.id).output == {"n": 1}
    assert f"finished runs: remembering run {handle.id} failed (store down)" in caplog.text
    assert f"finished runs: reading run {handle.id} from the store failed (store down)" in caplog.text
