"""``client.packets``: payloads and outputs kept in object storage (``application/store`` packets)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.packets import get_packet_download_url
from trigger_api.models.packet_download_url import PacketDownloadUrl

from ... import _validation as check
from ..._error_hook import reports_errors
from ..._exceptions import ValidationError
from ..._types import RequestOptions
from .._packet_transfer import download_packet

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncPackets"]


@reports_errors
class AsyncPackets:
    """Packets in object storage. Reached as ``client.packets``.

    Large payloads are uploaded by ``client.tasks.trigger`` and stored values are downloaded by
    ``client.runs.retrieve`` on their own; this is for the storage paths met elsewhere, such as the
    ``payload`` of a realtime run whose ``payload_type`` is ``application/store``.
    """

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    async def download_url(
        self, storage_path: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> str:
        """A presigned URL (valid for 5 minutes, needing no credential) to download a stored packet.
        Calls ``GET /api/v1/packets/{filename}``; a public access token may be the client's key.

        Args:
            storage_path: The packet's storage path, such as ``run_…/payload.json``.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The URL (it holds a signature: treat it as a secret).

        Raises:
            ValidationError: an empty path, before sending; or the server's 400 for an unsafe path.
        """
        if not isinstance(storage_path, str) or not storage_path.strip():
            raise ValidationError(
                f"storage_path must be a non-empty string, got {storage_path!r}", field="storage_path"
            )
        answer, _headers = await self._client._call(
            get_packet_download_url, PacketDownloadUrl, request_options, filename=storage_path
        )
        return check.response_id(answer.presigned_url, "presigned URL")

    async def download(
        self, storage_path: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> Any:
        """Download a stored packet and decode it by its content type (JSON, superjson with dates as
        aware datetimes, text). Calls ``GET /api/v1/packets/{filename}``, then the presigned URL.

        Args:
            storage_path: The packet's storage path.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The decoded value.

        Raises:
            ValidationError: an empty path, before sending.
            NotFoundError: nothing is stored at that path (the object store's 404).
        """
        url = await self.download_url(storage_path, request_options=request_options)
        return await download_packet(self._client, url, request_options)
