"""Listing runs (pagination, filters, 400s) and the two status vocabularies."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from trigger_api.models.list_runs_response import ListRunsResponse
from trigger_client.emulator import Emulator

from .helpers import assert_no_nulls, retrieve, trigger

LEGACY = {"x-trigger-api-version": "none"}


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [run["id"] for run in response.json()["data"]]


def test_list_pages_newest_first_with_run_id_cursors(emu: Emulator, api: httpx.Client) -> None:
    created = [trigger(api, "t", n) for n in range(5)]
    newest_first = list(reversed(created))
    page1 = api.get("/api/v1/runs", params={"page[size]": 2})
    assert ids(page1) == newest_first[:2]
    assert page1.json()["pagination"] == {"next": newest_first[1]}
    page2 = api.get("/api/v1/runs", params={"page[size]": 2, "page[after]": newest_first[1]})
    assert ids(page2) == newest_first[2:4]
    assert page2.json()["pagination"] == {"next": newest_first[3], "previous": newest_first[2]}
    page3 = api.get("/api/v1/runs", params={"page[size]": 2, "page[after]": newest_first[3]})
    assert (ids(page3), page3.json()["pagination"]) == (newest_first[4:], {"previous": newest_first[4]})
    back = api.get("/api/v1/runs", params={"page[size]": 2, "page[before]": newest_first[2]})
    assert ids(back) == newest_first[:2]
    assert back.json()["pagination"] == {"next": newest_first[1]}
    assert len(ids(api.get("/api/v1/runs"))) == 5  # default page size 25


def test_list_item_shape(emu: Emulator, api: httpx.Client) -> None:
    trigger(api, "t", {"a": 1}, tags=["x", "y"], metadata={"m": 1}, machine="small-2x", region="eu-central-1")
    body = api.get("/api/v1/runs").json()
    ListRunsResponse.from_dict(body)
    (item,) = body["data"]
    assert_no_nulls(item)
    assert item["env"] == {"id": emu.environment_id, "name": "dev", "user": "emulator"}
    assert (item["status"], item["taskKind"], item["tags"], item["metadata"]) == (
        "PENDING_VERSION",
        "STANDARD",
        ["x", "y"],
        {"m": 1},
    )
    assert (item["region"], item["depth"], item["durationMs"], item["isTest"]) == (
        "eu-central-1",
        0,
        0,
        False,
    )
    assert "payload" not in item and "output" not in item


def test_list_filters(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("done", lambda payload: payload)
    done = trigger(api, "done", 1, tags=["a"], machine="small-1x")
    emu.wait_for_idle()
    waiting = trigger(api, "waiting", 2, tags=["b"], test=True, queue={"name": "custom-queue"})
    delayed = trigger(api, "waiting", 3, delay="1h", tags=["a", "c"])

    def listed(**params: str) -> list[str]:
        return sorted(ids(api.get("/api/v1/runs", params=params)))

    assert listed(**{"filter[status]": "COMPLETED"}) == [done]
    assert listed(**{"filter[status]": "PENDING_VERSION,DELAYED"}) == sorted([waiting, delayed])
    assert listed(**{"filter[taskIdentifier]": "waiting"}) == sorted([waiting, delayed])
    assert listed(**{"filter[tag]": "a"}) == sorted([done, delayed])
    assert listed(**{"filter[tag]": "b,c"}) == sorted([waiting, delayed])
    assert listed(**{"filter[isTest]": "true"}) == [waiting]
    assert listed(**{"filter[isTest]": "false"}) == sorted([done, delayed])
    assert listed(**{"filter[queue]": "task/done"}) == [done]
    assert listed(**{"filter[queue]": "custom-queue,task/nothing"}) == [waiting]
    assert listed(**{"filter[machine]": "small-1x"}) == [done]
    assert listed(**{"filter[version]": retrieve(api, done)["version"]}) == [done]
    run = retrieve(api, done)
    created_ms = api.get("/api/v1/runs").json()["data"][-1]["createdAt"]
    assert created_ms == run["createdAt"]
    assert (
        listed(**{"filter[createdAt][from]": "2000-01-01T00:00:00Z", "filter[createdAt][to]": "2001-01-01"})
        == []
    )


def test_list_shows_only_the_last_seven_days_by_default(emu: Emulator, api: httpx.Client) -> None:
    old = trigger(api, "t", 1)
    emu.advance(8 * 24 * 3600)
    new = trigger(api, "t", 2)
    assert ids(api.get("/api/v1/runs")) == [new]
    assert ids(api.get("/api/v1/runs", params={"filter[createdAt][period]": "30d"})) == [new, old]
    assert ids(api.get("/api/v1/runs", params={"filter[createdAt][period]": "1d"})) == [new]
    assert ids(api.get("/api/v1/runs", params={"filter[createdAt][from]": "0"})) == [new, old]


@pytest.mark.parametrize(
    ("params", "issue"),
    [
        ({"page[size]": "101"}, {"code": "too_big", "message": "Number must be less than or equal to 100"}),
        ({"page[size]": "abc"}, {"code": "invalid_type", "message": "Expected number, received nan"}),
        ({"page[size]": "0"}, {"code": "too_small", "message": "Number must be greater than 0"}),
        (
            {"filter[status]": "COMPLETED,DONE,NOPE"},
            {"code": "custom", "message": "Invalid status values: DONE, NOPE"},
        ),
        ({"filter[isTest]": "yes"}, {"code": "custom", "message": "Invalid value for isTest: yes"}),
        ({"filter[machine]": "gigantic"}, {"code": "custom", "message": "Invalid machine values: gigantic"}),
        ({"filter[createdAt][from]": "not a date"}, {"code": "invalid_date", "message": "Invalid date"}),
    ],
)
def test_list_query_errors(api: httpx.Client, params: dict[str, str], issue: dict[str, Any]) -> None:
    response = api.get("/api/v1/runs", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "Query Error"
    first = body["details"][0]
    assert {key: first[key] for key in issue} == issue
    assert first["path"] == [next(iter(params))]


@pytest.mark.parametrize(
    ("internal", "v4", "legacy", "flags"),
    [
        ("PENDING", "QUEUED", "QUEUED", {"isQueued"}),
        ("DEQUEUED", "DEQUEUED", "EXECUTING", {"isExecuting"}),
        ("RETRYING_AFTER_FAILURE", "EXECUTING", "REATTEMPTING", {"isExecuting"}),
        ("WAITING_TO_RESUME", "WAITING", "FROZEN", None),
        ("WAITING_FOR_DEPLOY", "PENDING_VERSION", "WAITING_FOR_DEPLOY", {"isQueued"}),
        ("COMPLETED_WITH_ERRORS", "FAILED", "FAILED", {"isCompleted", "isFailed"}),
        ("INTERRUPTED", "FAILED", "INTERRUPTED", {"isCompleted", "isFailed"}),
        ("CANCELED", "CANCELED", "CANCELED", {"isCompleted", "isFailed", "isCancelled"}),
        ("CRASHED", "CRASHED", "CRASHED", {"isCompleted", "isFailed"}),
        ("EXPIRED", "EXPIRED", "EXPIRED", set()),
        ("TIMED_OUT", "TIMED_OUT", "TIMED_OUT", set()),
    ],
)
def test_status_vocabulary_follows_the_api_version_header(
    emu: Emulator, api: httpx.Client, internal: str, v4: str, legacy: str, flags: set[str] | None
) -> None:
    run_id = trigger(api, "nobody", 1)
    emu.set_run_status(run_id, internal)
    new = retrieve(api, run_id)
    old = api.get(f"/api/v3/runs/{run_id}", headers=LEGACY).json()
    plain = api.get(f"/api/v3/runs/{run_id}", headers={"x-trigger-api-version": ""}).json()
    assert (new["status"], old["status"], plain["status"]) == (v4, legacy, legacy)
    names = ("isQueued", "isExecuting", "isWaiting", "isCompleted", "isSuccess", "isFailed", "isCancelled")
    if flags is not None:
        assert {name for name in names if new[name]} == flags
    else:  # WAITING is "waiting" in v4 but FROZEN is "executing" in the legacy vocabulary
        assert ({n for n in names if new[n]}, {n for n in names if old[n]}) == (
            {"isWaiting"},
            {"isExecuting"},
        )


@pytest.mark.parametrize(
    ("internal", "finds", "misses"),
    [
        ("PENDING", "QUEUED", "PENDING_VERSION"),
        ("DEQUEUED", "DEQUEUED", "EXECUTING"),
        ("EXECUTING", "EXECUTING", "DEQUEUED"),
        ("RETRYING_AFTER_FAILURE", "REATTEMPTING", "EXECUTING"),
        ("WAITING_TO_RESUME", "WAITING,FROZEN", "EXECUTING"),
        ("PAUSED", "FROZEN", "WAITING"),
        ("INTERRUPTED", "INTERRUPTED", "FAILED"),
        ("COMPLETED_WITH_ERRORS", "FAILED", "INTERRUPTED"),
        ("WAITING_FOR_DEPLOY", "WAITING_FOR_DEPLOY", "PENDING_VERSION"),
    ],
)
def test_status_filter_accepts_both_vocabularies_as_the_server_maps_them(
    emu: Emulator, api: httpx.Client, internal: str, finds: str, misses: str
) -> None:
    run_id = trigger(api, "nobody", 1)
    emu.set_run_status(run_id, internal)
    assert ids(api.get("/api/v1/runs", params={"filter[status]": finds})) == [run_id]
    assert ids(api.get("/api/v1/runs", params={"filter[status]": misses})) == []


def test_set_run_status_accepts_statuses_nobody_has_heard_of(emu: Emulator, api: httpx.Client) -> None:
    run_id = trigger(api, "nobody", 1)
    emu.set_run_status(run_id, "HIBERNATING_UNTIL_SPRING")
    for headers in ({}, LEGACY):
        run = api.get(f"/api/v3/runs/{run_id}", headers=headers).json()
        assert run["status"] == "HIBERNATING_UNTIL_SPRING"
        assert not any(value for key, value in run.items() if key.startswith("is") and key != "isTest")
    assert api.get("/api/v1/runs").json()["data"][0]["status"] == "HIBERNATING_UNTIL_SPRING"
    with pytest.raises(KeyError):
        emu.set_run_status("run_missing", "COMPLETED")


def test_unknown_run_is_a_retryable_404(api: httpx.Client) -> None:
    response = api.get("/api/v3/runs/run_doesnotexist")
    assert (response.status_code, response.json()) == (404, {"error": "Not found"})
    assert response.headers["x-should-retry"] == "true"
