"""``client.queues``: the queues of the environment (one per task, plus the custom queues)."""

from __future__ import annotations

import builtins
import math
from collections.abc import Mapping, Sequence
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
from ..._local_annotations import AnnotatedQueue, LocalAnnotations, annotation_tags, tag_filter
from ..._types import NOT_GIVEN, NotGiven, RequestOptions
from .._annotations import AsyncAnnotatedPager, AsyncAnnotations
from .._pagination import AsyncOffsetPager, offset_pager

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncQueues", "queue_path"]

MAX_CONCURRENCY_LIMIT = 100_000


def _override_body(
    kind: QueueParamType, limit: Any, percent: Any, limit_field: str = "limit"
) -> OverrideQueueConcurrencyRequestBody:
    """The override body for exactly one of ``limit`` (0 to 100,000) and ``percent`` (more than 0, at most
    100), checked; ``limit_field`` is the name the caller gave the limit (for messages).

    Raises:
        ValidationError: neither or both, or a value out of range.
    """
    body = OverrideQueueConcurrencyRequestBody(type_=kind)
    if (limit is None) == (percent is None):
        raise ValidationError(f"give exactly one of {limit_field} and percent", field=limit_field)
    if limit is not None:
        body.concurrency_limit = check.integer(limit, limit_field, 0)
        if limit > MAX_CONCURRENCY_LIMIT:
            raise ValidationError(
                f"{limit_field} must be at most {MAX_CONCURRENCY_LIMIT}, got {limit}", field=limit_field
            )
        return body
    try:
        share = check.finite_positive(percent, "percent")
    except ValidationError:
        share = math.nan
    if not 0 < share <= 100:
        raise ValidationError(
            f"percent must be more than 0 and at most 100, got {percent!r}", field="percent"
        )
    body.percent = share
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


def _description(value: Any) -> str | NotGiven | None:
    """A queue description to keep: a string (None removes it; NOT_GIVEN keeps it).

    Raises:
        ValidationError: something else.
    """
    if value is None or isinstance(value, NotGiven):
        return value
    if not isinstance(value, str):
        raise ValidationError(f"description must be a string or None, got {value!r}", field="description")
    return check.utf8(value, "description")


@reports_errors
class AsyncQueues:
    """Queues of the environment of the API key. Reached as ``client.queues``.

    A queue is addressed by its id (``queue_…``), by ``task=`` (a task's own queue, named after the task)
    or by ``name=`` (a custom queue declared in code; names may contain ``/``).

    A queue's ``description`` and ``tags`` are local annotations: the server has no field for them, so
    they are kept in the client's store (``cache=``: memory, or Redis shared between processes), keyed by
    the environment and the queue id, and never sent. :meth:`update` and :meth:`create` set them;
    :meth:`retrieve`, :meth:`list`, :meth:`update` and :meth:`create` return :class:`AnnotatedQueue`
    objects, whose ``local_annotations`` hold them (the other methods return the server's queue as is).
    """

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    def list(
        self,
        *,
        tags: str | Sequence[str] | None = None,
        page: int | None = None,
        per_page: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncOffsetPager[AnnotatedQueue]:
        """The queues, by name, with their local annotations. Calls ``GET /api/v1/queues`` once per page,
        as iteration needs them, and reads each page's annotations from the store.

        ``tags`` is applied here (the server knows no queue tags): iterating walks every page and yields the
        queues whose local tags include all of them. A page of ``pages()`` / ``first_page()`` holds only the
        matching queues of that server page (possibly none) and keeps the server's ``count`` and
        ``total_pages``.

        Args:
            tags: Only the queues whose local tags include all of these (one tag or several).
            page: The page to start at, from 1 (default 1).
            per_page: Queues per page, 1 to 100 (server default 25).
            request_options: Per-call options, for every page.

        Returns:
            A pager of :class:`AnnotatedQueue`: iterate it for every (matching) queue, or use ``pages()`` /
            ``first_page()``.

        Raises:
            ValidationError: a page number below 1, a page size outside 1-100, or tags that are not
                strings, at once.
            StoreError: (while iterating) the store failed.
        """
        wanted = tag_filter(tags)
        annotations = AsyncAnnotations.of(self._client)
        inner = offset_pager(
            self._client, list_queues, ListQueuesResponse, request_options, page=page, per_page=per_page
        )

        async def transform(items: builtins.list[Any]) -> builtins.list[AnnotatedQueue]:
            return await annotations.attach("queue", items, wanted, AnnotatedQueue.of)

        return AsyncAnnotatedPager(inner, transform)

    async def retrieve(
        self,
        queue_id: str | None = None,
        *,
        task: str | None = None,
        name: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AnnotatedQueue:
        """Retrieve a queue, with its local annotations. Calls
        ``GET /api/v1/queues/{queueParam}?type=id|task|custom``, then reads the store.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name (``tenant/emails`` works: the ``/`` is encoded as the server needs).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue: ``running``, ``queued``, ``paused``, ``concurrency_limit`` and ``concurrency``, and
            ``local_annotations`` (``description``, ``tags``).

        Raises:
            ValidationError: not exactly one of ``queue_id``, ``task`` and ``name``, before sending.
            NotFoundError: no such queue (the server's message is ``queue-not-found``).
            StoreError: the store failed.
        """
        segment, kind = queue_path(queue_id, task, name)
        parsed, _headers = await self._client._call(
            retrieve_queue, QueueItem, request_options, queue_param=segment, type_=kind
        )
        return AnnotatedQueue.of(parsed, await AsyncAnnotations.of(self._client).get("queue", parsed.id))

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
            ValidationError: not exactly one queue reference (before sending).
            BadRequestError: (a ValidationError) the queue's limit is not overridden ("Queue is not
                overridden").
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
        description: str | NotGiven | None = NOT_GIVEN,
        tags: str | Sequence[str] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AnnotatedQueue:
        """Change what the platform lets change of a queue: its concurrency limit (an override, calling
        ``POST /api/v1/queues/{queueParam}/concurrency/override``) and whether it is paused
        (``POST /api/v1/queues/{queueParam}/pause``), in that order; then its local annotations
        (``description``, ``tags``: in the client's store, not sent). With only annotations to change, the
        queue is retrieved (``GET /api/v1/queues/{queueParam}``) to learn its id. Everything is checked
        before the first request; the annotations are stored only after the server's changes succeeded.

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: A task id: that task's own queue.
            name: A custom queue's name.
            concurrency_limit: The new limit, 0 to 100,000 (until :meth:`reset`).
            paused: True pauses the queue, False resumes it.
            description: Local annotation: the queue's description; None removes it.
            tags: Local annotation: up to 10 tags of up to 128 characters, replacing the stored ones (``[]``
                removes them), which ``list(tags=...)`` filters by.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue after the last change, with ``local_annotations``.

        Raises:
            ValidationError: not exactly one queue reference, nothing to change, a limit out of range,
                ``paused`` that is not a bool, or a bad description or tags, before sending.
            NotFoundError: no such queue (nothing is stored).
            StoreError: the store failed (the server's changes were made).
        """
        segment, kind = queue_path(queue_id, task, name)
        if (
            concurrency_limit is None
            and paused is None
            and isinstance(description, NotGiven)
            and tags is None
        ):
            raise ValidationError(
                "nothing to change: give concurrency_limit, paused, description or tags", field="paused"
            )
        if paused is not None and not isinstance(paused, bool):
            raise ValidationError(f"paused must be a bool, got {paused!r}", field="paused")
        new_description = _description(description)
        new_tags = None if tags is None else annotation_tags(tags, "a queue")
        body = (
            None
            if concurrency_limit is None
            else _override_body(kind, concurrency_limit, None, "concurrency_limit")
        )
        queue: QueueItem
        if body is not None:
            queue, _headers = await self._client._call(
                override_queue_concurrency_limit, QueueItem, request_options, queue_param=segment, body=body
            )
        if paused is not None:
            action = PauseQueueRequestBodyAction.PAUSE if paused else PauseQueueRequestBodyAction.RESUME
            queue = await self._pause(queue_id, task, name, action, request_options)
        if body is None and paused is None:
            queue, _headers = await self._client._call(
                retrieve_queue, QueueItem, request_options, queue_param=segment, type_=kind
            )
        return AnnotatedQueue.of(queue, await self._annotate(queue.id, new_description, new_tags))

    async def _annotate(
        self, queue_id: str, description: str | NotGiven | None, tags: tuple[str, ...] | None
    ) -> LocalAnnotations:
        """Store the given annotations of a queue (NOT_GIVEN / None: keep); return all of them."""
        annotations = AsyncAnnotations.of(self._client)
        if isinstance(description, NotGiven) and tags is None:
            return await annotations.get("queue", queue_id)
        return await annotations.update("queue", queue_id, description=description, tags=tags)

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

        Args:
            queue_id: The queue id (``queue_…``); or give ``task`` or ``name`` instead.
            task: The task whose own queue this is.
            name: A custom queue's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue (``QueueItem``, without local annotations) with its declared limit.

        Raises:
            ValidationError: not exactly one queue reference, before sending.
            BadRequestError: (a ValidationError) the queue's limit is not overridden ("Queue is not
                overridden").
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
        description: str | NotGiven | None = NOT_GIVEN,
        tags: str | Sequence[str] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AnnotatedQueue:
        """Make sure a custom queue exists, with this concurrency limit and these local annotations.
        Trigger.dev v4 has no route that creates queues: they are declared in task code
        (``queue({name, concurrencyLimit})``) and made when that code is deployed (or run by
        ``trigger dev``). So this retrieves the queue (``GET /api/v1/queues/{name}?type=custom``), with
        ``concurrency_limit`` overrides its limit (``POST /api/v1/queues/{name}/concurrency/override``),
        and stores ``description`` and ``tags`` in the client's store (local annotations, not sent).

        Args:
            name: The custom queue's name (``/`` allowed).
            concurrency_limit: The limit to apply, 0 to 100,000 (an override, until :meth:`reset`).
            description: Local annotation: the queue's description; None removes it.
            tags: Local annotation: up to 10 tags of up to 128 characters, replacing the stored ones.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The queue, with ``local_annotations``.

        Raises:
            ValidationError: an invalid name, limit, description or tags, before sending.
            NotFoundError: no such queue, with a message saying that v4 queues are declared in task code.
            StoreError: the store failed.
        """
        if concurrency_limit is not None:
            _override_body(QueueParamType.CUSTOM, concurrency_limit, None, "concurrency_limit")
        new_description = _description(description)
        new_tags = None if tags is None else annotation_tags(tags, "a queue")
        try:
            queue = await self.retrieve(name=name, request_options=request_options)
        except NotFoundError as exc:
            raise exc.with_message(
                f"there is no queue {name!r}, and Trigger.dev v4 cannot create one through its API: queues "
                "are declared in task code (queue({name, concurrencyLimit}) in the SDK) and made when that "
                "code is deployed or run with `trigger dev`"
            ) from None
        if concurrency_limit is None:
            return AnnotatedQueue.of(queue, await self._annotate(queue.id, new_description, new_tags))
        return await self.update(
            name=name,
            concurrency_limit=concurrency_limit,
            description=new_description,
            tags=new_tags,
            request_options=request_options,
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
