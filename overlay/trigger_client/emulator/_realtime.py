"""Realtime: the run feeds (the Electric shape protocol, as the server's native backend speaks it), the run
output streams (server-sent events, v1 and v2 framing) and input streams.

Run feeds — ``GET /realtime/v1/runs/{runId}``, ``GET /realtime/v1/runs?tags=…&createdAt=…`` and
``GET /realtime/v1/batches/{batchId}``:

* ``offset=-1`` (or no handle) answers a snapshot: every row as an ``insert``, then ``up-to-date``, with
  ``electric-handle``, ``electric-offset`` and ``electric-schema``.
* ``live=true`` holds the request until a row of the feed changes after the offset, or for about 20 s
  (±15 % jitter; :attr:`RealtimeService.hold_s`), then answers the changed rows (full rows; ``insert`` for
  runs new to the handle, else ``update``) or a bare ``up-to-date``, with a new ``electric-cursor``.
* Offsets are ``<updatedAtMs>_<position>``, the position being the store's change sequence, so changes
  within one millisecond are neither missed nor sent twice.
* Without ``x-trigger-electric-version`` the headers take their legacy names (``electric-shape-id``,
  ``electric-chunk-last-offset``; ``shape_id`` is read for ``handle``). Without
  ``x-trigger-api-version: 2025-07-16``, ``"status":"DEQUEUED"`` becomes ``EXECUTING``.
* Rows carry the database status, timestamps as ISO-8601 UTC without a zone, booleans as ``t``/``f``, and
  arrays as Postgres literals (``runTags`` null when empty). ``skipColumns`` (or a public access token's
  ``realtime.skipColumns`` claim) drops columns other than ``id``, ``taskIdentifier``, ``friendlyId``,
  ``status`` and ``createdAt``.
* A "restart" (:meth:`RealtimeService.restart`) ends the handles minted before it: a request with one is
  answered ``409`` with a ``must-refetch`` control message and the new handle, as the Electric service does
  for a rotated shape (the server's native backend keeps handles stable, so this models a proxied restart).

Streams — ``GET /realtime/v1/streams/{runId}/{streamKey}``: records of a run's stream as server-sent
events, in the framing the run was triggered with (``x-trigger-realtime-streams-version``): ``v1`` (Redis:
``id: <ms>-<seq>`` and ``data: <JSON>``, ``: ping`` comments) or ``v2`` (S2: ``event: batch`` with
``{"records": [...]}``, ``id: <seq>,<count>,<bytes>``, ``event: ping``, ``X-Stream-Version: v2``).
``Last-Event-ID`` resumes after a record; ``Timeout-Seconds`` (1-600) is how long the stream stays open
without new records (default 60 s for v2, 15 s for v1); the emulator also ends a stream as soon as its run
has finished and every record was sent. ``POST /realtime/v1/streams/{runId}/input/{streamId}`` appends
``{"data": …}`` to an input stream that the run's handler reads.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import datetime
import json
import random
import re
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Scope

from . import _statuses as st
from ._auth import Access, authenticate, run_resources
from ._clock import VirtualClock
from ._durations import DAY_MS, parse_duration_ms
from ._service import ApiError, Environment, not_found
from ._store import RealtimeRunRecord, Store, StreamRecord
from ._validation import loads_request_json

DEFAULT_HOLD_S = 20.0
"""How long a live request is held when nothing changes (the server's ``livePollTimeoutMs``)."""
HOLD_JITTER = 0.15
"""The hold is jittered by ±15 % (``livePollJitterRatio``)."""
MAX_CREATED_AT_AGE_MS = DAY_MS
"""The tag feed's look-back is clamped to one day (``REALTIME_MAXIMUM_CREATED_AT_FILTER_AGE_IN_MS``)."""
CREATED_AT_BUCKET_MS = 60_000
"""The tag feed's look-back floor is rounded down to the minute (``runSetCreatedAtBucketMs``)."""
MAX_LIST_RESULTS = 1000
"""The most runs a tag or batch feed holds (``maxListResults``)."""
V2_WAIT_S = 60
"""How long a v2 (S2) stream read waits for new records by default (``REALTIME_STREAMS_S2_WAIT_SECONDS``)."""
V1_INACTIVITY_S = 15
"""How long a v1 (Redis) stream read stays open without new records by default."""
PING_INTERVAL_S = 10.0
"""Keep-alives on streams: ``: ping`` (v1) or ``event: ping`` (v2)."""
MAX_INPUT_BYTES = 1024 * 1024
INPUT_STREAM_PREFIX = "$trigger.input:"
LEGACY_INVALID_API_KEY = "Invalid API Key"
"""What the realtime and run-detail routes answer for an unknown key."""
"""Input streams are kept under this prefix, apart from the run's output streams."""

RESERVED_COLUMNS = ("id", "taskIdentifier", "friendlyId", "status", "createdAt")
"""Columns ``skipColumns`` cannot drop."""
_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("id", "text", 0),
    ("taskIdentifier", "text", 0),
    ("createdAt", "timestamp", 0),
    ("updatedAt", "timestamp", 0),
    ("startedAt", "timestamp", 0),
    ("delayUntil", "timestamp", 0),
    ("queuedAt", "timestamp", 0),
    ("expiredAt", "timestamp", 0),
    ("completedAt", "timestamp", 0),
    ("friendlyId", "text", 0),
    ("number", "int4", 0),
    ("isTest", "bool", 0),
    ("status", "text", 0),
    ("usageDurationMs", "int4", 0),
    ("costInCents", "float8", 0),
    ("baseCostInCents", "float8", 0),
    ("ttl", "text", 0),
    ("payload", "text", 0),
    ("payloadType", "text", 0),
    ("metadata", "text", 0),
    ("metadataType", "text", 0),
    ("output", "text", 0),
    ("outputType", "text", 0),
    ("runTags", "text", 1),
    ("error", "jsonb", 0),
    ("realtimeStreams", "text", 1),
)
"""The columns of the run feeds (the server's ``RUN_ELECTRIC_COLUMNS``): name, type, array dimensions."""

UNSAFE_TAG = re.compile(r'[\x00-\x1f\x7f\\"]')
_INTERNAL_ERROR = re.compile(r"^trigger\.dev internal error \(([A-Z_]+)\)$")
_UP_TO_DATE = {"headers": {"control": "up-to-date"}}


# Values


def _timestamp(epoch_ms: int | None) -> str | None:
    """ISO-8601 UTC without the zone, with milliseconds (JavaScript's ``toISOString()`` minus ``Z``)."""
    if epoch_ms is None:
        return None
    moment = datetime.datetime.fromtimestamp(epoch_ms / 1000, tz=datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{epoch_ms % 1000:03d}"


def _number(value: float) -> str:
    """A number as JavaScript's ``String()`` writes it (``0``, ``1.5``)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _array(values: Sequence[str], *, empty_as_null: bool) -> str | None:
    """A Postgres array literal with every element quoted (``{"a","b \\"c\\""}``)."""
    if not values:
        return None if empty_as_null else "{}"
    quoted = ('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values)
    return "{" + ",".join(quoted) + "}"


def task_run_error(error: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The stored error as the ``TaskRunError`` union of the ``error`` column."""
    if not error:
        return None
    if "type" in error:
        return dict(error)
    message = str(error.get("message") or "")
    internal = _INTERNAL_ERROR.match(message)
    if internal:
        return {"type": "INTERNAL_ERROR", "code": internal.group(1), "message": message}
    if error.get("name"):
        return {
            "type": "BUILT_IN_ERROR",
            "name": str(error["name"]),
            "message": message,
            "stackTrace": str(error.get("stackTrace") or ""),
        }
    return {"type": "STRING_ERROR", "raw": message}


def internal_id(run_id: str) -> str:
    """The run's database id (the friendly id without ``run_``)."""
    return run_id.removeprefix("run_")


def row_value(record: RealtimeRunRecord, skip: frozenset[str]) -> dict[str, str | None]:
    """The wire ``value`` of a run row: every column (but ``skip``) as a string or null."""
    run = record.run
    values: dict[str, str | None] = {
        "id": internal_id(run.id),
        "taskIdentifier": run.task_identifier,
        "createdAt": _timestamp(run.created_at),
        "updatedAt": _timestamp(run.updated_at),
        "startedAt": _timestamp(run.started_at),
        "delayUntil": _timestamp(run.delay_until),
        "queuedAt": _timestamp(run.queued_at),
        "expiredAt": _timestamp(run.expired_at),
        "completedAt": _timestamp(run.completed_at),
        "friendlyId": run.id,
        "number": str(run.seq),
        "isTest": "t" if run.is_test else "f",
        "status": run.status,
        "usageDurationMs": str(run.duration_ms),
        "costInCents": _number(0),
        "baseCostInCents": _number(0),
        "ttl": run.ttl,
        "payload": run.payload,
        "payloadType": run.payload_type,
        "metadata": run.metadata,
        "metadataType": run.metadata_type,
        "output": run.output,
        "outputType": run.output_type,
        "runTags": _array(run.tags, empty_as_null=True),
        "error": _json_or_none(task_run_error(run.error)),
        "realtimeStreams": _array(record.realtime_streams, empty_as_null=False),
    }
    return {name: values[name] for name, _type, _dims in _COLUMNS if name not in skip}


def _json_or_none(value: Any) -> str | None:
    return None if value is None else json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def schema_header(skip: frozenset[str]) -> str:
    """The ``electric-schema`` header: ``{column: {type, dims?}}`` of the columns sent."""
    schema: dict[str, dict[str, Any]] = {}
    for name, kind, dims in _COLUMNS:
        if name not in skip:
            schema[name] = {"type": kind, "dims": dims} if dims else {"type": kind}
    return json.dumps(schema, separators=(",", ":"))


def change_message(record: RealtimeRunRecord, operation: str, skip: frozenset[str]) -> dict[str, Any]:
    """A change message of the shape protocol for a run row."""
    return {
        "key": f'"public"."TaskRun"/"{internal_id(record.run.id)}"',
        "value": row_value(record, skip),
        "headers": {"operation": operation},
    }


def parse_position(offset: str) -> int:
    """The change position in an offset ``<updatedAtMs>_<position>`` (0 when there is none)."""
    _, _, tail = offset.partition("_")
    try:
        return max(0, int(tail))
    except ValueError:
        return 0


# The service


class RealtimeService:
    """The realtime routes' behaviour, shared by every request (handles, working sets, held requests).

    Args:
        store: the emulator's state.
        clock: the virtual clock (run times, the tag feed's look-back).
        environment: the environment and its secret key.
        close_connection: closes the connection of a request without answering.
        stopping: set when the emulator stops (held requests end).
    """

    def __init__(
        self,
        store: Store,
        clock: VirtualClock,
        environment: Environment,
        close_connection: Callable[[Scope], bool],
        stopping: threading.Event,
    ) -> None:
        self.store = store
        self.clock = clock
        self.environment = environment
        self._close_connection = close_connection
        self._stopping = stopping
        self.hold_s = DEFAULT_HOLD_S
        """Seconds a live request is held when nothing changes (±15 %); tests make it short."""
        self.ping_interval_s = PING_INTERVAL_S
        """Seconds between stream keep-alives."""
        self._lock = threading.Lock()
        self._epoch = secrets.token_hex(4)
        self._seq = 0
        self._working_sets: collections.OrderedDict[str, set[str]] = collections.OrderedDict()
        self._held: dict[int, tuple[asyncio.AbstractEventLoop, Scope]] = {}

    def _who(self, request: Request) -> Access:
        """The secret key, an additional key (with its scopes) or a public access token."""
        return authenticate(
            request,
            self.environment,
            allow_jwt=True,
            allow_restricted=True,
            invalid_message=LEGACY_INVALID_API_KEY,
        )

    # Controls

    def restart(self) -> None:
        """Act as a server restart: handles minted so far are stale (409 ``must-refetch``), working sets
        are forgotten, and the connections of held live requests are closed unanswered."""
        with self._lock:
            self._epoch = secrets.token_hex(4)
            self._working_sets.clear()
            held = list(self._held.values())
        for loop, scope in held:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._close_connection, scope)

    def reset(self) -> None:
        """Back to the defaults, forgetting working sets (``Emulator.reset``)."""
        with self._lock:
            self.hold_s = DEFAULT_HOLD_S
            self.ping_interval_s = PING_INTERVAL_S
            self._working_sets.clear()

    def _next_seq(self) -> int:
        with self._lock:
            self._seq += 1
            return self._seq

    def _hold_deadline(self) -> float:
        jitter = 1 - HOLD_JITTER + random.random() * 2 * HOLD_JITTER
        return time.monotonic() + self.hold_s * jitter

    def _epoch_of(self, handle: str) -> str:
        return re.split(r"[-_]", handle)[-1]

    def _remember(self, handle: str, ids: set[str]) -> None:
        with self._lock:
            self._working_sets[handle] = ids
            self._working_sets.move_to_end(handle)
            while len(self._working_sets) > 10_000:
                self._working_sets.popitem(last=False)

    # Run feeds

    async def run_feed(self, request: Request) -> Response:
        """``GET /realtime/v1/runs/{runId}``."""
        access = self._who(request)
        run_id = request.path_params["run_id"]
        _position, records = self.store.realtime_runs(run_id=run_id)
        if not records:
            raise not_found(False)
        access.require("read", run_resources(records[0].run))
        handle = f"run-{internal_id(run_id)}-{self._epoch}"
        return await self._feed(request, access, handle, lambda: self.store.realtime_runs(run_id=run_id))

    async def tag_feed(self, request: Request) -> Response:
        """``GET /realtime/v1/runs?tags=a,b&createdAt=1h``."""
        access = self._who(request)
        raw_tags = request.query_params.get("tags")
        tags = raw_tags.split(",") if raw_tags else []
        for tag in tags:
            if not tag or UNSAFE_TAG.search(tag):
                raise ApiError(
                    400,
                    {
                        "error": "Query Error",
                        "details": [
                            {"code": "custom", "message": f"Invalid tag: {json.dumps(tag)}", "path": ["tags"]}
                        ],
                    },
                )
        access.require("read", [("runs", None), ("tags", None), *(("tags", tag) for tag in tags)])
        given = request.query_params.get("handle") or request.query_params.get("shape_id")
        requested = self._created_at_floor(request.query_params.get("createdAt"))
        pinned = None if request.query_params.get("offset", "-1") == "-1" else self._pinned_floor(given)
        floor = requested if pinned is None else pinned  # a handle keeps the look-back it was minted with

        def read() -> tuple[int, list[RealtimeRunRecord]]:
            return self.store.realtime_runs(tags=tags, created_from_ms=floor, limit=MAX_LIST_RESULTS)

        return await self._feed(request, access, self._mint(f"runs_{requested}"), read, many=True)

    async def batch_feed(self, request: Request) -> Response:
        """``GET /realtime/v1/batches/{batchId}``."""
        access = self._who(request)
        batch_id = request.path_params["batch_id"]
        batch = self.store.get_batch(batch_id)
        if batch is None:
            raise not_found(True)
        access.require("read", [("batch", batch.id), ("runs", None)])

        def read() -> tuple[int, list[RealtimeRunRecord]]:
            return self.store.realtime_runs(batch_id=batch.id, limit=MAX_LIST_RESULTS)

        handle = self._mint(f"batch_{batch.id.removeprefix('batch_')}")
        return await self._feed(request, access, handle, read, many=True)

    def _mint(self, prefix: str) -> str:
        return f"{prefix}_{self._next_seq()}_{self._epoch}"

    def _pinned_floor(self, handle: str | None) -> int | None:
        if not handle or not handle.startswith("runs_"):
            return None
        try:
            floor = int(handle.split("_")[1])
        except (IndexError, ValueError):
            return None
        oldest = self.clock.now_ms() - MAX_CREATED_AT_AGE_MS
        return max(floor, oldest - oldest % CREATED_AT_BUCKET_MS)

    def _created_at_floor(self, created_at: str | None) -> int:
        now = self.clock.now_ms()
        oldest = now - MAX_CREATED_AT_AGE_MS
        back = parse_duration_ms(created_at or "24h")
        floor = oldest if back is None or now - back < oldest else now - back
        return floor - floor % CREATED_AT_BUCKET_MS

    async def _feed(
        self,
        request: Request,
        access: Access,
        handle: str,
        read: Callable[[], tuple[int, list[RealtimeRunRecord]]],
        *,
        many: bool = False,
    ) -> Response:
        """Answer a feed request: a snapshot (under ``handle``, a current handle of the feed), a 409 for a
        stale handle, or a live answer."""
        params = request.query_params
        offset = params.get("offset") or "-1"
        given = params.get("handle") or params.get("shape_id")
        live = params.get("live") == "true"
        raw_skip = access.skip_columns
        if raw_skip is None:
            raw_skip = (params.get("skipColumns") or "").split(",")
        skip = frozenset(c.strip() for c in raw_skip if c.strip() and c.strip() not in RESERVED_COLUMNS)
        modern = bool(request.headers.get("x-trigger-electric-version"))  # an empty value is legacy too
        v4 = request.headers.get("x-trigger-api-version") == st.CURRENT_API_VERSION
        if offset == "-1" or not given:
            return self._snapshot(read, handle, skip, modern, v4)
        if self._epoch_of(given) != self._epoch:
            return _shape_response(
                [{"headers": {"control": "must-refetch"}}],
                offset="-1",
                handle=handle,
                modern=modern,
                v4=v4,
                status=409,
            )
        if not live:
            return self._snapshot(read, given, skip, modern, v4)
        return await self._live(request, read, given, offset, skip, modern, v4, many)

    def _snapshot(
        self,
        read: Callable[[], tuple[int, list[RealtimeRunRecord]]],
        handle: str,
        skip: frozenset[str],
        modern: bool,
        v4: bool,
    ) -> Response:
        position, records = read()
        self._remember(handle, {record.run.id for record in records})
        newest = max((record.run.updated_at for record in records), default=0)
        body = [change_message(record, "insert", skip) for record in records]
        body.append(_UP_TO_DATE)
        return _shape_response(
            body,
            offset=f"{newest}_{position}",
            handle=handle,
            schema=schema_header(skip),
            modern=modern,
            v4=v4,
        )

    async def _live(
        self,
        request: Request,
        read: Callable[[], tuple[int, list[RealtimeRunRecord]]],
        handle: str,
        offset: str,
        skip: frozenset[str],
        modern: bool,
        v4: bool,
        many: bool,
    ) -> Response:
        seen = parse_position(offset)
        deadline = self._hold_deadline()
        key = id(request.scope)
        self._held[key] = (asyncio.get_running_loop(), request.scope)
        try:
            with self.store.changes.async_event() as changed:
                while True:
                    changed.clear()
                    position, records = read()
                    fresh = [record for record in records if record.change_seq > seen]
                    if fresh:
                        return self._changes(fresh, handle, position, skip, modern, v4, many)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or self._stopping.is_set() or await request.is_disconnected():
                        return _shape_response(
                            [_UP_TO_DATE],
                            offset=offset,
                            handle=handle,
                            cursor=str(self._next_seq()),
                            modern=modern,
                            v4=v4,
                        )
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(changed.wait(), timeout=min(remaining, 0.25))
        finally:
            self._held.pop(key, None)

    def _changes(
        self,
        records: list[RealtimeRunRecord],
        handle: str,
        position: int,
        skip: frozenset[str],
        modern: bool,
        v4: bool,
        many: bool,
    ) -> Response:
        with self._lock:
            known = self._working_sets.get(handle)
        body = []
        for record in records:
            new = many and known is not None and record.run.id not in known
            body.append(change_message(record, "insert" if new else "update", skip))
        if known is not None:
            self._remember(handle, known | {record.run.id for record in records})
        body.append(_UP_TO_DATE)
        newest = max(record.run.updated_at for record in records)
        return _shape_response(
            body,
            offset=f"{newest}_{position}",
            handle=handle,
            cursor=str(self._next_seq()),
            modern=modern,
            v4=v4,
        )

    # Streams

    async def read_stream(self, request: Request) -> Response:
        """``GET /realtime/v1/streams/{runId}/{streamKey}`` (server-sent events)."""
        access = self._who(request)
        run_id = request.path_params["run_id"]
        _position, records = self.store.realtime_runs(run_id=run_id)
        if not records:
            raise not_found(False)
        access.require("read", run_resources(records[0].run))
        key = request.path_params["stream_key"]
        strict = key.startswith(INPUT_STREAM_PREFIX)
        timeout = _timeout_seconds(request.headers.get("timeout-seconds"), strict=strict)
        if isinstance(timeout, Response):
            return timeout
        last_event_id = request.headers.get("last-event-id") or None
        if records[0].streams_version == "v1":
            wait_s = float(timeout) if timeout else float(V1_INACTIVITY_S)
            after = _v1_position(last_event_id)
            return StreamingResponse(
                self._v1_events(run_id, key, after, wait_s),
                headers={
                    "content-type": "text/event-stream",
                    "cache-control": "no-cache",
                    "connection": "keep-alive",
                },
            )
        wait_s = float(timeout if timeout is not None else V2_WAIT_S)
        start = _v2_start(last_event_id)
        return StreamingResponse(
            self._v2_events(run_id, key, start - 1, wait_s),
            headers={
                "content-type": "text/event-stream",
                "cache-control": "no-cache",
                "x-stream-version": "v2",
                "access-control-expose-headers": "*",
            },
        )

    async def _records(
        self, run_id: str, key: str, after: int, wait_s: float
    ) -> AsyncIterator[list[StreamRecord] | None]:
        """Batches of new records (None: time for a keep-alive) until ``wait_s`` passes without one, or
        the run has finished and everything was sent."""
        last_record = time.monotonic()
        last_ping = time.monotonic()
        with self.store.changes.async_event() as changed:
            while not self._stopping.is_set():
                changed.clear()
                finished = st.is_final(self.store.status_of(run_id) or st.COMPLETED_SUCCESSFULLY)
                batch = self.store.stream_records(run_id, key, after)
                if batch:
                    after = batch[-1].seq_num
                    last_record = last_ping = time.monotonic()
                    yield batch
                    continue
                now = time.monotonic()
                if finished or now - last_record >= wait_s:
                    return
                if now - last_ping >= self.ping_interval_s:
                    last_ping = now
                    yield None
                wait = min(wait_s - (now - last_record), self.ping_interval_s - (now - last_ping), 0.25)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), timeout=max(wait, 0.001))

    async def _v1_events(self, run_id: str, key: str, after: int, wait_s: float) -> AsyncIterator[str]:
        async for batch in self._records(run_id, key, after, wait_s):
            if batch is None:
                yield ": ping\n\n"
                continue
            yield "".join(f"id: {r.timestamp}-{r.seq_num}\ndata: {r.data}\n\n" for r in batch)

    async def _v2_events(self, run_id: str, key: str, after: int, wait_s: float) -> AsyncIterator[str]:
        count = size = 0
        async for batch in self._records(run_id, key, after, wait_s):
            if batch is None:
                ping = json.dumps({"timestamp": int(time.time() * 1000)})
                yield f"event: ping\ndata: {ping}\n\n"
                continue
            records = []
            for record in batch:
                body = '{"data":' + record.data + ',"id":' + json.dumps(record.part_id) + "}"
                records.append(
                    {"seq_num": record.seq_num, "timestamp": record.timestamp, "headers": [], "body": body}
                )
                count += 1
                size += len(body.encode("utf-8")) + 8
            data = json.dumps({"records": records}, separators=(",", ":"), ensure_ascii=False)
            yield f"event: batch\nid: {batch[-1].seq_num},{count},{size}\ndata: {data}\n\n"
        yield "data: [DONE]\n\n"

    async def run_events(self, request: Request) -> Response:
        """``GET /api/v1/runs/{runId}/events``: the run's spans and logs, ``{"events": [...]}`` in the order
        they started (``startTime`` in nanoseconds as a string, ``duration`` in nanoseconds)."""
        access = self._who(request)
        run_id = request.path_params["run_id"]
        _position, records = self.store.realtime_runs(run_id=run_id)
        if not records:
            raise not_found(True)
        access.require("read", run_resources(records[0].run))
        events = [
            {
                "spanId": event["span_id"],
                "parentId": event["parent_id"],
                "runId": run_id,
                "message": event["message"],
                "style": {},
                "events": [],
                "startTime": str(event["start_ns"]),
                "duration": event["duration_ns"],
                "isError": event["is_error"],
                "isPartial": event["is_partial"],
                "isCancelled": False,
                "kind": "UNSPECIFIED",
                "attemptNumber": event["attempt"],
                "level": event["level"],
                **({"properties": event["properties"]} if event["properties"] else {}),
            }
            for event in self.store.run_events(run_id)
        ]
        return _json(200, {"events": events})

    async def send_input(self, request: Request) -> Response:
        """``POST /realtime/v1/streams/{runId}/input/{streamId}`` with ``{"data": …}``."""
        access = self._who(request)
        run_id, stream_id = request.path_params["run_id"], request.path_params["stream_id"]
        length = request.headers.get("content-length", "")
        if not length.strip().isdigit() or int(length) > MAX_INPUT_BYTES:  # a missing length too
            raise ApiError(413, {"error": "Request body too large"})
        access.require("write", [("inputStreams", run_id)])
        body = await request.body()
        run = self.store.get_run(run_id)
        if run is None:
            raise ApiError(404, {"ok": False, "error": "Run not found"})
        if run.completed_at is not None:
            raise ApiError(400, {"ok": False, "error": "Cannot send to input stream on a completed run"})
        try:
            parsed = loads_request_json(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiError(500, {"error": "Internal Server Error"}) from None
        if not isinstance(parsed, dict):
            raise ApiError(400, {"ok": False, "error": "Invalid request body"})
        record = json.dumps(parsed.get("data"), separators=(",", ":"), ensure_ascii=False)
        part_id = f"inp_{secrets.token_hex(6)}"
        self.store.append_stream_record(
            run_id,
            INPUT_STREAM_PREFIX + stream_id,
            json.dumps(record),
            part_id,
            self.clock.now_ms(),
            listed=False,
        )
        return _json(200, {"ok": True})


def _timeout_seconds(raw: str | None, *, strict: bool) -> int | Response | None:
    """The ``Timeout-Seconds`` header as the routes read it (``parseInt``), or its 400 answer.

    The output-stream route tests the parsed value for truthiness, so a value that is not a number passes
    as no timeout, and ``0`` passes as 0; the input-stream route (``strict``) refuses both.
    """
    if raw is None:
        return None
    match = re.match(r"^\s*([+-]?\d+)", raw)
    if match is None:
        if strict:
            return Response("Invalid timeout seconds", status_code=400, media_type="text/plain")
        return None
    value = int(match.group(1))
    if (strict or value) and value < 1:
        return Response("Timeout seconds must be greater than 0", status_code=400, media_type="text/plain")
    if value > 600:
        return Response("Timeout seconds must be less than 600", status_code=400, media_type="text/plain")
    return value


def _v1_position(last_event_id: str | None) -> int:
    """The record sequence after which a v1 read resumes (``Last-Event-ID: <ms>-<seq>``)."""
    if not last_event_id:
        return -1
    _, _, tail = last_event_id.partition("-")
    try:
        return int(tail)
    except ValueError:
        return -1


def _v2_start(last_event_id: str | None) -> int:
    """The first record of a v2 read: the one after ``Last-Event-ID`` (its leading digits), else 0."""
    if not last_event_id:
        return 0
    head = last_event_id.split("-")[0]
    return int(head) + 1 if head.isdigit() else 0


def _json(status: int, body: Any) -> Response:
    return Response(
        json.dumps(body, separators=(",", ":")), status_code=status, media_type="application/json"
    )


def _shape_response(
    body: list[dict[str, Any]],
    *,
    offset: str,
    handle: str,
    modern: bool,
    v4: bool,
    cursor: str | None = None,
    schema: str | None = None,
    status: int = 200,
) -> Response:
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    if not v4:
        text = text.replace('"status":"DEQUEUED"', '"status":"EXECUTING"')
    headers = {
        "cache-control": "no-store",
        "access-control-allow-origin": "*",
        "access-control-expose-headers": "*",
    }
    if modern:
        headers["electric-offset"] = offset
        headers["electric-handle"] = handle
    else:
        headers["electric-chunk-last-offset"] = offset
        headers["electric-shape-id"] = handle
    if cursor is not None:
        headers["electric-cursor"] = cursor
    if schema is not None:
        headers["electric-schema"] = schema
    return Response(text, status_code=status, headers=headers, media_type="application/json")
