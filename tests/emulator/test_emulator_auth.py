"""Credentials and the auth surface: additional API keys, the personal access token, public access tokens
(JWTs) on the trigger, batch and read routes, one-time-use tokens, ``/api/v1/auth/*``, the idempotency-key
reset and the project runs list."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from trigger_client.emulator import DEFAULT_ADDITIONAL_API_KEY, DEFAULT_PERSONAL_ACCESS_TOKEN, Emulator
from trigger_client.emulator._auth import Access

from .helpers import V4, trigger

pytestmark = pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")  # real keys are 31 bytes

ISSUER = "https://id.trigger.dev"
AUDIENCE = "https://api.trigger.dev"
NDJSON = {"content-type": "application/x-ndjson"}
UNAUTHORIZED = {
    "error": "Unauthorized",
    "code": "unauthorized",
    "param": "access_token",
    "type": "authorization",
}
RESTRICTED_KEY = "tr_dev_sk_restrictedKey00000000001"
FULL_KEY = "tr_dev_sk_fullAccessKey00000000001"


def sign(emu: Emulator, scopes: list[str] | None, **claims: Any) -> str:
    """A public access token for the emulator's environment, signed with its secret key (PyJWT)."""
    now = int(time.time())
    payload: dict[str, Any] = {"sub": emu.environment_id, "pub": True, "iss": ISSUER, "aud": AUDIENCE}
    payload.update(iat=now, exp=now + 300)
    if scopes is not None:
        payload["scopes"] = scopes
    payload.update(claims)
    return jwt.encode(payload, emu.api_key.encode("utf-8"), algorithm="HS256")


def decode(emu: Emulator, token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(
        token, emu.api_key.encode("utf-8"), algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER
    )
    return claims


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def ndjson(*items: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(item).encode() + b"\n" for item in items)


@pytest.fixture
def anon(emu: Emulator) -> Iterator[httpx.Client]:
    """An httpx client with no credentials (each request names its own)."""
    with httpx.Client(base_url=emu.url, headers=V4, timeout=5.0) as client:
        yield client


@pytest.fixture(scope="module")
def keyed() -> Iterator[Emulator]:
    """An emulator with one restricted and one full-access additional key, and its own PAT."""
    emulator = Emulator(
        additional_api_keys={RESTRICTED_KEY: ["read:runs", "trigger:tasks:hello"], FULL_KEY: None},
        personal_access_token="tr_pat_" + "b" * 40,
        queue_delay_s=0,
    )
    with emulator:
        yield emulator


@pytest.fixture
def keyed_client(keyed: Emulator) -> Iterator[httpx.Client]:
    keyed.reset()
    with httpx.Client(base_url=keyed.url, headers=V4, timeout=5.0) as client:
        yield client


# Constructor, constants, properties


def test_default_credentials_are_well_formed_and_exported(emu: Emulator) -> None:
    assert re.fullmatch(r"tr_(dev|stg|prod|preview)_sk_[0-9a-zA-Z]{24}", DEFAULT_ADDITIONAL_API_KEY)
    assert re.fullmatch(r"tr_pat_[0-9a-z]{40}", DEFAULT_PERSONAL_ACCESS_TOKEN)
    assert emu.additional_api_key == DEFAULT_ADDITIONAL_API_KEY
    assert emu.additional_api_keys == {DEFAULT_ADDITIONAL_API_KEY: None}
    assert emu.personal_access_token == DEFAULT_PERSONAL_ACCESS_TOKEN
    for secret in (DEFAULT_ADDITIONAL_API_KEY, DEFAULT_PERSONAL_ACCESS_TOKEN):
        assert secret not in repr(emu)


def test_configured_keys_are_copied_and_none_can_be_configured(keyed: Emulator) -> None:
    assert keyed.additional_api_key == RESTRICTED_KEY
    keys = keyed.additional_api_keys
    assert keys == {RESTRICTED_KEY: ["read:runs", "trigger:tasks:hello"], FULL_KEY: None}
    scopes = keys[RESTRICTED_KEY]
    assert scopes is not None
    scopes.append("admin")
    keys.clear()
    assert keyed.additional_api_keys[RESTRICTED_KEY] == ["read:runs", "trigger:tasks:hello"]
    assert keyed.personal_access_token == "tr_pat_" + "b" * 40
    none = Emulator(additional_api_keys={})
    assert (none.additional_api_key, none.additional_api_keys) == (None, {})


@pytest.mark.parametrize(
    "keys",
    [
        {"tr_dev_sk_short": None},
        {"tr_dev_sk_" + "a" * 25: None},
        {"tr_dev_" + "a" * 24: None},
        {"tr_qa_sk_" + "a" * 24: None},
        {"tr_dev_sk_" + "a" * 23 + "-": None},
        {"tr_dev_sk_" + "a" * 24 + "\n": None},
        {"tr_dev_sk_" + "a" * 24: "read:runs"},
        {"tr_dev_sk_" + "a" * 24: ["read:runs", 3]},
    ],
)
def test_malformed_additional_keys_are_refused(keys: Any) -> None:
    with pytest.raises(ValueError) as caught:
        Emulator(additional_api_keys=keys)
    for key in keys:
        if isinstance(key, str) and len(key) > 8:
            assert key not in str(caught.value)  # a credential, even a malformed one, is not printed


@pytest.mark.parametrize("token", ["pat_" + "a" * 40, "tr_pat_", "tr_dev_" + "a" * 24, " tr_pat_abc"])
def test_a_personal_access_token_must_start_with_tr_pat(token: str) -> None:
    with pytest.raises(ValueError, match="must start with 'tr_pat_'") as caught:
        Emulator(personal_access_token=token)
    assert token.strip() not in str(caught.value).replace("'tr_pat_'", "")


def test_additional_keys_of_every_environment_prefix_are_accepted() -> None:
    keys = {f"tr_{env}_sk_" + "x" * 24: None for env in ("dev", "stg", "prod", "preview")}
    assert Emulator(additional_api_keys=keys).additional_api_keys == keys


# Which credential works where


def test_a_full_access_additional_key_works_on_secret_key_routes(emu: Emulator, anon: httpx.Client) -> None:
    key = bearer(DEFAULT_ADDITIONAL_API_KEY)
    run_id = anon.post("/api/v1/tasks/nobody/trigger", json={"payload": 1}, headers=key).json()["id"]
    listed = anon.get("/api/v1/runs", headers=key)
    assert listed.status_code == 200 and [run["id"] for run in listed.json()["data"]] == [run_id]
    assert anon.get("/api/v1/schedules", headers=key).status_code == 200
    assert anon.get(f"/api/v1/projects/{emu.project_ref}/envvars/dev", headers=key).status_code == 200


def test_without_additional_keys_the_default_one_is_unknown() -> None:
    with Emulator(additional_api_keys={}) as emulator:
        response = httpx.get(emulator.url + "/api/v1/runs", headers=bearer(DEFAULT_ADDITIONAL_API_KEY))
        assert (response.status_code, response.json()) == (401, {"error": "Invalid API key"})


def test_the_pat_is_a_wrong_key_on_environment_routes(emu: Emulator, anon: httpx.Client) -> None:
    pat = bearer(emu.personal_access_token)
    for method, path, body in [
        ("GET", "/api/v1/runs", None),
        ("POST", "/api/v1/tasks/nobody/trigger", {"payload": 1}),
        ("POST", "/api/v3/batches", {"runCount": 1}),
        ("GET", "/api/v3/runs/run_x", None),
        ("POST", "/api/v1/auth/public-tokens", {"scopes": ["read:runs"]}),
    ]:
        response = anon.request(method, path, json=body, headers=pat)
        assert (response.status_code, response.json()) == (401, {"error": "Invalid API key"}), path
    realtime = anon.get("/realtime/v1/runs/run_x", headers=pat)
    assert (realtime.status_code, realtime.json()) == (401, {"error": "Invalid API Key"})


def test_a_restricted_key_works_only_where_routes_check_scopes(
    keyed: Emulator, keyed_client: httpx.Client
) -> None:
    key = bearer(RESTRICTED_KEY)
    triggered = keyed_client.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=key)
    assert triggered.status_code == 200
    run_id = triggered.json()["id"]
    other = keyed_client.post("/api/v1/tasks/other/trigger", json={"payload": 1}, headers=key)
    assert (other.status_code, other.json()) == (403, UNAUTHORIZED)
    assert keyed_client.get(f"/api/v3/runs/{run_id}", headers=key).status_code == 200
    feed = keyed_client.get(f"/realtime/v1/runs/{run_id}", params={"offset": "-1"}, headers=key)
    assert feed.status_code == 200
    batch = keyed_client.post(
        "/api/v3/batches", json={"runCount": 1, "taskIdentifiers": ["hello"]}, headers=key
    )
    assert (batch.status_code, batch.json()) == (403, UNAUTHORIZED)
    # The run list checks read:runs (or read:tasks), which this key has.
    listed = keyed_client.get("/api/v1/runs", headers=key)
    assert (listed.status_code, [run["id"] for run in listed.json()["data"]]) == (200, [run_id])
    # Cancelling needs write on the run: refused.
    cancel = keyed_client.post(f"/api/v2/runs/{run_id}/cancel", headers=key)
    assert (cancel.status_code, cancel.json()) == (403, UNAUTHORIZED)
    # Legacy (hand-written) routes and routes that check no scope refuse it like a wrong key.
    schedules = keyed_client.get("/api/v1/schedules", headers=key)
    assert (schedules.status_code, schedules.json()) == (401, {"error": "Invalid or Missing API Key"})
    claims = keyed_client.post("/api/v1/auth/jwt/claims", headers=key)
    assert (claims.status_code, claims.json()) == (401, {"error": "Invalid or Missing API key"})
    # The full-access key of the same emulator works on all of them.
    full = bearer(FULL_KEY)
    assert keyed_client.get("/api/v1/runs", headers=full).status_code == 200
    assert keyed_client.post("/api/v3/batches", json={"runCount": 1}, headers=full).status_code == 202


def test_a_restricted_key_on_environment_variables_needs_an_envvars_scope(keyed: Emulator) -> None:
    read_key = "tr_dev_sk_" + "r" * 24
    with Emulator(additional_api_keys={read_key: ["read:envvars"]}) as emulator:
        path = f"{emulator.url}/api/v1/projects/{emulator.project_ref}/envvars/dev"
        assert httpx.get(path, headers=bearer(read_key)).status_code == 200
        created = httpx.post(path, json={"name": "A", "value": "1"}, headers=bearer(read_key))
        assert (created.status_code, created.json()) == (403, {"error": "Unauthorized"})
        assert (
            httpx.post(path, json={"name": "A", "value": "1"}, headers=bearer(emulator.api_key)).status_code
            == 200
        )


# POST /api/v1/auth/jwt/claims


def test_jwt_claims_answer_the_environment_for_the_secret_or_a_full_access_key(
    emu: Emulator, anon: httpx.Client
) -> None:
    for token in (emu.api_key, DEFAULT_ADDITIONAL_API_KEY):
        response = anon.post("/api/v1/auth/jwt/claims", headers=bearer(token))
        assert (response.status_code, response.json()) == (200, {"sub": emu.environment_id, "pub": True})
    branch = anon.post(
        "/api/v1/auth/jwt/claims", headers={**bearer(emu.api_key), "x-trigger-branch": "feature"}
    )
    assert branch.json() == {"sub": emu.environment_id, "pub": True}
    assert "x-ratelimit-limit" not in branch.headers  # the route is not rate-limited


def test_jwt_claims_refuse_other_credentials(emu: Emulator, anon: httpx.Client) -> None:
    missing = {"error": "Invalid or Missing API key"}
    for token in ("tr_dev_wrong", emu.personal_access_token, sign(emu, ["admin"])):
        response = anon.post("/api/v1/auth/jwt/claims", headers=bearer(token))
        assert (response.status_code, response.json()) == (401, missing)
    nothing = anon.post("/api/v1/auth/jwt/claims")  # no Authorization header: still the route's own 401
    assert (nothing.status_code, nothing.json()) == (401, missing)
    assert anon.get("/api/v1/auth/jwt/claims", headers=bearer(emu.api_key)).status_code == 400


# POST /api/v1/auth/public-tokens


def test_public_tokens_are_signed_with_the_secret_key(emu: Emulator, api: httpx.Client) -> None:
    before = int(time.time())
    response = api.post(
        "/api/v1/auth/public-tokens", json={"scopes": ["read:runs", "custom:resources:value"]}
    )
    assert response.status_code == 200 and set(response.json()) == {"token"}
    token = response.json()["token"]
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = decode(emu, token)
    assert {k: v for k, v in claims.items() if k not in ("iat", "exp")} == {
        "sub": emu.environment_id,
        "pub": True,
        "scopes": ["read:runs", "custom:resources:value"],
        "iss": ISSUER,
        "aud": AUDIENCE,
    }
    assert before <= claims["iat"] <= int(time.time()) and claims["exp"] - claims["iat"] == 15 * 60


def test_public_tokens_carry_otu_and_realtime_only_when_asked(emu: Emulator, api: httpx.Client) -> None:
    asked = api.post(
        "/api/v1/auth/public-tokens",
        json={
            "scopes": ["read:runs"],
            "oneTimeUse": True,
            "realtime": {"skipColumns": ["payload"], "other": 1},
            "expirationTime": "2 hours",
        },
    )
    claims = decode(emu, asked.json()["token"])
    assert (claims["otu"], claims["realtime"]) == (True, {"skipColumns": ["payload"]})
    assert claims["exp"] - claims["iat"] == 7200
    plain = decode(
        emu,
        api.post("/api/v1/auth/public-tokens", json={"scopes": ["read:runs"], "oneTimeUse": False}).json()[
            "token"
        ],
    )
    assert "otu" not in plain and "realtime" not in plain
    empty = decode(
        emu, api.post("/api/v1/auth/public-tokens", json={"scopes": ["a:b"], "realtime": {}}).json()["token"]
    )
    assert empty["realtime"] == {}


@pytest.mark.parametrize(
    ("expiration", "lifetime_s"),
    [
        ("30s", 30),
        ("1.5h", 5400),
        ("10 MINUTES", 600),
        ("+1d", 86400),
        ("1w from now", 604800),
        ("30 days", 2592000),
    ],
)
def test_public_token_lifetimes_follow_the_relative_syntax(
    emu: Emulator, api: httpx.Client, expiration: str, lifetime_s: int
) -> None:
    response = api.post(
        "/api/v1/auth/public-tokens", json={"scopes": ["read:runs"], "expirationTime": expiration}
    )
    assert response.status_code == 200, response.text
    claims = decode(emu, response.json()["token"])
    assert abs(claims["exp"] - claims["iat"] - lifetime_s) <= 1


def test_a_numeric_expiration_is_absolute_unix_seconds(emu: Emulator, api: httpx.Client) -> None:
    at = int(time.time()) + 600
    response = api.post("/api/v1/auth/public-tokens", json={"scopes": ["read:runs"], "expirationTime": at})
    assert decode(emu, response.json()["token"])["exp"] == at


@pytest.mark.parametrize(
    ("expiration", "error"),
    [
        ("soon", "Invalid expiration time"),
        ("+5m ago", "Invalid expiration time"),
        ("5 m\n", "Invalid expiration time"),
        ("5ms", "Invalid expiration time"),
        ("-5m", "Expiration time must be in the future"),
        ("5m ago", "Expiration time must be in the future"),
        ("0s", "Expiration time must be in the future"),
        (1, "Expiration time must be in the future"),
        ("31d", "Expiration time cannot exceed 30 days"),
        ("1y", "Expiration time cannot exceed 30 days"),
    ],
)
def test_bad_expirations_are_400(api: httpx.Client, expiration: Any, error: str) -> None:
    response = api.post(
        "/api/v1/auth/public-tokens", json={"scopes": ["read:runs"], "expirationTime": expiration}
    )
    assert (response.status_code, response.json()) == (400, {"error": error})


def test_public_token_bodies_are_checked_like_zod(api: httpx.Client) -> None:
    def issues(body: Any) -> Any:
        response = api.post("/api/v1/auth/public-tokens", json=body)
        assert response.status_code == 400 and response.json()["error"] == "Invalid request body"
        return response.json()["issues"]

    not_json = api.post("/api/v1/auth/public-tokens", content=b"{nope")
    assert (not_json.status_code, not_json.json()) == (400, {"error": "Invalid request body"})
    empty = api.post("/api/v1/auth/public-tokens", content=b"")
    assert (empty.status_code, empty.json()) == (400, {"error": "Invalid request body"})
    assert issues([]) == [
        {
            "code": "invalid_type",
            "expected": "object",
            "received": "array",
            "path": [],
            "message": "Expected object, received array",
        }
    ]
    assert issues({}) == [
        {
            "code": "invalid_type",
            "expected": "array",
            "received": "undefined",
            "path": ["scopes"],
            "message": "Required",
        }
    ]
    assert issues({"scopes": []}) == [
        {
            "code": "too_small",
            "minimum": 1,
            "type": "array",
            "inclusive": True,
            "exact": False,
            "message": "Array must contain at least 1 element(s)",
            "path": ["scopes"],
        }
    ]
    assert issues({"scopes": ["a:b", 3], "oneTimeUse": "yes", "realtime": {"skipColumns": "payload"}}) == [
        {
            "code": "invalid_type",
            "expected": "string",
            "received": "number",
            "path": ["scopes", 1],
            "message": "Expected string, received number",
        },
        {
            "code": "invalid_type",
            "expected": "boolean",
            "received": "string",
            "path": ["oneTimeUse"],
            "message": "Expected boolean, received string",
        },
        {
            "code": "invalid_type",
            "expected": "array",
            "received": "string",
            "path": ["realtime", "skipColumns"],
            "message": "Expected array, received string",
        },
    ]
    assert issues({"scopes": ["a:b"], "expirationTime": True}) == [
        {
            "code": "invalid_union",
            "unionErrors": [
                {
                    "issues": [
                        {
                            "code": "invalid_type",
                            "expected": expected,
                            "received": "boolean",
                            "path": ["expirationTime"],
                            "message": f"Expected {expected}, received boolean",
                        }
                    ],
                    "name": "ZodError",
                }
                for expected in ("string", "number")
            ],
            "message": "Invalid input",
            "path": ["expirationTime"],
        }
    ]
    assert issues({"scopes": ["a:b"], "realtime": None})[0]["received"] == "null"


def test_public_tokens_need_an_api_key(emu: Emulator, anon: httpx.Client) -> None:
    body = {"scopes": ["read:runs"]}
    for token in (sign(emu, ["admin"]), "tr_dev_wrong", emu.personal_access_token):
        response = anon.post("/api/v1/auth/public-tokens", json=body, headers=bearer(token))
        assert (response.status_code, response.json()) == (401, {"error": "Invalid API key"})
    assert anon.get("/api/v1/auth/public-tokens", headers=bearer(emu.api_key)).status_code == 400
    full = anon.post("/api/v1/auth/public-tokens", json=body, headers=bearer(DEFAULT_ADDITIONAL_API_KEY))
    assert full.status_code == 200


def test_scopes_without_a_type_are_denied_even_to_the_secret_key(api: httpx.Client) -> None:
    response = api.post("/api/v1/auth/public-tokens", json={"scopes": ["read", "admin", "read:runs", ""]})
    assert (response.status_code, response.json()) == (
        403,
        {
            "error": "Requested scopes exceed the API key's access",
            "code": "scopes_exceed_key_access",
            "deniedScopes": ["read", ""],
        },
    )


def test_a_restricted_key_mints_only_within_its_scopes(keyed: Emulator, keyed_client: httpx.Client) -> None:
    key = bearer(RESTRICTED_KEY)
    allowed = keyed_client.post(
        "/api/v1/auth/public-tokens", json={"scopes": ["read:runs:run_1", "trigger:tasks:hello"]}, headers=key
    )
    assert allowed.status_code == 200
    assert decode(keyed, allowed.json()["token"])["scopes"] == ["read:runs:run_1", "trigger:tasks:hello"]
    denied = keyed_client.post(
        "/api/v1/auth/public-tokens",
        json={"scopes": ["read:runs", "write:runs", "trigger:tasks", "read:all", "admin", "admin:runs"]},
        headers=key,
    )
    assert (denied.status_code, denied.json()) == (
        403,
        {
            "error": "Requested scopes exceed the API key's access",
            "code": "scopes_exceed_key_access",
            "deniedScopes": ["write:runs", "trigger:tasks", "read:all", "admin", "admin:runs"],
        },
    )


def test_a_minted_token_opens_what_its_scopes_say(
    emu: Emulator, api: httpx.Client, anon: httpx.Client
) -> None:
    run_id = trigger(api, "nobody")
    token = api.post("/api/v1/auth/public-tokens", json={"scopes": [f"read:runs:{run_id}"]}).json()["token"]
    assert anon.get(f"/api/v3/runs/{run_id}", headers=bearer(token)).json()["id"] == run_id
    other = trigger(api, "nobody")
    assert anon.get(f"/api/v3/runs/{other}", headers=bearer(token)).status_code == 403


# POST /api/v1/idempotencyKeys/{key}/reset


def test_a_reset_key_makes_the_next_trigger_a_new_run(api: httpx.Client) -> None:
    first = trigger(api, "nobody", idempotencyKey="k-1", idempotencyKeyTTL="1h")
    again = api.post(
        "/api/v1/tasks/nobody/trigger", json={"payload": None, "options": {"idempotencyKey": "k-1"}}
    )
    assert again.json() == {"id": first, "isCached": True}
    other_task = trigger(api, "somebody", idempotencyKey="k-1")
    reset = api.post("/api/v1/idempotencyKeys/k-1/reset", json={"taskIdentifier": "nobody"})
    assert (reset.status_code, reset.json()) == (200, {"id": "k-1"})
    assert api.get(f"/api/v3/runs/{first}").json().get("idempotencyKey") is None
    fresh = trigger(api, "nobody", idempotencyKey="k-1")
    assert fresh != first
    cached = api.post(
        "/api/v1/tasks/somebody/trigger", json={"payload": None, "options": {"idempotencyKey": "k-1"}}
    )
    assert cached.json() == {"id": other_task, "isCached": True}  # another task keeps its key


def test_resetting_a_key_no_run_holds_is_404(api: httpx.Client) -> None:
    trigger(api, "nobody", idempotencyKey="held")
    for key, task in (("nope", "nobody"), ("held", "somebody")):
        response = api.post(f"/api/v1/idempotencyKeys/{key}/reset", json={"taskIdentifier": task})
        assert (response.status_code, response.json()) == (
            404,
            {"error": f"No runs found with idempotency key: {key} and task: {task}"},
        )


def test_the_reset_key_is_read_from_the_raw_path(api: httpx.Client) -> None:
    trigger(api, "nobody", idempotencyKey="a/b c")
    response = api.post("/api/v1/idempotencyKeys/a%2Fb%20c/reset", json={"taskIdentifier": "nobody"})
    assert (response.status_code, response.json()) == (200, {"id": "a/b c"})


def test_reset_bodies_are_checked_like_the_other_route_builders(api: httpx.Client) -> None:
    path = "/api/v1/idempotencyKeys/k/reset"
    for content, error in [
        (b"", "Request body is empty"),
        (b"{nope", "Invalid JSON"),
        (b"{}", 'Validation error: Required at "taskIdentifier"'),
        (b'{"taskIdentifier": 3}', 'Validation error: Expected string, received number at "taskIdentifier"'),
        (b'{"taskIdentifier": ""}', 'Validation error: Task identifier is required at "taskIdentifier"'),
        (b"[1]", "Validation error: Expected object, received array"),
    ]:
        response = api.post(path, content=content)
        assert (response.status_code, response.json()) == (400, {"error": error}), content
    assert api.get(path).status_code == 405
    assert (api.options(path).status_code, api.options(path).json()) == (200, {})


def test_a_public_token_resets_keys_with_write_runs(
    emu: Emulator, api: httpx.Client, anon: httpx.Client
) -> None:
    trigger(api, "nobody", idempotencyKey="k")
    body = {"taskIdentifier": "nobody"}
    denied = anon.post("/api/v1/idempotencyKeys/k/reset", json=body, headers=bearer(sign(emu, ["read:runs"])))
    assert (denied.status_code, denied.json()) == (403, UNAUTHORIZED)
    bad_body = anon.post("/api/v1/idempotencyKeys/k/reset", json={}, headers=bearer(sign(emu, ["read:runs"])))
    assert bad_body.status_code == 400  # the body is checked before the scope
    allowed = anon.post(
        "/api/v1/idempotencyKeys/k/reset", json=body, headers=bearer(sign(emu, ["write:runs"]))
    )
    assert (allowed.status_code, allowed.json()) == (200, {"id": "k"})
    wrong = anon.post("/api/v1/idempotencyKeys/k/reset", json=body, headers=bearer("tr_dev_wrong"))
    assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid API key"})


# GET /api/v1/projects/{projectRef}/runs


def test_the_project_runs_list_takes_the_pat(emu: Emulator, api: httpx.Client, anon: httpx.Client) -> None:
    older = trigger(api, "nobody")
    newer = trigger(api, "somebody")
    path = f"/api/v1/projects/{emu.project_ref}/runs"
    pat = bearer(emu.personal_access_token)
    listed = anon.get(path, headers=pat)
    assert listed.status_code == 200
    assert [run["id"] for run in listed.json()["data"]] == [newer, older]
    assert listed.json() == api.get("/api/v1/runs").json()
    assert listed.json()["data"][0]["env"] == {"id": emu.environment_id, "name": "dev", "user": "emulator"}
    filtered = anon.get(path, params={"filter[taskIdentifier]": "nobody", "page[size]": 1}, headers=pat)
    assert [run["id"] for run in filtered.json()["data"]] == [older]
    both = anon.get(path, params={"filter[env]": "prod,dev"}, headers=pat)
    assert [run["id"] for run in both.json()["data"]] == [newer, older]
    elsewhere = anon.get(path, params={"filter[env]": "prod,staging"}, headers=pat)
    assert (elsewhere.status_code, elsewhere.json()) == (200, {"data": [], "pagination": {}})


def test_the_project_runs_list_refuses_everything_but_the_pat(emu: Emulator, anon: httpx.Client) -> None:
    path = f"/api/v1/projects/{emu.project_ref}/runs"
    for token in (emu.api_key, DEFAULT_ADDITIONAL_API_KEY, sign(emu, ["read:runs"]), "nope"):
        response = anon.get(path, headers=bearer(token))
        assert (response.status_code, response.json()) == (401, {"error": "Invalid or Missing PAT"})
    wrong = anon.get(path, headers=bearer("tr_pat_" + "0" * 40))
    assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid PAT"})
    project = anon.get("/api/v1/projects/proj_other/runs", headers=bearer(emu.personal_access_token))
    assert (project.status_code, project.json()) == (404, {"error": "Project not found"})
    assert anon.post(path, headers=bearer(emu.personal_access_token)).status_code == 405


def test_the_project_runs_query_is_checked_before_the_token(emu: Emulator, anon: httpx.Client) -> None:
    path = "/api/v1/projects/proj_other/runs"
    response = anon.get(path, params={"page[size]": "0"}, headers=bearer("tr_dev_wrong"))
    assert response.status_code == 400 and response.json()["error"] == "Query Error"
    assert response.json()["details"][0]["path"] == ["page[size]"]


# Environment variables with the PAT


def test_the_pat_names_the_environment_of_an_env_var_route(emu: Emulator, anon: httpx.Client) -> None:
    pat = bearer(emu.personal_access_token)
    root = f"/api/v1/projects/{emu.project_ref}/envvars"
    assert anon.post(f"{root}/dev", json={"name": "A", "value": "1"}, headers=pat).status_code == 200
    assert anon.get(f"{root}/dev/A", headers=pat).json()["value"] == "1"
    assert anon.get(f"{root}/dev", headers={**pat, "x-trigger-branch": "default"}).status_code == 200
    for path, headers, error in [
        ("/api/v1/projects/proj_other/envvars/dev", pat, "Project not found"),
        (f"{root}/prod", pat, "Environment not found"),
        (f"{root}/dev", {**pat, "x-trigger-branch": "feature"}, "Branch not found"),
    ]:
        response = anon.get(path, headers=headers)
        assert (response.status_code, response.json()) == (404, {"error": error}), path
    # An API key with another slug is accepted as before (the server compares slugs only with a branch).
    assert anon.get(f"{root}/prod", headers=bearer(emu.api_key)).status_code == 200
    wrong = anon.get(f"{root}/dev", headers=bearer("tr_pat_" + "0" * 40))
    assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid API key"})


# Public access tokens on the trigger route


@pytest.mark.parametrize(
    "scope", ["trigger:tasks:hello", "trigger:tasks", "trigger:all", "admin", "*:tasks:hello"]
)
def test_a_token_with_a_trigger_scope_triggers(emu: Emulator, anon: httpx.Client, scope: str) -> None:
    response = anon.post(
        "/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(sign(emu, [scope]))
    )
    assert response.status_code == 200, response.text
    run_id = response.json()["id"]
    claims = decode(emu, response.headers["x-trigger-jwt"])
    assert claims["scopes"] == [f"read:runs:{run_id}", f"write:inputStreams:{run_id}"]
    assert "realtime" not in claims


@pytest.mark.parametrize(
    "scopes", [["trigger:tasks:other"], ["read:runs"], ["admin:tasks"], ["batchTrigger:tasks:hello"], []]
)
def test_a_token_without_a_trigger_scope_is_403(emu: Emulator, anon: httpx.Client, scopes: list[str]) -> None:
    response = anon.post(
        "/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(sign(emu, scopes))
    )
    assert (response.status_code, response.json()) == (403, UNAUTHORIZED)


def test_a_token_without_scopes_authorises_nothing(emu: Emulator, anon: httpx.Client) -> None:
    response = anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(sign(emu, None)))
    assert (response.status_code, response.json()) == (403, UNAUTHORIZED)


def test_the_trigger_body_is_checked_before_the_scope(emu: Emulator, anon: httpx.Client) -> None:
    token = bearer(sign(emu, ["read:runs"]))
    response = anon.post("/api/v1/tasks/hello/trigger", json={"options": {"tags": 3}}, headers=token)
    assert response.status_code == 400 and response.json()["error"].startswith("Validation error")


def test_bad_tokens_on_the_trigger_route_are_401(emu: Emulator, anon: httpx.Client) -> None:
    now = int(time.time())
    for token, error in [
        (sign(emu, ["admin"], exp=now - 10), "Public Access Token has expired."),
        (sign(emu, ["admin"], sub="env_other"), "Invalid Public Access Token, environment not found."),
        (sign(emu, ["admin"], aud="https://elsewhere"), "Public Access Token is invalid."),
        (
            jwt.encode({"sub": emu.environment_id, "pub": True, "scopes": ["admin"]}, "other-key"),
            "Public Access",
        ),
        (sign(emu, ["admin"], pub=False), "Invalid API key"),
    ]:
        response = anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(token))
        assert response.status_code == 401 and response.json()["error"].startswith(error), response.text


def test_the_answer_token_carries_the_realtime_claim_of_the_trigger_token(
    emu: Emulator, anon: httpx.Client
) -> None:
    token = sign(emu, ["trigger:tasks"], realtime={"skipColumns": ["payload", "output"]})
    response = anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(token))
    assert response.status_code == 200
    assert decode(emu, response.headers["x-trigger-jwt"])["realtime"] == {
        "skipColumns": ["payload", "output"]
    }
    assert json.loads(response.headers["x-trigger-jwt-claims"])["realtime"] == {
        "skipColumns": ["payload", "output"]
    }


# One-time-use tokens


def test_a_one_time_token_triggers_once(emu: Emulator, anon: httpx.Client) -> None:
    token = bearer(sign(emu, ["trigger:tasks:hello", "batchTrigger:tasks:hello"], otu=True))
    assert anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=token).status_code == 200
    again = anon.post("/api/v1/tasks/hello/trigger", json={"payload": 2}, headers=token)
    assert (again.status_code, again.json()) == (
        422,
        {"error": "Cannot trigger hello with a one-time use token as it has already been used."},
    )
    # Runs and batches keep their one-time tokens apart, as the server's two unique columns do.
    batch = anon.post("/api/v3/batches", json={"runCount": 1, "taskIdentifiers": ["hello"]}, headers=token)
    assert batch.status_code == 202
    # A token that is not one-time-use may trigger again and again.
    many = bearer(sign(emu, ["trigger:tasks:hello"]))
    for _ in range(2):
        assert anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=many).status_code == 200


def test_a_one_time_token_refused_for_its_scope_is_not_spent(emu: Emulator, anon: httpx.Client) -> None:
    token = bearer(sign(emu, ["trigger:tasks:hello"], otu=True))
    assert anon.post("/api/v1/tasks/other/trigger", json={"payload": 1}, headers=token).status_code == 403
    assert anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=token).status_code == 200


def test_an_idempotent_repeat_with_a_one_time_token_returns_the_run(
    emu: Emulator, anon: httpx.Client
) -> None:
    token = bearer(sign(emu, ["trigger:tasks:hello"], otu=True))
    body = {"payload": 1, "options": {"idempotencyKey": "once"}}
    first = anon.post("/api/v1/tasks/hello/trigger", json=body, headers=token).json()
    assert anon.post("/api/v1/tasks/hello/trigger", json=body, headers=token).json() == {
        "id": first["id"],
        "isCached": True,
    }


def test_a_one_time_token_creates_one_batch_and_streams_its_items(emu: Emulator, anon: httpx.Client) -> None:
    token = bearer(sign(emu, ["batchTrigger:tasks:a", "batchTrigger:tasks:b"], otu=True))
    created = anon.post("/api/v3/batches", json={"runCount": 2, "taskIdentifiers": ["a", "b"]}, headers=token)
    assert created.status_code == 202
    batch_id = created.json()["id"]
    items = anon.post(
        f"/api/v3/batches/{batch_id}/items",
        content=ndjson({"index": 0, "task": "a"}, {"index": 1, "task": "b"}),
        headers={**token, **NDJSON},
    )
    assert items.status_code == 200 and items.json()["sealed"] is True
    again = anon.post("/api/v3/batches", json={"runCount": 1, "taskIdentifiers": ["a"]}, headers=token)
    assert (again.status_code, again.json()) == (
        422,
        {"error": "Cannot create batch with a one-time use token as it has already been used."},
    )


def test_spent_one_time_tokens_are_forgotten_on_reset(emu: Emulator, anon: httpx.Client) -> None:
    token = bearer(sign(emu, ["trigger:tasks:hello"], otu=True))
    assert anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=token).status_code == 200
    emu.reset()
    assert anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=token).status_code == 200


# Public access tokens on the batch routes


def test_batch_create_needs_batch_trigger_on_every_declared_task(emu: Emulator, anon: httpx.Client) -> None:
    def create(scopes: list[str], **body: Any) -> httpx.Response:
        return anon.post("/api/v3/batches", json={"runCount": 2, **body}, headers=bearer(sign(emu, scopes)))

    assert (
        create(["batchTrigger:tasks:a", "batchTrigger:tasks:b"], taskIdentifiers=["a", "b"]).status_code
        == 202
    )
    for scopes in (["batchTrigger:tasks"], ["batchTrigger:batch"], ["batchTrigger:all"], ["admin"]):
        assert create(scopes, taskIdentifiers=["a", "b"]).status_code == 202, scopes
        assert create(scopes).status_code == 202, scopes
    for scopes, body in [
        (["batchTrigger:tasks:a"], {"taskIdentifiers": ["a", "b"]}),
        (["batchTrigger:tasks:a", "batchTrigger:tasks:b"], {}),
        (["trigger:tasks:a", "trigger:tasks:b"], {"taskIdentifiers": ["a", "b"]}),
    ]:
        response = create(scopes, **body)
        assert (response.status_code, response.json()) == (403, UNAUTHORIZED), scopes
    invalid = create(["read:runs"], taskIdentifiers=[])
    assert invalid.status_code == 400  # the body is checked before the scope


def test_a_browser_token_gets_write_batch_only_with_a_broad_grant(emu: Emulator, anon: httpx.Client) -> None:
    def scopes_of(scopes: list[str]) -> list[str]:
        response = anon.post(
            "/api/v3/batches",
            json={"runCount": 1, "taskIdentifiers": ["a"]},
            headers={**bearer(sign(emu, scopes)), "x-trigger-client": "browser"},
        )
        assert response.status_code == 202
        batch_id = response.json()["id"]
        granted: list[str] = decode(emu, response.headers["x-trigger-jwt"])["scopes"]
        assert granted[0] == f"read:batch:{batch_id}"
        return granted[1:]

    assert scopes_of(["batchTrigger:tasks:a"]) == []
    [write] = scopes_of(["batchTrigger:tasks"])
    assert write.startswith("write:batch:batch_")


def test_items_need_batch_trigger_on_their_tasks_or_write_on_the_batch(
    emu: Emulator, api: httpx.Client, anon: httpx.Client
) -> None:
    batch_id = api.post("/api/v3/batches", json={"runCount": 3}).json()["id"]
    path = f"/api/v3/batches/{batch_id}/items"
    scoped = {**bearer(sign(emu, ["batchTrigger:tasks:a"])), **NDJSON}
    accepted = anon.post(path, content=ndjson({"index": 0, "task": "a"}), headers=scoped)
    assert accepted.status_code == 200 and accepted.json()["itemsAccepted"] == 1
    refused = anon.post(path, content=ndjson({"index": 1, "task": "b"}), headers=scoped)
    assert (refused.status_code, refused.json()) == (403, {"error": "Unauthorized"})
    nothing = anon.post(path, content=b"\n", headers=scoped)
    assert (nothing.status_code, nothing.json()) == (403, {"error": "Unauthorized"})
    unknown = anon.post(
        "/api/v3/batches/batch_nope/items", content=ndjson({"index": 0, "task": "b"}), headers=scoped
    )
    assert unknown.status_code == 403  # refused before the batch is looked up
    writer = {**bearer(sign(emu, [f"write:batch:{batch_id}"])), **NDJSON}
    rest = anon.post(
        path, content=ndjson({"index": 1, "task": "b"}, {"index": 2, "task": "c"}), headers=writer
    )
    assert rest.status_code == 200 and rest.json()["sealed"] is True
    read_only = {**bearer(sign(emu, [f"read:batch:{batch_id}"])), **NDJSON}
    assert anon.post(path, content=ndjson({"index": 0, "task": "a"}), headers=read_only).status_code == 403


def test_a_browser_batch_token_streams_the_items(emu: Emulator, anon: httpx.Client) -> None:
    created = anon.post(
        "/api/v3/batches",
        json={"runCount": 1},
        headers={**bearer(sign(emu, ["batchTrigger:tasks"])), "x-trigger-client": "browser"},
    )
    delegated = {**bearer(created.headers["x-trigger-jwt"]), **NDJSON}
    items = anon.post(
        f"/api/v3/batches/{created.json()['id']}/items",
        content=ndjson({"index": 0, "task": "z"}),
        headers=delegated,
    )
    assert items.status_code == 200 and items.json()["sealed"] is True


# Public access tokens on the read routes


def test_a_run_is_read_with_a_scope_on_the_run_its_task_a_tag_or_its_batch(
    emu: Emulator, api: httpx.Client, anon: httpx.Client
) -> None:
    run_id = trigger(api, "nobody", tags=["team:a"])
    batch_id = api.post("/api/v3/batches", json={"runCount": 1}).json()["id"]
    api.post(
        f"/api/v3/batches/{batch_id}/items", content=ndjson({"index": 0, "task": "batched"}), headers=NDJSON
    )
    batched = api.get(f"/api/v2/batches/{batch_id}").json()["runs"][0]

    def status(target: str, scopes: list[str]) -> int:
        return anon.get(f"/api/v3/runs/{target}", headers=bearer(sign(emu, scopes))).status_code

    for scopes in (
        [f"read:runs:{run_id}"],
        ["read:tasks:nobody"],
        ["read:tags:team:a"],
        ["read:runs"],
        ["read:all"],
    ):
        assert status(run_id, scopes) == 200, scopes
    assert status(batched, [f"read:batch:{batch_id}"]) == 200
    for scopes in (["read:runs:run_other"], [f"write:runs:{run_id}"], ["read:tags:team"], ["admin:runs"]):
        response = anon.get(f"/api/v3/runs/{run_id}", headers=bearer(sign(emu, scopes)))
        assert (response.status_code, response.json()) == (403, UNAUTHORIZED), scopes
    missing = anon.get("/api/v3/runs/run_missing", headers=bearer(sign(emu, ["read:runs:run_other"])))
    assert (missing.status_code, missing.json(), missing.headers["x-should-retry"]) == (
        404,
        {"error": "Not found"},
        "true",
    )
    wrong = anon.get(f"/api/v3/runs/{run_id}", headers=bearer("tr_dev_wrong"))
    assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid API key"})


def test_a_batch_is_read_with_read_batch_or_read_runs(
    emu: Emulator, api: httpx.Client, anon: httpx.Client
) -> None:
    batch_id = api.post("/api/v3/batches", json={"runCount": 1}).json()["id"]

    def get(scopes: list[str], target: str = batch_id) -> httpx.Response:
        return anon.get(f"/api/v2/batches/{target}", headers=bearer(sign(emu, scopes)))

    assert get([f"read:batch:{batch_id}"]).json()["id"] == batch_id
    assert get(["read:runs"]).status_code == 200
    assert get(["read:batch"]).status_code == 200
    for scopes in (["read:batch:batch_other"], [f"write:batch:{batch_id}"], ["read:runs:run_x"]):
        response = get(scopes)
        assert (response.status_code, response.json()) == (403, UNAUTHORIZED), scopes
    missing = get(["read:batch:batch_other"], "batch_missing")
    assert (missing.status_code, missing.json()) == (404, {"error": "Not found"})
    assert (
        anon.get(f"/api/v2/batches/{batch_id}", headers=bearer(DEFAULT_ADDITIONAL_API_KEY)).status_code == 200
    )


def test_the_answer_token_of_a_batch_reads_it(emu: Emulator, api: httpx.Client, anon: httpx.Client) -> None:
    created = api.post("/api/v3/batches", json={"runCount": 1})
    token = bearer(created.headers["x-trigger-jwt"])
    assert anon.get(f"/api/v2/batches/{created.json()['id']}", headers=token).status_code == 200


# The scope grammar


def test_scopes_are_read_as_the_server_reads_them() -> None:
    def allows(scope: str, action: str, kind: str, ident: str | None) -> bool:
        return Access([scope]).allows(action, [(kind, ident)])

    assert allows("read:tags:env:staging", "read", "tags", "env:staging")
    assert not allows("read:tags:env", "read", "tags", "env:staging")
    assert allows("read:runs:", "read", "runs", "run_1")  # an empty id is no id
    assert allows("*:runs", "write", "runs", "run_1")
    assert allows("admin", "batchTrigger", "tasks", "x")
    assert not allows("admin:runs", "read", "runs", "run_1")
    assert allows("admin:runs", "admin", "runs", "run_1")
    assert not allows("read:runs:run_1", "read", "runs", None)
    assert not allows(":runs", "read", "runs", None)
    assert Access(None).allows("anything", [])
    assert Access(["read:runs"]).denied_scopes(["read:runs:run_1", "read", "read:all", "admin"]) == [
        "read",
        "read:all",
        "admin",
    ]
    assert Access(["*:all"]).denied_scopes(["admin", "write:runs"]) == []
    assert not Access(["read:runs"]).allows_every("read", [])


def test_a_padded_one_time_token_is_not_another_token(emu: Emulator, anon: httpx.Client) -> None:
    token = sign(emu, ["trigger:tasks:hello"], otu=True)
    assert (
        anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(token)).status_code
        == 200
    )
    padded = anon.post("/api/v1/tasks/hello/trigger", json={"payload": 2}, headers=bearer(token + "="))
    assert (padded.status_code, padded.json()["error"].startswith("Public Access Token is invalid.")) == (
        401,
        True,
    )


@pytest.mark.parametrize("claim", ["exp", "iat", "nbf"])
def test_time_claims_must_be_numbers(emu: Emulator, anon: httpx.Client, claim: str) -> None:
    now = int(time.time())
    token = sign(emu, ["trigger:tasks:hello"], **{claim: str(now + 100 if claim == "exp" else now)})
    response = anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(token))
    assert (response.status_code, response.json()["error"].startswith("Public Access Token is invalid.")) == (
        401,
        True,
    )


def test_a_future_iat_is_accepted_as_jose_accepts_it(emu: Emulator, anon: httpx.Client) -> None:
    token = sign(emu, ["trigger:tasks:hello"], iat=int(time.time()) + 120)
    assert (
        anon.post("/api/v1/tasks/hello/trigger", json={"payload": 1}, headers=bearer(token)).status_code
        == 200
    )


def test_public_tokens_list_and_cancel_runs_with_their_scopes(
    emu: Emulator, api: httpx.Client, anon: httpx.Client
) -> None:
    run_id = api.post("/api/v1/tasks/hello/trigger", json={"payload": 1, "options": {"delay": "1h"}}).json()[
        "id"
    ]
    for scopes, status in ((["read:runs"], 200), (["read:tasks"], 200), (["read:runs:run_x"], 403)):
        listed = anon.get("/api/v1/runs", headers=bearer(sign(emu, scopes)))
        assert listed.status_code == status, scopes
    by_task = {"filter[taskIdentifier]": "hello,other"}
    only_hello = bearer(sign(emu, ["read:tasks:hello"]))
    assert anon.get("/api/v1/runs", params=by_task, headers=only_hello).status_code == 403
    assert (
        anon.get("/api/v1/runs", params={"filter[taskIdentifier]": "hello"}, headers=only_hello).status_code
        == 200
    )
    refused = anon.post(f"/api/v2/runs/{run_id}/cancel", headers=bearer(sign(emu, ["write:runs:run_x"])))
    assert (refused.status_code, refused.json()) == (403, UNAUTHORIZED)
    cancelled = anon.post(
        f"/api/v2/runs/{run_id}/cancel", headers=bearer(sign(emu, [f"write:runs:{run_id}"]))
    )
    assert (cancelled.status_code, cancelled.json()) == (200, {"id": run_id})


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/api/v1/auth/public-tokens", {"scopes": ["read:runs"], "expirationTime": "9" * 400 + "s"}, 400),
        ("/api/v1/auth/public-tokens", {"scopes": ["\\ud800"]}, 403),
        ("/api/v1/idempotencyKeys/abc/reset", {"taskIdentifier": "\\ud800"}, 404),
        (
            "/api/v1/tasks/hello/trigger",
            {"payload": {"a": "\\ud800"}, "options": {"idempotencyKey": "\\udfff"}},
            200,
        ),
    ],
)
def test_odd_input_is_answered_not_crashed_on(
    api: httpx.Client, path: str, body: dict[str, Any], status: int
) -> None:
    # Lone surrogates are valid JSON escapes that UTF-8 cannot hold: read as U+FFFD, as Node writes them.
    text = json.dumps(body).replace("\\\\u", "\\u")
    response = api.post(path, content=text, headers={"content-type": "application/json"})
    assert response.status_code == status, response.text
