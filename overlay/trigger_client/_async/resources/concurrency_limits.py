"""``client.concurrency_limits``: named concurrency limits and the limits declared on tasks."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.concurrency_limits import (
    list_concurrency_limits,
    override_concurrency_limit,
    pause_concurrency_limit,
    reset_concurrency_limit,
    retrieve_concurrency_limit,
)
from trigger_api.models.concurrency_limit import ConcurrencyLimit
from trigger_api.models.concurrency_limit_key import ConcurrencyLimitKey
from trigger_api.models.list_concurrency_limits_response import ListConcurrencyLimitsResponse
from trigger_api.models.override_concurrency_limit_request_body import OverrideConcurrencyLimitRequestBody
from trigger_api.models.pause_concurrency_limit_request_body import PauseConcurrencyLimitRequestBody
from trigger_api.models.pause_concurrency_limit_request_body_action import (
    PauseConcurrencyLimitRequestBodyAction,
)
from trigger_api.models.reset_concurrency_limit_request_body import ResetConcurrencyLimitRequestBody

from ... import _validation as check
from ..._error_hook import reports_errors
from ..._exceptions import ValidationError
from ..._types import RequestOptions
from .._pagination import AsyncOffsetPager, offset_pager

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncConcurrencyLimits"]

MAX_BOUND = 100_000
MAX_KEY_LENGTH = 128
MAX_KEY_TTL_S = 30 * 24 * 3600
_NAME = re.compile(r"^[a-zA-Z0-9_/-]{1,122}$")


@reports_errors
class AsyncConcurrencyLimits:
    """Concurrency limits of the environment (``concurrencyLimit()`` in the SDK; a limit declared inline on
    a task is named ``task/<taskId>``). Reached as ``client.concurrency_limits``.

    A limit has a ``per_key`` bound (each concurrency key's pool; runs without a key share one) and a
    ``total`` bound (all runs holding it). Overrides replace them until reset; one key can be capped on its
    own for a while (``override(name, concurrency_key=..., per_key=..., ttl=...)``).
    """

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    def list(
        self,
        *,
        page: int | None = None,
        per_page: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncOffsetPager[ConcurrencyLimit]:
        """The limits, by name. Calls ``GET /api/v1/concurrency-limits`` once per page, as iteration needs
        them.

        Args:
            page: The page to start at, from 1 (default 1).
            per_page: Limits per page, 1 to 100 (server default 25; the server refuses more).
            request_options: Per-call options, for every page.

        Returns:
            A pager: iterate it for every limit, or use ``pages()`` / ``first_page()``.

        Raises:
            ValidationError: a page number below 1 or a page size outside 1-100, at once.
        """
        return offset_pager(
            self._client,
            list_concurrency_limits,
            ListConcurrencyLimitsResponse,
            request_options,
            page=page,
            per_page=per_page,
        )

    async def retrieve(
        self, name: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> ConcurrencyLimit:
        """Retrieve a limit. Calls ``GET /api/v1/concurrency-limits/{name}``.

        Args:
            name: The limit's name, or ``task/<taskId>`` for a limit declared on a task.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The limit: ``per_key`` and ``total`` bounds (``current``, ``base``, ``override``,
            ``overridden_at``), ``running``, ``queued``, ``paused``.

        Raises:
            NotFoundError: no such limit ("Concurrency limit not found").
        """
        parsed, _headers = await self._client._call(
            retrieve_concurrency_limit, ConcurrencyLimit, request_options, name=_name(name)
        )
        return parsed

    async def retrieve_key(
        self,
        name: str,
        concurrency_key: str | int,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> ConcurrencyLimitKey:
        """A limit as it applies to one concurrency key. Calls
        ``GET /api/v1/concurrency-limits/{name}?concurrencyKey=…``.

        Args:
            name: The limit's name.
            concurrency_key: The key (1 to 128 characters; an int is sent as its digits).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The key's view: ``per_key`` (``current``, ``base``, ``override``, ``expires_at``), ``running``,
            ``paused``.

        Raises:
            NotFoundError: no such limit.
        """
        parsed, _headers = await self._client._call(
            retrieve_concurrency_limit,
            ConcurrencyLimitKey,
            request_options,
            name=_name(name),
            concurrency_key=_key(concurrency_key),
        )
        return parsed

    async def override(
        self,
        name: str,
        *,
        per_key: int | None = None,
        total: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> ConcurrencyLimit:
        """Override a limit's bounds until reset. Calls ``POST /api/v1/concurrency-limits/{name}/override``.

        Args:
            name: The limit's name.
            per_key: The new bound of each key's pool, 0 to 100,000 (0 admits no run).
            total: The new bound of all runs holding the limit, 0 to 100,000.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The limit; each overridden bound has ``override`` and ``overridden_at`` set.

        Raises:
            ValidationError: neither bound, or one out of range (before sending); or the server's 400 for a
                bound above the environment's concurrency limit.
            NotFoundError: no such limit.
            ConflictError: the limit changed at the same time (retried).
        """
        body = OverrideConcurrencyLimitRequestBody()
        if per_key is None and total is None:
            raise ValidationError("give per_key or total (or both)", field="per_key")
        if per_key is not None:
            body.per_key = _bound(per_key, "per_key")
        if total is not None:
            body.total = _bound(total, "total")
        parsed, _headers = await self._client._call(
            override_concurrency_limit, ConcurrencyLimit, request_options, name=_name(name), body=body
        )
        return parsed

    async def override_key(
        self,
        name: str,
        concurrency_key: str | int,
        *,
        per_key: int,
        ttl: str | int | datetime.timedelta | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> ConcurrencyLimitKey:
        """Cap one concurrency key of a limit for a while. Calls
        ``POST /api/v1/concurrency-limits/{name}/override`` with ``concurrencyKey``.

        Args:
            name: The limit's name.
            concurrency_key: The key (1 to 128 characters).
            per_key: The key's bound, 0 to 100,000 (0 blocks the key).
            ttl: How long the cap lasts: a duration (``"1h"``, ``"7d"``), whole seconds, or a timedelta; at
                most 30 days (server default 7 days).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The key's view, with ``per_key.override`` and ``per_key.expires_at``.

        Raises:
            ValidationError: an invalid key, bound or ttl, before sending.
            NotFoundError: no such limit.
        """
        body = OverrideConcurrencyLimitRequestBody(
            concurrency_key=_key(concurrency_key), per_key=_bound(per_key, "per_key")
        )
        if ttl is not None:
            body.ttl = _ttl(ttl)
        parsed, _headers = await self._client._call(
            override_concurrency_limit, ConcurrencyLimitKey, request_options, name=_name(name), body=body
        )
        return parsed

    async def reset(
        self, name: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> ConcurrencyLimit:
        """Remove a limit's overrides (its declared bounds apply again). Calls
        ``POST /api/v1/concurrency-limits/{name}/reset``.

        Args:
            name: The limit's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The limit with its declared bounds.

        Raises:
            ValidationError: the server's 400 for a limit with no override.
            NotFoundError: no such limit.
        """
        parsed, _headers = await self._client._call(
            reset_concurrency_limit,
            ConcurrencyLimit,
            request_options,
            name=_name(name),
            body=ResetConcurrencyLimitRequestBody(),
        )
        return parsed

    async def reset_key(
        self,
        name: str,
        concurrency_key: str | int,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> ConcurrencyLimitKey:
        """Remove one key's cap (the limit itself is left alone). Calls
        ``POST /api/v1/concurrency-limits/{name}/reset`` with ``concurrencyKey``.

        Args:
            name: The limit's name.
            concurrency_key: The key.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The key's view, without an override.

        Raises:
            NotFoundError: no such limit.
        """
        parsed, _headers = await self._client._call(
            reset_concurrency_limit,
            ConcurrencyLimitKey,
            request_options,
            name=_name(name),
            body=ResetConcurrencyLimitRequestBody(concurrency_key=_key(concurrency_key)),
        )
        return parsed

    async def pause(
        self, name: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> ConcurrencyLimit:
        """Pause a limit: it admits no run until resumed (its bounds are kept). Calls
        ``POST /api/v1/concurrency-limits/{name}/pause`` with ``{"action": "pause"}``.

        The server's pause route does not decode the name a second time, so ``task/<taskId>`` limits
        cannot be paused through it (404); pause the task's queue instead.

        Args:
            name: The limit's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The limit, ``paused`` true.

        Raises:
            NotFoundError: no such limit.
        """
        return await self._pause(name, PauseConcurrencyLimitRequestBodyAction.PAUSE, request_options)

    async def resume(
        self, name: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> ConcurrencyLimit:
        """Resume a paused limit. Calls ``POST /api/v1/concurrency-limits/{name}/pause`` with
        ``{"action": "resume"}``.

        Args:
            name: The limit's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The limit, ``paused`` false.

        Raises:
            NotFoundError: no such limit.
        """
        return await self._pause(name, PauseConcurrencyLimitRequestBodyAction.RESUME, request_options)

    async def _pause(
        self,
        name: str,
        action: PauseConcurrencyLimitRequestBodyAction,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> ConcurrencyLimit:
        parsed, _headers = await self._client._call(
            pause_concurrency_limit,
            ConcurrencyLimit,
            request_options,
            name=_name(name),
            body=PauseConcurrencyLimitRequestBody(action=action),
        )
        return parsed


def _name(value: Any) -> str:
    """A limit name: letters, digits, ``_``, ``-`` and ``/`` (at most 122), or ``task/<taskId>``."""
    name = check.path_segment(value, "name")
    if not (name.startswith("task/") and len(name) > len("task/")) and not _NAME.match(name):
        raise ValidationError(
            f"name must be letters, digits, '_', '-' and '/' (at most 122), or 'task/<taskId>', got {name!r}",
            field="name",
        )
    return name


def _key(value: Any) -> str:
    """A concurrency key: a non-empty string (or an int, sent as its digits), at most 128 characters."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return check.non_empty_string(value, "concurrency_key", max_length=MAX_KEY_LENGTH)


def _bound(value: Any, field: str) -> int:
    bound = check.integer(value, field, 0)
    if bound > MAX_BOUND:
        raise ValidationError(f"{field} must be at most {MAX_BOUND}, got {bound}", field=field)
    return bound


def _ttl(value: Any) -> str | int:
    """A per-key override's lifetime: a duration string, whole seconds (int or timedelta), at most 30 days."""
    if isinstance(value, datetime.timedelta):
        value = check.whole_seconds(value, "ttl")
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 < value <= MAX_KEY_TTL_S:
            raise ValidationError(f"ttl must be 1 second to 30 days, got {value} s", field="ttl")
        return value
    return check.duration(value, "ttl")
