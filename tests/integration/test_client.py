"""Client lifecycle, configuration, derived clients, per-call options and event loops."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from trigger_client import (
    AsyncTriggerClient,
    AuthenticationError,
    TriggerClient,
    ValidationError,
    create_trigger_client,
)


def test_with_options_leaves_the_original_unchanged_and_shares_the_pool(client: Any, emulator: Any) -> None:
    client.tasks.trigger("not-deployed", 1)
    derived = client.with_options(default_headers={"x-extra": "1"}, max_retries=0)
    derived.tasks.trigger("not-deployed", 2)
    client.tasks.trigger("not-deployed", 3)
    headers = [r.headers for r in emulator.requests]
    assert ["x-extra" in h for h in headers] == [False, True, False]
    assert headers[1]["x-extra"] == "1"
    original = getattr(client, "unwrapped", client)
    derived_client = getattr(derived, "unwrapped", derived)
    assert derived_client._http is original._http
    assert (original.retry_policy.max_retries, derived_client.retry_policy.max_retries) == (4, 0)


def test_with_options_api_key_sends_the_other_credential_only_from_the_derived_client(
    client: Any, emulator: Any
) -> None:
    other = client.with_options(api_key="  tr_dev_anotherkeyanotherkey0001 ")
    with pytest.raises(AuthenticationError):
        other.runs.retrieve("run_1", request_options={"max_retries": 0})
    client.tasks.trigger("not-deployed", 1)
    assert [r.headers["authorization"] for r in emulator.requests] == [
        "Bearer tr_dev_anotherkeyanotherkey0001",
        f"Bearer {emulator.api_key}",
    ]
    for bad in ("", "tr_dev_with space", 42):
        with pytest.raises(ValidationError) as info:
            client.with_options(api_key=bad)
        assert info.value.field == "api_key"
    with pytest.raises(ValidationError, match="needs a branch"):
        client.with_options(api_key="tr_preview_abcdefghijklmnopqrstuvwx")


def test_request_options_apply_to_one_call(client: Any, emulator: Any) -> None:
    client.tasks.trigger(
        "not-deployed",
        1,
        request_options={"extra_headers": {"x-call": "yes"}, "idempotency_key": "my-request-1"},
    )
    client.tasks.trigger("not-deployed", 2)
    first, second = emulator.requests
    assert (first.headers["x-call"], first.headers["x-trigger-request-idempotency-key"]) == (
        "yes",
        "my-request-1",
    )
    assert "x-call" not in second.headers


def test_extra_headers_cannot_replace_authorization(client: Any, emulator: Any) -> None:
    client.tasks.trigger(
        "not-deployed", 1, request_options={"extra_headers": {"Authorization": "Bearer other"}}
    )
    assert emulator.requests[0].headers["authorization"] == f"Bearer {emulator.api_key}"


def test_unknown_request_options_are_refused(client: Any) -> None:
    with pytest.raises(ValidationError, match="unknown request option"):
        client.runs.retrieve("run_1", request_options={"retries": 1})


def test_configuration_from_the_environment(monkeypatch: pytest.MonkeyPatch, emulator: Any) -> None:
    monkeypatch.setenv("TRIGGER_SECRET_KEY", emulator.api_key)
    monkeypatch.setenv("TRIGGER_API_URL", emulator.url + "/")
    with create_trigger_client() as client:
        assert client.base_url == emulator.url
        assert client.tasks.trigger("not-deployed", 1).id.startswith("run_")


def test_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRIGGER_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="TRIGGER_SECRET_KEY"):
        TriggerClient()


def test_async_client_survives_a_second_event_loop(emulator: Any) -> None:
    client = AsyncTriggerClient(emulator.api_key, base_url=emulator.url)

    async def trigger_and_read() -> str:
        handle = await client.tasks.trigger("not-deployed", 1)
        return str((await client.runs.retrieve(handle.id)).status)

    assert asyncio.run(trigger_and_read()) == "PENDING_VERSION"
    assert asyncio.run(trigger_and_read()) == "PENDING_VERSION"
    asyncio.run(client.close())


def test_async_context_manager_closes(emulator: Any) -> None:
    async def main() -> bool:
        async with AsyncTriggerClient(emulator.api_key, base_url=emulator.url) as client:
            await client.tasks.trigger("not-deployed", 1)
        return client._http.is_closed

    assert asyncio.run(main()) is True


def test_sync_context_manager_closes(emulator: Any) -> None:
    with TriggerClient(emulator.api_key, base_url=emulator.url) as client:
        client.tasks.trigger("not-deployed", 1)
    assert client._http.is_closed


def test_several_clients_keep_separate_configuration(emulator: Any) -> None:
    with (
        TriggerClient(emulator.api_key, base_url=emulator.url, max_retries=0) as a,
        TriggerClient(emulator.api_key, base_url=emulator.url, default_headers={"x-env": "staging"}) as b,
    ):
        a.tasks.trigger("not-deployed", 1)
        b.tasks.trigger("not-deployed", 2)
        assert (a.retry_policy.max_retries, b.retry_policy.max_retries) == (0, 4)
    assert ["x-env" in r.headers for r in emulator.requests] == [False, True]


def test_no_secret_in_debug_logs(make_client: Any, emulator: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="trigger_client")
    client = make_client()
    emulator.faults.add(action="status", status=503, body='{"error":"busy"}', path="/api/v3/runs/*", times=2)
    handle = client.tasks.trigger("not-deployed", 1)
    client.runs.retrieve(handle.id)
    assert "retrying GET" in caplog.text
    assert emulator.api_key not in caplog.text
    assert handle.public_access_token not in caplog.text
