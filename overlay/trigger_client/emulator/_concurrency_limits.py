"""Concurrency limits: the ``/api/v1/concurrency-limits…`` routes, and the limits holding runs back.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.concurrency-limits*.ts`` and
``concurrencyLimitsSystem.server.ts``) and, for one concurrency key, the request and answer schemas of
``@trigger.dev/core`` 4.8.3 (``OverrideConcurrencyLimitRequestBody``, ``ConcurrencyLimitKeyItem``), which
the server's route validates with:

* Limits are declared with ``Emulator.concurrency_limit(name, per_key=…, total=…, tasks=[…])``; a name is
  letters, digits, ``_``, ``-`` and ``/`` (at most 122), or ``task/<taskId>`` for a limit declared on a
  task. Limits are listed by name; ids are ``climit_…``.
* A bound's ``current`` is the stored value clamped to the environment's limit; ``base`` is the declared
  value (the stored one while not overridden); an override needs a value at most the environment's.
* Runs of a limit's tasks hold it: ``running`` (starting or executing) and ``queued``. A paused limit
  starts none of them; ``total`` caps them all, ``perKey`` each concurrency key's pool (a key's override,
  until it expires, replaces ``perKey`` for that key).
* Not in the sources read (inferred): the messages for a bad per-key ``ttl``, and that resetting a key
  without an override answers the key's view rather than an error.
* The pause route does not decode the name a second time: ``task/<taskId>`` limits are not found there.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ._clock import VirtualClock
from ._durations import iso_ms, parse_duration_ms
from ._queues import QUEUED_STATUSES, RUNNING_STATUSES, decode_uri_component, router_decode
from ._service import ApiError, Environment, Response
from ._store import RunRecord, Store, new_id
from ._validation import Issues

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_BOUND = 100_000
MAX_KEY_LENGTH = 128
DEFAULT_KEY_TTL_MS = 7 * 24 * 3600 * 1000
MAX_KEY_TTL_MS = 30 * 24 * 3600 * 1000
NOT_FOUND = "Concurrency limit not found"
_NAME = re.compile(r"^[a-zA-Z0-9_/-]{1,122}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS concurrency_limits (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    per_key INTEGER,
    per_key_base INTEGER,
    per_key_overridden_at INTEGER,
    total INTEGER,
    total_base INTEGER,
    total_overridden_at INTEGER,
    paused INTEGER NOT NULL,
    tasks TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS concurrency_key_overrides (
    name TEXT NOT NULL,
    concurrency_key TEXT NOT NULL,
    per_key INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (name, concurrency_key)
);
"""


class ConcurrencyLimitService:
    """The concurrency limits of the emulated environment, and the admission of the runs holding them."""

    def __init__(self, store: Store, clock: VirtualClock, environment: Environment) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: where limit state and the runs are kept.
            clock: the virtual clock (override times, key override expiry).
            environment: the environment (its concurrency limit caps every bound).
        """
        self.store = store
        self.clock = clock
        self.environment = environment
        self._declared: dict[str, tuple[int | None, int | None, tuple[str, ...]]] = {}
        self._lock = threading.Lock()
        store.add_tables(("concurrency_limits", "concurrency_key_overrides"), _SCHEMA)

    # Declarations

    def declare(self, name: str, per_key: int | None, total: int | None, tasks: tuple[str, ...]) -> None:
        """Declare (or redeclare) a limit; an overridden bound keeps its override and gets a new base.

        Raises:
            ValueError: a name the server would not accept, or a bound that is not an int >= 0.
        """
        if not (_NAME.match(name) or (name.startswith("task/") and len(name) > len("task/"))):
            raise ValueError(f"a concurrency limit name is letters, digits, '_', '-' and '/', got {name!r}")
        for field, value in (("per_key", per_key), ("total", total)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ValueError(f"{field} must be an int >= 0, got {value!r}")
        with self._lock:
            self._declared[name] = (per_key, total, tasks)
        with self.store.transaction():
            rows = self.store.query("SELECT * FROM concurrency_limits WHERE name = ?", (name,))
            if not rows:
                self._sync()
                return
            row = rows[0]
            fields: dict[str, Any] = {"tasks": json.dumps(list(tasks))}
            for column, value in (("per_key", per_key), ("total", total)):
                fields[f"{column}_base" if row[f"{column}_overridden_at"] is not None else column] = value
            assignments = ", ".join(f"{column} = ?" for column in fields)
            self.store.execute(
                f"UPDATE concurrency_limits SET {assignments} WHERE name = ?", (*fields.values(), name)
            )

    def clear_declarations(self) -> None:
        """Forget every declared limit (the emulator's ``reset``)."""
        with self._lock:
            self._declared.clear()

    def _sync(self) -> None:
        with self._lock:
            declared = list(self._declared.items())
        if not declared:
            return
        with self.store.transaction():
            existing = {row["name"] for row in self.store.query("SELECT name FROM concurrency_limits")}
            for name, (per_key, total, tasks) in declared:
                if name not in existing:
                    self.store.execute(
                        "INSERT INTO concurrency_limits (id, name, per_key, total, paused, tasks) "
                        "VALUES (?, ?, ?, ?, 0, ?)",
                        (
                            "climit_" + new_id("queue").removeprefix("queue_"),
                            name,
                            per_key,
                            total,
                            json.dumps(list(tasks)),
                        ),
                    )

    # Routes

    def list_limits(self, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/concurrency-limits``: one offset page, by name.

        Raises:
            ApiError: 400 ``Query Error`` for a ``page`` or ``perPage`` that is not a positive integer, or
                a ``perPage`` over 100.
        """
        issues = Issues()
        page = _positive_int(issues, query, "page", None)
        per_page = _positive_int(issues, query, "perPage", MAX_PAGE_SIZE)
        if issues:
            raise ApiError(400, {"error": "Query Error", "details": issues.items})
        page = page or 1
        size = per_page or DEFAULT_PAGE_SIZE
        self._sync()
        with self.store.transaction():
            count = len(self.store.query("SELECT id FROM concurrency_limits"))
            rows = self.store.query(
                "SELECT * FROM concurrency_limits ORDER BY name LIMIT ? OFFSET ?", (size, (page - 1) * size)
            )
            items = [self._item(row) for row in rows]
        pagination = {"currentPage": page, "totalPages": -(-count // size), "count": count}
        return 200, {"data": items, "pagination": pagination}, {}

    def retrieve(self, segment: str, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/concurrency-limits/{name}`` (``?concurrencyKey=`` for one key's view).

        Raises:
            ApiError: 400 ``Query Error`` for an invalid key; 404 ``Concurrency limit not found``.
        """
        key = query.get("concurrencyKey")
        if key is not None:
            issues = Issues()
            _check_key(issues, ["concurrencyKey"], key)
            if issues:
                raise ApiError(400, {"error": "Query Error", "details": issues.items})
        row = self._find(_decoded_name(segment))
        return 200, (self._item(row) if key is None else self._key_item(row, key)), {}

    def override(self, segment: str, body: Any) -> Response:
        """``POST /api/v1/concurrency-limits/{name}/override``: the limit's bounds, or one key's cap.

        Raises:
            ApiError: 400 for a body that does not match or a bound above the environment's limit; 404.
        """
        issues = Issues()
        key: str | None = None
        if issues.expect_type([], body, "object"):
            for field in ("perKey", "total"):
                value = body.get(field)
                if issues.optional([field], value, "integer") and value is not None:
                    if value < 0:
                        issues.add([field], "Number must be greater than or equal to 0", "too_small")
                    elif value > MAX_BOUND:
                        issues.add([field], f"Number must be less than or equal to {MAX_BOUND}", "too_big")
            if "concurrencyKey" in body:
                raw = body["concurrencyKey"]
                if isinstance(raw, bool) or not isinstance(raw, str | int | float):
                    issues.add(["concurrencyKey"], "Invalid input", "invalid_union")
                else:
                    key = _js_string(raw)
                    _check_key(issues, ["concurrencyKey"], key)
            ttl = body.get("ttl")
            if ttl is not None and not (
                isinstance(ttl, str) or (isinstance(ttl, int) and not isinstance(ttl, bool) and ttl > 0)
            ):
                issues.add(["ttl"], "Invalid input", "invalid_union")
            if not issues:
                if key is not None:
                    if body.get("perKey") is None:
                        issues.add(["perKey"], "A per-key override needs `perKey`")
                    if body.get("total") is not None:
                        issues.add(
                            ["total"], "`total` is not per key; omit it when overriding one concurrencyKey"
                        )
                else:
                    if ttl is not None:
                        issues.add(
                            ["ttl"], "`ttl` only applies to a per-key override; pass `concurrencyKey` with it"
                        )
                    if body.get("perKey") is None and body.get("total") is None:
                        issues.add([], "Provide at least one of `perKey` or `total`")
        if issues:
            raise ApiError(400, {"error": issues.message()})
        maximum = self.environment.maximum_concurrency_limit
        for field in ("perKey", "total"):
            value = body.get(field)
            if value is not None and value > maximum:
                raise ApiError(
                    400, {"error": f"`{field}` ({value}) cannot exceed the environment limit ({maximum})"}
                )
        row = self._find(_decoded_name(segment))
        now = self.clock.now_ms()
        if key is not None:
            ttl_ms = _ttl_ms(body.get("ttl"))
            self.store.execute(
                "INSERT OR REPLACE INTO concurrency_key_overrides "
                "(name, concurrency_key, per_key, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (row["name"], key, body["perKey"], now + ttl_ms),
            )
            return 200, self._key_item(row, key), {}
        fields: dict[str, Any] = {}
        for field, column in (("perKey", "per_key"), ("total", "total")):
            value = body.get(field)
            if value is None:
                continue
            fields[column] = value
            fields[f"{column}_base"] = (
                row[f"{column}_base"] if row[f"{column}_overridden_at"] is not None else row[column]
            )
            fields[f"{column}_overridden_at"] = now
        return 200, self._update(row, fields), {}

    def reset(self, segment: str, body: Any) -> Response:
        """``POST /api/v1/concurrency-limits/{name}/reset`` (``{concurrencyKey}`` for one key).

        Raises:
            ApiError: 400 for a limit with no override; 404.
        """
        issues = Issues()
        key: str | None = None
        if issues.expect_type([], body, "object") and "concurrencyKey" in body:
            raw = body["concurrencyKey"]
            if isinstance(raw, bool) or not isinstance(raw, str | int | float):
                issues.add(["concurrencyKey"], "Invalid input", "invalid_union")
            else:
                key = _js_string(raw)
                _check_key(issues, ["concurrencyKey"], key)
        if issues:
            raise ApiError(400, {"error": issues.message()})
        row = self._find(_decoded_name(segment))
        if key is not None:
            self.store.execute(
                "DELETE FROM concurrency_key_overrides WHERE name = ? AND concurrency_key = ?",
                (row["name"], key),
            )
            return 200, self._key_item(row, key), {}
        if row["per_key_overridden_at"] is None and row["total_overridden_at"] is None:
            raise ApiError(400, {"error": "Concurrency limit has no override to reset"})
        fields: dict[str, Any] = {}
        for column in ("per_key", "total"):
            if row[f"{column}_overridden_at"] is not None:
                fields.update(
                    {column: row[f"{column}_base"], f"{column}_base": None, f"{column}_overridden_at": None}
                )
        return 200, self._update(row, fields), {}

    def pause(self, segment: str, body: Any) -> Response:
        """``POST /api/v1/concurrency-limits/{name}/pause`` ``{action}``; the name is not decoded again.

        Raises:
            ApiError: 400 for a body that does not match; 404.
        """
        issues = Issues()
        if issues.expect_type([], body, "object"):
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
        row = self._find(router_decode(segment))
        return 200, self._update(row, {"paused": int(body["action"] == "pause")}), {}

    # Admission of runs

    def admission(self) -> _LimitAdmission | None:
        """The limits that hold back their tasks' runs in one scheduler pass, or None."""
        self._sync()
        rows = self.store.query("SELECT * FROM concurrency_limits")
        maximum = self.environment.maximum_concurrency_limit
        limits = []
        for row in rows:
            tasks = set(json.loads(row["tasks"]))
            if not tasks:
                continue
            per_key = None if row["per_key"] is None else min(row["per_key"], maximum)
            total = None if row["total"] is None else min(row["total"], maximum)
            if (
                not row["paused"]
                and per_key is None
                and total is None
                and not self._key_overrides(row["name"])
            ):
                continue
            limits.append(
                _Limit(
                    row["name"], tasks, bool(row["paused"]), per_key, total, self._key_overrides(row["name"])
                )
            )
        if not limits:
            return None
        running: Counter[tuple[str, str | None]] = Counter()
        totals: Counter[str] = Counter()
        for limit in limits:
            for task_key, count in self._running_by_key(limit.tasks).items():
                running[(limit.name, task_key)] = count
                totals[limit.name] += count
        return _LimitAdmission(limits, running, totals)

    # Helpers

    def _find(self, name: str) -> Any:
        self._sync()
        valid = len(name) > len("task/") if name.startswith("task/") else bool(_NAME.match(name))
        rows = self.store.query("SELECT * FROM concurrency_limits WHERE name = ?", (name,)) if valid else []
        if not rows:
            raise ApiError(404, {"error": NOT_FOUND})
        return rows[0]

    def _update(self, row: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
        with self.store.transaction():
            if fields:
                assignments = ", ".join(f"{column} = ?" for column in fields)
                self.store.execute(
                    f"UPDATE concurrency_limits SET {assignments} WHERE id = ?", (*fields.values(), row["id"])
                )
            return self._item(
                self.store.query("SELECT * FROM concurrency_limits WHERE id = ?", (row["id"],))[0]
            )

    def _key_overrides(self, name: str) -> dict[str, tuple[int, int]]:
        rows = self.store.query(
            "SELECT concurrency_key, per_key, expires_at FROM concurrency_key_overrides "
            "WHERE name = ? AND expires_at > ?",
            (name, self.clock.now_ms()),
        )
        return {row["concurrency_key"]: (int(row["per_key"]), int(row["expires_at"])) for row in rows}

    def _runs(
        self, tasks: set[str], statuses: tuple[str, ...], key: str | None = None, *, by_key: bool = False
    ) -> Any:
        task_marks = ",".join("?" for _ in tasks)
        status_marks = ",".join("?" for _ in statuses)
        sql = f"FROM runs WHERE task_identifier IN ({task_marks}) AND status IN ({status_marks})"
        params: list[Any] = [*tasks, *statuses]
        if key is not None:
            sql += " AND concurrency_key = ?"
            params.append(key)
        if by_key:
            return self.store.query(
                f"SELECT concurrency_key, COUNT(*) AS n {sql} GROUP BY concurrency_key", params
            )
        return int(self.store.query(f"SELECT COUNT(*) AS n {sql}", params)[0]["n"])

    def _running_by_key(self, tasks: set[str]) -> dict[str | None, int]:
        return {
            row["concurrency_key"]: int(row["n"]) for row in self._runs(tasks, RUNNING_STATUSES, by_key=True)
        }

    def _item(self, row: Any) -> dict[str, Any]:
        """``ConcurrencyLimitItem``."""
        tasks = set(json.loads(row["tasks"]))
        maximum = self.environment.maximum_concurrency_limit
        return {
            "id": row["id"],
            "name": row["name"],
            "perKey": _bound(row["per_key"], row["per_key_base"], row["per_key_overridden_at"], maximum),
            "total": _bound(row["total"], row["total_base"], row["total_overridden_at"], maximum),
            "running": self._runs(tasks, RUNNING_STATUSES) if tasks else 0,
            "queued": self._runs(tasks, QUEUED_STATUSES) if tasks else 0,
            "paused": bool(row["paused"]),
        }

    def _key_item(self, row: Any, key: str) -> dict[str, Any]:
        """``ConcurrencyLimitKeyItem``: the limit's ``perKey`` as enforced, and the key's own cap."""
        tasks = set(json.loads(row["tasks"]))
        maximum = self.environment.maximum_concurrency_limit
        base = None if row["per_key"] is None else min(row["per_key"], maximum)
        override = self._key_overrides(row["name"]).get(key)
        return {
            "name": row["name"],
            "concurrencyKey": key,
            "perKey": {
                "current": base if override is None else min(override[0], maximum),
                "base": base,
                "override": None if override is None else override[0],
                "expiresAt": None if override is None else iso_ms(override[1]),
            },
            "running": self._runs(tasks, RUNNING_STATUSES, key) if tasks else 0,
            "paused": bool(row["paused"]),
        }


class _Limit:
    def __init__(
        self,
        name: str,
        tasks: set[str],
        paused: bool,
        per_key: int | None,
        total: int | None,
        key_overrides: dict[str, tuple[int, int]],
    ) -> None:
        self.name = name
        self.tasks = tasks
        self.paused = paused
        self.per_key = per_key
        self.total = total
        self.key_overrides = key_overrides


class _LimitAdmission:
    """One pass's view of the limits: paused ones, ``total`` and each key's ``perKey`` (or its cap)."""

    def __init__(
        self, limits: list[_Limit], running: Counter[tuple[str, str | None]], totals: Counter[str]
    ) -> None:
        self.limits = limits
        self.running = running
        self.totals = totals

    def _held(self, run: RunRecord) -> list[_Limit]:
        return [limit for limit in self.limits if run.task_identifier in limit.tasks]

    def allows(self, run: RunRecord) -> bool:
        for limit in self._held(run):
            if limit.paused:
                return False
            if limit.total is not None and self.totals[limit.name] >= limit.total:
                return False
            override = (
                limit.key_overrides.get(run.concurrency_key) if run.concurrency_key is not None else None
            )
            bound = override[0] if override is not None else limit.per_key
            if bound is not None and self.running[(limit.name, run.concurrency_key)] >= bound:
                return False
        return True

    def take(self, run: RunRecord) -> None:
        for limit in self._held(run):
            self.totals[limit.name] += 1
            self.running[(limit.name, run.concurrency_key)] += 1


def _bound(stored: int | None, base: int | None, overridden_at: int | None, maximum: int) -> dict[str, Any]:
    """``toBound``: ``current`` clamped to the environment's limit; ``base`` and ``override`` raw."""
    overridden = overridden_at is not None
    return {
        "current": None if stored is None else min(stored, maximum),
        "base": base if overridden else stored,
        "override": stored if overridden else None,
        "overriddenAt": iso_ms(overridden_at) if overridden_at is not None else None,
    }


def _decoded_name(segment: str) -> str:
    """The name as the retrieve, override and reset routes read it: router-decoded, then
    ``decodeURIComponent`` (a name that does not decode makes the route throw: 500)."""
    try:
        return decode_uri_component(router_decode(segment))
    except ValueError:
        raise ApiError(500, {"error": "Internal Server Error"}) from None


def _js_string(value: str | int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_key(issues: Issues, path: list[str | int], key: str) -> None:
    if len(key) < 1:
        issues.add(path, "String must contain at least 1 character(s)", "too_small")
    elif len(key) > MAX_KEY_LENGTH:
        issues.add(path, f"String must contain at most {MAX_KEY_LENGTH} character(s)", "too_big")


def _ttl_ms(ttl: Any) -> int:
    """A per-key override's lifetime: a duration string or seconds; default 7 days, at most 30 days."""
    if ttl is None:
        return DEFAULT_KEY_TTL_MS
    ms = ttl * 1000 if isinstance(ttl, int) else parse_duration_ms(ttl)
    if ms is None or ms <= 0:
        raise ApiError(400, {"error": '`ttl` must be a duration such as "7d" or a number of seconds'})
    if ms > MAX_KEY_TTL_MS:
        raise ApiError(400, {"error": "`ttl` cannot exceed 30 days"})
    return ms


def _positive_int(issues: Issues, query: Mapping[str, str], name: str, maximum: int | None) -> int | None:
    """``z.coerce.number().int().positive()`` (and ``.max()``) on a query parameter."""
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
    if maximum is not None and number > maximum:
        issues.add([name], f"Number must be less than or equal to {maximum}", "too_big")
        return None
    return int(number)
