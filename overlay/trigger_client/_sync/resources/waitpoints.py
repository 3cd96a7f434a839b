"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.waitpoints``: waitpoint tokens — create, list, retrieve, and complete (with the secret key, the
token's public access token, or its callback URL)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import httpx

from trigger_api.api.waitpoint_tokens import (
    complete_waitpoint_token,
    complete_waitpoint_token_callback,
    create_waitpoint_token,
    list_waitpoint_tokens,
    retrieve_waitpoint_token,
)
from trigger_api.models.complete_waitpoint_token_request_body import CompleteWaitpointTokenRequestBody
from trigger_api.models.complete_waitpoint_token_response import CompleteWaitpointTokenResponse
from trigger_api.models.create_waitpoint_token_request_body import CreateWaitpointTokenRequestBody
from trigger_api.models.create_waitpoint_token_response import CreateWaitpointTokenResponse
from trigger_api.models.list_waitpoint_tokens_response import ListWaitpointTokensResponse
from trigger_api.models.retrieve_waitpoint_token_response import RetrieveWaitpointTokenResponse
from trigger_api.models.waitpoint_token_item import WaitpointTokenItem

from ... import _validation as check
from ..._constants import MAX_IDEMPOTENCY_KEY_LENGTH, MAX_TRIGGER_BODY_BYTES
from ..._error_hook import reports_errors
from ..._exceptions import APIResponseValidationError, ValidationError
from ..._realtime_routes import template
from ..._types import RequestOptions
from ..._waitpoints import WAITPOINT_TOKEN_STATUSES, WaitpointToken, WaitpointTokenHandle
from .._external import send_external
from .._pagination import CursorPager, cursor_pager

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["Waitpoints"]

MAX_COMPLETION_BYTES = MAX_TRIGGER_BODY_BYTES
"""The complete and callback routes take bodies of at most 3 MiB."""
CALLBACK_PATH = re.compile(r"^/api/v1/waitpoints/tokens/[^/]+/callback/[^/]+$")


@reports_errors
class Waitpoints:
    """Waitpoint tokens of the environment of the API key. Reached as ``client.waitpoints``."""

    def __init__(self, client: TriggerClient) -> None:
        self._client = client

    def create_token(
        self,
        *,
        timeout: str | datetime.timedelta | datetime.datetime | None = None,  # noqa: ASYNC109 - the token's timeout
        idempotency_key: str | None = None,
        idempotency_key_ttl: str | int | datetime.timedelta | None = None,
        tags: str | Sequence[str] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> WaitpointTokenHandle:
        """Create a waitpoint token: runs can wait on it until it is completed or times out. Calls
        ``POST /api/v1/waitpoints/tokens``.

        Args:
            timeout: When the token times out (status ``TIMED_OUT``): a duration (``"1h"``, ``"30m"``,
                ``"2d"``, a timedelta) from now, or an aware datetime. None: never.
            idempotency_key: Creating again with the same key returns the same token (``is_cached``). It
                is sent as it is (not hashed), at most 2048 characters.
            idempotency_key_ttl: How long the key keeps returning the token: ``"10m"``, ``"7d"`` (one
                number and one unit of s, m, h, d), seconds, or a timedelta. None: for ever.
            tags: At most 10 tags of at most 128 characters.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            A :class:`WaitpointTokenHandle`: ``id`` (``waitpoint_…``), ``url`` (the callback URL),
            ``is_cached``, and ``public_access_token`` (a JWT that may complete this token for 24 hours).

        Raises:
            ValidationError: an invalid timeout, key, TTL or tags, before sending; or the server's 422
                (too many tags).
        """
        body = CreateWaitpointTokenRequestBody()
        if timeout is not None:
            body.timeout = check.duration_or_instant(timeout, "timeout")
        if idempotency_key is not None:
            body.idempotency_key = check.non_empty_string(
                idempotency_key, "idempotency_key", max_length=MAX_IDEMPOTENCY_KEY_LENGTH
            )
        if idempotency_key_ttl is not None:
            body.idempotency_key_ttl = check.idempotency_key_ttl(idempotency_key_ttl)
        if tags is not None:
            body.tags = check.tags(tags, owner="a waitpoint token")
        parsed, headers = self._client._call(  # without a key, a repeat would make a second token
            create_waitpoint_token,
            CreateWaitpointTokenResponse,
            request_options,
            idempotent=idempotency_key is not None,
            body=body,
        )
        return WaitpointTokenHandle(
            id=check.response_id(parsed.id, "waitpoint token id"),
            url=parsed.url,
            is_cached=parsed.is_cached,
            public_access_token=headers.get("x-trigger-jwt"),
        )

    def list_tokens(
        self,
        *,
        status: str | Sequence[str] | None = None,
        idempotency_key: str | None = None,
        tags: str | Sequence[str] | None = None,
        period: str | None = None,
        from_: datetime.datetime | int | None = None,
        to: datetime.datetime | int | None = None,
        page_size: int | None = None,
        after: str | None = None,
        before: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> CursorPager[WaitpointTokenItem]:
        """List waitpoint tokens, newest first. Calls ``GET /api/v1/waitpoints/tokens`` once per page, as
        iteration needs them.

        Args:
            status: ``WAITING``, ``COMPLETED``, ``TIMED_OUT``, or several.
            idempotency_key: Only the token created with this key.
            tags: Tags; a token matches when it has any of them.
            period: Created within this look-back period, such as ``"1h"`` or ``"7d"``.
            from_, to: Created at or after / at or before: an aware datetime or epoch milliseconds.
            page_size: Tokens per page, 1 to 100 (server default 25).
            after, before: Start after (or before) this page cursor.
            request_options: Per-call options, for every page.

        Returns:
            A pager of :class:`WaitpointTokenItem` (``id``, ``url``, ``status``, ``timeout_at``,
            ``completed_at``, ``idempotency_key``, ``tags``, ``created_at``): iterate it, or use
            ``pages()`` / ``first_page()``. Nothing is sent until then.

        Raises:
            ValidationError: an unknown status, a malformed period, a naive datetime or a page size outside
                1-100, at once.
        """
        query: dict[str, Any] = {}
        if status is not None:
            statuses = check.string_list(status, "status")
            for name in statuses:
                if name not in WAITPOINT_TOKEN_STATUSES:
                    raise ValidationError(
                        f"status must be one of {', '.join(WAITPOINT_TOKEN_STATUSES)}, got {name!r}",
                        field="status",
                    )
            query["filterstatus"] = ",".join(statuses)
        if idempotency_key is not None:
            query["filteridempotency_key"] = check.non_empty_string(idempotency_key, "idempotency_key")
        if tags is not None:
            query["filtertags"] = ",".join(check.no_commas(check.string_list(tags, "tags"), "tags"))
        if period is not None:
            query["filtercreated_atperiod"] = check.period(period)
        if from_ is not None:
            query["filtercreated_atfrom"] = check.epoch_ms(from_, "from_")
        if to is not None:
            query["filtercreated_atto"] = check.epoch_ms(to, "to")
        if page_size is not None:
            query["pagesize"] = check.page_size(page_size)

        return cursor_pager(
            self._client,
            list_waitpoint_tokens,
            ListWaitpointTokensResponse,
            request_options,
            after=after,
            before=before,
            **query,
        )

    def retrieve_token(
        self, token_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> WaitpointToken:
        """Retrieve a waitpoint token with its output. Calls ``GET /api/v1/waitpoints/tokens/{waitpointId}``.

        Args:
            token_id: The token id (``waitpoint_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            A :class:`WaitpointToken`: ``status``, ``output`` (the completion data, decoded), ``error``
            (for a timed-out token, ``{"code": "TRIGGER_WAITPOINT_TIMEOUT", "message": …}``),
            ``timeout_at``, ``completed_at``, ``idempotency_key``, ``tags``, ``created_at``.

        Raises:
            ServerError: no such token — the server answers an unknown id with a 500 (so it is retried
                first, as every 500 is).
        """
        parsed, _headers = self._client._call(
            retrieve_waitpoint_token,
            RetrieveWaitpointTokenResponse,
            request_options,
            waitpoint_id=check.path_segment(token_id, "token_id"),
        )
        return WaitpointToken.from_response(parsed)

    def complete_token(
        self,
        token_id: str,
        data: Any = None,
        *,
        public_access_token: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> bool:
        """Complete a waitpoint token: the runs waiting on it resume with ``data``. Calls
        ``POST /api/v1/waitpoints/tokens/{waitpointId}/complete`` with ``{"data": data}``.

        Completing a token that is already completed (or timed out) succeeds and changes nothing.

        Args:
            token_id: The token id (``waitpoint_…``).
            data: Any JSON value (at most 3 MiB encoded); the server stores it with superjson, a string as
                text. None completes the token without data.
            public_access_token: Authenticate with this token instead of the secret key: the
                ``public_access_token`` of :meth:`create_token` (scope ``write:waitpoints:<id>``), for
                code that holds no secret key.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            True (the server's ``success``).

        Raises:
            ValidationError: data that is not JSON or too large, or a malformed token, before sending.
            NotFoundError: no such token. PermissionDeniedError: a public access token without the scope
                for this token. AuthenticationError: an invalid or expired public access token.
        """
        segment = check.path_segment(token_id, "token_id")
        body = CompleteWaitpointTokenRequestBody()
        if data is not None:
            check.json_encode(data, "data", MAX_COMPLETION_BYTES)
            body.data = data
        client = self._client
        if public_access_token is not None:
            try:
                client = client.with_options(api_key=public_access_token)
            except ValidationError as exc:
                raise ValidationError(exc.message, field="public_access_token") from None
        parsed, _headers = client._call(
            complete_waitpoint_token,
            CompleteWaitpointTokenResponse,
            request_options,
            waitpoint_id=segment,
            body=body,
        )
        return parsed.success

    def complete_token_via_callback(
        self,
        url: str,
        data: Any = None,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> bool:
        """Complete a waitpoint token through its callback URL, as a webhook would: POSTs ``data`` as the
        JSON body to ``url`` (``POST /api/v1/waitpoints/tokens/{waitpointId}/callback/{hash}``).

        No credential is sent (the URL authorises itself), nor any of the API's protocol headers, so the
        call suits a URL on another host. Completing a token that is already completed succeeds.

        Args:
            url: The token's ``url`` (from :meth:`create_token`, :meth:`retrieve_token` or the list).
            data: Any JSON value (at most 3 MiB encoded): the whole of it becomes the token's output.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            True (the server's ``success``).

        Raises:
            ValidationError: a URL that is not a waitpoint callback URL, or data that is not JSON or too
                large, before sending.
            AuthenticationError: the URL's hash does not match (401). NotFoundError: no such token.
        """
        target = _callback_url(url)
        content = check.json_encode(data, "data", MAX_COMPLETION_BYTES)
        response = send_external(
            self._client,
            "POST",
            target,
            route=template(complete_waitpoint_token_callback.ROUTE),
            request_options=request_options,
            content=content,
            headers={"content-type": "application/json"},
        )
        try:
            answer = CompleteWaitpointTokenResponse.from_dict(response.json())
        except (ValueError, KeyError, TypeError):
            raise APIResponseValidationError(
                f"the callback answered {response.status_code} with a body that is not "
                f"{{'success': …}}: {response.text[:200]!r}"
            ) from None
        return answer.success


def _callback_url(url: Any) -> str:
    """An absolute http(s) URL whose path is a waitpoint callback path."""
    if not isinstance(url, str):
        raise ValidationError(f"url must be a string, got {type(url).__name__}", field="url")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ValidationError(f"url is not a valid URL: {exc}", field="url") from None
    if parsed.scheme not in ("http", "https") or not parsed.host or not CALLBACK_PATH.match(parsed.path):
        raise ValidationError(
            "url must be a token's callback URL (https://…/api/v1/waitpoints/tokens/<id>/callback/<hash>)",
            field="url",
        )
    return url
