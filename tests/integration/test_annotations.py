"""Local annotations over loopback: a schedule's tags and metadata and a queue's description and tags are
kept in the client's store (never sent), under keys scoped to the environment, returned under
``local_annotations``, shared through a shared store (Redis), and removed with the schedule."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from trigger_client import StoreError, ValidationError
from trigger_client._cache_options import key_fingerprint
from trigger_client._local_annotations import AnnotatedQueue, AnnotatedSchedule, LocalAnnotations


def environment(emulator: Any) -> str:
    """The fingerprint the client writes for the emulator's environment (no preview branch)."""
    return key_fingerprint(f"{emulator.url}\n{emulator.api_key}\n")


def store_of(client: Any) -> Any:
    """The client's store (behind the blocking facade for an async client: its methods then block too)."""
    return client._store


def raw_store(client: Any) -> Any:
    """The store object itself, to hand to another client."""
    store = client._store
    return getattr(store, "unwrapped", store)


def test_schedule_annotations_are_stored_locally_and_never_sent(
    make_client: Any, emulator: Any, scheduled: str
) -> None:
    client = make_client()
    store = store_of(client)
    created = client.schedules.create(
        scheduled, "0 * * * *", deduplication_key="d", tags=["team:ops", "nightly"], metadata={"owner": "ada"}
    )
    assert isinstance(created, AnnotatedSchedule)
    assert created.local_annotations == LocalAnnotations(
        tags=("team:ops", "nightly"), metadata={"owner": "ada"}
    )
    # Not on the wire, and not in the server's fields of the returned object.
    assert json.loads(emulator.requests[-1].body) == {
        "task": "nightly-report",
        "cron": "0 * * * *",
        "deduplicationKey": "d",
    }
    assert "tags" not in created.to_dict() and "local_annotations" not in created.to_dict()
    key = f"trigger_client:annotations:{environment(emulator)}:schedule:{created.id}"
    assert store.keys("trigger_client:") == [f"{key}:metadata", f"{key}:tags"]  # a key per field
    assert [json.loads(text) for text in store.get_many([f"{key}:tags", f"{key}:metadata"])] == [
        ["team:ops", "nightly"],
        {"owner": "ada"},
    ]
    assert emulator.api_key not in key

    retrieved = client.schedules.retrieve(created.id)
    assert (retrieved.id, retrieved.local_annotations) == (created.id, created.local_annotations)
    # update replaces what it is given and keeps the rest.
    updated = client.schedules.update(created.id, task_id=scheduled, cron="5 * * * *", tags=["nightly"])
    assert updated.local_annotations == LocalAnnotations(tags=("nightly",), metadata={"owner": "ada"})
    assert json.loads(emulator.requests[-1].body) == {"task": "nightly-report", "cron": "5 * * * *"}
    cleared = client.schedules.update(created.id, task_id=scheduled, cron="5 * * * *", tags=[], metadata={})
    assert cleared.local_annotations == LocalAnnotations()
    # Cleared in one write: each field is null, which reads as absent.
    assert store.keys("trigger_client:") == [f"{key}:metadata", f"{key}:tags"]
    assert store.get_many([f"{key}:metadata", f"{key}:tags"]) == ["null", "null"]

    client.schedules.update(created.id, task_id=scheduled, cron="5 * * * *", metadata={"n": 1})
    assert store.get_many([f"{key}:metadata", f"{key}:tags"]) == ['{"n":1}', "null"]
    client.schedules.delete(created.id)
    assert store.keys("trigger_client:") == []


def test_activate_and_deactivate_return_the_server_schedule(client: Any, scheduled: str) -> None:
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="d", tags=["x"])
    deactivated = client.schedules.deactivate(created.id)
    assert not isinstance(deactivated, AnnotatedSchedule) and deactivated.active is False
    assert client.schedules.retrieve(created.id).local_annotations.tags == ("x",)


def test_queue_annotations_round_trip(make_client: Any, emulator: Any) -> None:
    emulator.queue("tenant/emails", concurrency_limit=2)
    client = make_client()
    store = store_of(client)
    queue = client.queues.create("tenant/emails", description="Outgoing mail", tags=["mail", "tenant"])
    assert isinstance(queue, AnnotatedQueue)
    assert queue.local_annotations == LocalAnnotations(description="Outgoing mail", tags=("mail", "tenant"))
    assert (queue.name, queue.concurrency_limit) == ("tenant/emails", 2)
    assert [(r.method, r.path, r.body) for r in emulator.requests] == [
        ("GET", "/api/v1/queues/tenant%2Femails", b"")
    ]
    key = f"trigger_client:annotations:{environment(emulator)}:queue:{queue.id}"
    assert store.keys("trigger_client:") == [f"{key}:description", f"{key}:tags"]
    assert client.queues.retrieve(queue.id).local_annotations == queue.local_annotations
    # The same queue reached by name has the same annotations (they are keyed by its id).
    assert client.queues.retrieve(name="tenant/emails").local_annotations == queue.local_annotations
    cleared = client.queues.update(name="tenant/emails", description=None)
    assert cleared.local_annotations == LocalAnnotations(tags=("mail", "tenant"))
    assert [q.local_annotations.tags for q in client.queues.list()] == [("mail", "tenant")]


def test_annotations_belong_to_one_environment_and_one_prefix(
    make_client: Any, emulator: Any, scheduled: str
) -> None:
    client = make_client()
    store = raw_store(client)
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="d", tags=["a"])
    same_env = make_client(cache={"store": store})
    assert same_env.schedules.retrieve(created.id).local_annotations.tags == ("a",)
    assert client.with_options(timeout=5).schedules.retrieve(created.id).local_annotations.tags == ("a",)
    other_prefix = make_client(cache={"store": store, "prefix": "other:"})
    assert other_prefix.schedules.retrieve(created.id).local_annotations == LocalAnnotations()
    # Another environment (here: a preview branch, which the emulator ignores) has its own annotations.
    other_env = make_client(cache={"store": store}, preview_branch="feature-x")
    assert other_env.schedules.retrieve(created.id).local_annotations == LocalAnnotations()
    other_env.schedules.update(created.id, task_id=scheduled, cron="0 * * * *", tags=["b"])
    assert client.schedules.retrieve(created.id).local_annotations.tags == ("a",)
    branch = key_fingerprint(f"{emulator.url}\n{emulator.api_key}\nfeature-x")
    assert store_of(client).keys("trigger_client:") == sorted(
        [
            f"trigger_client:annotations:{environment(emulator)}:schedule:{created.id}:tags",
            f"trigger_client:annotations:{branch}:schedule:{created.id}:tags",
        ]
    )


def test_a_shared_redis_store_shares_the_annotations(
    make_client: Any, redis_url: str, scheduled: str
) -> None:
    cache = {"url": redis_url, "prefix": f"test-{uuid.uuid4().hex}:"}
    writer = make_client(cache=cache)
    reader = make_client(cache=cache)
    created = writer.schedules.create(scheduled, "0 * * * *", deduplication_key="d", metadata={"plan": "pro"})
    assert reader.schedules.retrieve(created.id).local_annotations.metadata == {"plan": "pro"}
    assert [s.local_annotations.metadata for s in reader.schedules.list()] == [{"plan": "pro"}]
    reader.schedules.delete(created.id)
    assert writer.cache.get("anything") is None  # the store still works after the delete


def test_bad_annotations_are_refused_before_sending(client: Any, emulator: Any, scheduled: str) -> None:
    emulator.queue("tenant/emails")
    emulator.clear_requests()
    for call, message in [
        (
            lambda: client.schedules.create(scheduled, "0 * * * *", deduplication_key="d", tags=[1]),
            "only strings",
        ),
        (
            lambda: client.schedules.create(
                scheduled, "0 * * * *", deduplication_key="d", tags=["t"] * 11 + ["u"]
            ),
            "at most 10",
        ),
        (
            lambda: client.schedules.create(scheduled, "0 * * * *", deduplication_key="d", metadata=["x"]),
            "metadata must be a mapping",
        ),
        (
            lambda: client.schedules.create(
                scheduled, "0 * * * *", deduplication_key="d", metadata={"x": float("nan")}
            ),
            "metadata",
        ),
        (lambda: client.queues.update(name="tenant/emails", description=5), "description must be a string"),
        (lambda: client.queues.update(name="tenant/emails", tags="x" * 129), "at most 128"),
        (lambda: client.queues.list(tags=[""]), "non-empty"),
    ]:
        with pytest.raises(ValidationError, match=message):
            call()
    assert emulator.requests == []


def test_an_entry_another_program_wrote_is_a_store_error(
    make_client: Any, emulator: Any, scheduled: str
) -> None:
    client = make_client()
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="d")
    store_of(client).set_many(
        {f"trigger_client:annotations:{environment(emulator)}:schedule:{created.id}:tags": '{"a": 1}'}, None
    )
    with pytest.raises(StoreError, match="not annotations"):
        client.schedules.retrieve(created.id)
