"""Speed and memory of the client, measured side by side with raw httpx against the same local server.

Run: ``scripts/bench`` (or ``python benchmarks/bench_client.py``). Prints one line per measurement; the
README reports a run. Nothing here is asserted: numbers depend on the machine.

Measurements:
* per-call time of ``client.runs.retrieve`` vs a raw ``httpx.Client`` GET + ``json()`` of the same URL;
* async: triggers at concurrency 32 with ``AsyncTriggerClient`` vs raw ``httpx.AsyncClient`` POSTs;
* batch: 10,000 items through ``tasks.batch_trigger`` (10 NDJSON bodies), items per second;
* iterating every run of a long list page by page: peak memory (tracemalloc) stays flat;
* ``import trigger_client`` time in a fresh interpreter, next to ``import httpx``;
* the cache: ``get``/``set``/``set_if_not_exists`` on the memory store and on a local Redis (when
  ``redis-server`` is on PATH), and what context metadata adds to a trigger;
* AI tools: ``create_tool`` (schema checks included), ``validate``, ``to_openai`` and ``list_tools``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from trigger_client import AsyncTriggerClient, BatchItem, TriggerClient
from trigger_client.emulator import DEFAULT_API_KEY


@dataclasses.dataclass(frozen=True)
class Server:
    """Where the benchmarked server listens."""

    url: str
    api_key: str


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """Median seconds of one call of ``fn`` over ``repeat`` calls (after 20 warm-up calls)."""
    for _ in range(20):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_retrieve(emu: Server, repeat: int = 500) -> None:
    with TriggerClient(emu.api_key, base_url=emu.url) as client:
        run_id = client.tasks.trigger("bench-none", {"n": 1}).id
        ours = timed(lambda: client.runs.retrieve(run_id), repeat)
    headers = {"authorization": f"Bearer {emu.api_key}", "x-trigger-api-version": "2025-07-16"}
    with httpx.Client(base_url=emu.url, headers=headers) as raw:
        theirs = timed(lambda: raw.get(f"/api/v3/runs/{run_id}").json(), repeat)
    print(
        f"runs.retrieve: client {ours * 1e3:.2f} ms/call, raw httpx {theirs * 1e3:.2f} ms/call, "
        f"overhead {(ours - theirs) * 1e3:+.2f} ms ({ours / theirs:.2f}x)"
    )


def bench_concurrent_triggers(emu: Server, total: int = 2000, concurrency: int = 32) -> None:
    async def with_client() -> float:
        async with AsyncTriggerClient(emu.api_key, base_url=emu.url) as client:
            sem = asyncio.Semaphore(concurrency)

            async def one(n: int) -> None:
                async with sem:
                    await client.tasks.trigger("bench-none", {"n": n})

            start = time.perf_counter()
            await asyncio.gather(*(one(n) for n in range(total)))
            return time.perf_counter() - start

    async def with_raw() -> float:
        headers = {"authorization": f"Bearer {emu.api_key}", "x-trigger-api-version": "2025-07-16"}
        async with httpx.AsyncClient(base_url=emu.url, headers=headers) as raw:
            sem = asyncio.Semaphore(concurrency)

            async def one(n: int) -> None:
                async with sem:
                    (await raw.post("/api/v1/tasks/bench-none/trigger", json={"payload": {"n": n}})).json()

            start = time.perf_counter()
            await asyncio.gather(*(one(n) for n in range(total)))
            return time.perf_counter() - start

    ours = asyncio.run(with_client())
    theirs = asyncio.run(with_raw())
    print(
        f"{total} triggers at concurrency {concurrency}: client {total / ours:.0f}/s, raw httpx {total / theirs:.0f}/s"
    )


def bench_batch(emu: Server, items: int = 10_000) -> None:
    batch = [BatchItem("bench-none", {"n": n}) for n in range(items)]
    with TriggerClient(emu.api_key, base_url=emu.url) as client:
        start = time.perf_counter()
        result = client.tasks.batch_trigger(batch)
        elapsed = time.perf_counter() - start
    print(
        f"batch_trigger of {items} items in {len(result)} batches: {elapsed:.2f} s ({items / elapsed:.0f} items/s)"
    )


def bench_iteration_memory(emu: Server, runs: int = 6000) -> None:
    with TriggerClient(emu.api_key, base_url=emu.url) as client:
        client.tasks.batch_trigger([BatchItem("bench-none", n) for n in range(runs)])
        tracemalloc.start()
        held = []
        for count, _run in enumerate(client.runs.list(page_size=100), start=1):
            if count % 1000 == 0:
                held.append(tracemalloc.get_traced_memory()[0] / 1024)
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
    print(
        f"iterating {count} runs (100 per page): memory held after each 1000 runs "
        f"{', '.join(f'{kib:.0f}' for kib in held)} KiB; peak {peak:.0f} KiB"
    )


def bench_import() -> None:
    def import_ms(module: str) -> float:
        code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        samples = [
            float(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(5)
        ]
        return statistics.median(samples) * 1e3

    print(
        f"import time: httpx {import_ms('httpx'):.0f} ms, trigger_client {import_ms('trigger_client'):.0f} ms"
    )


@contextlib.contextmanager
def emulator_process() -> Iterator[Server]:
    """The emulator in its own process (so that its work and memory are not counted as the client's)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cli = [sys.executable, "-c", "from trigger_client.cli import main; main()"]
    process = subprocess.Popen([*cli, "emulator", "--port", str(port)], stdout=subprocess.DEVNULL)
    server = Server(url=f"http://127.0.0.1:{port}", api_key=DEFAULT_API_KEY)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(server.url + "/api/v1/runs", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        process.wait(10)


def bench_official_sdk(emu: Server) -> None:
    """The same measurements with the official TypeScript SDK (skipped without node and the SDK)."""
    root = pathlib.Path(__file__).resolve().parent.parent
    modules = root / "tests" / "conformance" / "node_modules"
    if shutil.which("node") is None or not (modules / "@trigger.dev" / "sdk").exists():
        print("official SDK: skipped (needs node and `npm ci` in tests/conformance)")
        return
    script = root / "benchmarks" / "bench_official_sdk.mjs"
    link = modules.parent / "bench_official_sdk.mjs"  # resolved next to node_modules
    shutil.copyfile(script, link)
    try:
        env = {**os.environ, "TRIGGER_API_URL": emu.url, "TRIGGER_SECRET_KEY": emu.api_key}
        print(
            subprocess.run(["node", str(link)], env=env, capture_output=True, text=True, check=True).stdout,
            end="",
        )
    finally:
        link.unlink()


@contextlib.contextmanager
def redis_process() -> Iterator[str | None]:
    """A throwaway redis-server on a free port (its URL), or None when there is none on PATH."""
    server = shutil.which("redis-server")
    if server is None:
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    try:
        import redis

        url = f"redis://127.0.0.1:{port}/0"
        for _ in range(200):
            with contextlib.suppress(redis.ConnectionError):
                redis.Redis.from_url(url).ping()
                break
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def _time_cache(client: TriggerClient, repeat: int) -> tuple[float, float, float]:
    """Median seconds of ``cache.set``, ``cache.get`` and ``cache.set_if_not_exists`` (on new keys)."""
    value = {"user": "user_42", "plan": "pro", "seats": 12}
    counter = iter(range(10**9))
    return (
        timed(lambda: client.cache.set("bench", value, ttl_s=60), repeat),
        timed(lambda: client.cache.get("bench"), repeat),
        timed(lambda: client.cache.set_if_not_exists(f"lock-{next(counter)}", 1, ttl_s=60), repeat),
    )


def bench_cache(emu: Server, repeat: int = 2000) -> None:
    with redis_process() as redis_url:
        stores: dict[str, Any] = {"memory": None}
        if redis_url:
            stores["redis"] = {"url": redis_url}
        for name, cache in stores.items():
            with TriggerClient(emu.api_key, base_url=emu.url, cache=cache) as client:
                set_s, get_s, nx_s = _time_cache(client, repeat)
            print(
                f"cache ({name}): set {set_s * 1e6:.1f} µs, get {get_s * 1e6:.1f} µs, "
                f"set_if_not_exists {nx_s * 1e6:.1f} µs"
            )
    with TriggerClient(emu.api_key, base_url=emu.url) as client:
        bare = timed(lambda: client.tasks.trigger("bench-none", {"n": 1}), 1000)
        for key in ("user", "org", "source"):
            client.metadata.set(key, f"{key}-value")
        with_context = timed(lambda: client.tasks.trigger("bench-none", {"n": 1}), 1000)
    print(
        f"tasks.trigger: {bare * 1e3:.2f} ms/call, with 3 context metadata entries {with_context * 1e3:.2f} "
        f"ms/call ({(with_context - bare) * 1e6:+.0f} µs)"
    )


TOOL_PARAMETERS = {
    "type": "object",
    "properties": {
        "to": {"type": "string", "format": "email"},
        "subject": {"type": "string", "maxLength": 200},
        "priority": {"type": "integer", "minimum": 1, "maximum": 5},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
    },
    "required": ["to", "subject"],
}


def bench_ai_tools(emu: Server, repeat: int = 2000) -> None:
    arguments = {"to": "ada@example.com", "subject": "Welcome", "priority": 2, "tags": ["a", "b"]}
    with TriggerClient(emu.api_key, base_url=emu.url) as client:
        create = timed(
            lambda: client.ai.create_tool(
                "bench-none", "send_email", "Send an email.", TOOL_PARAMETERS, replace=True
            ),
            repeat // 4,
        )
        tool = client.ai.retrieve_tool("send_email")
        validate = timed(lambda: tool.validate(arguments), repeat)
        export = timed(tool.to_openai, repeat)
        listed = timed(client.ai.list_tools, repeat // 4)
    print(
        f"AI tools: create_tool {create * 1e6:.0f} µs, validate {validate * 1e6:.0f} µs, "
        f"to_openai {export * 1e6:.1f} µs, list_tools (1 tool) {listed * 1e6:.0f} µs"
    )


def main() -> None:
    # "bench-none" has no handler: its runs wait in PENDING_VERSION, so the server does no task work.
    with emulator_process() as server:
        bench_retrieve(server)
        bench_concurrent_triggers(server)
        bench_batch(server)
        bench_cache(server)
        bench_ai_tools(server)
    with emulator_process() as server:
        bench_official_sdk(server)
    with emulator_process() as server:
        bench_iteration_memory(server)
    bench_import()


if __name__ == "__main__":
    main()
