"""Waitpoint tokens over loopback: create (timeouts, idempotency keys with a TTL, tags), list with filters
and pages, retrieve with the output decoded, complete with the secret key or the token's public access
token, complete through the callback URL, timeouts on the emulator's clock, refusal of bad input before
sending, and the requests the official SDK sends for the same calls."""

from __future__ import annotations

import datetime
import json
import re
import time
from typing import Any

import jwt
import pytest
from sdk_wire import assert_matches_sdk

from trigger_client import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    ValidationError,
    WaitpointToken,
    WaitpointTokenHandle,
)

UTC = datetime.UTC
SDK_TOKEN = "waitpoint_hrns000000000000000000001"


def _claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def test_create_token_with_every_option_matches_the_official_sdk(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token(
        timeout="1h", idempotency_key="approval-123", idempotency_key_ttl="1d", tags=["harness", "approval"]
    )
    assert_matches_sdk(emulator.requests[0], "wait.createToken #93")
    assert isinstance(token, WaitpointTokenHandle)
    assert re.fullmatch(r"waitpoint_c[0-9a-z]{24}", token.id)
    assert token.is_cached is False
    pattern = rf"{re.escape(emulator.url)}/api/v1/waitpoints/tokens/{token.id}/callback/[0-9a-f]{{64}}"
    assert re.fullmatch(pattern, token.url)
    claims = _claims(token.public_access_token)
    assert (claims["scopes"], claims["sub"], claims["exp"] - claims["iat"]) == (
        [f"write:waitpoints:{token.id}"],
        emulator.environment_id,
        24 * 3600,
    )
    assert token.public_access_token not in repr(token) and token.url not in repr(token)
    again = client.waitpoints.create_token(idempotency_key="approval-123")
    assert (again.id, again.is_cached) == (token.id, True)


def test_create_token_without_options_matches_the_official_sdk(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token()
    assert_matches_sdk(emulator.requests[0], "wait.createToken (no options) #94")
    retrieved = client.waitpoints.retrieve_token(token.id)
    assert (retrieved.status, retrieved.timeout_at, retrieved.idempotency_key, retrieved.tags) == (
        "WAITING",
        None,
        None,
        [],
    )


def test_timeouts_are_sent_as_the_server_reads_them(client: Any, emulator: Any) -> None:
    at = datetime.datetime(2099, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    client.waitpoints.create_token(timeout=at)
    client.waitpoints.create_token(timeout=datetime.timedelta(minutes=90), idempotency_key_ttl=60, tags="one")
    bodies = [json.loads(request.body) for request in emulator.requests]
    assert bodies == [
        {"timeout": "2099-01-02T01:04:05.000Z"},
        {"timeout": "5400s", "idempotencyKeyTTL": "60s", "tags": ["one"]},
    ]


def test_idempotency_key_returns_the_same_token_until_its_ttl_ends(client: Any, emulator: Any) -> None:
    first = client.waitpoints.create_token(idempotency_key="order-1", idempotency_key_ttl="1h")
    assert client.waitpoints.create_token(idempotency_key="order-1").id == first.id
    emulator.advance(3601)
    second = client.waitpoints.create_token(idempotency_key="order-1", idempotency_key_ttl="1h")
    assert (second.id != first.id, second.is_cached) == (True, False)
    both = [token.id for token in client.waitpoints.list_tokens(idempotency_key="order-1")]
    assert both == [second.id, first.id]
    assert client.waitpoints.retrieve_token(first.id).idempotency_key == "order-1"


def test_list_tokens_with_filters_matches_the_official_sdk(client: Any, emulator: Any) -> None:
    wanted = client.waitpoints.create_token(
        timeout="1h", idempotency_key="approval-123", tags=["harness", "a"]
    )
    client.waitpoints.create_token(tags=["harness"])  # another key
    client.waitpoints.create_token(idempotency_key="approval-123-other", tags=["harness"])
    emulator.clear_requests()
    found = list(
        client.waitpoints.list_tokens(
            status=["WAITING", "COMPLETED"],
            idempotency_key="approval-123",
            tags="harness",
            period="1d",
            page_size=20,
        )
    )
    assert_matches_sdk(emulator.requests[0], "wait.listTokens (filters) #95")
    assert [(token.id, str(token.status), token.idempotency_key, token.tags) for token in found] == [
        (wanted.id, "WAITING", "approval-123", ["a", "harness"])
    ]
    assert found[0].url == wanted.url


def test_list_tokens_from_to_matches_the_official_sdk(client: Any, emulator: Any) -> None:
    client.waitpoints.create_token()
    emulator.clear_requests()
    found = list(
        client.waitpoints.list_tokens(
            from_=datetime.datetime(2025, 6, 1, tzinfo=UTC), to=datetime.datetime(2025, 6, 2, tzinfo=UTC)
        )
    )
    assert_matches_sdk(emulator.requests[0], "wait.listTokens (from/to) #96")
    assert found == []
    assert len(list(client.waitpoints.list_tokens(from_=1748736000000))) == 1


def test_list_tokens_walks_cursor_pages_newest_first(client: Any, emulator: Any) -> None:
    ids = [client.waitpoints.create_token().id for _ in range(5)]
    assert [token.id for token in client.waitpoints.list_tokens(page_size=2)] == list(reversed(ids))
    pages = list(client.waitpoints.list_tokens(page_size=2).pages())
    assert [len(page.data) for page in pages] == [2, 2, 1]
    assert pages[1].previous_cursor is not None
    back = client.waitpoints.list_tokens(page_size=2, before=pages[1].previous_cursor).first_page()
    assert [token.id for token in back.data] == [ids[4], ids[3]]


def test_retrieve_and_complete_match_the_official_sdk(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token(timeout="1h", tags=["harness"])
    emulator.clear_requests()
    waiting = client.waitpoints.retrieve_token(token.id)
    assert_matches_sdk(emulator.requests[0], "wait.retrieveToken #97", {SDK_TOKEN: token.id})
    assert (waiting.status, waiting.output, waiting.error, waiting.completed_at) == (
        "WAITING",
        None,
        None,
        None,
    )
    assert waiting.timeout_at is not None and waiting.timeout_at > waiting.created_at
    emulator.clear_requests()
    assert client.waitpoints.complete_token(token.id, {"approved": True, "by": "harness"}) is True
    assert_matches_sdk(emulator.requests[0], "wait.completeToken #98", {SDK_TOKEN: token.id})
    done = client.waitpoints.retrieve_token(token.id)
    assert isinstance(done, WaitpointToken)
    assert (done.status, done.output, done.output_type, done.error) == (
        "COMPLETED",
        {"approved": True, "by": "harness"},
        "application/super+json",
        None,
    )
    assert done.completed_at is not None and done.raw.output == '{"json":{"approved":true,"by":"harness"}}'
    assert client.waitpoints.complete_token(token.id, {"second": True}) is True  # already completed
    assert client.waitpoints.retrieve_token(token.id).output == {"approved": True, "by": "harness"}


def test_complete_with_a_string_or_without_data(client: Any, emulator: Any) -> None:
    text = client.waitpoints.create_token()
    client.waitpoints.complete_token(text.id, "approved")
    retrieved = client.waitpoints.retrieve_token(text.id)
    assert (retrieved.output, retrieved.output_type) == ("approved", "text/plain")
    empty = client.waitpoints.create_token()
    client.waitpoints.complete_token(empty.id)
    assert json.loads(emulator.requests[-1].body) == {}
    retrieved = client.waitpoints.retrieve_token(empty.id)
    assert (retrieved.status, retrieved.output, retrieved.output_type) == (
        "COMPLETED",
        None,
        "application/json",
    )


def test_complete_with_the_tokens_public_access_token(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token()
    other = client.waitpoints.create_token()
    emulator.clear_requests()
    assert client.waitpoints.complete_token(
        token.id, {"by": "jwt"}, public_access_token=token.public_access_token
    )
    assert emulator.requests[0].headers["authorization"] == f"Bearer {token.public_access_token}"
    with pytest.raises(PermissionDeniedError):
        client.waitpoints.complete_token(
            other.id, {"by": "jwt"}, public_access_token=token.public_access_token
        )
    assert client.waitpoints.retrieve_token(token.id).output == {"by": "jwt"}
    assert client.waitpoints.retrieve_token(other.id).status == "WAITING"
    assert emulator.requests[-1].headers["authorization"] == f"Bearer {emulator.api_key}"


def test_a_token_times_out_on_the_emulators_clock(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token(timeout="30s")
    timeout_at = client.waitpoints.retrieve_token(token.id).timeout_at
    emulator.advance(31)
    timed_out = client.waitpoints.retrieve_token(token.id)
    expected_at = timeout_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert (timed_out.status, timed_out.is_timed_out, timed_out.output) == ("TIMED_OUT", True, None)
    assert timed_out.error == {
        "code": "TRIGGER_WAITPOINT_TIMEOUT",
        "message": f"Waitpoint timed out at {expected_at}",
    }
    assert timed_out.error_message == f"Waitpoint timed out at {expected_at}"
    assert timed_out.completed_at == timeout_at
    assert [t.id for t in client.waitpoints.list_tokens(status="TIMED_OUT")] == [token.id]
    assert list(client.waitpoints.list_tokens(status="COMPLETED")) == []
    assert client.waitpoints.complete_token(token.id, {"late": True}) is True
    assert client.waitpoints.retrieve_token(token.id).status == "TIMED_OUT"


def test_complete_through_the_callback_url_sends_no_credential(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token()
    emulator.clear_requests()
    assert client.waitpoints.complete_token_via_callback(token.url, {"status": "succeeded", "n": 2}) is True
    [sent] = emulator.requests
    assert (sent.method, sent.path, json.loads(sent.body)) == (
        "POST",
        token.url.removeprefix(emulator.url),
        {"status": "succeeded", "n": 2},
    )
    protocol = {name for name in sent.headers if name.startswith(("authorization", "x-trigger", "trigger-"))}
    assert protocol == {"x-trigger-request-idempotency-key"}
    assert client.waitpoints.retrieve_token(token.id).output == {"status": "succeeded", "n": 2}
    assert client.waitpoints.complete_token_via_callback(token.url, {"again": True}) is True
    assert client.waitpoints.retrieve_token(token.id).output == {"status": "succeeded", "n": 2}
    unset = client.waitpoints.create_token()
    client.waitpoints.complete_token_via_callback(unset.url)
    assert (emulator.requests[-1].body, client.waitpoints.retrieve_token(unset.id).status) == (
        b"null",
        "COMPLETED",
    )


def test_a_callback_url_with_a_wrong_hash_is_refused(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token()
    forged = token.url[:-64] + "0" * 64
    with pytest.raises(AuthenticationError, match="hash doesn't match"):
        client.waitpoints.complete_token_via_callback(forged, {"x": 1})
    assert client.waitpoints.retrieve_token(token.id).status == "WAITING"


def test_unknown_tokens(client: Any, emulator: Any) -> None:
    with pytest.raises(ServerError) as info:
        client.waitpoints.retrieve_token(
            "waitpoint_nosuchtoken0000000000001", request_options={"max_retries": 0}
        )
    assert info.value.status_code == 500
    with pytest.raises(NotFoundError, match="Waitpoint not found"):
        client.waitpoints.complete_token("waitpoint_nosuchtoken0000000000001", {"x": 1})


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.waitpoints.create_token(timeout="soon"), "timeout"),
        (lambda c: c.waitpoints.create_token(timeout=datetime.datetime(2099, 1, 1)), "timeout"),
        (lambda c: c.waitpoints.create_token(idempotency_key=""), "idempotency_key"),
        (lambda c: c.waitpoints.create_token(idempotency_key="k" * 2049), "idempotency_key"),
        (lambda c: c.waitpoints.create_token(idempotency_key_ttl="1w"), "idempotency_key_ttl"),
        (lambda c: c.waitpoints.create_token(tags=[f"t{n}" for n in range(11)]), "tags"),
        (lambda c: c.waitpoints.create_token(tags=["t" * 129]), "tags"),
        (lambda c: c.waitpoints.list_tokens(status="DONE"), "status"),
        (lambda c: c.waitpoints.list_tokens(tags=["a,b"]), "tags"),
        (lambda c: c.waitpoints.list_tokens(period="a week"), "period"),
        (lambda c: c.waitpoints.list_tokens(from_=datetime.datetime(2025, 1, 1)), "from_"),
        (lambda c: c.waitpoints.list_tokens(page_size=101), "page_size"),
        (lambda c: c.waitpoints.retrieve_token(""), "token_id"),
        (lambda c: c.waitpoints.complete_token("waitpoint_1", float("nan")), "data"),
        (lambda c: c.waitpoints.complete_token("waitpoint_1", {1, 2}), "data"),
        (lambda c: c.waitpoints.complete_token("..", {}), "token_id"),
        (
            lambda c: c.waitpoints.complete_token("waitpoint_1", {}, public_access_token=""),
            "public_access_token",
        ),
        (lambda c: c.waitpoints.complete_token_via_callback("waitpoint_1", {}), "url"),
        (lambda c: c.waitpoints.complete_token_via_callback("https://x.test/api/v1/runs", {}), "url"),
        (lambda c: c.waitpoints.complete_token_via_callback(42, {}), "url"),
        (
            lambda c: c.waitpoints.complete_token_via_callback(
                "https://x.test/api/v1/waitpoints/tokens/waitpoint_1/callback/ab",
                {"x": "y" * (3 * 1024 * 1024)},
            ),
            "data",
        ),
    ],
)
def test_bad_input_is_refused_before_sending(client: Any, emulator: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.field == field
    assert emulator.requests == []


def test_an_emulator_task_waits_for_a_token(client: Any, emulator: Any) -> None:
    token = client.waitpoints.create_token(timeout="1h")
    expiring = client.waitpoints.create_token(timeout="30s")

    @emulator.task("approval-task")
    def approval(payload: dict[str, Any], ctx: Any) -> dict[str, Any]:
        result = ctx.wait_for_token(payload["token"], timeout_s=10)
        return {"ok": result.ok, "output": result.output, "error": result.error}

    waiting = client.tasks.trigger("approval-task", {"token": token.id}).id
    timing_out = client.tasks.trigger("approval-task", {"token": expiring.id}).id
    deadline = time.monotonic() + 5
    while {str(client.runs.retrieve(r).status) for r in (waiting, timing_out)} != {"WAITING"}:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    client.waitpoints.complete_token(token.id, {"approved": True})
    emulator.advance(31)
    done = client.runs.poll(waiting, poll_interval_s=0.02, timeout_s=5)
    assert (str(done.status), done.output) == (
        "COMPLETED",
        {"ok": True, "output": {"approved": True}, "error": None},
    )
    late = client.runs.poll(timing_out, poll_interval_s=0.02, timeout_s=5)
    assert late.output["ok"] is False and late.output["error"]["code"] == "TRIGGER_WAITPOINT_TIMEOUT"
