"""RetryPolicy decisions: the server's rules, backoff, and capped server-requested waits."""

from __future__ import annotations

import httpx
import pytest

from trigger_client import RetryPolicy, ValidationError

NOW = 1_750_000_000.0
POLICY = RetryPolicy(jitter=False)


def test_defaults_follow_the_official_sdk() -> None:
    assert POLICY.max_retries == 4
    assert [POLICY.backoff_s(n) for n in range(1, 5)] == pytest.approx([1.0, 1.6, 2.56, 4.096])


def test_backoff_is_capped_by_max_delay() -> None:
    assert RetryPolicy(jitter=False, max_delay_s=2.0).backoff_s(4) == 2.0


def test_jitter_keeps_waits_between_75_and_100_percent() -> None:
    policy = RetryPolicy(jitter=True)
    assert policy.backoff_s(2, rand=lambda: 0.0) == pytest.approx(1.6)
    assert policy.backoff_s(2, rand=lambda: 1.0) == pytest.approx(1.2)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 520, 599])
def test_retryable_statuses(status: int) -> None:
    decision = POLICY.after_response(1, status, {}, NOW)
    assert decision.retry is True
    assert decision.wait_s == pytest.approx(1.0)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 413, 422])
def test_client_errors_are_not_retried(status: int) -> None:
    assert POLICY.after_response(1, status, {}, NOW).retry is False


@pytest.mark.parametrize("status", [408, 409, 500, 502, 503, 520])
def test_a_call_that_is_not_idempotent_is_not_sent_again_after_an_error_status(status: int) -> None:
    decision = POLICY.after_response(1, status, {}, NOW, idempotent=False)
    assert (decision.retry, decision.reason) == (
        False,
        f"status {status} may come after the work was done: this call is not sent twice",
    )


def test_a_call_that_is_not_idempotent_is_retried_after_a_429_or_when_the_server_says_so() -> None:
    assert POLICY.after_response(1, 429, {}, NOW, idempotent=False).retry is True
    assert POLICY.after_response(1, 500, {"x-should-retry": "true"}, NOW, idempotent=False).retry is True


def test_should_retry_true_retries_a_404() -> None:
    assert POLICY.after_response(1, 404, {"x-should-retry": "true"}, NOW).retry is True


def test_should_retry_false_forbids_retrying_a_500() -> None:
    decision = POLICY.after_response(1, 500, {"x-should-retry": "false"}, NOW)
    assert (decision.retry, decision.reason) == (False, "the server said x-should-retry: false")


def test_no_retry_after_the_last_attempt() -> None:
    assert POLICY.after_response(4, 500, {}, NOW).retry is True
    assert POLICY.after_response(5, 500, {}, NOW).retry is False


def test_retry_after_seconds_is_honoured_exactly() -> None:
    decision = POLICY.after_response(1, 429, {"retry-after": "2"}, NOW)
    assert (decision.retry, decision.wait_s) == (True, 2.0)


def test_retry_after_longer_than_the_cap_stops_at_once() -> None:
    decision = POLICY.after_response(1, 429, {"retry-after": "3600"}, NOW)
    assert decision.retry is False
    assert "3600" in decision.reason


def test_rate_limit_reset_in_epoch_milliseconds() -> None:
    reset_ms = int((NOW + 3.5) * 1000)
    decision = POLICY.after_response(1, 429, {"x-ratelimit-reset": str(reset_ms)}, NOW)
    assert decision.wait_s == pytest.approx(3.5)


def test_rate_limit_reset_in_epoch_seconds() -> None:
    decision = POLICY.after_response(1, 429, {"x-ratelimit-reset": str(int(NOW + 7))}, NOW)
    assert decision.wait_s == pytest.approx(7.0)


def test_rate_limit_reset_in_the_past_falls_back_to_backoff() -> None:
    decision = POLICY.after_response(2, 429, {"x-ratelimit-reset": str(int((NOW - 5) * 1000))}, NOW)
    assert decision.wait_s == pytest.approx(1.6)


def test_retry_after_as_http_date() -> None:
    decision = POLICY.after_response(1, 503, {"retry-after": "Sun, 15 Jun 2025 15:06:50 GMT"}, 1749999990.0)
    assert decision.wait_s == pytest.approx(20.0)


def test_custom_retryable_statuses_and_server_errors_off() -> None:
    policy = RetryPolicy(retryable_status_codes={425}, retry_server_errors=False, jitter=False)
    assert policy.after_response(1, 425, {}, NOW).retry is True
    assert policy.after_response(1, 429, {}, NOW).retry is False
    assert policy.after_response(1, 503, {}, NOW).retry is False


def test_connection_errors_are_retried_but_not_local_bugs() -> None:
    request = httpx.Request("GET", "http://x")
    assert POLICY.after_exception(1, httpx.ConnectError("refused", request=request)).retry is True
    assert POLICY.after_exception(1, httpx.ReadTimeout("slow", request=request)).retry is True
    assert POLICY.after_exception(1, httpx.RemoteProtocolError("closed", request=request)).retry is True
    assert POLICY.after_exception(1, httpx.UnsupportedProtocol("ftp", request=request)).retry is False
    no_retry = RetryPolicy(retry_connection_errors=False)
    assert no_retry.after_exception(1, httpx.ConnectError("refused", request=request)).retry is False


def test_policy_is_immutable_and_replace_returns_a_copy() -> None:
    changed = POLICY.replace(max_retries=0)
    assert (POLICY.max_retries, changed.max_retries) == (4, 0)
    with pytest.raises(AttributeError):
        POLICY.max_retries = 1  # type: ignore[misc]


def test_negative_values_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"^max_retries must be an int >= 0, got -1$"):
        RetryPolicy(max_retries=-1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"max_retries": "3"}, "^max_retries must be an int >= 0, got '3'$"),
        ({"max_retries": 1.5}, "^max_retries must be an int >= 0, got 1.5$"),
        ({"max_retries": True}, "^max_retries must be an int >= 0, got True$"),
        ({"base_delay_s": None}, "^base_delay_s must be a number of seconds, got None$"),
        ({"max_retry_after_s": float("nan")}, "^max_retry_after_s must be a number of seconds, got nan$"),
        ({"max_delay_s": float("inf")}, "^max_delay_s must be a number of seconds, got inf$"),
        ({"base_delay_s": 10**400}, "^base_delay_s must be a number of seconds, got 1000"),
        ({"jitter": "yes"}, "^jitter must be a bool, got 'yes'$"),
        ({"retryable_status_codes": None}, "^retryable_status_codes must be a set of statuses, got None$"),
        (
            {"retryable_status_codes": [408, 700]},
            r"^retryable_status_codes must hold HTTP statuses \(100 to 599\)",
        ),
    ],
)
def test_a_policy_of_the_wrong_types_is_refused(fields: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        RetryPolicy(**fields)
