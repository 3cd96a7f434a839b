"""The emulator's ASGI application: request recording, faults, rate-limit headers and the API routes.

:class:`EmulatorASGI` wraps everything: it buffers each request body, records the request, applies the
first matching fault rule, adds ``x-ratelimit-*`` headers on ``/api/*`` and hands the request to the API
routes (built with Starlette) or, under ``/__emulator/``, to the control routes.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import re
import threading
import urllib.parse
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._auth import (
    INVALID_API_KEY,
    MISSING_API_KEY,
    PERSONAL_ACCESS_TOKEN,
    PERSONAL_ACCESS_TOKEN_PREFIX,
    Access,
    authenticate,
    bearer_token,
    run_resources,
)
from ._bulk_actions import BulkActionService
from ._concurrency_limits import ConcurrencyLimitService
from ._deployments import DeploymentService
from ._envvars import EnvVarService
from ._faults import FaultSet
from ._legacy_batches import MAX_LEGACY_BATCH_BODY_BYTES, LegacyBatchService
from ._object_store import STORAGE_PREFIX, ObjectStore
from ._public_tokens import create_public_token
from ._queues import QueueService
from ._ratelimit import RateLimitHeaders
from ._realtime import LEGACY_INVALID_API_KEY, RealtimeService
from ._requests import RecordedRequest, RequestLog
from ._run_details import RunDetailsService
from ._schedules import ScheduleService
from ._service import ApiError, TriggerService, not_found
from ._statuses import CURRENT_API_VERSION
from ._store import RunRecord
from ._validation import Issues, loads_request_json
from ._waitpoints import MAX_COMPLETION_BYTES, WaitpointService
from ._workers import INVALID_ACCESS_TOKEN, WORKER_SLUGS, WorkerService

logger = logging.getLogger("trigger_client.emulator")

MAX_TRIGGER_BODY_BYTES = 3 * 1024 * 1024
MAX_BATCH_CREATE_BODY_BYTES = 128 * 1024
MAX_METADATA_UPDATE_BODY_BYTES = 2 * 1024 * 1024
BATCH_ITEMS_PATH = re.compile(r"^/api/v3/batches/[^/]+/items$")
UNLIMITED_PATHS = frozenset({"/api/v1/timezones", "/api/v1/deployments/current", "/api/v1/auth/jwt/claims"})
"""API paths the rate limiter lets through without an ``Authorization`` header and without counting."""
SCHEDULES_AUTH_MESSAGE = "Invalid or Missing API Key"
LOADER_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ACTION_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ALL_METHODS = sorted(LOADER_METHODS | ACTION_METHODS)
"""The methods Remix routes take; a hand-written route decides itself what each one does."""
NDJSON_TYPES = ("application/x-ndjson", "application/ndjson")
QUEUE_PATH = re.compile(r"^/api/v1/queues/([^/]+)(/pause|/concurrency/override|/concurrency/reset)?$")
LIMIT_PATH = re.compile(r"^/api/v1/concurrency-limits/([^/]+)(/override|/reset|/pause)?$")
WAITPOINT_CALLBACK_PATH = re.compile(r"^/api/v1/waitpoints/tokens/[^/]+/callback/[^/]+$")
"""The callback route needs no credential and is not rate-limited."""
PACKETS_PATH = re.compile(r"^/api/v[12]/packets/")
"""The packets routes are not rate-limited (they authenticate themselves)."""
MAX_BULK_ACTION_BODY_BYTES = 1024 * 1024
MAX_WAITPOINT_CREATE_BODY_BYTES = 10 * 1024
IDEMPOTENCY_RESET_PATH = re.compile(r"^/api/v1/idempotencyKeys/([^/]+)/reset$")

Handler = Callable[[Request], Awaitable[Response]]


def missing_route_patterns(routes: Iterable[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compile ``"<METHOD> <path template>"`` entries (``{name}`` matches one path segment).

    Raises:
        ValueError: an entry that is not a method, a space and a path starting with ``/``.
    """
    patterns = []
    for route in routes:
        method, _, template = str(route).strip().partition(" ")
        if not method.isalpha() or not template.startswith("/"):
            raise ValueError(f"missing_routes entries look like 'POST /api/v3/batches', got {route!r}")
        parts = re.split(r"(\{[^/{}]+\})", template.strip())
        regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
        patterns.append((method.upper(), re.compile(f"^{regex}$")))
    return tuple(patterns)


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    """A JSON answer as the server writes it (compact, ``application/json; charset=utf-8``)."""
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    try:
        content = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a path, say): JSON's escape carries it
        content = json.dumps(body, separators=(",", ":")).encode("utf-8")
    return Response(
        content, status_code=status, headers=headers, media_type="application/json; charset=utf-8"
    )


def error_response(error: ApiError) -> Response:
    """The JSON answer of an :class:`ApiError`."""
    return json_response(error.status, error.body, error.headers)


def naked_method_not_allowed() -> Response:
    """What a hand-written action answers to a method it does not handle.

    It returns the plain object ``{status: 405, body: "Method Not Allowed"}``, which Remix serialises as
    the JSON body of an HTTP **200** (the schedule create, activate and deactivate actions).
    """
    return json_response(200, {"status": 405, "body": "Method Not Allowed"})


def remix_route_error(status: int) -> Response:
    """Remix's answer when a route has no loader (400) or no action (405) for the method.

    In production the error is sanitised: ``{"message": "Unexpected Server Error"}`` with
    ``X-Remix-Error: yes``.
    """
    return json_response(status, {"message": "Unexpected Server Error"}, {"x-remix-error": "yes"})


def remix_last_resort() -> Response:
    """Remix's answer when a route throws (such as ``request.json()`` on a body that is not JSON)."""
    return Response(b"Unexpected Server Error", status_code=500, headers={"content-type": "text/plain"})


class _RouteThrew(Exception):
    """A hand-written route would throw: answered with :func:`remix_last_resort`."""


async def _request_json(request: Request) -> Any:
    """``await request.json()`` of the Fetch API: UTF-8 (a BOM dropped), then strict ``JSON.parse``."""
    text = (await request.body()).decode("utf-8-sig", errors="replace")

    def no_constants(name: str) -> Any:
        raise ValueError(name)

    try:
        return loads_request_json(text, parse_constant=no_constants)
    except ValueError:
        raise _RouteThrew from None


@dataclasses.dataclass
class AppState:
    """What the ASGI application shares with the :class:`~trigger_client.emulator.Emulator` that owns it."""

    service: TriggerService
    schedules: ScheduleService
    env_vars: EnvVarService
    queues: QueueService
    concurrency_limits: ConcurrencyLimitService
    deployments: DeploymentService
    faults: FaultSet
    requests: RequestLog
    rate_limits: RateLimitHeaders
    close_connection: Callable[[Scope], bool]
    """Close the TCP connection a request came in on, without answering; True if it was found."""
    control: ASGIApp | None = None
    realtime: RealtimeService | None = None
    run_details: RunDetailsService | None = None
    bulk_actions: BulkActionService | None = None
    waitpoints: WaitpointService | None = None
    objects: ObjectStore | None = None
    legacy_batches: LegacyBatchService | None = None
    workers: WorkerService | None = None
    missing_routes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """Routes answered with a plain 404 (``(method, path pattern)``), as on a server that predates them."""
    _stopping: threading.Event = dataclasses.field(default_factory=threading.Event)
    _loop: asyncio.AbstractEventLoop | None = None
    _stop_event: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._stop_event is None:
            self._loop = asyncio.get_running_loop()
            self._stop_event = asyncio.Event()
            if self._stopping.is_set():
                self._stop_event.set()
        return self._stop_event

    async def sleep_unless_stopping(self, seconds: float | None) -> None:
        """Wait ``seconds`` (None: forever), returning early when the emulator stops."""
        event = self._event()
        if self._stopping.is_set():
            return
        try:
            await asyncio.wait_for(event.wait(), timeout=seconds)
        except TimeoutError:
            return

    def signal_stop(self) -> None:
        """Wake every request that is hanging or sleeping (called from any thread when stopping)."""
        self._stopping.set()
        loop, event = self._loop, self._stop_event
        if loop is not None and event is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(event.set)

    def clear_stop(self) -> None:
        """Forget a previous stop (the emulator is starting again)."""
        self._stopping.clear()
        self._loop = None
        self._stop_event = None


# API routes


def _v4(request: Request) -> bool:
    return request.headers.get("x-trigger-api-version") == CURRENT_API_VERSION


def _parse_json_body(raw: bytes) -> Any:
    """Parse a JSON body like the route builder does.

    An empty body is ``400 Request body is empty``; a body that is not JSON (or is a falsy JSON value) is
    ``400 Invalid JSON``.
    """
    if not raw:
        raise ApiError(400, {"error": "Request body is empty"})
    try:
        parsed = loads_request_json(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        parsed = None
    if not parsed and parsed != [] and parsed != {}:
        raise ApiError(400, {"error": "Invalid JSON"})
    return parsed


class ApiRoutes:
    """The Trigger.dev API routes the emulator serves, as a Starlette application."""

    def __init__(self, state: AppState) -> None:
        """Build the routes.

        Args:
            state: the behaviour behind the routes (runs, schedules, environment variables, queues,
                concurrency limits).
        """
        self.service = state.service
        self.schedules = state.schedules
        self.env_vars = state.env_vars
        self.queues = state.queues
        self.limits = state.concurrency_limits
        self.deployments = state.deployments
        realtime = state.realtime
        assert realtime is not None and state.run_details is not None
        self.realtime = realtime
        self.run_details = state.run_details
        assert state.bulk_actions is not None and state.waitpoints is not None
        self.bulk_actions = state.bulk_actions
        self.waitpoints = state.waitpoints
        assert state.objects is not None and state.legacy_batches is not None
        self.objects = state.objects
        self.legacy_batches = state.legacy_batches
        self.workers = state.workers
        self.app = Starlette(
            routes=[
                # Realtime (route builders that authenticate themselves: secret key or public token)
                Route("/realtime/v1/runs", self._wrap(realtime.tag_feed, auth=False), methods=["GET"]),
                Route(
                    "/realtime/v1/runs/{run_id}", self._wrap(realtime.run_feed, auth=False), methods=["GET"]
                ),
                Route(
                    "/realtime/v1/batches/{batch_id}",
                    self._wrap(realtime.batch_feed, auth=False),
                    methods=["GET"],
                ),
                Route(
                    "/realtime/v1/streams/{run_id}/input/{stream_id}",
                    self._wrap(self.input_stream, auth=False),
                    methods=["GET", "POST"],
                ),
                Route(
                    "/realtime/v1/streams/{run_id}/{stream_key}",
                    self._wrap(realtime.read_stream, auth=False),
                    methods=["GET"],
                ),
                Route(
                    "/api/v1/runs/{run_id}/events",
                    self._wrap(realtime.run_events, auth=False),
                    methods=["GET"],
                ),
                # Trigger and batch routes (route builders; public access tokens and restricted keys allowed)
                Route(
                    "/api/v1/tasks/{task_id:path}/trigger",
                    self._wrap(self.trigger, auth=False),
                    methods=["POST"],
                ),
                Route("/api/v3/batches", self._wrap(self.create_batch, auth=False), methods=["POST"]),
                Route(
                    "/api/v3/batches/{batch_id}/items",
                    self._wrap(self.batch_items, auth=False),
                    methods=["POST"],
                ),
                Route(
                    "/api/v2/batches/{batch_id}", self._wrap(self.retrieve_batch, auth=False), methods=["GET"]
                ),
                # The older batch routes, and the packets routes with the presigned URLs they hand out
                Route("/api/v1/batches/{batch_id}", self._wrap(self.retrieve_batch_v1), methods=["GET"]),
                Route(
                    "/api/v1/batches/{batch_id}/results",
                    self._wrap(self.batch_results, auth_message="Invalid or Missing API Key"),
                    methods=["GET"],
                ),
                Route("/api/v2/tasks/batch", self._wrap(self.legacy_batch_trigger), methods=["POST"]),
                Route(
                    "/api/v2/packets/{filename:path}",
                    self._wrap(self.packets_v2, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/packets/{filename:path}",
                    self._wrap(self.packets_v1, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(STORAGE_PREFIX + "{key:path}", self.storage, methods=ALL_METHODS),
                Route("/api/v1/runs", self._wrap(self.list_runs, auth=False), methods=["GET"]),
                Route(
                    "/api/v1/projects/{project_ref}/runs",
                    self._wrap(self.list_project_runs, auth=False),
                    methods=ALL_METHODS,
                ),
                Route("/api/v3/runs/{run_id}", self._wrap(self.retrieve_run, auth=False), methods=["GET"]),
                Route(
                    "/api/v2/runs/{run_id}/cancel", self._wrap(self.cancel_run, auth=False), methods=["POST"]
                ),
                Route("/api/v1/runs/{run_id}/replay", self._wrap(self.replay_run), methods=["POST"]),
                Route(
                    "/api/v1/runs/{run_id}/reschedule",
                    self._wrap(self.reschedule_run, auth_message="Invalid or missing API Key"),
                    methods=["POST"],
                ),
                # Auth helpers and idempotency keys
                Route(
                    "/api/v1/auth/jwt/claims", self._wrap(self.jwt_claims, auth=False), methods=ALL_METHODS
                ),
                Route(
                    "/api/v1/auth/public-tokens",
                    self._wrap(self.public_tokens, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/idempotencyKeys/{rest:path}",
                    self._wrap(self.reset_idempotency_key, auth=False),
                    methods=ALL_METHODS,
                ),
                # Hand-written Remix routes: each answers every method itself (see the handlers).
                Route("/api/v1/schedules", self._wrap(self.schedules_root, auth=False), methods=ALL_METHODS),
                Route(
                    "/api/v1/schedules/{schedule_id}",
                    self._wrap(self.schedule_item, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/schedules/{schedule_id}/activate",
                    self._wrap(self.activate_schedule, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/schedules/{schedule_id}/deactivate",
                    self._wrap(self.deactivate_schedule, auth=False),
                    methods=ALL_METHODS,
                ),
                Route("/api/v1/timezones", self._wrap(self.timezones, auth=False), methods=ALL_METHODS),
                # Environment variables (hand-written Remix routes)
                Route(
                    "/api/v1/projects/{project_ref}/envvars/{env}",
                    self._wrap(self.env_vars_root, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/projects/{project_ref}/envvars/{env}/import",
                    self._wrap(self.env_vars_import, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/projects/{project_ref}/envvars/{env}/{name}",
                    self._wrap(self.env_var_item, auth=False),
                    methods=ALL_METHODS,
                ),
                # The worker a tag names (a hand-written loader: a personal access token only)
                Route(
                    "/api/v1/projects/{project_ref}/{env}/workers/{tag_name}",
                    self._wrap(self.worker_by_tag, auth=False),
                    methods=ALL_METHODS,
                ),
                # Queues and concurrency limits (route builders: authentication first); the path segment is
                # read from the raw path, where an encoded "/" is still encoded.
                Route("/api/v1/queues", self._wrap(self.list_queues), methods=["GET"]),
                Route("/api/v1/queues/{rest:path}", self._wrap(self.queue_routes), methods=ALL_METHODS),
                Route("/api/v1/concurrency-limits", self._wrap(self.list_limits), methods=["GET"]),
                Route(
                    "/api/v1/concurrency-limits/{rest:path}",
                    self._wrap(self.limit_routes),
                    methods=ALL_METHODS,
                ),
                # Deployments (the list and current are route builders; the others hand-written)
                Route("/api/v1/deployments", self._wrap(self.list_deployments), methods=["GET"]),
                Route("/api/v1/deployments/current", self._wrap(self.current_deployment), methods=["GET"]),
                Route("/api/v1/deployments/latest", self._wrap(self.latest_deployment), methods=["GET"]),
                Route(
                    "/api/v1/deployments/{version}/promote",
                    self._wrap(self.promote_deployment, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/deployments/{deployment_id}",
                    self._wrap(self.retrieve_deployment),
                    methods=["GET"],
                ),
                # Run metadata, tags, trace and spans
                Route(
                    "/api/v1/runs/{run_id}/metadata",
                    self._wrap(self.run_metadata, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/runs/{run_id}/tags", self._wrap(self.run_tags, auth=False), methods=ALL_METHODS
                ),
                Route("/api/v1/runs/{run_id}/trace", self._wrap(self.run_trace, auth=False), methods=["GET"]),
                Route(
                    "/api/v1/runs/{run_id}/spans/{span_id}",
                    self._wrap(self.run_span, auth=False),
                    methods=["GET"],
                ),
                # Bulk actions and waitpoint tokens (route builders; the callback is a plain action)
                Route("/api/v1/bulk-actions", self._wrap(self.bulk_actions_root), methods=ALL_METHODS),
                Route(
                    "/api/v1/bulk-actions/{bulk_action_id}",
                    self._wrap(self.retrieve_bulk_action),
                    methods=["GET"],
                ),
                Route(
                    "/api/v1/bulk-actions/{bulk_action_id}/abort",
                    self._wrap(self.abort_bulk_action, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/waitpoints/tokens",
                    self._wrap(self.waitpoint_tokens_root, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/waitpoints/tokens/{token_id}",
                    self._wrap(self.retrieve_waitpoint_token),
                    methods=["GET"],
                ),
                Route(
                    "/api/v1/waitpoints/tokens/{token_id}/complete",
                    self._wrap(self.complete_waitpoint_token, auth=False),
                    methods=ALL_METHODS,
                ),
                Route(
                    "/api/v1/waitpoints/tokens/{token_id}/callback/{hash}",
                    self._wrap(self.waitpoint_callback, auth=False),
                    methods=ALL_METHODS,
                ),
            ],
            exception_handlers={HTTPException: self._http_exception},
        )

    def _authenticate(self, request: Request, message: str | None = None, **accepts: bool) -> Access:
        """Who is asking (:func:`._auth.authenticate`): by default the secret key or a full-access
        additional key; ``accepts`` names more kinds (``allow_jwt``, ``allow_restricted``, ``allow_pat``).

        Args:
            request: the request.
            message: the route's one 401 message for a missing or unknown key, if it has one; otherwise
                ``Invalid or Missing API key`` and ``Invalid API key``.
            **accepts: the options of :func:`._auth.authenticate`.
        """
        return authenticate(
            request,
            self.service.environment,
            missing_message=message or MISSING_API_KEY,
            invalid_message=message or INVALID_API_KEY,
            **accepts,
        )

    def _route_builder_access(self, request: Request) -> Access:
        """A route builder's credentials when the route allows public access tokens and states what it
        does: the secret key, an additional key (a restricted one with its scopes) or a public token."""
        return self._authenticate(request, allow_jwt=True, allow_restricted=True)

    def _wrap(self, handler: Handler, *, auth: bool = True, auth_message: str | None = None) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                if auth:
                    self._authenticate(request, auth_message)
                return await handler(request)
            except ApiError as error:
                return error_response(error)
            except _RouteThrew:
                return remix_last_resort()
            except Exception:
                logger.exception("emulator: %s %s failed", request.method, request.url.path)
                return json_response(500, {"error": "Something went wrong"})

        return endpoint

    @staticmethod
    async def _http_exception(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 405:
            return json_response(
                405, {"error": "Method not allowed"}, dict(getattr(exc, "headers", None) or {})
            )
        if status == 404:
            return json_response(404, {"error": "Not found"})
        return json_response(status, {"error": str(getattr(exc, "detail", "Error"))})

    @staticmethod
    def _check_content_length(request: Request, limit: int) -> None:
        length = request.headers.get("content-length")
        try:
            too_large = length is None or int(length) > limit
        except ValueError:
            too_large = True
        if too_large:
            raise ApiError(413, {"error": "Request body too large"})

    @staticmethod
    def _reply(result: tuple[int, dict[str, Any], dict[str, str]]) -> Response:
        status, body, headers = result
        return json_response(status, body, headers)

    async def trigger(self, request: Request) -> Response:
        """``POST /api/v1/tasks/{taskIdentifier}/trigger``: the secret key, an additional key or a public
        access token with ``trigger`` on the task (``trigger:tasks:<id>``, ``trigger:tasks``,
        ``trigger:all``, ``admin``), checked once the body is valid."""
        access = self._route_builder_access(request)
        self._check_content_length(request, MAX_TRIGGER_BODY_BYTES)
        body = _parse_json_body(await request.body())
        headers = {name.lower(): value for name, value in request.headers.items()}
        return self._reply(self.service.trigger(request.path_params["task_id"], body, headers, access))

    async def create_batch(self, request: Request) -> Response:
        """``POST /api/v3/batches``: the secret key, an additional key or a public access token with
        ``batchTrigger`` on every task of ``taskIdentifiers`` (or on tasks or batches as a whole)."""
        access = self._route_builder_access(request)
        self._check_content_length(request, MAX_BATCH_CREATE_BODY_BYTES)
        body = _parse_json_body(await request.body())
        headers = {name.lower(): value for name, value in request.headers.items()}
        return self._reply(self.service.create_batch(body, headers, access))

    async def batch_items(self, request: Request) -> Response:
        """``POST /api/v3/batches/{batchId}/items`` (Content-Type is checked before authentication).

        A credential that may not write the batch (``write:batch:<id>``, as the token a browser gets from
        the create answer) needs ``batchTrigger`` on the task of every item, and must send one at least;
        otherwise ``403 {"error": "Unauthorized"}``.
        """
        content_type = request.headers.get("content-type", "")
        if not any(kind in content_type for kind in NDJSON_TYPES):
            raise ApiError(415, {"error": "Content-Type must be application/x-ndjson or application/ndjson"})
        access = self._route_builder_access(request)
        batch_id = request.path_params["batch_id"]
        body = await request.body()
        authorize: Callable[[Any], None] | None = None
        if not access.allows("write", [("batch", batch_id)]):

            def authorize(item: Any) -> None:
                task = item.get("task") if isinstance(item, dict) else None
                if not isinstance(task, str) or not access.allows("batchTrigger", [("tasks", task)]):
                    raise ApiError(403, {"error": "Unauthorized"})

        return self._reply(self.service.stream_batch_items(batch_id, body, authorize))

    async def input_stream(self, request: Request) -> Response:
        """``/realtime/v1/streams/{runId}/input/{streamId}``: POST sends ``{"data": …}``; GET reads the
        input stream as server-sent events (what a running task tails)."""
        if request.method == "POST":
            return await self.realtime.send_input(request)
        request.path_params["stream_key"] = "$trigger.input:" + request.path_params["stream_id"]
        return await self.realtime.read_stream(request)

    async def retrieve_batch(self, request: Request) -> Response:
        """``GET /api/v2/batches/{batchId}``: the secret key, an additional key, or a public access token
        with ``read`` on the batch (or on runs); an unknown batch is a 404 before the scope check."""
        access = self._route_builder_access(request)
        batch_id = request.path_params["batch_id"]
        if self.service.store.get_batch(batch_id) is None:
            raise not_found(should_retry=True)
        access.require("read", [("batch", batch_id), ("runs", None)])
        return self._reply(self.service.retrieve_batch(batch_id))

    async def retrieve_batch_v1(self, request: Request) -> Response:
        """``GET /api/v1/batches/{batchId}`` (the older batch shape)."""
        return self._reply(self.legacy_batches.retrieve_v1(request.path_params["batch_id"]))

    async def batch_results(self, request: Request) -> Response:
        """``GET /api/v1/batches/{batchId}/results`` (the SDK's ``getBatchResults``)."""
        return self._reply(self.legacy_batches.results(request.path_params["batch_id"]))

    async def legacy_batch_trigger(self, request: Request) -> Response:
        """``POST /api/v2/tasks/batch`` (the one-shot batch route; body at most 1 MB)."""
        self._check_content_length(request, MAX_LEGACY_BATCH_BODY_BYTES)
        body = _parse_json_body(await request.body())
        headers = {name.lower(): value for name, value in request.headers.items()}
        return self._reply(self.legacy_batches.batch_trigger(body, headers))

    async def packets_v2(self, request: Request) -> Response:
        """``PUT /api/v2/packets/{filename}``: an upload URL and the storage path. The route has only an
        action: GET is Remix's 400; another method gets the action's odd 200 ``{"status": 405, …}``."""
        if request.method in LOADER_METHODS:
            return remix_route_error(400)
        if request.method != "PUT":
            return json_response(200, {"status": 405, "body": "Method Not Allowed"})
        self._authenticate(request)
        return self._reply(self.objects.upload_url(request.path_params["filename"], with_storage_path=True))

    async def packets_v1(self, request: Request) -> Response:
        """``/api/v1/packets/{filename}``: GET (secret key or public access token) answers a download URL,
        PUT an upload URL without a storage path (older SDKs)."""
        filename = request.path_params["filename"]
        if request.method in LOADER_METHODS:
            authenticate(
                request, self.service.environment, allow_jwt=True, invalid_message=LEGACY_INVALID_API_KEY
            )
            return self._reply(self.objects.download_url(filename))
        if request.method != "PUT":
            return json_response(200, {"status": 405, "body": "Method Not Allowed"})
        self._authenticate(request)
        return self._reply(self.objects.upload_url(filename, with_storage_path=False))

    async def storage(self, request: Request) -> Response:
        """A presigned object-store URL (``/_storage/<key>``): no credential; the signature authorises it."""
        answer = self.objects.serve(
            request.method,
            request.path_params["key"],
            dict(request.query_params),
            await request.body(),
            request.headers.get("content-type", ""),
        )
        status, content, headers = answer
        return Response(content, status_code=status, headers=headers)

    async def list_runs(self, request: Request) -> Response:
        """``GET /api/v1/runs``: the secret key, an additional key, or a public access token with
        ``read:runs`` or ``read:tasks``, or, with a task filter, ``read:tasks:<id>`` for every task."""
        access = self._route_builder_access(request)
        query = dict(request.query_params.items())
        tasks = [task for task in query.get("filter[taskIdentifier]", "").split(",") if task]
        access.require_every("read", [("tasks", task) for task in tasks], [("runs", None), ("tasks", None)])
        return self._reply(self.service.list_runs(query, _v4(request)))

    async def retrieve_run(self, request: Request) -> Response:
        """``GET /api/v3/runs/{runId}``: the secret key, an additional key, or a public access token with
        ``read`` on the run, its task, one of its tags or its batch."""
        run = self._readable_run(request, INVALID_API_KEY)
        return self._reply(self.service.retrieve_run(run.id, _v4(request)))

    async def list_project_runs(self, request: Request) -> Response:
        """``GET /api/v1/projects/{projectRef}/runs``: the runs list of ``GET /api/v1/runs`` for the
        personal access token (only), with ``filter[env]`` (environment slugs, comma-separated).

        As a PAT route builder: the query is checked first (400 ``Query Error``), then the token (401),
        then the project (404 ``Project not found``). A ``filter[env]`` that does not name the
        environment (``dev``) lists nothing. ``OPTIONS`` answers ``{}`` (CORS); methods other than GET
        get Remix's 405 (the route has no action).
        """
        if request.method == "OPTIONS":
            return json_response(200, {})
        if request.method not in LOADER_METHODS:
            return remix_route_error(405)
        query = dict(request.query_params.items())
        parsed = self.service.parse_run_list_query(query)
        authenticate(request, self.service.environment, allow_pat=True, allow_keys=False)
        environment = self.service.environment
        if request.path_params["project_ref"] != environment.project_ref:
            raise ApiError(404, {"error": "Project not found"})
        slugs = query.get("filter[env]")
        if slugs and environment.slug not in slugs.split(","):
            return json_response(200, {"data": [], "pagination": {}})
        return self._reply(self.service.run_list_page(parsed, _v4(request)))

    async def cancel_run(self, request: Request) -> Response:
        """``POST /api/v2/runs/{runId}/cancel``: the secret key, an additional key, or a public access token
        with ``write`` on the run or its task."""
        access = self._route_builder_access(request)
        run = self.service.store.get_run(request.path_params["run_id"])
        if run is not None:
            access.require("write", [("runs", run.id), ("tasks", run.task_identifier)])
        elif access.scopes is not None:
            access.require("write", [("runs", request.path_params["run_id"])])
        return self._reply(self.service.cancel_run(request.path_params["run_id"]))

    async def replay_run(self, request: Request) -> Response:
        """``POST /api/v1/runs/{runId}/replay`` (the route reads no body)."""
        return self._reply(self.service.replay_run(request.path_params["run_id"]))

    async def reschedule_run(self, request: Request) -> Response:
        """``POST /api/v1/runs/{runId}/reschedule``."""
        raw = await request.body()
        try:
            body = loads_request_json(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, {"error": "Invalid request body"}) from None
        return self._reply(self.service.reschedule_run(request.path_params["run_id"], body, _v4(request)))

    # Auth helpers and idempotency keys

    async def jwt_claims(self, request: Request) -> Response:
        """``POST /api/v1/auth/jwt/claims``: ``{"sub": <environment id>, "pub": true}``, the claims to sign
        a public access token with. A hand-written action (GET is Remix's 400) with the legacy
        authentication: the secret key or a full-access additional key, anything else
        ``401 Invalid or Missing API key``."""
        if request.method in LOADER_METHODS:
            return remix_route_error(400)
        self._authenticate(request, MISSING_API_KEY)
        return json_response(200, {"sub": self.service.environment.id, "pub": True})

    async def public_tokens(self, request: Request) -> Response:
        """``POST /api/v1/auth/public-tokens``: a public access token minted for an API key (the secret
        key or an additional key, whose scopes bound the token's; public tokens may not mint). A
        hand-written action (GET is Remix's 400); see :mod:`._public_tokens`."""
        if request.method in LOADER_METHODS:
            return remix_route_error(400)
        access = self._authenticate(request, allow_restricted=True)
        try:
            body = await _request_json(request)
        except _RouteThrew:
            raise ApiError(400, {"error": "Invalid request body"}) from None
        return self._reply(create_public_token(body, access, self.service.environment))

    async def reset_idempotency_key(self, request: Request) -> Response:
        """``POST /api/v1/idempotencyKeys/{key}/reset`` with ``{"taskIdentifier": …}``: the runs of the task
        holding the key forget it, so the next trigger with it makes a new run; ``{"id": <key>}``, or 404
        when no run holds it.

        A route builder action: the secret key, an additional key or a public access token with
        ``write:runs``; the body is checked before the scope. ``OPTIONS`` answers ``{}`` (CORS); other
        loader methods an empty 405. The key is read from the raw path (an encoded ``/`` stays in it).
        """
        match = IDEMPOTENCY_RESET_PATH.match(_raw_path(request))
        if match is None:
            raise ApiError(404, {"error": "Not found"})
        if request.method == "OPTIONS":
            return json_response(200, {})
        if request.method in LOADER_METHODS:
            return Response(status_code=405)
        access = self._route_builder_access(request)
        body = _parse_json_body(await request.body())
        issues = Issues()
        valid = issues.expect_type([], body, "object") and issues.required(
            [], body, "taskIdentifier", "string"
        )
        if valid and not body["taskIdentifier"]:
            issues.add(
                ["taskIdentifier"],
                "Task identifier is required",
                "too_small",
                minimum=1,
                type="string",
                inclusive=True,
                exact=False,
            )
        if issues:
            raise ApiError(400, {"error": issues.message()})
        access.require("write", [("runs", None)])
        key = urllib.parse.unquote(match.group(1))
        return self._reply(self.service.reset_idempotency_key(key, body["taskIdentifier"]))

    # Schedules and time zones (hand-written Remix routes: method checks, then authentication)

    async def schedules_root(self, request: Request) -> Response:
        """``/api/v1/schedules``: GET lists (loader); POST creates; other methods get the 200-405 object."""
        method = request.method
        if method in LOADER_METHODS:
            self._authenticate(request, SCHEDULES_AUTH_MESSAGE)
            return self._reply(self.schedules.list_schedules(dict(request.query_params.items())))
        if method != "POST":
            return naked_method_not_allowed()
        self._authenticate(request, SCHEDULES_AUTH_MESSAGE)
        return self._reply(self.schedules.create(await _request_json(request)))

    async def schedule_item(self, request: Request) -> Response:
        """``/api/v1/schedules/{id}``: GET retrieves, PUT updates, DELETE deletes.

        Its action handles only PUT and DELETE and returns nothing for POST or PATCH, which Remix turns
        into a thrown error (500 ``Unexpected Server Error``, plain text).
        """
        method = request.method
        schedule_id = request.path_params["schedule_id"]
        self._authenticate(request, SCHEDULES_AUTH_MESSAGE)
        if method in LOADER_METHODS:
            return self._reply(self.schedules.retrieve(schedule_id))
        if method == "DELETE":
            return self._reply(self.schedules.delete(schedule_id))
        if method == "PUT":
            return self._reply(self.schedules.update(schedule_id, await _request_json(request)))
        return remix_last_resort()

    async def activate_schedule(self, request: Request) -> Response:
        """``POST /api/v1/schedules/{id}/activate``."""
        return await self._toggle_schedule(request, active=True)

    async def deactivate_schedule(self, request: Request) -> Response:
        """``POST /api/v1/schedules/{id}/deactivate``."""
        return await self._toggle_schedule(request, active=False)

    async def _toggle_schedule(self, request: Request, *, active: bool) -> Response:
        method = request.method
        if method in LOADER_METHODS:
            return remix_route_error(400)  # the route has no loader
        if method != "POST":
            return naked_method_not_allowed()
        self._authenticate(request, SCHEDULES_AUTH_MESSAGE)
        return self._reply(self.schedules.set_active(request.path_params["schedule_id"], active))

    async def timezones(self, request: Request) -> Response:
        """``GET /api/v1/timezones`` (no authentication). With an ``Origin`` header the answer allows any
        origin (CORS); ``OPTIONS`` answers ``{}``. The route has no action (405 for other methods)."""
        if request.method not in LOADER_METHODS:
            return remix_route_error(405)
        headers = {"access-control-allow-origin": "*"} if request.headers.get("origin") else {}
        if request.method == "OPTIONS":
            return json_response(200, {}, headers)
        status, body, _headers = self.schedules.timezones(dict(request.query_params.items()))
        return json_response(status, body, headers)

    # Environment variables (hand-written routes: authentication, then the project ref and slug)

    def _env_var_scope(self, request: Request) -> None:
        """Authenticate an environment variable request and check the project and slug of its path.

        The personal access token names the environment by the path; an API key must belong to it. A
        restricted additional key needs ``read:envvars`` (GET) or ``write:envvars`` (other methods).
        """
        access = self._authenticate(request, allow_pat=True, allow_restricted=True)
        params = request.path_params
        branch = request.headers.get("x-trigger-branch")
        if access.kind == PERSONAL_ACCESS_TOKEN:
            self.env_vars.resolve_for_user(params["project_ref"], params["env"], branch)
            return
        action = "read" if request.method in LOADER_METHODS else "write"
        access.require(action, [("envvars", None)], {"error": "Unauthorized"})
        self.env_vars.resolve(params["project_ref"], params["env"], branch)

    async def env_vars_root(self, request: Request) -> Response:
        """``/api/v1/projects/{ref}/envvars/{env}``: GET lists (loader); any other method creates (the
        action does not look at the method). A body that is not JSON makes the action throw (500)."""
        self._env_var_scope(request)
        if request.method in LOADER_METHODS:
            status, body, headers = self.env_vars.list_variables()
            return json_response(status, body, headers)
        return self._reply(self.env_vars.create(await _request_json(request)))

    async def env_vars_import(self, request: Request) -> Response:
        """``POST /api/v1/projects/{ref}/envvars/{env}/import``: a JSON body, or a form whose file field
        ``variables`` holds a dotenv file and whose ``override`` field may be ``true``. The route has no
        loader (400 for GET)."""
        if request.method in LOADER_METHODS:
            return remix_route_error(400)
        self._env_var_scope(request)
        content_type = request.headers.get("content-type") or "application/json"
        if "multipart/form-data" in content_type:
            try:
                form = await request.form()
            except Exception:
                raise _RouteThrew from None
            upload = form.get("variables")
            if not isinstance(upload, UploadFile):
                raise ApiError(400, {"error": "Invalid file"})
            content = await upload.read()
            return self._reply(self.env_vars.import_dotenv(content, form.get("override") == "true"))
        return self._reply(self.env_vars.import_json(await _request_json(request)))

    async def env_var_item(self, request: Request) -> Response:
        """``/api/v1/projects/{ref}/envvars/{env}/{name}``: GET retrieves; DELETE deletes; PUT or POST
        replace the value; any other method finds the variable and then returns nothing (500)."""
        self._env_var_scope(request)
        name = request.path_params["name"]
        if request.method in LOADER_METHODS:
            return self._reply(self.env_vars.retrieve(name))
        self.env_vars.ensure_exists(name)
        if request.method == "DELETE":
            return self._reply(self.env_vars.delete(name))
        if request.method in ("PUT", "POST"):
            try:
                body = await _request_json(request)
            except _RouteThrew:  # inside the route's own try: its catch answers
                raise ApiError(500, {"error": "Internal Server Error"}) from None
            return self._reply(self.env_vars.update(name, body))
        return remix_last_resort()

    # Queues and concurrency limits

    async def list_queues(self, request: Request) -> Response:
        """``GET /api/v1/queues``."""
        return self._reply(self.queues.list_queues(dict(request.query_params.items())))

    async def queue_routes(self, request: Request) -> Response:
        """``/api/v1/queues/{queueParam}`` (GET), ``…/pause``, ``…/concurrency/override`` and
        ``…/concurrency/reset`` (POST; a GET gets the action route's bare 405)."""
        match = QUEUE_PATH.match(_raw_path(request))
        if match is None:
            raise ApiError(404, {"error": "Not found"})
        segment, action = match.group(1), match.group(2)
        if action is None:
            if request.method not in LOADER_METHODS:
                return remix_route_error(405)
            return self._reply(self.queues.retrieve(segment, dict(request.query_params.items())))
        if request.method in LOADER_METHODS:
            return Response(status_code=405)
        body = _parse_json_body(await request.body())
        if action == "/pause":
            return self._reply(self.queues.pause(segment, body))
        if action == "/concurrency/override":
            return self._reply(self.queues.override(segment, body))
        return self._reply(self.queues.reset(segment, body))

    async def list_limits(self, request: Request) -> Response:
        """``GET /api/v1/concurrency-limits``."""
        return self._reply(self.limits.list_limits(dict(request.query_params.items())))

    async def limit_routes(self, request: Request) -> Response:
        """``/api/v1/concurrency-limits/{name}`` (GET), ``…/override``, ``…/reset``, ``…/pause`` (POST)."""
        match = LIMIT_PATH.match(_raw_path(request))
        if match is None:
            raise ApiError(404, {"error": "Not found"})
        segment, action = match.group(1), match.group(2)
        if action is None:
            if request.method not in LOADER_METHODS:
                return remix_route_error(405)
            return self._reply(self.limits.retrieve(segment, dict(request.query_params.items())))
        if request.method in LOADER_METHODS:
            return Response(status_code=405)
        body = _parse_json_body(await request.body())
        if action == "/override":
            return self._reply(self.limits.override(segment, body))
        if action == "/reset":
            return self._reply(self.limits.reset(segment, body))
        return self._reply(self.limits.pause(segment, body))

    # Deployments

    async def worker_by_tag(self, request: Request) -> Response:
        """``GET /api/v1/projects/{ref}/{env}/workers/{tagName}``: the token (401 unless a personal access
        token), then the slug (400 ``Invalid Params``), then the project and environment (404), then the
        worker (404 ``Worker not found``). A loader only: other methods get Remix's 405."""
        if request.method not in LOADER_METHODS:
            return remix_route_error(405)
        if self.workers is None:
            raise ApiError(404, {"error": "Not found"})
        token = bearer_token(request)
        expected = self.service.environment.personal_access_token
        if not (expected and token.startswith(PERSONAL_ACCESS_TOKEN_PREFIX) and token == expected):
            raise ApiError(401, {"error": INVALID_ACCESS_TOKEN})
        params = request.path_params
        if params["env"] not in WORKER_SLUGS:
            raise ApiError(400, {"error": "Invalid Params"})
        self.env_vars.resolve_for_user(
            params["project_ref"], params["env"], request.headers.get("x-trigger-branch")
        )
        return self._reply(self.workers.current(params["env"]))

    async def list_deployments(self, request: Request) -> Response:
        """``GET /api/v1/deployments``."""
        return self._reply(self.deployments.list_deployments(dict(request.query_params.items())))

    async def current_deployment(self, request: Request) -> Response:
        """``GET /api/v1/deployments/current`` (exempt from the rate limiter)."""
        return self._reply(self.deployments.current())

    async def latest_deployment(self, request: Request) -> Response:
        """``GET /api/v1/deployments/latest``."""
        return self._reply(self.deployments.latest())

    async def retrieve_deployment(self, request: Request) -> Response:
        """``GET /api/v1/deployments/{deploymentId}``."""
        return self._reply(self.deployments.retrieve(request.path_params["deployment_id"]))

    async def promote_deployment(self, request: Request) -> Response:
        """``POST /api/v1/deployments/{version}/promote``: a hand-written action (no loader: 400 for GET;
        another method gets the 200-405 object), then authentication."""
        if request.method in LOADER_METHODS:
            return remix_route_error(400)
        if request.method != "POST":
            return naked_method_not_allowed()
        self._authenticate(request)
        allow = request.query_params.get("allowRollbacks") == "true"
        return self._reply(self.deployments.promote(request.path_params["version"], allow))

    # Run metadata, tags, trace and spans

    async def run_metadata(self, request: Request) -> Response:
        """``/api/v1/runs/{runId}/metadata``: GET reads it (a hand-written loader); PUT changes it (a route
        builder action: authentication, a 2 MiB ``Content-Length`` cap, then the JSON body); the action
        answers other methods 405."""
        run_id = request.path_params["run_id"]
        if request.method in LOADER_METHODS:
            self._authenticate(request, "Invalid or Missing API Key")
            return self._reply(self.run_details.metadata(run_id))
        if request.method != "PUT":
            return json_response(405, {"error": "Method not allowed"}, {"allow": "PUT"})
        self._authenticate(request)
        self._check_content_length(request, MAX_METADATA_UPDATE_BODY_BYTES)
        body = _parse_json_body(await request.body())
        return self._reply(self.run_details.update_metadata(run_id, body))

    async def run_tags(self, request: Request) -> Response:
        """``POST /api/v1/runs/{runId}/tags``: a hand-written action (no loader: 400 for GET; another method
        gets the 200-405 object); a body that is not JSON is its caught 500."""
        if request.method in LOADER_METHODS:
            return remix_route_error(400)
        if request.method != "POST":
            return naked_method_not_allowed()
        self._authenticate(request, "Invalid or Missing API Key")
        try:
            body = await _request_json(request)
        except _RouteThrew:
            raise ApiError(500, {"error": "Something went wrong, please try again."}) from None
        return self._reply(self.run_details.add_tags(request.path_params["run_id"], body))

    def _readable_run(self, request: Request, invalid_message: str = LEGACY_INVALID_API_KEY) -> RunRecord:
        """The run a read route (public access tokens allowed) is about: 404 for an unknown run, then 403
        without a read scope on it."""
        access = authenticate(
            request,
            self.service.environment,
            allow_jwt=True,
            allow_restricted=True,
            invalid_message=invalid_message,
        )
        run = self.service.store.get_run(request.path_params["run_id"])
        if run is None:
            raise not_found(True)
        access.require("read", run_resources(run))
        return run

    async def run_trace(self, request: Request) -> Response:
        """``GET /api/v1/runs/{runId}/trace``."""
        return self._reply(self.run_details.trace(self._readable_run(request)))

    async def run_span(self, request: Request) -> Response:
        """``GET /api/v1/runs/{runId}/spans/{spanId}``."""
        run = self._readable_run(request)
        return self._reply(self.run_details.span(run, request.path_params["span_id"]))

    # Bulk actions

    async def bulk_actions_root(self, request: Request) -> Response:
        """``/api/v1/bulk-actions``: GET lists (loader); any other method creates (the action does not
        look at the method): body at most 1 MiB, ``Content-Length`` required."""
        if request.method in LOADER_METHODS:
            return self._reply(self.bulk_actions.list_actions(dict(request.query_params.items())))
        self._check_content_length(request, MAX_BULK_ACTION_BODY_BYTES)
        return self._reply(self.bulk_actions.create(_parse_json_body(await request.body())))

    async def retrieve_bulk_action(self, request: Request) -> Response:
        """``GET /api/v1/bulk-actions/{bulkActionId}``."""
        return self._reply(self.bulk_actions.retrieve(request.path_params["bulk_action_id"]))

    async def abort_bulk_action(self, request: Request) -> Response:
        """``POST /api/v1/bulk-actions/{bulkActionId}/abort``: an action route (its loader answers an empty
        405 before authentication; any other method aborts)."""
        if request.method in LOADER_METHODS:
            return Response(status_code=405)
        self._authenticate(request)
        return self._reply(self.bulk_actions.abort(request.path_params["bulk_action_id"]))

    # Waitpoint tokens

    async def waitpoint_tokens_root(self, request: Request) -> Response:
        """``/api/v1/waitpoints/tokens``: GET lists; POST creates (body at most 10 KiB); another method is
        a 405 with ``Allow: POST`` before authentication."""
        if request.method in LOADER_METHODS:
            self._authenticate(request)
            return self._reply(self.waitpoints.list_tokens(dict(request.query_params.items())))
        if request.method != "POST":
            return json_response(405, {"error": "Method not allowed"}, {"allow": "POST"})
        self._authenticate(request)
        self._check_content_length(request, MAX_WAITPOINT_CREATE_BODY_BYTES)
        return self._reply(self.waitpoints.create(_parse_json_body(await request.body())))

    async def retrieve_waitpoint_token(self, request: Request) -> Response:
        """``GET /api/v1/waitpoints/tokens/{waitpointId}``."""
        return self._reply(self.waitpoints.retrieve(request.path_params["token_id"]))

    async def complete_waitpoint_token(self, request: Request) -> Response:
        """``POST /api/v1/waitpoints/tokens/{waitpointId}/complete``: the secret key, or a public access
        token with ``write:waitpoints:<id>``; body at most 3 MiB. ``OPTIONS`` answers ``{}`` (CORS); GET
        is an empty 405."""
        if request.method == "OPTIONS":
            return json_response(200, {})
        if request.method in LOADER_METHODS:
            return Response(status_code=405)
        access = authenticate(
            request,
            self.service.environment,
            allow_jwt=True,
            allow_restricted=True,
            invalid_message=LEGACY_INVALID_API_KEY,
        )
        self._check_content_length(request, MAX_COMPLETION_BYTES)
        body = _parse_json_body(await request.body())
        token_id = request.path_params["token_id"]
        access.require("write", [("waitpoints", token_id)])
        return self._reply(self.waitpoints.complete(token_id, body))

    async def waitpoint_callback(self, request: Request) -> Response:
        """``POST /api/v1/waitpoints/tokens/{waitpointId}/callback/{hash}``: no authentication; another
        method is a 405 with ``Allow: POST`` (GET: the route has no loader)."""
        if request.method in LOADER_METHODS:
            return remix_route_error(400)
        if request.method != "POST":
            return json_response(405, {"error": "Method not allowed"}, {"allow": "POST"})
        params = request.path_params
        try:
            result = self.waitpoints.callback(
                params["token_id"],
                params["hash"],
                request.headers.get("content-length"),
                await request.body(),
            )
        except ValueError:  # a malformed waitpoint id: the route throws outside its error handling
            raise _RouteThrew from None
        return self._reply(result)


def _raw_path(request: Request) -> str:
    raw = request.scope.get("raw_path")
    return raw.decode("latin-1").split("?", 1)[0] if raw else request.url.path


# The outer application


def _replay_receive(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _with_headers(send: Send, extra: dict[str, str]) -> Send:
    encoded = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in extra.items()]

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _value in message.get("headers", [])}
            headers = list(message.get("headers", []))
            headers.extend(item for item in encoded if item[0] not in present)
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


async def _discard(message: Message) -> None:
    return None


async def _send_raw(send: Send, status: int, headers: dict[str, str], body: bytes) -> None:
    raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    raw_headers.append((b"content-length", str(len(body)).encode("ascii")))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


class EmulatorASGI:
    """The ASGI entry point: records, injects faults, adds rate-limit headers, then routes."""

    def __init__(self, state: AppState) -> None:
        """Build the application around shared state.

        Args:
            state: the emulator's shared state (service, faults, request log, …).
        """
        self.state = state
        self.api = ApiRoutes(state)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection scope (HTTP only; other scopes are refused)."""
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            return
        body = await self._read_body(receive)
        if body is None:
            return
        path: str = scope["path"]
        method: str = scope["method"]
        inner_receive = _replay_receive(body, receive)
        if path.startswith("/__emulator"):
            if self.state.control is not None:
                await self.state.control(scope, inner_receive, send)
            else:
                await _send_raw(send, 404, {"content-type": "application/json"}, b'{"error":"Not found"}')
            return
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope.get("headers", [])
        }
        self.state.requests.append(
            RecordedRequest(
                method=method,
                path=path,
                query=scope.get("query_string", b"").decode("latin-1"),
                headers=headers,
                body=body,
            )
        )
        rule = self.state.faults.take(method, path)
        swallow = False
        if rule is not None:
            if rule.action in ("status", "rate_limit"):
                status, fault_headers, fault_body = rule.response()
                await _send_raw(send, status, fault_headers, fault_body)
                return
            if rule.action == "drop":
                await self._drop(scope)
                return
            if rule.action == "hang":
                await self.state.sleep_unless_stopping(None)
                await self._drop(scope)
                return
            if rule.action == "latency":
                await self.state.sleep_unless_stopping(rule.seconds)
            swallow = rule.action == "drop_after_commit"
        target_send: Send = _discard if swallow else send
        if rule is not None and rule.action == "disconnect":
            await self._cut_after(rule.seconds, scope, self._route(scope, path, headers, inner_receive, send))
            return
        await self._route(scope, path, headers, inner_receive, target_send)
        if swallow:
            await self._drop(scope)

    async def _route(
        self, scope: Scope, path: str, headers: dict[str, str], receive: Receive, send: Send
    ) -> None:
        method = scope["method"]
        if any(method == missing and pattern.match(path) for missing, pattern in self.state.missing_routes):
            await _send_raw(send, 404, {"content-type": "application/json"}, b'{"error":"Not found"}')
            return
        if (
            path.startswith("/api")
            and path not in UNLIMITED_PATHS
            and not WAITPOINT_CALLBACK_PATH.match(path)
            and not PACKETS_PATH.match(path)
        ):
            if not headers.get("authorization"):
                await self._no_authorization(send)
            else:
                if not BATCH_ITEMS_PATH.match(path):
                    send = _with_headers(send, self.state.rate_limits.take())
                await self.api.app(scope, receive, send)
        else:
            await self.api.app(scope, receive, send)

    async def _cut_after(self, seconds: float, scope: Scope, answering: Awaitable[None]) -> None:
        """Let the answer through for ``seconds`` (a long-poll held, a stream part-way), then close the
        connection, whatever was sent by then."""
        task = asyncio.ensure_future(answering)
        done, _pending = await asyncio.wait({task}, timeout=seconds)
        if done:
            task.result()
            return
        await self._drop(scope)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task

    @staticmethod
    async def _read_body(receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _drop(self, scope: Scope) -> None:
        self.state.close_connection(scope)
        # Let the transport report the lost connection before the server looks at the request again,
        # so that it does not try to send its own error answer.
        for _ in range(3):
            await asyncio.sleep(0)

    @staticmethod
    async def _no_authorization(send: Send) -> None:
        problem = {
            "title": "Unauthorized",
            "status": 401,
            "type": "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401",
            "detail": "No authorization header provided",
            "error": "No authorization header provided",
        }
        await _send_raw(
            send,
            401,
            {"content-type": "application/problem+json; charset=utf-8"},
            json.dumps(problem, indent=2).encode("utf-8"),
        )
