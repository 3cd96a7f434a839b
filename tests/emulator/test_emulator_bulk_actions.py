"""The emulator's bulk action routes answer as the server does: statuses, messages, shapes, cursors."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import httpx
import pytest

from trigger_client.emulator import Emulator

from .helpers import retrieve, trigger


def _create(api: httpx.Client, body: Any) -> httpx.Response:
    return api.post("/api/v1/bulk-actions", json=body)


def _finished(api: httpx.Client, bulk_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 5
    while True:
        body: dict[str, Any] = api.get(f"/api/v1/bulk-actions/{bulk_id}").json()
        if body["status"] != "PENDING":
            return body
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_create_answers_202_and_the_action_completes_with_counts(api: httpx.Client, emu: Emulator) -> None:
    delayed = [trigger(api, "t", {}, delay="1h", tags=["x"]) for _ in range(2)]
    response = _create(api, {"action": "cancel", "filter": {"tag": "x", "status": "DELAYED"}, "name": "n"})
    assert response.status_code == 202
    bulk_id = response.json()["id"]
    assert set(response.json()) == {"id"} and bulk_id.startswith("bulk_")
    body = _finished(api, bulk_id)
    assert list(body) == ["id", "name", "type", "status", "counts", "createdAt", "completedAt"]
    assert (body["name"], body["type"], body["status"], body["counts"]) == (
        "n",
        "CANCEL",
        "COMPLETED",
        {"total": 2, "success": 2, "failure": 0},
    )
    assert [retrieve(api, run_id)["status"] for run_id in delayed] == ["CANCELED", "CANCELED"]
    listed = api.get("/api/v1/runs", params={"filter[bulkAction]": bulk_id}).json()["data"]
    assert sorted(run["id"] for run in listed) == sorted(delayed)


def test_an_action_without_a_name_leaves_it_out(api: httpx.Client) -> None:
    bulk_id = _create(api, {"action": "replay", "runIds": ["run_nosuchrun000000000000001"]}).json()["id"]
    body = _finished(api, bulk_id)
    assert "name" not in body
    assert (body["type"], body["counts"]) == ("REPLAY", {"total": 0, "success": 0, "failure": 0})


def test_a_filter_without_a_time_range_selects_the_last_7_days(api: httpx.Client, emu: Emulator) -> None:
    old = trigger(api, "t", {}, delay="30d")
    emu.advance(8 * 86400)
    recent = trigger(api, "t", {}, delay="30d")
    bulk_id = _create(api, {"action": "cancel", "filter": {"taskIdentifier": ["t"]}}).json()["id"]
    assert _finished(api, bulk_id)["counts"]["total"] == 1
    assert (retrieve(api, old)["status"], retrieve(api, recent)["status"]) == ("DELAYED", "CANCELED")


def test_runs_created_after_the_action_are_not_selected(api: httpx.Client, emu: Emulator) -> None:
    emu.bulk_action_batch_size = 1
    emu.bulk_action_batch_delay_s = 1
    first = [trigger(api, "t", {}, delay="1h") for _ in range(2)]
    bulk_id = _create(api, {"action": "cancel", "filter": {"status": ["DELAYED"]}}).json()["id"]
    later = trigger(api, "t", {}, delay="1h")
    emu.advance(5)
    body = _finished(api, bulk_id)
    assert body["counts"] == {"total": 2, "success": 2, "failure": 0}
    assert [retrieve(api, run_id)["status"] for run_id in [*first, later]] == [
        "CANCELED",
        "CANCELED",
        "DELAYED",
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"action": "cancel"}, "Validation error: Exactly one of filter or runIds must be provided"),
        (
            {"action": "cancel", "runIds": ["run_1"], "filter": {"tag": "x"}},
            "Validation error: Exactly one of filter or runIds must be provided",
        ),
        (
            {"action": "cancel", "filter": {}},
            'Validation error: At least one filter must be provided at "filter"',
        ),
        (
            {"action": "cancel", "filter": {"tag": ["", " "]}},
            'Validation error: At least one filter must be provided at "filter"',
        ),
        (
            {"action": "cancel", "runIds": ["run_1"], "targetRegion": "us-east-1"},
            'Validation error: Expected never, received string at "targetRegion"',
        ),
        (
            {"action": "replay", "runIds": ["run_1"], "name": "n" * 256},
            'Validation error: Name must be less than 255 characters at "name"',
        ),
        (
            {"action": "replay", "runIds": [], "name": "n" * 256},
            'Validation error: Array must contain at least 1 element(s) at "runIds"; '
            'Name must be less than 255 characters at "name"',
        ),
        (
            {"action": "stop", "runIds": ["run_1"]},
            "Validation error: Invalid discriminator value. Expected 'cancel' | 'replay' at \"action\"",
        ),
        (["cancel"], "Validation error: Expected object, received array"),
        (
            {"action": "cancel", "filter": {"status": "REATTEMPTING", "isTest": "no"}},
            'Validation error: Invalid input at "filter.status"; Expected boolean, received string at '
            '"filter.isTest"',
        ),
        (
            {"action": "cancel", "runIds": [1]},
            'Validation error: Expected string, received number at "runIds[0]"',
        ),
        (
            {"action": "cancel", "runIds": [f"run_{n}" for n in range(501)]},
            "Too many runIds (501). Maximum is 500. Use a filter to select more runs.",
        ),
    ],
)
def test_bodies_the_server_refuses(api: httpx.Client, body: Any, message: str) -> None:
    response = _create(api, body)
    assert (response.status_code, response.json()) == (400, {"error": message})


def test_body_parsing_and_authentication(api: httpx.Client, emu: Emulator) -> None:
    assert api.post("/api/v1/bulk-actions", content=b"").json() == {"error": "Request body is empty"}
    assert api.post("/api/v1/bulk-actions", content=b"null").json() == {"error": "Invalid JSON"}
    big = api.post("/api/v1/bulk-actions", content=b" " * (1024 * 1024 + 1))
    assert (big.status_code, big.json()) == (413, {"error": "Request body too large"})
    wrong = httpx.post(
        f"{emu.url}/api/v1/bulk-actions",
        json={"action": "cancel"},
        headers={"authorization": "Bearer tr_dev_x"},
    )
    assert wrong.status_code == 401


def test_an_unreadable_period_fails_as_on_the_server(api: httpx.Client) -> None:
    response = _create(api, {"action": "cancel", "filter": {"period": "soon"}})
    assert (response.status_code, response.json()) == (500, {"error": "Failed to create bulk action"})


def test_a_fourth_replay_in_progress_is_refused(api: httpx.Client, emu: Emulator) -> None:
    emu.bulk_action_batch_size = 1
    emu.bulk_action_batch_delay_s = 3600
    runs = [trigger(api, "t", {}, delay="1h") for _ in range(2)]
    for _ in range(3):
        assert _create(api, {"action": "replay", "runIds": runs}).status_code == 202
    refused = _create(api, {"action": "replay", "runIds": runs})
    assert (refused.status_code, refused.headers["x-should-retry"]) == (429, "false")
    assert refused.json() == {
        "error": "You can only run 3 bulk replays at a time in this environment. Wait for an in-progress "
        "replay to finish before starting another."
    }


def test_list_pages_newest_first_with_opaque_cursors(api: httpx.Client) -> None:
    ids = [_create(api, {"action": "cancel", "runIds": ["run_1"]}).json()["id"] for _ in range(3)]
    first = api.get("/api/v1/bulk-actions", params={"page[size]": 2}).json()
    assert [item["id"] for item in first["data"]] == [ids[2], ids[1]]
    assert set(first["pagination"]) == {"next"}
    cursor = json.loads(base64.urlsafe_b64decode(first["pagination"]["next"] + "=="))
    assert set(cursor) == {"createdAt", "id"} and cursor["id"] == ids[1].removeprefix("bulk_")
    second = api.get(
        "/api/v1/bulk-actions", params={"page[size]": 2, "page[after]": first["pagination"]["next"]}
    )
    assert [item["id"] for item in second.json()["data"]] == [ids[0]]
    assert set(second.json()["pagination"]) == {"previous"}
    back = api.get(
        "/api/v1/bulk-actions",
        params={"page[size]": 2, "page[before]": second.json()["pagination"]["previous"]},
    ).json()
    assert [item["id"] for item in back["data"]] == [ids[2], ids[1]]
    assert set(back["pagination"]) == {"next"}


@pytest.mark.parametrize(
    "params",
    [{"page[after]": "not-a-cursor"}, {"page[after]": "e30", "page[before]": "e30"}, {"page[after]": "e30"}],
)
def test_unreadable_cursors_are_a_500(api: httpx.Client, params: dict[str, str]) -> None:
    response = api.get("/api/v1/bulk-actions", params=params)
    assert (response.status_code, response.json()) == (500, {"error": "Internal Server Error"})


def test_page_size_out_of_range_is_a_query_error(api: httpx.Client) -> None:
    response = api.get("/api/v1/bulk-actions", params={"page[size]": 101})
    assert response.status_code == 400
    assert response.json()["error"] == "Query Error"
    assert response.json()["details"][0]["message"] == "Number must be less than or equal to 100"


def test_retrieve_and_abort_of_unknown_actions(api: httpx.Client) -> None:
    missing = api.get("/api/v1/bulk-actions/bulk_nosuchbulkaction00000001")
    assert (missing.status_code, missing.json(), missing.headers["x-should-retry"]) == (
        404,
        {"error": "Not found"},
        "false",
    )
    abort = api.post("/api/v1/bulk-actions/bulk_nosuchbulkaction00000001/abort")
    assert (abort.status_code, abort.json()) == (404, {"error": "Resource not found"})
    loader = api.get("/api/v1/bulk-actions/bulk_nosuchbulkaction00000001/abort")
    assert (loader.status_code, loader.content) == (405, b"")


def test_abort_then_abort_again_and_abort_of_a_completed_action(api: httpx.Client, emu: Emulator) -> None:
    emu.bulk_action_batch_size = 1
    emu.bulk_action_batch_delay_s = 3600
    runs = [trigger(api, "t", {}, delay="1h") for _ in range(2)]
    bulk_id = _create(api, {"action": "cancel", "runIds": runs}).json()["id"]
    aborted = api.post(f"/api/v1/bulk-actions/{bulk_id}/abort")
    assert (aborted.status_code, aborted.json()) == (200, {"id": bulk_id})
    assert api.get(f"/api/v1/bulk-actions/{bulk_id}").json()["status"] == "ABORTED"
    again = api.post(f"/api/v1/bulk-actions/{bulk_id}/abort")
    assert (again.status_code, again.json()) == (
        409,
        {"error": f"Bulk action group already aborted: {bulk_id}"},
    )
    emu.bulk_action_batch_delay_s = 0
    done_id = _create(api, {"action": "cancel", "runIds": ["run_1"]}).json()["id"]
    _finished(api, done_id)
    completed = api.post(f"/api/v1/bulk-actions/{done_id}/abort")
    assert completed.json() == {"error": f"Bulk action group already completed: {done_id}"}
