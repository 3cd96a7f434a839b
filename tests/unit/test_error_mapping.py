"""Turning any error answer (any status, any body shape) into the right typed error."""

from __future__ import annotations

import datetime
import json

import pytest

from trigger_client import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TriggerAPIError,
    UnprocessableEntityError,
    ValidationError,
)
from trigger_client._exceptions import status_error


def make(
    status: int, body: bytes, content_type: str | None = "application/json", **headers: str
) -> TriggerAPIError:
    all_headers = dict(headers)
    if content_type:
        all_headers["content-type"] = content_type
    return status_error(
        status_code=status,
        headers=all_headers,
        content=body,
        method="GET",
        url="https://api.trigger.dev/api/v3/runs/run_1",
        request_id="req-1",
        attempts=1,
    )


def test_520_with_html_is_a_server_error_keeping_the_text() -> None:
    error = make(520, b"<html>Origin error</html>", "text/html")
    assert type(error) is ServerError
    assert isinstance(error, InternalServerError) and isinstance(error, APIStatusError)
    assert (error.status_code, error.body) == (520, "<html>Origin error</html>")
    assert (
        error.message
        == "520 Unknown Status: HTML body of 25 characters (GET https://api.trigger.dev/api/v3/runs/run_1)"
    )


def test_empty_body_keeps_the_status() -> None:
    error = make(502, b"", None)
    assert (type(error), error.body, error.message) == (
        ServerError,
        None,
        "502 Bad Gateway (GET https://api.trigger.dev/api/v3/runs/run_1)",
    )


def test_body_of_another_shape_is_kept_whole() -> None:
    error = make(404, b'{"message":"Not found"}')
    assert type(error) is NotFoundError
    assert error.body == {"message": "Not found"}
    assert error.message.startswith("404 Not Found: Not found ")


def test_error_object_with_message() -> None:
    error = make(401, b'{"error":{"message":"Invalid API key"}}')
    assert type(error) is AuthenticationError
    assert "Invalid API key" in error.message


@pytest.mark.parametrize(("status", "cls"), [(400, BadRequestError), (422, UnprocessableEntityError)])
def test_400_and_422_are_also_validation_errors(status: int, cls: type[Exception]) -> None:
    error = make(status, b'{"error":"too many tags"}')
    assert type(error) is cls
    assert isinstance(error, ValidationError) and isinstance(error, ValueError)


def test_scope_error_fields() -> None:
    body = {"error": "Unauthorized", "code": "unauthorized", "param": "access_token", "type": "authorization"}
    error = make(403, json.dumps(body).encode())
    assert (error.code, error.param, error.type) == ("unauthorized", "access_token", "authorization")


def test_problem_json_429_exposes_limit_remaining_and_reset() -> None:
    reset_ms = 1_750_000_030_000
    body = {
        "title": "Rate Limit Exceeded",
        "status": 429,
        "type": "https://trigger.dev/docs/limits",
        "detail": "Rate limit exceeded 0/60 requests remaining. Retry in 30 seconds.",
        "reset": reset_ms,
        "limit": 60,
        "remaining": 0,
        "error": "Rate limit exceeded",
    }
    error = status_error(
        status_code=429,
        headers={"content-type": "application/problem+json"},
        content=json.dumps(body).encode(),
        method="GET",
        url="https://api.trigger.dev/api/v1/runs",
        request_id=None,
        attempts=1,
    )
    assert isinstance(error, RateLimitError)
    assert (error.limit, error.remaining) == (60, 0)
    assert error.reset_at == datetime.datetime(2025, 6, 15, 15, 7, 10, tzinfo=datetime.UTC)
    assert "Rate limit exceeded 0/60 requests remaining" in error.message


def test_rate_limit_headers_win_and_retry_after_is_read() -> None:
    error = make(
        429,
        b'{"error":"busy"}',
        **{"x-ratelimit-limit": "1500", "x-ratelimit-remaining": "3", "retry-after": "3600"},
    )
    assert isinstance(error, RateLimitError)
    assert (error.limit, error.remaining, error.retry_after) == (1500, 3, 3600.0)


def test_unlisted_4xx_is_the_base_status_error() -> None:
    error = make(413, b'{"error":"Request body too large"}')
    assert type(error) is TriggerAPIError


def test_secrets_never_reach_messages_or_headers() -> None:
    error = status_error(
        status_code=401,
        headers={"x-trigger-jwt": "eyJhbGciOiJIUzI1NiJ9.e30.sig", "content-type": "application/json"},
        content=b'{"error":"Invalid API key tr_dev_abcdefghijklmnopqrstuvwx"}',
        method="GET",
        url="https://user:pw@api.trigger.dev/api/v1/runs?token=abc",
        request_id=None,
        attempts=1,
        secrets=("tr_dev_abcdefghijklmnopqrstuvwx",),
    )
    text = f"{error} {error!r} {error.headers} {error.url}"
    assert "tr_dev_abcdefghijklmnopqrstuvwx" not in error.message
    assert "eyJhbGciOiJIUzI1NiJ9" not in text
    assert "pw@" not in text and "token=abc" not in text
    assert error.url == "https://api.trigger.dev/api/v1/runs?token=%3Credacted%3E"
