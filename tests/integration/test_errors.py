"""Faults on the wire become the right typed errors, after the right number of attempts."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from trigger_client import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BatchItem,
    NotFoundError,
    RateLimitError,
    RetryPolicy,
    ServerError,
)

RUNS = "/api/v3/runs/*"


def attempts_on(emulator: Any, prefix: str) -> int:
    return sum(1 for r in emulator.requests if r.path.startswith(prefix))


def test_520_with_html_becomes_a_server_error_after_the_retries(client: Any, emulator: Any) -> None:
    emulator.faults.add(
        action="status",
        status=520,
        body="<html>Web server is down</html>",
        content_type="text/html",
        path=RUNS,
        times=0,
    )
    with pytest.raises(ServerError) as info:
        client.runs.retrieve("run_x")
    error = info.value
    assert (error.status_code, error.body, error.attempts) == (520, "<html>Web server is down</html>", 5)
    assert attempts_on(emulator, "/api/v3/runs/") == 5


def test_a_transient_502_is_retried_to_success(client: Any, emulator: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.faults.add(
        action="status",
        status=502,
        body="<html>Bad Gateway</html>",
        content_type="text/html",
        path=RUNS,
        times=2,
    )
    assert client.runs.retrieve(handle.id).id == handle.id
    assert attempts_on(emulator, "/api/v3/runs/") == 3


def test_429_with_an_hour_retry_after_raises_at_once(client: Any, emulator: Any) -> None:
    emulator.faults.add(action="rate_limit", reset_form="ms", retry_after=3600, path=RUNS, times=1)
    started = time.monotonic()
    with pytest.raises(RateLimitError) as info:
        client.runs.retrieve("run_x")
    assert info.value.retry_after == 3600
    assert attempts_on(emulator, "/api/v3/runs/") == 1
    assert time.monotonic() - started < 5


def test_429_problem_json_exposes_limit_remaining_and_reset(make_client: Any, emulator: Any) -> None:
    client = make_client(max_retries=0)
    emulator.faults.add(action="rate_limit", reset_form="ms", reset_in_s=30, path=RUNS, times=1)
    before = time.time()
    with pytest.raises(RateLimitError) as info:
        client.runs.retrieve("run_x")
    error = info.value
    assert error.remaining == 0
    assert isinstance(error.limit, int) and error.limit > 0
    assert before + 25 < error.reset_at.timestamp() < before + 35
    assert error.body["title"] == "Rate Limit Exceeded"
    assert error.headers["content-type"].startswith("application/problem+json")


def test_429_with_a_short_reset_is_waited_out(client: Any, emulator: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.faults.add(action="rate_limit", reset_form="ms", reset_in_s=0.3, path=RUNS, times=1)
    assert client.runs.retrieve(handle.id).id == handle.id
    assert attempts_on(emulator, "/api/v3/runs/") == 2


def test_x_should_retry_false_means_exactly_one_request(client: Any, emulator: Any) -> None:
    emulator.faults.add(
        action="status", status=500, body='{"error":"Something went wrong"}', headers={"x-should-retry": "false"},
        path="/api/v3/batches", times=0,
    )  # fmt: skip
    with pytest.raises(ServerError, match="Something went wrong") as info:
        client.tasks.batch_trigger([BatchItem("t", 1)])
    assert (info.value.attempts, len(emulator.requests)) == (1, 1)


def test_a_404_marked_retryable_is_retried(client: Any, emulator: Any) -> None:
    with pytest.raises(NotFoundError, match="Not found") as info:
        client.runs.retrieve("run_doesnotexist")
    assert info.value.attempts == 5


def test_a_404_of_another_shape_is_still_not_found(client: Any, emulator: Any) -> None:
    emulator.faults.add(action="status", status=404, body='{"message":"Not found"}', path=RUNS, times=1)
    with pytest.raises(NotFoundError) as info:
        client.runs.retrieve("run_x")
    assert info.value.body == {"message": "Not found"}
    assert "Not found" in info.value.message


def test_a_silent_server_gives_a_timeout_in_bounded_time(make_client: Any, emulator: Any) -> None:
    client = make_client(timeout=0.5, retry=RetryPolicy(max_retries=1, base_delay_s=0.01, jitter=False))
    emulator.faults.add(action="hang", path=RUNS, times=0)
    started = time.monotonic()
    with pytest.raises(APITimeoutError) as info:
        client.runs.retrieve("run_x")
    elapsed = time.monotonic() - started
    assert info.value.attempts == 2
    assert 0.9 < elapsed < 5


def test_a_per_call_timeout_wins(client: Any, emulator: Any) -> None:
    emulator.faults.add(action="hang", path=RUNS, times=0)
    with pytest.raises(APITimeoutError):
        client.runs.retrieve("run_x", request_options={"timeout": 0.2, "max_retries": 0})
    assert attempts_on(emulator, "/api/v3/runs/") == 1


def test_a_dropped_connection_is_retried_then_reported(client: Any, emulator: Any) -> None:
    emulator.faults.add(action="drop", path=RUNS, times=0)
    with pytest.raises(APIConnectionError) as info:
        client.runs.retrieve("run_x")
    assert not isinstance(info.value, APITimeoutError)
    assert info.value.attempts == 5
    assert info.value.method == "GET" and info.value.url.endswith("/api/v3/runs/run_x")


def test_a_dropped_connection_then_success(client: Any, emulator: Any) -> None:
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.faults.add(action="drop", path=RUNS, times=1)
    assert client.runs.retrieve(handle.id).id == handle.id


def test_connection_refused(make_client: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = make_client(base_url=f"http://127.0.0.1:{port}", max_retries=1)
    with pytest.raises(APIConnectionError, match="failed to connect") as info:
        client.runs.retrieve("run_x")
    assert info.value.attempts == 2


@pytest.mark.parametrize("body", ["", "<html>maintenance</html>", '{"unexpected": true}'])
def test_a_success_status_with_a_wrong_body_is_a_response_validation_error(
    client: Any, emulator: Any, body: str
) -> None:
    emulator.faults.add(action="status", status=200, body=body, path=RUNS, times=1)
    with pytest.raises(APIResponseValidationError) as info:
        client.runs.retrieve("run_x")
    assert (info.value.status_code, info.value.body) == (200, body)
    assert info.value.url.endswith("/api/v3/runs/run_x")


def test_a_wrong_key_is_an_authentication_error_without_the_key_in_it(make_client: Any) -> None:
    key = "tr_dev_thisisnottherightkey000000"
    with pytest.raises(AuthenticationError) as info:
        make_client(api_key=key).runs.retrieve("run_x")
    error = info.value
    assert error.status_code == 401
    assert key not in f"{error} {error!r} {error.headers} {error.body} {error.url}"
