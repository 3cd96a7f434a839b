"""``client.metadata``: context metadata (user, org, source…) attached to the metadata of every run the
client triggers. Kept in the client's store; the server only sees it inside each run's metadata."""

from __future__ import annotations

from typing import Any

from .._store_namespace import AsyncStoreNamespace

__all__ = ["AsyncContextMetadata"]


class AsyncContextMetadata(AsyncStoreNamespace):
    """Context metadata of a client. Reached as ``client.metadata``.

    Live entries are merged into the ``metadata`` of every run that ``client.tasks.trigger`` and
    ``client.tasks.batch_trigger`` create (the keys a call's own ``metadata`` gives win;
    ``include_context=False`` leaves them out of one call). Entries may expire (``ttl_s``, seconds). They
    live in the client's store (``cache=`` option), so clients sharing a Redis store share them. The
    metadata of a run on the server is read and changed with ``client.runs.metadata``.
    """

    async def all(self) -> dict[str, Any]:
        """Every live entry, by key, sorted by key (what the next trigger attaches).

        Raises:
            StoreError: the store failed, or an entry is not JSON.
        """
        return await self._items()
