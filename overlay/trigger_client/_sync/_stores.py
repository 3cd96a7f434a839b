"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

The stores behind ``client.cache``, ``client.metadata``, ``client.ai`` and the local annotations: one
protocol, an in-memory store (the default) and a Redis store shared by every process that points at it.

Values are JSON text; the resources above encode and decode them. Expiry (``ttl_s``) is in seconds.
"""

from __future__ import annotations

import contextlib
import inspect
import math
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from .._cache_options import CacheOptions, escape_glob
from .._exceptions import StoreError, ValidationError
from .._redact import redact_credential_url, redact_text
from .._redis_connect import redis_from_url

__all__ = ["MemoryStore", "RedisStore", "Store", "open_store"]


@runtime_checkable
class Store(Protocol):
    """What a store does. Keys are strings, values JSON text; ``ttl_s`` is seconds (None: no expiry)."""

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        """The values of ``keys`` in order, None for a key that is absent or expired."""
        ...

    def set_many(self, items: Mapping[str, str], ttl_s: float | None) -> None:
        """Set every item, all at once (a reader sees none or all of them), replacing any expiry."""
        ...

    def add(self, key: str, value: str, ttl_s: float | None) -> bool:
        """Set ``key`` only if it is absent (or expired), atomically; return whether it was set."""
        ...

    def delete_many(self, keys: Sequence[str]) -> int:
        """Delete the keys; return how many existed (expired ones do not count)."""
        ...

    def keys(self, prefix: str) -> list[str]:
        """The live keys that start with ``prefix``, sorted."""
        ...

    def close(self) -> None:
        """Release the store's connections (a memory store forgets nothing)."""
        ...


class MemoryStore:
    """A store in this process's memory, safe to share between threads. Expiry is exact: an entry set with
    ``ttl_s=1`` is there until one second has passed on ``clock`` and gone from that instant.

    Args:
        clock: Seconds on a monotonic clock (default ``time.monotonic``; tests pass their own).
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[str, float]] = {}  # key -> (value, expiry instant or +inf)

    def _live(self, key: str, now: float) -> str | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if now >= entry[1]:
            del self._entries[key]
            return None
        return entry[0]

    def _expiry(self, ttl_s: float | None) -> float:
        return math.inf if ttl_s is None else self._clock() + ttl_s

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        """See :class:`Store`."""
        with self._lock:
            now = self._clock()
            return [self._live(key, now) for key in keys]

    def set_many(self, items: Mapping[str, str], ttl_s: float | None) -> None:
        """See :class:`Store`."""
        with self._lock:
            expiry = self._expiry(ttl_s)
            self._entries.update({key: (value, expiry) for key, value in items.items()})

    def add(self, key: str, value: str, ttl_s: float | None) -> bool:
        """See :class:`Store`."""
        with self._lock:
            if self._live(key, self._clock()) is not None:
                return False
            self._entries[key] = (value, self._expiry(ttl_s))
            return True

    def delete_many(self, keys: Sequence[str]) -> int:
        """See :class:`Store`."""
        with self._lock:
            now = self._clock()
            live = [key for key in dict.fromkeys(keys) if self._live(key, now) is not None]
            for key in live:
                del self._entries[key]
            return len(live)

    def keys(self, prefix: str) -> list[str]:
        """See :class:`Store`."""
        with self._lock:
            now = self._clock()
            return sorted(
                key for key in list(self._entries) if key.startswith(prefix) and self._live(key, now)
            )

    def close(self) -> None:
        """Nothing to release: the entries stay (another client may share this store)."""

    def __repr__(self) -> str:
        with self._lock:
            return f"{type(self).__name__}(entries={len(self._entries)})"


class RedisStore:
    """A store in Redis (redis-py): ``set_many`` is one MULTI/EXEC transaction, ``add`` is ``SET NX``, and
    expiry is Redis's own (``PX``, in whole milliseconds rounded up). Every process and client that points
    at the same Redis shares the entries.

    Args:
        url: ``redis://[:password@]host:port/db``, ``rediss://…`` (TLS) or ``unix://…``. Kept out of the
            repr and of error messages (it may hold a password).

    Raises:
        ValidationError: the ``redis`` extra is not installed, or ``url`` is not a Redis URL.
        StoreError: (from each method) Redis is unreachable or answered an error.
    """

    def __init__(self, url: str) -> None:
        self._where = redact_credential_url(url)
        self._redis = redis_from_url(url)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        import redis

        try:
            yield
        except redis.RedisError as exc:
            # A pipeline's error quotes the failed command, keys and values included: keep only the cause.
            cause = str(exc).rsplit(" of pipeline caused error: ", 1)[-1]
            raise StoreError(
                f"the Redis store at {self._where} failed: {type(exc).__name__}: {redact_text(cause)}"
            ) from None
        except (RuntimeError, AttributeError) as exc:
            # redis-py's own state: a connection made on another event loop (now closed), or one a close()
            # in another thread took away mid-command.
            raise StoreError(
                f"the Redis store at {self._where} cannot be used here: {type(exc).__name__}: "
                f"{redact_text(str(exc))} (a closed client, or an async client used from another event loop)"
            ) from None
        except UnicodeDecodeError:
            raise StoreError(
                f"the Redis store at {self._where} holds a key or value under this client's prefix that is "
                "not UTF-8 text: another program wrote it"
            ) from None

    @staticmethod
    def _px(ttl_s: float | None) -> int | None:
        return None if ttl_s is None else max(1, math.ceil(ttl_s * 1000))

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        """See :class:`Store`. One ``MGET``."""
        if not keys:
            return []
        with self._errors():
            return list(self._redis.mget(list(keys)))

    def set_many(self, items: Mapping[str, str], ttl_s: float | None) -> None:
        """See :class:`Store`. ``SET … PX`` for each item inside one ``MULTI``/``EXEC``."""
        if not items:
            return
        with self._errors():
            with self._redis.pipeline(transaction=True) as pipe:
                for key, value in items.items():
                    pipe.set(key, value, px=self._px(ttl_s))
                pipe.execute()

    def add(self, key: str, value: str, ttl_s: float | None) -> bool:
        """See :class:`Store`. ``SET key value NX PX ms``."""
        with self._errors():
            return bool(self._redis.set(key, value, nx=True, px=self._px(ttl_s)))

    def delete_many(self, keys: Sequence[str]) -> int:
        """See :class:`Store`. One ``DEL``."""
        if not keys:
            return 0
        with self._errors():
            return int(self._redis.delete(*dict.fromkeys(keys)))

    def keys(self, prefix: str) -> list[str]:
        """See :class:`Store`. ``SCAN MATCH prefix*`` (never ``KEYS``)."""
        with self._errors():
            return sorted({key for key in self._redis.scan_iter(match=escape_glob(prefix) + "*", count=1000)})

    def close(self) -> None:
        """Close the connections to Redis."""
        with self._errors():
            self._redis.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._where!r})"


def open_store(options: CacheOptions) -> tuple[Any, bool]:
    """The store ``options`` name, and whether the client owns it (and closes it with itself).

    Raises:
        ValidationError: a Redis URL without the ``redis`` extra installed, or a malformed one; a store
            without the protocol's methods, or whose methods are not of this client's kind (async methods
            for the async client, plain ones for the sync client).
    """
    if options.store is not None:
        return _checked(options.store), False
    if options.url is not None:
        return RedisStore(options.url), True
    return MemoryStore(), True


_METHODS = ("get_many", "set_many", "add", "delete_many", "keys", "close")


def _checked(store: Any) -> Any:
    """``store`` when it has every method of the protocol, of the kind this client awaits."""
    is_async = inspect.iscoroutinefunction(MemoryStore.get_many)
    for name in _METHODS:
        method = getattr(store, name, None)
        if not callable(method) or inspect.iscoroutinefunction(method) != is_async:
            kind = "coroutine functions" if is_async else "plain (not async) functions"
            raise ValidationError(
                f"the cache store {type(store).__name__} must have the methods {', '.join(_METHODS)} as "
                f"{kind}, like {MemoryStore.__name__}; {name} is not",
                field="cache",
            )
    return store
