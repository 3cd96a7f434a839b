"""``client.cache``: a key-value cache with expiry, kept in the client's store (Trigger.dev has no cache
endpoint: nothing here is sent to the server)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._store_namespace import AsyncStoreNamespace

__all__ = ["AsyncCache"]


class AsyncCache(AsyncStoreNamespace):
    """A key-value cache of JSON values with expiry in seconds. Reached as ``client.cache``.

    It lives in the client's store (``cache=`` option): in memory by default (this client and the clients
    derived from it), or in Redis (``cache={"url": "redis://…"}``), shared by every process pointing at it.
    Keys are stored as ``{prefix}cache:{key}``. No method sends a request to Trigger.dev.
    """

    async def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        """The live entries among ``keys``, as a dict (absent and expired keys are left out).

        Raises:
            ValidationError: ``keys`` is not a list of non-empty strings.
            StoreError: the store failed, or an entry is not JSON.
        """
        return await self._read(self._keys(keys))

    async def set_many(self, items: Mapping[str, Any], ttl_s: float | None = None) -> None:
        """Store every item, all or nothing: every key and value is checked first, then all are written at
        once (in Redis, one MULTI/EXEC transaction), with the same expiry.

        Args:
            items: Keys (non-empty strings) to JSON values.
            ttl_s: Seconds until the entries expire (None: never).

        Raises:
            ValidationError: any bad key, value or ``ttl_s``; nothing is stored.
            StoreError: the store failed; nothing is stored.
        """
        await self._set_many(items, ttl_s)

    async def delete_many(self, keys: Sequence[str]) -> int:
        """Delete the entries under ``keys``; return how many live ones there were.

        Raises:
            ValidationError: ``keys`` is not a list of non-empty strings.
            StoreError: the store failed.
        """
        return int(await self._store.delete_many(self._keys(keys)))

    async def set_if_not_exists(self, key: str, value: Any, ttl_s: float | None = None) -> bool:
        """Store ``value`` only if no live entry is under ``key``, atomically (Redis ``SET NX``). Usable as a
        lock: the caller that gets True holds it until it deletes the key or ``ttl_s`` runs out.

        Args:
            key: A non-empty string.
            value: A JSON value (the holder's name, say).
            ttl_s: Seconds until the entry expires (None: never; a lock should have one).

        Returns:
            True if this call stored the value, False if an entry was already there.

        Raises:
            ValidationError: a bad key, value or ``ttl_s``.
            StoreError: the store failed.
        """
        return await self._add(key, value, ttl_s)
