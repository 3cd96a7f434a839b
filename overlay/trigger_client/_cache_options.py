"""The ``cache=`` option of a client: which store the cache, context metadata, AI tool registry and local
annotations live in, the key prefix, and whether finished runs are remembered."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import attrs

from . import _validation as check
from ._exceptions import ValidationError

__all__ = ["DEFAULT_PREFIX", "CacheOptions", "escape_glob", "key_fingerprint"]

DEFAULT_PREFIX = "trigger_client:"
_FIELDS = {"url", "prefix", "finished_runs", "finished_runs_ttl_s", "store"}


@attrs.frozen
class CacheOptions:
    """Where a client keeps what lives in the client rather than on the server.

    Attributes:
        url: A Redis URL (``redis://host:6379/0``, ``rediss://…``, ``unix://…``): every process that points
            at it shares the entries. None: an in-memory store of this client (and the clients derived
            from it with ``with_options``). Kept out of the repr (it may hold a password).
        prefix: Prepended to every key the client writes (default ``"trigger_client:"``).
        finished_runs: Remember runs in a final state after a retrieve or poll returns one, so that
            retrieving such a run again sends no request (a final run's status, payload and output never
            change; its tags and metadata may still be changed for a while, which the remembered copy
            does not show). Default False.
        finished_runs_ttl_s: Seconds a finished run is remembered (default 3600).
        store: A store object you made (``MemoryStore``/``RedisStore`` or your own with the same methods);
            it is not closed when the client closes.
    """

    url: str | None = attrs.field(default=None, repr=False)
    prefix: str = DEFAULT_PREFIX
    finished_runs: bool = False
    finished_runs_ttl_s: float = 3600.0
    store: Any = attrs.field(default=None, repr=False)

    @classmethod
    def coerce(cls, value: CacheOptions | Mapping[str, Any] | Any | None) -> CacheOptions:
        """``cache=`` as given to a client: None, a mapping of the attributes, a :class:`CacheOptions`, or a
        store object.

        Raises:
            ValidationError: an unknown key or a value of the wrong type.
        """
        if value is None:
            return cls()
        if isinstance(value, CacheOptions):  # built directly: checked as the mapping would be
            return cls.coerce(attrs.asdict(value, recurse=False))
        if not isinstance(value, Mapping):
            if all(callable(getattr(value, name, None)) for name in ("get_many", "set_many", "add")):
                return cls(store=value)
            raise ValidationError(
                f"cache must be a mapping such as {{'url': 'redis://localhost:6379/0'}}, a CacheOptions or "
                f"a store, got {type(value).__name__}",
                field="cache",
            )
        unknown = sorted(str(key) for key in value if key not in _FIELDS)
        if unknown:
            raise ValidationError(
                f"unknown cache option(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}",
                field="cache",
            )
        url, prefix = value.get("url"), value.get("prefix", DEFAULT_PREFIX)
        finished = value.get("finished_runs", False)
        if url is not None and (not isinstance(url, str) or "://" not in url):
            raise ValidationError(
                "cache url must be a Redis URL such as redis://localhost:6379/0", field="cache"
            )
        if not isinstance(prefix, str):
            raise ValidationError(f"cache prefix must be a string, got {prefix!r}", field="cache")
        if not isinstance(finished, bool):
            raise ValidationError(
                f"cache finished_runs must be True or False, got {finished!r}", field="cache"
            )
        ttl = value.get("finished_runs_ttl_s", 3600.0)
        try:
            ttl = check.store_ttl(ttl, "finished_runs_ttl_s")
        except ValidationError as exc:
            raise ValidationError(f"cache {exc.message}", field="cache") from None
        store = value.get("store")
        if store is not None and url is not None:
            raise ValidationError("give the cache either a url or a store, not both", field="cache")
        return cls(
            url=url, prefix=prefix, finished_runs=finished, finished_runs_ttl_s=float(ttl), store=store
        )


def escape_glob(text: str) -> str:
    """``text`` with Redis glob characters escaped, for ``SCAN MATCH <text>*``."""
    return "".join("\\" + char if char in "*?[]\\" else char for char in text)


def key_fingerprint(secret: str) -> str:
    """A short, non-reversible name for a credential: keys derived from it never hold the secret."""
    return hashlib.sha256(secret.encode()).hexdigest()[:16]


def environment_fingerprint(base_url: str, api_key: str, preview_branch: str | None) -> str:
    """The name, in store keys, of the environment a client acts on: a fingerprint of its server, its
    credential and its preview branch (the key itself is never written)."""
    return key_fingerprint(f"{base_url}\n{api_key}\n{preview_branch or ''}")
