"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

Requests to URLs the server hands out: presigned object-storage URLs and waitpoint callback URLs.

They go through the client's transport (retries, timeouts, metrics, hooks) but carry no credential and
none of the API's protocol headers, as the official SDK sends them, so that no key reaches another host.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx

from .._exceptions import APIConnectionError, TriggerError
from .._pipeline import CallSettings, call_scope
from .._redact import redact_text, redact_url
from .._types import RequestOptions

if TYPE_CHECKING:
    from ._client import TriggerClient

__all__ = ["send_external"]


def send_external(
    client: TriggerClient,
    method: str,
    url: str,
    *,
    route: str,
    request_options: RequestOptions | Mapping[str, Any] | None = None,
    content: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> httpx.Response:
    """Send one request to a URL the server handed out; return its (1xx-3xx) response.

    Args:
        client: The client whose transport, retry policy and metrics apply.
        method: ``GET``, ``PUT`` or ``POST``.
        url: The absolute URL (it authorises itself: a signature or a hash).
        route: The route name for metrics and logs (the URL itself may hold a signature).
        request_options: Per-call timeout, retry policy or extra headers.
        content: The body, if any.
        headers: Headers to send (such as ``content-type``).

    Raises:
        TriggerError: the client is closed, or the typed error of the response (4xx/5xx after retries).
        APIConnectionError: the URL could not be reached.
    """
    if client._http.is_closed:
        raise TriggerError("this client is closed: make a new one (or do not close it before its last call)")
    settings = CallSettings(
        client._config, RequestOptions.coerce(request_options), route=route, external=True
    )
    with call_scope(settings):
        try:
            return client._http.request(method, url, content=content, headers=dict(headers or {}))
        except httpx.HTTPError as exc:  # raised outside the transport (a malformed URL)
            raise APIConnectionError(
                redact_text(f"{type(exc).__name__}: {exc}"), method=method, url=redact_url(url)
            ) from None
