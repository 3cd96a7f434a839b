"""Payloads of 128 KiB or more go through the object store (``PUT /api/v2/packets/{filename}``, then the
presigned URL), as the official SDK sends them; retrieving a run whose payload or output is in object
storage downloads and decodes it (JSON, superjson with dates, text)."""

from __future__ import annotations

import datetime
import json
import re
import urllib.parse
from typing import Any

import httpx
import pytest
from sdk_wire import PROTOCOL_HEADERS, SDK_REQUESTS

from trigger_client import BatchItem, NotFoundError, ServerError, ValidationError

THRESHOLD = 128 * 1024
SDK_PACKETS = SDK_REQUESTS["tasks.trigger (payload >= 128KiB is offloaded) #6"]
SDK_UPLOAD = SDK_REQUESTS["tasks.trigger (payload >= 128KiB is offloaded) #7"]
SDK_TRIGGER = SDK_REQUESTS["tasks.trigger (payload >= 128KiB is offloaded) #8"]
FILENAME = re.compile(r"^/api/v2/packets/trigger/(?P<id>packet_[1-9a-km-z]{21})/payload\.json$")


def _payload_of_size(size: int) -> dict[str, str]:
    """A JSON object whose compact JSON is exactly ``size`` bytes."""
    overhead = len(json.dumps({"blob": ""}, separators=(",", ":")))
    return {"blob": "x" * (size - overhead)}


def _echo(emulator: Any) -> list[Any]:
    seen: list[Any] = []

    @emulator.task("echo")
    def echo(payload: Any) -> Any:
        seen.append(payload)
        return {"length": len(payload["blob"])}

    return seen


def test_a_payload_of_128_kib_is_uploaded_first_as_the_official_sdk_does(client: Any, emulator: Any) -> None:
    seen = _echo(emulator)
    payload = _payload_of_size(THRESHOLD)
    handle = client.tasks.trigger("echo", payload, tags=["big"])
    packets, upload, trigger = emulator.requests
    # 1. The upload URL: PUT with the credential and the protocol headers, no body.
    match = FILENAME.match(packets.path)
    assert match is not None
    sdk_path = FILENAME.match(urllib.parse.unquote(SDK_PACKETS["path"]))
    assert sdk_path is not None  # the SDK's filename has the same form
    assert (packets.method, packets.body) == (SDK_PACKETS["method"], b"")
    assert packets.headers["authorization"] == f"Bearer {emulator.api_key}"
    for name in PROTOCOL_HEADERS:
        assert packets.headers.get(name) == SDK_PACKETS["headers"][name], name
    # 2. The presigned URL: the packet's JSON, its content type, and no credential or protocol header.
    storage_path = f"trigger/{match['id']}/payload.json"
    assert upload.method == SDK_UPLOAD["method"] == "PUT"
    assert upload.path == f"/_storage/packets/{emulator.project_ref}/dev/{storage_path}"
    assert upload.body == json.dumps(payload, separators=(",", ":")).encode()
    assert upload.headers["content-type"] == "application/json"
    assert "authorization" not in upload.headers and SDK_UPLOAD["auth"] is None
    assert not [
        name
        for name in upload.headers
        if name.startswith("x-trigger-") and name != "x-trigger-request-idempotency-key"
    ]
    assert not [
        name
        for name in SDK_UPLOAD["headers"]
        if name.startswith("x-trigger-") and name != "x-trigger-request-idempotency-key"
    ]
    # 3. The trigger: the storage path, with the SDK's option keys.
    body = json.loads(trigger.body)
    assert body == {
        "payload": storage_path,
        "options": {"tags": ["big"], "payloadType": "application/store", "payloadSize": THRESHOLD},
    }
    assert set(SDK_TRIGGER["body"]["options"]) == {"payloadType", "payloadSize"}
    assert SDK_TRIGGER["body"]["options"]["payloadType"] == "application/store"
    # The task gets the value; retrieving the run downloads it.
    emulator.wait_for_idle()
    assert seen == [payload]
    run = client.runs.retrieve(handle.id)
    assert run.payload == payload
    assert run.payload_presigned_url.startswith(f"{emulator.url}/_storage/packets/")
    assert run.output == {"length": len(payload["blob"])}


def test_a_payload_one_byte_under_128_kib_is_sent_inline(client: Any, emulator: Any) -> None:
    seen = _echo(emulator)
    payload = _payload_of_size(THRESHOLD - 1)
    client.tasks.trigger("echo", payload)
    (trigger,) = emulator.requests
    assert json.loads(trigger.body) == {"payload": payload}
    emulator.wait_for_idle()
    assert seen == [payload]


def test_a_payload_larger_than_the_trigger_body_limit_is_accepted_through_the_store(
    client: Any, emulator: Any
) -> None:
    seen = _echo(emulator)
    payload = _payload_of_size(4 * 1024 * 1024)
    handle = client.tasks.trigger("echo", payload)
    emulator.wait_for_idle()
    assert seen == [payload]
    assert client.runs.retrieve(handle.id).payload == payload


def test_a_large_output_is_downloaded_by_retrieve_and_poll(client: Any, emulator: Any) -> None:
    big = {"rows": ["r" * 100] * 2000}

    @emulator.task("report")
    def report(payload: Any) -> Any:
        return big

    handle = client.tasks.trigger("report", {"small": True})
    run = client.runs.poll(handle.id, poll_interval_s=0.05)
    assert (run.status, run.output) == ("COMPLETED", big)
    assert re.search(
        rf"/_storage/packets/{emulator.project_ref}/dev/{handle.id}-1/output\.json\?",
        run.output_presigned_url,
    )
    assert run.payload == {"small": True}
    retrieved = client.runs.retrieve(handle.id)
    assert retrieved.output == big
    downloads = [r for r in emulator.requests if r.path.startswith("/_storage/")]
    assert [r.method for r in downloads] == ["GET", "GET"]
    assert all("authorization" not in r.headers for r in downloads)


def test_stored_superjson_and_text_packets_are_decoded(client: Any, emulator: Any) -> None:
    @emulator.task("hold")
    def hold(payload: Any) -> Any:
        return None

    api = httpx.Client(base_url=emulator.url, headers={"authorization": f"Bearer {emulator.api_key}"})
    document = {
        "json": {"at": "2025-06-01T12:00:00.000Z", "n": "12"},
        "meta": {"values": {"at": ["Date"], "n": ["bigint"]}},
    }
    ids = []
    for path, text, kind in [
        ("trigger/hold/1-a/payload.json", json.dumps(document), "application/super+json"),
        ("trigger/hold/1-b/payload.txt", "plain words", "text/plain"),
    ]:
        upload = api.put(f"/api/v2/packets/{path}").json()
        httpx.put(upload["presignedUrl"], content=text, headers={"content-type": kind}).raise_for_status()
        answer = api.post(
            "/api/v1/tasks/hold/trigger",
            json={"payload": upload["storagePath"], "options": {"payloadType": "application/store"}},
        )
        ids.append(answer.json()["id"])
    api.close()
    superjson_run, text_run = (client.runs.retrieve(run_id) for run_id in ids)
    assert superjson_run.payload == {"at": datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC), "n": 12}
    assert text_run.payload == "plain words"


def test_a_failed_upload_is_typed_and_triggers_nothing(client: Any, emulator: Any) -> None:
    emulator.faults.add(action="status", status=503, path="/_storage/*", times=10)
    with pytest.raises(ServerError) as info:
        client.tasks.trigger("echo", _payload_of_size(THRESHOLD))
    assert info.value.status_code == 503
    assert [r.path for r in emulator.requests if r.path.endswith("/trigger")] == []
    signature = re.search(r"signature=([0-9a-f]{64})", emulator.requests[1].query)
    assert signature is not None
    assert signature[1] not in f"{info.value} {info.value!r} {info.value.url}"
    assert info.value.url.startswith(f"{emulator.url}/_storage/")


def test_a_payload_that_is_not_json_is_refused_before_any_upload(client: Any, emulator: Any) -> None:
    with pytest.raises(ValidationError, match="JSON-serialisable"):
        client.tasks.trigger("echo", {"blob": "x" * THRESHOLD, "bad": {1, 2}})
    assert emulator.requests == []


def test_batch_items_of_128_kib_are_uploaded_and_the_others_sent_inline(client: Any, emulator: Any) -> None:
    seen = _echo(emulator)
    big, small = _payload_of_size(THRESHOLD + 10), {"blob": "s"}
    result = client.tasks.batch_trigger([BatchItem("echo", big), BatchItem("echo", small)])
    paths = [r.path for r in emulator.requests]
    assert paths[0].startswith("/api/v2/packets/trigger/packet_") and paths[1].startswith("/_storage/")
    assert paths[2:] == ["/api/v3/batches", f"/api/v3/batches/{result.id}/items"]
    lines = [json.loads(line) for line in emulator.requests[3].body.splitlines()]
    assert lines[0]["options"] == {"payloadType": "application/store", "payloadSize": THRESHOLD + 10}
    assert lines[0]["payload"].startswith("trigger/packet_") and lines[1] == {
        "index": 1,
        "task": "echo",
        "payload": small,
    }
    emulator.wait_for_idle()
    assert sorted(seen, key=lambda p: len(p["blob"])) == [small, big]


def test_packets_download_a_storage_path(client: Any, emulator: Any) -> None:
    seen = _echo(emulator)
    payload = _payload_of_size(THRESHOLD)
    handle = client.tasks.trigger("echo", payload)
    emulator.wait_for_idle()
    assert seen == [payload]
    storage_path = json.loads(emulator.requests[2].body)["payload"]
    emulator.clear_requests()
    url = client.packets.download_url(storage_path)
    assert url.startswith(f"{emulator.url}/_storage/packets/{emulator.project_ref}/dev/{storage_path}?")
    assert client.packets.download(storage_path) == payload
    lookups = [(r.method, r.path) for r in emulator.requests if r.path.startswith("/api/")]
    assert lookups == [("GET", f"/api/v1/packets/{storage_path}")] * 2
    with pytest.raises(NotFoundError):
        client.packets.download("trigger/echo/none/payload.json")
    with pytest.raises(ValidationError):
        client.packets.download(" ")
    assert client.runs.retrieve(handle.id).payload == payload
