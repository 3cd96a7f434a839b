"""Queues: the ``/api/v1/queues…`` routes, and paused queues and queue limits holding runs back.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.queues*.ts``,
``QueueRetrievePresenter`` ``toQueueItem``, ``QueueListPresenter``, ``pauseQueue.server.ts``,
``concurrencySystem.server.ts``, ``createBackgroundWorker.server.ts``):

* Every registered task has a queue named ``task/<taskId>`` (sanitised to ``[a-zA-Z0-9_/-]``, at most
  128 characters), shown without the ``task/`` prefix and with ``type: "task"``; custom queues are
  declared with ``Emulator.queue(name)`` (``type: "custom"``). Queues are listed by task id or name.
* ``running`` counts the queue's runs that are starting or executing, ``queued`` those waiting in it.
* A paused queue starts none of its runs; a queue with a limit starts at most that many runs at once for
  each concurrency key (runs without a key share one pool). Pause keeps the limit.
* An override keeps the declared limit in ``concurrency.base`` until reset; ``percent`` is a share of the
  environment's limit (at least 1). ``concurrency.base`` is null while nothing is overridden.
* The path segment is decoded as the server does: once by the router (an encoded ``/`` stays ``%2F``),
  then ``%2F`` becomes ``/``; names (``type`` task or custom) are then decoded once more.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from . import _statuses as st
from ._clock import VirtualClock
from ._durations import iso_ms
from ._service import ApiError, Environment, Response
from ._store import RunRecord, Store, new_id
from ._validation import Issues

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_OVERRIDE = 100_000
RUNNING_STATUSES = (st.DEQUEUED, st.EXECUTING)
QUEUED_STATUSES = (st.PENDING, st.RETRYING_AFTER_FAILURE)
QUEUE_TYPES = ("task", "custom")
PARAM_TYPES = ("task", "custom", "id")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS queues (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    run_queue TEXT NOT NULL,
    type TEXT NOT NULL,
    orderable_name TEXT NOT NULL,
    concurrency_limit INTEGER,
    concurrency_limit_base INTEGER,
    overridden_at INTEGER,
    override_percent REAL,
    paused INTEGER NOT NULL
);
"""
_UNSAFE = re.compile(r"[^a-zA-Z0-9_\-/]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_ENCODED_SLASH = re.compile(r"%2f", re.IGNORECASE)


def sanitize_queue_name(name: str) -> str:
    """``sanitizeQueueName``: keep letters, digits, ``_``, ``-`` and ``/``; at most 128 characters."""
    return _UNSAFE.sub("", name)[:128]


def router_decode(segment: str) -> str:
    """How the server's router decodes one path segment: percent-decoded, but an encoded ``/`` stays
    ``%2F`` (and an invalid escape is left as it is)."""
    return "%2F".join(unquote(part, errors="strict") for part in _ENCODED_SLASH.split(segment))


def decode_uri_component(text: str) -> str:
    """JavaScript's ``decodeURIComponent``.

    Raises:
        ValueError: a ``%`` not followed by two hex digits, or escapes that are not UTF-8 (a URIError).
    """
    if _BAD_ESCAPE.search(text):
        raise ValueError("URI malformed")
    return unquote(text, errors="strict")


class _Declared:
    def __init__(self, kind: str, orderable: str, run_queue: str, limit: int | None) -> None:
        self.kind = kind
        self.orderable = orderable
        self.run_queue = run_queue
        self.limit = limit


class QueueService:
    """The queues of the emulated environment, and the admission of their runs."""

    def __init__(self, store: Store, clock: VirtualClock, environment: Environment) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: where queue state (pauses, overrides) and the runs are kept.
            clock: the virtual clock.
            environment: the environment (its concurrency limit caps queue limits).
        """
        self.store = store
        self.clock = clock
        self.environment = environment
        self._declared: dict[str, _Declared] = {}
        self._lock = threading.Lock()
        store.add_tables(("queues",), _SCHEMA)

    # Declarations (the code's queues)

    def declare_task_queue(self, task_id: str, concurrency_limit: int | None = None) -> None:
        """The queue of a registered task (``task/<taskId>``), with its declared limit (or none)."""
        self._declare(
            sanitize_queue_name(f"task/{task_id}"), "task", task_id, f"task/{task_id}", concurrency_limit
        )

    def declare_custom_queue(self, name: str, concurrency_limit: int | None = None) -> str:
        """A custom queue (``queue({ name })`` in the SDK); returns the stored (sanitised) name."""
        stored = sanitize_queue_name(name)
        if not stored:
            raise ValueError(f"queue name {name!r} has no letters, digits, '_', '-' or '/'")
        self._declare(stored, "custom", name, stored, concurrency_limit)
        return stored

    def clear_declarations(self) -> None:
        """Forget every declared queue (the emulator's ``reset``)."""
        with self._lock:
            self._declared.clear()

    def _declare(self, name: str, kind: str, orderable: str, run_queue: str, limit: int | None) -> None:
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise ValueError(f"concurrency_limit must be an int >= 0, got {limit!r}")
        base = None if limit is None else min(limit, self.environment.maximum_concurrency_limit)
        with self._lock:
            self._declared[name] = _Declared(kind, orderable, run_queue, base)
        with self.store.transaction():
            rows = self.store.query("SELECT overridden_at FROM queues WHERE name = ?", (name,))
            if rows and rows[0]["overridden_at"] is not None:
                self.store.execute(
                    "UPDATE queues SET concurrency_limit_base = ? WHERE name = ?", (base, name)
                )
            elif rows:
                self.store.execute("UPDATE queues SET concurrency_limit = ? WHERE name = ?", (base, name))
            else:
                self._sync()

    def _sync(self) -> None:
        """Store a row for every declared queue that has none yet (after a reset, for instance)."""
        with self._lock:
            declared = list(self._declared.items())
        if not declared:
            return
        with self.store.transaction():
            existing = {row["name"] for row in self.store.query("SELECT name FROM queues")}
            for name, queue in declared:
                if name not in existing:
                    self.store.execute(
                        "INSERT INTO queues "
                        "(id, name, run_queue, type, orderable_name, concurrency_limit, paused) "
                        "VALUES (?, ?, ?, ?, ?, ?, 0)",
                        (new_id("queue"), name, queue.run_queue, queue.kind, queue.orderable, queue.limit),
                    )

    # Routes

    def list_queues(self, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/queues``: one offset page by task id or name.

        Raises:
            ApiError: 400 ``Query Error`` for a ``page`` or ``perPage`` that is not a positive integer.
        """
        issues = Issues()
        page = _positive_int(issues, query, "page")
        per_page = _positive_int(issues, query, "perPage")
        if issues:
            raise ApiError(400, {"error": "Query Error", "details": issues.items})
        page = page or 1
        size = min(per_page or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        self._sync()
        with self.store.transaction():
            count = len(self.store.query("SELECT id FROM queues"))
            rows = self.store.query(
                "SELECT * FROM queues ORDER BY orderable_name, seq LIMIT ? OFFSET ?",
                (size, (page - 1) * size),
            )
            items = [self._item(row, with_percent=True) for row in rows]
        pagination = {"currentPage": page, "totalPages": math.ceil(count / size), "count": count}
        return 200, {"data": items, "pagination": pagination}, {}

    def retrieve(self, segment: str, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/queues/{queueParam}?type=…``.

        Raises:
            ApiError: 400 ``Query Error`` for an unknown ``type``; 404 ``queue-not-found``.
        """
        kind = query.get("type", "id")
        if kind not in PARAM_TYPES:
            issues = Issues()
            issues.optional_enum(["type"], kind, PARAM_TYPES)
            raise ApiError(400, {"error": "Query Error", "details": issues.items})
        row = self._find(segment, kind)
        if row is None:
            raise ApiError(404, {"error": "queue-not-found"})
        return 200, self._item(row, with_percent=True), {}

    def pause(self, segment: str, body: Any) -> Response:
        """``POST /api/v1/queues/{queueParam}/pause`` ``{type?, action}``.

        Raises:
            ApiError: 400 for a body that does not match; 404 ``queue-not-found``.
        """
        issues = Issues()
        if issues.expect_type([], body, "object"):
            issues.optional_enum(["type"], body.get("type"), PARAM_TYPES)
            if "action" not in body:
                issues.add(
                    ["action"],
                    "Required",
                    "invalid_type",
                    expected="'pause' | 'resume'",
                    received="undefined",
                )
            else:
                issues.optional_enum(["action"], body["action"], ("pause", "resume"))
        if issues:
            raise ApiError(400, {"error": issues.message()})
        row = self._find(segment, body.get("type") or "id")
        if row is None:
            raise ApiError(404, {"error": "queue-not-found"})
        with self.store.transaction():
            self.store.execute(
                "UPDATE queues SET paused = ? WHERE id = ?", (int(body["action"] == "pause"), row["id"])
            )
            item = self._item(self._row(row["id"]), with_percent=False)
        return 200, item, {}

    def override(self, segment: str, body: Any) -> Response:
        """``POST /api/v1/queues/{queueParam}/concurrency/override``.

        Raises:
            ApiError: 400 for a body that does not match or a limit above the environment's; 404
                ``Queue not found``.
        """
        issues = Issues()
        if issues.expect_type([], body, "object"):
            issues.optional_enum(["type"], body.get("type"), PARAM_TYPES)
            limit = body.get("concurrencyLimit")
            if issues.optional(["concurrencyLimit"], limit, "integer") and limit is not None:
                _range(issues, ["concurrencyLimit"], limit, 0, MAX_OVERRIDE)
            percent = body.get("percent")
            if issues.optional(["percent"], percent, "number") and percent is not None:
                if not percent > 0:
                    issues.add(["percent"], "Number must be greater than 0", "too_small")
                elif percent > 100:
                    issues.add(["percent"], "Number must be less than or equal to 100", "too_big")
            if not issues and (limit is None) == (percent is None):
                issues.add([], "Provide exactly one of `concurrencyLimit` or `percent`")
        if issues:
            raise ApiError(400, {"error": issues.message()})
        row = self._find(segment, body.get("type") or "id")
        if row is None:
            raise ApiError(404, {"error": "Queue not found"})
        maximum = self.environment.maximum_concurrency_limit
        if percent is not None:
            new_limit = min(max(math.floor(maximum * percent / 100), 1), maximum)
        else:
            if limit > maximum:
                raise ApiError(
                    400,
                    {"error": f"Concurrency limit ({limit}) cannot exceed the environment limit ({maximum})"},
                )
            new_limit = limit
        base = row["concurrency_limit_base"] if row["overridden_at"] is not None else row["concurrency_limit"]
        with self.store.transaction():
            self.store.execute(
                "UPDATE queues SET concurrency_limit = ?, concurrency_limit_base = ?, overridden_at = ?, "
                "override_percent = ? WHERE id = ?",
                (new_limit, base, self.clock.now_ms(), percent, row["id"]),
            )
            item = self._item(self._row(row["id"]), with_percent=False)
        return 200, item, {}

    def reset(self, segment: str, body: Any) -> Response:
        """``POST /api/v1/queues/{queueParam}/concurrency/reset``.

        Raises:
            ApiError: 400 for a body that does not match or a queue that is not overridden; 404
                ``Queue not found``.
        """
        issues = Issues()
        if issues.expect_type([], body, "object"):
            issues.optional_enum(["type"], body.get("type"), PARAM_TYPES)
        if issues:
            raise ApiError(400, {"error": issues.message()})
        row = self._find(segment, body.get("type") or "id")
        if row is None:
            raise ApiError(404, {"error": "Queue not found"})
        if row["overridden_at"] is None:
            raise ApiError(400, {"error": "Queue is not overridden"})
        with self.store.transaction():
            self.store.execute(
                "UPDATE queues SET concurrency_limit = concurrency_limit_base, "
                "concurrency_limit_base = NULL, overridden_at = NULL, override_percent = NULL WHERE id = ?",
                (row["id"],),
            )
            item = self._item(self._row(row["id"]), with_percent=False)
        return 200, item, {}

    # Admission of runs (a gate of the engine)

    def admission(self) -> _QueueAdmission | None:
        """The paused queues and queue limits for one scheduler pass, or None when there are none."""
        rows = self.store.query(
            "SELECT run_queue, paused, concurrency_limit FROM queues "
            "WHERE paused = 1 OR concurrency_limit IS NOT NULL"
        )
        if not rows:
            return None
        paused = {row["run_queue"] for row in rows if row["paused"]}
        limits = {row["run_queue"]: int(row["concurrency_limit"]) for row in rows if not row["paused"]}
        running: Counter[tuple[str, str | None]] = Counter()
        if limits:
            marks = ",".join("?" for _ in limits)
            for row in self.store.query(
                f"SELECT queue, concurrency_key, COUNT(*) AS n FROM runs WHERE queue IN ({marks}) "
                f"AND status IN ({','.join('?' for _ in RUNNING_STATUSES)}) GROUP BY queue, concurrency_key",
                (*limits, *RUNNING_STATUSES),
            ):
                running[(row["queue"], row["concurrency_key"])] = int(row["n"])
        return _QueueAdmission(paused, limits, running)

    # Helpers

    def _find(self, segment: str, kind: str) -> Any:
        """The queue a path segment names (``queueParam`` after the router, as the route reads it).

        Raises:
            ApiError: 500 when a name does not decode (the route's ``decodeURIComponent`` throws).
        """
        self._sync()
        param = router_decode(segment).replace("%2F", "/")
        if kind == "id":
            rows = self.store.query("SELECT * FROM queues WHERE id = ?", (param,))
        else:
            try:
                name = decode_uri_component(param).replace("%2F", "/")
            except ValueError:
                raise ApiError(500, {"error": "Internal Server Error"}) from None
            if kind == "task":
                name = "task/" + (name[len("task/") :] if name.startswith("task/") else name)
            rows = self.store.query("SELECT * FROM queues WHERE name = ?", (name,))
        return rows[0] if rows else None

    def _row(self, queue_id: str) -> Any:
        return self.store.query("SELECT * FROM queues WHERE id = ?", (queue_id,))[0]

    def _counts(self, run_queue: str) -> tuple[int, int]:
        rows = self.store.query(
            "SELECT status, COUNT(*) AS n FROM runs WHERE queue = ? GROUP BY status", (run_queue,)
        )
        by_status = {row["status"]: int(row["n"]) for row in rows}
        return (
            sum(by_status.get(status, 0) for status in RUNNING_STATUSES),
            sum(by_status.get(status, 0) for status in QUEUED_STATUSES),
        )

    def _item(self, row: Any, *, with_percent: bool) -> dict[str, Any]:
        """``toQueueItem`` (retrieve and list add ``concurrencyLimitOverridePercent``)."""
        running, queued = self._counts(row["run_queue"])
        overridden = row["overridden_at"] is not None
        limit = row["concurrency_limit"]
        item: dict[str, Any] = {
            "id": row["id"],
            "name": re.sub(r"^task/", "", row["name"]),
            "type": row["type"],
            "running": running,
            "queued": queued,
            "paused": bool(row["paused"]),
            "concurrencyLimit": limit,
            "concurrency": {
                "current": limit,
                "base": row["concurrency_limit_base"],
                "override": limit if overridden else None,
                "overriddenBy": None,
                "overriddenAt": iso_ms(row["overridden_at"]) if overridden else None,
            },
            "releaseConcurrencyOnWaitpoint": True,
        }
        if with_percent:
            percent = row["override_percent"]
            item["concurrencyLimitOverridePercent"] = None if percent is None else _js_number(percent)
        return item


class _QueueAdmission:
    """One pass's view of paused queues and queue limits (per queue and concurrency key)."""

    def __init__(
        self, paused: set[str], limits: dict[str, int], running: Counter[tuple[str, str | None]]
    ) -> None:
        self.paused = paused
        self.limits = limits
        self.running = running

    def allows(self, run: RunRecord) -> bool:
        if run.queue in self.paused:
            return False
        limit = self.limits.get(run.queue)
        return limit is None or self.running[(run.queue, run.concurrency_key)] < limit

    def take(self, run: RunRecord) -> None:
        if run.queue in self.limits:
            self.running[(run.queue, run.concurrency_key)] += 1


def _js_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _range(issues: Issues, path: list[str | int], value: int, low: int, high: int) -> None:
    if value < low:
        issues.add(path, f"Number must be greater than or equal to {low}", "too_small")
    elif value > high:
        issues.add(path, f"Number must be less than or equal to {high}", "too_big")


def _positive_int(issues: Issues, query: Mapping[str, str], name: str) -> int | None:
    """``z.coerce.number().int().positive().optional()`` on a query parameter."""
    raw = query.get(name)
    if raw is None:
        return None
    try:
        number = float(raw.strip()) if raw.strip() else 0.0
    except ValueError:
        issues.add([name], "Expected number, received nan", "invalid_type", expected="number", received="nan")
        return None
    if not number.is_integer():
        issues.add(
            [name], "Expected integer, received float", "invalid_type", expected="integer", received="float"
        )
        return None
    if number <= 0:
        issues.add([name], "Number must be greater than 0", "too_small")
        return None
    return int(number)
