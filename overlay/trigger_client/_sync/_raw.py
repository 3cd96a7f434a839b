"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.with_raw_response``: the same methods, returning the parsed value with its HTTP response."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._pipeline import capture_scope
from .._results import RawResponse
from .._sync_async import resolve

if TYPE_CHECKING:
    from ._client import TriggerClient

__all__ = ["RawResponseClient"]


class RawResponseClient:
    """Wraps a client: ``raw.runs.retrieve(run_id)`` returns a :class:`RawResponse` whose ``parsed`` is the
    run and whose ``status_code``, ``headers``, ``request_id``, ``attempts`` and ``rate_limit`` describe
    the HTTP response (the last one, for a method that sends several requests). A method that sends no
    request when called (``runs.list`` returns a pager) returns its value unchanged.
    """

    def __init__(self, client: TriggerClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return _RawResource(getattr(self._client, name))


class _RawResource:
    def __init__(self, resource: Any) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._resource, name)
        if not callable(method):  # a nested resource (``runs.metadata``, ``runs.bulk``)
            return _RawResource(method)

        def call(*args: Any, **kwargs: Any) -> Any:
            with capture_scope() as capture:
                value = resolve(method(*args, **kwargs))
            if capture.status_code is None:
                return value
            return RawResponse(
                parsed=value,
                status_code=capture.status_code,
                headers=capture.headers,
                request_id=capture.request_id,
                attempts=capture.attempts,
            )

        call.__doc__ = method.__doc__
        return call
