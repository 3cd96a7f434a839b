"""Cancellation from another thread and of async tasks, your own httpx client, and clean-up at exit."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Generator
from typing import Any

import httpx
import pytest

from trigger_client import (
    AsyncTriggerClient,
    RequestCancelledError,
    RetryPolicy,
    ServerError,
    TriggerClient,
    ValidationError,
    create_cancellable_request,
    is_cancel,
)


def cancel_later(cancel: Any, after_s: float, reason: str) -> threading.Timer:
    timer = threading.Timer(after_s, cancel, args=(reason,))
    timer.start()
    return timer


def test_a_call_blocked_on_the_network_is_cancelled_from_another_thread(client: Any, emulator: Any) -> None:
    emulator.faults.add(action="hang", path="/api/v3/runs/*", times=0)
    token, cancel = create_cancellable_request()
    cancel_later(cancel, 0.3, "user left")
    started = time.monotonic()
    with pytest.raises(RequestCancelledError) as info:
        client.runs.retrieve("run_x", request_options={"cancel_token": token})
    assert time.monotonic() - started < 2.0
    assert info.value.reason == "user left"
    assert is_cancel(info.value)
    assert not is_cancel(ValueError("x"))


def test_a_call_in_a_retry_back_off_is_cancelled(make_client: Any, emulator: Any) -> None:
    client = make_client(retry=RetryPolicy(base_delay_s=30, jitter=False))
    emulator.faults.add(action="status", status=503, body="{}", path="/api/v3/runs/*", times=0)
    token, cancel = create_cancellable_request()
    cancel_later(cancel, 0.3, "shutting down")
    started = time.monotonic()
    with pytest.raises(RequestCancelledError, match="shutting down"):
        client.runs.retrieve("run_x", request_options={"cancel_token": token})
    assert time.monotonic() - started < 2.0
    assert sum(1 for r in emulator.requests if r.path.startswith("/api/v3/runs/")) == 1


def test_polling_is_cancelled(client: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    token, cancel = create_cancellable_request()
    cancel_later(cancel, 0.3, "enough")
    started = time.monotonic()
    with pytest.raises(RequestCancelledError):
        client.runs.poll(handle.id, poll_interval_s=10, timeout_s=60, request_options={"cancel_token": token})
    assert time.monotonic() - started < 2.0


def test_an_already_cancelled_token_sends_nothing(client: Any, emulator: Any) -> None:
    token, cancel = create_cancellable_request()
    cancel("too late")
    cancel("second reason is ignored")
    with pytest.raises(RequestCancelledError, match="too late"):
        client.tasks.trigger("t", 1, request_options={"cancel_token": token})
    assert emulator.requests == []


def test_cancel_token_must_be_a_token(client: Any) -> None:
    with pytest.raises(ValidationError, match="cancel_token"):
        client.runs.retrieve("run_x", request_options={"cancel_token": object()})


def test_cancelling_an_async_task_leaves_no_open_connection(emulator: Any) -> None:
    emulator.faults.add(action="hang", path="/api/v3/runs/*", times=1)

    async def main() -> int:
        async with AsyncTriggerClient(emulator.api_key, base_url=emulator.url) as client:
            task = asyncio.create_task(client.runs.retrieve("run_x"))
            await asyncio.sleep(0.3)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            pool = client._http._transport._inner._pool  # the default pool of this loop
            open_connections = len(pool._pool.connections)
            await client.tasks.trigger("not-deployed", 1)  # the client is still usable
            return open_connections

    assert asyncio.run(main()) == 0


def test_your_own_httpx_client_keeps_its_event_hooks(emulator: Any) -> None:
    hook_log: list[str] = []
    own = httpx.Client(
        event_hooks={
            "request": [lambda request: hook_log.append(f"request {request.method} {request.url.path}")],
            "response": [lambda response: hook_log.append(f"response {response.status_code}")],
        }
    )
    with TriggerClient(emulator.api_key, base_url=emulator.url, http_client=own, metrics=True) as client:
        handle = client.tasks.trigger("not-deployed", 1)
        emulator.faults.add(action="status", status=503, body="{}", path="/api/v3/runs/*", times=1)
        client.with_options(retry=RetryPolicy(base_delay_s=0.01)).runs.retrieve(handle.id)
        assert [m.status_code for m in client.get_metrics_history()] == [200, 503, 200]
    assert hook_log == [
        "request POST /api/v1/tasks/not-deployed/trigger",
        "response 200",
        f"request GET /api/v3/runs/{handle.id}",
        "response 503",
        f"request GET /api/v3/runs/{handle.id}",
        "response 200",
    ]
    assert emulator.requests[0].headers["authorization"] == f"Bearer {emulator.api_key}"
    assert not own.is_closed  # the user's client stays theirs
    own.close()


def test_a_token_refreshing_auth_on_your_client_works(emulator: Any) -> None:
    class RefreshOn401(httpx.Auth):
        def __init__(self) -> None:
            self.refreshes = 0

        def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
            request.headers["authorization"] = "Bearer tr_dev_expiredexpiredexpiredexpired"
            response = yield request
            if response.status_code == 401:
                self.refreshes += 1
                request.headers["authorization"] = f"Bearer {emulator.api_key}"
                yield request

    auth = RefreshOn401()
    with (
        httpx.Client(auth=auth) as own,
        TriggerClient("tr_dev_placeholder", base_url=emulator.url, http_client=own) as client,
    ):
        assert client.tasks.trigger("not-deployed", 1).id.startswith("run_")
    assert auth.refreshes == 1


@pytest.mark.parametrize("bad", [httpx.AsyncClient(), "client"])
def test_the_wrong_kind_of_http_client_is_refused(bad: Any) -> None:
    with pytest.raises(ValidationError, match="http_client"):
        TriggerClient("tr_dev_x", http_client=bad)


def test_async_client_takes_your_async_httpx_client(emulator: Any) -> None:
    seen: list[int] = []

    async def on_response(response: httpx.Response) -> None:
        seen.append(response.status_code)

    async def main() -> None:
        async with httpx.AsyncClient(event_hooks={"response": [on_response]}) as own:
            async with AsyncTriggerClient(emulator.api_key, base_url=emulator.url, http_client=own) as client:
                await client.tasks.trigger("not-deployed", 1)
            assert not own.is_closed

    asyncio.run(main())
    assert seen == [200]


def test_aclose_is_close_for_the_async_client(emulator: Any) -> None:
    async def main() -> bool:
        client = AsyncTriggerClient(emulator.api_key, base_url=emulator.url)
        await client.aclose()
        return client._http.is_closed

    assert asyncio.run(main()) is True


def test_dispose_realtime_with_no_open_feed_closes_nothing(client: Any) -> None:
    assert client.dispose_realtime() == 0
    assert client.dispose_websocket() == 0


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_dispose_on_exit_runs_on_sigterm_and_chains_the_old_handler(tmp_path: Any, kind: str) -> None:
    marker = tmp_path / "closed"
    script = textwrap.dedent(
        f"""
        import os, signal, sys, time
        from trigger_client import AsyncTriggerClient, TriggerClient
        def previous(signum, frame):
            open({str(marker)!r} + ".previous", "w").write("ran")
            sys.exit(0)
        signal.signal(signal.SIGTERM, previous)
        cls = {"TriggerClient" if kind == "sync" else "AsyncTriggerClient"}
        client = cls("tr_dev_exitexitexitexitexitexit", base_url="http://127.0.0.1:9")
        original_close = client.close
        if cls is TriggerClient:
            def close():
                original_close(); open({str(marker)!r}, "w").write("closed")
        else:
            async def close():
                await original_close(); open({str(marker)!r}, "w").write("closed")
        client.close = close
        client.dispose_on_exit()
        print("ready", flush=True)
        time.sleep(30)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    process.terminate()
    assert process.wait(10) == 0
    assert marker.read_text() == "closed"
    assert (tmp_path / "closed.previous").read_text() == "ran"


def test_removing_the_exit_hooks_restores_the_handlers(client: Any) -> None:
    import signal

    before = signal.getsignal(signal.SIGTERM)
    remove = client.dispose_on_exit()
    assert signal.getsignal(signal.SIGTERM) is not before
    remove()
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_server_error_is_not_a_cancellation(make_client: Any, emulator: Any) -> None:
    emulator.faults.add(action="status", status=500, body="{}", times=1)
    with pytest.raises(ServerError) as info:
        make_client(max_retries=0).tasks.trigger("t", 1)
    assert not is_cancel(info.value)
