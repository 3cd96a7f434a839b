"""``client.metadata``: context metadata kept in the client's store and attached to the metadata of every
run the client triggers (explicit metadata wins; ``include_context=False`` leaves it out), on both stores."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trigger_api.types import UNSET
from trigger_client import MemoryStore, ValidationError
from trigger_client._async._stores import AsyncMemoryStore


@pytest.fixture(params=["memory", "redis"])
def cache_options(request: pytest.FixtureRequest) -> dict[str, Any] | None:
    return None if request.param == "memory" else dict(request.getfixturevalue("redis_cache"))


@pytest.fixture
def contextual(make_client: Any, cache_options: Any) -> Any:
    client = make_client(cache=cache_options)
    client.metadata.set("user", {"id": "u_1", "name": "Ada"})
    client.metadata.set("org", "acme")
    return client


def sent_metadata(emulator: Any) -> list[Any]:
    """The ``options.metadata`` of each trigger request the emulator received, in order."""
    return [
        json.loads(r.body).get("options", {}).get("metadata")
        for r in emulator.requests
        if r.method == "POST" and r.path.endswith("/trigger")
    ]


def test_entries(contextual: Any) -> None:
    assert contextual.metadata.all() == {"org": "acme", "user": {"id": "u_1", "name": "Ada"}}
    assert contextual.metadata.get("org") == "acme"
    assert contextual.metadata.get("nope", 0) == 0
    assert contextual.metadata.has("user") is True
    assert contextual.metadata.delete("user") is True
    assert contextual.metadata.delete("user") is False
    assert contextual.metadata.all() == {"org": "acme"}
    contextual.cache.set("org", "not context")  # another namespace of the same store
    assert contextual.metadata.get("org") == "acme"


def test_context_is_on_the_triggered_run(contextual: Any, emulator: Any) -> None:
    handle = contextual.tasks.trigger("echo", {"n": 1}, metadata={"org": "explicit", "step": 2})
    run = contextual.runs.retrieve(handle.id)
    assert run.metadata == {"user": {"id": "u_1", "name": "Ada"}, "org": "explicit", "step": 2}
    plain = contextual.tasks.trigger("echo", {"n": 2})
    assert contextual.runs.retrieve(plain.id).metadata == {
        "user": {"id": "u_1", "name": "Ada"},
        "org": "acme",
    }
    alone = contextual.tasks.trigger("echo", {"n": 3}, metadata={"step": 3}, include_context=False)
    assert contextual.runs.retrieve(alone.id).metadata == {"step": 3}
    bare = contextual.tasks.trigger("echo", {"n": 4}, include_context=False)
    assert sent_metadata(emulator)[-1] is None
    assert contextual.runs.retrieve(bare.id).metadata is UNSET


def test_context_is_on_every_batch_item(contextual: Any) -> None:
    result = contextual.tasks.batch_trigger(
        [
            {"task_id": "echo", "payload": 1},
            {"task_id": "echo", "payload": 2, "options": {"metadata": {"user": "override"}}},
        ]
    )
    runs = sorted(contextual.batch.list_runs(result.id), key=lambda run: run.id)
    metadata = sorted(
        (json.dumps(contextual.runs.retrieve(run.id).metadata, sort_keys=True) for run in runs), reverse=True
    )
    assert [json.loads(m) for m in metadata] == [
        {"org": "acme", "user": {"id": "u_1", "name": "Ada"}},
        {"org": "acme", "user": "override"},
    ]
    alone = contextual.tasks.batch_trigger([{"task_id": "echo", "payload": 3}], include_context=False)
    (run,) = contextual.batch.list_runs(alone.id)
    assert contextual.runs.retrieve(run.id).metadata is UNSET


def test_expired_context_is_not_attached(make_client: Any, client_kind: str, emulator: Any) -> None:
    now = [0.0]
    store = (MemoryStore if client_kind == "sync" else AsyncMemoryStore)(clock=lambda: now[0])
    client = make_client(cache={"store": store})
    client.metadata.set("request_id", "req_1", ttl_s=30)
    client.metadata.set("source", "api")
    client.tasks.trigger("echo", 1)
    now[0] = 30.0
    client.tasks.trigger("echo", 2)
    assert sent_metadata(emulator) == [{"request_id": "req_1", "source": "api"}, {"source": "api"}]


def test_context_that_makes_metadata_too_large_is_refused_before_sending(
    make_client: Any, emulator: Any
) -> None:
    client = make_client()
    client.metadata.set("blob", "x" * (256 * 1024))
    with pytest.raises(ValidationError, match="with the context metadata"):
        client.tasks.trigger("echo", 1)
    with pytest.raises(ValidationError, match=r"items\[0\]\.metadata \(with the context metadata\)"):
        client.tasks.batch_trigger([{"task_id": "echo", "payload": 1}])
    with pytest.raises(ValidationError, match="include_context must be True or False"):
        client.tasks.trigger("echo", 1, include_context="no")
    assert emulator.requests == []
    client.tasks.trigger("echo", 1, include_context=False)
    assert len(emulator.requests) == 1


def test_replay_with_changes_keeps_the_original_metadata(contextual: Any) -> None:
    original = contextual.tasks.trigger("echo", {"a": 1}, metadata={"step": 1}, include_context=False)
    replayed = contextual.runs.replay(original.id, modify_payload={"b": 2})
    run = contextual.runs.retrieve(replayed.id)
    assert (run.payload, run.metadata) == ({"a": 1, "b": 2}, {"step": 1})
