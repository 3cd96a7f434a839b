"""The worker route: ``GET /api/v1/projects/{projectRef}/{env}/workers/{tagName}``, and the payload JSON
Schemas that ``Emulator.task(..., payload_schema=...)`` declares.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.projects.$projectRef.$env.workers.
$tagName.ts``, ``findCurrentWorkerFromEnvironment``):

* Only a personal access token is accepted (the server also takes organization and user-actor tokens,
  which the emulator does not mint); an API key is ``401 {"error": "Invalid or Missing Access Token"}``.
  No ``Authorization`` header at all is refused first by the API rate limiter, which needs a credential
  (``401``, ``"No authorization header provided"``). The slug must be ``dev``, ``staging``, ``prod`` or
  ``preview`` (``stg`` is refused: 400 ``{"error": "Invalid Params"}``); another project, slug or a branch
  is the 404 of the environment variable routes for a token (``Project not found``, ``Environment not
  found``, ``Branch not found``).
* The emulated environment is a development one, whose current worker is its newest worker whatever the
  tag: here the emulator's own worker (:attr:`Emulator.worker_version`) with the tasks registered now, or
  ``404 {"error": "Worker not found"}`` when none is registered (no ``trigger dev`` has run).
* Tasks are sorted by identifier; ``payloadSchema`` is the declared JSON Schema or null, ``queueConfig``
  ``{"concurrencyLimit": n}`` when the task declared a limit, else null.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from ._clock import VirtualClock
from ._durations import iso_ms
from ._engine import Engine
from ._service import ApiError, Environment, Response
from ._store import new_id

WORKER_SLUGS = ("dev", "staging", "prod", "preview")
"""The slugs the route's parameters accept (``stg`` is not among them)."""
INVALID_ACCESS_TOKEN = "Invalid or Missing Access Token"
ENGINE = "V2"
SDK_VERSION = "4.8.3"
"""The SDK and CLI version the emulated worker reports (the official SDK this project follows)."""


class _Declared:
    """What the worker route reports about one registered task."""

    __slots__ = ("concurrency_limit", "created_at_ms", "id", "payload_schema")

    def __init__(self, payload_schema: Any, concurrency_limit: int | None, created_at_ms: int) -> None:
        self.id = new_id("task")
        self.payload_schema = payload_schema
        self.concurrency_limit = concurrency_limit
        self.created_at_ms = created_at_ms


class WorkerService:
    """The emulated environment's current worker, as the worker route reports it."""

    def __init__(
        self, clock: VirtualClock, environment: Environment, engine: Engine, base_url: Callable[[], str]
    ) -> None:
        """Bind the service to the emulator's state.

        Args:
            clock: the virtual clock (each task's ``createdAt``).
            environment: the environment (project ref, slug) the worker belongs to.
            engine: the registered tasks and the worker version.
            base_url: the emulator's base URL (the dashboard link in ``urls.runs``).
        """
        self.clock = clock
        self.environment = environment
        self.engine = engine
        self.base_url = base_url
        self._lock = threading.Lock()
        self._tasks: dict[str, _Declared] = {}
        self._worker_id = new_id("worker")

    def declare(
        self, task_id: str, payload_schema: Mapping[str, Any] | None, concurrency_limit: int | None
    ) -> None:
        """Record what a (re-)registered task reports: its payload JSON Schema (None: none) and limit.

        Raises:
            ValueError: a schema that is not a JSON object (a mapping JSON can encode).
        """
        schema = None
        if payload_schema is not None:
            if not isinstance(payload_schema, Mapping):
                raise ValueError(f"payload_schema must be a JSON Schema object, got {payload_schema!r}"[:200])
            try:
                schema = json.loads(json.dumps(dict(payload_schema), allow_nan=False))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"payload_schema must be JSON: {exc}") from None
        with self._lock:
            self._tasks[task_id] = _Declared(schema, concurrency_limit, self.clock.now_ms())

    def clear(self) -> None:
        """Forget the declarations; the next registered task starts a new worker (the emulator's reset)."""
        with self._lock:
            self._tasks.clear()
            self._worker_id = new_id("worker")

    def current(self, slug: str) -> Response:
        """``GET …/workers/{tagName}`` after authentication and the environment checks.

        Args:
            slug: the path's environment slug (one of :data:`WORKER_SLUGS`); the emulated environment is a
                development one, whose current worker is its newest whatever the slug and tag.

        Raises:
            ApiError: 404 ``Worker not found`` when no task is registered.
        """
        task_ids = self.engine.task_ids()
        if not task_ids:
            raise ApiError(404, {"error": "Worker not found"})
        version = self.engine.worker_version
        tasks = []
        with self._lock:
            for task_id in task_ids:
                declared = self._tasks.get(task_id)
                if declared is None:  # registered through the engine only
                    declared = self._tasks[task_id] = _Declared(None, None, self.clock.now_ms())
                definition = self.engine.task(task_id)
                scheduled = definition is not None and definition.scheduled
                tasks.append(
                    {
                        "id": declared.id,
                        "slug": task_id,
                        "filePath": f"src/trigger/{re.sub(r'[^A-Za-z0-9_-]', '-', task_id)}.ts",
                        "triggerSource": "SCHEDULED" if scheduled else "STANDARD",
                        "createdAt": iso_ms(declared.created_at_ms),
                        "payloadSchema": copy.deepcopy(declared.payload_schema),
                        "queueConfig": None
                        if declared.concurrency_limit is None
                        else {"concurrencyLimit": declared.concurrency_limit},
                    }
                )
            worker_id = self._worker_id
        environment = self.environment
        runs = (
            f"{self.base_url()}/orgs/emulator/projects/{quote(environment.project_ref, safe='')}/env/"
            f"{quote(environment.slug, safe='')}/runs?versions={quote(version, safe='')}"
        )
        body = {
            "worker": {
                "id": worker_id,
                "version": version,
                "engine": ENGINE,
                "sdkVersion": SDK_VERSION,
                "cliVersion": SDK_VERSION,
                "tasks": tasks,
            },
            "urls": {"runs": runs},
        }
        return 200, body, {}
