"""What the waitpoint token methods return: the created token, and a retrieved token with its output
decoded. Tokens and callback URLs are kept out of reprs (either one lets its holder complete the token)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import attrs

from ._packets import decode_packet

if TYPE_CHECKING:
    from trigger_api.models.retrieve_waitpoint_token_response import RetrieveWaitpointTokenResponse

__all__ = ["TIMEOUT_ERROR_CODE", "WAITPOINT_TOKEN_STATUSES", "WaitpointToken", "WaitpointTokenHandle"]

WAITPOINT_TOKEN_STATUSES = ("WAITING", "COMPLETED", "TIMED_OUT")
"""The statuses a token can have (and the ``status`` filter of ``list_tokens`` takes)."""

TIMEOUT_ERROR_CODE = "TRIGGER_WAITPOINT_TIMEOUT"
"""The ``code`` of the error a timed-out token holds."""


@attrs.frozen
class WaitpointTokenHandle:
    """A created waitpoint token.

    Attributes:
        id: The token id (``waitpoint_…``).
        url: The callback URL: a POST of JSON to it completes the token, with no credential (hidden from
            the repr).
        is_cached: True when the idempotency key returned an existing token instead of creating one.
        public_access_token: A JWT the server issued that may complete this token (scope
            ``write:waitpoints:<id>``) for 24 hours, or None if the server sent none. Hidden from the repr.
    """

    id: str
    url: str = attrs.field(repr=False)
    is_cached: bool = False
    public_access_token: str | None = attrs.field(default=None, repr=False)


def _unset_to_none(value: Any) -> Any:
    from trigger_api.types import Unset

    return None if isinstance(value, Unset) else value


@attrs.frozen
class WaitpointToken:
    """A retrieved waitpoint token.

    Attributes:
        id: The token id (``waitpoint_…``).
        url: The callback URL (hidden from the repr).
        status: ``WAITING``, ``COMPLETED`` or ``TIMED_OUT`` (or a status added to the API later).
        output: The data the token was completed with, decoded (JSON values; superjson dates as aware
            datetimes; a string completed as text stays a string); None while waiting, when it timed
            out, or when it was completed without data. An output kept in object storage (512 KiB or
            more) is its storage path, with ``output_type`` ``application/store``.
        error: For a timed-out token, the error it holds: ``{"code": "TRIGGER_WAITPOINT_TIMEOUT",
            "message": "Waitpoint timed out at …"}``; else None.
        output_type: How the stored output is encoded (``application/super+json``, ``text/plain``, …).
        idempotency_key: The key the token was created with (None when none was given).
        idempotency_key_expires_at: When that key stops returning this token (None: never).
        timeout_at: When the token times out (None: never).
        completed_at: When it was completed or timed out.
        created_at: When it was created.
        tags: Its tags.
        raw: The server's answer as parsed (``RetrieveWaitpointTokenResponse``), for the other fields.
    """

    id: str
    url: str = attrs.field(repr=False)
    status: str
    output: Any
    error: Any
    output_type: str | None
    idempotency_key: str | None
    idempotency_key_expires_at: datetime.datetime | None
    timeout_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    created_at: datetime.datetime
    tags: list[str]
    raw: RetrieveWaitpointTokenResponse = attrs.field(repr=False, eq=False)

    @property
    def is_timed_out(self) -> bool:
        """Whether the token timed out before anyone completed it."""
        return self.status == "TIMED_OUT"

    @property
    def error_message(self) -> str | None:
        """The message of :attr:`error` (such as ``Waitpoint timed out at 2025-06-01T13:00:00.000Z``)."""
        if isinstance(self.error, dict):
            message = self.error.get("message")
            return message if isinstance(message, str) else None
        return self.error if isinstance(self.error, str) else None

    @classmethod
    def from_response(cls, response: RetrieveWaitpointTokenResponse) -> WaitpointToken:
        """Build the token from the server's answer, decoding ``output`` by its ``outputType``."""
        data = _unset_to_none(response.output)
        output_type = _unset_to_none(response.output_type)
        value = None if data is None else decode_packet(data, output_type)
        is_error = response.output_is_error is True
        key = _unset_to_none(response.idempotency_key)
        if response.user_provided_idempotency_key is False:  # the server's own random key
            key = None
        else:
            key = _unset_to_none(response.inactive_idempotency_key) or key
        return cls(
            id=response.id,
            url=response.url,
            status=str(response.status),
            output=None if is_error else value,
            error=value if is_error else None,
            output_type=output_type,
            idempotency_key=key,
            idempotency_key_expires_at=_unset_to_none(response.idempotency_key_expires_at),
            timeout_at=_unset_to_none(response.timeout_at),
            completed_at=_unset_to_none(response.completed_at),
            created_at=response.created_at,
            tags=list(response.tags),
            raw=response,
        )
