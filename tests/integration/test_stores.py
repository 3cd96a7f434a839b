"""The two stores behind one protocol, used directly: key listing by prefix (Redis glob characters in a
prefix match only themselves), counts, reprs without passwords, and who closes a store."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from trigger_client import (
    AsyncMemoryStore,
    AsyncRedisStore,
    AsyncStore,
    AsyncTriggerClient,
    CacheOptions,
    MemoryStore,
    RedisStore,
    Store,
    TriggerClient,
    ValidationError,
)


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> Any:
    if request.param == "memory":
        yield MemoryStore()
        return
    options = request.getfixturevalue("redis_cache")
    made = RedisStore(options["url"])
    made.prefix = options["prefix"]
    yield made
    made.close()


def test_the_protocol(store: Any) -> None:
    prefix = getattr(store, "prefix", "")
    assert isinstance(store, Store)
    store.set_many({prefix + "a*b:1": '"x"', prefix + "aXb:1": '"y"', prefix + "a*b:2": "2"}, None)
    assert store.keys(prefix + "a*b:") == [prefix + "a*b:1", prefix + "a*b:2"]
    assert store.keys(prefix + "a[X]b:") == []
    assert store.get_many([prefix + "a*b:2", prefix + "none"]) == ["2", None]
    assert store.add(prefix + "a*b:2", "3", None) is False
    assert store.add(prefix + "new", "3", 5.0) is True
    assert store.delete_many([prefix + "a*b:1", prefix + "a*b:1", prefix + "none"]) == 1
    assert store.get_many([]) == []
    assert store.delete_many([]) == 0
    store.set_many({}, None)


def test_reprs_hide_the_redis_password(redis_url: str) -> None:
    url = redis_url.replace("redis://", "redis://:s3cretpw@")
    assert repr(RedisStore(url)) == f"RedisStore({redis_url!r})"
    assert repr(AsyncRedisStore(url)) == f"AsyncRedisStore({redis_url!r})"
    assert "s3cretpw" not in repr(CacheOptions.coerce({"url": url}))
    assert repr(MemoryStore()) == "MemoryStore(entries=0)"


def test_a_store_you_pass_stays_open_and_shared(emulator: Any) -> None:
    store = MemoryStore()
    with TriggerClient(emulator.api_key, base_url=emulator.url, cache={"store": store}) as first:
        first.cache.set("k", 1)
    with TriggerClient(emulator.api_key, base_url=emulator.url, cache=store) as second:
        assert second.cache.get("k") == 1
    assert store.get_many(["trigger_client:cache:k"]) == ["1"]


def test_the_client_closes_the_redis_store_it_made(emulator: Any, redis_cache: dict[str, str]) -> None:
    import redis

    observer = redis.Redis.from_url(redis_cache["url"])
    before = len(observer.client_list())
    client = TriggerClient(emulator.api_key, base_url=emulator.url, cache=redis_cache)
    client.cache.set("k", 1)
    assert len(observer.client_list()) == before + 1
    client.close()
    assert len(observer.client_list()) == before
    observer.close()

    async def main() -> None:
        async with AsyncTriggerClient(emulator.api_key, base_url=emulator.url, cache=redis_cache) as aclient:
            assert isinstance(aclient._store, AsyncStore)
            assert await aclient.cache.get("k") == 1

    asyncio.run(main())


def test_async_memory_store() -> None:
    async def main() -> list[Any]:
        store = AsyncMemoryStore()
        await store.set_many({"p:a": "1", "q:b": "2"}, None)
        return [await store.keys("p:"), await store.add("p:a", "x", None), await store.get_many(["p:a"])]

    assert asyncio.run(main()) == [["p:a"], False, ["1"]]


def test_a_store_of_the_other_kind_is_refused(emulator: Any) -> None:
    with pytest.raises(
        ValidationError,
        match=r"must have the methods .* as coroutine functions, like AsyncMemoryStore; get_many is not",
    ):
        AsyncTriggerClient(emulator.api_key, base_url=emulator.url, cache={"store": MemoryStore()})
    with pytest.raises(
        ValidationError, match=r"as plain \(not async\) functions, like MemoryStore; get_many is not"
    ):
        TriggerClient(emulator.api_key, base_url=emulator.url, cache=AsyncMemoryStore())

    class Partial:
        def get_many(self, keys: Any) -> Any: ...
        def set_many(self, items: Any, ttl_s: Any) -> None: ...
        def add(self, key: Any, value: Any, ttl_s: Any) -> bool: ...

    with pytest.raises(ValidationError, match="delete_many is not") as info:
        TriggerClient(emulator.api_key, base_url=emulator.url, cache=Partial())
    assert info.value.field == "cache"
