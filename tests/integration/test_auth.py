"""Public access tokens (signed here with the root key, or minted by the server for an additional key),
idempotency keys, and the project-wide run list with a personal access token, over loopback: the tokens
are accepted by the emulator's trigger, batch, run and realtime routes, and the requests are the official
SDK's."""

from __future__ import annotations

import base64
import json
import time
import urllib.parse
from typing import Any

import pytest
from sdk_wire import SDK_REQUESTS, assert_matches_sdk

from trigger_client import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
    ValidationError,
)

SDK_RUN = "run_hrns000000000000000000001"


def _claims(token: str) -> dict[str, Any]:
    part = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))


def _header(token: str) -> dict[str, Any]:
    part = token.split(".")[0]
    return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))


def _lifetime(claims: dict[str, Any]) -> int:
    return int(claims["exp"]) - int(claims["iat"])


@pytest.fixture
def run_id(client: Any, emulator: Any) -> str:
    """A delayed run (it stays unfinished)."""
    handle = client.tasks.trigger("not-deployed", {"n": 1}, delay="1h", tags=["vip"])
    emulator.clear_requests()
    return str(handle.id)


def test_a_root_key_signs_the_sdks_token_after_asking_for_the_claims(
    client: Any, emulator: Any, run_id: str
) -> None:
    before = int(time.time())
    token = client.auth.create_public_token(
        {"read": {"runs": [run_id], "tags": "vip"}, "write": {"waitpoints": "waitpoint_1"}}, expiration="1h"
    )
    [claims_request] = emulator.requests
    assert_matches_sdk(claims_request, "auth.createPublicToken (scopes, expirationTime) #104")
    claims = _claims(token)
    assert _header(token) == {"alg": "HS256"}
    assert before <= claims["iat"] <= int(time.time())
    assert claims == {
        "sub": emulator.environment_id,
        "pub": True,
        "scopes": [f"read:runs:{run_id}", "read:tags:vip", "write:waitpoints:waitpoint_1"],
        "iss": "https://id.trigger.dev",
        "aud": "https://api.trigger.dev",
        "iat": claims["iat"],
        "exp": claims["iat"] + 3600,
    }
    reader = client.with_options(api_key=token)
    assert reader.runs.retrieve(run_id).id == run_id
    other = client.tasks.trigger("not-deployed", {}, delay="1h").id
    with pytest.raises(PermissionDeniedError):
        reader.with_options(max_retries=0).runs.retrieve(other)


def test_a_token_without_options_has_no_scopes_and_lasts_15_minutes(client: Any, emulator: Any) -> None:
    claims = _claims(client.auth.create_public_token())
    assert "scopes" not in claims and "otu" not in claims and "realtime" not in claims
    assert _lifetime(claims) == 900
    assert client.auth.retrieve_jwt_claims() == {"sub": emulator.environment_id, "pub": True}


def test_a_token_with_skip_columns_reads_a_run_in_realtime_without_them(client: Any, emulator: Any) -> None:
    @emulator.task("echo")
    def echo(payload: Any) -> Any:
        return payload

    handle = client.tasks.trigger("echo", {"secret": "payload"})
    client.runs.poll(handle.id, poll_interval_s=0.02)
    token = client.auth.create_public_token({"read": {"runs": True}}, skip_columns=["payload"])
    assert _claims(token)["realtime"] == {"skipColumns": ["payload"]}
    assert _claims(token)["scopes"] == ["read:runs"]
    [run] = list(client.with_options(api_key=token).runs.subscribe_to_run(handle.id))
    assert (run.id, run.status, run.payload) == (handle.id, "COMPLETED", None)


def test_a_trigger_token_triggers_once(client: Any, emulator: Any) -> None:
    token = client.auth.create_trigger_public_token("not-deployed")
    assert_matches_sdk(emulator.requests[0], "auth.createTriggerPublicToken (one-time, array) #108")
    claims = _claims(token)
    assert (claims["otu"], claims["scopes"], _lifetime(claims)) == (True, ["trigger:tasks:not-deployed"], 900)
    triggerer = client.with_options(api_key=token, max_retries=0)
    emulator.clear_requests()
    first = triggerer.tasks.trigger("not-deployed", {"via": "public-token"}, delay="1h")
    assert emulator.requests[0].headers["authorization"] == f"Bearer {token}"
    assert first.id.startswith("run_")
    with pytest.raises(UnprocessableEntityError) as caught:
        triggerer.tasks.trigger("not-deployed", {"via": "again"}, delay="1h")
    assert caught.value.body == {
        "error": "Cannot trigger not-deployed with a one-time use token as it has already been used."
    }
    with pytest.raises(PermissionDeniedError):
        client.with_options(
            api_key=client.auth.create_trigger_public_token("not-deployed"), max_retries=0
        ).tasks.trigger("another-task", {})


def test_a_multiple_use_trigger_token_triggers_until_it_expires(client: Any) -> None:
    token = client.auth.create_trigger_public_token(
        ["not-deployed", "other"], one_time_use=False, expiration="10m"
    )
    claims = _claims(token)
    assert claims["otu"] is False
    assert claims["scopes"] == ["trigger:tasks:not-deployed", "trigger:tasks:other"]
    assert _lifetime(claims) == 600
    triggerer = client.with_options(api_key=token)
    ids = {triggerer.tasks.trigger("not-deployed", {"n": n}, delay="1h").id for n in range(2)}
    assert len(ids) == 2


def test_a_batch_trigger_token_creates_one_batch(client: Any, emulator: Any) -> None:
    token = client.auth.create_batch_trigger_public_token(["not-deployed"], expiration="30m")
    claims = _claims(token)
    assert (claims["otu"], claims["scopes"], _lifetime(claims)) == (
        True,
        ["batchTrigger:tasks:not-deployed"],
        1800,
    )
    batcher = client.with_options(api_key=token, max_retries=0)
    result = batcher.tasks.batch_trigger([{"task_id": "not-deployed", "payload": {"via": "public-token"}}])
    assert result.run_count == 1 and result.id.startswith("batch_")
    with pytest.raises(UnprocessableEntityError) as caught:
        batcher.tasks.batch_trigger([{"task_id": "not-deployed", "payload": {}}])
    assert caught.value.body == {
        "error": "Cannot create batch with a one-time use token as it has already been used."
    }


def test_an_additional_key_has_the_server_mint_its_tokens(
    make_client: Any, emulator: Any, run_id: str
) -> None:
    client = make_client(api_key=emulator.additional_api_key)
    token = client.auth.create_public_token({"read": {"runs": [run_id]}}, expiration="1h")
    assert_matches_sdk(
        emulator.requests[0],
        "auth.createPublicToken (additional API key -> server-minted) #121",
        {SDK_RUN: run_id},
    )
    claims = _claims(token)
    assert (claims["scopes"], claims["sub"], claims["pub"], _lifetime(claims)) == (
        [f"read:runs:{run_id}"],
        emulator.environment_id,
        True,
        3600,
    )
    assert client.with_options(api_key=token).runs.retrieve(run_id).id == run_id
    emulator.clear_requests()
    trigger_token = client.auth.create_trigger_public_token("harness-task")
    assert_matches_sdk(
        emulator.requests[0], "auth.createTriggerPublicToken (additional API key -> server-minted) #122"
    )
    assert _claims(trigger_token)["otu"] is True


def test_an_additional_key_needs_scopes_and_a_lifetime_the_server_mints(
    make_client: Any, emulator: Any
) -> None:
    client = make_client(api_key=emulator.additional_api_key)
    with pytest.raises(ValidationError, match="needs at least one scope"):
        client.auth.create_public_token()
    with pytest.raises(ValidationError, match="cannot be more than 30 days away"):
        client.auth.create_public_token(["read:runs"], expiration="31d")
    assert emulator.requests == []


def test_a_server_without_minting_is_explained(make_client: Any, emulator: Any) -> None:
    emulator.missing_routes = ["POST /api/v1/auth/public-tokens"]
    client = make_client(api_key=emulator.additional_api_key, max_retries=0)
    with pytest.raises(NotFoundError, match="cannot sign public access tokens itself") as caught:
        client.auth.create_public_token(["read:runs"])
    assert caught.value.status_code == 404


def test_only_a_secret_key_makes_tokens(make_client: Any, emulator: Any) -> None:
    for credential in (emulator.personal_access_token, "eyJhbGciOiJIUzI1NiJ9.eyJwdWIiOnRydWV9.c2ln"):
        client = make_client(api_key=credential)
        with pytest.raises(ValidationError, match="made with an environment's secret key") as caught:
            client.auth.create_trigger_public_token("t")
        assert caught.value.field == "api_key"
    assert emulator.requests == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.auth.create_public_token({"read": {"runs": []}}), "non-empty list of ids"),
        (lambda c: c.auth.create_public_token(expiration="-5m"), "must be in the future"),
        (lambda c: c.auth.create_public_token(skip_columns=[""]), "skip_columns"),
        (lambda c: c.auth.create_trigger_public_token([]), "task_ids"),
        (lambda c: c.auth.create_batch_trigger_public_token("t", one_time_use="yes"), "one_time_use"),
        (lambda c: c.auth.create_trigger_public_token([None, 42]), "task_ids must hold strings"),
        (lambda c: c.auth.create_public_token(skip_columns=[None]), "skip_columns must hold strings"),
        (lambda c: c.auth.create_trigger_public_token(["\ud800"]), "lone surrogate"),
        (lambda c: c.auth.create_public_token(expiration="1" * 400 + "s"), "must be a relative time"),
    ],
)
def test_bad_token_input_is_refused_before_sending(
    client: Any, emulator: Any, call: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        call(client)
    assert emulator.requests == []


def test_the_claims_need_a_valid_key(make_client: Any) -> None:
    client = make_client(api_key="tr_dev_wrongwrongwrongwrongwrong0", max_retries=0)
    with pytest.raises(AuthenticationError):
        client.auth.create_public_token()


def test_an_idempotency_key_made_here_is_the_sdks_and_resets(client: Any, emulator: Any) -> None:
    key = client.idempotency_keys.create("order-123", scope="global")
    assert (
        str(key)
        == SDK_REQUESTS["tasks.trigger (idempotencyKeys.create, global scope) #5"]["body"]["options"][
            "idempotencyKey"
        ]
    )
    first = client.tasks.trigger("not-deployed", {"n": 2}, idempotency_key=key, delay="1h")
    options = json.loads(emulator.requests[0].body)["options"]
    assert (options["idempotencyKey"], options["idempotencyKeyOptions"]) == (
        key,
        {"key": "order-123", "scope": "global"},
    )
    again = client.tasks.trigger("not-deployed", {"n": 3}, idempotency_key=key, delay="1h")
    assert (again.id, again.is_cached) == (first.id, True)
    emulator.clear_requests()
    assert client.idempotency_keys.reset("order-123", task_identifier="not-deployed", scope="global") == key
    assert_matches_sdk(
        emulator.requests[0],
        "idempotencyKeys.reset (global scope) #102",
        {"harness-task": "not-deployed"},
    )
    fresh = client.tasks.trigger("not-deployed", {"n": 4}, idempotency_key=key, delay="1h")
    assert (fresh.id != first.id, fresh.is_cached) == (True, False)
    assert client.idempotency_keys.reset(key, task_identifier="not-deployed") == key
    client.tasks.trigger("not-deployed", {"n": 5}, idempotency_key=[str(key)], delay="1h")
    assert (
        client.idempotency_keys.reset([str(key)], task_identifier="not-deployed") == key
    )  # as trigger sent it
    with pytest.raises(NotFoundError) as caught:
        client.with_options(max_retries=0).idempotency_keys.reset(key, task_identifier="not-deployed")
    assert caught.value.body == {"error": f"No runs found with idempotency key: {key} and task: not-deployed"}


def test_bad_idempotency_key_input_is_refused_before_sending(client: Any, emulator: Any) -> None:
    derived = "ab" * 32
    for kwargs in (
        {"scope": "bogus"},
        {"parent_run_id": 5},
        {"parent_run_id": "run_1", "attempt_number": True},
    ):
        with pytest.raises(ValidationError):
            client.idempotency_keys.reset(derived, task_identifier="t", **kwargs)
    for call in (
        lambda: client.idempotency_keys.reset("\ud800", task_identifier="t"),
        lambda: client.idempotency_keys.reset("k", task_identifier="\ud800"),
        lambda: client.tasks.trigger("t", {}, idempotency_key="\ud800"),
        lambda: client.runs.list(project_ref="proj_\ud800").first_page(),
        lambda: client.runs.list(project_ref="proj_1", env=["\ud800"]).first_page(),
        lambda: client.runs.list(project_ref="proj_1", env=[None]).first_page(),
    ):
        with pytest.raises(ValidationError):
            call()
    with pytest.raises(ValidationError, match="scope must be one of"):
        client.idempotency_keys.create("k", scope="task")
    with pytest.raises(ValidationError, match="task_identifier"):
        client.idempotency_keys.reset("k", task_identifier="")
    with pytest.raises(ValidationError, match="non-empty string"):
        client.idempotency_keys.reset("", task_identifier="t")
    assert emulator.requests == []


def test_the_project_run_list_takes_a_personal_access_token(client: Any, emulator: Any) -> None:
    @emulator.task("quick")
    def quick(payload: Any) -> Any:
        return payload

    for n in range(2):
        client.runs.poll(client.tasks.trigger("quick", {"n": n}).id, poll_interval_s=0.02)
    emulator.clear_requests()
    project = client.with_options(api_key=emulator.personal_access_token)
    page = project.runs.list(
        project_ref=emulator.project_ref, status="COMPLETED", env=["dev", "prod"], page_size=5
    ).first_page()
    assert [run.status for run in page.data] == ["COMPLETED", "COMPLETED"]
    sent, expected = emulator.requests[0], SDK_REQUESTS["runs.list (project ref, env filter) #23"]
    assert (sent.method, sent.path) == ("GET", f"/api/v1/projects/{emulator.project_ref}/runs")
    assert dict(urllib.parse.parse_qsl(sent.query)) == {
        name: values[0] for name, values in expected["query_params"].items()
    }
    assert sent.headers["authorization"] == f"Bearer {emulator.personal_access_token}"
    assert list(project.runs.list(project_ref=emulator.project_ref, env="prod")) == []
    with pytest.raises(AuthenticationError):
        client.with_options(max_retries=0).runs.list(project_ref=emulator.project_ref).first_page()
    with pytest.raises(NotFoundError):
        project.with_options(max_retries=0).runs.list(project_ref="proj_nosuchproject").first_page()
    with pytest.raises(ValidationError, match="pass project_ref too"):
        client.runs.list(env="dev")
