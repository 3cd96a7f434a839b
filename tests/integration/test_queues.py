"""Queues and concurrency limits over loopback: list, retrieve by id, task or custom name (names with
``/``), pause and resume (runs held back), override and reset limits, and refusal of bad input."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from trigger_client import BadRequestError, NotFoundError, UnsupportedOperationError, ValidationError


@pytest.fixture
def queues(emulator: Any) -> Any:
    @emulator.task("send-email", concurrency_limit=10)
    def send(payload: Any) -> Any:
        return payload

    @emulator.task("resize-image")
    def resize(payload: Any) -> Any:
        return payload

    emulator.queue("tenant/emails", concurrency_limit=2)
    return emulator


def test_list_walks_every_page_by_name(client: Any, queues: Any) -> None:
    listed = [(q.name, str(q.type_), q.concurrency_limit) for q in client.queues.list(per_page=2)]
    assert listed == [
        ("resize-image", "task", None),
        ("send-email", "task", 10),
        ("tenant/emails", "custom", 2),
    ]
    assert [r.query for r in queues.requests] == ["page=1&perPage=2", "page=2&perPage=2"]
    first = client.queues.list(per_page=2).first_page()
    assert (first.current_page, first.total_pages, first.count) == (1, 2, 3)


def test_retrieve_by_id_task_and_name(client: Any, queues: Any) -> None:
    by_task = client.queues.retrieve(task="send-email")
    assert (by_task.name, str(by_task.type_), by_task.paused, by_task.concurrency_limit) == (
        "send-email",
        "task",
        False,
        10,
    )
    assert by_task.id.startswith("queue_")
    assert client.queues.retrieve(by_task.id).id == by_task.id
    by_name = client.queues.retrieve(name="tenant/emails")
    assert (by_name.name, str(by_name.type_)) == ("tenant/emails", "custom")
    # The "/" travels as %252F (encoded twice), as the official SDK sends it.
    assert [(r.path, r.query) for r in queues.requests] == [
        ("/api/v1/queues/send-email", "type=task"),
        (f"/api/v1/queues/{by_task.id}", "type=id"),
        ("/api/v1/queues/tenant%2Femails", "type=custom"),
    ]
    with pytest.raises(NotFoundError, match="queue-not-found"):
        client.queues.retrieve(name="tenant/other")


def test_pause_holds_runs_back_until_resume(client: Any, queues: Any) -> None:
    paused = client.queues.pause(task="resize-image")
    assert paused.paused is True
    assert json.loads(queues.requests[-1].body) == {"type": "task", "action": "pause"}
    handle = client.tasks.trigger("resize-image", {"n": 1})
    queues.advance(5)
    assert client.runs.retrieve(handle.id).status == "QUEUED"
    assert client.queues.retrieve(task="resize-image").queued == 1
    resumed = client.queues.resume(task="resize-image")
    assert resumed.paused is False
    assert json.loads(queues.requests[-1].body) == {"type": "task", "action": "resume"}
    assert client.runs.poll(handle.id, poll_interval_s=0.05, timeout_s=10).status == "COMPLETED"


def test_a_queue_limit_caps_runs_executing_at_once(client: Any, emulator: Any) -> None:
    release = threading.Event()
    started = threading.Event()
    running: list[int] = []
    peak = [0]
    lock = threading.Lock()

    @emulator.task("limited", concurrency_limit=1)
    def limited(payload: Any) -> Any:
        with lock:
            running.append(1)
            peak[0] = max(peak[0], len(running))
        started.set()
        release.wait(5)
        with lock:
            running.pop()
        return payload

    handles = [client.tasks.trigger("limited", {"n": n}) for n in range(3)]
    emulator.advance(1)
    assert started.wait(5)  # the first run holds the queue's one slot (no sleep: wait for the fact)
    queue = client.queues.retrieve(task="limited")
    assert (queue.running, queue.queued) == (1, 2)
    release.set()
    for handle in handles:
        client.runs.poll(handle.id, poll_interval_s=0.05, timeout_s=10)
    assert peak[0] == 1


def test_override_and_reset_the_limit(client: Any, queues: Any) -> None:
    overridden = client.queues.override_concurrency_limit(task="send-email", limit=3)
    assert json.loads(queues.requests[-1].body) == {"type": "task", "concurrencyLimit": 3}
    concurrency = overridden.concurrency
    assert (overridden.concurrency_limit, concurrency.current, concurrency.base, concurrency.override) == (
        3,
        3,
        10,
        3,
    )
    assert concurrency.overridden_at is not None and concurrency.overridden_by is None
    by_percent = client.queues.override_concurrency_limit(name="tenant/emails", percent=25)
    assert json.loads(queues.requests[-1].body) == {"type": "custom", "percent": 25.0}
    assert by_percent.concurrency_limit == 25  # 25% of the environment's 100
    assert client.queues.retrieve(name="tenant/emails").concurrency_limit_override_percent == 25

    reset = client.queues.reset_concurrency_limit(task="send-email")
    assert (reset.concurrency_limit, reset.concurrency.base, reset.concurrency.override) == (10, None, None)
    with pytest.raises(BadRequestError, match="Queue is not overridden"):
        client.queues.reset_concurrency_limit(task="send-email")
    with pytest.raises(
        BadRequestError, match=r"Concurrency limit \(500\) cannot exceed the environment limit \(100\)"
    ):
        client.queues.override_concurrency_limit(task="send-email", limit=500)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.queues.retrieve(), "queue_id"),
        (lambda c: c.queues.retrieve("send-email"), "queue_id"),
        (lambda c: c.queues.retrieve(task="a", name="b"), "name"),
        (lambda c: c.queues.pause(name="50%"), "name"),
        (lambda c: c.queues.override_concurrency_limit(task="t"), "limit"),
        (lambda c: c.queues.override_concurrency_limit(task="t", limit=1, percent=5), "limit"),
        (lambda c: c.queues.override_concurrency_limit(task="t", limit=-1), "limit"),
        (lambda c: c.queues.override_concurrency_limit(task="t", limit=100_001), "limit"),
        (lambda c: c.queues.override_concurrency_limit(task="t", percent=0), "percent"),
        (lambda c: c.queues.override_concurrency_limit(task="t", percent=101), "percent"),
        (lambda c: c.queues.list(per_page=101), "per_page"),
        (lambda c: c.concurrency_limits.retrieve("bad name!"), "name"),
        (lambda c: c.concurrency_limits.retrieve_key("tenant-limit", ""), "concurrency_key"),
        (lambda c: c.concurrency_limits.retrieve_key("tenant-limit", "k" * 129), "concurrency_key"),
        (lambda c: c.concurrency_limits.override("tenant-limit"), "per_key"),
        (lambda c: c.concurrency_limits.override("tenant-limit", total=100_001), "total"),
        (lambda c: c.concurrency_limits.override_key("tenant-limit", "k", per_key=1, ttl=31 * 86400), "ttl"),
        (lambda c: c.concurrency_limits.override_key("tenant-limit", "k", per_key=1, ttl="soon"), "ttl"),
        (lambda c: c.concurrency_limits.list(per_page=101), "per_page"),
    ],
)
def test_bad_input_is_refused_before_sending(client: Any, emulator: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.field == field
    assert emulator.requests == []


@pytest.fixture
def limits(emulator: Any) -> Any:
    @emulator.task("tenant-task")
    def tenant_task(payload: Any) -> Any:
        return payload

    emulator.concurrency_limit("tenant-limit", per_key=5, total=50, tasks=["tenant-task"])
    emulator.concurrency_limit("zeta", total=3)
    return emulator


def test_concurrency_limits_list_retrieve_override_reset(client: Any, limits: Any) -> None:
    assert [
        (limit.name, limit.per_key.current, limit.total.current) for limit in client.concurrency_limits.list()
    ] == [
        ("tenant-limit", 5, 50),
        ("zeta", None, 3),
    ]
    limit = client.concurrency_limits.retrieve("tenant-limit")
    assert limit.id.startswith("climit_")
    assert (limit.per_key.base, limit.per_key.override, limit.running, limit.queued, limit.paused) == (
        5,
        None,
        0,
        0,
        False,
    )
    overridden = client.concurrency_limits.override("tenant-limit", per_key=2, total=20)
    assert json.loads(limits.requests[-1].body) == {"perKey": 2, "total": 20}
    assert (overridden.per_key.current, overridden.per_key.base, overridden.per_key.override) == (2, 5, 2)
    assert (overridden.total.current, overridden.total.base, overridden.total.override) == (20, 50, 20)
    reset = client.concurrency_limits.reset("tenant-limit")
    assert json.loads(limits.requests[-1].body) == {}
    assert (reset.per_key.current, reset.per_key.override, reset.total.current) == (5, None, 50)
    with pytest.raises(BadRequestError, match="Concurrency limit has no override to reset"):
        client.concurrency_limits.reset("tenant-limit")
    with pytest.raises(NotFoundError, match="Concurrency limit not found"):
        client.concurrency_limits.retrieve("no-such-limit")


def test_one_concurrency_key(client: Any, limits: Any) -> None:
    view = client.concurrency_limits.retrieve_key("tenant-limit", "tenant-42")
    assert limits.requests[-1].query == "concurrencyKey=tenant-42"
    assert (view.concurrency_key, view.per_key.current, view.per_key.base, view.per_key.override) == (
        "tenant-42",
        5,
        5,
        None,
    )
    capped = client.concurrency_limits.override_key("tenant-limit", "tenant-42", per_key=1, ttl="1h")
    assert json.loads(limits.requests[-1].body) == {"concurrencyKey": "tenant-42", "perKey": 1, "ttl": "1h"}
    assert (capped.per_key.current, capped.per_key.override) == (1, 1)
    assert capped.per_key.expires_at is not None
    limits.advance(3601)
    assert client.concurrency_limits.retrieve_key("tenant-limit", "tenant-42").per_key.override is None
    client.concurrency_limits.override_key("tenant-limit", 42, per_key=0)
    assert json.loads(limits.requests[-1].body) == {"concurrencyKey": "42", "perKey": 0}
    cleared = client.concurrency_limits.reset_key("tenant-limit", 42)
    assert json.loads(limits.requests[-1].body) == {"concurrencyKey": "42"}
    assert cleared.per_key.override is None


def test_a_paused_limit_holds_its_runs_back(client: Any, limits: Any) -> None:
    paused = client.concurrency_limits.pause("tenant-limit")
    assert (paused.paused, json.loads(limits.requests[-1].body)) == (True, {"action": "pause"})
    handle = client.tasks.trigger("tenant-task", {})
    limits.advance(5)
    assert client.runs.retrieve(handle.id).status == "QUEUED"
    assert client.concurrency_limits.retrieve("tenant-limit").queued == 1
    resumed = client.concurrency_limits.resume("tenant-limit")
    assert (resumed.paused, json.loads(limits.requests[-1].body)) == (False, {"action": "resume"})
    assert client.runs.poll(handle.id, poll_interval_s=0.05, timeout_s=10).status == "COMPLETED"


def test_update_overrides_the_limit_then_pauses(client: Any, queues: Any) -> None:
    queues.clear_requests()
    updated = client.queues.update(name="tenant/emails", concurrency_limit=1, paused=True)
    assert [(r.path, json.loads(r.body)) for r in queues.requests] == [
        ("/api/v1/queues/tenant%2Femails/concurrency/override", {"type": "custom", "concurrencyLimit": 1}),
        ("/api/v1/queues/tenant%2Femails/pause", {"type": "custom", "action": "pause"}),
    ]
    assert (updated.paused, updated.concurrency_limit) == (True, 1)
    resumed = client.queues.update(name="tenant/emails", paused=False)
    assert (resumed.paused, resumed.concurrency_limit) == (False, 1)
    limited = client.queues.update(task="send-email", concurrency_limit=4)
    assert (limited.paused, limited.concurrency_limit) == (False, 4)
    assert client.queues.reset(task="send-email").concurrency_limit == 10


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.queues.update(task="send-email"), "nothing to change"),
        (lambda c: c.queues.update(task="send-email", paused="yes"), "paused must be a bool"),
        (
            lambda c: c.queues.update(task="send-email", concurrency_limit=-1, paused=True),
            "^concurrency_limit must be an int >= 0, got -1$",
        ),
        (
            lambda c: c.queues.create("tenant/emails", concurrency_limit=100_001),
            "^concurrency_limit must be at most 100000, got 100001$",
        ),
        (lambda c: c.queues.update(task="send-email", tags=[""]), "tags of a queue must not be blank"),
        (lambda c: c.queues.update(task="send-email", tags=""), "tags of a queue must not be blank"),
        (lambda c: c.queues.list(tags=[]), "^tags must hold at least one string, got \\[\\]$"),
    ],
)
def test_bad_update_input_is_refused_before_sending(
    client: Any, queues: Any, call: Any, message: str
) -> None:
    queues.clear_requests()
    with pytest.raises(ValidationError, match=message):
        call(client)
    assert queues.requests == []


def test_create_applies_the_limit_to_a_declared_queue_and_explains_the_rest(client: Any, queues: Any) -> None:
    assert client.queues.create("tenant/emails").concurrency_limit == 2
    assert client.queues.create("tenant/emails", concurrency_limit=5).concurrency_limit == 5
    with pytest.raises(NotFoundError, match="queues are declared in task code") as caught:
        client.queues.create("tenant/new-queue", concurrency_limit=1)
    assert caught.value.status_code == 404
    queues.clear_requests()
    with pytest.raises(UnsupportedOperationError, match="cannot delete a queue"):
        client.queues.delete(name="tenant/emails")
    assert queues.requests == []


def test_description_and_tags_are_local_and_filter_the_list(client: Any, queues: Any) -> None:
    queues.clear_requests()
    annotated = client.queues.update(task="send-email", description="Welcome mails", tags=["mail", "eu"])
    # Only annotations to change: one retrieve (for the queue's id), nothing sent to change.
    assert [(r.method, r.path, r.query) for r in queues.requests] == [
        ("GET", "/api/v1/queues/send-email", "type=task")
    ]
    assert (annotated.name, annotated.local_annotations.description, annotated.local_annotations.tags) == (
        "send-email",
        "Welcome mails",
        ("mail", "eu"),
    )
    client.queues.update(name="tenant/emails", tags=["mail"], concurrency_limit=3)
    client.queues.update(task="resize-image", tags=["images", "eu", "images"])  # repeats dropped
    assert [(q.name, q.local_annotations.tags) for q in client.queues.list()] == [
        ("resize-image", ("images", "eu")),
        ("send-email", ("mail", "eu")),
        ("tenant/emails", ("mail",)),
    ]
    queues.clear_requests()
    assert [q.name for q in client.queues.list(tags="mail", per_page=1)] == ["send-email", "tenant/emails"]
    assert [r.query for r in queues.requests] == ["page=1&perPage=1", "page=2&perPage=1", "page=3&perPage=1"]
    assert [q.name for q in client.queues.list(tags=["mail", "eu"])] == ["send-email"]
    assert [q.name for q in client.queues.list(tags=["eu"], per_page=2)] == ["resize-image", "send-email"]
    assert list(client.queues.list(tags="nothing")) == []
    # The server's changes and fields are untouched by the annotations.
    limited = client.queues.retrieve(name="tenant/emails")
    assert (limited.concurrency_limit, limited.local_annotations.description) == (3, None)
    # Changing the limit keeps the annotations; [] removes the tags.
    paused = client.queues.update(task="send-email", paused=True)
    assert (paused.paused, paused.local_annotations.tags) == (True, ("mail", "eu"))
    assert client.queues.update(task="send-email", tags=[]).local_annotations.tags == ()
    assert client.queues.retrieve(task="send-email").local_annotations.description == "Welcome mails"
    assert [q.name for q in client.queues.list(tags="mail")] == ["tenant/emails"]


def test_annotating_a_missing_queue_stores_nothing(client: Any, queues: Any) -> None:
    with pytest.raises(NotFoundError):
        client.queues.update(name="tenant/other", tags=["x"])
    assert client._store.keys("trigger_client:") == []
