"""The object store behind payload and output packets, and its presigned URLs.

As the server does (``v3/objectStore.server.ts``, ``routes/api.v2.packets.$.ts``, ``api.v1.packets.$.ts``):

* ``PUT /api/v2/packets/{filename}`` answers ``{presignedUrl, storagePath}``: the client uploads the packet
  to the URL and triggers with ``payload = storagePath`` and ``payloadType = application/store``.
  ``PUT /api/v1/packets/{filename}`` (older SDKs) answers ``{presignedUrl}`` alone; ``GET`` of the v1
  route answers a download URL. The object key is ``packets/<projectRef>/<envSlug>/<filename>``; the
  storage path is the filename itself. A filename with an empty, ``.`` or ``..`` segment, a backslash or
  a leading ``/`` is refused (400 "Invalid packet storage path"); a ``<protocol>://`` prefix names an
  object store the emulator does not have (500).
* Presigned URLs (``<origin>/_storage/<key>?expires=…&signature=…``) are valid for 300 seconds of the
  virtual clock and for their method only. A ``GET`` answers the stored bytes with the ``Content-Type``
  they were uploaded with; the URLs need no credential.
* Inline payloads of more than 512 KiB (``TASK_PAYLOAD_OFFLOAD_THRESHOLD``) are stored by the trigger
  route itself as ``<runId>/payload.json``; a task's output of 128 KiB or more is stored as
  ``<runId>-<attempt>/output.json``, as the TypeScript worker does. Retrieving such a run answers
  ``payloadPresignedUrl`` / ``outputPresignedUrl`` instead of the value.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote

from ._clock import VirtualClock
from ._service import ApiError, Environment, Response

PRESIGN_LIFETIME_S = 300
"""Presigned URLs expire after 5 minutes, as the server signs them."""
STORAGE_PREFIX = "/_storage/"
INVALID_PATH = "Invalid packet storage path"
_PROTOCOL = re.compile(r"^([a-z0-9]+)://(.+)$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS packet_objects (
    key TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    content_type TEXT NOT NULL
);
"""

StorageAnswer = tuple[int, bytes, dict[str, str]]
"""A storage route's status, body and headers."""


def _check_relative_path(path: str) -> None:
    """Refuse what the server's ``assertRawPacketRelativePathSegments`` refuses (400)."""
    if not path or "\\" in path or path.startswith("/"):
        raise ApiError(400, {"error": INVALID_PATH})
    for segment in path.split("/"):
        if segment in ("", ".", ".."):
            raise ApiError(400, {"error": INVALID_PATH})
        if "%" in segment:
            decoded = unquote(segment, errors="strict")
            if decoded in (".", "..") or "/" in decoded:
                raise ApiError(400, {"error": INVALID_PATH})


class ObjectStore:
    """Packets kept by key, and the presigned URLs that read and write them."""

    def __init__(
        self, store: Any, clock: VirtualClock, environment: Environment, origin: Callable[[], str]
    ) -> None:
        """Bind the object store to the emulator's state.

        Args:
            store: the emulator's :class:`~._store.Store` (objects live in its database).
            clock: the virtual clock (URL expiry).
            environment: the environment (its secret key signs URLs; its project ref and slug make keys).
            origin: the emulator's base URL, for presigned URLs.
        """
        self._store = store
        self._clock = clock
        self._environment = environment
        self._origin = origin
        store.add_tables(("packet_objects",), _SCHEMA)

    # Keys and URLs

    def _key(self, storage_path: str) -> str:
        env = self._environment
        return f"packets/{env.project_ref}/{env.slug}/{storage_path}"

    def _signature(self, method: str, key: str, expires: int) -> str:
        message = f"{method}\n{key}\n{expires}".encode()
        return hmac.new(self._environment.api_key.encode("utf-8"), message, hashlib.sha256).hexdigest()

    def presign(self, storage_path: str, method: str) -> str:
        """A URL that ``method`` (``GET`` or ``PUT``) may use on the packet for 300 seconds.

        Raises:
            ApiError: 400 for an unsafe path; 500 for a ``<protocol>://`` path (no such store here).
        """
        match = _PROTOCOL.match(storage_path)
        if match:
            raise ApiError(
                500,
                {
                    "error": "Failed to generate presigned URL: Object store is not configured for "
                    f"protocol: {match.group(1)}"
                },
            )
        _check_relative_path(storage_path)
        key = self._key(storage_path)
        expires = self._clock.now_ms() // 1000 + PRESIGN_LIFETIME_S
        signature = self._signature(method, key, expires)
        return f"{self._origin()}{STORAGE_PREFIX}{quote(key)}?expires={expires}&signature={signature}"

    # The packets routes

    def upload_url(self, filename: str, *, with_storage_path: bool) -> Response:
        """``PUT /api/v2/packets/{filename}`` (``with_storage_path``) or ``PUT /api/v1/packets/{filename}``.

        Returns:
            ``(200, {"presignedUrl", "storagePath"?}, {})``.
        """
        body: dict[str, Any] = {"presignedUrl": self.presign(filename, "PUT")}
        if with_storage_path:
            body["storagePath"] = filename
        return 200, body, {}

    def download_url(self, filename: str) -> Response:
        """``GET /api/v1/packets/{filename}``: ``(200, {"presignedUrl"}, {})``."""
        return 200, {"presignedUrl": self.presign(filename, "GET")}, {}

    # The presigned URLs themselves

    def serve(
        self, method: str, key: str, query: dict[str, str], body: bytes, content_type: str
    ) -> StorageAnswer:
        """Answer a request to a presigned URL: ``PUT`` stores ``body``, ``GET`` returns the object.

        Returns:
            200 with the object (or nothing, for ``PUT``); 403 for a missing, wrong or expired signature
            or another method; 404 for an object never uploaded.
        """
        text_plain = {"content-type": "text/plain"}
        if method not in ("GET", "PUT"):
            return 403, b"AccessDenied", text_plain
        try:
            expires = int(query.get("expires", ""))
        except ValueError:
            return 403, b"AccessDenied", text_plain
        expected = self._signature(method, key, expires)
        if not hmac.compare_digest(expected, query.get("signature", "")):
            return 403, b"SignatureDoesNotMatch", text_plain
        if self._clock.now_ms() // 1000 > expires:
            return 403, b"Request has expired", text_plain
        if method == "PUT":
            self.put(key, body, content_type or "application/octet-stream")
            return 200, b"", text_plain
        found = self.get(key)
        if found is None:
            return 404, b"NoSuchKey", text_plain
        data, stored_type = found
        return 200, data, {"content-type": stored_type}

    # Storage

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store (or replace) the object at ``key``."""
        self._store.execute(
            "INSERT OR REPLACE INTO packet_objects (key, data, content_type) VALUES (?, ?, ?)",
            (key, data, content_type),
        )

    def get(self, key: str) -> tuple[bytes, str] | None:
        """The object at ``key`` and its content type, or None."""
        rows = self._store.query("SELECT data, content_type FROM packet_objects WHERE key = ?", (key,))
        return (bytes(rows[0]["data"]), str(rows[0]["content_type"])) if rows else None

    def read_packet(self, storage_path: str) -> tuple[str, str] | None:
        """A stored packet as the worker imports it: its text and data type (the upload's content type).

        Returns:
            None when nothing was uploaded at that path.
        """
        found = self.get(self._key(storage_path))
        if found is None:
            return None
        data, content_type = found
        return data.decode("utf-8", errors="replace"), content_type.split(";")[0].strip()

    def write_packet(self, storage_path: str, text: str, data_type: str) -> str:
        """Store a packet (as the trigger route or the worker offloads one); return its storage path."""
        self.put(self._key(storage_path), text.encode("utf-8"), data_type)
        return storage_path
