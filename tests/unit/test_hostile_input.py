"""Input and answers that tried to break the client: each must become a typed error (or be handled)."""

from __future__ import annotations

import logging
import math
import pickle

import httpx
import pytest

from trigger_client import (
    BatchTriggerError,
    NotFoundError,
    RateLimitError,
    RequestOptions,
    RetryPolicy,
    TriggerClient,
    ValidationError,
    WaitTimeoutError,
)
from trigger_client import _validation as check
from trigger_client._config import resolve_config
from trigger_client._exceptions import decode_error_body, status_error
from trigger_client._redact import RedactingFilter

KEY = "tr_dev_abcdefghijklmnopqrstuvwx"


def rate_limited(headers: dict[str, str], body: bytes = b'{"error":"slow down"}') -> RateLimitError:
    error = status_error(
        status_code=429,
        headers={"content-type": "application/json", **headers},
        content=body,
        method="GET",
        url="http://x/api/v1/runs",
        request_id=None,
        attempts=1,
    )
    assert isinstance(error, RateLimitError)
    return error


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "not-a-number"])
def test_non_numeric_rate_limit_headers_are_ignored(value: str) -> None:
    error = rate_limited(
        {"x-ratelimit-reset": value, "x-ratelimit-limit": value, "x-ratelimit-remaining": value}
    )
    assert (error.reset_at, error.limit, error.remaining) == (None, None, None)


@pytest.mark.parametrize("value", ["1e20", "1e300"])
def test_rate_limit_resets_beyond_any_date_are_ignored(value: str) -> None:
    error = rate_limited({"x-ratelimit-reset": value})
    assert error.reset_at is None
    assert error.retry_after is not None and error.retry_after > 1e10


def test_out_of_range_rate_limit_body_fields_do_not_crash() -> None:
    error = rate_limited({}, b'{"reset": 1e400, "limit": NaN, "remaining": 1e400}')
    assert (error.reset_at, error.limit, error.remaining, error.retry_after) == (None, None, None, None)


def test_a_deeply_nested_error_body_is_kept_as_text() -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    assert decode_error_body(body, "application/json") == body[:2000].decode()


def test_errors_survive_pickling() -> None:
    not_found = status_error(
        status_code=404, headers={}, content=b'{"error":"Not found"}', method="GET", url="http://x/r",
        request_id="req-1", attempts=2,
    )  # fmt: skip
    waited = WaitTimeoutError("too slow", timeout_s=1.5, last_seen={"id": "run_1"})
    batch = BatchTriggerError("part", batches=(), first_failed_index=1000, error=not_found)
    for error in (not_found, rate_limited({"retry-after": "2"}), waited, batch):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (str(copy), copy.__dict__.keys()) == (str(error), error.__dict__.keys())
    assert pickle.loads(pickle.dumps(not_found)).status_code == 404
    assert isinstance(pickle.loads(pickle.dumps(not_found)), NotFoundError)


def test_non_idempotent_calls_retry_only_errors_that_prove_nothing_was_sent() -> None:
    request = httpx.Request("POST", "http://x")
    policy = RetryPolicy()
    assert policy.after_exception(1, httpx.ConnectError("refused", request=request), idempotent=False).retry
    assert policy.after_exception(1, httpx.ConnectTimeout("slow", request=request), idempotent=False).retry
    assert not policy.after_exception(1, httpx.ReadTimeout("slow", request=request), idempotent=False).retry
    assert not policy.after_exception(
        1, httpx.RemoteProtocolError("gone", request=request), idempotent=False
    ).retry


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": -1},
        {"timeout": 0},
        {"timeout": math.nan},
        {"timeout": math.inf},
        {"max_retries": -1},
        {"max_retries": "2"},
        {"retry": "fast"},
        {"extra_headers": {"x-a": 1}},
        {"extra_headers": {"x-a": "v\r\nx-injected: 1"}},
        {"extra_headers": {"bad name": "v"}},
        {"extra_headers": ["x-a"]},
        {"idempotency_key": 5},
        {"idempotency_key": "a\nb"},
    ],
)
def test_bad_request_options_are_validation_errors(options: dict) -> None:
    with pytest.raises(ValidationError):
        RequestOptions.coerce(options)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"api_key": 123},
        {"api_key": KEY + "\r\nX-Evil: 1"},
        {"api_key": "tr_dev_with space"},
        {"base_url": 123},
        {"preview_branch": "é-branch"},
        {"preview_branch": "x\ny"},
        {"timeout": math.nan},
        {"timeout": math.inf},
        {"retry": 5},
        {"default_headers": {"x-a": 1}},
        {"default_headers": {"x-a": "\n"}},
    ],
)
def test_bad_configuration_is_refused_when_the_client_is_made(kwargs: dict) -> None:
    kwargs.setdefault("api_key", KEY)
    with pytest.raises(ValidationError) as info:
        resolve_config(environ={}, **kwargs)
    assert KEY not in info.value.message


@pytest.mark.parametrize("value", [".", "..", "", "run\n1", 12])
def test_ids_that_would_change_the_url_are_refused(value: object) -> None:
    with pytest.raises(ValidationError):
        check.path_segment(value, "run_id")


def test_filter_values_with_commas_are_refused() -> None:
    with pytest.raises(ValidationError, match="contains a comma"):
        check.no_commas(["team:a,b"], "tag")


def test_secrets_in_error_bodies_and_headers_are_redacted() -> None:
    error = status_error(
        status_code=401,
        headers={"content-type": "application/json", "x-echo": f"key={KEY}", "x-other-secret": "sk-custom-9"},
        content=f'{{"error": "bad key {KEY}", "echo": ["{KEY}"], "custom": "sk-custom-9"}}'.encode(),
        method="GET",
        url="http://x/api",
        request_id=None,
        attempts=1,
        secrets=(KEY, "sk-custom-9"),
    )
    text = repr((error.message, error.body, error.headers))
    assert KEY not in text
    assert "sk-custom-9" not in text
    assert error.body == {"error": "bad key <redacted>", "echo": ["<redacted>"], "custom": "<redacted>"}


def test_third_party_debug_lines_lose_their_tokens() -> None:
    record = logging.LogRecord(
        "httpcore.http11", logging.DEBUG, __file__, 1, "headers %r",
        ([(b"x-trigger-jwt", b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")],), None,
    )  # fmt: skip
    assert RedactingFilter().filter(record) is True
    assert "eyJhbGci" not in record.getMessage()
    assert "<redacted>" in record.getMessage()


def test_repr_hides_user_info_in_the_base_url() -> None:
    client = TriggerClient(KEY, base_url="https://proxyuser:proxypass@api.example.com")
    assert "proxypass" not in repr(client)
    client.close()
