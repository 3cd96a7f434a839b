"""The request pipeline's shared part (no I/O): per-call settings, request headers, and the errors made
from transport failures. The sync and async transports in ``_sync/_transport.py`` and
``_async/_transport.py`` drive it.

Each call made through a client runs inside :func:`call_scope`, which hands the transport the client's
configuration and the call's :class:`RequestOptions` through a context variable. The transport sits under
the httpx client that the generated package uses, so every request — generated operations and hand-built
ones alike — goes through the same headers, retries and error mapping.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import logging
import platform
import time
import uuid
from collections.abc import Iterator, Mapping

import attrs
import httpx

from ._config import ClientConfig
from ._constants import API_VERSION, PROTOCOL_SDK_VERSION
from ._exceptions import APIConnectionError, APITimeoutError
from ._metrics import RequestMetric
from ._redact import redact_text, redact_url
from ._retry import RetryPolicy
from ._types import NotGiven, RequestOptions, to_timeout
from ._version import __version__

logger = logging.getLogger("trigger_client")

USER_AGENT = f"trigger-rest-client/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"

_PROTECTED_HEADERS = frozenset({"authorization"})


@attrs.define
class CallTrace:
    """What the transport saw of the call, for errors raised after it returned (method, URL, request id)."""

    method: str | None = None
    url: str | None = None
    request_id: str | None = None
    attempts: int = 0


@attrs.frozen
class CallSettings:
    """What the transport needs for one logical call: the client configuration and the call's options."""

    config: ClientConfig
    options: RequestOptions
    idempotent: bool = True
    """False for calls the server would carry out twice if repeated (a replay, a batch without a key)."""
    deadline: float | None = None
    """A ``time.monotonic()`` instant after which no attempt starts or waits (used by ``runs.poll``)."""
    route: str | None = None
    """The operation's path template (``/api/v3/runs/{runId}``) for metrics; None: the request's path."""
    external: bool = False
    """A request to a URL the server handed out (a presigned object-storage URL, a waitpoint callback
    URL): sent with no credential and none of the protocol headers, as the official SDK sends them, so
    that no key reaches another host."""
    trace: CallTrace = attrs.field(factory=CallTrace, eq=False)

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy in force for this call."""
        return self.options.resolve_retry(self.config.retry)


_CURRENT: contextvars.ContextVar[CallSettings | None] = contextvars.ContextVar(
    "trigger_client_call", default=None
)


@contextlib.contextmanager
def call_scope(settings: CallSettings) -> Iterator[None]:
    """Make ``settings`` apply to the requests sent inside the ``with`` block (this thread or task only)."""
    token = _CURRENT.set(settings)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_settings(default: ClientConfig) -> CallSettings:
    """The settings of the call in progress, or ``default`` with no options outside any call scope."""
    return _CURRENT.get() or CallSettings(default, RequestOptions())


def prepare_request(request: httpx.Request, settings: CallSettings) -> str:
    """Add the protocol headers to ``request`` once per logical call; return its request id.

    The request id is the ``x-trigger-request-idempotency-key``: fresh for each call unless the options
    give one, and the same on every retry of the call, so the server never runs a retried trigger twice.
    """
    config, options = settings.config, settings.options
    headers = request.headers
    if not settings.external:
        for name, value in config.default_headers.items():
            if name.lower() not in _PROTECTED_HEADERS:
                headers.setdefault(name, value)
    for name, value in options.extra_headers.items():
        if name.lower() not in _PROTECTED_HEADERS:
            headers[name] = value
    headers["user-agent"] = USER_AGENT
    if not settings.external:
        headers["authorization"] = f"Bearer {config.api_key}"
        headers["x-trigger-api-version"] = API_VERSION
        headers["trigger-version"] = PROTOCOL_SDK_VERSION
        headers.setdefault("x-trigger-source", "sdk")
        headers.setdefault("x-trigger-realtime-streams-version", "v2")
        if config.preview_branch:
            headers["x-trigger-branch"] = config.preview_branch
    request_id = (
        options.idempotency_key or headers.get("x-trigger-request-idempotency-key") or str(uuid.uuid4())
    )
    headers["x-trigger-request-idempotency-key"] = request_id
    timeout = config.timeout if isinstance(options.timeout, NotGiven) else to_timeout(options.timeout)
    request.extensions["timeout"] = timeout.as_dict()
    trace = settings.trace
    trace.method, trace.url, trace.request_id = request.method, str(request.url), request_id
    return request_id


@attrs.define
class ResponseCapture:
    """The last HTTP response of the calls made inside a :func:`capture_scope` (for ``with_raw_response``)."""

    status_code: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    request_id: str | None = None
    attempts: int = 0


_CAPTURE: contextvars.ContextVar[ResponseCapture | None] = contextvars.ContextVar(
    "trigger_client_capture", default=None
)


@contextlib.contextmanager
def capture_scope() -> Iterator[ResponseCapture]:
    """Collect the last response of the calls made in the ``with`` block (this thread or task only)."""
    capture = ResponseCapture()
    token = _CAPTURE.set(capture)
    try:
        yield capture
    finally:
        _CAPTURE.reset(token)


def capturing() -> bool:
    """Whether the calls made here are inside a :func:`capture_scope` (``with_raw_response``), which wants
    the HTTP response: answers kept in the client (finished runs) are then not used."""
    return _CAPTURE.get() is not None


def capture_response(status_code: int, headers: Mapping[str, str], trace: CallTrace) -> None:
    """Remember a successful response for the enclosing :func:`capture_scope`, if any."""
    capture = _CAPTURE.get()
    if capture is not None:
        capture.status_code, capture.headers = status_code, dict(headers)
        capture.request_id, capture.attempts = trace.request_id, trace.attempts


def buffer_body(request: httpx.Request) -> bool:
    """Hold the request body in memory so that every retry can send it again.

    Returns False when the body is an async stream that the caller still has to read with ``aread()``.
    """
    if isinstance(request.stream, httpx.ByteStream):
        return True
    if isinstance(request.stream, httpx.SyncByteStream):
        request.read()
        return True
    return False


def cap_to_deadline(request: httpx.Request, deadline: float | None) -> None:
    """Shorten the request's timeouts so that the attempt cannot outlast ``deadline``."""
    if deadline is None:
        return
    remaining = max(0.001, deadline - time.monotonic())
    timeouts = request.extensions.get("timeout", {})
    request.extensions["timeout"] = {
        phase: remaining if value is None else min(value, remaining) for phase, value in timeouts.items()
    }


def past_deadline(deadline: float | None, wait_s: float) -> bool:
    """Whether waiting ``wait_s`` seconds before another attempt would pass ``deadline``."""
    return deadline is not None and time.monotonic() + wait_s >= deadline


def transport_error(
    exc: Exception, request: httpx.Request, request_id: str, attempts: int, secrets: tuple[str, ...]
) -> APIConnectionError:
    """The typed error for a request that got no HTTP answer."""
    method, url = request.method, str(request.url)
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if cls is APITimeoutError else "failed to connect or lost the connection"
    retries = f" after {attempts} attempts" if attempts > 1 else ""
    message = redact_text(
        f"{method} {redact_url(url)} {what}{retries}: {type(exc).__name__}: {exc}".rstrip(": "), secrets
    )
    return cls(message, method=method, url=url, request_id=request_id, attempts=attempts)


def record_attempt(
    settings: CallSettings,
    request: httpx.Request,
    attempt: int,
    started: float,
    status_code: int | None,
    error_type: str | None,
) -> None:
    """Record one attempt in the client's metrics (a no-op when metrics are off).

    ``started`` is the ``time.perf_counter()`` reading taken when the attempt was sent.
    """
    recorder = settings.config.metrics
    if not recorder.options.enabled:
        return
    elapsed_s = time.perf_counter() - started
    recorder.record(
        RequestMetric(
            method=request.method,
            route=settings.route or request.url.path,
            url=redact_url(str(request.url)),
            status_code=status_code,
            duration_ms=elapsed_s * 1000,
            success=status_code is not None and status_code < 400,
            attempt=attempt,
            retries=attempt - 1,
            request_id=settings.trace.request_id,
            error_type=error_type,
            started_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=elapsed_s),
        )
    )


def log_retry(request: httpx.Request, attempts: int, wait_s: float, reason: str) -> None:
    """One warning line per retry (no secrets: the URL is redacted and headers are not logged)."""
    logger.warning(
        "retrying %s %s in %.2f s (attempt %d failed: %s)",
        request.method,
        redact_url(str(request.url)),
        wait_s,
        attempts,
        reason,
    )
