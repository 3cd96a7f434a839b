"""The request pipeline's transport: the httpx transport under every client's httpx client.

For each logical call it adds the protocol headers, sends, retries under the call's policy, and turns
every failure into a typed error. It wraps another transport (the default connection pool, or one the
user provided), so connections are pooled and shared by derived clients.
"""

from __future__ import annotations

import logging
import time

import httpx

from .._config import ClientConfig
from .._exceptions import status_error, status_error_class
from .._pipeline import (
    buffer_body,
    cap_to_deadline,
    current_settings,
    log_retry,
    past_deadline,
    prepare_request,
    record_attempt,
    transport_error,
)
from .._redact import redact_url
from .._sync_async import async_send_cancellable, async_sleep

logger = logging.getLogger("trigger_client")


class AsyncPipelineTransport(httpx.AsyncBaseTransport):
    """Adds headers, retries and error mapping around ``inner``.

    Args:
        inner: The transport that really sends (owns the connection pool).
        default_config: The configuration used for requests sent outside a client call.
        owns_inner: Whether closing this transport closes ``inner`` (false for derived clients).
    """

    def __init__(
        self, inner: httpx.AsyncBaseTransport, default_config: ClientConfig, *, owns_inner: bool = True
    ) -> None:
        self._inner = inner
        self._default_config = default_config
        self._owns_inner = owns_inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` with retries; return a 1xx-3xx response or raise a typed error."""
        settings = current_settings(self._default_config)
        policy = settings.retry
        token = settings.options.cancel_token
        secrets = (settings.config.api_key,)
        request_id = prepare_request(request, settings)
        if not buffer_body(request):
            await request.aread()
        attempts = 0
        while True:
            attempts += 1
            settings.trace.attempts = attempts
            cap_to_deadline(request, settings.deadline)
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("%s %s (attempt %d)", request.method, redact_url(str(request.url)), attempts)
            started = time.perf_counter()
            try:
                response = await async_send_cancellable(self._inner.handle_async_request, request, token)
            except httpx.TransportError as exc:
                record_attempt(settings, request, attempts, started, None, type(exc).__name__)
                decision = policy.after_exception(attempts, exc, idempotent=settings.idempotent)
                if not decision.retry or past_deadline(settings.deadline, decision.wait_s):
                    raise transport_error(exc, request, request_id, attempts, secrets) from None
            else:
                status = response.status_code
                failure = None if status < 400 else status_error_class(status).__name__
                record_attempt(settings, request, attempts, started, status, failure)
                if logger.isEnabledFor(logging.DEBUG):
                    elapsed_ms = (time.perf_counter() - started) * 1000
                    path = request.url.path
                    logger.debug("%s %s -> %d in %.1f ms", request.method, path, status, elapsed_ms)
                if status < 400:
                    return response
                try:
                    content = await response.aread()
                except (httpx.TransportError, httpx.DecodingError) as exc:
                    # The status is the answer; a body that is cut off or wrongly encoded is left out.
                    content = b""
                    logger.debug("error body of %s could not be read: %s", request.url.path, exc)
                finally:
                    await response.aclose()
                decision = policy.after_response(
                    attempts,
                    response.status_code,
                    response.headers,
                    time.time(),
                    idempotent=settings.idempotent,
                )
                if not decision.retry or past_deadline(settings.deadline, decision.wait_s):
                    raise status_error(
                        status_code=response.status_code,
                        headers=response.headers,
                        content=content,
                        method=request.method,
                        url=str(request.url),
                        request_id=request_id,
                        attempts=attempts,
                        secrets=secrets,
                    )
            log_retry(request, attempts, decision.wait_s, decision.reason)
            await async_sleep(decision.wait_s, token)

    async def aclose(self) -> None:
        """Close the wrapped transport when this transport owns it."""
        if self._owns_inner:
            await self._inner.aclose()
