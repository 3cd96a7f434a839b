"""The emulator's state in SQLite (standard library ``sqlite3``; in memory by default).

One connection, guarded by one re-entrant lock, is shared by the HTTP handlers, the scheduler and the
workers. Instants are Unix epoch milliseconds of the emulator's virtual clock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import secrets
import sqlite3
import string
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from . import _statuses as st

_ID_ALPHABET = string.ascii_lowercase + string.digits


def new_id(prefix: str) -> str:
    """A new friendly id such as ``run_cm1x…`` (prefix, ``_``, 25 lowercase alphanumerics, cuid-like)."""
    number = secrets.randbits(125)
    chars = []
    for _ in range(24):
        number, digit = divmod(number, 36)
        chars.append(_ID_ALPHABET[digit])
    return f"{prefix}_c" + "".join(chars)


@dataclasses.dataclass(frozen=True)
class RunRecord:
    """One stored run. Times are epoch milliseconds; JSON-valued columns are decoded."""

    seq: int
    id: str
    task_identifier: str
    status: str
    payload: str | None
    payload_type: str
    output: str | None
    output_type: str
    error: dict[str, Any] | None
    metadata: str | None
    metadata_type: str
    tags: list[str]
    idempotency_key: str | None
    idempotency_key_expires_at: int | None
    idempotency_key_options: dict[str, Any] | None
    queue: str
    concurrency_key: str | None
    machine: str | None
    max_attempts: int | None
    max_duration_s: float | None
    priority_s: float
    is_test: bool
    version: str | None
    lock_to_version: str | None
    region: str | None
    ttl: str | None
    ttl_ms: int | None
    created_at: int
    updated_at: int
    started_at: int | None
    completed_at: int | None
    delay_until: int | None
    queued_at: int | None
    expired_at: int | None
    retry_at: int | None
    attempt_started_at: int | None
    attempt_count: int
    duration_ms: int
    trigger_function: str
    batch_id: str | None
    depth: int
    parent_run_id: str | None
    root_run_id: str | None
    resume_parent: bool
    bulk_action_id: str | None
    schedule_id: str | None
    options: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class BatchRecord:
    """One stored batch of the two-phase batch API."""

    seq: int
    id: str
    run_count: int
    status: str
    idempotency_key: str | None
    idempotency_key_options: dict[str, Any] | None
    task_identifiers: list[str] | None
    parent_run_id: str | None
    resume_parent: bool
    sealed: bool
    run_ids: list[str]
    errors: list[dict[str, Any]]
    created_at: int
    updated_at: int
    sealed_at: int | None
    processing_completed_at: int | None


@dataclasses.dataclass(frozen=True)
class RunFilters:
    """The ``filter[…]`` parameters of the run list, already parsed. None means "not filtered"."""

    statuses: tuple[str, ...] | None = None
    task_identifiers: tuple[str, ...] | None = None
    versions: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    bulk_action: str | None = None
    schedule: str | None = None
    batch: str | None = None
    is_test: bool | None = None
    created_from_ms: int | None = None
    created_to_ms: int | None = None
    queues: tuple[str, ...] | None = None
    machines: tuple[str, ...] | None = None
    regions: tuple[str, ...] | None = None
    run_ids: tuple[str, ...] | None = None
    """Only these runs (a bulk action's ``runIds``)."""


@dataclasses.dataclass(frozen=True)
class RunPage:
    """One page of the run list, newest first, with the cursors (run ids) of the neighbouring pages."""

    runs: list[RunRecord]
    next: str | None
    previous: str | None


@dataclasses.dataclass(frozen=True)
class ScheduleRecord:
    """One stored (imperative) schedule. Times are epoch milliseconds of the virtual clock."""

    seq: int
    id: str
    task: str
    type: str
    active: bool
    deduplication_key: str
    user_provided_key: bool
    external_id: str | None
    cron: str
    description: str
    timezone: str
    window_duration_s: int | None
    window_percentage: int | None
    created_at: int
    updated_at: int
    next_fire_at: int | None
    """The nominal time of the next occurrence the schedule will act on (trigger, or skip while inactive)."""
    last_fired_at: int | None
    """The nominal time of the last occurrence that triggered a run (the next run's ``lastTimestamp``)."""


_JSON_RUN_COLUMNS = frozenset({"error", "tags", "idempotency_key_options", "options"})
_BOOL_RUN_COLUMNS = frozenset({"is_test", "resume_parent"})
_RUN_COLUMNS = tuple(f.name for f in dataclasses.fields(RunRecord))
_JSON_BATCH_COLUMNS = frozenset({"idempotency_key_options", "task_identifiers", "run_ids", "errors"})
_BOOL_BATCH_COLUMNS = frozenset({"resume_parent", "sealed"})
_BATCH_COLUMNS = tuple(f.name for f in dataclasses.fields(BatchRecord))
_BOOL_SCHEDULE_COLUMNS = frozenset({"active", "user_provided_key"})
_SCHEDULE_COLUMNS = tuple(f.name for f in dataclasses.fields(ScheduleRecord))

_SCHEMA = """
CREATE TABLE runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    task_identifier TEXT NOT NULL,
    status TEXT NOT NULL,
    payload TEXT,
    payload_type TEXT NOT NULL,
    output TEXT,
    output_type TEXT NOT NULL,
    error TEXT,
    metadata TEXT,
    metadata_type TEXT NOT NULL,
    tags TEXT NOT NULL,
    idempotency_key TEXT,
    idempotency_key_expires_at INTEGER,
    idempotency_key_options TEXT,
    queue TEXT NOT NULL,
    concurrency_key TEXT,
    machine TEXT,
    max_attempts INTEGER,
    max_duration_s REAL,
    priority_s REAL NOT NULL,
    is_test INTEGER NOT NULL,
    version TEXT,
    lock_to_version TEXT,
    region TEXT,
    ttl TEXT,
    ttl_ms INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER,
    completed_at INTEGER,
    delay_until INTEGER,
    queued_at INTEGER,
    expired_at INTEGER,
    retry_at INTEGER,
    attempt_started_at INTEGER,
    attempt_count INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    trigger_function TEXT NOT NULL,
    batch_id TEXT,
    depth INTEGER NOT NULL,
    parent_run_id TEXT,
    root_run_id TEXT,
    resume_parent INTEGER NOT NULL,
    bulk_action_id TEXT,
    schedule_id TEXT,
    options TEXT NOT NULL
);
CREATE INDEX runs_status ON runs (status);
CREATE INDEX runs_created ON runs (created_at, seq);
CREATE INDEX runs_idempotency ON runs (task_identifier, idempotency_key);
CREATE INDEX runs_parent ON runs (parent_run_id);
CREATE TABLE batches (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    run_count INTEGER NOT NULL,
    status TEXT NOT NULL,
    idempotency_key TEXT,
    idempotency_key_options TEXT,
    task_identifiers TEXT,
    parent_run_id TEXT,
    resume_parent INTEGER NOT NULL,
    sealed INTEGER NOT NULL,
    run_ids TEXT NOT NULL,
    errors TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sealed_at INTEGER,
    processing_completed_at INTEGER
);
CREATE INDEX batches_idempotency ON batches (idempotency_key);
CREATE TABLE batch_items (
    batch_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (batch_id, idx)
);
CREATE TABLE request_keys (
    scope TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
"""
_SCHEDULES_SCHEMA = """
CREATE TABLE schedules (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    task TEXT NOT NULL,
    type TEXT NOT NULL,
    active INTEGER NOT NULL,
    deduplication_key TEXT NOT NULL UNIQUE,
    user_provided_key INTEGER NOT NULL,
    external_id TEXT,
    cron TEXT NOT NULL,
    description TEXT NOT NULL,
    timezone TEXT NOT NULL,
    window_duration_s INTEGER,
    window_percentage INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    next_fire_at INTEGER,
    last_fired_at INTEGER
);
CREATE INDEX schedules_created ON schedules (created_at, seq);
CREATE INDEX schedules_next_fire ON schedules (next_fire_at);
"""
_REALTIME_RUN_COLUMNS = (
    ("change_seq", "INTEGER NOT NULL DEFAULT 0"),
    ("realtime_streams", "TEXT NOT NULL DEFAULT '[]'"),
    ("streams_version", "TEXT NOT NULL DEFAULT 'v2'"),
)
"""Run columns kept outside :class:`RunRecord`: the change sequence, the keys of the run's output streams
and the framing its streams are read with (``v1``: Redis, ``v2``: S2)."""

_CHANGE_BUMP = """
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE runs SET change_seq = (SELECT value FROM change_counter WHERE id = 1) WHERE seq = NEW.seq;
    SELECT run_changed(NEW.id);
"""
_REALTIME_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT OR IGNORE INTO change_counter (id, value) VALUES (1, 0);
CREATE INDEX IF NOT EXISTS runs_change ON runs (change_seq);
CREATE INDEX IF NOT EXISTS runs_batch ON runs (batch_id);
CREATE TRIGGER IF NOT EXISTS runs_changed_on_insert AFTER INSERT ON runs BEGIN {_CHANGE_BUMP} END;
CREATE TRIGGER IF NOT EXISTS runs_changed_on_update AFTER UPDATE ON runs
    WHEN NEW.change_seq IS OLD.change_seq BEGIN {_CHANGE_BUMP} END;
CREATE TABLE IF NOT EXISTS stream_records (
    run_id TEXT NOT NULL,
    stream_key TEXT NOT NULL,
    seq_num INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    data TEXT NOT NULL,
    part_id TEXT NOT NULL,
    PRIMARY KEY (run_id, stream_key, seq_num)
);
CREATE TABLE IF NOT EXISTS run_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    parent_id TEXT,
    message TEXT NOT NULL,
    level TEXT NOT NULL,
    start_ns INTEGER NOT NULL,
    duration_ns INTEGER NOT NULL,
    is_error INTEGER NOT NULL,
    is_partial INTEGER NOT NULL,
    attempt INTEGER,
    properties TEXT
);
CREATE INDEX IF NOT EXISTS run_events_run ON run_events (run_id, seq);
"""
"""Every insert or update of a run takes the next value of one change counter (``change_seq``), so a
realtime feed can send exactly the changes after a position, however many share a millisecond; the
``run_changed`` function wakes the waiting feeds."""
_ONE_TIME_USE_SCHEMA = """
CREATE TABLE IF NOT EXISTS one_time_use_tokens (
    kind TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (kind, token_hash)
);
"""
"""The one-time-use public access tokens spent so far: a hash of each, with the run or batch it made
(the server keeps it in a unique ``oneTimeUseToken`` column of runs and of batches)."""


@dataclasses.dataclass(frozen=True)
class StreamRecord:
    """One record of a run's stream (an output stream, or an input stream ``$trigger.input:<id>``)."""

    seq_num: int
    timestamp: int
    data: str
    """The value as JSON text."""
    part_id: str


@dataclasses.dataclass(frozen=True)
class RealtimeRunRecord:
    """A run as a realtime feed reads it: the record, its change sequence and its stream keys."""

    run: RunRecord
    change_seq: int
    realtime_streams: list[str]
    streams_version: str


class ChangeSignal:
    """Wakes whoever waits for the store to change (realtime feeds on an event loop, task handlers in
    threads). Notified by every run change and every stream record. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[Any, Any]] = set()
        self._cond = threading.Condition()
        self._version = 0

    def notify(self) -> None:
        """Wake every waiter (called while the store lock may be held: never blocks for long)."""
        with self._lock:
            waiters = list(self._waiters)
        for loop, event in waiters:
            with contextlib.suppress(RuntimeError):  # a loop that has closed
                loop.call_soon_threadsafe(event.set)
        with self._cond:
            self._version += 1
            self._cond.notify_all()

    @contextlib.contextmanager
    def async_event(self) -> Iterator[Any]:
        """An ``asyncio.Event`` of the running loop that is set at every change while the block runs."""
        import asyncio

        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiters.add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                self._waiters.discard(entry)

    @property
    def version(self) -> int:
        """A number that grows with every change."""
        with self._cond:
            return self._version

    def wait(self, version: int, timeout_s: float | None) -> int:
        """Block until the version is past ``version`` or ``timeout_s`` passes; return the version."""
        with self._cond:
            self._cond.wait_for(lambda: self._version != version, timeout_s)
            return self._version


_BUSY_STATUSES = (st.DEQUEUED, st.EXECUTING, st.RETRYING_AFTER_FAILURE)


def _encode(columns_json: frozenset[str], columns_bool: frozenset[str], name: str, value: Any) -> Any:
    if name in columns_json:
        return None if value is None else json.dumps(value, separators=(",", ":"))
    if name in columns_bool:
        return int(bool(value))
    return value


def _decode(columns_json: frozenset[str], columns_bool: frozenset[str], name: str, value: Any) -> Any:
    if name in columns_json:
        return None if value is None else json.loads(value)
    if name in columns_bool:
        return bool(value)
    return value


def _placeholders(values: Sequence[object]) -> str:
    return ",".join("?" for _ in values)


class Store:
    """Runs, batches, schedules and request-idempotency keys of one emulated environment.

    Every method is atomic. Use :meth:`transaction` to make several calls one atomic step.
    """

    def __init__(self, database: str = ":memory:") -> None:
        """Open the store.

        Args:
            database: a SQLite path, or ``":memory:"`` (the default) for a private in-memory database.
        """
        self._lock = threading.RLock()
        self._depth = 0
        self._resource_tables: list[str] = []
        self._db = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self.changes = ChangeSignal()
        """Notified after every run change and stream record (see :class:`ChangeSignal`)."""
        self._db.create_function("run_changed", 1, self._run_changed)
        with self._lock:
            exists = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'"
            ).fetchone()
            if not exists:
                self._db.executescript(_SCHEMA)
            has_schedules = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schedules'"
            ).fetchone()
            if not has_schedules:  # also for a database file from before schedules existed
                self._db.executescript(_SCHEDULES_SCHEMA)
            present = {row["name"] for row in self._db.execute("PRAGMA table_info(runs)").fetchall()}
            for name, declaration in _REALTIME_RUN_COLUMNS:
                if name not in present:
                    self._db.execute(f"ALTER TABLE runs ADD COLUMN {name} {declaration}")
            self._db.executescript(_REALTIME_SCHEMA)
        self.add_tables(("one_time_use_tokens",), _ONE_TIME_USE_SCHEMA)

    def _run_changed(self, run_id: str) -> int:
        self.changes.notify()
        return 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the store lock and group the enclosed calls into one SQLite transaction."""
        with self._lock:
            outermost = self._depth == 0
            self._depth += 1
            if outermost:
                self._db.execute("BEGIN")
            try:
                yield
            except BaseException:
                if outermost:
                    self._db.execute("ROLLBACK")
                raise
            else:
                if outermost:
                    self._db.execute("COMMIT")
            finally:
                self._depth -= 1

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def reset(self) -> None:
        """Delete every run, batch, batch item, schedule and request key, and the rows of the tables
        resource modules added with :meth:`add_tables`."""
        with self.transaction():
            tables = (
                "runs",
                "batches",
                "batch_items",
                "schedules",
                "request_keys",
                "stream_records",
                "run_events",
            )
            for table in tables:
                self._db.execute(f"DELETE FROM {table}")
            for table in self._resource_tables:
                self._db.execute(f"DELETE FROM {table}")

    # Tables of other resources (environment variables, queues, deployments, …)

    def add_tables(self, tables: Sequence[str], schema: str) -> None:
        """Create the tables a resource module keeps its state in (unless they exist), and empty them on
        :meth:`reset`.

        Args:
            tables: the names of the tables ``schema`` creates.
            schema: ``CREATE TABLE IF NOT EXISTS`` (and index) statements.
        """
        with self._lock:
            self._db.executescript(schema)
            self._resource_tables.extend(name for name in tables if name not in self._resource_tables)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """The rows of one ``SELECT`` (for resource modules; use within :meth:`transaction` to combine)."""
        with self._lock:
            return list(self._db.execute(sql, params).fetchall())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one ``INSERT``, ``UPDATE`` or ``DELETE``; return how many rows it changed."""
        with self._lock:
            return int(self._db.execute(sql, params).rowcount)

    def _insert(
        self,
        table: str,
        columns: tuple[str, ...],
        json_columns: frozenset[str],
        bool_columns: frozenset[str],
        fields: dict[str, Any],
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Insert one row of ``table`` from ``fields`` (every column but the ``seq`` the database assigns)
        and ``extra`` (columns outside the record type, stored as given)."""
        names = [name for name in columns if name != "seq"]
        values = [_encode(json_columns, bool_columns, name, fields[name]) for name in names]
        if extra:
            names.extend(extra)
            values.extend(extra.values())
        self._db.execute(f"INSERT INTO {table} ({','.join(names)}) VALUES ({_placeholders(names)})", values)

    # Runs

    def insert_run(self, *, streams_version: str = "v2", **fields: Any) -> RunRecord:
        """Insert a run.

        Args:
            streams_version: how the run's streams are framed when read (``v1`` or ``v2``).
            **fields: every :class:`RunRecord` field except ``seq``.

        Returns:
            The stored run.
        """
        with self._lock:
            extra = {"streams_version": streams_version}
            self._insert("runs", _RUN_COLUMNS, _JSON_RUN_COLUMNS, _BOOL_RUN_COLUMNS, fields, extra)
            run = self.get_run(fields["id"])
        assert run is not None
        return run

    def get_run(self, run_id: str) -> RunRecord | None:
        """The run with this id, or None."""
        with self._lock:
            row = self._db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return None if row is None else self._run(row)

    def get_runs(self, run_ids: Iterable[str]) -> dict[str, RunRecord]:
        """The runs with these ids that exist, by id."""
        ids = list(run_ids)
        found: dict[str, RunRecord] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = self._db.execute(
                    f"SELECT * FROM runs WHERE id IN ({_placeholders(chunk)})", chunk
                ).fetchall()
                for row in rows:
                    run = self._run(row)
                    found[run.id] = run
        return found

    def status_of(self, run_id: str) -> str | None:
        """The stored status of a run, or None when the run does not exist."""
        with self._lock:
            row = self._db.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
        return None if row is None else str(row[0])

    def update_run(self, run_id: str, **fields: Any) -> None:
        """Set some fields of a run (no effect when the run does not exist).

        Args:
            run_id: the run id.
            **fields: :class:`RunRecord` field names and their new values.
        """
        if not fields:
            return
        names = list(fields)
        unknown = set(names) - set(_RUN_COLUMNS)
        if unknown:
            raise KeyError(f"unknown run fields: {sorted(unknown)}")
        values = [_encode(_JSON_RUN_COLUMNS, _BOOL_RUN_COLUMNS, n, fields[n]) for n in names]
        assignments = ",".join(f"{name} = ?" for name in names)
        with self._lock:
            self._db.execute(f"UPDATE runs SET {assignments} WHERE id = ?", [*values, run_id])

    def find_by_idempotency_key(self, task_identifier: str, key: str) -> RunRecord | None:
        """The newest run of a task that holds this idempotency key, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM runs WHERE task_identifier = ? AND idempotency_key = ? "
                "ORDER BY seq DESC LIMIT 1",
                (task_identifier, key),
            ).fetchone()
        return None if row is None else self._run(row)

    def clear_idempotency_key(self, task_identifier: str, key: str) -> int:
        """Forget an idempotency key (and its expiry) on every run of a task that holds it, so that the
        next trigger with the key makes a new run; return how many runs held it."""
        with self._lock:
            return int(
                self._db.execute(
                    "UPDATE runs SET idempotency_key = NULL, idempotency_key_expires_at = NULL "
                    "WHERE task_identifier = ? AND idempotency_key = ?",
                    (task_identifier, key),
                ).rowcount
            )

    def children_of(self, run_id: str) -> list[RunRecord]:
        """The runs whose parent is ``run_id``, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM runs WHERE parent_run_id = ? ORDER BY seq", (run_id,)
            ).fetchall()
        return [self._run(row) for row in rows]

    def list_runs(
        self,
        filters: RunFilters,
        *,
        page_size: int,
        after: str | None = None,
        before: str | None = None,
    ) -> RunPage:
        """One page of runs, newest first.

        Args:
            filters: which runs to list.
            page_size: runs per page (1..100).
            after: a run id: list the runs older than it (the next page).
            before: a run id: list the runs newer than it (the previous page).

        Returns:
            The page; ``next`` is set when older runs follow, ``previous`` when newer runs precede.
        """
        where, params = self._filter_sql(filters)
        cursor_id = before if before else after
        backward = bool(before)
        with self._lock:
            if cursor_id:
                anchor = self._db.execute(
                    "SELECT created_at, seq FROM runs WHERE id = ?", (cursor_id,)
                ).fetchone()
                if anchor is None:
                    return RunPage([], None, None)
                comparison = ">" if backward else "<"
                where.append(f"(created_at {comparison} ? OR (created_at = ? AND seq {comparison} ?))")
                params.extend([anchor["created_at"], anchor["created_at"], anchor["seq"]])
            order = "ASC" if backward else "DESC"
            sql = "SELECT * FROM runs"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += f" ORDER BY created_at {order}, seq {order} LIMIT ?"
            rows = self._db.execute(sql, [*params, page_size + 1]).fetchall()
        records = [self._run(row) for row in rows]
        has_more = len(records) > page_size
        page = records[:page_size]
        if not backward:
            previous = page[0].id if cursor_id and page else None
            following = page[-1].id if has_more and page else None
            return RunPage(page, following, previous)
        newest_first = list(reversed(page))
        previous = newest_first[0].id if has_more and newest_first else None
        following = newest_first[-1].id if newest_first else None
        return RunPage(newest_first, following, previous)

    @staticmethod
    def _filter_sql(filters: RunFilters) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []

        def within(column: str, values: tuple[str, ...] | None) -> None:
            if values is not None:
                where.append(f"{column} IN ({_placeholders(values)})")
                params.extend(values)

        within("status", filters.statuses)
        within("task_identifier", filters.task_identifiers)
        within("version", filters.versions)
        within("queue", filters.queues)
        within("machine", filters.machines)
        within("region", filters.regions)
        within("id", filters.run_ids)
        if filters.tags is not None:
            where.append(
                f"EXISTS (SELECT 1 FROM json_each(runs.tags) WHERE json_each.value IN "
                f"({_placeholders(filters.tags)}))"
            )
            params.extend(filters.tags)
        for column, value in (
            ("bulk_action_id", filters.bulk_action),
            ("schedule_id", filters.schedule),
            ("batch_id", filters.batch),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if filters.is_test is not None:
            where.append("is_test = ?")
            params.append(int(filters.is_test))
        if filters.created_from_ms is not None:
            where.append("created_at >= ?")
            params.append(filters.created_from_ms)
        if filters.created_to_ms is not None:
            where.append("created_at <= ?")
            params.append(filters.created_to_ms)
        return where, params

    # Queries of the run lifecycle

    def requeue_dequeued(self, now_ms: int) -> int:
        """Put runs that were taken from the queue but never started back in the queue (after a restart)."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE runs SET status = ?, updated_at = ? WHERE status = ?",
                (st.PENDING, now_ms, st.DEQUEUED),
            )
            return cursor.rowcount

    def enqueue_due_delayed(self, now_ms: int, task_identifiers: Sequence[str]) -> int:
        """Move DELAYED runs whose delay has ended to QUEUED (PENDING_VERSION when their task has no handler).

        Returns:
            How many runs moved.
        """
        tasks = list(task_identifiers)
        with self._lock:
            cursor = self._db.execute(
                f"""
                UPDATE runs
                SET status = CASE WHEN task_identifier IN ({_placeholders(tasks)}) THEN ? ELSE ? END,
                    queued_at = ?, updated_at = ?
                WHERE status = ? AND delay_until <= ?
                """,
                (*tasks, st.PENDING, st.PENDING_VERSION, now_ms, now_ms, st.DELAYED, now_ms),
            )
            return cursor.rowcount

    def enqueue_pending_version(self, now_ms: int, task_identifiers: Sequence[str]) -> int:
        """Move PENDING_VERSION runs of the given tasks (which now have handlers) to QUEUED.

        Returns:
            How many runs moved.
        """
        tasks = list(task_identifiers)
        if not tasks:
            return 0
        with self._lock:
            cursor = self._db.execute(
                f"""
                UPDATE runs SET status = ?, queued_at = ?, updated_at = ?
                WHERE status = ? AND task_identifier IN ({_placeholders(tasks)})
                """,
                (st.PENDING, now_ms, now_ms, st.PENDING_VERSION, *tasks),
            )
            return cursor.rowcount

    def expire_overdue(self, now_ms: int) -> int:
        """Expire QUEUED runs that waited longer than their TTL (status EXPIRED, error message set).

        Returns:
            How many runs expired.
        """
        with self._lock:
            cursor = self._db.execute(
                """
                UPDATE runs
                SET status = ?, expired_at = ?, completed_at = ?, updated_at = ?,
                    error = json_object('message', 'Run expired because the TTL (' || ttl || ') was reached')
                WHERE status = ? AND ttl_ms IS NOT NULL AND queued_at + ttl_ms <= ?
                """,
                (st.EXPIRED, now_ms, now_ms, now_ms, st.PENDING, now_ms),
            )
            return cursor.rowcount

    def time_out_overdue(self, now_ms: int, error: dict[str, Any]) -> int:
        """Move EXECUTING runs whose attempt ran longer than ``maxDuration`` to TIMED_OUT.

        Returns:
            How many runs timed out.
        """
        with self._lock:
            cursor = self._db.execute(
                """
                UPDATE runs
                SET status = ?, completed_at = ?, updated_at = ?, error = ?,
                    duration_ms = duration_ms + MAX(0, ? - attempt_started_at), attempt_started_at = NULL
                WHERE status = ? AND max_duration_s IS NOT NULL
                  AND attempt_started_at + CAST(max_duration_s * 1000 AS INTEGER) <= ?
                """,
                (st.TIMED_OUT, now_ms, now_ms, json.dumps(error), now_ms, st.EXECUTING, now_ms),
            )
            return cursor.rowcount

    def dispatchable_runs(
        self,
        now_ms: int,
        queue_delay_ms: int,
        limit: int,
        task_identifiers: Sequence[str],
        admit: Callable[[RunRecord], bool] | None = None,
    ) -> list[RunRecord]:
        """Runs of the given tasks ready for a worker: queued long enough, or due for their next attempt.

        Ordered by queue time minus priority credit, then age. With ``admit``, only the runs it accepts
        are taken (it sees the candidates in that order; paused queues and concurrency limits).
        """
        if limit <= 0 or not task_identifiers:
            return []
        tasks = list(task_identifiers)
        with self._lock:
            cursor = self._db.execute(
                f"""
                SELECT * FROM runs
                WHERE ((status = ? AND queued_at + ? <= ?) OR (status = ? AND retry_at <= ?))
                  AND task_identifier IN ({_placeholders(tasks)})
                ORDER BY COALESCE(retry_at, queued_at) - priority_s * 1000, seq
                {"" if admit else "LIMIT ?"}
                """,
                (
                    st.PENDING,
                    queue_delay_ms,
                    now_ms,
                    st.RETRYING_AFTER_FAILURE,
                    now_ms,
                    *tasks,
                    *(() if admit else (limit,)),
                ),
            )
            if admit is None:
                return [self._run(row) for row in cursor.fetchall()]
            taken: list[RunRecord] = []
            for row in cursor:
                run = self._run(row)
                if admit(run):
                    taken.append(run)
                    if len(taken) >= limit:
                        break
            return taken

    def next_due_ms(self, queue_delay_ms: int) -> int | None:
        """The earliest instant at which the lifecycle has something to do, or None."""
        with self._lock:
            row = self._db.execute(
                """
                SELECT MIN(t) FROM (
                    SELECT MIN(delay_until) AS t FROM runs WHERE status = ?
                    UNION ALL SELECT MIN(queued_at + ?) FROM runs WHERE status = ?
                    UNION ALL SELECT MIN(retry_at) FROM runs WHERE status = ?
                    UNION ALL SELECT MIN(queued_at + ttl_ms) FROM runs WHERE status = ? AND ttl_ms IS NOT NULL
                    UNION ALL SELECT MIN(attempt_started_at + CAST(max_duration_s * 1000 AS INTEGER))
                        FROM runs WHERE status = ? AND max_duration_s IS NOT NULL
                )
                """,
                (
                    st.DELAYED,
                    queue_delay_ms,
                    st.PENDING,
                    st.RETRYING_AFTER_FAILURE,
                    st.PENDING,
                    st.EXECUTING,
                ),
            ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def count_active(self, now_ms: int, task_identifiers: Sequence[str]) -> int:
        """How many runs are starting, executing, or retrying; or queued, waiting for a version, or delayed
        past their start time while their task (one of ``task_identifiers``) has a handler."""
        tasks = list(task_identifiers)
        with self._lock:
            row = self._db.execute(
                f"""
                SELECT COUNT(*) FROM runs
                WHERE status IN ({_placeholders(_BUSY_STATUSES)})
                   OR (task_identifier IN ({_placeholders(tasks)}) AND (
                        status IN (?, ?) OR (status = ? AND delay_until <= ?)))
                """,
                (*_BUSY_STATUSES, *tasks, st.PENDING, st.PENDING_VERSION, st.DELAYED, now_ms),
            ).fetchone()
        return int(row[0])

    # Request idempotency

    def request_key_entity(self, scope: str, now_ms: int) -> str | None:
        """The entity (run or batch id) saved for a scoped request-idempotency key, if still valid."""
        with self._lock:
            row = self._db.execute(
                "SELECT entity_id FROM request_keys WHERE scope = ? AND expires_at > ?", (scope, now_ms)
            ).fetchone()
        return None if row is None else str(row[0])

    def save_request_key(self, scope: str, entity_id: str, expires_at_ms: int) -> None:
        """Remember which entity a scoped request-idempotency key produced, until ``expires_at_ms``."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO request_keys (scope, entity_id, expires_at) VALUES (?, ?, ?)",
                (scope, entity_id, expires_at_ms),
            )

    # One-time-use tokens

    def one_time_token_used(self, kind: str, token_hash: str) -> bool:
        """Whether a one-time-use token (its hash) already made a ``kind`` (``run`` or ``batch``)."""
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM one_time_use_tokens WHERE kind = ? AND token_hash = ?", (kind, token_hash)
            ).fetchone()
        return row is not None

    def spend_one_time_token(self, kind: str, token_hash: str, entity_id: str) -> bool:
        """Record that a one-time-use token made ``entity_id``; False when it had made a ``kind`` before."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO one_time_use_tokens (kind, token_hash, entity_id) VALUES (?, ?, ?)",
                (kind, token_hash, entity_id),
            )
            return cursor.rowcount == 1

    # Batches

    def insert_batch(self, **fields: Any) -> BatchRecord:
        """Insert a batch.

        Args:
            **fields: every :class:`BatchRecord` field except ``seq``.

        Returns:
            The stored batch.
        """
        with self._lock:
            self._insert("batches", _BATCH_COLUMNS, _JSON_BATCH_COLUMNS, _BOOL_BATCH_COLUMNS, fields)
            batch = self.get_batch(fields["id"])
        assert batch is not None
        return batch

    def get_batch(self, batch_id: str) -> BatchRecord | None:
        """The batch with this id, or None."""
        with self._lock:
            row = self._db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
        return None if row is None else self._batch(row)

    def find_batch_by_idempotency_key(self, key: str) -> BatchRecord | None:
        """The newest batch created with this idempotency key, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM batches WHERE idempotency_key = ? ORDER BY seq DESC LIMIT 1", (key,)
            ).fetchone()
        return None if row is None else self._batch(row)

    def update_batch(self, batch_id: str, **fields: Any) -> None:
        """Set some fields of a batch.

        Args:
            batch_id: the batch id.
            **fields: :class:`BatchRecord` field names and their new values.
        """
        names = list(fields)
        unknown = set(names) - set(_BATCH_COLUMNS)
        if unknown:
            raise KeyError(f"unknown batch fields: {sorted(unknown)}")
        values = [_encode(_JSON_BATCH_COLUMNS, _BOOL_BATCH_COLUMNS, n, fields[n]) for n in names]
        assignments = ",".join(f"{name} = ?" for name in names)
        with self._lock:
            self._db.execute(f"UPDATE batches SET {assignments} WHERE id = ?", [*values, batch_id])

    def add_batch_item(self, batch_id: str, index: int, item: dict[str, Any]) -> bool:
        """Store one batch item unless an item with the same index is already stored.

        Returns:
            True when the item was new, False when it was a duplicate.
        """
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO batch_items (batch_id, idx, item) VALUES (?, ?, ?)",
                (batch_id, index, json.dumps(item, separators=(",", ":"))),
            )
            return cursor.rowcount == 1

    def batch_items(self, batch_id: str) -> list[tuple[int, dict[str, Any]]]:
        """``(index, item)`` of every stored item of a batch, by index."""
        with self._lock:
            rows = self._db.execute(
                "SELECT idx, item FROM batch_items WHERE batch_id = ? ORDER BY idx", (batch_id,)
            ).fetchall()
        return [(int(row[0]), json.loads(row[1])) for row in rows]

    def count_batch_items(self, batch_id: str) -> int:
        """How many distinct items of a batch have arrived."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM batch_items WHERE batch_id = ?", (batch_id,)
            ).fetchone()
        return int(row[0])

    # Schedules

    def insert_schedule(self, **fields: Any) -> ScheduleRecord:
        """Insert a schedule.

        Args:
            **fields: every :class:`ScheduleRecord` field except ``seq``.

        Returns:
            The stored schedule.
        """
        with self._lock:
            self._insert("schedules", _SCHEDULE_COLUMNS, frozenset(), _BOOL_SCHEDULE_COLUMNS, fields)
            schedule = self.get_schedule(fields["id"])
        assert schedule is not None
        return schedule

    def get_schedule(self, schedule_id: str) -> ScheduleRecord | None:
        """The schedule with this id (``sched_…``), or None."""
        return self._one_schedule("id", schedule_id)

    def find_schedule_by_key(self, deduplication_key: str) -> ScheduleRecord | None:
        """The schedule with this deduplication key, or None."""
        return self._one_schedule("deduplication_key", deduplication_key)

    def _one_schedule(self, column: str, value: str) -> ScheduleRecord | None:
        with self._lock:
            row = self._db.execute(f"SELECT * FROM schedules WHERE {column} = ?", (value,)).fetchone()
        return None if row is None else self._schedule(row)

    def update_schedule(self, schedule_id: str, **fields: Any) -> None:
        """Set some fields of a schedule.

        Args:
            schedule_id: the schedule id.
            **fields: :class:`ScheduleRecord` field names and their new values.
        """
        names = list(fields)
        unknown = set(names) - set(_SCHEDULE_COLUMNS)
        if unknown:
            raise KeyError(f"unknown schedule fields: {sorted(unknown)}")
        values = [_encode(frozenset(), _BOOL_SCHEDULE_COLUMNS, n, fields[n]) for n in names]
        assignments = ",".join(f"{name} = ?" for name in names)
        with self._lock:
            self._db.execute(f"UPDATE schedules SET {assignments} WHERE id = ?", [*values, schedule_id])

    def delete_schedule(self, schedule_id: str) -> None:
        """Delete a schedule (its runs keep their ``schedule_id``)."""
        with self._lock:
            self._db.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,))

    def count_schedules(self) -> int:
        """How many schedules there are."""
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM schedules").fetchone()
        return int(row[0])

    def list_schedules(self, *, limit: int, offset: int) -> list[ScheduleRecord]:
        """One page of schedules, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM schedules ORDER BY created_at DESC, seq DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [self._schedule(row) for row in rows]

    def due_schedules(self, now_ms: int) -> list[ScheduleRecord]:
        """Schedules whose next occurrence is at or before ``now_ms``, earliest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM schedules WHERE next_fire_at <= ? ORDER BY next_fire_at, seq", (now_ms,)
            ).fetchall()
        return [self._schedule(row) for row in rows]

    def next_schedule_due_ms(self) -> int | None:
        """The earliest next occurrence of any schedule, or None."""
        with self._lock:
            row = self._db.execute("SELECT MIN(next_fire_at) FROM schedules").fetchone()
        return None if row is None or row[0] is None else int(row[0])

    # Realtime: change positions, run rows with their change sequence, streams and run events

    def change_position(self) -> int:
        """The change sequence of the latest run change (0 before any)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    def realtime_runs(
        self,
        *,
        run_id: str | None = None,
        batch_id: str | None = None,
        tags: Sequence[str] | None = None,
        created_from_ms: int | None = None,
        limit: int = 1000,
    ) -> tuple[int, list[RealtimeRunRecord]]:
        """The runs of a realtime feed (one run, a batch's runs, or runs with every one of ``tags``
        created at or after ``created_from_ms``), oldest first, with their change sequence; and the change
        position they were read at (every later change has a higher sequence)."""
        where: list[str] = []
        params: list[Any] = []
        if run_id is not None:
            where.append("id = ?")
            params.append(run_id)
        if batch_id is not None:
            where.append("batch_id = ?")
            params.append(batch_id)
        for tag in tags or ():
            where.append("EXISTS (SELECT 1 FROM json_each(runs.tags) WHERE json_each.value = ?)")
            params.append(tag)
        if created_from_ms is not None:
            where.append("created_at >= ?")
            params.append(created_from_ms)
        sql = "SELECT * FROM runs" + (" WHERE " + " AND ".join(where) if where else "")
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY created_at, seq LIMIT ?", [*params, limit]).fetchall()
            position = self.change_position()
        return position, [
            RealtimeRunRecord(
                run=self._run(row),
                change_seq=int(row["change_seq"]),
                realtime_streams=list(json.loads(row["realtime_streams"] or "[]")),
                streams_version=str(row["streams_version"]),
            )
            for row in rows
        ]

    def streams_version(self, run_id: str) -> str | None:
        """How the run's streams are framed (``v1`` or ``v2``), or None for an unknown run."""
        with self._lock:
            row = self._db.execute("SELECT streams_version FROM runs WHERE id = ?", (run_id,)).fetchone()
        return None if row is None else str(row[0])

    def append_stream_record(
        self, run_id: str, stream_key: str, data: str, part_id: str, now_ms: int, *, listed: bool = True
    ) -> StreamRecord:
        """Append a record (JSON text) to a run's stream; the first record of a ``listed`` stream adds its
        key to the run's ``realtimeStreams`` (a run change).

        Returns:
            The stored record with its sequence number (from 0 in each stream).
        """
        with self.transaction():
            row = self._db.execute(
                "SELECT COALESCE(MAX(seq_num) + 1, 0) FROM stream_records "
                "WHERE run_id = ? AND stream_key = ?",
                (run_id, stream_key),
            ).fetchone()
            seq_num = int(row[0])
            self._db.execute(
                "INSERT INTO stream_records (run_id, stream_key, seq_num, timestamp, data, part_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, stream_key, seq_num, now_ms, data, part_id),
            )
            if listed and seq_num == 0:
                keys = self._db.execute(
                    "SELECT realtime_streams FROM runs WHERE id = ?", (run_id,)
                ).fetchone()
                streams = list(json.loads(keys[0] or "[]")) if keys else []
                if stream_key not in streams:
                    self._db.execute(
                        "UPDATE runs SET realtime_streams = ?, updated_at = ? WHERE id = ?",
                        (json.dumps([*streams, stream_key]), now_ms, run_id),
                    )
        self.changes.notify()
        return StreamRecord(seq_num, now_ms, data, part_id)

    def stream_records(self, run_id: str, stream_key: str, after_seq: int = -1) -> list[StreamRecord]:
        """The records of a run's stream after sequence number ``after_seq``, in order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq_num, timestamp, data, part_id FROM stream_records "
                "WHERE run_id = ? AND stream_key = ? AND seq_num > ? ORDER BY seq_num",
                (run_id, stream_key, after_seq),
            ).fetchall()
        return [StreamRecord(int(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows]

    def add_run_event(
        self,
        run_id: str,
        *,
        span_id: str,
        parent_id: str | None,
        message: str,
        level: str,
        start_ns: int,
        duration_ns: int = 0,
        is_error: bool = False,
        is_partial: bool = False,
        attempt: int | None = None,
        properties: dict[str, Any] | None = None,
    ) -> None:
        """Record a span or log event of a run (``GET /api/v1/runs/{runId}/events``)."""
        with self._lock:
            self._db.execute(
                "INSERT INTO run_events (run_id, span_id, parent_id, message, level, start_ns, duration_ns, "
                "is_error, is_partial, attempt, properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    span_id,
                    parent_id,
                    message,
                    level,
                    start_ns,
                    duration_ns,
                    int(is_error),
                    int(is_partial),
                    attempt,
                    None if properties is None else json.dumps(properties),
                ),
            )

    def end_run_event(self, span_id: str, end_ns: int, *, is_error: bool) -> None:
        """Close a partial span: its duration runs to ``end_ns``."""
        with self._lock:
            self._db.execute(
                "UPDATE run_events SET duration_ns = MAX(0, ? - start_ns), is_partial = 0, is_error = ? "
                "WHERE span_id = ?",
                (end_ns, int(is_error), span_id),
            )

    def run_events(self, run_id: str) -> list[dict[str, Any]]:
        """The span and log events of a run, in the order they started."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM run_events WHERE run_id = ? ORDER BY start_ns, seq", (run_id,)
            ).fetchall()
        return [
            {
                "span_id": row["span_id"],
                "parent_id": row["parent_id"],
                "message": row["message"],
                "level": row["level"],
                "start_ns": int(row["start_ns"]),
                "duration_ns": int(row["duration_ns"]),
                "is_error": bool(row["is_error"]),
                "is_partial": bool(row["is_partial"]),
                "attempt": row["attempt"],
                "properties": None if row["properties"] is None else json.loads(row["properties"]),
            }
            for row in rows
        ]

    # Row conversion

    @staticmethod
    def _run(row: sqlite3.Row) -> RunRecord:
        values = {
            name: _decode(_JSON_RUN_COLUMNS, _BOOL_RUN_COLUMNS, name, row[name]) for name in _RUN_COLUMNS
        }
        return RunRecord(**values)

    @staticmethod
    def _batch(row: sqlite3.Row) -> BatchRecord:
        values = {
            name: _decode(_JSON_BATCH_COLUMNS, _BOOL_BATCH_COLUMNS, name, row[name])
            for name in _BATCH_COLUMNS
        }
        return BatchRecord(**values)

    @staticmethod
    def _schedule(row: sqlite3.Row) -> ScheduleRecord:
        values = {
            name: _decode(frozenset(), _BOOL_SCHEDULE_COLUMNS, name, row[name]) for name in _SCHEDULE_COLUMNS
        }
        return ScheduleRecord(**values)
