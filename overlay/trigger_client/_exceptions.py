"""The errors this client raises. Every failure is one of them; nothing from httpx, json or the
generated package reaches the caller.

::

    TriggerError
    ├── ValidationError (also a ValueError)      input refused before sending, or 400/422 from the server
    ├── APIConnectionError                       the request did not get an HTTP answer
    │   └── APITimeoutError                      ... because a timeout ran out
    ├── APIResponseValidationError               a 2xx answer whose body is not what the API promises
    │   └── PaginationError                      a list that does not advance (a repeated cursor)
    ├── TriggerAPIError (alias APIStatusError)   an HTTP error status, after any retries
    │   ├── BadRequestError            400       (also a ValidationError)
    │   ├── AuthenticationError        401
    │   ├── PermissionDeniedError      403
    │   ├── NotFoundError              404
    │   ├── ConflictError              409
    │   ├── UnprocessableEntityError   422       (also a ValidationError)
    │   ├── RateLimitError             429       retry_after, reset_at, limit, remaining
    │   └── ServerError                5xx and any status >= 500 (alias InternalServerError)
    ├── BatchTriggerError                        a batch_trigger split over batches failed part-way
    ├── RequestCancelledError                    the call was cancelled
    ├── RunFailedError                           an AI tool's run ended otherwise than COMPLETED
    ├── StoreError                               the store (memory or Redis) failed or holds foreign data
    ├── UnsupportedOperationError                Trigger.dev v4 cannot do this (raised before sending)
    └── WaitTimeoutError                         a wait (such as runs.poll) ran out of time

Errors carry the method, the URL and the request id of the call, with secrets removed.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from ._headers import int_header, rate_limit_reset_epoch_s, retry_after_s, utc_from_epoch
from ._redact import redact_headers, redact_json, redact_text, redact_url

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BatchTriggerError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestCancelledError",
    "RunFailedError",
    "ServerError",
    "StoreError",
    "TriggerAPIError",
    "TriggerError",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "ValidationError",
    "WaitTimeoutError",
]


class TriggerError(Exception):
    """Base class of every error raised by this client.

    Attributes:
        message: A readable description with secrets removed: Trigger.dev keys and tokens, JWTs and the
            user info of URLs never stand in it, whatever value was shown.
    """

    message: str
    _reported: bool = False  # set once the client's error hook has seen this error

    def __init__(self, message: str) -> None:
        message = redact_text(message)
        self.message = message
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors cannot be replayed by the default pickling: rebuild from the state.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[TriggerError], args: tuple[Any, ...], state: dict[str, Any]) -> TriggerError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ValidationError(TriggerError, ValueError):
    """Input that is invalid: refused before anything was sent, or answered 400/422 by the server.

    Attributes:
        field: The argument or field at fault, when known (for example ``"tags"``).
    """

    field: str | None = None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class _RequestBound(TriggerError):
    """An error about one HTTP call: carries its method, URL (secrets removed) and request id."""

    method: str | None
    url: str | None
    request_id: str | None
    attempts: int

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        url: str | None = None,
        request_id: str | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.method = method
        self.url = redact_url(url) if url else None
        self.request_id = request_id
        self.attempts = attempts


class APIConnectionError(_RequestBound):
    """The request got no HTTP answer (refused, reset, DNS, TLS, or a dropped connection), after retries."""


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout ran out, after retries."""


class APIResponseValidationError(_RequestBound):
    """A successful status whose body is not what the API describes (empty, not JSON, or the wrong shape).

    Attributes:
        status_code: The HTTP status of the answer.
        body: The body as text (at most 2,000 characters).
    """

    status_code: int | None
    body: str | None

    def __init__(
        self, message: str, *, status_code: int | None = None, body: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.status_code = status_code
        self.body = body


class PaginationError(APIResponseValidationError):
    """A paginated list did not advance: the server returned a cursor it had returned before."""


class TriggerAPIError(_RequestBound):
    """The server answered with an error status (after any retries the policy allowed).

    Attributes:
        status_code: The HTTP status (any integer, including non-standard ones such as 520).
        body: The parsed JSON body when it is JSON, else the text (at most 2,000 characters), else None.
        headers: The response headers with lower-case names, secret ones redacted.
        code, param, type: Extra fields some error bodies carry (403 scope errors), else None.
    """

    status_code: int
    body: Any
    headers: dict[str, str]
    code: str | None
    param: str | None
    type: str | None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.status_code = status_code
        self.body = body
        self.headers = redact_headers({k.lower(): v for k, v in (headers or {}).items()})
        fields = body if isinstance(body, dict) else {}
        self.code = _str_or_none(fields.get("code"))
        self.param = _str_or_none(fields.get("param"))
        self.type = _str_or_none(fields.get("type"))

    def with_message(self, message: str) -> TriggerAPIError:
        """The same error (class, status, body, headers, request) with another message, for a caller that
        knows better what the answer means."""
        return type(self)(
            message,
            status_code=self.status_code,
            body=self.body,
            headers=self.headers,
            method=self.method,
            url=self.url,
            request_id=self.request_id,
            attempts=self.attempts,
        )


APIStatusError = TriggerAPIError


class BadRequestError(TriggerAPIError, ValidationError):
    """400: the server refused the request as invalid."""


class AuthenticationError(TriggerAPIError):
    """401: the API key is missing, wrong, or not valid for this environment or preview branch."""


class PermissionDeniedError(TriggerAPIError):
    """403: the credential is valid but may not do this."""


class NotFoundError(TriggerAPIError):
    """404: no such resource in this environment."""


class ConflictError(TriggerAPIError):
    """409: the request conflicts with the current state of the resource."""


class UnprocessableEntityError(TriggerAPIError, ValidationError):
    """422: well-formed but refused (too many tags, queue full, out of credits, ...)."""


class RateLimitError(TriggerAPIError):
    """429: rate limited.

    Attributes:
        retry_after: Seconds the server asked to wait (``Retry-After``, else derived from the reset time),
            or None when it gave no hint.
        reset_at: When the limit window resets (timezone-aware UTC), or None.
        limit: Requests allowed per window, or None.
        remaining: Requests left in the window, or None.
    """

    retry_after: float | None
    reset_at: datetime.datetime | None
    limit: int | None
    remaining: int | None

    def __init__(self, message: str, *, now_s: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        now = datetime.datetime.now(datetime.UTC).timestamp() if now_s is None else now_s
        fields = self.body if isinstance(self.body, dict) else {}
        headers = self.headers
        reset_s = rate_limit_reset_epoch_s(headers)
        if reset_s is None and _finite(fields.get("reset")):
            reset_s = float(fields["reset"]) / 1000.0
        if reset_s is not None and not math.isfinite(reset_s):
            reset_s = None
        self.reset_at = utc_from_epoch(reset_s)
        self.limit = _first_int(int_header(headers, "x-ratelimit-limit"), fields.get("limit"))
        self.remaining = _first_int(int_header(headers, "x-ratelimit-remaining"), fields.get("remaining"))
        retry_after = retry_after_s(headers, now)
        if retry_after is None and reset_s is not None:
            retry_after = max(0.0, reset_s - now)
        self.retry_after = retry_after


class ServerError(TriggerAPIError):
    """5xx (and any status of 500 or more, such as 520 from a proxy): the server failed."""


InternalServerError = ServerError


class BatchTriggerError(TriggerError):
    """Triggering many items over several batches failed part-way: some batches were already created.

    Raised by ``tasks.batch_trigger`` only when at least one batch was created before the failure; the
    original error is the ``__cause__`` (and ``error``). Call again with the same ``idempotency_key`` to
    finish without triggering the created batches twice.

    Attributes:
        batches: The batches created (their runs exist), in item order.
        first_failed_index: The index (in the items given) of the first item not triggered.
        error: The error that stopped the batch trigger.
    """

    batches: tuple[Any, ...]
    first_failed_index: int
    error: TriggerError

    def __init__(
        self, message: str, *, batches: tuple[Any, ...], first_failed_index: int, error: TriggerError
    ) -> None:
        super().__init__(message)
        self.batches = batches
        self.first_failed_index = first_failed_index
        self.error = error


class RequestCancelledError(TriggerError):
    """The call was cancelled before it finished.

    Attributes:
        reason: Why, as given to ``cancel(reason)``, or None.
    """

    reason: str | None

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(f"request cancelled: {reason}" if reason else "request cancelled")
        self.reason = reason


class RunFailedError(TriggerError):
    """A run that was waited for ended without output: failed, crashed, canceled, expired or timed out.

    Attributes:
        run_id: The run (``run_…``).
        status: Its final status (``"FAILED"``, ``"CRASHED"``, ``"CANCELED"``, …).
        error_name: The error's name the run reported (``"TypeError"``), or None.
        error_message: The error's message the run reported, or None.
        stack_trace: The stack trace the run reported, or None.
    """

    run_id: str
    status: str
    error_name: str | None
    error_message: str | None
    stack_trace: str | None

    def __init__(
        self,
        message: str,
        *,
        run_id: str,
        status: str,
        error_name: str | None = None,
        error_message: str | None = None,
        stack_trace: str | None = None,
    ) -> None:
        super().__init__(message)
        self.run_id = run_id
        self.status = status
        self.error_name = error_name
        self.error_message = error_message
        self.stack_trace = stack_trace


class StoreError(TriggerError):
    """The store behind the cache, context metadata, AI tool registry or annotations failed (a Redis
    server unreachable, or an entry that is not JSON). The Redis URL's password is never in the message."""


class UnsupportedOperationError(TriggerError):
    """The Trigger.dev v4 platform has no way to do what was asked (deleting a queue, a schedule's payload):
    raised before anything is sent, with the v4 way to get the same result in the message."""


class WaitTimeoutError(TriggerError):
    """A wait ran out of time before the awaited state was reached.

    Attributes:
        timeout_s: The time allowed, in seconds.
        last_seen: The last object observed (for ``runs.poll``, the last run retrieved), or None.
    """

    timeout_s: float
    last_seen: Any

    def __init__(self, message: str, *, timeout_s: float, last_seen: Any = None) -> None:
        super().__init__(message)
        self.timeout_s = timeout_s
        self.last_seen = last_seen


_STATUS_CLASSES: dict[int, type[TriggerAPIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_MAX_BODY_TEXT = 2000


def decode_error_body(content: bytes, content_type: str | None) -> Any:
    """The error body as JSON when it parses as JSON, else as text (shortened), else None when empty."""
    if not content:
        return None
    text = content.decode("utf-8", errors="replace")
    if content_type is None or "json" in content_type or text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            pass
    return text[:_MAX_BODY_TEXT]


def _server_message(body: Any, content_type: str | None) -> str | None:
    """The human message inside an error body of any of the shapes servers and proxies send, with the
    validation details (``details`` / ``issues``) the server adds to a 400."""
    message = _main_message(body, content_type)
    if isinstance(body, dict):
        notes = [
            item["message"]
            for key in ("details", "issues")
            if isinstance(body.get(key), list)
            for item in body[key]
            if isinstance(item, dict) and isinstance(item.get("message"), str)
        ]
        if notes:
            return f"{message}: {'; '.join(notes)}" if message else "; ".join(notes)
    return message


def _main_message(body: Any, content_type: str | None) -> str | None:
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])
        parts = [p for p in (body.get("title"), body.get("detail")) if isinstance(p, str)]
        if parts:
            return ": ".join(dict.fromkeys(parts))
        for key in ("error", "message"):
            if isinstance(body.get(key), str):
                return str(body[key])
        return json.dumps(body)[:200]
    if isinstance(body, str):
        if (content_type and "html" in content_type) or body.lstrip().startswith("<"):
            return f"HTML body of {len(body)} characters"
        return body.strip()[:200] or None
    if body is not None:
        return json.dumps(body)[:200]
    return None


def status_error(
    *,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    method: str,
    url: str,
    request_id: str | None,
    attempts: int,
    secrets: tuple[str, ...] = (),
) -> TriggerAPIError:
    """Build the typed error for an HTTP error answer of any status and any body shape."""
    lower = {k.lower(): redact_text(v, secrets) for k, v in headers.items()}
    content_type = lower.get("content-type")
    body = redact_json(decode_error_body(content, content_type), secrets)
    try:
        reason = HTTPStatus(status_code).phrase
    except ValueError:
        reason = "Unknown Status"
    detail = _server_message(body, content_type)
    retries = f" after {attempts} attempts" if attempts > 1 else ""
    message = redact_text(
        f"{status_code} {reason}{': ' + detail if detail else ''} ({method} {redact_url(url)}){retries}",
        secrets,
    )
    cls = status_error_class(status_code)
    return cls(
        message,
        status_code=status_code,
        body=body,
        headers=lower,
        method=method,
        url=url,
        request_id=request_id,
        attempts=attempts,
    )


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def status_error_class(status_code: int) -> type[TriggerAPIError]:
    """The error class an error status maps to (any status of 500 or more is a :class:`ServerError`)."""
    return _STATUS_CLASSES.get(status_code) or (ServerError if status_code >= 500 else TriggerAPIError)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _first_int(*values: Any) -> int | None:
    for value in values:
        if _finite(value):
            return int(value)
    return None
