"""Making a redis-py client from a URL, for the Redis store (the optional ``redis`` extra)."""

from __future__ import annotations

from typing import Any

from ._exceptions import ValidationError
from ._redact import redact_credential_url

__all__ = ["async_redis_from_url", "redis_from_url"]


def _redis_module() -> Any:
    try:
        import redis
        import redis.asyncio
    except ImportError:
        raise ValidationError(
            "a Redis cache needs the redis package: pip install 'trigger-rest-client[redis]'", field="cache"
        ) from None
    return redis


def _connect(factory: Any, url: str) -> Any:
    try:
        return factory(url, decode_responses=True)
    except ValueError as exc:
        shown = redact_credential_url(url)
        # redis-py's message may quote a piece of the password (as a port): not shown when there is one.
        reason = "redis-py cannot parse it" if "@" in url else str(exc).replace(url, shown)
        raise ValidationError(f"cache url {shown!r} is not a Redis URL: {reason}", field="cache") from None


def async_redis_from_url(url: str) -> Any:
    """A ``redis.asyncio.Redis`` for ``url`` (it connects on first use), answering text.

    Raises:
        ValidationError: the redis package is not installed, or ``url`` is not a Redis URL.
    """
    return _connect(_redis_module().asyncio.Redis.from_url, url)


def redis_from_url(url: str) -> Any:
    """A ``redis.Redis`` for ``url`` (it connects on first use), answering text.

    Raises:
        ValidationError: the redis package is not installed, or ``url`` is not a Redis URL.
    """
    return _connect(_redis_module().Redis.from_url, url)
