"""The :class:`Emulator`: a local Trigger.dev-compatible server in a background thread, and its Python API."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any, TypeVar

import uvicorn
from starlette.types import Scope
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._app import AppState, EmulatorASGI, missing_route_patterns
from ._auth import check_additional_api_keys, check_personal_access_token
from ._bulk_actions import BulkActionService
from ._clock import VirtualClock
from ._concurrency_limits import ConcurrencyLimitService
from ._control import build_control_app
from ._deployments import DeploymentService
from ._engine import DEFAULT_MAX_ATTEMPTS, Engine, TaskHandler
from ._envvars import EnvVarService
from ._faults import FaultSet
from ._legacy_batches import LegacyBatchService
from ._object_store import ObjectStore
from ._queues import QueueService
from ._ratelimit import RateLimitHeaders
from ._realtime import DEFAULT_HOLD_S, RealtimeService
from ._requests import RecordedRequest, RequestLog
from ._run_details import RunDetailsService
from ._schedules import ScheduleService
from ._service import Environment, TriggerService
from ._store import Store
from ._waitpoints import WaitpointService
from ._workers import WorkerService

DEFAULT_API_KEY = "tr_dev_emulatorSecretKey0000001"
"""The secret key the emulator accepts unless told otherwise (``tr_dev_`` and 24 alphanumerics)."""

DEFAULT_ADDITIONAL_API_KEY = "tr_dev_sk_emulatorAdditionalKey001"
"""The one full-access additional API key the emulator accepts unless told otherwise (``tr_dev_sk_`` and
24 letters or digits)."""

DEFAULT_PERSONAL_ACCESS_TOKEN = "tr_pat_emulatorpersonalaccesstoken0000000000001"
"""The personal access token the project routes accept unless told otherwise (``tr_pat_`` and 40
lowercase letters or digits)."""

DEFAULT_ENVIRONMENT_ID = "clemulatorenvironment0001"
"""The id of the emulated DEV environment (a cuid-like id, as the server's environment ids are)."""

DEFAULT_PROJECT_REF = "proj_emulatorproject00001"
"""The ref of the emulated project (``proj_`` and 20 characters, as the server's refs are)."""

STARTUP_TIMEOUT_S = 10.0

F = TypeVar("F", bound=Callable[..., Any])


class _Connections:
    """Open connections by client address, so that a request's connection can be closed unanswered."""

    def __init__(self) -> None:
        self._by_client: dict[tuple[Any, ...], asyncio.Transport] = {}

    def add(self, client: Any, transport: asyncio.Transport) -> None:
        if client:
            self._by_client[tuple(client)] = transport

    def discard(self, client: Any, transport: asyncio.Transport) -> None:
        if client and self._by_client.get(tuple(client)) is transport:
            del self._by_client[tuple(client)]

    def close(self, scope: Scope) -> bool:
        client = scope.get("client")
        transport = self._by_client.get(tuple(client)) if client else None
        if transport is None:
            return False
        transport.close()
        return True


def _protocol_class(connections: _Connections) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol, also registering each connection's transport in ``connections``."""

    class TrackedH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            sock = transport.get_extra_info("socket")
            if sock is not None:
                # Answers go out as two writes (head, body); without TCP_NODELAY, Nagle's algorithm and
                # delayed ACKs add ~40 ms to every request.
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            super().connection_made(transport)
            connections.add(self.client, transport)

        def connection_lost(self, exc: Exception | None) -> None:
            connections.discard(self.client, self.transport)
            super().connection_lost(exc)

    return TrackedH11Protocol


class Emulator:
    """A local Trigger.dev-compatible HTTP server with real run lifecycles, for tests and demos.

    Register tasks (Python callables), start it, and point any Trigger.dev client at :attr:`url` with
    :attr:`api_key`::

        with Emulator() as emu:
            @emu.task("hello-world")
            def hello(payload, ctx):
                return {"greeting": "hi " + payload["name"]}

            client = TriggerClient(emu.api_key, base_url=emu.url)

    Besides the secret key it accepts, as the server does, additional API keys (:attr:`additional_api_key`,
    full access by default; restricted ones with ``additional_api_keys=``), public access tokens (JWTs
    signed with the secret key, on the routes that allow them; ``POST /api/v1/auth/public-tokens`` mints
    them) and, on project routes only, a personal access token (:attr:`personal_access_token`).

    Requests are recorded (:attr:`requests`), faults can be injected (:attr:`faults`), the clock can be
    moved forward (:meth:`advance`) and statuses forced (:meth:`set_run_status`). The same controls are
    served over HTTP under ``/__emulator/`` (no authentication).

    Schedules (``/api/v1/schedules``) can only be attached to tasks registered with ``scheduled=True``;
    they trigger runs when the clock reaches their next occurrence::

        @emu.task("daily-report", scheduled=True)
        def report(payload):  # payload: scheduleId, timestamp, lastTimestamp, timezone, upcoming, ...
            ...
    """

    def __init__(
        self,
        port: int = 0,
        host: str = "127.0.0.1",
        api_key: str | None = None,
        queue_delay_s: float = 0.05,
        retry_delay_s: float = 0.1,
        workers: int = 8,
        *,
        environment_id: str = DEFAULT_ENVIRONMENT_ID,
        project_ref: str = DEFAULT_PROJECT_REF,
        database: str = ":memory:",
        realtime_hold_s: float = DEFAULT_HOLD_S,
        missing_routes: Iterable[str] = (),
        additional_api_keys: Mapping[str, Sequence[str] | None] | None = None,
        personal_access_token: str = DEFAULT_PERSONAL_ACCESS_TOKEN,
    ) -> None:
        """Configure the emulator (nothing listens until :meth:`start`).

        Args:
            port: TCP port; 0 (the default) picks a free one.
            host: interface to listen on.
            api_key: the secret key to accept; default :data:`DEFAULT_API_KEY`.
            queue_delay_s: seconds a run stays QUEUED before a worker takes it.
            retry_delay_s: seconds between a failed attempt and the next.
            workers: how many task handlers may run at once.
            environment_id: the environment id (JWT ``sub``, ``env.id`` of listed runs).
            project_ref: the project's ref (``proj_…``), which the environment variable routes name.
            database: SQLite database path; ``":memory:"`` (the default) keeps state in memory.
            realtime_hold_s: seconds a live realtime request is held when nothing changes (±15 %), 20 as
                on the server; tests make it short.
            missing_routes: routes to answer with a plain 404, as a server from before they existed does,
                each ``"<METHOD> <path template>"`` such as ``"POST /api/v3/batches"`` or
                ``"GET /api/v2/batches/{batchId}"`` (to test fallbacks to older routes); see
                :attr:`missing_routes`.
            additional_api_keys: additional API keys (``tr_dev_sk_`` and 24 letters or digits), each
                mapped to its scopes, or None for full access. A full-access key works wherever the secret
                key does; a restricted one (scopes such as ``["read:runs", "trigger:tasks:my-task"]``)
                only on routes that check scopes (triggering, batches, reading runs and batches,
                realtime, waitpoint completion, idempotency-key reset, environment variables and
                ``POST /api/v1/auth/public-tokens``), as on the server; elsewhere it is refused like a
                wrong key. Default: one full-access key, :data:`DEFAULT_ADDITIONAL_API_KEY`; ``{}`` for
                none. See :attr:`additional_api_key` and :attr:`additional_api_keys`.
            personal_access_token: the personal access token (``tr_pat_…``) the project routes accept
                (``GET /api/v1/projects/{ref}/runs``, the environment variable routes, the worker route
                ``GET /api/v1/projects/{ref}/{env}/workers/{tag}``); environment routes refuse it like a
                wrong key. Default :data:`DEFAULT_PERSONAL_ACCESS_TOKEN`.

        Raises:
            ValueError: for an empty API key, a port out of range, no workers, negative delays, a
                malformed ``missing_routes`` entry, an additional API key that is not ``tr_<env>_sk_``
                and 24 letters or digits (or scopes that are not strings), or a personal access token
                that does not start with ``tr_pat_``.
        """
        if api_key is not None and not api_key.strip():
            raise ValueError("api_key must not be empty")
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be 0..65535, got {port}")
        self._host = host
        self._requested_port = port
        self._port: int | None = port or None
        self._api_key = api_key or DEFAULT_API_KEY
        self._additional_api_keys = check_additional_api_keys(
            {DEFAULT_ADDITIONAL_API_KEY: None} if additional_api_keys is None else additional_api_keys
        )
        self._personal_access_token = check_personal_access_token(personal_access_token)
        self._environment = Environment(
            id=environment_id,
            api_key=self._api_key,
            project_ref=project_ref,
            additional_api_keys=self._additional_api_keys,
            personal_access_token=self._personal_access_token,
        )
        self._clock = VirtualClock()
        self._store = Store(database)
        self._engine = Engine(
            self._store,
            self._clock,
            workers=workers,
            queue_delay_s=queue_delay_s,
            retry_delay_s=retry_delay_s,
        )
        self._default_delays = (queue_delay_s, retry_delay_s)
        self._service = TriggerService(self._store, self._engine, self._clock, self._environment)
        self._schedules = ScheduleService(
            self._store, self._engine, self._clock, self._environment, self._service
        )
        self._engine.add_tick_hook(self._schedules.fire_due)
        self._env_vars = EnvVarService(self._store, self._clock, self._environment)
        self._queues = QueueService(self._store, self._clock, self._environment)
        self._limits = ConcurrencyLimitService(self._store, self._clock, self._environment)
        self._deployments = DeploymentService(self._store, self._clock, self._environment, self._engine)
        self._workers = WorkerService(self._clock, self._environment, self._engine, lambda: self.url)
        self._engine.add_dispatch_gate(self._queues.admission)
        self._engine.add_dispatch_gate(self._limits.admission)
        self._bulk_actions = BulkActionService(
            self._store, self._clock, self._environment, self._engine, self._service
        )
        self._waitpoints = WaitpointService(self._store, self._clock, self._environment, lambda: self.url)
        self._objects = ObjectStore(self._store, self._clock, self._environment, lambda: self.url)
        self._service.objects = self._objects
        self._engine.packets = self._objects
        self._engine.add_tick_hook(self._bulk_actions.process_due)
        self._engine.add_tick_hook(self._waitpoints.time_out_due)
        self._engine.waitpoint_reader = self._waitpoints.token_state
        self.faults = FaultSet()
        """The fault rules: ``emu.faults.add(action=..., path=..., ...)``, ``emu.faults.clear()``."""
        self._requests = RequestLog()
        self._rate_limits = RateLimitHeaders()
        self._connections = _Connections()
        self._state = AppState(
            service=self._service,
            schedules=self._schedules,
            env_vars=self._env_vars,
            queues=self._queues,
            concurrency_limits=self._limits,
            deployments=self._deployments,
            faults=self.faults,
            requests=self._requests,
            rate_limits=self._rate_limits,
            close_connection=self._connections.close,
            bulk_actions=self._bulk_actions,
            waitpoints=self._waitpoints,
            objects=self._objects,
            legacy_batches=LegacyBatchService(self._service),
            workers=self._workers,
        )
        self._realtime = RealtimeService(
            self._store, self._clock, self._environment, self._connections.close, self._state._stopping
        )
        self._default_hold_s = realtime_hold_s
        self._default_missing_routes = tuple(missing_routes)
        self.missing_routes = self._default_missing_routes
        self._realtime.hold_s = realtime_hold_s
        self._state.realtime = self._realtime
        self._state.run_details = RunDetailsService(self._store, self._clock, self._environment.id)
        self._state.control = build_control_app(self)
        self._asgi = EmulatorASGI(self._state)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self._lifecycle = threading.Lock()

    # Addresses and settings

    @property
    def host(self) -> str:
        """The interface the emulator listens on."""
        return self._host

    @property
    def port(self) -> int:
        """The TCP port (known once started when the port was 0).

        Raises:
            RuntimeError: if the port was 0 and the emulator has not started.
        """
        if self._port is None:
            raise RuntimeError("the emulator has not started yet, so its port is not known")
        return self._port

    @property
    def url(self) -> str:
        """The base URL, such as ``http://127.0.0.1:53817`` (no trailing slash)."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    @property
    def api_key(self) -> str:
        """The secret API key the emulator accepts (``Authorization: Bearer <key>``)."""
        return self._api_key

    @property
    def additional_api_key(self) -> str | None:
        """The first additional API key (``tr_dev_sk_…``) the emulator accepts, or None when there is none
        (``additional_api_keys={}``); by default :data:`DEFAULT_ADDITIONAL_API_KEY`, with full access."""
        return next(iter(self._additional_api_keys), None)

    @property
    def additional_api_keys(self) -> dict[str, list[str] | None]:
        """The additional API keys and their scopes (None: full access), as a copy."""
        return {
            key: None if scopes is None else list(scopes) for key, scopes in self._additional_api_keys.items()
        }

    @property
    def personal_access_token(self) -> str:
        """The personal access token (``tr_pat_…``) the project routes accept."""
        return self._personal_access_token

    @property
    def environment_id(self) -> str:
        """The id of the emulated environment."""
        return self._environment.id

    @property
    def project_ref(self) -> str:
        """The ref of the emulated project (``proj_…``): the environment variable routes take it with the
        slug ``dev``."""
        return self._environment.project_ref

    @property
    def worker_version(self) -> str:
        """The version of the emulated worker (``YYYYMMDD.1``), as runs report it in ``version``.

        It is the only worker version the environment has: ``lockToVersion`` must name it.
        """
        return self._engine.worker_version

    @property
    def queue_delay_s(self) -> float:
        """Seconds a run stays QUEUED before a worker takes it (settable)."""
        return self._engine.queue_delay_s

    @queue_delay_s.setter
    def queue_delay_s(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("queue_delay_s must not be negative")
        self._engine.queue_delay_s = seconds

    @property
    def retry_delay_s(self) -> float:
        """Seconds between a failed attempt and the next (settable)."""
        return self._engine.retry_delay_s

    @retry_delay_s.setter
    def retry_delay_s(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("retry_delay_s must not be negative")
        self._engine.retry_delay_s = seconds

    @property
    def bulk_action_batch_size(self) -> int:
        """How many runs a bulk action processes per batch (settable; 100 by default, as on the server)."""
        return self._bulk_actions.batch_size

    @bulk_action_batch_size.setter
    def bulk_action_batch_size(self, runs: int) -> None:
        if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
            raise ValueError("bulk_action_batch_size must be an int of at least 1")
        self._bulk_actions.batch_size = runs

    @property
    def bulk_action_batch_delay_s(self) -> float:
        """Seconds of the virtual clock between two batches of a bulk action (settable; 0.2 by default, as
        on the server). The first batch starts at once."""
        return self._bulk_actions.batch_delay_s

    @bulk_action_batch_delay_s.setter
    def bulk_action_batch_delay_s(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("bulk_action_batch_delay_s must not be negative")
        self._bulk_actions.batch_delay_s = seconds

    @property
    def realtime_hold_s(self) -> float:
        """Seconds a live realtime request (``live=true``) is held when nothing changes, jittered by ±15 %
        (settable; 20 by default, as on the server)."""
        return self._realtime.hold_s

    @realtime_hold_s.setter
    def realtime_hold_s(self, seconds: float) -> None:
        if not seconds > 0:
            raise ValueError("realtime_hold_s must be positive")
        self._realtime.hold_s = seconds

    @property
    def missing_routes(self) -> tuple[str, ...]:
        """Routes answered with a plain 404 (no ``x-should-retry``), as a server from before they existed
        answers them: ``"<METHOD> <path template>"`` entries such as ``"POST /api/v3/batches"`` (settable;
        :meth:`reset` restores the constructor's)."""
        return self._missing_routes

    @missing_routes.setter
    def missing_routes(self, routes: Iterable[str]) -> None:
        entries = tuple(routes)
        self._state.missing_routes = missing_route_patterns(entries)
        self._missing_routes = entries

    def restart_realtime(self) -> None:
        """Act as a restart of the realtime service: connections of held live requests close unanswered,
        and every handle issued so far is stale, so subscribers get ``409`` with ``must-refetch`` and a new
        handle, and fetch their shape again."""
        self._realtime.restart()

    def append_to_stream(self, run_id: str, value: Any, stream_key: str = "default") -> int:
        """Append a record to a run's output stream, as a task writing to it would.

        Args:
            run_id: the run.
            value: a JSON value.
            stream_key: the stream (``default`` unless named).

        Returns:
            The record's sequence number (from 0).

        Raises:
            KeyError: no such run.
        """
        return self._engine.append_stream(run_id, stream_key, value)

    def read_input_stream(self, run_id: str, stream_id: str) -> list[Any]:
        """The values sent so far to a run's input stream (``POST /realtime/v1/streams/{runId}/input/…``)."""
        return self._engine.input_values(run_id, stream_id)

    @property
    def is_running(self) -> bool:
        """True between :meth:`start` and :meth:`stop`."""
        return self._thread is not None and self._thread.is_alive()

    def __repr__(self) -> str:
        where = self.url if self._port is not None else f"http://{self._host}:<not started>"
        return f"<Emulator {where}>"

    # Tasks

    def task(
        self,
        task_id: str,
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        scheduled: bool = False,
        concurrency_limit: int | None = None,
        payload_schema: Mapping[str, Any] | None = None,
    ) -> Callable[[F], F]:
        """Decorator that registers a function as the handler of a task.

        The handler is called as ``fn(payload)`` or ``fn(payload, ctx)`` (decided by its signature) with
        the decoded payload and a :class:`TaskContext`; it may be ``async``. Its return value (JSON) is the
        run's output; an exception fails the attempt.

        Args:
            task_id: the task identifier clients trigger.
            max_attempts: attempts in all when the run does not set ``maxAttempts`` (default 3).
            scheduled: declare a scheduled task (``schedules.task()`` in the SDK), the only kind the
                server lets schedules trigger. Its runs from schedules receive the scheduled-task payload
                (``scheduleId``, ``type``, ``timestamp``, ``lastTimestamp``, ``externalId``, ``timezone``,
                ``upcoming``; dates as ISO-8601 strings, absent values as None).
            concurrency_limit: the declared limit of the task's own queue (``queue: {concurrencyLimit}``
                in the SDK): at most this many of its runs execute at once (per concurrency key).
            payload_schema: the JSON Schema of the payload (what ``schemaTask`` derives from its
                ``schema``), reported as ``payloadSchema`` by ``GET /api/v1/projects/{ref}/{env}/workers/
                current``; None (the default) reports null, as for a plain ``task()``. Payloads are not
                checked against it (the SDK checks them in the worker, not the server).

        Returns:
            A decorator returning the function unchanged.
        """

        def register(fn: F) -> F:
            self.register_task(
                task_id,
                fn,
                max_attempts=max_attempts,
                scheduled=scheduled,
                concurrency_limit=concurrency_limit,
                payload_schema=payload_schema,
            )
            return fn

        return register

    def register_task(
        self,
        task_id: str,
        fn: TaskHandler,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        *,
        scheduled: bool = False,
        concurrency_limit: int | None = None,
        payload_schema: Mapping[str, Any] | None = None,
    ) -> None:
        """Register (or replace) the handler of a task; its runs waiting in PENDING_VERSION get QUEUED.

        The task gets its queue (``task/<taskId>``, listed by ``GET /api/v1/queues`` with ``type: "task"``).

        Args:
            task_id: the task identifier.
            fn: ``fn(payload)`` or ``fn(payload, ctx)``, plain or ``async``.
            max_attempts: attempts in all when the run does not set ``maxAttempts`` (default 3).
            scheduled: declare a scheduled task: schedules may be created for it (for any other task,
                creating a schedule is refused with 422, as on the server).
            concurrency_limit: the declared limit of the task's queue (None: only the environment's
                limit, 100, applies; larger values are clamped to it).
            payload_schema: the payload's JSON Schema, which the worker route reports (None: null).

        Raises:
            ValueError: for an empty task id, ``max_attempts`` below 1, a negative limit, or a
                ``payload_schema`` that is not a JSON object.
            TypeError: if ``fn`` is not callable.
        """
        self._workers.declare(task_id, payload_schema, concurrency_limit)  # checks the schema first
        self._engine.register(task_id, fn, max_attempts, scheduled=scheduled)
        self._queues.declare_task_queue(task_id, concurrency_limit)

    def queue(self, name: str, *, concurrency_limit: int | None = None) -> str:
        """Declare a custom queue (``queue({ name, concurrencyLimit })`` in the SDK).

        Runs triggered with ``options.queue.name`` set to it count in its ``running`` and ``queued``; a
        paused queue starts none of them, and a limit caps how many execute at once (per concurrency key).

        Args:
            name: the queue's name; ``/`` is allowed (``tenant/emails``). Characters other than letters,
                digits, ``_``, ``-`` and ``/`` are dropped, and the name is cut at 128, as the server does.
            concurrency_limit: the declared limit (None: only the environment's limit applies).

        Returns:
            The stored name.

        Raises:
            ValueError: a name with nothing left, or a negative limit.
        """
        return self._queues.declare_custom_queue(name, concurrency_limit)

    def concurrency_limit(
        self,
        name: str,
        *,
        per_key: int | None = None,
        total: int | None = None,
        tasks: tuple[str, ...] | list[str] = (),
    ) -> None:
        """Declare a concurrency limit (``concurrencyLimit()`` in the SDK) held by the runs of ``tasks``.

        Args:
            name: letters, digits, ``_``, ``-`` and ``/`` (at most 122), or ``task/<taskId>`` for a limit
                declared inline on a task.
            per_key: at most this many runs per concurrency key execute at once (runs without a key share
                one pool); None for no bound.
            total: at most this many runs holding the limit execute at once; None for no bound.
            tasks: the task ids whose runs hold the limit.

        Raises:
            ValueError: an invalid name or a negative bound.
        """
        self._limits.declare(name, per_key, total, tuple(tasks))

    def deploy(
        self,
        version: str | None = None,
        *,
        status: str = "DEPLOYED",
        promote: bool | None = None,
        deployment_type: str = "MANAGED",
        git: dict[str, Any] | None = None,
        runtime: str | None = "node",
        runtime_version: str | None = "22.12.0",
        error: dict[str, Any] | None = None,
        commit_sha: str | None = None,
    ) -> dict[str, Any]:
        """Record a deployment, as ``trigger deploy`` would, for the ``/api/v1/deployments`` routes.

        A DEPLOYED deployment gets a worker holding the tasks registered now and, by default, becomes the
        current deployment. Deployments only feed the deployment routes: runs keep executing on the
        emulator's own worker (:attr:`worker_version`).

        Args:
            version: ``YYYYMMDD.N``; default the next build of the virtual clock's day (``.1``, ``.2``, …).
            status: PENDING, INSTALLING, BUILDING, DEPLOYING, DEPLOYED, FAILED, CANCELED or TIMED_OUT.
            promote: make it the current deployment (default: when DEPLOYED).
            deployment_type: MANAGED (the default), UNMANAGED (a self-hosted worker: ``latest`` reads
                those) or V1.
            git: the git metadata the CLI sends (``{"commitSha": …, "branch": …}``). None stores none,
                which the list answers as ``"git": null`` as the server does (the official SDK 4.8.3's
                list schema refuses that: give a mapping when testing it).
            runtime: the runtime name (``node``, ``bun``), or None.
            runtime_version: the runtime version, or None.
            error: ``{"name", "message", "stack"?, "stderr"?}`` of a failed deployment.
            commit_sha: the commit the deployment was built from.

        Returns:
            ``{"id": "deployment_…", "version", "shortCode", "status"}``.

        Raises:
            ValueError: an unknown status or type, a malformed or already used version, or ``promote``
                for a deployment that is not DEPLOYED.
        """
        return self._deployments.deploy(
            version=version,
            status=status,
            promote=status == "DEPLOYED" if promote is None else promote,
            deployment_type=deployment_type,
            git=git,
            runtime=runtime,
            runtime_version=runtime_version,
            error=error,
            commit_sha=commit_sha,
        )

    # Test controls

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far (except ``/__emulator/`` ones), oldest first (a copy)."""
        return self._requests.snapshot()

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        self._requests.clear()

    def set_run_status(self, run_id: str, status: str) -> None:
        """Force the status of a run.

        Args:
            run_id: the run id.
            status: a v4 name (``QUEUED``, ``COMPLETED``, ``FAILED``, ``TIMED_OUT``, …), a legacy name, an
                internal name (``COMPLETED_WITH_ERRORS``, …), or any other string — stored and reported
                verbatim, to test clients against statuses they do not know.

        Raises:
            KeyError: if there is no such run.
        """
        self._service.set_run_status(run_id, status)

    def advance(self, seconds: float) -> None:
        """Move the emulator's clock forward (delays end, TTLs expire, maxDuration passes, schedules fire).

        Every time the emulator reports (``createdAt``, ``delayedUntil``, …) uses this clock. Schedules
        whose next occurrence has been reached trigger their runs before this returns (an active schedule
        passed over several occurrences triggers once, for the first, as the server catches up).

        Args:
            seconds: how far to move, in seconds: a finite number from 0 to 100 years.

        Raises:
            TypeError: if ``seconds`` is not a number.
            ValueError: if ``seconds`` is negative, NaN, infinite or more than 100 years, or if the clock
                would get more than 1,000 years ahead of the wall clock.
        """
        self._clock.advance(seconds)
        self._schedules.fire_due()
        self._engine.wake()

    def wait_for_idle(self, timeout_s: float = 10.0) -> None:
        """Block until no run is queued, executing, retrying, or delayed past its start time.

        Runs of tasks without a handler (PENDING_VERSION) do not count. Needs a started emulator.

        Args:
            timeout_s: the longest wait, in seconds.

        Raises:
            TimeoutError: if runs are still active after ``timeout_s``.
        """
        self._engine.wait_for_idle(timeout_s)

    def reset(self) -> None:
        """Drop every run, batch, schedule, fault rule, recorded request and task; reset the clock and timing
        knobs.

        ``queue_delay_s`` and ``retry_delay_s`` return to the values given to the constructor. Fast, so one
        started emulator can be reused between tests.
        """
        self._engine.clear_tasks()
        self._workers.clear()
        self._queues.clear_declarations()
        self._limits.clear_declarations()
        self._engine.queue_delay_s, self._engine.retry_delay_s = self._default_delays
        self._bulk_actions.reset_settings()
        self._realtime.reset()
        self._realtime.hold_s = self._default_hold_s
        self.missing_routes = self._default_missing_routes
        self.faults.clear()
        self._requests.clear()
        self._store.reset()
        self._clock.reset()
        self._rate_limits.reset()

    # Lifecycle

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self._host, self._requested_port))
            sock.listen(2048)
        except OSError:
            sock.close()
            raise
        self._port = int(sock.getsockname()[1])
        return sock

    def _make_server(self) -> uvicorn.Server:
        config = uvicorn.Config(
            self._asgi,
            lifespan="off",
            log_level="warning",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=1,
            http=_protocol_class(self._connections),
            ws="none",
        )
        return uvicorn.Server(config)

    def start(self) -> Emulator:
        """Start serving in a background thread (idempotent).

        Returns:
            The emulator itself.

        Raises:
            OSError: if the port cannot be bound.
            RuntimeError: if the server does not come up within 10 seconds.
        """
        with self._lifecycle:
            if self._thread is not None:
                return self
            sock = self._bind()
            server = self._make_server()
            self._state.clear_stop()
            self._engine.start()
            thread = threading.Thread(
                target=server.run, kwargs={"sockets": [sock]}, name="trigger-emulator-http", daemon=True
            )
            thread.start()
            deadline = time.monotonic() + STARTUP_TIMEOUT_S
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    server.should_exit = True
                    self._engine.stop(0.5)
                    sock.close()
                    raise RuntimeError(f"the emulator could not start on {self._host}:{self._port}")
                time.sleep(0.002)
            self._server = server
            self._thread = thread
            self._sock = sock
        return self

    def stop(self) -> None:
        """Stop serving (idempotent). Hanging requests are cut off; running handlers are abandoned."""
        with self._lifecycle:
            server, thread = self._server, self._thread
            if server is None or thread is None:
                return
            self._state.signal_stop()
            server.should_exit = True
            thread.join(5.0)
            if thread.is_alive():
                server.force_exit = True
                thread.join(2.0)
            self._engine.stop(0.5)
            if self._sock is not None:
                self._sock.close()
            self._server = None
            self._thread = None
            self._sock = None

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (Ctrl-C, SIGTERM) or :meth:`stop`; prints nothing.

        Raises:
            OSError: if the port cannot be bound.
            KeyboardInterrupt: re-raised after a clean shutdown when interrupted with Ctrl-C.
        """
        sock = self._bind()
        server = self._make_server()
        self._state.clear_stop()
        self._engine.start()
        with self._lifecycle:
            self._server = server
            self._thread = threading.current_thread()
            self._sock = sock
        try:
            server.run(sockets=[sock])
        finally:
            self._state.signal_stop()
            self._engine.stop(0.5)
            sock.close()
            with self._lifecycle:
                self._server = None
                self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # The control API (``/__emulator/``)

    def control_requests(self) -> list[dict[str, Any]]:
        """The recorded requests as JSON objects (``GET /__emulator/requests``)."""
        return [request.as_json() for request in self._requests.snapshot()]

    def control_faults(self) -> list[dict[str, Any]]:
        """The fault rules as JSON objects (``GET /__emulator/faults``)."""
        return [rule.as_json() for rule in self.faults.rules]

    def control_add_fault(self, spec: dict[str, Any]) -> dict[str, Any]:
        """Add a fault rule from JSON (``POST /__emulator/faults``); ValueError if invalid."""
        return self.faults.add_json(spec).as_json()

    def control_add_faults(self, specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add several fault rules from JSON, all or none; ValueError if any is invalid."""
        return [rule.as_json() for rule in self.faults.add_json_all(specs)]

    def control_clear_faults(self) -> int:
        """Remove every fault rule (``DELETE /__emulator/faults``); return how many there were."""
        count = len(self.faults)
        self.faults.clear()
        return count

    def control_reset(self) -> None:
        """``POST /__emulator/reset``: like :meth:`reset` (runs, batches, schedules, …), but registered tasks
        stay."""
        self.faults.clear()
        self._requests.clear()
        self._store.reset()
        self._clock.reset()
        self._rate_limits.reset()

    def control_health(self) -> dict[str, Any]:
        """``GET /__emulator/health``: a short description of the emulator."""
        return {
            "ok": True,
            "environmentId": self.environment_id,
            "clockOffsetSeconds": self._clock.offset_s,
            "tasks": self._engine.task_ids(),
            "faults": len(self.faults),
        }
