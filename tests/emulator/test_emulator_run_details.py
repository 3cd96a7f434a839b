"""Run metadata, tags, trace and spans: the routes' methods, statuses, messages and shapes
(``routes/api.v1.runs.$runId.metadata.ts``, ``…tags.ts``, ``…trace.ts``, ``…spans.$spanId.ts``,
``services/metadata/updateMetadata.server.ts``)."""

from __future__ import annotations

import json

import httpx
import pytest

from trigger_client.emulator import Emulator
from trigger_client.emulator._run_details import apply_operations, is_safe_key

from .helpers import trigger


@pytest.fixture
def run_id(api: httpx.Client) -> str:
    return trigger(api, "not-deployed", {"n": 1}, delay="1h", metadata={"a": 1}, tags=["x"])


def test_metadata_get_answers_the_stored_packet(api: httpx.Client, run_id: str) -> None:
    assert api.get(f"/api/v1/runs/{run_id}/metadata").json() == {
        "metadata": '{"a":1}',
        "metadataType": "application/json",
    }
    bare = trigger(api, "not-deployed", 1)
    assert api.get(f"/api/v1/runs/{bare}/metadata").json() == {
        "metadata": None,
        "metadataType": "application/json",
    }
    missing = api.get("/api/v1/runs/run_nothere0000000000000000001/metadata")
    assert (missing.status_code, missing.json()) == (404, {"error": "Run not found"})


def test_metadata_put_operations_win_over_metadata(api: httpx.Client, run_id: str) -> None:
    body = {"metadata": {"ignored": True}, "operations": [{"type": "set", "key": "b", "value": 2}]}
    response = api.put(f"/api/v1/runs/{run_id}/metadata", json=body)
    assert (response.status_code, response.json()) == (200, {"metadata": {"a": 1, "b": 2}})
    replaced = api.put(f"/api/v1/runs/{run_id}/metadata", json={"metadata": {"c": 3}})
    assert replaced.json() == {"metadata": {"c": 3}}
    assert api.put(f"/api/v1/runs/{run_id}/metadata", json={}).json() == {"metadata": {}}
    assert api.get(f"/api/v1/runs/{run_id}/metadata").json()["metadata"] == '{"c":3}'


def test_metadata_put_refusals(api: httpx.Client, run_id: str, emu: Emulator) -> None:
    path = f"/api/v1/runs/{run_id}/metadata"
    unsafe = api.put(path, json={"operations": [{"type": "set", "key": "__proto__", "value": 1}]})
    assert unsafe.status_code == 400
    assert unsafe.json()["error"] == (
        'Validation error: Metadata key may not reference __proto__, constructor, or prototype at "operations[0].key"'
    )
    unknown = api.put(path, json={"operations": [{"type": "merge"}]})
    assert unknown.status_code == 400 and unknown.json()["error"].startswith(
        "Validation error: Invalid discriminator"
    )
    patch = api.patch(path, json={})
    assert (patch.status_code, patch.json(), patch.headers["allow"]) == (
        405,
        {"error": "Method not allowed"},
        "PUT",
    )
    no_length = api.put(path, content=iter([b"{}"]))
    assert (no_length.status_code, no_length.json()) == (413, {"error": "Request body too large"})
    missing = api.put("/api/v1/runs/run_nothere0000000000000000001/metadata", json={"metadata": {}})
    assert (missing.status_code, missing.json()) == (404, {"error": "Task Run not found"})
    wrong_key = httpx.put(emu.url + path, json={}, headers={"Authorization": "Bearer tr_dev_wrong"})
    assert (wrong_key.status_code, wrong_key.json()) == (401, {"error": "Invalid API key"})


def test_tags_route_methods_and_bodies(api: httpx.Client, run_id: str, emu: Emulator) -> None:
    path = f"/api/v1/runs/{run_id}/tags"
    assert api.post(path, json={"tags": "y"}).json() == {"message": "Successfully set 1 new tags."}
    assert api.post(path, json={"tags": ["x", "y"]}).json() == {"message": "No new tags to add"}
    assert api.get(path).status_code == 400  # no loader
    assert api.put(path, json={"tags": "z"}).json() == {"status": 405, "body": "Method Not Allowed"}
    not_json = api.post(path, content=b"{", headers={"content-type": "application/json"})
    assert (not_json.status_code, not_json.json()) == (
        500,
        {"error": "Something went wrong, please try again."},
    )
    too_long = api.post(path, json={"tags": ["t" * 129]})
    assert too_long.status_code == 400
    assert too_long.json()["error"] == "Invalid request body"
    assert too_long.json()["issues"][0]["message"] == "Tags must be less than 128 characters"
    no_key = httpx.post(emu.url + path, json={"tags": "z"}, headers={"Authorization": "Bearer tr_dev_wrong"})
    assert (no_key.status_code, no_key.json()) == (401, {"error": "Invalid or Missing API Key"})


def test_trace_and_span_shapes(api: httpx.Client, run_id: str) -> None:
    trace = api.get(f"/api/v1/runs/{run_id}/trace").json()["trace"]
    root = trace["rootSpan"]
    assert root == {
        "id": root["id"],
        "runId": run_id,
        "data": {
            "message": "not-deployed",
            "taskSlug": "not-deployed",
            "events": [],
            "startTime": root["data"]["startTime"],
            "duration": 0,
            "isError": False,
            "isPartial": True,
            "isCancelled": False,
            "level": "TRACE",
        },
        "children": [],
    }
    assert root["data"]["startTime"].endswith("Z") and len(trace["traceId"]) == 32
    span = api.get(f"/api/v1/runs/{run_id}/spans/{root['id']}").json()
    assert span == {
        "spanId": root["id"],
        "parentId": None,
        "runId": run_id,
        "message": "not-deployed",
        "isError": False,
        "isPartial": True,
        "isCancelled": False,
        "level": "TRACE",
        "startTime": root["data"]["startTime"],
        "durationMs": 0.0,
    }
    missing = api.get("/api/v1/runs/run_nothere0000000000000000001/trace")
    assert (missing.status_code, missing.headers["x-should-retry"]) == (404, "true")


def test_operations_semantics() -> None:
    start = {"n": 1, "list": [1, {"a": 1}, True], "text": "t"}
    result, applied = apply_operations(
        start,
        [
            {"type": "increment", "key": "n", "value": 2.5},
            {"type": "increment", "key": "text", "value": 1},  # not a number: counts as 0
            {"type": "remove", "key": "list", "value": 1},  # 1 and true differ, as in JavaScript
            {"type": "remove", "key": "n", "value": 1},  # not a list: skipped
            {"type": "append", "key": "text", "value": "u"},
            {"type": "set", "key": "$.deep.path[1]", "value": "v"},
            {"type": "delete", "key": "$.deep"},  # delete takes the key literally
        ],
    )
    assert result == {"n": 3.5, "list": [{"a": 1}, True], "text": [1, "u"], "deep": {"path": [None, "v"]}}
    assert applied == 6
    assert start["n"] == 1  # the input is not changed
    assert is_safe_key("constructor") and not is_safe_key("__proto__")
    assert not is_safe_key("$.a.prototype") and is_safe_key("$.a.b")
    assert json.dumps(result)  # still JSON
