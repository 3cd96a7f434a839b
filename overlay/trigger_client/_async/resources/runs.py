"""``client.runs``: list, retrieve, poll, cancel, replay and reschedule runs; their tags, events, trace
and spans (metadata in ``run_metadata.py``); realtime subscriptions and streams."""

from __future__ import annotations

import builtins
import datetime
import functools
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

import httpx

from trigger_api.api.runs import (
    add_run_tags,
    cancel_run,
    list_project_runs,
    list_run_events,
    list_runs,
    replay_run,
    reschedule_run,
    retrieve_run,
    retrieve_run_span,
    retrieve_run_trace,
)
from trigger_api.models.add_run_tags_request_body import AddRunTagsRequestBody
from trigger_api.models.add_run_tags_response import AddRunTagsResponse
from trigger_api.models.list_run_events_response import ListRunEventsResponse
from trigger_api.models.list_run_item import ListRunItem
from trigger_api.models.list_runs_response import ListRunsResponse
from trigger_api.models.reschedule_run_request_body import RescheduleRunRequestBody
from trigger_api.models.retrieve_run_response import RetrieveRunResponse
from trigger_api.models.retrieve_run_trace_response import RetrieveRunTraceResponse
from trigger_api.models.run_id_response import RunIdResponse
from trigger_api.models.run_trace import RunTrace
from trigger_api.models.span_detail import SpanDetail
from trigger_api.types import Unset

from ... import _run_filters as run_filters
from ... import _validation as check
from ..._batch_operations import CancelResult
from ..._constants import FINAL_RUN_STATUSES, MAX_TAGS_PER_RUN
from ..._error_hook import reports_errors
from ..._exceptions import (
    APIConnectionError,
    TriggerError,
    ValidationError,
)
from ..._pipeline import CallSettings, call_scope
from ..._realtime_feeds import BatchUpdates, RunUpdates
from ..._realtime_options import RealtimeOptions
from ..._realtime_routes import BATCH_FEED, INPUT_STREAM, RUN_FEED, TAG_FEED, template
from ..._realtime_rows import RealtimeRun
from ..._realtime_streams import RunEvent
from ..._run_filters import StringFilter
from ..._trigger_options import Duration
from ..._types import RequestOptions
from .._finished_runs import async_recall_finished_run, async_remember_finished_run
from .._packet_transfer import resolve_run_packets
from .._pagination import AsyncCursorPager, cursor_pager
from .._polling import async_poll_until
from ..realtime.streams import AsyncRunLogStream, AsyncRunStream
from ..realtime.subscription import AsyncShapeSubscription

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient
    from .bulk_actions import AsyncBulkActions
    from .run_metadata import AsyncRunMetadata

__all__ = ["AsyncRuns", "is_final"]

MAX_INPUT_BYTES = 1024 * 1024
"""The server refuses input-stream bodies over 1 MiB."""

logger = logging.getLogger("trigger_client")


def is_final(run: RetrieveRunResponse | ListRunItem) -> bool:
    """Whether the run will not change any more: COMPLETED, CANCELED, FAILED, CRASHED, SYSTEM_FAILURE,
    EXPIRED or TIMED_OUT (unlike the server's ``is_completed``, EXPIRED and TIMED_OUT count), or any status
    the server reports as completed."""
    return str(run.status) in FINAL_RUN_STATUSES or run.is_completed is True


@reports_errors
class AsyncRuns:
    """Runs of the environment of the API key. Reached as ``client.runs``."""

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    def list(
        self,
        *,
        status: StringFilter | None = None,
        task_identifier: StringFilter | None = None,
        version: StringFilter | None = None,
        tag: StringFilter | None = None,
        bulk_action: str | None = None,
        schedule: str | None = None,
        batch: str | None = None,
        is_test: bool | None = None,
        from_: datetime.datetime | int | None = None,
        to: datetime.datetime | int | None = None,
        period: str | None = None,
        queue: StringFilter | Mapping[str, str] | None = None,
        machine: StringFilter | None = None,
        region: StringFilter | None = None,
        error: str | None = None,
        page_size: int | None = None,
        after: str | None = None,
        before: str | None = None,
        project_ref: str | None = None,
        env: StringFilter | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncCursorPager[ListRunItem]:
        """List runs, newest first. Calls ``GET /api/v1/runs`` once per page, as iteration needs them; with
        ``project_ref``, ``GET /api/v1/projects/{projectRef}/runs`` (the runs of several environments).

        With no ``from_``, ``to`` or ``period``, the server only returns runs created in the last 7 days.
        The project-wide list takes a personal access token, not a secret key: use
        ``client.with_options(api_key="tr_pat_…").runs.list(project_ref="proj_…", env=["dev", "prod"])``.

        Args:
            status: Statuses such as ``"COMPLETED"`` or ``["FAILED", "CRASHED"]`` (v4 or legacy names).
            task_identifier: Task identifiers.
            version: Worker versions.
            tag: Tags (a run matches when it has any of them).
            bulk_action, schedule, batch: A bulk action, schedule or batch id.
            is_test: Only test runs (True) or only other runs (False).
            from_, to: Created at or after / at or before: an aware datetime or epoch milliseconds.
            period: Created within this look-back period, such as ``"1h"`` or ``"30d"``.
            queue: Queue names; ``{"type": "task", "name": "my-task"}`` names a task's queue.
            machine: Machine presets.
            region: Regions.
            error: An error group id (``error_…``): only runs that failed with that error.
            page_size: Runs per page, 1 to 100 (server default 25).
            after, before: Start after (or before) this page cursor.
            project_ref: A project ref (``proj_…``): list the runs of the project's environments.
            env: With ``project_ref``: only these environments, by slug (``"dev"``, ``"staging"``,
                ``"prod"``, a preview branch's slug); default every environment.
            request_options: Per-call timeout, retry policy or extra headers, for every page.

        Returns:
            A pager (:class:`AsyncCursorPager`): iterate it for every run (pages are fetched as needed), use
            ``pages()`` for page by page, or ``first_page()`` for one page. Nothing is sent until then.

        Raises:
            ValidationError: an invalid filter (such as a naive datetime), or ``env`` without
                ``project_ref``, at once, before any request.
            AuthenticationError: when the pages are fetched, a credential the route does not take: the
                project list takes only a personal access token ("Invalid or Missing PAT"), the
                environment list a secret key or a public access token with ``read:runs``.
        """
        query = _list_query(
            status=status,
            task_identifier=task_identifier,
            version=version,
            tag=tag,
            bulk_action=bulk_action,
            schedule=schedule,
            batch=batch,
            is_test=is_test,
            from_=from_,
            to=to,
            period=period,
            queue=queue,
            machine=machine,
            region=region,
            error=error,
            page_size=page_size,
        )
        if project_ref is None:
            if env is not None:
                raise ValidationError("env filters the runs of a project: pass project_ref too", field="env")
            return cursor_pager(
                self._client,
                list_runs,
                ListRunsResponse,
                request_options,
                after=after,
                before=before,
                **query,
            )
        check.path_segment(project_ref, "project_ref")
        if env is not None:
            query["filterenv"] = run_filters.joined_values(env, "env")
        return cursor_pager(
            self._client,
            list_project_runs,
            ListRunsResponse,
            request_options,
            after=after,
            before=before,
            project_ref=project_ref,
            **query,
        )

    async def retrieve(
        self, run_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> RetrieveRunResponse:
        """Retrieve a run with its payload, output and error. Calls ``GET /api/v3/runs/{runId}``.

        Args:
            run_id: The run id (``run_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run (``trigger_client.Run``). Its ``status`` may be a value added to the API after this
            client was made; it is kept as it is. A payload or output the server keeps in object storage
            (answered as ``payload_presigned_url`` / ``output_presigned_url``) is downloaded from that URL
            (no credential sent) and decoded by its content type into ``payload`` / ``output``, as the
            official SDK does. With ``cache={"finished_runs": True}`` a run already seen in a final status
            is answered from the client's store, with no request.

        Raises:
            NotFoundError: no such run in this environment (after retries: the server marks a 404 of a
                run just created as retryable).
            TriggerError: downloading a stored payload or output failed (typed).
        """
        check.path_segment(run_id, "run_id")
        remembered = await async_recall_finished_run(self._client, run_id)
        if remembered is not None:
            return remembered
        run = await self._retrieve(run_id, request_options, deadline=None)
        run = await resolve_run_packets(self._client, run, request_options)
        await async_remember_finished_run(self._client, run)
        return run

    async def _retrieve(
        self,
        run_id: str,
        request_options: RequestOptions | Mapping[str, Any] | None,
        *,
        deadline: float | None,
    ) -> RetrieveRunResponse:
        check.path_segment(run_id, "run_id")
        parsed, _headers = await self._client._call(
            retrieve_run, RetrieveRunResponse, request_options, deadline=deadline, run_id=run_id
        )
        return parsed

    async def poll(
        self,
        run_id: str,
        *,
        poll_interval_s: float = 1.0,
        max_poll_interval_s: float = 10.0,
        backoff: float = 1.5,
        timeout_s: float | None = 600.0,
        on_poll: Callable[[RetrieveRunResponse], object] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> RetrieveRunResponse:
        """Wait until a run reaches a final status; return it. Calls ``GET /api/v3/runs/{runId}`` repeatedly.

        Final statuses: COMPLETED, CANCELED, FAILED, CRASHED, SYSTEM_FAILURE, EXPIRED, TIMED_OUT. The wait
        between polls starts at ``poll_interval_s`` and grows by ``backoff`` up to ``max_poll_interval_s``.
        With ``cache={"finished_runs": True}``, a run already seen in a final status is answered from the
        store without a request, and the final run this returns is remembered (as :meth:`retrieve`).
        Transient failures (connection errors, timeouts, 5xx that outlast the retry policy) do not stop
        polling; a rate limit is waited out, unless the server asks for longer than the retry policy's
        ``max_retry_after_s``; any other error (authentication, permission, not found) is raised at once.
        No request (retries included) runs past ``timeout_s``.

        Args:
            run_id: The run id.
            poll_interval_s: First wait between polls, in seconds.
            max_poll_interval_s: Longest wait between polls, in seconds.
            backoff: Factor applied to the wait after each poll (1 keeps it constant).
            timeout_s: Give up after this many seconds (None: never).
            on_poll: Called with each run retrieved (the async client also accepts a coroutine function).
            request_options: Per-call options for each retrieve.

        Returns:
            The run in its final status, with a payload or output kept in object storage downloaded (as
            :meth:`retrieve` does; the runs passed to ``on_poll`` are as the server answered them).

        Raises:
            WaitTimeoutError: ``timeout_s`` ran out; ``last_seen`` is the last run retrieved (or None).
            RateLimitError: the server asked to wait longer than ``max_retry_after_s``.
            AuthenticationError, PermissionDeniedError, NotFoundError: at once.
        """
        check.path_segment(run_id, "run_id")
        remembered = await async_recall_finished_run(self._client, run_id)
        if remembered is not None:
            return remembered
        run = await async_poll_until(
            lambda options, deadline: self._retrieve(run_id, options, deadline=deadline),
            is_final,
            label=f"run {run_id}",
            retry_policy=self._client.retry_policy,
            poll_interval_s=poll_interval_s,
            max_poll_interval_s=max_poll_interval_s,
            backoff=backoff,
            timeout_s=timeout_s,
            on_poll=on_poll,
            request_options=request_options,
        )
        run = await resolve_run_packets(self._client, run, request_options)
        await async_remember_finished_run(self._client, run)
        return run

    def subscribe_to_run(
        self,
        run_id: str,
        *,
        stop_on_completion: bool = True,
        skip_columns: Sequence[str] | None = None,
        realtime: RealtimeOptions | Mapping[str, Any] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncShapeSubscription[RealtimeRun]:
        """Follow a run live: yields a :class:`RealtimeRun` each time it changes. Long-polls
        ``GET /realtime/v1/runs/{runId}`` (the Electric shape protocol), reconnecting after failures.

        Args:
            run_id: The run id (``run_…``).
            stop_on_completion: End after the run reaches a final status (completed, failed, cancelled,
                expired, timed out), as the official SDK does; False follows it until ``close()``.
            skip_columns: Columns not to send, such as ``["payload", "output"]`` (smaller updates).
            realtime: Reconnect and timeout settings (:class:`RealtimeOptions` or a mapping).
            request_options: Extra headers or a cancel token for every request.

        Returns:
            A subscription: iterate it (``async for`` with the async client); use it as a context manager
            or call ``close()`` to end it early. Nothing is sent until iteration starts.

        Raises:
            ValidationError: a malformed run id or column name, at once.
            NotFoundError: (while iterating) no such run. The last connection error once
                ``max_reconnect_attempts`` failures in a row are reached.
        """
        path = f"/realtime/v1/runs/{quote(check.path_segment(run_id, 'run_id'), safe='')}"
        return AsyncShapeSubscription(
            self._client,
            path,
            template(RUN_FEED),
            _skip_columns(skip_columns),
            RunUpdates(),
            stop=_is_final_update if stop_on_completion else None,
            options=realtime,
            request_options=request_options,
        )

    def subscribe_to_runs_with_tag(
        self,
        tags: str | Sequence[str],
        *,
        created_at: str | datetime.timedelta | None = None,
        skip_columns: Sequence[str] | None = None,
        realtime: RealtimeOptions | Mapping[str, Any] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncShapeSubscription[RealtimeRun]:
        """Follow every run that has all of ``tags``: yields a :class:`RealtimeRun` each time one changes.
        Long-polls ``GET /realtime/v1/runs?tags=…``; it never ends by itself (call ``close()``).

        Args:
            tags: One tag or several; a run must carry all of them.
            created_at: Only runs created within this look-back, such as ``"1h"`` (server default 24h,
                at most 1 day).
            skip_columns: Columns not to send, such as ``["payload", "output"]``.
            realtime: Reconnect and timeout settings.
            request_options: Extra headers or a cancel token for every request.

        Returns:
            A subscription (see :meth:`subscribe_to_run`).

        Raises:
            ValidationError: a tag with a comma, a quote, a backslash or a control character, at once.
        """
        names = check.no_commas(check.string_list(tags, "tags"), "tags")
        for tag in names:
            if any(c in tag for c in '\\"') or not tag.isprintable():
                raise ValidationError(
                    f"tags cannot contain quotes, backslashes or control characters: {tag!r}", field="tags"
                )
        query = {"tags": ",".join(names), **_skip_columns(skip_columns)}
        if created_at is not None:
            query["createdAt"] = check.duration(created_at, "created_at")
        return AsyncShapeSubscription(
            self._client,
            "/realtime/v1/runs",
            template(TAG_FEED),
            query,
            RunUpdates(),
            options=realtime,
            request_options=request_options,
        )

    def subscribe_to_batch(
        self,
        batch_id: str,
        *,
        yield_runs: bool = False,
        skip_columns: Sequence[str] | None = None,
        realtime: RealtimeOptions | Mapping[str, Any] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncShapeSubscription[Any]:
        """Follow the runs of a batch. Long-polls ``GET /realtime/v1/batches/{batchId}``; it never ends by
        itself (check ``progress.is_completed`` and ``break``, or call ``close()``).

        Args:
            batch_id: The batch id (``batch_…``).
            yield_runs: Yield each changed :class:`RealtimeRun` instead of a :class:`BatchProgress`.
            skip_columns: Columns not to send, such as ``["payload", "output"]``.
            realtime: Reconnect and timeout settings.
            request_options: Extra headers or a cancel token for every request.

        Returns:
            A subscription yielding a :class:`BatchProgress` (``total``, ``completed``, ``failed``,
            ``running``, ``queued``, ``canceled``, ``runs``, ``progress`` 0..1, ``is_completed``) after
            every change, or the changed runs with ``yield_runs=True``.

        Raises:
            ValidationError: a malformed batch id or column name, at once.
            NotFoundError: (while iterating) no such batch.
        """
        if not isinstance(yield_runs, bool):
            raise ValidationError(f"yield_runs must be a bool, got {yield_runs!r}", field="yield_runs")
        path = f"/realtime/v1/batches/{quote(check.path_segment(batch_id, 'batch_id'), safe='')}"
        convert: Any = RunUpdates() if yield_runs else BatchUpdates()
        return AsyncShapeSubscription(
            self._client,
            path,
            template(BATCH_FEED),
            _skip_columns(skip_columns),
            convert,
            options=realtime,
            request_options=request_options,
        )

    def get_stream(
        self,
        run_id: str,
        stream_key: str = "default",
        *,
        follow: bool = True,
        stream_type: Literal["output", "logs"] = "output",
        timeout_s: int | None = None,
        last_event_id: str | None = None,
        poll_interval_s: float = 1.0,
        realtime: RealtimeOptions | Mapping[str, Any] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> Any:
        """Read a run's output stream (what the task writes with ``streams.pipe``/``append``): reads
        ``GET /realtime/v1/streams/{runId}/{streamKey}`` (server-sent events, either server framing).

        A dropped or silent connection, 5xx or 429 is reopened with ``Last-Event-ID`` after a back-off, so
        no part is missed or repeated; with ``follow`` a stream the server ends (after its idle timeout)
        is reopened until the run has finished.

        With ``stream_type="logs"`` it follows the run's log events instead. The server has no log
        stream: this polls ``GET /api/v1/runs/{runId}/events`` every ``poll_interval_s`` and yields each
        log event (not the spans) once, until the run has finished.

        Args:
            run_id: The run id (``run_…``).
            stream_key: The stream; ``default`` is the one the SDK writes without a key.
            follow: Keep reading until the run has finished; False reads what is there and stops.
            stream_type: ``output`` (a stream of the run) or ``logs``.
            timeout_s: Sent as ``Timeout-Seconds`` (1-600): how long the server keeps a read open with no
                new record (server default 60 s, 15 s for v1 streams; 1 without ``follow``).
            last_event_id: Start after this part (an ``id`` seen before).
            poll_interval_s: Seconds between polls of the log events.
            realtime: Reconnect and timeout settings (:class:`RealtimeOptions` or a mapping).
            request_options: Extra headers or a cancel token for every request.

        Returns:
            An iterator (``async for`` with the async client) of :class:`StreamPart` (``id``, ``data``,
            ``timestamp``), or of :class:`RunEvent` (log lines only) with ``stream_type="logs"``. Use it
            as a context manager, or call ``close()``, to stop early and release the connection.

        Raises:
            ValidationError: a malformed run id or stream key, or a bad ``timeout_s``, at once.
            NotFoundError: (while iterating) no such run. The last connection error once
                ``max_reconnect_attempts`` failures in a row are reached.
        """
        check.path_segment(run_id, "run_id")
        if stream_type == "logs":
            interval = check.finite_positive(poll_interval_s, "poll_interval_s")
            path = f"/api/v1/runs/{quote(run_id, safe='')}/events"
            return AsyncRunLogStream(
                self._client,
                run_id,
                path,
                follow=follow,
                poll_interval_s=interval,
                request_options=request_options,
            )
        if stream_type != "output":
            raise ValidationError(
                f"stream_type must be 'output' or 'logs', got {stream_type!r}", field="stream_type"
            )
        check.path_segment(stream_key, "stream_key")
        if timeout_s is not None and (
            isinstance(timeout_s, bool) or not isinstance(timeout_s, int) or not 1 <= timeout_s <= 600
        ):
            raise ValidationError(
                f"timeout_s must be an int from 1 to 600, got {timeout_s!r}", field="timeout_s"
            )
        path = f"/realtime/v1/streams/{quote(run_id, safe='')}/{quote(stream_key, safe='')}"
        return AsyncRunStream(
            self._client,
            run_id,
            stream_key,
            path,
            follow=follow,
            timeout_s=timeout_s,
            last_event_id=last_event_id,
            options=realtime,
            request_options=request_options,
        )

    async def send_input(
        self,
        run_id: str,
        stream_id: str,
        data: Any,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        """Send a value to a run's input stream (``streams.input(...).send`` in the SDK): the task reads
        it, or a ``.wait()`` on it resumes. Calls ``POST /realtime/v1/streams/{runId}/input/{streamId}``
        with ``{"data": data}``.

        A send that may have reached the server is not repeated (the server would record it twice).

        Args:
            run_id: The run (``run_…``).
            stream_id: The input stream's id, as the task defined it.
            data: Any JSON value (at most 1 MiB encoded).
            request_options: Per-call timeout, retry policy or extra headers.

        Raises:
            ValidationError: a malformed id, or data that is not JSON or too large, before sending; 400
                when the run has already finished.
            NotFoundError: no such run.
        """
        check.path_segment(run_id, "run_id")
        check.path_segment(stream_id, "stream_id")
        try:
            body = json.dumps({"data": data}, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"data must be JSON: {exc}", field="data") from None
        content = body.encode("utf-8")
        if len(content) > MAX_INPUT_BYTES:
            raise ValidationError(
                f"data is {len(content)} bytes encoded; the server takes at most {MAX_INPUT_BYTES}",
                field="data",
            )
        path = f"/realtime/v1/streams/{quote(run_id, safe='')}/input/{quote(stream_id, safe='')}"
        if self._client._http.is_closed:
            raise TriggerError(
                "this client is closed: make a new one (or do not close it before its last call)"
            )
        settings = CallSettings(
            self._client._config,
            RequestOptions.coerce(request_options),
            idempotent=False,
            route=template(INPUT_STREAM),
        )
        with call_scope(settings):
            try:
                await self._client._http.post(
                    path, content=content, headers={"content-type": "application/json"}
                )
            except httpx.HTTPError as exc:  # raised outside the transport (a bad URL)
                raise APIConnectionError(f"{type(exc).__name__}: {exc}", method="POST", url=path) from None

    async def cancel(
        self, run_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> RunIdResponse:
        """Cancel a run. Calls ``POST /api/v2/runs/{runId}/cancel``.

        Cancelling a run that already finished succeeds and changes nothing.

        Args:
            run_id: The run id (``run_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The id of the run (``.id``).

        Raises:
            NotFoundError: no such run.
        """
        check.path_segment(run_id, "run_id")
        parsed, _headers = await self._client._call(cancel_run, RunIdResponse, request_options, run_id=run_id)
        return parsed

    async def replay(
        self,
        run_id: str,
        *,
        modify_payload: Mapping[str, Any] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> RunIdResponse:
        """Start a new run of the same task with the payload and options of ``run_id``; with
        ``modify_payload``, with that payload changed.

        Without changes (``modify_payload`` None or ``{}``) this calls ``POST /api/v1/runs/{runId}/replay``:
        the new run has the original's payload, tags, metadata, queue, concurrency key and machine, and
        runs on the current version. The
        server's replay route reads no body, so changes are made in the client: it retrieves the run
        (``GET /api/v3/runs/{runId}``, stored payloads downloaded), deep-merges ``modify_payload`` into its
        payload (mappings merge key by key, recursively; any other value, lists included, replaces what was
        there) and triggers the task (``POST /api/v1/tasks/{taskIdentifier}/trigger``) with the original's
        tags, metadata (as it was: no context metadata is added), ttl and test flag, tagged with the
        original run's id when it has fewer than 10 tags. The queue, concurrency key and machine the run was
        triggered with are not in the run's answer; the task's own apply.

        Args:
            run_id: The run to replay (``run_…``).
            modify_payload: Changes to merge into the payload, which must then be a JSON object.
            request_options: Per-call timeout, retry policy or extra headers. A replay is retried only
                when the request surely did not reach the server (the server does not de-duplicate
                replays), so one call never makes two runs; a changed replay is a trigger, retried under
                its request idempotency key.

        Returns:
            The id of the new run (``.id``).

        Raises:
            ValidationError: ``modify_payload`` that is not a mapping, or a run whose payload is not a JSON
                object, before the new run is made.
            NotFoundError: no such run. BadRequestError: the server could not replay it.
        """
        check.path_segment(run_id, "run_id")
        if modify_payload is not None and (not isinstance(modify_payload, Mapping) or modify_payload):
            return await self._replay_changed(run_id, modify_payload, request_options)
        # Not idempotent: the server does not de-duplicate replays, so a replay that may have reached it
        # is not sent again.
        parsed, _headers = await self._client._call(
            replay_run, RunIdResponse, request_options, idempotent=False, run_id=run_id
        )
        return parsed

    async def _replay_changed(
        self,
        run_id: str,
        changes: Mapping[str, Any],
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> RunIdResponse:
        if not isinstance(changes, Mapping):
            raise ValidationError(
                f"modify_payload must be a mapping of changes, got {type(changes).__name__}",
                field="modify_payload",
            )
        original = await self.retrieve(run_id, request_options=request_options)
        payload = None if isinstance(original.payload, Unset) else original.payload
        if not isinstance(payload, Mapping):
            raise ValidationError(
                f"run {run_id} has a payload that is not a JSON object ({type(payload).__name__}): there is "
                "nothing to merge modify_payload into; trigger the task with the payload you want",
                field="modify_payload",
            )
        tags = list(original.tags)
        if run_id not in tags and len(tags) < MAX_TAGS_PER_RUN:
            tags.append(run_id)
        metadata = original.metadata if isinstance(original.metadata, Mapping) else None
        handle = await self._client.tasks.trigger(
            original.task_identifier,
            deep_merge(payload, changes),
            tags=tags or None,
            metadata=metadata,
            ttl=None if isinstance(original.ttl, Unset) else original.ttl,
            test=original.is_test or None,
            include_context=False,  # the original's metadata, as it was
            request_options=request_options,
        )
        return RunIdResponse(id=handle.id)

    async def reschedule(
        self,
        run_id: str,
        delay: Duration | datetime.datetime,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> RetrieveRunResponse:
        """Change when a delayed run starts. Calls ``POST /api/v1/runs/{runId}/reschedule``.

        Args:
            run_id: A run whose status is DELAYED.
            delay: A duration from now (``'1h'``, a timedelta) or an aware datetime.

        Returns:
            The run with its new ``delayed_until``.

        Raises:
            ValidationError: an invalid delay (before sending), or a run that is not delayed (400).
        """
        check.path_segment(run_id, "run_id")
        body = RescheduleRunRequestBody(delay=check.duration_or_instant(delay, "delay"))
        parsed, _headers = await self._client._call(
            reschedule_run, RetrieveRunResponse, request_options, run_id=run_id, body=body
        )
        return parsed

    async def batch_cancel(
        self,
        run_ids: Sequence[str],
        *,
        reason: str | None = None,
        poll_interval_s: float = 1.0,
        timeout_s: float | None = 600.0,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> CancelResult:
        """Cancel many runs through cancel bulk actions and wait until they finish (one per 500 runs).
        The same as ``client.bulk_actions.cancel_runs``; see it for the arguments, endpoints and errors.

        Returns:
            A :class:`CancelResult` (``cancelled``, ``failed``, ``bulk_action_ids``).
        """
        return await self._client.bulk_actions.cancel_runs(
            run_ids,
            reason=reason,
            poll_interval_s=poll_interval_s,
            timeout_s=timeout_s,
            request_options=request_options,
        )

    @property
    def bulk(self) -> AsyncBulkActions:
        """Bulk actions on runs (``runs.bulk`` in the SDK): the same object as ``client.bulk_actions``."""
        return self._client.bulk_actions

    @functools.cached_property
    def metadata(self) -> AsyncRunMetadata:
        """Run metadata: ``retrieve``, ``replace``, ``update`` (operations), ``set``, ``delete``,
        ``append``, ``remove``, ``increment``, ``decrement``."""
        from .run_metadata import AsyncRunMetadata

        return AsyncRunMetadata(self._client)

    async def add_tags(
        self,
        run_id: str,
        tags: str | Sequence[str],
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> str:
        """Add tags to a run (``tags.add`` in the SDK). Calls ``POST /api/v1/runs/{runId}/tags``.

        Tags the run already has are skipped and blank tags dropped; a run holds at most 10 tags.

        Args:
            run_id: The run id (``run_…``).
            tags: One tag or several, each at most 128 characters.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The server's message: ``"Successfully set N new tags."`` or ``"No new tags to add"``.

        Raises:
            ValidationError: more than 10 tags, a tag over 128 characters or not a string, before sending;
                422 when the run would pass 10 tags (none are then added).
            NotFoundError: no such run ("Run not found").
        """
        check.path_segment(run_id, "run_id")
        body = AddRunTagsRequestBody(tags=check.tags(tags, "tags"))
        parsed, _headers = await self._client._call(
            add_run_tags, AddRunTagsResponse, request_options, run_id=run_id, body=body
        )
        return parsed.message

    async def list_events(
        self, run_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> builtins.list[RunEvent]:
        """Every span and log event of a run, in the order they started. Calls
        ``GET /api/v1/runs/{runId}/events`` (one request; the server does not paginate it).

        To follow the logs of a running run instead, use ``get_stream(run_id, stream_type="logs")``.

        Args:
            run_id: The run id (``run_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            :class:`RunEvent` objects (``span_id``, ``parent_id``, ``message``, ``level``, ``timestamp``,
            ``duration_ms``, ``is_error``, ``is_partial``, ``properties``, and the server's row as ``raw``).

        Raises:
            NotFoundError: no such run (after retries: the server marks the 404 retryable).
        """
        check.path_segment(run_id, "run_id")
        parsed, _headers = await self._client._call(
            list_run_events, ListRunEventsResponse, request_options, run_id=run_id
        )
        return [RunEvent.from_json(event.to_dict()) for event in parsed.events]

    async def retrieve_trace(
        self, run_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> RunTrace:
        """A run's span tree. Calls ``GET /api/v1/runs/{runId}/trace``.

        Args:
            run_id: The run id (``run_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The trace: ``trace_id`` and ``root_span`` (``id``, ``parent_id``, ``run_id``, ``data`` with
            ``message``, ``start_time``, ``duration`` in nanoseconds, ``level``, ``is_error``,
            ``is_partial``, and ``children``, the spans and logs under it, recursively).

        Raises:
            NotFoundError: no such run (after retries), or no trace recorded for it yet
                ("Trace not found").
        """
        check.path_segment(run_id, "run_id")
        parsed, _headers = await self._client._call(
            retrieve_run_trace, RetrieveRunTraceResponse, request_options, run_id=run_id
        )
        return parsed.trace

    async def retrieve_span(
        self,
        run_id: str,
        span_id: str,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> SpanDetail:
        """One span of a run in detail. Calls ``GET /api/v1/runs/{runId}/spans/{spanId}``.

        Args:
            run_id: The run id (``run_…``).
            span_id: The span id (from :meth:`retrieve_trace` or :meth:`list_events`).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The span: ``span_id``, ``parent_id``, ``message``, ``level``, ``start_time``, ``duration_ms``
            (milliseconds), ``is_error``, ``is_partial``, ``is_cancelled``, ``properties``, ``events``,
            ``ai`` (the model call it records, if any) and ``triggered_runs``.

        Raises:
            NotFoundError: no such run (after retries), or no such span ("Span not found").
        """
        check.path_segment(run_id, "run_id")
        check.path_segment(span_id, "span_id")
        parsed, _headers = await self._client._call(
            retrieve_run_span, SpanDetail, request_options, run_id=run_id, span_id=span_id
        )
        return parsed


def deep_merge(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``changes`` merged in: mappings merge key by key, recursively; any other value (a
    list, a string, None) replaces what was there. Neither argument is changed."""
    merged = dict(base)
    for key, value in changes.items():
        current = merged.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = value
    return merged


def _skip_columns(columns: Sequence[str] | None) -> dict[str, str]:
    if columns is None:
        return {}
    return {
        "skipColumns": ",".join(check.no_commas(check.string_list(columns, "skip_columns"), "skip_columns"))
    }


def _is_final_update(run: RealtimeRun) -> bool:
    return run.is_final


def _list_query(*, error: str | None, page_size: int | None, **filters: Any) -> dict[str, Any]:
    """The keyword arguments of the generated ``list_runs`` for these filters (None means "not sent")."""
    if page_size is not None:
        check.page_size(page_size)
    query = run_filters.query_params(run_filters.check_filter(**filters))
    if error is not None:
        query["filtererror"] = check.non_empty_string(error, "error")
    if page_size is not None:
        query["pagesize"] = page_size
    return query
