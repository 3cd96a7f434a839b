"""Bulk actions: the ``/api/v1/bulk-actions…`` routes, which cancel or replay many runs in the background.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.bulk-actions*.ts``,
``v3/services/bulk/BulkActionV2.server.ts``, ``presenters/v3/ApiBulkActionPresenter.server.ts``):

* The body is checked as the server's zod schema checks it (``Validation error: …`` 400s): exactly one
  of ``runIds`` (at least one) and ``filter`` (at least one non-empty filter), ``name`` at most 255
  characters, ``targetRegion`` only with ``replay``; more than 500 ``runIds`` is its own 400. A 4th
  replay while three are in progress is a 429 with ``x-should-retry: false``. Creation answers 202.
* A filter selects runs as the run list does (statuses by their v4 names); its time range is fixed at
  creation (a period becomes from/to, no range means the last 7 days, no ``to`` means now). Explicit
  run ids have no time bound; ids of no run are not counted.
* The matching runs are counted at creation (``total``) and processed by the scheduler in batches
  (100 runs, 0.2 s apart by default): cancelling a run that had already finished counts as a failure;
  every processed run (and every replayed run's new run) records the bulk action id, which
  ``filter[bulkAction]`` finds. The action is ``COMPLETED`` after the last batch.
* The list is newest first with opaque cursors (an unreadable one, or ``page[after]`` with
  ``page[before]``, is a 500); retrieve answers 404 ``Not found``; abort 404 ``Resource not found``, 409
  for a completed or aborted action.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from typing import Any

from . import _statuses as st
from ._clock import VirtualClock
from ._durations import DAY_MS, iso_ms, parse_iso_ms, parse_period_ms
from ._engine import Engine
from ._service import ApiError, Environment, Response, TriggerService, not_found
from ._store import RunFilters, Store, new_id
from ._validation import MACHINE_PRESETS, Issues, type_name

MAX_RUN_IDS = 500
MAX_NAME_LENGTH = 255
MAX_CONCURRENT_REPLAYS = 3
REPLAY_INFLIGHT_WINDOW_MS = 30 * 60 * 1000
"""A pending replay that made no progress for this long no longer counts against the replay cap."""
DEFAULT_BATCH_SIZE = 100
DEFAULT_BATCH_DELAY_S = 0.2
DEFAULT_PAGE_SIZE = 25
DEFAULT_PERIOD_MS = 7 * DAY_MS
V4_STATUSES = (
    "PENDING_VERSION",
    "QUEUED",
    "DEQUEUED",
    "EXECUTING",
    "WAITING",
    "COMPLETED",
    "CANCELED",
    "FAILED",
    "CRASHED",
    "SYSTEM_FAILURE",
    "DELAYED",
    "EXPIRED",
    "TIMED_OUT",
)
"""The server's ``RunStatus`` enum: the statuses a bulk filter takes."""
_FILTER_KEYS = (
    "status",
    "taskIdentifier",
    "version",
    "from",
    "to",
    "period",
    "bulkAction",
    "tag",
    "schedule",
    "isTest",
    "batch",
    "queue",
    "machine",
    "region",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bulk_actions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    internal_id TEXT NOT NULL,
    name TEXT,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    filters TEXT NOT NULL,
    replay_region TEXT,
    cursor TEXT,
    total INTEGER NOT NULL,
    success INTEGER NOT NULL,
    failure INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER,
    next_batch_at INTEGER
);
CREATE INDEX IF NOT EXISTS bulk_actions_created ON bulk_actions (created_at, internal_id);
"""


def _bad_request(message: str) -> ApiError:
    return ApiError(400, {"error": message})


def _internal_error() -> ApiError:
    return ApiError(500, {"error": "Internal Server Error"})


class BulkActionService:
    """The bulk actions of the emulated environment."""

    def __init__(
        self,
        store: Store,
        clock: VirtualClock,
        environment: Environment,
        engine: Engine,
        service: TriggerService,
    ) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: where bulk actions are kept (and the runs they act on).
            clock: the virtual clock.
            environment: the environment the bulk actions belong to.
            engine: woken when a bulk action is created, so that its first batch runs at once.
            service: cancels and replays the runs.
        """
        self.store = store
        self.clock = clock
        self.environment = environment
        self.engine = engine
        self.service = service
        self.batch_size = DEFAULT_BATCH_SIZE
        """Runs processed per batch (the server's ``BULK_ACTION_BATCH_SIZE``)."""
        self.batch_delay_s = DEFAULT_BATCH_DELAY_S
        """Seconds of the virtual clock between two batches (``BULK_ACTION_BATCH_DELAY_MS``)."""
        store.add_tables(("bulk_actions",), _SCHEMA)

    def reset_settings(self) -> None:
        """Return the batch size and delay to the server's defaults."""
        self.batch_size, self.batch_delay_s = DEFAULT_BATCH_SIZE, DEFAULT_BATCH_DELAY_S

    # Routes

    def create(self, body: Any) -> Response:
        """``POST /api/v1/bulk-actions`` (after authentication, the size check and JSON parsing).

        Returns:
            ``(202, {"id": "bulk_…"}, {})``.

        Raises:
            ApiError: 400 for a body the schema refuses or more than 500 run ids; 429 (not to be retried)
                for a 4th replay in progress; 500 ``Failed to create bulk action`` for an unreadable
                period.
        """
        issues = Issues()
        _check_body(issues, body)
        if issues:
            raise _bad_request(issues.message())
        run_ids = body.get("runIds")
        if run_ids is not None and len(run_ids) > MAX_RUN_IDS:
            raise _bad_request(
                f"Too many runIds ({len(run_ids)}). Maximum is {MAX_RUN_IDS}. "
                "Use a filter to select more runs."
            )
        action = body["action"]
        now = self.clock.now_ms()
        with self.store.transaction():
            if action == "replay":
                in_flight = self.store.query(
                    "SELECT COUNT(*) AS n FROM bulk_actions WHERE type = 'REPLAY' AND status = 'PENDING' "
                    "AND updated_at >= ?",
                    (now - REPLAY_INFLIGHT_WINDOW_MS,),
                )[0]["n"]
                if in_flight >= MAX_CONCURRENT_REPLAYS:
                    raise ApiError(
                        429,
                        {
                            "error": f"You can only run {MAX_CONCURRENT_REPLAYS} bulk replays at a time in "
                            "this environment. Wait for an in-progress replay to finish before starting "
                            "another."
                        },
                        {"x-should-retry": "false"},
                    )
            filters = (
                RunFilters(run_ids=tuple(run_ids))
                if run_ids is not None
                else _frozen_filters(body["filter"], now)
            )
            total = self._count(filters)
            bulk_id = new_id("bulk")
            name = body.get("name")
            self.store.execute(
                "INSERT INTO bulk_actions (id, internal_id, name, type, status, filters, replay_region, "
                "cursor, total, success, failure, created_at, updated_at, completed_at, next_batch_at) "
                "VALUES (?, ?, ?, ?, 'PENDING', ?, ?, NULL, ?, 0, 0, ?, ?, NULL, ?)",
                (
                    bulk_id,
                    bulk_id.removeprefix("bulk_"),
                    name if isinstance(name, str) else None,
                    "CANCEL" if action == "cancel" else "REPLAY",
                    json.dumps(_filters_json(filters)),
                    body.get("targetRegion") if action == "replay" else None,
                    total,
                    now,
                    now,
                    now,
                ),
            )
        self.engine.wake()
        return 202, {"id": bulk_id}, {}

    def list_actions(self, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/bulk-actions``: newest first, cursor pages.

        Raises:
            ApiError: 400 ``Query Error`` for a bad ``page[size]``; 500 for an unreadable cursor or both
                ``page[after]`` and ``page[before]``.
        """
        issues = Issues()
        size = TriggerService._page_size(issues, query.get("page[size]"))
        if issues:
            raise ApiError(400, {"error": "Query Error", "details": issues.items})
        after, before = query.get("page[after]") or None, query.get("page[before]") or None
        if after and before:
            raise _internal_error()
        cursor = _decode_cursor(after or before)
        backward = bool(before)
        where, params = "1 = 1", []
        if cursor is not None:
            comparison = ">" if backward else "<"
            where = f"(created_at {comparison} ? OR (created_at = ? AND internal_id {comparison} ?))"
            params = [cursor[0], cursor[0], cursor[1]]
        order = "ASC" if backward else "DESC"
        rows = self.store.query(
            f"SELECT * FROM bulk_actions WHERE {where} ORDER BY created_at {order}, internal_id {order} "
            "LIMIT ?",
            (*params, size + 1),
        )
        has_more = len(rows) > size
        page = rows[:size]
        if backward:
            page.reverse()
        pagination: dict[str, str] = {}
        if page and (has_more or backward):
            pagination["next"] = _encode_cursor(page[-1])
        if page and ((not backward and after) or (backward and has_more)):
            pagination["previous"] = _encode_cursor(page[0])
        return 200, {"data": [_as_json(row) for row in page], "pagination": pagination}, {}

    def retrieve(self, bulk_action_id: str) -> Response:
        """``GET /api/v1/bulk-actions/{bulkActionId}``.

        Raises:
            ApiError: 404 ``Not found`` (``x-should-retry: false``) for an unknown id.
        """
        row = self._row(bulk_action_id)
        if row is None:
            raise not_found(should_retry=False)
        return 200, _as_json(row), {}

    def abort(self, bulk_action_id: str) -> Response:
        """``POST /api/v1/bulk-actions/{bulkActionId}/abort``: stop a pending bulk action.

        Raises:
            ApiError: 404 ``Resource not found``; 409 when it already completed or was aborted.
        """
        with self.store.transaction():
            row = self._row(bulk_action_id)
            if row is None:
                raise ApiError(404, {"error": "Resource not found"})
            if row["status"] == "COMPLETED":
                raise ApiError(409, {"error": f"Bulk action group already completed: {bulk_action_id}"})
            if row["status"] == "ABORTED":
                raise ApiError(409, {"error": f"Bulk action group already aborted: {bulk_action_id}"})
            self.store.execute(
                "UPDATE bulk_actions SET status = 'ABORTED', next_batch_at = NULL, updated_at = ? "
                "WHERE id = ?",
                (self.clock.now_ms(), bulk_action_id),
            )
        return 200, {"id": bulk_action_id}, {}

    # Processing (a scheduler tick hook)

    def process_due(self) -> int | None:
        """Process one batch of every pending bulk action that is due.

        Returns:
            When the next batch is due (epoch ms of the virtual clock), or None.
        """
        now = self.clock.now_ms()
        due = self.store.query(
            "SELECT id FROM bulk_actions WHERE status = 'PENDING' AND next_batch_at <= ? ORDER BY seq", (now,)
        )
        for row in due:
            self._process_batch(row["id"])
        following = self.store.query(
            "SELECT MIN(next_batch_at) AS t FROM bulk_actions WHERE status = 'PENDING'"
        )[0]["t"]
        return None if following is None else int(following)

    def _process_batch(self, bulk_action_id: str) -> None:
        with self.store.transaction():
            row = self._row(bulk_action_id)
            if row is None or row["status"] != "PENDING":
                return
            filters = _filters_from_json(json.loads(row["filters"]))
            page = self.store.list_runs(filters, page_size=max(1, self.batch_size), after=row["cursor"])
            act: Callable[[str, str, str | None], bool] = (
                self._cancel if row["type"] == "CANCEL" else self._replay
            )
            outcomes = [act(run.id, bulk_action_id, row["replay_region"]) for run in page.runs]
            success = sum(outcomes)
            now = self.clock.now_ms()
            finished = page.next is None
            self.store.execute(
                "UPDATE bulk_actions SET success = success + ?, failure = failure + ?, updated_at = ?, "
                "cursor = COALESCE(?, cursor), status = ?, completed_at = ?, next_batch_at = ? WHERE id = ?",
                (
                    success,
                    len(outcomes) - success,
                    now,
                    page.runs[-1].id if page.runs else None,
                    "COMPLETED" if finished else "PENDING",
                    now if finished else None,
                    None if finished else now + round(self.batch_delay_s * 1000),
                    bulk_action_id,
                ),
            )

    def _cancel(self, run_id: str, bulk_action_id: str, _region: str | None) -> bool:
        """Cancel one run and record the bulk action on it; True unless it had already finished."""
        status = self.store.status_of(run_id)
        if status is None:
            return False
        finished = status not in st.INTERNAL_STATUSES or st.is_final(status)
        self.service.cancel_run(run_id)
        self.store.update_run(run_id, bulk_action_id=bulk_action_id)
        return not finished

    def _replay(self, run_id: str, bulk_action_id: str, region: str | None) -> bool:
        """Replay one run; the new run records the bulk action. True when a run was made."""
        try:
            _status, body, _headers = self.service.replay_run(run_id, region=region)
        except ApiError:
            return False
        self.store.update_run(body["id"], bulk_action_id=bulk_action_id)
        return True

    # Helpers

    def _row(self, bulk_action_id: str) -> Any:
        rows = self.store.query("SELECT * FROM bulk_actions WHERE id = ?", (bulk_action_id,))
        return rows[0] if rows else None

    def _count(self, filters: RunFilters) -> int:
        total, after = 0, None
        while True:
            page = self.store.list_runs(filters, page_size=1000, after=after)
            total += len(page.runs)
            if page.next is None:
                return total
            after = page.next


# The request body, as the server's zod schema (``CreateBulkActionRequestBody``) checks it


def _check_body(issues: Issues, body: Any) -> None:
    """Record the schema's issues; the refinements (exactly one selection, a non-empty filter) only run
    when no field is of the wrong type, as in zod."""
    if not isinstance(body, dict):
        issues.add([], f"Expected object, received {type_name(body)}", "invalid_type")
        return
    action = body.get("action")
    if action not in ("cancel", "replay"):
        issues.add(
            ["action"],
            "Invalid discriminator value. Expected 'cancel' | 'replay'",
            "invalid_union_discriminator",
            options=["cancel", "replay"],
        )
        return
    aborted = False
    if "targetRegion" in body:
        region = body["targetRegion"]
        if action == "cancel":
            issues.add(["targetRegion"], f"Expected never, received {type_name(region)}", "invalid_type")
            aborted = True
        elif not isinstance(region, str):
            aborted |= not issues.expect_type(["targetRegion"], region, "string")
    if "filter" in body:
        aborted |= _check_filter(issues, body["filter"])
    if "runIds" in body:
        run_ids = body["runIds"]
        if not issues.expect_type(["runIds"], run_ids, "array"):
            aborted = True
        else:
            for index, run_id in enumerate(run_ids):
                aborted |= not issues.expect_type(["runIds", index], run_id, "string")
            if not run_ids:
                issues.add(
                    ["runIds"],
                    "Array must contain at least 1 element(s)",
                    "too_small",
                    minimum=1,
                    inclusive=True,
                    exact=False,
                    type="array",
                )
    if "name" in body:
        if not issues.expect_type(["name"], body["name"], "string"):
            aborted = True
        elif len(body["name"]) > MAX_NAME_LENGTH:
            issues.add(
                ["name"],
                "Name must be less than 255 characters",
                "too_big",
                maximum=MAX_NAME_LENGTH,
                inclusive=True,
                exact=False,
                type="string",
            )
    if not aborted and ("filter" in body) + ("runIds" in body) != 1:
        issues.add([], "Exactly one of filter or runIds must be provided")


def _check_filter(issues: Issues, value: Any) -> bool:
    """Check the ``filter`` object; True when a field has the wrong type (zod stops before refining)."""
    if not issues.expect_type(["filter"], value, "object"):
        return True
    aborted = False

    def union(key: str, ok: bool) -> None:
        nonlocal aborted
        if not ok:
            issues.add(["filter", key], "Invalid input", "invalid_union")
            aborted = True

    def one_or_many(item: Any, accept: Callable[[Any], bool]) -> bool:
        if isinstance(item, list):
            return all(accept(element) for element in item)
        return accept(item)

    for key in _FILTER_KEYS:
        if key not in value:
            continue
        item = value[key]
        if key == "status":
            union(key, one_or_many(item, lambda s: s in V4_STATUSES))
        elif key in ("taskIdentifier", "version", "tag", "region"):
            union(key, one_or_many(item, lambda s: isinstance(s, str)))
        elif key == "machine":
            union(key, one_or_many(item, lambda s: s in MACHINE_PRESETS))
        elif key == "queue":
            union(key, one_or_many(item, _is_queue))
        elif key in ("from", "to"):
            union(key, _instant_ms(item) is not None)
        elif key == "isTest":
            aborted |= not issues.expect_type(["filter", key], item, "boolean")
        else:
            aborted |= not issues.expect_type(["filter", key], item, "string")
    if not aborted and not any(_non_empty(value[key]) for key in _FILTER_KEYS if key in value):
        issues.add(["filter"], "At least one filter must be provided")
    return aborted


def _is_queue(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and value.get("type") in ("task", "custom")
        and isinstance(value.get("name"), str)
    )


def _non_empty(value: Any) -> bool:
    if isinstance(value, list):
        return any(_non_empty(item) for item in value)
    if isinstance(value, str):
        return bool(value.strip())
    return True


def _instant_ms(value: Any) -> int | None:
    """``z.union([z.coerce.date(), z.number()])`` then ``getTime()``: a number, a date string, or what
    JavaScript's ``new Date()`` makes of null (0) and booleans (0 or 1)."""
    if value is None or isinstance(value, bool):
        return int(bool(value))
    if isinstance(value, int | float):
        return int(value) if abs(value) <= 8.64e15 else None
    if isinstance(value, str):
        return parse_iso_ms(value)
    return None


def _as_list(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def _frozen_filters(value: dict[str, Any], now: int) -> RunFilters:
    """The run-list filters of a ``filter`` body, with the time range fixed at ``now``.

    Raises:
        ApiError: 500 ``Failed to create bulk action`` for a period that cannot be read.
    """
    statuses: list[str] = []
    for name in _as_list(value["status"]) if value.get("status") else ():
        statuses.extend(st.filter_statuses(name) or ())
    created_from = _instant_ms(value["from"]) if "from" in value else None
    created_to = _instant_ms(value["to"]) if "to" in value else None
    if value.get("period"):
        period_ms = parse_period_ms(value["period"])
        if period_ms is None:
            raise ApiError(500, {"error": "Failed to create bulk action"})
        created_from, created_to = now - period_ms, now
    elif created_from is None and created_to is None:
        created_from, created_to = now - DEFAULT_PERIOD_MS, now
    elif created_to is None:
        created_to = now

    def strings(key: str) -> tuple[str, ...] | None:
        return _as_list(value[key]) if value.get(key) else None

    queues = None
    if value.get("queue"):
        queues = tuple(
            q["name"] if q["type"] == "custom" else f"task/{q['name']}" for q in _as_list(value["queue"])
        )
    return RunFilters(
        statuses=tuple(statuses) if value.get("status") else None,
        task_identifiers=strings("taskIdentifier"),
        versions=strings("version"),
        tags=strings("tag"),
        bulk_action=value.get("bulkAction") or None,
        schedule=value.get("schedule") or None,
        batch=value.get("batch") or None,
        is_test=value.get("isTest"),
        created_from_ms=created_from,
        created_to_ms=created_to,
        queues=queues,
        machines=strings("machine"),
        regions=strings("region"),
    )


def _filters_json(filters: RunFilters) -> dict[str, Any]:
    return {name: list(v) if isinstance(v, tuple) else v for name, v in vars(filters).items()}


def _filters_from_json(data: dict[str, Any]) -> RunFilters:
    fields: dict[str, Any] = {name: tuple(v) if isinstance(v, list) else v for name, v in data.items()}
    return RunFilters(**fields)


# Answers and cursors


def _as_json(row: Any) -> dict[str, Any]:
    """A bulk action as the server writes it (``apiBulkActionObject``; absent values left out)."""
    body: dict[str, Any] = {"id": row["id"]}
    if row["name"] is not None:
        body["name"] = row["name"]
    body.update(
        type=row["type"],
        status=row["status"],
        counts={"total": row["total"], "success": row["success"], "failure": row["failure"]},
        createdAt=iso_ms(row["created_at"]),
    )
    if row["completed_at"] is not None:
        body["completedAt"] = iso_ms(row["completed_at"])
    return body


def _encode_cursor(row: Any) -> str:
    text = json.dumps({"createdAt": row["created_at"], "id": row["internal_id"]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> tuple[int, str] | None:
    """The ``(createdAt, id)`` of a cursor.

    Raises:
        ApiError: 500 for a cursor that is not one (the presenter throws).
    """
    if not cursor:
        return None
    try:
        parsed = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        raise _internal_error() from None
    created, ident = (parsed.get("createdAt"), parsed.get("id")) if isinstance(parsed, dict) else (None, None)
    if isinstance(created, bool) or not isinstance(created, int | float) or not isinstance(ident, str):
        raise _internal_error()
    return int(created), ident
