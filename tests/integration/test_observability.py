"""Metrics, the error hook, logging, retry control, raw responses and configuration of a live client."""

from __future__ import annotations

import logging
import warnings
from typing import Any

import pytest

from trigger_client import (
    NotFoundError,
    RawResponse,
    RequestMetric,
    RetryPolicy,
    ServerError,
    TriggerError,
    ValidationError,
)


def test_every_request_is_recorded_with_its_route(make_client: Any, emulator: Any) -> None:
    client = make_client(metrics={"enabled": True, "history_size": 50})
    handle = client.tasks.trigger("not-deployed", 1)
    emulator.faults.add(action="status", status=503, body='{"error":"busy"}', path="/api/v3/runs/*", times=1)
    client.runs.retrieve(handle.id)
    history = client.get_metrics_history()
    assert [(m.method, m.route, m.status_code, m.attempt, m.retries, m.success) for m in history] == [
        ("POST", "/api/v1/tasks/{taskIdentifier}/trigger", 200, 1, 0, True),
        ("GET", "/api/v3/runs/{runId}", 503, 1, 0, False),
        ("GET", "/api/v3/runs/{runId}", 200, 2, 1, True),
    ]
    assert history[1].error_type == "ServerError"
    assert history[1].request_id == history[2].request_id != history[0].request_id
    assert history[1].url == f"{emulator.url}/api/v3/runs/{handle.id}"
    assert all(m.duration_ms > 0 for m in history)
    stats = client.get_performance_stats()
    assert (stats.total, stats.successful, stats.failed) == (3, 2, 1)
    assert stats.by_route["GET /api/v3/runs/{runId}"].total == 2
    client.reset_metrics()
    assert client.get_metrics_history() == []


def test_transport_errors_are_recorded_without_a_status(make_client: Any, emulator: Any) -> None:
    client = make_client(metrics=True, max_retries=0)
    emulator.faults.add(action="drop", path="/api/v3/runs/*", times=1)
    with pytest.raises(TriggerError):
        client.runs.retrieve("run_x")
    (record,) = client.get_metrics_history()
    assert (record.status_code, record.success, record.error_type) == (None, False, "RemoteProtocolError")


def test_history_size_bounds_the_history(make_client: Any) -> None:
    client = make_client(metrics={"enabled": True, "history_size": 2})
    ids = [client.tasks.trigger("not-deployed", n).id for n in range(3)]
    client.runs.retrieve(ids[0])
    assert [m.route for m in client.get_metrics_history()] == [
        "/api/v1/tasks/{taskIdentifier}/trigger",
        "/api/v3/runs/{runId}",
    ]


def test_hooks_that_raise_do_not_change_the_result(
    make_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[RequestMetric] = []

    def telemetry(metric: RequestMetric) -> None:
        seen.append(metric)
        raise RuntimeError("collector down")

    def on_error(error: TriggerError) -> None:
        raise ValueError("reporter down")

    client = make_client(
        metrics={"enabled": True, "telemetry_hook": telemetry}, error_hook=on_error, max_retries=0
    )
    handle = client.tasks.trigger("not-deployed", 1)
    assert handle.id.startswith("run_")
    with pytest.raises(NotFoundError):
        client.runs.retrieve("run_missing")
    assert len(seen) == 2
    assert "the telemetry hook raised RuntimeError" in caplog.text
    assert "the error hook raised ValueError: reporter down (ignored)" in caplog.text


def test_the_error_hook_sees_every_error_once(make_client: Any, emulator: Any) -> None:
    errors: list[TriggerError] = []
    client = make_client(error_hook=errors.append, max_retries=0)
    with pytest.raises(NotFoundError):
        client.runs.retrieve("run_missing")
    emulator.faults.add(action="status", status=500, body="<html>x</html>", content_type="text/html", times=1)
    with pytest.raises(ServerError):
        client.tasks.trigger("t", 1)
    assert [(type(e).__name__, e.status_code) for e in errors] == [
        ("NotFoundError", 404),
        ("ServerError", 500),
    ]
    assert emulator.api_key not in repr([e.__dict__ for e in errors])


def test_disable_and_enable_retries_at_run_time(make_client: Any, emulator: Any) -> None:
    client = make_client()
    emulator.faults.add(action="status", status=503, body="{}", path="/api/v3/runs/*", times=0)
    client.disable_retries()
    with pytest.raises(ServerError) as info:
        client.runs.retrieve("run_x")
    assert info.value.attempts == 1
    client.enable_retries(max_retries=2, base_delay_s=0.01)
    with pytest.raises(ServerError) as info:
        client.runs.retrieve("run_x")
    assert info.value.attempts == 3
    with pytest.raises(ValidationError, match="invalid retry policy"):
        client.enable_retries(max_delays=3)


def test_raw_response_carries_status_headers_and_request_id(client: Any, emulator: Any) -> None:
    raw = client.with_raw_response.tasks.trigger("not-deployed", 1)
    assert isinstance(raw, RawResponse)
    assert raw.parsed.id.startswith("run_")
    assert (raw.status_code, raw.attempts) == (200, 1)
    assert raw.request_id == emulator.requests[-1].headers["x-trigger-request-idempotency-key"]
    assert raw.headers["x-trigger-jwt"] == raw.parsed.public_access_token
    assert raw.parsed.public_access_token not in repr(raw)
    limit, remaining, reset_at = raw.rate_limit
    assert isinstance(limit, int) and isinstance(remaining, int) and reset_at is not None
    run = client.with_raw_response.runs.retrieve(raw.parsed.id)
    assert (run.parsed.id, run.status_code) == (raw.parsed.id, 200)


def test_logging_option_prints_debug_lines_without_secrets(
    make_client: Any, emulator: Any, capfd: Any
) -> None:
    logger = logging.getLogger("trigger_client")
    before = (logger.level, list(logger.handlers))
    try:
        make_client(logging={"enabled": True, "level": "debug"}).tasks.trigger("not-deployed", 1)
        err = capfd.readouterr().err
        assert "DEBUG trigger_client: POST" in err
        assert emulator.api_key not in err
    finally:
        logger.setLevel(before[0])
        logger.handlers[:] = before[1]


def test_logging_option_is_checked(make_client: Any) -> None:
    with pytest.raises(ValidationError, match="unknown log level"):
        make_client(logging="loud")


def test_a_base_url_with_an_api_suffix_is_trimmed_with_a_warning(make_client: Any, emulator: Any) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = make_client(base_url=emulator.url + "/api/v4")
    assert "ends with an API path" in str(caught[0].message)
    assert client.tasks.trigger("not-deployed", 1).id.startswith("run_")
    assert emulator.requests[-1].path == "/api/v1/tasks/not-deployed/trigger"


def test_clients_with_different_keys_share_no_metrics(emulator: Any) -> None:
    from trigger_client import TriggerClient

    with (
        TriggerClient(emulator.api_key, base_url=emulator.url, metrics=True) as a,
        TriggerClient(
            "tr_dev_otherotherotherotherother",
            base_url=emulator.url,
            metrics=True,
            retry=RetryPolicy.disabled(),
        ) as b,
    ):
        a.tasks.trigger("not-deployed", 1)
        with pytest.raises(TriggerError):
            b.tasks.trigger("not-deployed", 1)
        assert [m.status_code for m in a.get_metrics_history()] == [200]
        assert [m.status_code for m in b.get_metrics_history()] == [401]
    assert [
        r.headers["authorization"].endswith(k[-6:])
        for r, k in zip(emulator.requests, [emulator.api_key, "herother"], strict=True)
    ] == [True, True]


def test_the_error_hook_sees_input_refused_before_sending(make_client: Any, emulator: Any) -> None:
    errors: list[TriggerError] = []
    client = make_client(error_hook=errors.append)
    with pytest.raises(ValidationError):
        client.tasks.trigger("t", 1, tags=[str(n) for n in range(11)])
    with pytest.raises(ValidationError):
        client.runs.list(page_size=0)
    assert [(type(e).__name__, e.field) for e in errors] == [
        ("ValidationError", "tags"),
        ("ValidationError", "page_size"),
    ]
    assert emulator.requests == []
