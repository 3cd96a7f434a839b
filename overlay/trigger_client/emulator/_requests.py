"""The log of requests the emulator received, for tests to inspect."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any


@dataclasses.dataclass(frozen=True)
class RecordedRequest:
    """One request as the emulator received it.

    Attributes:
        method: the HTTP method, upper case.
        path: the path, percent-decoded (``/api/v1/tasks/my-task/trigger``).
        query: the raw query string, without ``?`` (``""`` when none).
        headers: the request headers with lower-case names (the last value of a repeated header), as
            sent: ``authorization`` included, for tests that check the credential. The repr and
            :meth:`as_json` (what ``GET /__emulator/requests`` answers) show it redacted.
        body: the request body (de-chunked when sent with ``Transfer-Encoding: chunked``).
    """

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    def redacted_headers(self) -> dict[str, str]:
        """The headers with the credential (``authorization``) replaced by its scheme and length."""
        return {
            name: _redacted(value) if name == "authorization" else value
            for name, value in self.headers.items()
        }

    def as_json(self) -> dict[str, Any]:
        """A JSON-friendly form (the body decoded as UTF-8, undecodable bytes replaced; the credential
        redacted)."""
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": self.redacted_headers(),
            "body": self.body.decode("utf-8", errors="replace"),
        }

    def __repr__(self) -> str:
        return (
            f"RecordedRequest(method={self.method!r}, path={self.path!r}, query={self.query!r}, "
            f"headers={self.redacted_headers()!r}, body={self.body[:200]!r})"
        )


def _redacted(value: str) -> str:
    scheme, _, token = value.partition(" ")
    return (
        f"{scheme} <redacted, {len(token)} characters>" if token else f"<redacted, {len(value)} characters>"
    )


class RequestLog:
    """A thread-safe, append-only list of :class:`RecordedRequest`, in arrival order."""

    def __init__(self) -> None:
        self._items: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def append(self, request: RecordedRequest) -> None:
        """Record one request."""
        with self._lock:
            self._items.append(request)

    def snapshot(self) -> list[RecordedRequest]:
        """A copy of the recorded requests, oldest first."""
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        """Forget every recorded request."""
        with self._lock:
            self._items.clear()
