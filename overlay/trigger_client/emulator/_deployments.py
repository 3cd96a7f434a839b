"""Deployments: the ``/api/v1/deployments…`` routes, seeded with ``Emulator.deploy``.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.deployments*.ts``,
``changeCurrentDeployment.server.ts``, ``calculateNextBuildVersion.ts``, ``deploymentVersions.ts``):

* The list is newest first; ``page[size]`` 1-100 is used as 5-100 (default 20); ``page[after]`` is a
  deployment id, and an unknown one gives the first page; ``pagination.next`` is the last id of a page when
  more follow. ``period`` wins over ``from``/``to``; ``to`` counts only with ``from``; an unreadable one is
  a 500 (the route's error escapes it). List items write ``deployedAt`` and ``git`` as null when absent
  (the official SDK 4.8.3 refuses a null ``git``); ``current`` leaves them out.
* ``current`` is the promoted deployment (404 ``Not found`` when none), ``latest`` the newest of an
  unmanaged worker. Promotion needs a deployed deployment (one with a worker) that is not current and,
  unless ``allowRollbacks=true``, newer than the current one.
* Versions are ``YYYYMMDD.N`` of the virtual clock's date; short codes 8 characters of ``0-9a-z``.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import string
from collections.abc import Mapping
from typing import Any

from ._clock import VirtualClock
from ._durations import iso_ms, parse_iso_ms, parse_period_ms
from ._engine import Engine
from ._service import ApiError, Environment, Response
from ._store import Store, new_id
from ._validation import Issues

STATUSES = ("PENDING", "BUILDING", "DEPLOYING", "DEPLOYED", "FAILED", "CANCELED", "TIMED_OUT")
ALL_STATUSES = (*STATUSES[:1], "INSTALLING", *STATUSES[1:])
TYPES = ("MANAGED", "UNMANAGED", "V1")
DEFAULT_PAGE_SIZE = 20
_SHORT_CODE = string.digits + string.ascii_lowercase

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deployments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    version TEXT NOT NULL UNIQUE,
    short_code TEXT NOT NULL,
    status TEXT NOT NULL,
    type TEXT NOT NULL,
    runtime TEXT,
    runtime_version TEXT,
    git TEXT,
    error TEXT,
    content_hash TEXT NOT NULL,
    image_reference TEXT,
    image_platform TEXT NOT NULL,
    commit_sha TEXT,
    created_at INTEGER NOT NULL,
    deployed_at INTEGER,
    worker TEXT
);
CREATE TABLE IF NOT EXISTS deployment_promotions (
    label TEXT PRIMARY KEY,
    deployment_id TEXT NOT NULL
);
"""


def _not_found() -> ApiError:
    return ApiError(404, {"error": "Deployment not found"})


class DeploymentService:
    """The deployments of the emulated environment."""

    def __init__(self, store: Store, clock: VirtualClock, environment: Environment, engine: Engine) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: where deployments and the promotion are kept.
            clock: the virtual clock (creation times, versions).
            environment: the environment the deployments belong to.
            engine: the registered tasks (a deployed deployment's worker has them).
        """
        self.store = store
        self.clock = clock
        self.environment = environment
        self.engine = engine
        store.add_tables(("deployments", "deployment_promotions"), _SCHEMA)

    # Seeding

    def deploy(
        self,
        *,
        version: str | None,
        status: str,
        promote: bool,
        deployment_type: str,
        git: Mapping[str, Any] | None,
        runtime: str | None,
        runtime_version: str | None,
        error: Mapping[str, Any] | None,
        commit_sha: str | None,
    ) -> dict[str, Any]:
        """Store a deployment (what ``trigger deploy`` would make) and, if asked, promote it.

        Returns:
            ``{"id", "version", "shortCode", "status"}``.

        Raises:
            ValueError: an unknown status or type, a version already used, a version that is not
                ``YYYYMMDD.N``, or ``promote`` with a status other than DEPLOYED.
        """
        if status not in ALL_STATUSES:
            raise ValueError(f"status must be one of {', '.join(ALL_STATUSES)}, got {status!r}")
        if deployment_type not in TYPES:
            raise ValueError(f"deployment_type must be one of {', '.join(TYPES)}, got {deployment_type!r}")
        if promote and status != "DEPLOYED":
            raise ValueError("only a DEPLOYED deployment can be promoted")
        now = self.clock.now_ms()
        with self.store.transaction():
            if version is None:
                latest = self.store.query("SELECT version FROM deployments ORDER BY seq DESC LIMIT 1")
                version = _next_version(latest[0]["version"] if latest else None, iso_ms(now))
            elif not re.fullmatch(r"\d{8}\.\d+", version):
                raise ValueError(f"version must look like 20250601.1, got {version!r}")
            if self.store.query("SELECT 1 FROM deployments WHERE version = ?", (version,)):
                raise ValueError(f"version {version} is already deployed")
            deployment_id = new_id("deployment")
            short_code = "".join(secrets.choice(_SHORT_CODE) for _ in range(8))
            worker = None
            if status == "DEPLOYED":
                worker = {
                    "id": new_id("worker"),
                    "version": version,
                    "tasks": [
                        {
                            "id": new_id("task"),
                            "slug": slug,
                            "filePath": f"src/trigger/{slug}.ts",
                            "exportName": re.sub(r"\W", "_", slug),
                        }
                        for slug in self.engine.task_ids()
                    ],
                }
            content_hash = hashlib.sha256(f"{version}:{deployment_id}".encode()).hexdigest()[:32]
            self.store.execute(
                "INSERT INTO deployments (id, version, short_code, status, type, runtime, runtime_version, "
                "git, error, content_hash, image_reference, image_platform, commit_sha, created_at, "
                "deployed_at, worker) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    deployment_id,
                    version,
                    short_code,
                    status,
                    deployment_type,
                    runtime,
                    runtime_version,
                    None if git is None else json.dumps(dict(git)),
                    None if error is None else json.dumps(dict(error)),
                    content_hash,
                    f"registry.emulator.local/{self.environment.project_ref}:{version}"
                    if status in ("DEPLOYING", "DEPLOYED")
                    else None,
                    "linux/amd64",
                    commit_sha,
                    now,
                    now if status == "DEPLOYED" else None,
                    None if worker is None else json.dumps(worker),
                ),
            )
            if promote:
                self._promote(deployment_id)
        return {"id": deployment_id, "version": version, "shortCode": short_code, "status": status}

    def _promote(self, deployment_id: str) -> None:
        self.store.execute(
            "INSERT OR REPLACE INTO deployment_promotions (label, deployment_id) VALUES ('current', ?)",
            (deployment_id,),
        )

    # Routes

    def list_deployments(self, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/deployments``.

        Raises:
            ApiError: 400 ``Query Error`` for an invalid ``page[size]`` or ``status``; 500 for an
                unreadable ``period``, ``from`` or ``to``.
        """
        issues = Issues()
        size = _page_size(issues, query.get("page[size]"))
        status = query.get("status")
        if status is not None:
            issues.optional_enum(["status"], status, STATUSES)
        if issues:
            raise ApiError(400, {"error": "Query Error", "details": issues.items})
        limit = max(min(size if size is not None else DEFAULT_PAGE_SIZE, 100), 5)
        where, params = ["1 = 1"], []
        after = query.get("page[after]")
        if after:
            found = self.store.query("SELECT seq FROM deployments WHERE id = ?", (after,))
            if found:
                where.append("seq < ?")
                params.append(found[0]["seq"])
        created = self._created_filter(query)
        if created is not None:
            low, high = created
            where.append("created_at >= ?")
            params.append(low)
            if high is not None:
                where.append("created_at <= ?")
                params.append(high)
        if status:
            where.append("status = ?")
            params.append(status)
        rows = self.store.query(
            f"SELECT * FROM deployments WHERE {' AND '.join(where)} ORDER BY seq DESC LIMIT ?",
            (*params, limit + 1),
        )
        more = len(rows) > limit
        rows = rows[:limit]
        data = [self._list_item(row) for row in rows]
        pagination = {"next": rows[-1]["id"]} if more else {}
        return 200, {"data": data, "pagination": pagination}, {}

    def current(self) -> Response:
        """``GET /api/v1/deployments/current``.

        Raises:
            ApiError: 404 ``Not found`` (``x-should-retry: false``) when nothing is promoted.
        """
        rows = self.store.query(
            "SELECT d.* FROM deployments d JOIN deployment_promotions p ON p.deployment_id = d.id "
            "WHERE p.label = 'current'"
        )
        if not rows:
            raise ApiError(404, {"error": "Not found"}, {"x-should-retry": "false"})
        row = rows[0]
        item: dict[str, Any] = {
            "id": row["id"],
            "createdAt": iso_ms(row["created_at"]),
            "shortCode": row["short_code"],
            "version": row["version"],
            "runtime": row["runtime"],
            "runtimeVersion": row["runtime_version"],
            "status": row["status"],
        }
        if row["deployed_at"] is not None:
            item["deployedAt"] = iso_ms(row["deployed_at"])
        if row["git"] is not None:
            item["git"] = json.loads(row["git"])
        if row["error"] is not None:
            item["error"] = json.loads(row["error"])
        return 200, item, {}

    def retrieve(self, deployment_id: str) -> Response:
        """``GET /api/v1/deployments/{deploymentId}``.

        Raises:
            ApiError: 404 ``Deployment not found``.
        """
        rows = self.store.query("SELECT * FROM deployments WHERE id = ?", (deployment_id,))
        if not rows:
            raise _not_found()
        row = rows[0]
        body: dict[str, Any] = {
            "id": row["id"],
            "status": row["status"],
            "contentHash": row["content_hash"],
            "shortCode": row["short_code"],
            "version": row["version"],
            "imageReference": row["image_reference"],
            "imagePlatform": row["image_platform"],
            "commitSHA": row["commit_sha"],
            "externalBuildData": None,
            "errorData": None if row["error"] is None else json.loads(row["error"]),
            "canceledReason": None,
        }
        if row["worker"] is not None:
            body["worker"] = json.loads(row["worker"])
        return 200, body, {}

    def latest(self) -> Response:
        """``GET /api/v1/deployments/latest``: the newest deployment of an unmanaged worker.

        Raises:
            ApiError: 404 ``Deployment not found``.
        """
        rows = self.store.query(
            "SELECT * FROM deployments WHERE type = 'UNMANAGED' ORDER BY created_at DESC, seq DESC LIMIT 1"
        )
        if not rows:
            raise _not_found()
        row = rows[0]
        return (
            200,
            {
                "id": row["id"],
                "status": row["status"],
                "contentHash": row["content_hash"],
                "shortCode": row["short_code"],
                "version": row["version"],
                "imageReference": row["image_reference"],
                "errorData": None if row["error"] is None else json.loads(row["error"]),
            },
            {},
        )

    def promote(self, version: str, allow_rollbacks: bool) -> Response:
        """``POST /api/v1/deployments/{version}/promote``.

        Raises:
            ApiError: 404 ``Deployment not found``; 400 with the reason it cannot be promoted.
        """
        with self.store.transaction():
            rows = self.store.query("SELECT * FROM deployments WHERE version = ?", (version,))
            if not rows:
                raise _not_found()
            row = rows[0]
            if row["worker"] is None:
                raise ApiError(
                    400, {"error": "Deployment is not associated with a worker and cannot be promoted."}
                )
            if row["status"] != "DEPLOYED":
                raise ApiError(400, {"error": "Deployment must be in the DEPLOYED state to be promoted."})
            current = self.store.query(
                "SELECT d.id, d.version FROM deployments d JOIN deployment_promotions p "
                "ON p.deployment_id = d.id WHERE p.label = 'current'"
            )
            if current:
                if current[0]["id"] == row["id"]:
                    raise ApiError(400, {"error": "Deployment is already the current deployment."})
                if not allow_rollbacks and compare_versions(current[0]["version"], row["version"]) >= 0:
                    raise ApiError(
                        400,
                        {"error": "Cannot promote a deployment that is older than the current deployment."},
                    )
            self._promote(row["id"])
        return 200, {"id": row["id"], "version": row["version"], "shortCode": row["short_code"]}, {}

    # Helpers

    def _list_item(self, row: Any) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": row["id"],
            "createdAt": iso_ms(row["created_at"]),
            "shortCode": row["short_code"],
            "version": row["version"],
            "runtime": row["runtime"],
            "runtimeVersion": row["runtime_version"],
            "status": row["status"],
            "deployedAt": None if row["deployed_at"] is None else iso_ms(row["deployed_at"]),
            "git": None if row["git"] is None else json.loads(row["git"]),
        }
        if row["error"] is not None:
            item["error"] = json.loads(row["error"])
        return item

    def _created_filter(self, query: Mapping[str, str]) -> tuple[int, int | None] | None:
        """``(from, to)`` epoch ms of the ``createdAt`` filter, or None.

        Raises:
            ApiError: 500 ``Internal Server Error`` for a value that cannot be read.
        """
        now = self.clock.now_ms()
        period = query.get("period")
        if period:
            duration = parse_period_ms(period)
            if not duration:
                raise ApiError(500, {"error": "Internal Server Error"})
            return now - duration, now
        start, end = query.get("from"), query.get("to")
        if start:
            low = _parse_date(start)
            high = _parse_date(end) if end else None
            if low is None or (end and high is None):
                raise ApiError(500, {"error": "Internal Server Error"})
            return low, high
        return None


def compare_versions(a: str, b: str) -> int:
    """``compareDeploymentVersions``: the date part as text, then the build number."""
    date_a, _, number_a = a.partition(".")
    date_b, _, number_b = b.partition(".")
    if date_a != date_b:
        return -1 if date_a < date_b else 1
    try:
        left, right = float(number_a), float(number_b)
    except ValueError:
        return 0
    return (left > right) - (left < right)


def _next_version(latest: str | None, today_iso: str) -> str:
    """``calculateNextBuildVersion``: ``YYYYMMDD.1``, or the next build number of today's latest."""
    today = today_iso[:10].replace("-", "")
    if latest:
        date, _, number = latest.partition(".")
        if date == today and number.isdigit():
            return f"{date}.{int(number) + 1}"
    return f"{today}.1"


def _parse_date(text: str) -> int | None:
    """``parseDate``: 10 digits are epoch seconds, 13 epoch milliseconds, other digits nothing; else a
    date string."""
    if text.isdigit():
        if len(text) == 10:
            return int(text) * 1000
        if len(text) == 13:
            return int(text)
        return None
    return parse_iso_ms(text)


def _page_size(issues: Issues, raw: str | None) -> int | None:
    """``z.coerce.number().min(1, "Limit must be at least 1").max(100, "Limit must be less than 100")``."""
    if raw is None:
        return None
    try:
        number = float(raw.strip()) if raw.strip() else 0.0
    except ValueError:
        issues.add(
            ["page[size]"], "Expected number, received nan", "invalid_type", expected="number", received="nan"
        )
        return None
    if number < 1:
        issues.add(["page[size]"], "Limit must be at least 1", "too_small")
        return None
    if number > 100:
        issues.add(["page[size]"], "Limit must be less than 100", "too_big")
        return None
    return int(number)
