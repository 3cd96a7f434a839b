"""Deployments: the routes' statuses, messages and JSON shapes (``routes/api.v1.deployments*.ts``,
``changeCurrentDeployment.server.ts``)."""

from __future__ import annotations

import httpx
import pytest

from trigger_client.emulator import Emulator

GIT = {"commitSha": "abc", "branch": "main"}


def test_list_items_and_pages(emu: Emulator, api: httpx.Client) -> None:
    assert api.get("/api/v1/deployments").json() == {"data": [], "pagination": {}}
    for number in range(1, 8):
        emu.deploy(
            f"20250601.{number}",
            git=GIT if number != 7 else None,
            status="DEPLOYED" if number != 7 else "BUILDING",
            promote=False,
        )
    page = api.get("/api/v1/deployments", params={"page[size]": "1"}).json()  # used as 5
    assert [d["version"] for d in page["data"]] == [f"20250601.{n}" for n in (7, 6, 5, 4, 3)]
    newest = page["data"][0]
    assert newest == {
        "id": newest["id"],
        "createdAt": newest["createdAt"],
        "shortCode": newest["shortCode"],
        "version": "20250601.7",
        "runtime": "node",
        "runtimeVersion": "22.12.0",
        "status": "BUILDING",
        "deployedAt": None,
        "git": None,
    }
    assert len(newest["shortCode"]) == 8 and newest["id"].startswith("deployment_")
    assert page["pagination"] == {"next": page["data"][-1]["id"]}
    rest = api.get(
        "/api/v1/deployments", params={"page[size]": "5", "page[after]": page["pagination"]["next"]}
    ).json()
    assert ([d["version"] for d in rest["data"]], rest["pagination"]) == (["20250601.2", "20250601.1"], {})
    unknown = api.get("/api/v1/deployments", params={"page[after]": "deployment_nope"}).json()
    assert len(unknown["data"]) == 7  # an unknown cursor gives the first page


@pytest.mark.parametrize(
    ("params", "status", "body"),
    [
        (
            {"page[size]": "0"},
            400,
            {
                "error": "Query Error",
                "details": [
                    {"code": "too_small", "message": "Limit must be at least 1", "path": ["page[size]"]}
                ],
            },
        ),
        (
            {"page[size]": "101"},
            400,
            {
                "error": "Query Error",
                "details": [
                    {"code": "too_big", "message": "Limit must be less than 100", "path": ["page[size]"]}
                ],
            },
        ),
        ({"period": "soon"}, 500, {"error": "Internal Server Error"}),
        ({"from": "not a date"}, 500, {"error": "Internal Server Error"}),
    ],
)
def test_list_query_errors(api: httpx.Client, params: dict[str, str], status: int, body: dict) -> None:
    response = api.get("/api/v1/deployments", params=params)
    assert (response.status_code, response.json()) == (status, body)


def test_list_status_filter_is_validated(api: httpx.Client) -> None:
    response = api.get("/api/v1/deployments", params={"status": "DONE"})
    assert response.status_code == 400 and response.json()["error"] == "Query Error"


def test_current_retrieve_latest(emu: Emulator, api: httpx.Client) -> None:
    missing = api.get("/api/v1/deployments/current")
    assert (missing.status_code, missing.json(), missing.headers["x-should-retry"]) == (
        404,
        {"error": "Not found"},
        "false",
    )
    assert "x-ratelimit-limit" not in missing.headers  # current is exempt from the rate limiter
    emu.register_task("send-email", lambda payload: payload)
    made = emu.deploy("20250601.1")
    current = api.get("/api/v1/deployments/current").json()
    assert set(current) == {
        "id",
        "createdAt",
        "shortCode",
        "version",
        "runtime",
        "runtimeVersion",
        "status",
        "deployedAt",
    }
    deployment = api.get(f"/api/v1/deployments/{made['id']}").json()
    assert deployment["worker"]["tasks"][0]["slug"] == "send-email"
    assert (deployment["imagePlatform"], deployment["errorData"], deployment["commitSHA"]) == (
        "linux/amd64",
        None,
        None,
    )
    assert api.get("/api/v1/deployments/deployment_nope").json() == {"error": "Deployment not found"}
    assert api.get("/api/v1/deployments/latest").json() == {"error": "Deployment not found"}


def test_promote_route(emu: Emulator, api: httpx.Client) -> None:
    emu.deploy("20250601.1")
    emu.deploy("20250601.2", promote=False)
    assert api.get("/api/v1/deployments/20250601.2/promote").status_code == 400  # no loader
    assert api.put("/api/v1/deployments/20250601.2/promote").json() == {
        "status": 405,
        "body": "Method Not Allowed",
    }
    promoted = api.post("/api/v1/deployments/20250601.2/promote")
    assert promoted.json()["version"] == "20250601.2" and set(promoted.json()) == {
        "id",
        "version",
        "shortCode",
    }
    older = api.post("/api/v1/deployments/20250601.1/promote")
    assert (older.status_code, older.json()) == (
        400,
        {"error": "Cannot promote a deployment that is older than the current deployment."},
    )
    with httpx.Client(base_url=emu.url) as anonymous:
        assert anonymous.post("/api/v1/deployments/20250601.1/promote").status_code == 401
