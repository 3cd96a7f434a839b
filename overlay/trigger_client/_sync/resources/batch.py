"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.batch``: read batches (in the current shape, or the older one on servers without it), list
their runs, count them, cancel them and compute their statistics: in the client, from the runs, where the
server has no endpoint."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

from trigger_api.api.batches import retrieve_batch, retrieve_batch_v1
from trigger_api.models.batch import Batch
from trigger_api.models.batch_v1 import BatchV1
from trigger_api.models.list_run_item import ListRunItem
from trigger_api.types import Unset

from ... import _validation as check
from ..._batch_operations import (
    PENDING_RUN_STATUSES,
    RUNNING_RUN_STATUSES,
    BatchStatistics,
    CancelResult,
    batch_run_counts,
    batch_statistics,
    is_failed_run,
)
from ..._batch_with_run_counts import BatchWithRunCounts
from ..._error_hook import reports_errors
from ..._exceptions import NotFoundError, ValidationError
from ..._types import RequestOptions
from .bulk_actions import check_bulk_action_name

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["Batches"]


@reports_errors
class Batches:
    """Batches of runs. Reached as ``client.batch``; create them with ``client.tasks.batch_trigger``."""

    def __init__(self, client: TriggerClient) -> None:
        self._client = client
        self._v1_route = False
        """Set once the server answered a plain 404 (no ``x-should-retry``) to the v2 route."""

    @overload
    def retrieve(
        self,
        batch_id: str,
        *,
        run_counts: Literal[False] = False,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> Batch: ...

    @overload
    def retrieve(
        self,
        batch_id: str,
        *,
        run_counts: Literal[True],
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> BatchWithRunCounts: ...

    def retrieve(
        self,
        batch_id: str,
        *,
        run_counts: bool = False,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> Batch:
        """Retrieve a batch with the ids of its runs. Calls ``GET /api/v2/batches/{batchId}``; with
        ``run_counts=True`` also lists its runs (``GET /api/v1/runs?filter[batch]=…``, 100 a page), since
        the server's batch tells only the total.

        A server without that route (a self-hosted server from before it) answers a plain 404, with no
        ``x-should-retry`` header; the client then calls ``GET /api/v1/batches/{batchId}`` (for this call
        and the later ones) and returns the older shape as a :class:`Batch`: its ``errors`` become
        ``processing.errors``, and ``successfulRunCount`` / ``failedRunCount`` are kept as extra fields
        (``batch["successfulRunCount"]``).

        Args:
            batch_id: The batch id (``batch_…``).
            run_counts: Count the batch's runs by state too.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The batch (``trigger_client.Batch``): ``status`` (PENDING, PROCESSING, COMPLETED,
            PARTIAL_FAILED, ABORTED; the processing of the batch, not of its runs), ``run_count``, ``runs``
            (run ids), ``processing.errors``. With ``run_counts=True`` a :class:`BatchWithRunCounts`: also
            ``total_runs``, ``completed_runs`` (succeeded), ``failed_runs`` and ``run_counts`` (with
            ``canceled``, ``running``, ``pending``).

        Raises:
            ValidationError: ``run_counts`` that is not a bool, before sending.
            NotFoundError: no such batch (after retries: a batch just created may take a moment to appear).
        """
        check.path_segment(batch_id, "batch_id")
        if not isinstance(run_counts, bool):
            raise ValidationError(f"run_counts must be a bool, got {run_counts!r}", field="run_counts")
        batch = self._retrieve(batch_id, request_options)
        if not run_counts:
            return batch
        runs = self._runs_of(batch, request_options)
        return BatchWithRunCounts.of(batch, batch_run_counts(runs))

    def _retrieve(self, batch_id: str, request_options: RequestOptions | Mapping[str, Any] | None) -> Batch:
        if not self._v1_route:
            try:
                parsed, _headers = self._client._call(
                    retrieve_batch, Batch, request_options, batch_id=batch_id
                )
                return parsed
            except NotFoundError as exc:
                if exc.headers.get("x-should-retry") is not None:
                    raise  # the route's own answer: no such batch
                self._v1_route = True
        older, _headers = self._client._call(retrieve_batch_v1, BatchV1, request_options, batch_id=batch_id)
        return as_current_batch(older)

    def list_runs(
        self, batch_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> list[ListRunItem]:
        """Every run of a batch, newest first. Calls ``GET /api/v2/batches/{batchId}`` (for its creation
        time), then ``GET /api/v1/runs?filter[batch]=…`` page by page (100 runs a page).

        Args:
            batch_id: The batch (``batch_…``).
            request_options: Per-call options, for every request.

        Returns:
            The listed runs, a list of ``trigger_client.RunListItem`` (all of them, not a pager).

        Raises:
            ValidationError: a malformed ``batch_id``, before sending.
            NotFoundError: no such batch.
        """
        check.path_segment(batch_id, "batch_id")
        batch = self._retrieve(batch_id, request_options)
        return self._runs_of(batch, request_options)

    def _runs_of(
        self, batch: Batch, request_options: RequestOptions | Mapping[str, Any] | None
    ) -> list[ListRunItem]:
        """Every run of ``batch``, newest first (``GET /api/v1/runs?filter[batch]=…``)."""
        batch_id = batch.id
        # The run list only reaches 7 days back unless told otherwise: start a minute before the batch.
        since = batch.created_at - datetime.timedelta(minutes=1)
        pager = self._client.runs.list(
            batch=batch_id, from_=since, page_size=100, request_options=request_options
        )
        return [run for run in pager]

    def cancel(
        self,
        batch_id: str,
        *,
        cancel_pending: bool = True,
        cancel_running: bool = False,
        reason: str | None = None,
        poll_interval_s: float = 1.0,
        timeout_s: float | None = 600.0,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> CancelResult:
        """Cancel the runs of a batch that have not finished, and wait until it is done. The server has no
        batch cancel: this lists the batch's runs (:meth:`list_runs`) and cancels the chosen ones with cancel
        bulk actions (``client.bulk_actions.cancel_runs``).

        Args:
            batch_id: The batch (``batch_…``).
            cancel_pending: Cancel runs that have not started (PENDING_VERSION, DELAYED, QUEUED, DEQUEUED).
            cancel_running: Cancel runs that started (EXECUTING, WAITING).
            reason: The bulk actions' name (at most 255 characters).
            poll_interval_s, timeout_s: How the bulk actions are waited for, in seconds.
            request_options: Per-call options for every request.

        Returns:
            A :class:`CancelResult` (``cancelled``, ``failed``, ``run_ids`` asked); with no run to cancel,
            no bulk action is made and it is empty.

        Raises:
            ValidationError: neither kind of run chosen, a reason that is too long, or a poll interval
                or timeout that is not a finite number of seconds above zero, before sending.
            NotFoundError: no such batch.
            WaitTimeoutError: a bulk action did not finish within ``timeout_s``.
        """
        check.path_segment(batch_id, "batch_id")
        for name, value in (("cancel_pending", cancel_pending), ("cancel_running", cancel_running)):
            if not isinstance(value, bool):
                raise ValidationError(f"{name} must be a bool, got {value!r}", field=name)
        if not (cancel_pending or cancel_running):
            raise ValidationError(
                "choose the runs to cancel: cancel_pending, cancel_running or both", field="cancel_pending"
            )
        check_bulk_action_name(reason, "reason")
        check.poll_waits(poll_interval_s, poll_interval_s, timeout_s)
        statuses = (PENDING_RUN_STATUSES if cancel_pending else frozenset()) | (
            RUNNING_RUN_STATUSES if cancel_running else frozenset()
        )
        runs = self.list_runs(batch_id, request_options=request_options)
        chosen = [run.id for run in reversed(runs) if str(run.status) in statuses]
        if not chosen:
            return CancelResult(run_ids=(), bulk_actions=())
        return self._client.bulk_actions.cancel_runs(
            chosen,
            reason=reason,
            poll_interval_s=poll_interval_s,
            timeout_s=timeout_s,
            request_options=request_options,
        )

    def get_statistics(
        self, batch_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> BatchStatistics:
        """What a batch's runs did, computed here from its runs (the server has no statistics endpoint):
        :meth:`list_runs`, then ``GET /api/v3/runs/{runId}`` for each failed run (its error's name).

        Returns:
            A :class:`BatchStatistics`: ``total``, ``counts`` per status, ``succeeded``, ``failed``,
            ``canceled``, ``success_rate``, durations in milliseconds (average, min, max, percentiles),
            ``total_cost_in_cents``, ``failures_by_error``.

        Args:
            batch_id: The batch (``batch_…``).
            request_options: Per-call options, for every request.

        Raises:
            ValidationError: a malformed ``batch_id``, before sending.
            NotFoundError: no such batch.
        """
        runs = self.list_runs(batch_id, request_options=request_options)
        error_names = {}
        for run in runs:
            if is_failed_run(run):
                detail = self._client.runs._retrieve(run.id, request_options, deadline=None)
                name = detail.error.name if not isinstance(detail.error, Unset) else None
                error_names[run.id] = name if isinstance(name, str) and name else "UnknownError"
        return batch_statistics(batch_id, runs, error_names)


def as_current_batch(older: BatchV1) -> Batch:
    """A batch of the older shape as the current one: ``errors`` under ``processing``; the run counts
    kept as extra fields."""
    fields = older.to_dict()
    fields["processing"] = {"errors": fields.pop("errors", [])}
    return Batch.from_dict(fields)
