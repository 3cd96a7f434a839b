"""``client.cache`` on both stores (in memory and a real Redis), with both clients: values, expiry at the
second, all-or-nothing ``set_many``, ``set_if_not_exists`` as a lock, refusal of bad input; and finished
runs remembered in the store so that retrieving one again sends no request."""

from __future__ import annotations

import time
from typing import Any

import pytest

from trigger_client import AsyncTriggerClient, AuthenticationError, StoreError, TriggerClient, ValidationError
from trigger_client._async._stores import AsyncMemoryStore
from trigger_client._sync._stores import MemoryStore


class FakeClock:
    """A monotonic clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "redis"])
def cache_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    """``cache=`` for each store: the default in-memory one, and a real Redis."""
    if request.param == "memory":
        return {}
    return dict(request.getfixturevalue("redis_cache"))


@pytest.fixture
def cached(make_client: Any, cache_options: dict[str, Any]) -> Any:
    return make_client(cache=cache_options or None)


def test_values_round_trip_as_json(cached: Any, emulator: Any) -> None:
    value = {"name": "Ada", "tags": ["a", "b"], "n": 1.5, "ok": True, "none": None, "é": "ü"}
    cached.cache.set("user:1", value)
    cached.cache.set("count", 3)
    cached.cache.set("null", None)
    assert cached.cache.get("user:1") == value
    assert cached.cache.get("count") == 3
    assert cached.cache.get("null") is None
    assert cached.cache.has("null") is True
    assert cached.cache.get("absent") is None
    assert cached.cache.get("absent", "fallback") == "fallback"
    assert cached.cache.has("absent") is False
    cached.cache.set("count", [4])
    assert cached.cache.get("count") == [4]
    assert emulator.requests == []  # the cache never talks to Trigger.dev


def test_many_and_delete(cached: Any) -> None:
    cached.cache.set_many({"a": 1, "b": {"x": 2}, "c": "three"})
    assert cached.cache.get_many(["a", "b", "missing", "c"]) == {"a": 1, "b": {"x": 2}, "c": "three"}
    assert cached.cache.get_many([]) == {}
    assert cached.cache.delete("a") is True
    assert cached.cache.delete("a") is False
    assert cached.cache.delete_many(["b", "c", "missing", "b"]) == 2
    assert cached.cache.get_many(["a", "b", "c"]) == {}


def test_set_many_is_all_or_nothing(cached: Any) -> None:
    with pytest.raises(ValidationError) as info:
        cached.cache.set_many({"good": 1, "bad": {1, 2}})
    assert info.value.field == "items['bad']"
    with pytest.raises(ValidationError):
        cached.cache.set_many({"good": 1, "": 2})
    with pytest.raises(ValidationError):
        cached.cache.set_many({"good": 1}, ttl_s=-1)
    assert cached.cache.has("good") is False


def test_set_if_not_exists(cached: Any) -> None:
    assert cached.cache.set_if_not_exists("lock", "worker-1", ttl_s=30) is True
    assert cached.cache.set_if_not_exists("lock", "worker-2", ttl_s=30) is False
    assert cached.cache.get("lock") == "worker-1"
    assert cached.cache.delete("lock") is True
    assert cached.cache.set_if_not_exists("lock", "worker-2") is True
    assert cached.cache.get("lock") == "worker-2"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.cache.set("", 1), "key"),
        (lambda c: c.cache.set(1, 1), "key"),
        (lambda c: c.cache.set("k", float("nan")), "value"),
        (lambda c: c.cache.set("k", object()), "value"),
        (lambda c: c.cache.set("k", 1, ttl_s=0), "ttl_s"),
        (lambda c: c.cache.set("k", 1, ttl_s=float("inf")), "ttl_s"),
        (lambda c: c.cache.set("k", 1, ttl_s=True), "ttl_s"),
        (lambda c: c.cache.set("\ud800", 1), "key"),
        (lambda c: c.cache.get_many("abc"), "keys"),
        (lambda c: c.cache.delete_many(["a", ""]), "keys"),
        (lambda c: c.cache.set_many([("a", 1)]), "items"),
        (lambda c: c.cache.set_if_not_exists("k", 1, ttl_s="10s"), "ttl_s"),
    ],
)
def test_bad_input_is_refused_before_the_store_is_touched(cached: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(cached)
    assert info.value.field == field
    assert cached.cache.has("k") is False


def test_expiry_is_exact_in_the_memory_store(make_client: Any, client_kind: str) -> None:
    clock = FakeClock()
    store = (MemoryStore if client_kind == "sync" else AsyncMemoryStore)(clock=clock)
    client = make_client(cache={"store": store})
    client.cache.set("session", "s1", ttl_s=2)
    client.cache.set_many({"a": 1, "b": 2}, ttl_s=1)
    assert client.cache.set_if_not_exists("lock", "me", ttl_s=1) is True
    clock.now += 0.999
    assert client.cache.get_many(["a", "b", "session"]) == {"a": 1, "b": 2, "session": "s1"}
    assert client.cache.set_if_not_exists("lock", "you", ttl_s=1) is False
    clock.now += 0.001  # one second: gone from this instant
    assert client.cache.get_many(["a", "b", "session"]) == {"session": "s1"}
    assert client.cache.has("lock") is False
    assert client.cache.set_if_not_exists("lock", "you", ttl_s=1) is True
    assert client.cache.delete_many(["a", "b"]) == 0  # expired entries do not count
    clock.now += 1.0
    assert client.cache.get("session") is None
    client.cache.set("session", "s2", ttl_s=5)
    client.cache.set("session", "s3")  # setting again without a ttl removes the expiry
    clock.now += 10_000
    assert client.cache.get("session") == "s3"


def test_expiry_in_redis_is_redis_own(make_client: Any, redis_cache: dict[str, str]) -> None:
    import redis

    client = make_client(cache=redis_cache)
    client.cache.set("short", 1, ttl_s=1)
    client.cache.set_many({"m1": 1}, ttl_s=1.0001)
    assert client.cache.set_if_not_exists("lock", "me", ttl_s=1) is True
    raw = redis.Redis.from_url(redis_cache["url"])
    prefix = redis_cache["prefix"] + "cache:"
    assert 900 < raw.pttl(prefix + "short") <= 1000
    assert 900 < raw.pttl(prefix + "m1") <= 1001  # whole milliseconds, rounded up
    assert 900 < raw.pttl(prefix + "lock") <= 1000
    assert raw.pttl(prefix + "absent") == -2
    client.cache.set("forever", 1)
    assert raw.pttl(prefix + "forever") == -1
    assert client.cache.get("short") == 1
    time.sleep(1.05)
    assert client.cache.get_many(["short", "m1", "lock", "forever"]) == {"forever": 1}
    assert client.cache.set_if_not_exists("lock", "you", ttl_s=1) is True


def test_clients_on_one_redis_share_entries(make_client: Any, redis_cache: dict[str, str]) -> None:
    first, second = make_client(cache=redis_cache), make_client(cache=redis_cache)
    first.cache.set("shared", {"by": "first"})
    assert second.cache.get("shared") == {"by": "first"}
    other_prefix = make_client(cache={**redis_cache, "prefix": redis_cache["prefix"] + "other:"})
    assert other_prefix.cache.has("shared") is False


def test_derived_clients_share_the_store(cached: Any) -> None:
    cached.cache.set("k", 1)
    assert cached.with_options(max_retries=0).cache.get("k") == 1


def test_a_redis_that_cannot_be_reached_is_a_store_error_without_the_password(make_client: Any) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = make_client(cache={"url": f"redis://:hunter2pw@127.0.0.1:{port}/0"})
    with pytest.raises(StoreError) as info:
        client.cache.get("k")
    assert f"the Redis store at redis://127.0.0.1:{port}/0 failed: ConnectionError" in str(info.value)
    target = getattr(client, "unwrapped", client)
    assert "hunter2pw" not in f"{info.value} {info.value!r} {target!r} {target._store!r}"


def test_a_stored_value_that_is_not_json_is_a_store_error(
    make_client: Any, redis_cache: dict[str, str]
) -> None:
    import redis

    client = make_client(cache=redis_cache)
    redis.Redis.from_url(redis_cache["url"]).set(redis_cache["prefix"] + "cache:k", "not json{")
    with pytest.raises(StoreError, match="the stored value of 'k' is not JSON"):
        client.cache.get("k")


@pytest.mark.parametrize(
    ("cache", "message"),
    [
        ({"urll": "redis://x"}, "unknown cache option(s) urll"),
        ({"url": "localhost:6379"}, "cache url must be a Redis URL"),
        ({"url": "http://:pw@localhost:6379"}, "is not a Redis URL"),
        ({"prefix": 1}, "cache prefix must be a string"),
        ({"finished_runs": "yes"}, "cache finished_runs must be True or False"),
        ({"finished_runs_ttl_s": 0}, "cache finished_runs_ttl_s must be > 0, got 0"),
        ({"finished_runs_ttl_s": 1e17}, "cache finished_runs_ttl_s must be at most 3153600000 seconds"),
        ("redis://localhost", "cache must be a mapping"),
    ],
)
def test_bad_cache_options_are_refused(emulator: Any, cache: Any, message: str) -> None:
    for kind in (TriggerClient, AsyncTriggerClient):
        with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
            kind(emulator.api_key, base_url=emulator.url, cache=cache)
        assert info.value.field == "cache"
        assert "pw@" not in str(info.value)


def test_a_redis_url_without_the_redis_package_names_the_extra(
    emulator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(ValidationError, match=r"pip install 'trigger-rest-client\[redis\]'"):
        TriggerClient(emulator.api_key, base_url=emulator.url, cache={"url": "redis://localhost:6379"})


def test_finished_runs_are_answered_from_the_store(
    make_client: Any, emulator: Any, cache_options: Any
) -> None:
    @emulator.task("greet")
    def greet(payload: Any) -> Any:
        return {"hello": payload["name"]}

    client = make_client(cache={**cache_options, "finished_runs": True})
    handle = client.tasks.trigger("greet", {"name": "Ada"})
    polled = client.runs.poll(handle.id, poll_interval_s=0.02, backoff=1.0)
    assert (polled.status, polled.output) == ("COMPLETED", {"hello": "Ada"})
    emulator.clear_requests()
    again = client.runs.retrieve(handle.id)
    assert (again.id, again.status, again.output, again.payload) == (
        handle.id, "COMPLETED", {"hello": "Ada"}, {"name": "Ada"},
    )  # fmt: skip
    assert again.to_dict() == polled.to_dict()
    assert client.runs.poll(handle.id).to_dict() == polled.to_dict()
    assert emulator.requests == []
    # Another credential does not see what this one remembered.
    other = client.with_options(api_key=emulator.api_key + "x")
    with pytest.raises(AuthenticationError):
        other.runs.retrieve(handle.id)
    assert [r.path for r in emulator.requests] == [f"/api/v3/runs/{handle.id}"]


def test_unfinished_runs_and_the_default_are_not_remembered(make_client: Any, emulator: Any) -> None:
    remembering = make_client(cache={"finished_runs": True})
    waiting = remembering.tasks.trigger("not-deployed", 1)
    assert remembering.runs.retrieve(waiting.id).status == "PENDING_VERSION"
    assert remembering.runs.retrieve(waiting.id).status == "PENDING_VERSION"

    @emulator.task("quick")
    def quick(payload: Any) -> Any:
        return payload

    default = make_client()
    done = default.tasks.trigger("quick", 7)
    default.runs.poll(done.id, poll_interval_s=0.02, backoff=1.0)
    default.runs.retrieve(done.id)
    retrieves = [
        r.path for r in emulator.requests if r.method == "GET" and r.path.startswith("/api/v3/runs/")
    ]
    assert retrieves.count(f"/api/v3/runs/{waiting.id}") == 2
    assert retrieves.count(f"/api/v3/runs/{done.id}") >= 2
