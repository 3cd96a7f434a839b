"""Triggering runs over loopback HTTP against the emulator, with the sync and the async client."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import jwt
import pytest

from trigger_client import NotFoundError, ValidationError


def register_echo(emulator: Any) -> None:
    @emulator.task("echo")
    def echo(payload: Any) -> Any:
        return {"echo": payload}


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")  # real keys are 31 bytes too
def test_trigger_runs_the_task_and_returns_a_handle(client: Any, emulator: Any) -> None:
    register_echo(emulator)
    handle = client.tasks.trigger("echo", {"n": 1}, tags=["a", "b"], metadata={"source": "test"})
    assert handle.id.startswith("run_")
    assert (handle.task_identifier, handle.is_cached) == ("echo", False)
    claims = jwt.decode(
        handle.public_access_token, emulator.api_key, algorithms=["HS256"], audience="https://api.trigger.dev"
    )
    assert claims["scopes"] == [f"read:runs:{handle.id}", f"write:inputStreams:{handle.id}"]
    assert handle.public_access_token not in repr(handle)
    run = client.runs.poll(handle.id, poll_interval_s=0.05, timeout_s=10)
    assert (run.status, run.output, run.payload, sorted(run.tags)) == (
        "COMPLETED",
        {"echo": {"n": 1}},
        {"n": 1},
        ["a", "b"],
    )
    assert run.metadata == {"source": "test"}


def test_trigger_sends_the_protocol_headers(client: Any, emulator: Any) -> None:
    register_echo(emulator)
    client.tasks.trigger("echo", None)
    request = [r for r in emulator.requests if r.path == "/api/v1/tasks/echo/trigger"][-1]
    headers = request.headers
    assert headers["authorization"] == f"Bearer {emulator.api_key}"
    assert headers["x-trigger-api-version"] == "2025-07-16"
    assert headers["trigger-version"] == "4.8.3"
    assert headers["x-trigger-source"] == "sdk"
    assert headers["user-agent"].startswith("trigger-rest-client/0.1.0 ")
    assert uuid.UUID(headers["x-trigger-request-idempotency-key"]).version == 4
    assert "x-trigger-branch" not in headers


def test_each_call_gets_a_fresh_request_idempotency_key(client: Any, emulator: Any) -> None:
    register_echo(emulator)
    client.tasks.trigger("echo", 1)
    client.tasks.trigger("echo", 1)
    keys = [r.headers["x-trigger-request-idempotency-key"] for r in emulator.requests if r.method == "POST"]
    assert len(keys) == 2 and keys[0] != keys[1]


def test_preview_branch_is_sent(make_client: Any, emulator: Any) -> None:
    register_echo(emulator)
    make_client(preview_branch="feature/login").tasks.trigger("echo", 1)
    assert emulator.requests[-1].headers["x-trigger-branch"] == "feature/login"


def test_options_reach_the_server(client: Any, emulator: Any) -> None:
    client.tasks.trigger(
        "not-deployed",
        {"a": 1},
        idempotency_key="order-123",
        idempotency_key_ttl="1h",
        delay="5m",
        ttl="10m",
        tags=["harness", "user:123"],
        queue="harness-queue",
        concurrency_key="user-123",
        machine="small-2x",
        max_attempts=3,
        max_duration=300,
        priority=10,
        region="us-east-1",
    )
    body = json.loads(emulator.requests[-1].body)
    assert body == {
        "payload": {"a": 1},
        "options": {
            "idempotencyKey": "3b6a198e6f182f27b91aa5a8b37ab70d4c54d3889e4a947243c1afd3e718ca66",
            "idempotencyKeyOptions": {"key": "order-123", "scope": "run"},
            "idempotencyKeyTTL": "1h",
            "delay": "5m",
            "ttl": "10m",
            "tags": ["harness", "user:123"],
            "queue": {"name": "harness-queue"},
            "concurrencyKey": "user-123",
            "machine": "small-2x",
            "maxAttempts": 3,
            "maxDuration": 300,
            "priority": 10,
            "region": "us-east-1",
        },
    }


def test_idempotency_key_returns_the_first_run(client: Any, emulator: Any) -> None:
    register_echo(emulator)
    first = client.tasks.trigger("echo", 1, idempotency_key=["order", "42"])
    second = client.tasks.trigger("echo", 2, idempotency_key="order-42")
    assert (second.id, first.is_cached, second.is_cached) == (first.id, False, True)


def test_retried_trigger_never_creates_a_second_run(client: Any, emulator: Any) -> None:
    register_echo(emulator)
    emulator.faults.add(action="drop_after_commit", method="POST", path="/api/v1/tasks/echo/trigger", times=1)
    handle = client.tasks.trigger("echo", {"once": True})
    posts = [r for r in emulator.requests if r.path == "/api/v1/tasks/echo/trigger"]
    assert len(posts) == 2
    assert (
        posts[0].headers["x-trigger-request-idempotency-key"]
        == posts[1].headers["x-trigger-request-idempotency-key"]
    )
    runs = list(client.runs.list(task_identifier="echo"))
    assert [run.id for run in runs] == [handle.id]


def test_unknown_task_waits_for_a_version(client: Any) -> None:
    handle = client.tasks.trigger("nobody-deployed-this", {"x": 1})
    assert client.runs.retrieve(handle.id).status == "PENDING_VERSION"


def test_delay_as_aware_datetime_is_sent_in_utc(client: Any, emulator: Any) -> None:
    start = datetime.datetime(2030, 1, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    handle = client.tasks.trigger("not-deployed", 1, delay=start)
    run = client.runs.retrieve(handle.id)
    assert run.status == "DELAYED"
    assert run.delayed_until == datetime.datetime(2030, 1, 1, 11, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tags": [str(i) for i in range(11)]}, "tags"),
        ({"delay": datetime.datetime(2030, 1, 1)}, "delay"),
        ({"ttl": "ten minutes"}, "ttl"),
        ({"machine": "gigantic"}, "machine"),
    ],
)
def test_invalid_input_is_refused_before_sending(
    client: Any, emulator: Any, kwargs: dict, field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        client.tasks.trigger("echo", {"a": 1}, **kwargs)
    assert info.value.field == field
    assert emulator.requests == []


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"x": float("nan")}, "JSON-serialisable"),
        ({1, 2}, "JSON-serialisable"),
    ],
)
def test_payloads_the_server_cannot_take_are_refused(
    client: Any, emulator: Any, payload: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        client.tasks.trigger("echo", payload)
    assert emulator.requests == []


def test_task_not_found_from_the_server_is_typed(client: Any, emulator: Any) -> None:
    emulator.faults.add(
        action="status", status=404, body='{"error":"Task not found"}', path="/api/v1/tasks/*"
    )
    with pytest.raises(NotFoundError, match="Task not found") as info:
        client.tasks.trigger("echo", 1)
    assert info.value.status_code == 404
    assert info.value.body == {"error": "Task not found"}
