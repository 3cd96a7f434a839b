"""``client.queues``: the queues of the environment (one per task, plus the custom queues)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.queues import (
    list_queues,
    override_queue_concurrency_limit,
    pause_queue,
    reset_queue_concurrency_limit,
    retrieve_queue,
)
from trigger_api.models.list_queues_response import ListQueuesResponse
from trigger_api.models.override_queue_concurrency_request_body import OverrideQueueConcurrencyRequestBody
from trigger_api.models.pause_queue_request_body import PauseQueueRequestBody
from trigger_api.models.pause_queue_request_body_action import PauseQueueRequestBodyAction
from trigger_api.models.queue_item import QueueItem
from trigger_api.models.queue_param_type import QueueParamType
from trigger_api.models.reset_queue_concurrency_request_body import ResetQueueConcurrencyRequestBody

from ... import _validation as check
from ..._error_hook import reports_errors
from ..._exceptions import NotFoundError, UnsupportedOperationError, ValidationError
from ..._types import RequestOptions
from .._pagination import AsyncOffsetPager, offset_pager

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncQueues", "queue_path"]

MAX_CONCURRENCY_LIMIT = 100_000


def _override_body(kind: QueueParamType, limit: Any, percent: Any) -> OverrideQueueConcurrencyRequestBody:
    """The override body for exactly one of ``limit`` (0 to 100,000) and ``percent`` (more than 0, at most
    100), checked.

    Raises:
        ValidationError: neither or both, or a value out of range.
    """
    body = OverrideQueueConcurrencyRequestBody(type_=kind)
    if (limit is None) == (percent is None):
        raise ValidationError("give exactly one of limit and percent", field="limit")
    if limit is not None:
        body.concurrency_limit = check.integer(limit, "limit", 0)
        if limit > MAX_CONCURRENCY_LIMIT:
            raise ValidationError(
                f"limit must be at most {MAX_CONCURRENCY_LIMIT}, got {limit}", field="limit"
            )
        return body
    if (
        isinstance(percent, bool)
        or not isinstance(percent, int | float)
        or not math.isfinite(percent)
        or not 0 < percent <= 100
    ):
        raise ValidationError(
            f"percent must be more than 0 and at most 100, got {percent!r}", field="percent"
        )
    body.percent = float(percent)
    return body


def queue_path(queue_id: Any, task: Any, name: Any) -> tuple[str, QueueParamType]:
    """The path segment (before percent-encoding) and ``type`` that address a queue.

    Exactly one of ``queue_id`` (``queue_…``), ``task`` (a task id: its own queue) and ``name`` (a custom
    queue). A ``/`` in a name is written ``%2F`` first, as the server expects (it decodes the segment,
    then turns ``%2F`` back into ``/``).

    Raises:
        ValidationError: none or several of them, an id that is not a ``queue_…`` id, or a name with
            ``%`` (which no queue name holds).
    """
    given = [
        (field, value)
        for field, value in (("queue_id", queue_id), ("task", task), ("name", name))
        if value is not None
    ]
    if len(given) != 1:
        raise ValidationError(
            "give exactly one of a queue id (queue_…), task=<task id> or name=<custom queue name>",
            field="queue_id" if not given else given[1][0],
        )
    field, value = given[0]
    text = check.path_segment(value, field)
    if field == "queue_id":
        if not text.startswith("queue_"):
            raise ValidationError(
                f"queue_id must be a queue id (queue_…), got {text!r}: use task= for a task's queue or name= "
                "for a custom queue",
                field=field,
            )
        return text, QueueParamType.ID
    if "%" in text:
        raise ValidationError(f"{field} cannot contain '%': {text!r} names no queue", field=field)
    return text.replace("/", "%2F"), QueueParamType.TASK if field == "task" else QueueParamType.CUSTOM


@reports_errors
class AsyncQueues:
    """Queues of the environment of the API key. Reached as ``client.queues``.

    A queue is addressed by its id (``queue_…``), by ``task=`` (a task's own queue, named after the task)
    or by ``name=`` (a custom queue declared in code; names may contain ``/``).
    """

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    def list(
        self,
        *,
        page: int | None = None,
        per_page: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncOffsetPager[QueueItem]:
        """The queues, by name. Calls ``GET /api/v1/queues`` once per page, as iteration needs them.

        Args:
            page: The page to start at, from 1 (default 1).
            per_page: Queues per page, 1 to 100 (server default 25).
            request_options: Per-call options, for every page.

        Returns:
            A pager: iterate it for every queue, or use ``pages()`` / ``first_page()``.

        Raises:
            ValidationError: a page number below 1 or a page size outside 1-100, at once.
        """
        return offset_pager(
            self._client, list_queues, ListQueuesResponse, request_options, page=page, per_page=per_page
        )

    async def retrieve(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Retrieve a queue. Calls ``GET /api/v1/queues/{queueParam}?type=id|task|custom``.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name (``tenant/emails`` works: the ``/`` is encoded as the server needs).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue: ``running``, ``queued``, ``paused``, ``concurrency_limit`` and ``concurrency``.

        Raises:
            ValidationError: not exactly one of ``queue_id``, ``task`` and ``name``, before sending.
            NotFoundError: no such queue (the server's message is ``queue-not-found``).
        """
        segment, kind = queue_path(queue_id, task, name)
        parsed, _headers = await self._client._call(
            retrieve_queue, QueueItem, request_options, queue_param=segment, type_=kind
        )
        return parsed

    async def pause(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Pause a queue: it starts no new run until resumed (runs already executing go on). Calls
        ``POST /api/v1/queues/{queueParam}/pause`` with ``{"action": "pause"}``.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue, ``paused`` true.

        Raises:
            ValidationError: not exactly one of ``queue_id``, ``task`` and ``name``, before sending.
            NotFoundError: no such queue.
        """
        return await self._pause(queue_id, task, name, PauseQueueRequestBodyAction.PAUSE, request_options)

    async def resume(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Resume a paused queue. Calls ``POST /api/v1/queues/{queueParam}/pause`` with
        ``{"action": "resume"}``.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue, ``paused`` false.

        Raises:
            ValidationError: not exactly one of ``queue_id``, ``task`` and ``name``, before sending.
            NotFoundError: no such queue.
        """
        return await self._pause(queue_id, task, name, PauseQueueRequestBodyAction.RESUME, request_options)

    async def _pause(
        self,
        queue_id: Any,
        task: Any,
        name: Any,
        action: PauseQueueRequestBodyAction,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> QueueItem:
        segment, kind = queue_path(queue_id, task, name)
        parsed, _headers = await self._client._call(
            pause_queue,
            QueueItem,
            request_options,
            queue_param=segment,
            body=PauseQueueRequestBody(type_=kind, action=action),
        )
        return parsed

    async def override_concurrency_limit(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        limit: int | None = None,
        percent: float | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Override a queue's concurrency limit until it is reset. Calls
        ``POST /api/v1/queues/{queueParam}/concurrency/override``.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name.
            limit: The new limit, 0 to 100,000 (0 starts nothing), at most the environment's limit.
            percent: Instead of ``limit``: a percentage (more than 0, at most 100) of the environment's
                concurrency limit (the server makes it at least 1).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue; ``concurrency.base`` keeps the declared limit, ``concurrency.override`` the new one.

        Raises:
            ValidationError: not exactly one queue reference, or not exactly one of ``limit`` and
                ``percent``, or either out of range (before sending); or the server's 400 for a limit above
                the environment's.
            NotFoundError: no such queue.
        """
        segment, kind = queue_path(queue_id, task, name)
        body = _override_body(kind, limit, percent)
        parsed, _headers = await self._client._call(
            override_queue_concurrency_limit, QueueItem, request_options, queue_param=segment, body=body
        )
        return parsed

    async def reset_concurrency_limit(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Return a queue to its declared concurrency limit. Calls
        ``POST /api/v1/queues/{queueParam}/concurrency/reset``.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue with its declared limit.

        Raises:
            ValidationError: not exactly one queue reference (before sending), or the server's 400 for a
                queue whose limit is not overridden ("Queue is not overridden").
            NotFoundError: no such queue.
        """
        segment, kind = queue_path(queue_id, task, name)
        parsed, _headers = await self._client._call(
            reset_queue_concurrency_limit,
            QueueItem,
            request_options,
            queue_param=segment,
            body=ResetQueueConcurrencyRequestBody(type_=kind),
        )
        return parsed

    async def update(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        concurrency_limit: int | None = None,
        paused: bool | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Change what the platform lets change of a queue: its concurrency limit (an override, calling
        ``POST /api/v1/queues/{queueParam}/concurrency/override``) and whether it is paused
        (``POST /api/v1/queues/{queueParam}/pause``), in that order. Everything is checked before the first
        request.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name.
            concurrency_limit: The new limit, 0 to 100,000 (until :meth:`reset`).
            paused: True pauses the queue, False resumes it.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue after the last change.

        Raises:
            ValidationError: not exactly one queue reference, nothing to change, a limit out of range or
                ``paused`` that is not a bool, before sending.
            NotFoundError: no such queue.
        """
        segment, kind = queue_path(queue_id, task, name)
        if concurrency_limit is None and paused is None:
            raise ValidationError("nothing to change: give concurrency_limit, paused or both", field="paused")
        if paused is not None and not isinstance(paused, bool):
            raise ValidationError(f"paused must be a bool, got {paused!r}", field="paused")
        body = None if concurrency_limit is None else _override_body(kind, concurrency_limit, None)
        if body is not None:
            queue, _headers = await self._client._call(
                override_queue_concurrency_limit, QueueItem, request_options, queue_param=segment, body=body
            )
            if paused is None:
                return queue
        action = PauseQueueRequestBodyAction.PAUSE if paused else PauseQueueRequestBodyAction.RESUME
        return await self._pause(queue_id, task, name, action, request_options)

    async def reset(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Return a queue to the concurrency limit its code declares: the same as
        :meth:`reset_concurrency_limit` (``POST /api/v1/queues/{queueParam}/concurrency/reset``).

        Raises:
            ValidationError: as :meth:`reset_concurrency_limit`, including a queue that is not overridden.
            NotFoundError: no such queue.
        """
        return await self.reset_concurrency_limit(
            queue_id, task=task, name=name, request_options=request_options
        )

    async def create(
        self,
        name: str,
        *,
        concurrency_limit: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> QueueItem:
        """Make sure a custom queue exists, with this concurrency limit. Trigger.dev v4 has no route that
        creates queues: they are declared in task code (``queue({name, concurrencyLimit})``) and made when
        that code is deployed (or run by ``trigger dev``). So this retrieves the queue
        (``GET /api/v1/queues/{name}?type=custom``) and, with ``concurrency_limit``, overrides its limit.

        Args:
            name: The custom queue's name (``/`` allowed).
            concurrency_limit: The limit to apply, 0 to 100,000 (an override, until :meth:`reset`).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue.

        Raises:
            ValidationError: an invalid name or limit, before sending.
            NotFoundError: no such queue, with a message saying that v4 queues are declared in task code.
        """
        if concurrency_limit is not None:
            _override_body(QueueParamType.CUSTOM, concurrency_limit, None)
        try:
            queue = await self.retrieve(name=name, request_options=request_options)
        except NotFoundError as exc:
            raise exc.with_message(
                f"there is no queue {name!r}, and Trigger.dev v4 cannot create one through its API: queues "
                "are declared in task code (queue({name, concurrencyLimit}) in the SDK) and made when that "
                "code is deployed or run with `trigger dev`"
            ) from None
        if concurrency_limit is None:
            return queue
        return await self.update(
            name=name, concurrency_limit=concurrency_limit, request_options=request_options
        )

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        """Not possible on Trigger.dev v4: there is no route that deletes a queue. Nothing is sent.

        Raises:
            UnsupportedOperationError: always; remove the queue from the task code and deploy, or pause
                it (:meth:`pause`) to stop it starting runs.
        """
        raise UnsupportedOperationError(
            "Trigger.dev v4 cannot delete a queue through its API: remove it from the task code and deploy "
            "(a queue no deployed task uses takes no runs), or pause it with queues.pause(...)"
        )
