"""Public access tokens made as the official SDK makes them: scopes flattened, expiry computed as jose
computes it, and the HS256 signature with header ``{"alg": "HS256"}``; and idempotency keys derived as the
SDK derives them. Expected values come from the SDK 4.8.3 recording (official-sdk-4.8.3.calls.json)."""

from __future__ import annotations

import base64
import datetime
import json
import time
import warnings
from typing import Any

import jwt
import pytest

from trigger_client import IdempotencyKey, ValidationError
from trigger_client._idempotency import create_idempotency_key, derive_idempotency_key
from trigger_client._public_tokens import (
    AUDIENCE,
    ISSUER,
    expires_at,
    flatten_scopes,
    is_additional_api_key,
    is_root_secret_key,
    server_expiration,
    sign,
)

NOW = 1_795_943_886
KEY = "tr_dev_unitTestSecretKey00000001"


def _decode(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        claims = jwt.decode(token, KEY.encode(), algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER)
    header_part = token.split(".")[0]
    header = json.loads(base64.urlsafe_b64decode(header_part + "=" * (-len(header_part) % 4)))
    return header, claims


def test_a_nested_mapping_flattens_in_the_order_given_as_the_sdk_flattens_it() -> None:
    # The recorded auth.createPublicToken (scopes, expirationTime) call.
    scopes = {
        "read": {
            "runs": ["run_hrns000000000000000000001"],
            "tags": "harness",
            "batch": "batch_hrns000000000000000000001",
            "tasks": ["harness-task"],
        },
        "write": {"waitpoints": "waitpoint_hrns000000000000000000001"},
    }
    assert flatten_scopes(scopes) == [
        "read:runs:run_hrns000000000000000000001",
        "read:tags:harness",
        "read:batch:batch_hrns000000000000000000001",
        "read:tasks:harness-task",
        "write:waitpoints:waitpoint_hrns000000000000000000001",
    ]
    assert flatten_scopes({"read": {"runs": True}}) == ["read:runs"]
    assert flatten_scopes({"trigger": {"tasks": ["a", "b"]}}) == ["trigger:tasks:a", "trigger:tasks:b"]
    assert flatten_scopes(["read:runs:run_1", "admin", "*:all", "update:prompts:p"]) == [
        "read:runs:run_1",
        "admin",
        "*:all",
        "update:prompts:p",
    ]
    assert flatten_scopes({}) == []


@pytest.mark.parametrize(
    ("scopes", "message"),
    [
        ({"delete": {"runs": True}}, "unknown action 'delete'"),
        ({"read": {"queues": True}}, "unknown resource type 'queues'"),
        ({"trigger": {"runs": "run_1"}}, "unknown resource type 'runs'"),
        ({"read": {"runs": []}}, "must be an id, a non-empty list of ids, or True"),
        ({"read": {"runs": False}}, "must be an id, a non-empty list of ids, or True"),
        ({"read": {"runs": [""]}}, "resource ids must be non-empty strings"),
        ({"read": "runs"}, "must be a mapping of resource type to ids"),
        ("read:runs", "must be a mapping"),
        (["read runs"], "is not a scope"),
        (["read:runs\n"], "is not a scope"),
        (["reed:runs"], "unknown action"),
        (["read:runs:\ud800"], "lone surrogate"),
        ({"read": {"runs": ["\ud800"]}}, "lone surrogate"),
        ([3], "is not a scope"),
    ],
)
def test_malformed_scopes_are_refused(scopes: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        flatten_scopes(scopes)
    assert caught.value.field == "scopes"


@pytest.mark.parametrize(
    ("expiration", "seconds"),
    [
        (None, 900),
        ("15m", 900),
        ("1h", 3600),
        ("2 days", 172800),
        ("1.5h", 5400),
        ("+30s", 30),
        ("2.5s", 3),  # rounded as JavaScript's Math.round: halves up
        ("10 minutes from now", 600),
        ("1w", 604800),
        ("1y", 31557600),
        (datetime.timedelta(minutes=10), 600),
    ],
)
def test_relative_expirations_count_from_now(expiration: Any, seconds: int) -> None:
    assert expires_at(expiration, NOW) == NOW + seconds


def test_absolute_expirations_are_unix_seconds_or_aware_datetimes() -> None:
    assert expires_at(NOW + 60, NOW) == NOW + 60
    assert expires_at(NOW + 60.9, NOW) == NOW + 60
    moment = datetime.datetime.fromtimestamp(NOW + 120.9, tz=datetime.UTC)
    assert expires_at(moment, NOW) == NOW + 120


@pytest.mark.parametrize(
    ("expiration", "message"),
    [
        ("-5m", "must be in the future"),
        ("5m ago", "must be in the future"),
        (NOW, "must be in the future"),
        ("+5m ago", "must be a relative time"),
        ("5 months", "must be a relative time"),
        ("soon", "must be a relative time"),
        ("\u0661\u0665m", "must be a relative time"),  # Arabic-Indic digits are not read
        ("15m\n", "must be a relative time"),
        (datetime.datetime(2030, 1, 1), "aware datetime"),  # naive on purpose
        (True, "must be a time"),
        (1.5, "must be in the future"),
        (float("nan"), "must be a finite Unix time"),
        ((NOW + 3600) * 1000, "milliseconds"),
        ("9" * 400 + "s", "must be a relative time"),
        ([], "must be a relative time such as '1h', Unix seconds"),
    ],
)
def test_bad_expirations_are_refused(expiration: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        expires_at(expiration, NOW)


def test_the_server_gets_what_it_parses_and_at_most_30_days() -> None:
    assert server_expiration(None) is None
    assert server_expiration("1h") == "1h"
    later = int(time.time()) + 3600
    assert server_expiration(later) == later
    assert server_expiration(datetime.datetime.fromtimestamp(later, tz=datetime.UTC)) == later
    assert server_expiration(datetime.timedelta(seconds=90)) == "90s"
    assert server_expiration("30d") == "30d"
    with pytest.raises(ValidationError, match="cannot be more than 30 days away"):
        server_expiration("31d")


def test_tokens_are_signed_with_the_sdks_header_and_claims() -> None:
    # The recorded auth.createTriggerPublicToken (one-time, array) call: claims, then iss/aud/iat/exp.
    claims = {
        "sub": "env_hrns0000000000000000001",
        "pub": True,
        "otu": True,
        "scopes": ["trigger:tasks:harness-task", "trigger:tasks:harness-other-task"],
    }
    before = int(time.time())
    header, decoded = _decode(sign(KEY, claims, None))
    assert header == {"alg": "HS256"}
    issued = decoded.pop("iat")
    assert before <= issued <= int(time.time())
    assert decoded == {**claims, "iss": ISSUER, "aud": AUDIENCE, "exp": issued + 900}


def test_a_token_signed_with_another_key_does_not_verify() -> None:
    token = sign("tr_dev_someOtherSecretKey0000001", {"sub": "env_1", "pub": True}, "1h")
    with pytest.raises(jwt.InvalidSignatureError):
        _decode(token)


@pytest.mark.parametrize(
    ("key", "additional", "root"),
    [
        ("tr_dev_sk_" + "a" * 24, True, False),
        ("tr_prod_sk_" + "A1" * 12, True, False),
        ("tr_dev_sk_" + "a" * 23, False, True),  # not an additional key's form: a root key
        ("tr_dev_sk_" + "a" * 24 + "\n", False, True),
        ("tr_dev_emulatorSecretKey0000001", False, True),
        ("tr_preview_abc", False, True),
        ("tr_pat_" + "a" * 40, False, False),
        ("eyJhbGciOiJIUzI1NiJ9.e30.sig", False, False),
        ("pk_dev_abc", False, False),
    ],
)
def test_the_credential_kind_decides_who_signs(key: str, additional: bool, root: bool) -> None:
    assert (is_additional_api_key(key), is_root_secret_key(key)) == (additional, root)


def test_idempotency_keys_are_the_sdks() -> None:
    # The recorded idempotencyKeys.create (client-side hashing): every scope, outside a task, is this.
    sdk = "3b6a198e6f182f27b91aa5a8b37ab70d4c54d3889e4a947243c1afd3e718ca66"
    for scope in ("run", "attempt", "global"):
        made = create_idempotency_key("order-123", scope)
        assert (str(made), made.key, made.scope) == (sdk, "order-123", scope)
    assert str(create_idempotency_key(["order", "123"], "global")) == sdk
    assert derive_idempotency_key(create_idempotency_key("order-123", "global")) == (
        sdk,
        {"key": "order-123", "scope": "global"},
    )
    assert derive_idempotency_key("order-123") == (sdk, {"key": "order-123", "scope": "run"})
    assert derive_idempotency_key(sdk) == (sdk, None)
    assert derive_idempotency_key([sdk]) == (sdk, None)
    assert derive_idempotency_key(sdk + "\n")[0] != sdk + "\n"  # not a derived key: hashed


def test_keys_made_for_a_task_run_carry_its_id() -> None:
    import hashlib

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    run = create_idempotency_key("k", "run", parent_run_id="run_1")
    attempt = create_idempotency_key(["k", "x"], "attempt", parent_run_id="run_1", attempt_number=2)
    assert (str(run), run.key) == (digest("k-run_1"), "k")
    assert (str(attempt), attempt.key) == (digest("k-x-run_1-2"), "k-x")
    assert str(create_idempotency_key("k", "attempt", parent_run_id="run_1")) == digest("k")
    assert isinstance(run, IdempotencyKey) and isinstance(run, str)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"key": ""}, "non-empty string"),
        ({"key": ["a", 1]}, "non-empty string"),
        ({"key": "k" * 2049}, "at most 2048 characters"),
        ({"key": "k", "scope": "task"}, "scope must be one of run, attempt, global"),
        ({"key": "k", "attempt_number": 1}, "attempt_number needs parent_run_id"),
        ({"key": "k", "parent_run_id": "run_1", "attempt_number": 0}, "positive integer"),
        ({"key": "k", "parent_run_id": ""}, "must be a run id"),
        ({"key": "\ud800"}, "lone surrogate"),
        ({"key": "k", "scope": "global", "parent_run_id": "run_1"}, "leave parent_run_id out"),
        (
            {"key": "k", "parent_run_id": "run_1", "attempt_number": 2},
            "attempt_number is for scope='attempt'",
        ),
    ],
)
def test_bad_idempotency_keys_are_refused(kwargs: dict[str, Any], message: str) -> None:
    key = kwargs.pop("key")
    with pytest.raises(ValidationError, match=message):
        create_idempotency_key(key, kwargs.pop("scope", "run"), **kwargs)
