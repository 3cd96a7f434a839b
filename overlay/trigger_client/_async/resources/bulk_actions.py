"""``client.bulk_actions``: cancel or replay many runs at once, and follow the bulk action."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from trigger_api.api.bulk_actions import (
    abort_bulk_action,
    create_bulk_action,
    list_bulk_actions,
    retrieve_bulk_action,
)
from trigger_api.models.bulk_action import BulkAction
from trigger_api.models.bulk_action_id_response import BulkActionIdResponse
from trigger_api.models.create_bulk_action_request_body import CreateBulkActionRequestBody
from trigger_api.models.create_bulk_action_request_body_action import CreateBulkActionRequestBodyAction
from trigger_api.models.list_bulk_actions_response import ListBulkActionsResponse

from ... import _run_filters as run_filters
from ... import _validation as check
from ..._batch_operations import CancelResult
from ..._error_hook import reports_errors
from ..._exceptions import ValidationError
from ..._types import RequestOptions
from .._pagination import AsyncCursorPager, cursor_pager
from .._polling import async_poll_until

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["MAX_BULK_RUN_IDS", "AsyncBulkActions", "check_bulk_action_name"]

MAX_BULK_RUN_IDS = 500
"""The most run ids one bulk action takes (``BULK_ACTION_MAX_RUN_IDS``); use a filter for more."""
MAX_NAME_LENGTH = 255


@reports_errors
class AsyncBulkActions:
    """Bulk actions of the environment of the API key. Reached as ``client.bulk_actions``."""

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    async def cancel(
        self,
        *,
        run_ids: Sequence[str] | None = None,
        filter: Mapping[str, Any] | None = None,
        name: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> BulkActionIdResponse:
        """Cancel many runs: the runs named by ``run_ids``, or those ``filter`` selects. Calls
        ``POST /api/v1/bulk-actions`` with ``action: "cancel"``.

        The server counts the runs and cancels them in the background; :meth:`poll` waits for it. A run
        that had already finished counts as a failure.

        Args:
            run_ids: 1 to 500 distinct run ids (``run_…``).
            filter: The filters of ``runs.list`` by their Python names (``status``, ``task_identifier``,
                ``version``, ``tag``, ``bulk_action``, ``schedule``, ``batch``, ``is_test``, ``from_``,
                ``to``, ``period``, ``queue``, ``machine``, ``region``); statuses are v4 names. Without a
                time filter the server selects runs created in the last 7 days. Exactly one of
                ``run_ids`` and ``filter``.
            name: A name for the bulk action (at most 255 characters).
            request_options: Per-call timeout, retry policy or extra headers. The request is retried only
                when it surely did not reach the server (it is not de-duplicated).

        Returns:
            The bulk action's id (``.id``, ``bulk_…``).

        Raises:
            ValidationError: neither or both of ``run_ids`` and ``filter``, an invalid id or filter, or
                a name that is too long, before sending; or the server's 400.
        """
        return await self._create("cancel", run_ids, filter, name, None, request_options)

    async def replay(
        self,
        *,
        run_ids: Sequence[str] | None = None,
        filter: Mapping[str, Any] | None = None,
        name: str | None = None,
        target_region: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> BulkActionIdResponse:
        """Replay many runs (a new run of each, with its payload and options): the runs named by
        ``run_ids``, or those ``filter`` selects. Calls ``POST /api/v1/bulk-actions`` with
        ``action: "replay"``.

        The new runs carry the bulk action's id: ``runs.list(bulk_action=id)`` lists them.

        Args:
            run_ids: 1 to 500 distinct run ids (``run_…``).
            filter: The filters of ``runs.list`` (see :meth:`cancel`). Exactly one of ``run_ids`` and
                ``filter``.
            name: A name for the bulk action (at most 255 characters).
            target_region: The region the new runs run in (default: each run's own).
            request_options: Per-call timeout, retry policy or extra headers (not retried once the
                request may have reached the server).

        Returns:
            The bulk action's id (``.id``, ``bulk_…``).

        Raises:
            ValidationError: invalid input (see :meth:`cancel`), before sending; or the server's 400.
            RateLimitError: three replays are already in progress in this environment (not retried).
        """
        return await self._create("replay", run_ids, filter, name, target_region, request_options)

    async def _create(
        self,
        action: str,
        run_ids: Sequence[str] | None,
        filters: Mapping[str, Any] | None,
        name: str | None,
        target_region: str | None,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> BulkActionIdResponse:
        if (run_ids is None) == (filters is None):
            raise ValidationError("give exactly one of run_ids and filter", field="run_ids")
        body = CreateBulkActionRequestBody(action=CreateBulkActionRequestBodyAction(action))
        if run_ids is not None:
            body.run_ids = _run_ids(run_ids)
        if filters is not None:
            body.filter_ = run_filters.body_filter(_run_filter(filters))
        checked_name = check_bulk_action_name(name, "name")
        if checked_name is not None:
            body.name = checked_name
        if target_region is not None:
            body.target_region = check.non_empty_string(target_region, "target_region")
        # Not idempotent: the server makes a new bulk action for every request it receives.
        parsed, _headers = await self._client._call(
            create_bulk_action, BulkActionIdResponse, request_options, idempotent=False, body=body
        )
        return parsed

    async def cancel_runs(
        self,
        run_ids: Sequence[str],
        *,
        reason: str | None = None,
        poll_interval_s: float = 1.0,
        timeout_s: float | None = 600.0,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> CancelResult:
        """Cancel any number of runs and wait until it is done: one cancel bulk action per 500 runs
        (``POST /api/v1/bulk-actions``), each polled (``GET /api/v1/bulk-actions/{bulkActionId}``) until it
        finishes. ``client.runs.batch_cancel`` is this method.

        Args:
            run_ids: The run ids (``run_…``), any number; duplicates are sent once.
            reason: Why (the bulk actions' name, shown in the dashboard; at most 255 characters). The
                server keeps no per-run cancel reason.
            poll_interval_s: Seconds between polls of each bulk action.
            timeout_s: Give up waiting for each bulk action after this many seconds (None: never).
            request_options: Per-call options for every request.

        Returns:
            A :class:`CancelResult`: ``cancelled`` and ``failed`` run counts (a run that had already
            finished is a failure), ``bulk_action_ids``, and the bulk actions themselves.

        Raises:
            ValidationError: no run ids, an invalid id, a reason that is too long, or a poll interval or
                timeout that is not a finite number of seconds above zero, before sending.
            WaitTimeoutError: a bulk action did not finish within ``timeout_s``.
        """
        if isinstance(run_ids, str) or not isinstance(run_ids, Sequence):
            raise ValidationError(f"run_ids must be a list of run ids, got {run_ids!r}", field="run_ids")
        ids = list(dict.fromkeys(check.path_segment(value, "run_ids") for value in run_ids))
        if not ids:
            raise ValidationError("run_ids must hold at least one run id", field="run_ids")
        chunks = [ids[start : start + MAX_BULK_RUN_IDS] for start in range(0, len(ids), MAX_BULK_RUN_IDS)]
        check_bulk_action_name(reason, "reason")
        check.poll_waits(poll_interval_s, poll_interval_s, timeout_s)  # before the first cancel
        done = []
        for chunk in chunks:
            created = await self.cancel(run_ids=chunk, name=reason, request_options=request_options)
            done.append(
                await self.poll(
                    created.id,
                    poll_interval_s=poll_interval_s,
                    timeout_s=timeout_s,
                    request_options=request_options,
                )
            )
        return CancelResult(run_ids=tuple(ids), bulk_actions=tuple(done))

    def list(
        self,
        *,
        page_size: int | None = None,
        after: str | None = None,
        before: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncCursorPager[BulkAction]:
        """The bulk actions, newest first. Calls ``GET /api/v1/bulk-actions`` once per page, as iteration
        needs them.

        Args:
            page_size: Bulk actions per page, 1 to 100 (server default 25).
            after, before: Start after (or before) this page cursor (not both).
            request_options: Per-call options, for every page.

        Returns:
            A pager of :class:`BulkAction` (``id``, ``name``, ``type_``, ``status``, ``counts``,
            ``created_at``, ``completed_at``): iterate it, or use ``pages()`` / ``first_page()``.

        Raises:
            ValidationError: a page size outside 1-100, or both ``after`` and ``before``, at once.
        """
        size = None if page_size is None else check.page_size(page_size)
        if after is not None and before is not None:
            raise ValidationError("give after or before, not both", field="before")

        return cursor_pager(
            self._client,
            list_bulk_actions,
            ListBulkActionsResponse,
            request_options,
            after=after,
            before=before,
            pagesize=size,
        )

    async def retrieve(
        self, bulk_action_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> BulkAction:
        """Retrieve a bulk action with its counts. Calls ``GET /api/v1/bulk-actions/{bulkActionId}``.

        Args:
            bulk_action_id: The bulk action id (``bulk_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The :class:`BulkAction`: ``status`` (PENDING, COMPLETED, ABORTED), ``type_`` (CANCEL, REPLAY),
            ``counts`` (``total``, ``success``, ``failure``), ``created_at``, ``completed_at``.

        Raises:
            NotFoundError: no such bulk action in this environment.
        """
        return await self._retrieve(bulk_action_id, request_options, deadline=None)

    async def _retrieve(
        self,
        bulk_action_id: str,
        request_options: RequestOptions | Mapping[str, Any] | None,
        *,
        deadline: float | None,
    ) -> BulkAction:
        parsed, _headers = await self._client._call(
            retrieve_bulk_action,
            BulkAction,
            request_options,
            deadline=deadline,
            bulk_action_id=check.path_segment(bulk_action_id, "bulk_action_id"),
        )
        return parsed

    async def abort(
        self, bulk_action_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> BulkActionIdResponse:
        """Stop a pending bulk action; the runs processed so far stay cancelled or replayed. Calls
        ``POST /api/v1/bulk-actions/{bulkActionId}/abort``.

        Args:
            bulk_action_id: The bulk action id (``bulk_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The bulk action's id (``.id``).

        Raises:
            ConflictError: the bulk action already completed or was aborted.
            NotFoundError: no such bulk action.
        """
        parsed, _headers = await self._client._call(
            abort_bulk_action,
            BulkActionIdResponse,
            request_options,
            bulk_action_id=check.path_segment(bulk_action_id, "bulk_action_id"),
        )
        return parsed

    async def poll(
        self,
        bulk_action_id: str,
        *,
        poll_interval_s: float = 1.0,
        timeout_s: float | None = 600.0,
        on_poll: Callable[[BulkAction], object] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> BulkAction:
        """Wait until a bulk action is COMPLETED or ABORTED (no longer PENDING); return it. Calls
        ``GET /api/v1/bulk-actions/{bulkActionId}`` every ``poll_interval_s`` seconds.

        Transient failures (connection errors, timeouts, 5xx that outlast the retry policy) do not stop
        polling; a rate limit is waited out unless the server asks for longer than the retry policy's
        ``max_retry_after_s``; other errors are raised at once. No request runs past ``timeout_s``.

        Args:
            bulk_action_id: The bulk action id (``bulk_…``).
            poll_interval_s: Seconds between polls.
            timeout_s: Give up after this many seconds (None: never).
            on_poll: Called with each bulk action retrieved (the async client also accepts a coroutine
                function).
            request_options: Per-call options for each retrieve.

        Returns:
            The bulk action in its final status.

        Raises:
            WaitTimeoutError: ``timeout_s`` ran out; ``last_seen`` is the last bulk action retrieved.
            NotFoundError, AuthenticationError, PermissionDeniedError: at once.
        """
        check.path_segment(bulk_action_id, "bulk_action_id")
        return await async_poll_until(
            lambda options, deadline: self._retrieve(bulk_action_id, options, deadline=deadline),
            _is_final,
            label=f"bulk action {bulk_action_id}",
            retry_policy=self._client.retry_policy,
            poll_interval_s=poll_interval_s,
            max_poll_interval_s=poll_interval_s,
            backoff=1.0,
            timeout_s=timeout_s,
            on_poll=on_poll,
            request_options=request_options,
        )


def check_bulk_action_name(name: Any, field: str) -> str | None:
    """A bulk action name: a string of at most 255 characters, or None."""
    if name is None:
        return None
    if not isinstance(name, str):
        raise ValidationError(f"{field} must be a string, got {name!r}", field=field)
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"{field} must be at most {MAX_NAME_LENGTH} characters, got {len(name)}", field=field
        )
    return name


def _is_final(bulk_action: BulkAction) -> bool:
    """Done once it is no longer PENDING (COMPLETED, ABORTED, or a status added later), as the SDK's
    ``runs.bulk.poll`` decides."""
    return str(bulk_action.status) != "PENDING"


def _run_ids(values: Any) -> list[str]:
    """1 to 500 distinct run ids."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise ValidationError(f"run_ids must be a list of run ids, got {values!r}", field="run_ids")
    ids = [check.path_segment(value, "run_ids") for value in values]
    if not ids:
        raise ValidationError("run_ids must hold at least one run id", field="run_ids")
    if len(ids) > MAX_BULK_RUN_IDS:
        raise ValidationError(
            f"run_ids holds {len(ids)} ids; a bulk action takes at most {MAX_BULK_RUN_IDS} (use a filter)",
            field="run_ids",
        )
    for run_id in ids:
        if not run_id.startswith("run_"):
            raise ValidationError(f"run_ids must hold run ids (run_…), got {run_id!r}", field="run_ids")
    if len(set(ids)) != len(ids):
        repeated = next(run_id for run_id in ids if ids.count(run_id) > 1)
        raise ValidationError(f"run_ids names {repeated!r} more than once", field="run_ids")
    return ids


def _run_filter(filters: Any) -> run_filters.RunFilter:
    """A ``filter`` mapping of ``runs.list`` filter names, checked."""
    if not isinstance(filters, Mapping):
        raise ValidationError(f"filter must be a mapping of run filters, got {filters!r}", field="filter")
    unknown = sorted(str(name) for name in filters if name not in run_filters.FILTER_NAMES)
    if unknown:
        raise ValidationError(
            f"filter has unknown names {', '.join(unknown)}; the filters are "
            f"{', '.join(run_filters.FILTER_NAMES)}",
            field="filter",
        )
    return run_filters.check_filter(**filters)
