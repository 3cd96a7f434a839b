"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

Payload packets in object storage: large payloads uploaded before a trigger, stored payloads and
outputs downloaded after a retrieve (as the official SDK's ``conditionallyExportPacket`` and
``resolvePresignedPacketUrl`` do)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.packets import create_packet_upload_url
from trigger_api.models.packet_upload_url import PacketUploadUrl
from trigger_api.models.retrieve_run_response import RetrieveRunResponse
from trigger_api.types import Unset

from .._constants import PAYLOAD_OFFLOAD_BYTES
from .._exceptions import APIResponseValidationError
from .._packets import JSON, STORE, decode_packet
from .._types import RequestOptions
from ._external import send_external

if TYPE_CHECKING:
    from ._client import TriggerClient

__all__ = ["download_packet", "needs_offload", "resolve_run_packets", "upload_payload"]

_FRIENDLY_ID_ALPHABET = "123456789abcdefghijkmnopqrstuvwxyz"
"""The alphabet of the SDK's friendly ids (no 0, l)."""
PRESIGNED_ROUTE = "{presignedUrl}"
"""How metrics and logs name a request to a presigned URL (the URL holds a signature)."""


def payload_filename() -> str:
    """Where the SDK 4.8.3 uploads a trigger payload: ``trigger/packet_<21 random characters>/payload.json``
    (a friendly id of the SDK's alphabet; nothing the caller chose reaches the path)."""
    return f"trigger/packet_{''.join(secrets.choice(_FRIENDLY_ID_ALPHABET) for _ in range(21))}/payload.json"


def needs_offload(data: bytes | None) -> bool:
    """True for a payload whose JSON is 128 KiB or more (the official SDK's threshold)."""
    return data is not None and len(data) >= PAYLOAD_OFFLOAD_BYTES


def upload_payload(
    client: TriggerClient,
    data: bytes,
    request_options: RequestOptions | Mapping[str, Any] | None,
) -> tuple[str, dict[str, Any]]:
    """Upload a payload's JSON to the object store; return the ``payload`` to trigger with (the storage
    path) and the options it needs (``payloadType: application/store`` and ``payloadSize`` in bytes).

    Calls ``PUT /api/v2/packets/{filename}``, then ``PUT`` of the presigned URL it answers with
    ``Content-Type: application/json`` and no credential.

    Raises:
        APIResponseValidationError: the server answered no ``storagePath`` (it predates offloading).
        TriggerError: the upload failed (typed, after retries; nothing was triggered).
    """
    answer, _headers = client._call(
        create_packet_upload_url, PacketUploadUrl, request_options, filename=payload_filename()
    )
    if isinstance(answer.storage_path, Unset) or not answer.storage_path:
        raise APIResponseValidationError(
            "the server answered PUT /api/v2/packets without a storagePath: it cannot take offloaded "
            "payloads (payloads of 128 KiB or more)"
        )
    send_external(
        client,
        "PUT",
        answer.presigned_url,
        route=PRESIGNED_ROUTE,
        request_options=request_options,
        content=data,
        headers={"content-type": JSON},
    )
    return answer.storage_path, {"payloadType": STORE, "payloadSize": len(data)}


def download_packet(
    client: TriggerClient, url: str, request_options: RequestOptions | Mapping[str, Any] | None
) -> Any:
    """GET a presigned packet URL; return the value, decoded by the answer's ``Content-Type``.

    Raises:
        TriggerError: the download failed (typed, after retries).
    """
    response = send_external(client, "GET", url, route=PRESIGNED_ROUTE, request_options=request_options)
    return decode_packet(response.text, response.headers.get("content-type") or JSON)


def resolve_run_packets(
    client: TriggerClient,
    run: RetrieveRunResponse,
    request_options: RequestOptions | Mapping[str, Any] | None,
) -> RetrieveRunResponse:
    """Fill ``payload`` and ``output`` of a retrieved run from ``payloadPresignedUrl`` /
    ``outputPresignedUrl`` when the server answered those instead of the values (the URLs are kept).

    Raises:
        TriggerError: a download failed (typed, after retries).
    """
    if isinstance(run.payload, Unset) and isinstance(run.payload_presigned_url, str):
        run.payload = download_packet(client, run.payload_presigned_url, request_options)
    if isinstance(run.output, Unset) and isinstance(run.output_presigned_url, str):
        run.output = download_packet(client, run.output_presigned_url, request_options)
    return run
