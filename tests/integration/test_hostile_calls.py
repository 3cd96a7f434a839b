"""Calls that tried to break the client over the wire: duplicates, deadlines, bad answers, misuse."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

from trigger_client import (
    APIConnectionError,
    APIResponseValidationError,
    RateLimitError,
    TriggerError,
    ValidationError,
    WaitTimeoutError,
)


def test_a_replay_that_may_have_reached_the_server_is_not_sent_twice(client: Any, emulator: Any) -> None:
    original = client.tasks.trigger("not-deployed", {"n": 1})
    emulator.faults.add(action="drop_after_commit", method="POST", path="/api/v1/runs/*/replay", times=1)
    with pytest.raises(APIConnectionError) as info:
        client.runs.replay(original.id)
    assert info.value.attempts == 1
    assert len(list(client.runs.list())) == 2  # the original and exactly one replay


def test_poll_never_outlasts_its_timeout_even_when_the_server_hangs(client: Any, emulator: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.faults.add(action="hang", path="/api/v3/runs/*", times=0)
    started = time.monotonic()
    with pytest.raises(WaitTimeoutError):
        client.runs.poll(handle.id, poll_interval_s=0.05, timeout_s=1.0)
    assert time.monotonic() - started < 3.0


def test_poll_raises_a_rate_limit_longer_than_the_cap(client: Any, emulator: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.faults.add(
        action="rate_limit", reset_form="ms", retry_after=3600, path="/api/v3/runs/*", times=0
    )
    with pytest.raises(RateLimitError) as info:
        client.runs.poll(handle.id, poll_interval_s=0.01, timeout_s=30)
    assert info.value.retry_after == 3600
    assert sum(1 for r in emulator.requests if r.path.startswith("/api/v3/runs/")) == 1


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.tasks.trigger("t", 1, idempotency_key=123), "idempotency_key"),
        (lambda c: c.tasks.trigger("..", 1), "task_id"),
        (lambda c: c.tasks.batch_trigger(None), "items"),
        (lambda c: c.tasks.batch_trigger("abc"), "items"),
        (lambda c: c.tasks.batch_trigger([1, 2]), "items"),
        (lambda c: c.tasks.batch_trigger([{"task_id": "t"}], idempotency_key=7), "idempotency_key"),
        (lambda c: c.runs.list(queue=5), "queue"),
        (lambda c: c.runs.list(tag="team:a,b"), "tag"),
        (lambda c: c.runs.cancel(".."), "run_id"),
        (lambda c: c.batch.retrieve("."), "batch_id"),
    ],
)
def test_bad_arguments_are_refused_before_sending(client: Any, emulator: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.field == field
    assert emulator.requests == []


def test_a_payload_nested_too_deeply_is_refused(client: Any, emulator: Any) -> None:
    payload: Any = []
    for _ in range(100_000):
        payload = [payload]
    with pytest.raises(ValidationError, match="nested too deeply"):
        client.tasks.trigger("t", payload)


def test_a_deeply_nested_success_body_is_a_response_validation_error(client: Any, emulator: Any) -> None:
    body = "[" * 50_000 + "]" * 50_000
    emulator.faults.add(action="status", status=200, body=body, path="/api/v3/runs/*", times=1)
    with pytest.raises(APIResponseValidationError):
        client.runs.retrieve("run_x")


@pytest.mark.parametrize("body", ['{"id": 123}', '{"id": null}'])
def test_a_trigger_answer_without_a_string_id_is_refused(client: Any, emulator: Any, body: str) -> None:
    emulator.faults.add(action="status", status=200, body=body, path="/api/v1/tasks/*", times=1)
    with pytest.raises(APIResponseValidationError):
        client.tasks.trigger("t", 1)


def test_using_a_closed_client_is_a_clear_error(make_client: Any) -> None:
    client = make_client()
    derived = client.with_options(max_retries=0)
    client.close()
    for target in (client, derived):
        with pytest.raises(TriggerError, match="this client is closed"):
            target.runs.retrieve("run_x")


def test_debug_logging_of_every_library_shows_no_token(
    client: Any, emulator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    handle = client.tasks.trigger("not-deployed", 1)
    client.tasks.batch_trigger([{"task_id": "not-deployed"}])
    assert "x-trigger-jwt" in caplog.text  # httpcore logged the response headers...
    assert handle.public_access_token not in caplog.text  # ...without the tokens
    assert "eyJ" not in caplog.text
    assert emulator.api_key not in caplog.text
