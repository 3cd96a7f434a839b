"""Fault injection (Python and HTTP control API), request recording, and the server's lifecycle."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from trigger_client.emulator import Emulator, RecordedRequest

from .helpers import trigger

RUNS = "/api/v3/runs/*"


def test_status_fault_with_an_html_body_and_extra_headers(emu: Emulator, api: httpx.Client) -> None:
    emu.faults.add(
        action="status",
        status=520,
        body="<html>Web server is down</html>",
        content_type="text/html",
        headers={"x-should-retry": "false"},
        path=RUNS,
        method="GET",
        times=2,
    )
    for _ in range(2):
        response = api.get("/api/v3/runs/run_x")
        assert (response.status_code, response.text) == (520, "<html>Web server is down</html>")
        assert response.headers["content-type"] == "text/html"
        assert response.headers["x-should-retry"] == "false"
    assert api.get("/api/v3/runs/run_x").json() == {"error": "Not found"}  # the rule is used up
    assert api.post("/api/v2/runs/run_x/cancel").status_code == 404  # other paths never matched


def test_a_forever_rule_matches_by_method(emu: Emulator, api: httpx.Client) -> None:
    rule = emu.faults.add(
        "status", status=503, body='{"error":"busy"}', path="/api/v1/*", method="post", times=0
    )
    for _ in range(3):
        assert api.post("/api/v1/tasks/t/trigger", json={}).status_code == 503
    assert api.get("/api/v1/runs").status_code == 200
    assert rule.hits == 3
    emu.faults.clear()
    assert api.post("/api/v1/tasks/t/trigger", json={}).status_code == 200


def test_rate_limit_in_milliseconds_is_a_problem_document(emu: Emulator, api: httpx.Client) -> None:
    emu.faults.add(action="rate_limit", reset_form="ms", reset_in_s=30, retry_after=12, path=RUNS)
    before_ms = time.time() * 1000
    response = api.get("/api/v3/runs/run_x")
    assert response.status_code == 429
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert (body["title"], body["status"], body["remaining"], body["limit"]) == (
        "Rate Limit Exceeded",
        429,
        0,
        750,
    )
    assert body["type"] == "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429"
    assert (
        body["detail"]
        == body["error"]
        == "Rate limit exceeded 0/750 requests remaining. Retry in 30 seconds."
    )
    assert body["secondsUntilReset"] == 30
    reset_ms = int(response.headers["x-ratelimit-reset"])
    assert reset_ms == body["reset"] and before_ms + 29_000 < reset_ms < before_ms + 31_000
    assert (response.headers["x-ratelimit-remaining"], response.headers["retry-after"]) == ("0", "12")


def test_rate_limit_in_seconds_is_the_batch_limiter(emu: Emulator, api: httpx.Client) -> None:
    emu.faults.add(action="rate_limit", reset_form="seconds", reset_in_s=2.5, path="/api/v3/batches")
    before = time.time()
    response = api.post("/api/v3/batches", json={"runCount": 1})
    assert response.status_code == 429
    assert response.json()["error"].startswith("Batch rate limit exceeded. Limit resets at ")
    assert before + 1 < int(response.headers["x-ratelimit-reset"]) < before + 4  # epoch seconds
    assert (response.headers["retry-after"], response.headers["x-ratelimit-remaining"]) == ("3", "0")


def test_latency_delays_the_answer(emu: Emulator, api: httpx.Client) -> None:
    emu.faults.add(action="latency", seconds=0.3, path=RUNS)
    started = time.monotonic()
    response = api.get("/api/v3/runs/run_x")
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 404  # then answered normally


def test_hang_never_answers(emu: Emulator, api: httpx.Client) -> None:
    emu.faults.add(action="hang", path=RUNS)
    with pytest.raises(httpx.ReadTimeout):
        api.get("/api/v3/runs/run_x", timeout=0.2)
    assert [r.path for r in emu.requests] == ["/api/v3/runs/run_x"]


def test_drop_closes_the_connection_without_an_answer(emu: Emulator, api: httpx.Client) -> None:
    emu.faults.add(action="drop", path=RUNS, times=1)
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.get("/api/v3/runs/run_x")
    assert api.get("/api/v3/runs/run_x").status_code == 404  # the next request gets through


def test_drop_after_commit_creates_exactly_one_run(emu: Emulator, api: httpx.Client) -> None:
    emu.faults.add(action="drop_after_commit", method="POST", path="/api/v1/tasks/*/trigger")
    headers = {"x-trigger-request-idempotency-key": "c0ffee00-0000-4000-8000-000000000001"}
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.post("/api/v1/tasks/t/trigger", json={"payload": 1}, headers=headers)
    runs = api.get("/api/v1/runs").json()["data"]
    assert len(runs) == 1  # the run was created although no answer came back
    retried = api.post("/api/v1/tasks/t/trigger", json={"payload": 1}, headers=headers)
    assert retried.json() == {"id": runs[0]["id"], "isCached": False}
    assert len(api.get("/api/v1/runs").json()["data"]) == 1


def test_fault_arguments_are_checked(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="unknown fault action"):
        emu.faults.add("explode")
    with pytest.raises(ValueError, match="unknown fault fields"):
        emu.faults.add("status", colour="red")
    with pytest.raises(ValueError, match="reset_form"):
        emu.faults.add("rate_limit", reset_form="minutes")


@pytest.mark.parametrize("status", [100, 101, 199, 600, 700, 999, 1000, -1, True, "abc", None, 10**30])
def test_fault_statuses_that_cannot_be_sent_are_refused(emu: Emulator, status: object) -> None:
    with pytest.raises(ValueError, match="status must be an HTTP status from 200 to 599"):
        emu.faults.add(action="status", status=status, path=RUNS)
    assert emu.faults.rules == []


@pytest.mark.parametrize("status", [200, 299, 418, 499, 520, 561, 599, "561"])
def test_non_standard_fault_statuses_up_to_599_reach_the_client(
    emu: Emulator, api: httpx.Client, status: int | str
) -> None:
    emu.faults.add(action="status", status=status, path=RUNS)
    response = api.get("/api/v3/runs/run_x")
    assert response.status_code == int(status)
    assert "error" in response.json()


@pytest.mark.parametrize("status", [204, 304])
def test_bodiless_fault_statuses_send_no_body(emu: Emulator, api: httpx.Client, status: int) -> None:
    emu.faults.add(action="status", status=status, path=RUNS, times=2)
    for _ in range(2):  # the connection stays usable
        response = api.get("/api/v3/runs/run_x")
        assert (response.status_code, response.content) == (status, b"")
    with pytest.raises(ValueError, match="has no body"):
        emu.faults.add(action="status", status=status, body="{}")


def test_control_api_refuses_unsendable_fault_statuses_with_400(emu: Emulator, api: httpx.Client) -> None:
    with httpx.Client(base_url=emu.url) as control:
        for status in (600, 999, 100):
            refused = control.post("/__emulator/faults", json={"action": "status", "status": status})
            assert refused.status_code == 400
            assert refused.json()["error"].startswith("status must be an HTTP status from 200 to 599")
        mixed = [{"action": "status", "status": 503, "path": RUNS}, {"action": "status", "status": 700}]
        assert control.post("/__emulator/faults", json=mixed).status_code == 400
        assert control.get("/__emulator/faults").json() == []  # all or none: the 503 rule was not added
        assert control.post("/__emulator/faults", json=[1]).status_code == 400
        added = control.post("/__emulator/faults", json={"action": "status", "status": 561, "path": RUNS})
        assert added.status_code == 201 and added.json()["status"] == 561
    assert api.get("/api/v3/runs/run_x").status_code == 561


def test_requests_are_recorded_with_their_bodies(emu: Emulator, api: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"index":0,"task":"t"}\n'
        yield b'{"index":1,"task":"t"}\n'

    api.get("/api/v1/runs", params={"filter[status]": "QUEUED", "page[size]": 5})
    api.post(
        "/api/v3/batches/batch_x/items", content=chunks(), headers={"content-type": "application/x-ndjson"}
    )
    listed, items = emu.requests
    assert isinstance(listed, RecordedRequest)
    assert (listed.method, listed.path, listed.query) == (
        "GET",
        "/api/v1/runs",
        "filter%5Bstatus%5D=QUEUED&page%5Bsize%5D=5",
    )
    assert listed.headers["authorization"] == f"Bearer {emu.api_key}" and listed.body == b""
    assert items.body == b'{"index":0,"task":"t"}\n{"index":1,"task":"t"}\n'
    assert items.headers["transfer-encoding"] == "chunked"
    emu.clear_requests()
    assert emu.requests == []


def test_control_api(emu: Emulator, api: httpx.Client) -> None:
    with httpx.Client(base_url=emu.url) as control:  # no authentication needed
        added = control.post(
            "/__emulator/faults", json={"action": "status", "status": 502, "path": RUNS, "times": 1}
        )
        assert added.status_code == 201 and added.json()["action"] == "status"
        assert [rule["status"] for rule in control.get("/__emulator/faults").json()] == [502]
        assert api.get("/api/v3/runs/run_x").status_code == 502
        assert control.post("/__emulator/faults", json={"action": "nope"}).status_code == 400
        control.post(
            "/__emulator/faults", json=[{"action": "drop", "path": "/x"}, {"action": "hang", "path": "/y"}]
        )
        assert control.delete("/__emulator/faults").json() == {"cleared": 3}
        recorded = control.get("/__emulator/requests").json()
        assert [(r["method"], r["path"]) for r in recorded] == [("GET", "/api/v3/runs/run_x")]
        # The credential is not in the log's answer, nor in a recorded request's repr.
        key_length = len(api.headers["authorization"]) - len("Bearer ")
        assert recorded[0]["headers"]["authorization"] == f"Bearer <redacted, {key_length} characters>"
        assert emu.api_key not in repr(emu.requests)
        run_id = trigger(api, "nobody", 1)
        forced = control.post(f"/__emulator/runs/{run_id}/status", json={"status": "CRASHED"})
        assert forced.status_code == 200 and api.get(f"/api/v3/runs/{run_id}").json()["status"] == "CRASHED"
        assert control.post("/__emulator/runs/run_nope/status", json={"status": "CRASHED"}).status_code == 404
        assert control.post("/__emulator/advance", json={"seconds": 60}).json()["clockOffsetSeconds"] == 60
        assert control.delete("/__emulator/requests").status_code == 200
        assert control.get("/__emulator/requests").json() == []
        assert control.post("/__emulator/reset").json() == {"reset": True}
        assert control.get("/__emulator/health").json()["clockOffsetSeconds"] == 0
        assert control.get("/__emulator/nothing").status_code == 404


def test_start_and_stop_are_quick_even_with_a_hanging_request() -> None:
    started = time.monotonic()
    emulator = Emulator(api_key="tr_dev_" + "a" * 24, queue_delay_s=0)
    with emulator:
        assert time.monotonic() - started < 1
        assert emulator.url == f"http://127.0.0.1:{emulator.port}" and emulator.is_running
        assert emulator.api_key == "tr_dev_" + "a" * 24 and emulator.api_key not in repr(emulator)
        emulator.faults.add(action="hang", path="/api/*", times=0)
        errors: list[BaseException] = []

        def call() -> None:
            try:
                httpx.get(emulator.url + "/api/v1/runs", headers={"Authorization": "Bearer x"}, timeout=10)
            except BaseException as exc:
                errors.append(exc)

        hanging = threading.Thread(target=call)
        hanging.start()
        time.sleep(0.1)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 1.5
    hanging.join(5)
    assert errors and isinstance(errors[0], httpx.TransportError)
    assert not emulator.is_running
    emulator.stop()  # idempotent


def test_the_pytest_plugin_imports_no_server_libraries() -> None:
    code = (
        "import sys, trigger_client.emulator.pytest_plugin; "
        "print(json.dumps(sorted(m for m in ('starlette', 'uvicorn') if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []
