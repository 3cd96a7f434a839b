"""Triggering runs: answers, tokens, idempotency, validation and authentication, over raw HTTP."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import jwt
import pytest

from trigger_api.models.retrieve_run_response import RetrieveRunResponse
from trigger_api.models.trigger_task_response import TriggerTaskResponse
from trigger_client.emulator import Emulator, TaskContext

from .helpers import assert_no_nulls, retrieve, trigger, wait_for_status


def test_trigger_runs_the_handler_and_the_run_completes_with_its_output(
    emu: Emulator, api: httpx.Client
) -> None:
    @emu.task("hello-world")
    def hello(payload: dict[str, Any]) -> dict[str, Any]:
        return {"greeting": "hi " + payload["name"]}

    response = api.post(
        "/api/v1/tasks/hello-world/trigger",
        json={"payload": {"name": "Ada"}, "options": {"tags": ["b", "a"], "metadata": {"source": "test"}}},
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "isCached"} and body["isCached"] is False
    assert body["id"].startswith("run_") and len(body["id"]) == 29
    TriggerTaskResponse.from_dict(body)
    emu.wait_for_idle()
    run = retrieve(api, body["id"])
    assert_no_nulls(run)
    RetrieveRunResponse.from_dict(run)
    assert (run["status"], run["output"], run["payload"]) == (
        "COMPLETED",
        {"greeting": "hi Ada"},
        {"name": "Ada"},
    )
    assert (run["isCompleted"], run["isSuccess"], run["isFailed"], run["isQueued"]) == (
        True,
        True,
        False,
        False,
    )
    assert (run["attemptCount"], run["attempts"], run["relatedRuns"]) == (1, [], {"children": []})
    assert (run["tags"], run["metadata"], run["ttl"]) == (["a", "b"], {"source": "test"}, "10m")
    assert (run["triggerFunction"], run["depth"], run["costInCents"], run["baseCostInCents"]) == (
        "trigger",
        0,
        0,
        0,
    )
    for field in ("createdAt", "updatedAt", "startedAt", "finishedAt"):
        assert len(run[field]) == 24 and run[field].endswith("Z") and run[field][19] == "."
    assert "error" not in run and "delayedUntil" not in run and "batchId" not in run


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")  # real keys are 31 bytes
def test_trigger_answer_carries_a_run_token_and_rate_limit_headers(emu: Emulator, api: httpx.Client) -> None:
    response = api.post("/api/v1/tasks/anything/trigger", json={"payload": 1})
    run_id = response.json()["id"]
    claims = jwt.decode(
        response.headers["x-trigger-jwt"],
        emu.api_key.encode(),
        algorithms=["HS256"],
        audience="https://api.trigger.dev",
        issuer="https://id.trigger.dev",
    )
    assert claims["sub"] == emu.environment_id and claims["pub"] is True
    assert claims["scopes"] == [f"read:runs:{run_id}", f"write:inputStreams:{run_id}"]
    assert claims["exp"] - claims["iat"] == 3600
    header_claims = json.loads(response.headers["x-trigger-jwt-claims"])
    assert (header_claims["sub"], header_claims["pub"]) == (emu.environment_id, True)
    assert response.headers["x-ratelimit-limit"] == "750"
    assert int(response.headers["x-ratelimit-remaining"]) >= 0
    assert int(response.headers["x-ratelimit-reset"]) > 10**12  # epoch milliseconds


def test_handler_gets_a_context_and_its_metadata_changes_are_saved(emu: Emulator, api: httpx.Client) -> None:
    seen: dict[str, Any] = {}

    @emu.task("with-ctx")
    def with_ctx(payload: Any, ctx: TaskContext) -> str:
        seen.update(run_id=ctx.run_id, task_id=ctx.task_id, attempt=ctx.attempt, tags=ctx.tags)
        ctx.metadata["progress"] = 1.0
        return "ok"

    run_id = trigger(api, "with-ctx", None, tags=["t"], metadata={"a": 1})
    emu.wait_for_idle()
    assert seen == {"run_id": run_id, "task_id": "with-ctx", "attempt": 1, "tags": ["t"]}
    run = retrieve(api, run_id)
    assert (run["metadata"], run["output"]) == ({"a": 1, "progress": 1.0}, "ok")
    assert "payload" not in run  # no payload was sent


def test_async_handlers_run(emu: Emulator, api: httpx.Client) -> None:
    @emu.task("async-task")
    async def async_task(payload: int) -> int:
        return payload + 1

    run_id = trigger(api, "async-task", 41)
    emu.wait_for_idle()
    assert retrieve(api, run_id)["output"] == 42


def test_a_failing_handler_is_retried_until_failed(emu: Emulator, api: httpx.Client) -> None:
    emu.retry_delay_s = 0.01
    calls: list[int] = []

    @emu.task("always-fails", max_attempts=3)
    def always_fails(payload: Any, ctx: TaskContext) -> None:
        calls.append(ctx.attempt)
        raise ValueError("card declined")

    run_id = trigger(api, "always-fails", {})
    emu.wait_for_idle()
    run = retrieve(api, run_id)
    assert calls == [1, 2, 3]
    assert (run["status"], run["attemptCount"], run["isFailed"], run["isCompleted"]) == (
        "FAILED",
        3,
        True,
        True,
    )
    assert (run["error"]["name"], run["error"]["message"]) == ("ValueError", "card declined")
    assert "card declined" in run["error"]["stackTrace"]
    assert "output" not in run
    # The run's own maxAttempts wins over the task's default.
    calls.clear()
    trigger(api, "always-fails", {}, maxAttempts=1)
    emu.wait_for_idle()
    assert calls == [1]


def test_a_retry_can_succeed(emu: Emulator, api: httpx.Client) -> None:
    emu.retry_delay_s = 0.01

    @emu.task("flaky")
    def flaky(payload: Any, ctx: TaskContext) -> int:
        if ctx.attempt == 1:
            raise ConnectionError("first attempt always fails")
        return ctx.attempt

    run_id = trigger(api, "flaky")
    emu.wait_for_idle()
    run = retrieve(api, run_id)
    assert (run["status"], run["output"], run["attemptCount"]) == ("COMPLETED", 2, 2)
    assert "error" not in run


def test_request_idempotency_key_replays_the_first_run_without_a_second(
    emu: Emulator, api: httpx.Client
) -> None:
    headers = {"x-trigger-request-idempotency-key": "8b0a7c52-6b5e-4e44-9c1d-0f0e6a7b8c9d"}
    first = api.post("/api/v1/tasks/t/trigger", json={"payload": 1}, headers=headers)
    second = api.post("/api/v1/tasks/t/trigger", json={"payload": 2}, headers=headers)
    assert first.json() == second.json() == {"id": first.json()["id"], "isCached": False}
    assert second.headers["x-trigger-jwt"]
    other_task = api.post("/api/v1/tasks/other/trigger", json={"payload": 1}, headers=headers)
    assert other_task.json()["id"] != first.json()["id"]  # the key is scoped to the task
    runs = api.get("/api/v1/runs").json()["data"]
    assert sorted(run["id"] for run in runs) == sorted([first.json()["id"], other_task.json()["id"]])
    # 24 hours later the key no longer deduplicates.
    emu.advance(24 * 3600 + 1)
    third = api.post("/api/v1/tasks/t/trigger", json={"payload": 3}, headers=headers)
    assert third.json()["id"] != first.json()["id"]


def test_options_idempotency_key_returns_the_cached_run(emu: Emulator, api: httpx.Client) -> None:
    options = {"idempotencyKey": "order-42", "idempotencyKeyTTL": "60s"}
    first = api.post("/api/v1/tasks/t/trigger", json={"payload": 1, "options": options}).json()
    second = api.post("/api/v1/tasks/t/trigger", json={"payload": 2, "options": options}).json()
    assert (first["isCached"], second) == (False, {"id": first["id"], "isCached": True})
    elsewhere = api.post("/api/v1/tasks/u/trigger", json={"payload": 1, "options": options}).json()
    assert elsewhere["isCached"] is False
    assert retrieve(api, first["id"])["idempotencyKey"] == "order-42"
    emu.advance(61)  # the key's TTL has passed
    third = api.post("/api/v1/tasks/t/trigger", json={"payload": 3, "options": options}).json()
    assert (third["isCached"], third["id"] != first["id"]) == (False, True)


def test_retrieve_shows_the_user_key_when_its_options_were_sent(api: httpx.Client) -> None:
    hashed = "3b6a198e6f182f27b91aa5a8b37ab70d4c54d3889e4a947243c1afd3e718ca66"
    options = {"idempotencyKey": hashed, "idempotencyKeyOptions": {"key": "order-123", "scope": "run"}}
    run_id = trigger(api, "t", 1, **options)
    assert retrieve(api, run_id)["idempotencyKey"] == "order-123"
    assert api.get("/api/v1/runs").json()["data"][0]["idempotencyKey"] == hashed


def test_a_failed_run_releases_its_idempotency_key(emu: Emulator, api: httpx.Client) -> None:
    run_id = trigger(api, "t", 1, idempotencyKey="k")
    emu.set_run_status(run_id, "FAILED")
    again = api.post("/api/v1/tasks/t/trigger", json={"options": {"idempotencyKey": "k"}}).json()
    assert (again["isCached"], again["id"] != run_id) == (False, True)


def test_unknown_task_waits_in_pending_version_until_a_handler_is_registered(
    emu: Emulator, api: httpx.Client
) -> None:
    run_id = trigger(api, "deployed-later", {"n": 3})
    run = retrieve(api, run_id)
    assert (run["status"], run["isQueued"], run["isExecuting"]) == ("PENDING_VERSION", True, False)
    emu.register_task("deployed-later", lambda payload: payload["n"] * 2)
    emu.wait_for_idle()
    assert (retrieve(api, run_id)["status"], retrieve(api, run_id)["output"]) == ("COMPLETED", 6)


def test_running_runs_report_executing(emu: Emulator, api: httpx.Client) -> None:
    release = threading.Event()

    @emu.task("blocked")
    def blocked(payload: Any) -> str:
        release.wait(5)
        return "done"

    run_id = trigger(api, "blocked")
    try:
        run = wait_for_status(api, run_id, "EXECUTING")
        assert (run["isExecuting"], run["attemptCount"], "startedAt" in run) == (True, 1, True)
    finally:
        release.set()
    emu.wait_for_idle()


@pytest.mark.parametrize(
    ("body", "headers", "status", "error"),
    [
        (b"", {}, 400, "Request body is empty"),
        (b"{not json", {}, 400, "Invalid JSON"),
        (b"null", {}, 400, "Invalid JSON"),
        (
            b'{"options": {"machine": "gigantic"}}',
            {},
            400,
            "Validation error: Invalid enum value. Expected 'micro' | 'small-1x' | 'small-2x' | 'medium-1x' | "
            "'medium-2x' | 'large-1x' | 'large-2x', received 'gigantic' at \"options.machine\"",
        ),
        (
            b'{"options": {"maxAttempts": "3"}}',
            {},
            400,
            'Validation error: Expected number, received string at "options.maxAttempts"',
        ),
        (
            json.dumps({"options": {"tags": ["x" * 129]}}).encode(),
            {},
            400,
            'Validation error: Tags must be less than 128 characters at "options.tags[0]"',
        ),
        (
            json.dumps({"options": {"tags": [str(n) for n in range(11)]}}).encode(),
            {},
            422,
            "Runs can only have 10 tags, you're trying to set 11.",
        ),
        (b"{}", {"content-length": str(3 * 1024 * 1024 + 1)}, 413, "Request body too large"),
    ],
)
def test_trigger_refusals(
    api: httpx.Client, body: bytes, headers: dict[str, str], status: int, error: str
) -> None:
    if "content-length" in headers:
        body = b" " * (3 * 1024 * 1024 + 1)
    response = api.post("/api/v1/tasks/t/trigger", content=body, headers={"content-type": "application/json"})
    assert (response.status_code, response.json()) == (status, {"error": error})
    assert response.headers["content-type"].startswith("application/json")


def test_trigger_without_content_length_is_413(api: httpx.Client) -> None:
    def chunks() -> Any:
        yield b'{"payload": 1}'

    response = api.post("/api/v1/tasks/t/trigger", content=chunks())
    assert "content-length" not in response.request.headers
    assert (response.status_code, response.json()) == (413, {"error": "Request body too large"})


def test_authentication(emu: Emulator) -> None:
    with httpx.Client(base_url=emu.url) as client:
        missing = client.get("/api/v1/runs")
        assert missing.status_code == 401
        assert missing.headers["content-type"].startswith("application/problem+json")
        assert missing.json()["error"] == "No authorization header provided"
        wrong = client.get(
            "/api/v1/runs", headers={"Authorization": "Bearer tr_dev_wrongwrongwrongwrongwrong"}
        )
        assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid API key"})
        assert wrong.headers["x-ratelimit-limit"] == "750"
        empty = client.get("/api/v1/runs", headers={"Authorization": ""})
        assert (empty.status_code, empty.json()["title"]) == (401, "Unauthorized")
        unknown = client.get("/api/v9/nothing", headers={"Authorization": f"Bearer {emu.api_key}"})
        assert (unknown.status_code, unknown.json()) == (404, {"error": "Not found"})
        wrong_method = client.get("/api/v3/batches", headers={"Authorization": f"Bearer {emu.api_key}"})
        assert (wrong_method.status_code, wrong_method.json()) == (405, {"error": "Method not allowed"})
