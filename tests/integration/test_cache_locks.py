"""``cache.set_if_not_exists`` as a lock under contention: 8 threads (sync client), 8 tasks (async client),
on the memory store and on a real Redis, and 2 processes on one Redis: every key has exactly one winner."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import threading
import time
from typing import Any

import pytest

from trigger_client import AsyncTriggerClient, TriggerClient

KEYS = [f"job-{n}" for n in range(40)]


@pytest.fixture(params=["memory", "redis"])
def cache_options(request: pytest.FixtureRequest) -> dict[str, Any] | None:
    return None if request.param == "memory" else dict(request.getfixturevalue("redis_cache"))


def test_eight_threads_one_winner_per_key(emulator: Any, cache_options: Any) -> None:
    with TriggerClient(emulator.api_key, base_url=emulator.url, cache=cache_options) as client:
        start = threading.Barrier(8)
        wins: dict[int, list[str]] = {}

        def contend(worker: int) -> None:
            start.wait()
            wins[worker] = [key for key in KEYS if client.cache.set_if_not_exists(key, worker, ttl_s=60)]

        threads = [threading.Thread(target=contend, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        won = sorted(key for keys in wins.values() for key in keys)
        assert won == sorted(KEYS)  # each key won once, by exactly one thread
        holders = client.cache.get_many(KEYS)
        assert {key: holders[key] for key in KEYS} == {
            key: worker for worker, keys in wins.items() for key in keys
        }


def test_eight_tasks_one_winner_per_key(emulator: Any, cache_options: Any) -> None:
    async def main() -> list[list[str]]:
        async with AsyncTriggerClient(emulator.api_key, base_url=emulator.url, cache=cache_options) as client:

            async def contend(worker: int) -> list[str]:
                won = []
                for key in KEYS:
                    if await client.cache.set_if_not_exists(key, worker, ttl_s=60):
                        won.append(key)
                    await asyncio.sleep(0)
                return won

            return list(await asyncio.gather(*(contend(n) for n in range(8))))

    results = asyncio.run(main())
    assert sorted(key for won in results for key in won) == sorted(KEYS)


PROCESS = textwrap.dedent(
    """
    import json, sys, time
    from trigger_client import TriggerClient

    url, prefix, start, worker = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    keys = json.loads(sys.argv[5])
    with TriggerClient("tr_dev_lock", base_url="http://127.0.0.1:9", cache={"url": url, "prefix": prefix}) as c:
        c.cache.get("warm-up")  # connect before the start
        time.sleep(max(0.0, start - time.time()))
        print(json.dumps([k for k in keys if c.cache.set_if_not_exists(k, worker, ttl_s=60)]))
    """
)


def test_two_processes_on_one_redis_one_winner_per_key(redis_cache: dict[str, str]) -> None:
    keys = [f"{key}-{round_}" for round_ in range(5) for key in KEYS]
    start = time.time() + 1.5
    common = [redis_cache["url"], redis_cache["prefix"], str(start)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", PROCESS, *common, name, json.dumps(keys)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    wins = [json.loads(process.communicate(timeout=60)[0]) for process in processes]
    assert [process.returncode for process in processes] == [0, 0]
    assert sorted(wins[0] + wins[1]) == sorted(keys)
    assert set(wins[0]).isdisjoint(wins[1])
    with TriggerClient("tr_dev_lock", base_url="http://127.0.0.1:9", cache=redis_cache) as client:
        holders = client.cache.get_many(keys)
    assert holders == {**dict.fromkeys(wins[0], "first"), **dict.fromkeys(wins[1], "second")}
