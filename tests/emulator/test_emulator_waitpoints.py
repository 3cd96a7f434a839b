"""The emulator's waitpoint token routes answer as the server does: shapes, statuses, messages, the
callback URL and its hash, timeouts on the virtual clock, idempotency keys, tokens, cursors."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
from typing import Any

import httpx
import jwt
import pytest

from trigger_client.emulator import Emulator


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _create(api: httpx.Client, body: Any = None) -> dict[str, Any]:
    return _ok(api.post("/api/v1/waitpoints/tokens", json={} if body is None else body))


def _retrieve(api: httpx.Client, token_id: str) -> dict[str, Any]:
    return _ok(api.get(f"/api/v1/waitpoints/tokens/{token_id}"))


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")  # real keys are 31 bytes
def test_create_answers_the_id_url_and_a_24_hour_token(api: httpx.Client, emu: Emulator) -> None:
    response = api.post("/api/v1/waitpoints/tokens", json={"timeout": "1h", "tags": ["b", "a"]})
    body = response.json()
    assert list(body) == ["id", "isCached", "url"] and body["isCached"] is False
    internal = body["id"].removeprefix("waitpoint_")
    digest = hmac.new(emu.api_key.encode(), internal.encode(), hashlib.sha256).hexdigest()
    assert body["url"] == f"{emu.url}/api/v1/waitpoints/tokens/{body['id']}/callback/{digest}"
    assert json.loads(response.headers["x-trigger-jwt-claims"]) == {"sub": emu.environment_id, "pub": True}
    claims = jwt.decode(
        response.headers["x-trigger-jwt"],
        emu.api_key,
        algorithms=["HS256"],
        audience="https://api.trigger.dev",
        issuer="https://id.trigger.dev",
    )
    assert (claims["scopes"], claims["exp"] - claims["iat"]) == ([f"write:waitpoints:{body['id']}"], 86400)


def test_retrieve_shape_of_a_waiting_token(api: httpx.Client) -> None:
    created = _create(api, {"timeout": "1h", "tags": ["b", "a"]})
    token = _retrieve(api, created["id"])
    assert list(token) == [
        "id",
        "type",
        "url",
        "status",
        "idempotencyKey",
        "userProvidedIdempotencyKey",
        "outputType",
        "outputIsError",
        "timeoutAt",
        "completedAfter",
        "createdAt",
        "tags",
    ]
    assert (token["type"], token["status"], token["userProvidedIdempotencyKey"], token["tags"]) == (
        "MANUAL",
        "WAITING",
        False,
        ["b", "a"],
    )
    assert (token["outputType"], token["outputIsError"], token["url"]) == (
        "application/json",
        False,
        created["url"],
    )
    assert token["timeoutAt"] == token["completedAfter"]
    assert (
        _retrieve(api, created["id"].removeprefix("waitpoint_"))["id"] == created["id"]
    )  # the internal id too


def test_complete_stores_superjson_or_text(api: httpx.Client) -> None:
    data, text, empty = (_create(api)["id"] for _ in range(3))
    assert api.post(
        f"/api/v1/waitpoints/tokens/{data}/complete", json={"data": {"approved": True}}
    ).json() == {"success": True}
    api.post(f"/api/v1/waitpoints/tokens/{text}/complete", json={"data": "yes"})
    api.post(f"/api/v1/waitpoints/tokens/{empty}/complete", json={})
    got = {token_id: _retrieve(api, token_id) for token_id in (data, text, empty)}
    assert (got[data]["output"], got[data]["outputType"], got[data]["status"]) == (
        '{"json":{"approved":true}}',
        "application/super+json",
        "COMPLETED",
    )
    assert (got[text]["output"], got[text]["outputType"]) == ("yes", "text/plain")
    assert ("output" in got[empty], got[empty]["status"], "completedAt" in got[empty]) == (
        False,
        "COMPLETED",
        True,
    )
    again = api.post(f"/api/v1/waitpoints/tokens/{data}/complete", json={"data": 2})
    assert again.json() == {"success": True}
    assert _retrieve(api, data)["output"] == '{"json":{"approved":true}}'


def test_timeouts_follow_the_virtual_clock(api: httpx.Client, emu: Emulator) -> None:
    token_id = _create(api, {"timeout": "10m"})["id"]
    timeout_at = _retrieve(api, token_id)["timeoutAt"]
    emu.advance(599)
    assert _retrieve(api, token_id)["status"] == "WAITING"
    emu.advance(2)
    token = _retrieve(api, token_id)
    assert (token["status"], token["outputIsError"], token["outputType"], token["completedAt"]) == (
        "TIMED_OUT",
        True,
        "application/json",
        timeout_at,
    )
    assert json.loads(token["output"]) == {
        "code": "TRIGGER_WAITPOINT_TIMEOUT",
        "message": f"Waitpoint timed out at {timeout_at}",
    }
    assert "timeoutAt" not in _retrieve(api, _create(api, {"timeout": "2020-01-01T00:00:00Z"})["id"])


def test_idempotency_keys_and_their_ttl(api: httpx.Client, emu: Emulator) -> None:
    first = _create(api, {"idempotencyKey": "k", "idempotencyKeyTTL": "1m"})
    assert _create(api, {"idempotencyKey": "k"}) == {**first, "isCached": True}
    emu.advance(61)
    second = _create(api, {"idempotencyKey": "k", "idempotencyKeyTTL": "1m"})
    assert second["id"] != first["id"] and second["isCached"] is False
    old = _retrieve(api, first["id"])
    assert (
        old["inactiveIdempotencyKey"],
        old["userProvidedIdempotencyKey"],
        old["idempotencyKey"] != "k",
    ) == (
        "k",
        True,
        True,
    )
    listed = api.get("/api/v1/waitpoints/tokens", params={"filter[idempotencyKey]": "k"}).json()["data"]
    assert [(item["id"], item["idempotencyKey"]) for item in listed] == [
        (second["id"], "k"),
        (first["id"], "k"),
    ]
    no_ttl = _create(api, {"idempotencyKey": "forever", "idempotencyKeyTTL": "1w"})  # not ^\d+[smhd]$: no TTL
    emu.advance(86400 * 365)
    assert _create(api, {"idempotencyKey": "forever"})["id"] == no_ttl["id"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"tags": [f"t{n}" for n in range(11)]},
            422,
            "Waitpoints can only have 10 tags, you're trying to set 11.",
        ),
        ({"tags": "t" * 129}, 400, 'Validation error: Tags must be less than 128 characters at "tags"'),
        (
            {"tags": ["ok", "t" * 129]},
            400,
            'Validation error: Tags must be less than 128 characters at "tags[1]"',
        ),
        ({"tags": [1]}, 400, 'Validation error: Invalid input at "tags"'),
        ({"timeout": {}}, 400, 'Validation error: Invalid input at "timeout"'),
        (
            {"idempotencyKey": None},
            400,
            'Validation error: Expected string, received null at "idempotencyKey"',
        ),
        (
            {"idempotencyKey": "k" * 2049},
            400,
            'Validation error: idempotencyKey must be 2048 characters or less at "idempotencyKey"',
        ),
        ([], 400, "Validation error: Expected object, received array"),
    ],
)
def test_create_bodies_the_server_refuses(api: httpx.Client, body: Any, status: int, message: str) -> None:
    response = api.post("/api/v1/waitpoints/tokens", json=body)
    assert (response.status_code, response.json()) == (status, {"error": message})


def test_create_route_method_and_size(api: httpx.Client, emu: Emulator) -> None:
    put = api.put("/api/v1/waitpoints/tokens", json={})
    assert (put.status_code, put.json(), put.headers["allow"]) == (
        405,
        {"error": "Method not allowed"},
        "POST",
    )
    big = api.post("/api/v1/waitpoints/tokens", json={"idempotencyKey": "k" * 11000})
    assert (big.status_code, big.json()) == (413, {"error": "Request body too large"})


def test_list_filters_pages_and_sorted_tags(api: httpx.Client, emu: Emulator) -> None:
    ids = [_create(api, {"tags": ["z", f"t{n}"]})["id"] for n in range(3)]
    api.post(f"/api/v1/waitpoints/tokens/{ids[0]}/complete", json={"data": 1})
    page = api.get("/api/v1/waitpoints/tokens", params={"page[size]": 2}).json()
    assert [item["id"] for item in page["data"]] == [ids[2], ids[1]]
    assert page["pagination"] == {"next": ids[1].removeprefix("waitpoint_")}
    assert page["data"][0]["tags"] == ["t2", "z"]
    assert list(page["data"][0]) == ["id", "url", "status", "tags", "createdAt"]
    rest = api.get(
        "/api/v1/waitpoints/tokens", params={"page[size]": 2, "page[after]": page["pagination"]["next"]}
    )
    assert [item["id"] for item in rest.json()["data"]] == [ids[0]]
    assert rest.json()["pagination"] == {"previous": ids[0].removeprefix("waitpoint_")}
    done = api.get("/api/v1/waitpoints/tokens", params={"filter[status]": "COMPLETED"}).json()["data"]
    assert [(item["id"], item["status"], "completedAt" in item) for item in done] == [
        (ids[0], "COMPLETED", True)
    ]
    tagged = api.get("/api/v1/waitpoints/tokens", params={"filter[tags]": "t1,t2"}).json()["data"]
    assert [item["id"] for item in tagged] == [ids[2], ids[1]]
    emu.advance(7200)
    recent = api.get("/api/v1/waitpoints/tokens", params={"filter[createdAt][period]": "1h"}).json()["data"]
    assert recent == []


@pytest.mark.parametrize(
    ("params", "issue"),
    [
        ({"filter[status]": "WAITING,DONE"}, {"code": "custom", "message": "Invalid status values: DONE"}),
        ({"filter[createdAt][from]": "someday"}, {"code": "invalid_date", "message": "Invalid date"}),
    ],
)
def test_list_query_errors(api: httpx.Client, params: dict[str, str], issue: dict[str, Any]) -> None:
    response = api.get("/api/v1/waitpoints/tokens", params=params)
    assert response.status_code == 400
    assert response.json() == {"error": "Query Error", "details": [{**issue, "path": list(params)}]}


def test_unknown_tokens(api: httpx.Client) -> None:
    missing = api.get("/api/v1/waitpoints/tokens/waitpoint_nosuchtoken0000000000001")
    assert (missing.status_code, missing.json()) == (500, {"error": "Internal Server Error"})
    complete = api.post("/api/v1/waitpoints/tokens/waitpoint_nosuchtoken0000000000001/complete", json={})
    assert (complete.status_code, complete.json()) == (404, {"error": "Waitpoint not found"})
    loader = api.get("/api/v1/waitpoints/tokens/waitpoint_nosuchtoken0000000000001/complete")
    assert (loader.status_code, loader.content) == (405, b"")


def test_complete_with_public_access_tokens(api: httpx.Client, emu: Emulator) -> None:
    mine = api.post("/api/v1/waitpoints/tokens", json={})
    other = _create(api)
    token_id, jwt_token = mine.json()["id"], mine.headers["x-trigger-jwt"]
    headers = {"authorization": f"Bearer {jwt_token}"}
    url = f"{emu.url}/api/v1/waitpoints/tokens"
    denied = httpx.post(f"{url}/{other['id']}/complete", json={"data": 1}, headers=headers)
    assert (denied.status_code, denied.json()["error"]) == (403, "Unauthorized")
    allowed = httpx.post(f"{url}/{token_id}/complete", json={"data": 1}, headers=headers)
    assert (allowed.status_code, allowed.json()) == (200, {"success": True})
    listing = httpx.get(url, headers=headers)
    assert listing.status_code == 401  # the other routes take the secret key only


def test_callback_completes_without_a_credential(emu: Emulator, api: httpx.Client) -> None:
    created = _create(api)
    response = httpx.post(created["url"], json={"done": True})
    assert (response.status_code, response.json()) == (200, {"success": True})
    assert "x-ratelimit-limit" not in response.headers
    assert _retrieve(api, created["id"])["output"] == '{"json":{"done":true}}'
    again = httpx.post(created["url"], content=b"not json")
    assert (again.status_code, _retrieve(api, created["id"])["output"]) == (200, '{"json":{"done":true}}')
    garbled = _create(api)
    httpx.post(garbled["url"], content=b"not json")
    assert _retrieve(api, garbled["id"])["output"] == '{"json":{}}'
    upper = _create(api)
    base, digest = upper["url"].rsplit("/", 1)
    assert httpx.post(f"{base}/{digest.upper()}", json=1).status_code == 200  # hex is read case-blind


@pytest.mark.parametrize(
    ("hash_of", "status", "message"),
    [
        (lambda digest: "0" * 64, 401, "Invalid URL, hash doesn't match"),
        (lambda digest: digest[:10], 401, "Invalid URL, hash doesn't match"),
        (lambda digest: "z" * 64, 500, "Failed to complete HTTP callback"),
    ],
)
def test_callback_with_a_wrong_hash(api: httpx.Client, hash_of: Any, status: int, message: str) -> None:
    base, digest = _create(api)["url"].rsplit("/", 1)
    response = httpx.post(f"{base}/{hash_of(digest)}", json={})
    assert (response.status_code, response.json()) == (status, {"error": message})


def test_callback_length_method_and_unknown_token(api: httpx.Client, emu: Emulator) -> None:
    url = _create(api)["url"]
    with socket.create_connection((emu.host, emu.port)) as sock:  # a POST with no Content-Length
        path = url.removeprefix(emu.url)
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answer = sock.makefile("rb").read().decode()
    assert answer.startswith("HTTP/1.1 411") and answer.endswith(
        '{"error":"Content-Length header is required"}'
    )
    big = httpx.post(url, content=b"1" * (3 * 1024 * 1024 + 1))
    assert (big.status_code, big.json()) == (413, {"error": "Request body too large"})
    put = api.put(url, json={})
    assert (put.status_code, put.headers["allow"]) == (405, "POST")
    assert httpx.get(url).status_code == 400  # the route has no loader
    unknown = httpx.post(
        f"{emu.url}/api/v1/waitpoints/tokens/waitpoint_nosuchtoken0000000000001/callback/ab", json={}
    )
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Waitpoint not found"})
