"""One part of a client's store: JSON values under ``{prefix}{namespace}:{key}``, with checked keys and
expiry. The cache, context metadata and AI tool registry are each one namespace; local annotations use
its ``encode``, ``decode`` and ``check_key`` with a key layout of their own."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .. import _validation as check
from .._exceptions import StoreError, ValidationError

__all__ = ["MISSING", "AsyncStoreNamespace", "decode", "encode"]

MISSING: Any = object()


def encode(value: Any, field: str = "value") -> str:
    """``value`` as JSON text.

    Raises:
        ValidationError: a value JSON cannot hold (NaN, a set, an object, a lone surrogate).
    """
    return check.json_encode(value, field).decode()


def decode(text: str, key: str) -> Any:
    """The JSON value stored as ``text`` under ``key``.

    Raises:
        StoreError: the stored text is not JSON (something else wrote the key).
    """
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise StoreError(f"the stored value of {key!r} is not JSON: another program wrote it") from None


def check_key(key: Any, field: str = "key") -> str:
    """A key: a non-empty string UTF-8 can encode."""
    if not isinstance(key, str) or not key:
        raise ValidationError(f"{field} must be a non-empty string, got {key!r}", field=field)
    return check.utf8(key, field)


def check_ttl(ttl_s: Any) -> float | None:
    """None (no expiry) or a finite number of seconds above zero, at most 100 years."""
    return None if ttl_s is None else check.store_ttl(ttl_s, "ttl_s")


class AsyncStoreNamespace:
    """Entries of one namespace of a store (internal base of ``client.cache``, ``client.metadata`` and the
    registry of ``client.ai``).

    Args:
        store: The client's store.
        prefix: The client's key prefix plus the namespace and a colon (``"trigger_client:cache:"``).
    """

    def __init__(self, store: Any, prefix: str) -> None:
        self._store = store
        self._prefix = prefix

    def _key(self, key: Any, field: str = "key") -> str:
        return self._prefix + check_key(key, field)

    async def set(self, key: str, value: Any, ttl_s: float | None = None) -> None:
        """Store ``value`` (anything JSON can hold) under ``key``, replacing what was there.

        Args:
            key: A non-empty string.
            value: A JSON value (dict, list, str, int, float, bool or None).
            ttl_s: Seconds until the entry expires (None: never). Setting again replaces the expiry.

        Raises:
            ValidationError: an empty key, a value JSON cannot hold, or a ``ttl_s`` that is not a positive
                number of seconds; nothing is stored.
            StoreError: the store failed (Redis unreachable).
        """
        full, text, ttl = self._key(key), encode(value), check_ttl(ttl_s)
        await self._store.set_many({full: text}, ttl)

    async def _add(self, key: Any, value: Any, ttl_s: Any) -> bool:
        """Store ``value`` under ``key`` only if nothing live is there, atomically; return whether it did
        (``SET NX`` on Redis). Checks as :meth:`set`.

        Raises:
            ValidationError: a bad key, value or ``ttl_s``; nothing is stored.
            StoreError: the store failed.
        """
        full, text, ttl = self._key(key), encode(value), check_ttl(ttl_s)
        return bool(await self._store.add(full, text, ttl))

    async def get(self, key: str, default: Any = None) -> Any:
        """The value stored under ``key``, or ``default`` when it is absent or expired.

        Raises:
            ValidationError: an empty key.
            StoreError: the store failed, or the entry is not JSON.
        """
        full = self._key(key)
        (text,) = await self._store.get_many([full])
        return default if text is None else decode(text, key)

    async def has(self, key: str) -> bool:
        """Whether a live (unexpired) entry is stored under ``key``.

        Raises:
            ValidationError: an empty key.
            StoreError: the store failed.
        """
        full = self._key(key)
        (text,) = await self._store.get_many([full])
        return text is not None

    async def delete(self, key: str) -> bool:
        """Delete the entry under ``key``; return whether a live one was there.

        Raises:
            ValidationError: an empty key.
            StoreError: the store failed.
        """
        return bool(await self._store.delete_many([self._key(key)]) == 1)

    async def _items(self) -> dict[str, Any]:
        """Every live entry of this namespace, by key (without the prefix), sorted by key."""
        return await self._read(await self._store.keys(self._prefix))

    async def _read(self, full_keys: list[str]) -> dict[str, Any]:
        """The live entries among ``full_keys`` (prefixed), by key without the prefix."""
        texts = await self._store.get_many(full_keys)
        start = len(self._prefix)
        return {
            full[start:]: decode(text, full[start:])
            for full, text in zip(full_keys, texts, strict=True)
            if text is not None
        }

    async def _set_many(self, items: Mapping[str, Any], ttl_s: float | None) -> None:
        if not isinstance(items, Mapping):
            raise ValidationError(f"items must be a mapping of keys to values, got {items!r}", field="items")
        encoded = {
            self._key(key, "each key of items"): encode(value, f"items[{key!r}]")
            for key, value in items.items()
        }
        ttl = check_ttl(ttl_s)
        await self._store.set_many(encoded, ttl)

    def _keys(self, keys: Sequence[str], field: str = "keys") -> list[str]:
        if isinstance(keys, str) or not isinstance(keys, Sequence | set | frozenset):
            raise ValidationError(f"{field} must be a list of keys, got {keys!r}", field=field)
        return [self._key(key, field) for key in keys]
