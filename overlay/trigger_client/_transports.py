"""The default connection pools: the one transport per client that really opens connections.

The async default is bound to the event loop it first ran in; a client used from a second loop (two
``asyncio.run`` calls, say) gets a fresh pool for that loop instead of failing deep inside httpcore with
"Event loop is closed".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from ._constants import DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_KEEPALIVE_CONNECTIONS

if TYPE_CHECKING:
    import asyncio

_LIMITS = httpx.Limits(
    max_connections=DEFAULT_MAX_CONNECTIONS, max_keepalive_connections=DEFAULT_MAX_KEEPALIVE_CONNECTIONS
)


def default_transport() -> httpx.BaseTransport:
    """A pooled HTTP transport for the sync client."""
    return httpx.HTTPTransport(limits=_LIMITS)


def default_async_transport() -> httpx.AsyncBaseTransport:
    """A pooled HTTP transport for the async client, one pool per event loop."""
    return _LoopLocalTransport()


class _LoopLocalTransport(httpx.AsyncBaseTransport):
    """Keeps one ``httpx.AsyncHTTPTransport`` per running event loop (the latest one)."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pool: httpx.AsyncHTTPTransport | None = None

    def _current(self) -> httpx.AsyncHTTPTransport:
        loop = _running_loop()
        if self._pool is None or self._loop is not loop:
            # A pool made in a loop that has ended cannot be closed from this one; it is dropped.
            self._pool = httpx.AsyncHTTPTransport(limits=_LIMITS)
            self._loop = loop
        return self._pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send through the pool of the running loop."""
        return await self._current().handle_async_request(request)

    async def aclose(self) -> None:
        """Close the pool of the running loop, if it has one."""
        pool, self._pool = self._pool, None
        if pool is not None and self._loop is _running_loop():
            await pool.aclose()


def _running_loop() -> asyncio.AbstractEventLoop:
    import asyncio  # imported on first use: sync-only programs never load asyncio

    return asyncio.get_running_loop()


class ClientTransport(httpx.BaseTransport):
    """Sends through a user's ``httpx.Client`` (``http_client=``): its event hooks, auth, proxies,
    certificates and transport all apply. The user's client is not closed by this one."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send with the user's client, streaming, so that the caller reads the body."""
        return self._client.send(request, stream=True)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """Sends through a user's ``httpx.AsyncClient`` (``http_client=``): its event hooks, auth, proxies,
    certificates and transport all apply. The user's client is not closed by this one."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send with the user's client, streaming, so that the caller reads the body."""
        return await self._client.send(request, stream=True)
