"""The packets routes and the object store behind them, as the server serves them: upload and download
URLs, path checks, signatures and expiry on the virtual clock, payloads the trigger route stores itself,
and worker-side import of stored payloads and export of large outputs."""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

import httpx
import pytest

from trigger_client.emulator import Emulator

from .helpers import retrieve, trigger, wait_for_status

PATH = "trigger/packet_k3j9xmq2w8e4r7t6y5u1a/payload.json"


def _upload(api: httpx.Client, path: str, text: str, kind: str = "application/json") -> str:
    answer = api.put(f"/api/v2/packets/{path}")
    assert answer.status_code == 200
    put = httpx.put(answer.json()["presignedUrl"], content=text, headers={"content-type": kind})
    assert put.status_code == 200
    return str(answer.json()["storagePath"])


def test_the_v2_upload_url_and_storage_path(emu: Emulator, api: httpx.Client) -> None:
    answer = api.put("/api/v2/packets/" + PATH.replace("/", "%2F"))
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"presignedUrl", "storagePath"} and body["storagePath"] == PATH
    pattern = rf"{re.escape(emu.url)}/_storage/packets/{emu.project_ref}/dev/{re.escape(PATH)}\?expires=\d+&signature=[0-9a-f]{{64}}"
    assert re.fullmatch(pattern, body["presignedUrl"])
    assert "x-ratelimit-limit" not in answer.headers  # not rate-limited


def test_the_v1_routes(api: httpx.Client) -> None:
    upload = api.put(f"/api/v1/packets/{PATH}")
    assert upload.status_code == 200 and set(upload.json()) == {"presignedUrl"}
    httpx.put(upload.json()["presignedUrl"], content=b'{"a":1}', headers={"content-type": "application/json"})
    download = api.get(f"/api/v1/packets/{PATH}")
    assert download.status_code == 200 and set(download.json()) == {"presignedUrl"}
    got = httpx.get(download.json()["presignedUrl"])
    assert (got.status_code, got.content, got.headers["content-type"]) == (
        200,
        b'{"a":1}',
        "application/json",
    )


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("trigger/../etc/payload.json", 400, "Invalid packet storage path"),
        ("trigger//payload.json", 400, "Invalid packet storage path"),
        ("trigger/%2e%2e/payload.json", 400, "Invalid packet storage path"),
        ("trigger\\x/payload.json", 400, "Invalid packet storage path"),
        (
            "s3://bucket/payload.json",
            500,
            "Failed to generate presigned URL: Object store is not configured for protocol: s3",
        ),
    ],
)
def test_unsafe_paths_are_refused(api: httpx.Client, path: str, status: int, error: str) -> None:
    answer = api.put("/api/v2/packets/" + urllib.parse.quote(path, safe=""))
    assert (answer.status_code, answer.json()) == (status, {"error": error})


def test_the_packets_routes_need_the_key_and_their_methods(emu: Emulator, api: httpx.Client) -> None:
    wrong = httpx.put(f"{emu.url}/api/v2/packets/{PATH}", headers={"authorization": "Bearer tr_dev_wrong"})
    assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid API key"})
    assert api.get(f"/api/v2/packets/{PATH}").status_code == 400  # the route has no loader
    odd = api.post(f"/api/v2/packets/{PATH}")
    assert (odd.status_code, odd.json()) == (200, {"status": 405, "body": "Method Not Allowed"})


def test_presigned_urls_are_checked(emu: Emulator, api: httpx.Client) -> None:
    url = api.put(f"/api/v2/packets/{PATH}").json()["presignedUrl"]
    assert httpx.get(url).status_code == 403  # signed for PUT only
    assert httpx.put(url.replace("signature=", "signature=0"), content=b"1").status_code == 403
    assert httpx.put(url, content=b"1").status_code == 200
    download = api.get(f"/api/v1/packets/{PATH}").json()["presignedUrl"]
    emu.advance(301)
    assert httpx.get(download).text == "Request has expired"
    fresh = api.get(f"/api/v1/packets/{PATH}").json()["presignedUrl"]
    assert httpx.get(fresh).content == b"1"
    missing = api.get("/api/v1/packets/trigger/none/payload.json").json()["presignedUrl"]
    assert httpx.get(missing).status_code == 404


def test_a_stored_payload_is_imported_for_the_task_and_answered_as_a_url(
    emu: Emulator, api: httpx.Client
) -> None:
    seen: list[Any] = []
    emu.register_task("echo", lambda payload: seen.append(payload))
    storage_path = _upload(api, PATH, json.dumps({"big": True}))
    run_id = trigger(api, "echo", storage_path, payloadType="application/store", payloadSize=12)
    run = wait_for_status(api, run_id, "COMPLETED")
    assert seen == [{"big": True}]
    assert "payload" not in run
    assert httpx.get(run["payloadPresignedUrl"]).json() == {"big": True}


def test_a_missing_stored_payload_fails_the_attempt(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("echo", lambda payload: payload, max_attempts=1)
    run_id = trigger(api, "echo", "trigger/echo/none/payload.json", payloadType="application/store")
    run = wait_for_status(api, run_id, "FAILED")
    assert "Failed to import packet trigger/echo/none/payload.json" in run["error"]["message"]


def test_the_trigger_route_stores_inline_payloads_over_512_kib(emu: Emulator, api: httpx.Client) -> None:
    seen: list[Any] = []
    emu.register_task("echo", lambda payload: seen.append(len(payload)))
    small, large = "s" * (512 * 1024 - 2), "l" * (512 * 1024)
    small_id, large_id = trigger(api, "echo", small), trigger(api, "echo", large)
    assert retrieve(api, small_id)["payload"] == small
    stored = retrieve(api, large_id)
    assert "payload" not in stored
    assert (
        f"/_storage/packets/{emu.project_ref}/dev/{large_id}/payload.json?" in stored["payloadPresignedUrl"]
    )
    assert httpx.get(stored["payloadPresignedUrl"]).json() == large
    wait_for_status(api, large_id, "COMPLETED")
    assert sorted(seen) == [len(small), len(large)]


def test_outputs_of_128_kib_are_exported_by_the_worker(emu: Emulator, api: httpx.Client) -> None:
    emu.register_task("sized", lambda payload: "o" * payload)
    under, over = trigger(api, "sized", 128 * 1024 - 3), trigger(api, "sized", 128 * 1024 - 2)
    assert wait_for_status(api, under, "COMPLETED")["output"] == "o" * (128 * 1024 - 3)
    run = wait_for_status(api, over, "COMPLETED")
    assert "output" not in run and f"/{over}-1/output.json?" in run["outputPresignedUrl"]
    got = httpx.get(run["outputPresignedUrl"])
    assert (got.headers["content-type"], got.json()) == ("application/json", "o" * (128 * 1024 - 2))
