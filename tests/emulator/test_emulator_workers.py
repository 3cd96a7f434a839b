"""The worker route ``GET /api/v1/projects/{projectRef}/{env}/workers/{tagName}``: statuses, messages and
the JSON shape.

Expected answers are the server's (``routes/api.v1.projects.$projectRef.$env.workers.$tagName.ts``,
``GetWorkerByTagResponse``, ``findCurrentWorkerFromEnvironment``: in a development environment the newest
worker, whatever the tag).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from trigger_client.emulator import Emulator

SCHEMA = {"type": "object", "properties": {"to": {"type": "string", "format": "email"}}, "required": ["to"]}


@pytest.fixture
def pat(emu: Emulator) -> Iterator[httpx.Client]:
    """An httpx client that sends the personal access token."""
    with httpx.Client(
        base_url=emu.url, headers={"Authorization": f"Bearer {emu.personal_access_token}"}, timeout=5.0
    ) as client:
        yield client


def path(emu: Emulator, env: str = "dev", tag: str = "current", ref: str | None = None) -> str:
    return f"/api/v1/projects/{ref or emu.project_ref}/{env}/workers/{tag}"


def test_the_current_worker_lists_the_tasks_with_their_payload_schemas(
    emu: Emulator, pat: httpx.Client
) -> None:
    emu.register_task("send-email", lambda payload: payload, payload_schema=SCHEMA, concurrency_limit=5)
    emu.register_task("nightly", lambda payload: payload, scheduled=True)
    response = pat.get(path(emu))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    worker = body["worker"]
    assert re.fullmatch(r"worker_c[0-9a-z]{24}", worker["id"])
    assert {key: worker[key] for key in ("version", "engine", "sdkVersion", "cliVersion")} == {
        "version": emu.worker_version,
        "engine": "V2",
        "sdkVersion": "4.8.3",
        "cliVersion": "4.8.3",
    }
    assert [task["slug"] for task in worker["tasks"]] == ["nightly", "send-email"]  # sorted by slug
    nightly, email = worker["tasks"]
    assert re.fullmatch(r"task_c[0-9a-z]{24}", email["id"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", email["createdAt"])
    assert {key: email[key] for key in ("filePath", "triggerSource", "payloadSchema", "queueConfig")} == {
        "filePath": "src/trigger/send-email.ts",
        "triggerSource": "STANDARD",
        "payloadSchema": SCHEMA,
        "queueConfig": {"concurrencyLimit": 5},
    }
    assert (nightly["triggerSource"], nightly["payloadSchema"], nightly["queueConfig"]) == (
        "SCHEDULED",
        None,
        None,
    )
    assert body["urls"] == {
        "runs": f"{emu.url}/orgs/emulator/projects/{emu.project_ref}/env/dev/runs?versions={emu.worker_version}"
    }
    # A development environment answers its newest worker whatever the tag; the ids stay the same.
    assert pat.get(path(emu, tag="v2")).json() == body


def test_registering_again_replaces_the_schema(emu: Emulator, pat: httpx.Client) -> None:
    emu.register_task("send-email", lambda payload: payload, payload_schema=SCHEMA)
    emu.register_task("send-email", lambda payload: payload)
    (task,) = pat.get(path(emu)).json()["worker"]["tasks"]
    assert task["payloadSchema"] is None
    with pytest.raises(ValueError, match="payload_schema must be a JSON Schema object"):
        emu.register_task("other", lambda payload: payload, payload_schema=["type"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="payload_schema must be JSON"):
        emu.register_task("other", lambda payload: payload, payload_schema={"maximum": float("nan")})
    assert [t["slug"] for t in pat.get(path(emu)).json()["worker"]["tasks"]] == ["send-email"]


def test_no_registered_task_is_no_worker(emu: Emulator, pat: httpx.Client) -> None:
    response = pat.get(path(emu))
    assert (response.status_code, response.json()) == (404, {"error": "Worker not found"})
    emu.register_task("send-email", lambda payload: payload, payload_schema=SCHEMA)
    first_id = pat.get(path(emu)).json()["worker"]["id"]
    emu.reset()
    assert pat.get(path(emu)).status_code == 404
    emu.register_task("send-email", lambda payload: payload)
    after = pat.get(path(emu)).json()["worker"]
    assert after["id"] != first_id and after["tasks"][0]["payloadSchema"] is None


@pytest.mark.parametrize(
    "authorization",
    ["Bearer tr_pat_wrongwrongwrongwrongwrongwrongwrong", "Bearer {api_key}", "Bearer {additional}"],
)
def test_only_the_personal_access_token_is_accepted(emu: Emulator, authorization: str) -> None:
    emu.register_task("send-email", lambda payload: payload)
    headers = {"Authorization": authorization.format(api_key=emu.api_key, additional=emu.additional_api_key)}
    response = httpx.get(emu.url + path(emu), headers=headers)
    assert (response.status_code, response.json()) == (401, {"error": "Invalid or Missing Access Token"})


def test_no_token_is_refused_by_the_rate_limiter_first(emu: Emulator) -> None:
    emu.register_task("send-email", lambda payload: payload)
    response = httpx.get(emu.url + path(emu))  # the route is rate-limited: the limiter needs a credential
    assert (response.status_code, response.json()["error"]) == (401, "No authorization header provided")


def test_the_path_names_a_reachable_environment(emu: Emulator, pat: httpx.Client) -> None:
    emu.register_task("send-email", lambda payload: payload)
    cases = [
        (path(emu, env="stg"), 400, "Invalid Params"),  # the route's slugs: dev, staging, prod, preview
        (path(emu, env="production"), 400, "Invalid Params"),
        (path(emu, env="prod"), 404, "Environment not found"),
        (path(emu, env="staging"), 404, "Environment not found"),
        (path(emu, ref="proj_someoneelsesproject0001"), 404, "Project not found"),
    ]
    for url, status, message in cases:
        response = pat.get(url)
        assert (url, response.status_code, response.json()) == (url, status, {"error": message})
    branch = pat.get(path(emu), headers={"x-trigger-branch": "feature-x"})
    assert (branch.status_code, branch.json()) == (404, {"error": "Branch not found"})


def test_the_route_is_a_loader(emu: Emulator, pat: httpx.Client) -> None:
    emu.register_task("send-email", lambda payload: payload)
    response = pat.post(path(emu), json={})
    assert (response.status_code, response.headers["x-remix-error"]) == (405, "yes")
