"""What the emulated Trigger.dev environment does for each API call, independent of HTTP plumbing.

Methods take parsed request parts and return ``(status, body, headers)`` or raise :class:`ApiError` with
the status and JSON body the real server answers. Behaviour and messages follow the Trigger.dev v4 server
(see ``/work/shared/reference/trigger-v4-api.md`` in the project and the server source it describes).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import math
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from . import _packets as packets
from . import _shapes as shapes
from . import _statuses as st
from ._clock import VirtualClock
from ._durations import (
    DAY_MS,
    JS_DATE_LIMIT_MS,
    DelayOutOfRangeError,
    idempotency_key_expiry_ms,
    is_js_date_ms,
    parse_delay_ms,
    parse_duration_ms,
    parse_filter_instant_ms,
    parse_period_ms,
    resolve_run_ttl,
    stringify_duration,
)
from ._engine import Engine
from ._store import BatchRecord, RunFilters, RunRecord, Store, new_id
from ._tokens import claims_header, public_access_token
from ._validation import (
    MACHINE_PRESETS,
    MAX_IDEMPOTENCY_KEY_LENGTH,
    Issues,
    check_idempotency_key_options,
    check_run_options,
    loads_request_json,
    type_name,
)

if TYPE_CHECKING:
    from ._auth import Access

MAX_TAGS_PER_RUN = 10
MAX_METADATA_BYTES = 256 * 1024
MAX_BATCH_RUN_COUNT = 1000
REQUEST_IDEMPOTENCY_TTL_MS = DAY_MS
SERVER_OFFLOAD_THRESHOLD_BYTES = 512 * 1024
"""Inline payloads above this are kept in the object store (``TASK_PAYLOAD_OFFLOAD_THRESHOLD``)."""
DEFAULT_DEV_TTL = "10m"
DEFAULT_LIST_PERIOD_MS = 7 * DAY_MS
DEFAULT_PAGE_SIZE = 25

Response = tuple[int, dict[str, Any], dict[str, str]]
"""``(status, JSON body, extra headers)``."""


class ApiError(Exception):
    """An error answer: HTTP status, JSON body and extra headers."""

    def __init__(self, status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> None:
        """Build the error.

        Args:
            status: the HTTP status.
            body: the JSON body (normally ``{"error": "<message>"}``).
            headers: extra response headers.
        """
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> ApiError:
    return ApiError(status, {"error": message}, headers)


def not_found(should_retry: bool) -> ApiError:
    """The route builder's 404 for an unknown resource, with ``x-should-retry``."""
    return _error(404, "Not found", {"x-should-retry": "true" if should_retry else "false"})


class PacketObjects(Protocol):
    """The object store as the trigger and retrieve routes use it (``_object_store.ObjectStore``)."""

    def presign(self, storage_path: str, method: str) -> str:
        """A presigned URL for the packet."""
        ...

    def write_packet(self, storage_path: str, text: str, data_type: str) -> str:
        """Store a packet; return its storage path."""
        ...


@dataclasses.dataclass(frozen=True)
class Environment:
    """The one environment the emulator serves (a DEV environment)."""

    id: str
    api_key: str
    slug: str = "dev"
    user: str = "emulator"
    type: str = "DEVELOPMENT"
    shortcode: str = "emulator-dev"
    project_ref: str = "proj_emulatorproject00001"
    """The project's ref (``proj_…``), which the project-scoped routes (environment variables) name."""
    branch_name: str | None = None
    maximum_concurrency_limit: int = 100
    """The environment's concurrency limit (the server's ``DEFAULT_ENV_EXECUTION_CONCURRENCY_LIMIT``)."""
    additional_api_keys: Mapping[str, tuple[str, ...] | None] = dataclasses.field(
        default_factory=dict, hash=False
    )
    """The additional API keys (``tr_dev_sk_…``) and their scopes (None: full access)."""
    personal_access_token: str | None = None
    """The personal access token (``tr_pat_…``) the project routes accept, if any."""

    def as_json(self) -> dict[str, str]:
        """The ``env`` object of listed runs."""
        return {"id": self.id, "name": self.slug, "user": self.user}


def _scope_hash(key: str, scope: list[str]) -> str:
    text = json.dumps([key, *scope], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclasses.dataclass(frozen=True)
class RunListQuery:
    """A run list's filters and page (what :meth:`TriggerService.parse_run_list_query` reads)."""

    filters: RunFilters
    page_size: int
    after: str | None
    before: str | None


@dataclasses.dataclass
class _NewRun:
    """Everything needed to create one run (from a trigger, a batch item or a replay)."""

    task_id: str
    payload: str | None
    payload_type: str
    options: dict[str, Any]
    trigger_function: str = "trigger"
    batch_id: str | None = None
    idempotency_key: str | None = None
    idempotency_key_expires_at: int | None = None
    schedule_id: str | None = None
    created_at: int | None = None
    """Overrides ``createdAt`` (a scheduled run is created at its nominal time)."""
    streams_version: str = "v2"
    """How the run's realtime streams are framed: the trigger route takes ``v2`` (S2) only when the request
    says ``x-trigger-realtime-streams-version: v2``, else ``v1`` (Redis); other runs get ``v2``, which the
    official SDK and this project's client always ask for."""


class TriggerService:
    """The behaviour of the emulated environment's API."""

    def __init__(self, store: Store, engine: Engine, clock: VirtualClock, environment: Environment) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: runs, batches and keys.
            engine: the run lifecycle (for task lookups and wake-ups).
            clock: the virtual clock.
            environment: the environment and its secret key.
        """
        self.store = store
        self.engine = engine
        self.clock = clock
        self.environment = environment
        self.objects: PacketObjects | None = None
        """Where large payloads are kept, and who signs their download URLs (set by the emulator)."""

    # Tokens

    def _run_token_headers(self, run_id: str, realtime: Any = None) -> dict[str, str]:
        """The token headers of a trigger answer; ``realtime`` is the claim of the public access token the
        trigger was made with, which the answer's token carries on."""
        scopes = [f"read:runs:{run_id}", f"write:inputStreams:{run_id}"]
        env = self.environment
        return {
            "x-trigger-jwt-claims": claims_header(env.id, scopes, realtime),
            "x-trigger-jwt": public_access_token(env.api_key, env.id, scopes, realtime=realtime),
        }

    def _batch_token_headers(self, batch_id: str, browser: bool) -> dict[str, str]:
        scopes = [f"read:batch:{batch_id}"]
        if browser:
            scopes.append(f"write:batch:{batch_id}")
        return {
            "x-trigger-jwt-claims": claims_header(self.environment.id),
            "x-trigger-jwt": public_access_token(self.environment.api_key, self.environment.id, scopes),
        }

    # Triggering

    def trigger(
        self, task_id: str, body: Any, headers: Mapping[str, str], access: Access | None = None
    ) -> Response:
        """``POST /api/v1/tasks/{taskIdentifier}/trigger`` after authentication and body parsing.

        Args:
            task_id: the task identifier from the path.
            body: the parsed JSON body.
            headers: request headers (lower-case names).
            access: who is asking; checked for ``trigger`` on the task once the request is valid. A
                one-time-use token is spent by the run it creates.

        Returns:
            ``(200, {"id", "isCached"}, token headers)``.

        Raises:
            ApiError: 400 validation, 403 without a ``trigger`` scope on the task, 413 metadata too large,
                422 too many tags, a task the locked version does not have or a one-time-use token used
                before, 500 for a ``lockToVersion`` no worker has.
        """
        issues = Issues()
        if not issues.expect_type([], body, "object"):
            raise _error(400, issues.message())
        options = body.get("options")
        if options is not None and issues.expect_type(["options"], options, "object"):
            check_run_options(issues, ["options"], options)
        header_key = headers.get("idempotency-key")
        if header_key is not None and len(header_key) > MAX_IDEMPOTENCY_KEY_LENGTH:
            raise ApiError(
                400,
                {
                    "error": "Headers Error",
                    "details": [
                        {
                            "code": "too_big",
                            "maximum": MAX_IDEMPOTENCY_KEY_LENGTH,
                            "type": "string",
                            "inclusive": True,
                            "exact": False,
                            "message": "idempotency-key must be 2048 characters or less",
                            "path": ["idempotency-key"],
                        }
                    ],
                },
            )
        if issues:
            raise _error(400, issues.message())
        if access is not None:
            access.require("trigger", [("tasks", task_id)])
        realtime = access.realtime if access is not None else None
        one_time = access.one_time_use_hash if access is not None else None
        options = dict(options or {})
        now = self.clock.now_ms()

        request_key = headers.get("x-trigger-request-idempotency-key")
        scope = _scope_hash(request_key, [self.environment.id, task_id]) if request_key else None
        with self.store.transaction():
            if scope is not None:
                cached_id = self.store.request_key_entity(scope, now)
                if cached_id is not None and self.store.get_run(cached_id) is not None:
                    answer = {"id": cached_id, "isCached": False}
                    return 200, answer, self._run_token_headers(cached_id, realtime)
            self._check_worker_version(options, headers)
            header_ttl = headers.get("idempotency-key-ttl")
            key = header_key or options.get("idempotencyKey")
            if header_key is not None and header_ttl:
                expires = idempotency_key_expiry_ms(header_ttl, now)
            else:
                expires = idempotency_key_expiry_ms(options.get("idempotencyKeyTTL"), now)
            run, cached = self._create_or_reuse(
                _NewRun(
                    task_id=task_id,
                    payload=None,
                    payload_type=str(options.get("payloadType") or packets.JSON),
                    options=options,
                    idempotency_key=key or None,
                    idempotency_key_expires_at=expires,
                    streams_version="v2"
                    if headers.get("x-trigger-realtime-streams-version") == "v2"
                    else "v1",
                ),
                raw_payload=body.get("payload"),
                parse_json_strings=False,
                now=now,
                check_locked_task=True,
            )
            if (
                one_time is not None
                and not cached
                and not self.store.spend_one_time_token("run", one_time, run.id)
            ):
                raise _error(
                    422, f"Cannot trigger {task_id} with a one-time use token as it has already been used."
                )
            if scope is not None:
                self.store.save_request_key(scope, run.id, now + REQUEST_IDEMPOTENCY_TTL_MS)
        self.engine.wake()
        return 200, {"id": run.id, "isCached": cached}, self._run_token_headers(run.id, realtime)

    def _check_worker_version(self, options: Mapping[str, Any], headers: Mapping[str, str]) -> None:
        """Refuse a ``lockToVersion`` that no worker has, as the trigger route does.

        The server looks the worker up first, to pick the run engine, and throws a plain error when it is
        missing, which the route answers ``500 Something went wrong`` (``determineEngineVersion`` in
        ``v3/engineVersion.server.ts``). With ``x-trigger-engine-version`` that lookup is skipped and the
        queue resolver refuses instead (``runEngine/concerns/queues.server.ts``): ``422 Task locked to
        version '<v>', but no worker found with that version.`` The emulated worker has one version.
        """
        version = options.get("lockToVersion")
        if not isinstance(version, str) or not version or version == self.engine.worker_version:
            return
        if headers.get("x-trigger-engine-version"):
            raise _error(422, f"Task locked to version '{version}', but no worker found with that version.")
        raise _error(500, "Something went wrong")

    def _check_locked_task(self, task_id: str, options: Mapping[str, Any]) -> None:
        """A run locked to the worker's version, with no queue override, needs a task that version has.

        Otherwise the server refuses it (``runEngine/concerns/queues.server.ts``): ``422 Task '<id>' not
        found on locked version '<v>'.`` Custom queues are not modelled, so a queue override is accepted.
        """
        version = options.get("lockToVersion")
        if version != self.engine.worker_version:
            return
        queue = options.get("queue")
        queue_name = queue.get("name") if isinstance(queue, dict) else None
        if not queue_name and self.engine.task(task_id) is None:
            raise _error(422, f"Task '{task_id}' not found on locked version '{version}'.")

    def _create_or_reuse(
        self,
        new: _NewRun,
        *,
        raw_payload: Any,
        parse_json_strings: bool,
        now: int,
        check_locked_task: bool = False,
    ) -> tuple[RunRecord, bool]:
        """Create a run, or return the live run holding the same idempotency key (``isCached``).

        With ``check_locked_task`` (single triggers), a run locked to the worker's version must name a
        task that version has (see :meth:`_check_locked_task`).
        """
        if new.idempotency_key:
            existing = self.store.find_by_idempotency_key(new.task_id, new.idempotency_key)
            if existing is not None:
                expired = (
                    existing.idempotency_key_expires_at is not None
                    and existing.idempotency_key_expires_at < now
                )
                if expired or existing.status in st.IDEMPOTENCY_CLEARING_STATUSES:
                    self.store.update_run(existing.id, idempotency_key=None, idempotency_key_expires_at=None)
                else:
                    return existing, True
        options = new.options
        tags_option = options.get("tags")
        if isinstance(tags_option, list) and len(tags_option) > MAX_TAGS_PER_RUN:
            raise _error(
                422,
                f"Runs can only have {MAX_TAGS_PER_RUN} tags, you're trying to set {len(tags_option)}.",
            )
        if check_locked_task:
            self._check_locked_task(new.task_id, options)
        if new.payload is None and raw_payload is not None:
            try:
                new.payload = packets.encode_payload(
                    raw_payload, new.payload_type, parse_json_strings=parse_json_strings
                )
            except (TypeError, ValueError) as exc:
                raise _error(400, f"Invalid payload: {exc}") from exc
        return self._insert_run(new, now), False

    def _insert_run(self, new: _NewRun, now: int) -> RunRecord:
        options = new.options
        tags_option = options.get("tags")
        raw_tags = [tags_option] if isinstance(tags_option, str) else list(tags_option or [])
        tags = [tag for tag in raw_tags if isinstance(tag, str) and tag.strip()]

        metadata_text: str | None = None
        metadata_type = str(options.get("metadataType") or packets.JSON)
        metadata = options.get("metadata")
        if metadata is not None:
            if isinstance(metadata, str) and metadata_type != packets.JSON:
                metadata_text = metadata
            else:
                metadata_text = packets.to_json_text(metadata)
            if len(metadata_text.encode("utf-8")) > MAX_METADATA_BYTES:
                raise _error(413, f"Metadata exceeds maximum size of {MAX_METADATA_BYTES} bytes")

        ttl_option = options.get("ttl")
        ttl: str | None
        if isinstance(ttl_option, int | float) and not isinstance(ttl_option, bool):
            ttl = stringify_duration(ttl_option)
        elif isinstance(ttl_option, str):
            ttl = ttl_option
        else:
            ttl = DEFAULT_DEV_TTL
        ttl = resolve_run_ttl(ttl)  # Cloud caps every TTL at 14 days
        ttl_ms = parse_duration_ms(ttl)

        debounce = options.get("debounce")
        delay_source = options.get("delay")
        if delay_source is None and isinstance(debounce, dict):
            delay_source = debounce.get("delay")
        try:
            delay_until = parse_delay_ms(delay_source, now)
        except DelayOutOfRangeError as exc:
            raise _error(422, f"Invalid delay {delay_source}") from exc

        parent: RunRecord | None = None
        parent_id = options.get("parentRunId")
        if isinstance(parent_id, str):
            parent = self.store.get_run(parent_id)
        queue = options.get("queue")
        queue_name = queue.get("name") if isinstance(queue, dict) else None
        concurrency_key = options.get("concurrencyKey")
        max_duration = options.get("maxDuration")
        if delay_until is not None:
            status = st.DELAYED
        elif self.engine.task(new.task_id):
            status = st.PENDING
        else:
            status = st.PENDING_VERSION
        run_id = new_id("run")
        payload, payload_type = self._offload_payload(run_id, new.payload, new.payload_type)
        run = self.store.insert_run(
            streams_version=new.streams_version,
            id=run_id,
            task_identifier=new.task_id,
            status=status,
            payload=payload,
            payload_type=payload_type,
            output=None,
            output_type=packets.JSON,
            error=None,
            metadata=metadata_text,
            metadata_type=metadata_type,
            tags=tags,
            idempotency_key=new.idempotency_key,
            idempotency_key_expires_at=new.idempotency_key_expires_at if new.idempotency_key else None,
            idempotency_key_options=options.get("idempotencyKeyOptions") if new.idempotency_key else None,
            queue=queue_name if isinstance(queue_name, str) and queue_name else f"task/{new.task_id}",
            concurrency_key=None if concurrency_key is None else str(concurrency_key),
            machine=options.get("machine"),
            max_attempts=options.get("maxAttempts"),
            max_duration_s=_as_float(max_duration) if isinstance(max_duration, int | float) else None,
            priority_s=_as_float(options.get("priority") or 0),
            is_test=bool(options.get("test")),
            version=options.get("lockToVersion"),
            lock_to_version=options.get("lockToVersion"),
            region=options.get("region"),
            ttl=ttl,
            ttl_ms=ttl_ms,
            created_at=now if new.created_at is None else new.created_at,
            updated_at=now,
            started_at=None,
            completed_at=None,
            delay_until=delay_until,
            queued_at=None if delay_until is not None else now,
            expired_at=None,
            retry_at=None,
            attempt_started_at=None,
            attempt_count=0,
            duration_ms=0,
            trigger_function=new.trigger_function,
            batch_id=new.batch_id,
            depth=parent.depth + 1 if parent else 0,
            parent_run_id=parent.id if parent else None,
            root_run_id=(parent.root_run_id or parent.id) if parent else None,
            resume_parent=bool(options.get("resumeParentOnCompletion")) and parent is not None,
            bulk_action_id=options.get("bulkActionId"),
            schedule_id=new.schedule_id,
            options=options,
        )
        return run

    def _offload_payload(self, run_id: str, payload: str | None, payload_type: str) -> tuple[str | None, str]:
        """Keep an inline payload of more than 512 KiB in the object store as ``<runId>/payload.json``,
        as the trigger route does; other payloads stay as they are."""
        if (
            self.objects is None
            or payload is None
            or payload_type == packets.STORE
            or len(payload.encode("utf-8")) <= SERVER_OFFLOAD_THRESHOLD_BYTES
        ):
            return payload, payload_type
        return self.objects.write_packet(f"{run_id}/payload.json", payload, payload_type), packets.STORE

    def trigger_scheduled(
        self, task_id: str, payload: str, *, schedule_id: str, created_at: int, now: int
    ) -> RunRecord:
        """Create the run a schedule triggers (call inside a store transaction; wakes nothing).

        As the schedule engine does (``v3/scheduleEngine.server.ts``): the payload is a superjson packet,
        the run is created at the occurrence's nominal time and linked to the schedule, with no other
        options.

        Args:
            task_id: the schedule's task.
            payload: the superjson text of the scheduled-task payload.
            schedule_id: the schedule id (``sched_…``), for ``filter[schedule]`` and ``schedule`` on retrieve.
            created_at: the occurrence's nominal time (epoch ms), reported as ``createdAt``.
            now: the current virtual time (epoch ms): when the run is queued.

        Returns:
            The new run.
        """
        new = _NewRun(
            task_id=task_id,
            payload=payload,
            payload_type=packets.SUPERJSON,
            options={"payloadType": packets.SUPERJSON},
            schedule_id=schedule_id,
            created_at=created_at,
        )
        return self._insert_run(new, now)

    # Batches

    def create_batch(self, body: Any, headers: Mapping[str, str], access: Access | None = None) -> Response:
        """``POST /api/v3/batches`` (phase 1): declare a batch of ``runCount`` runs.

        Args:
            body: the parsed JSON body.
            headers: request headers (lower-case names).
            access: who is asking; once the body is valid it needs ``batchTrigger`` on every task of
                ``taskIdentifiers`` (or on batches or tasks as a whole, which a body without
                ``taskIdentifiers`` needs). A one-time-use token is spent by the batch.

        Returns:
            ``(202, {"id", "runCount", "isCached", "idempotencyKey"?}, token headers)``, or ``200`` with
            ``isCached: true`` when the same ``idempotencyKey`` created a batch in the last 24 hours.

        Raises:
            ApiError: 400 validation or runCount over 1,000; 403 without the scopes; 422 idempotency key
                or one-time-use token already used.
        """
        issues = Issues()
        if not issues.expect_type([], body, "object"):
            raise _error(400, issues.message())
        run_count = body.get("runCount")
        if run_count is None:
            issues.add(["runCount"], "Required", "invalid_type", expected="number", received="undefined")
        elif issues.expect_type(["runCount"], run_count, "integer") and run_count <= 0:
            issues.add(
                ["runCount"],
                "Number must be greater than 0",
                "too_small",
                minimum=0,
                type="number",
                inclusive=False,
                exact=False,
            )
        task_ids = body.get("taskIdentifiers")
        if task_ids is not None and issues.expect_type(["taskIdentifiers"], task_ids, "array"):
            if not task_ids:
                issues.add(["taskIdentifiers"], "Array must contain at least 1 element(s)", "too_small")
            for index, task in enumerate(task_ids):
                if issues.expect_type(["taskIdentifiers", index], task, "string") and not task:
                    issues.add(
                        ["taskIdentifiers", index], "String must contain at least 1 character(s)", "too_small"
                    )
        issues.optional(["parentRunId"], body.get("parentRunId"), "string")
        issues.optional(["resumeParentOnCompletion"], body.get("resumeParentOnCompletion"), "boolean")
        issues.optional_max_length(
            ["idempotencyKey"],
            body.get("idempotencyKey"),
            MAX_IDEMPOTENCY_KEY_LENGTH,
            "idempotencyKey must be 2048 characters or less",
        )
        check_idempotency_key_options(issues, ["idempotencyKeyOptions"], body.get("idempotencyKeyOptions"))
        if issues:
            raise _error(400, issues.message())
        collections = [("batch", None), ("tasks", None)]
        if access is not None:
            access.require_every("batchTrigger", [("tasks", task) for task in task_ids or []], collections)
        assert isinstance(run_count, int)
        if run_count > MAX_BATCH_RUN_COUNT:
            raise _error(
                400, f"Batch runCount of {run_count} exceeds maximum allowed of {MAX_BATCH_RUN_COUNT}."
            )
        # Phase two needs a delegated token only for a browser, and only one allowed to trigger any task.
        browser = headers.get("x-trigger-client") == "browser" and (
            access is None or access.allows("batchTrigger", [("tasks", None)])
        )
        one_time = access.one_time_use_hash if access is not None else None
        key = body.get("idempotencyKey")
        now = self.clock.now_ms()
        scope = _scope_hash(key, [self.environment.id, *sorted(set(task_ids or []))]) if key else None
        with self.store.transaction():
            if scope is not None:
                cached_id = self.store.request_key_entity(scope, now)
                cached = self.store.get_batch(cached_id) if cached_id else None
                if cached is not None:
                    body_out = {"id": cached.id, "runCount": cached.run_count, "isCached": True}
                    return 200, body_out, self._batch_token_headers(cached.id, browser)
            if key and self.store.find_batch_by_idempotency_key(key) is not None:
                raise _error(
                    422, "Cannot create batch as it has already been created with the same idempotency key."
                )
            if one_time is not None and self.store.one_time_token_used("batch", one_time):
                raise _error(
                    422, "Cannot create batch with a one-time use token as it has already been used."
                )
            batch = self.insert_pending_batch(body, run_count, task_ids, key, now)
            if one_time is not None:
                self.store.spend_one_time_token("batch", one_time, batch.id)
            if scope is not None:
                self.store.save_request_key(scope, batch.id, now + REQUEST_IDEMPOTENCY_TTL_MS)
        answer: dict[str, Any] = {"id": batch.id, "runCount": run_count, "isCached": False}
        if key:
            answer["idempotencyKey"] = key
        return 202, answer, self._batch_token_headers(batch.id, browser)

    def insert_pending_batch(
        self, body: Mapping[str, Any], run_count: int, task_ids: list[str] | None, key: str | None, now: int
    ) -> BatchRecord:
        """Store a new batch waiting for its items (call inside a store transaction).

        Args:
            body: the create request (``idempotencyKeyOptions``, ``parentRunId``,
                ``resumeParentOnCompletion``).
            run_count: how many items it will hold.
            task_ids: the declared task identifiers, or None.
            key: its idempotency key, or None.
            now: the current virtual time (epoch ms).
        """
        return self.store.insert_batch(
            id=new_id("batch"),
            run_count=run_count,
            status="PENDING",
            idempotency_key=key,
            idempotency_key_options=body.get("idempotencyKeyOptions") if key else None,
            task_identifiers=task_ids,
            parent_run_id=body.get("parentRunId"),
            resume_parent=bool(body.get("resumeParentOnCompletion")),
            sealed=False,
            run_ids=[],
            errors=[],
            created_at=now,
            updated_at=now,
            sealed_at=None,
            processing_completed_at=None,
        )

    def stream_batch_items(
        self, batch_id: str, body: bytes, authorize_item: Callable[[Any], None] | None = None
    ) -> Response:
        """``POST /api/v3/batches/{batchId}/items`` (phase 2): NDJSON items, de-duplicated by index.

        When all ``runCount`` items have arrived the batch is sealed and its runs are created.

        Args:
            batch_id: the batch id from the path.
            body: the NDJSON body.
            authorize_item: for a credential that may not write the batch as a whole, the check each
                item must pass as it is read (it raises); such a credential must send at least one item,
                which is checked before the batch is looked at, as the server does.

        Returns:
            ``(200, {"id", "itemsAccepted", "itemsDeduplicated", "sealed", …}, {})``.

        Raises:
            ApiError: 400 for a batch id that is not a friendly id (``batch_…``) or a line that is not JSON
                (or not UTF-8); 403 for an item ``authorize_item`` refuses, or no item; 422 for an unknown
                batch, an invalid item or an index out of range.
        """
        items = self._ndjson_items(body)
        if authorize_item is not None:
            first = next(items, None)
            if first is None:
                raise _error(403, "Unauthorized")
            authorize_item(first)
            items = itertools.chain([first], items)
        if not _is_friendly_id(batch_id):
            raise _error(400, f"Invalid batchFriendlyId: {batch_id}")
        batch = self.store.get_batch(batch_id)
        if batch is None:
            raise _error(422, f"Batch {batch_id} not found")
        if batch.sealed or batch.status != "PENDING":
            if batch.sealed:
                return 200, self._sealed_answer(batch, 0, 0), {}
            raise _error(422, f"Batch {batch_id} is not in PENDING status (current: {batch.status})")
        accepted = 0
        deduplicated = 0
        for item in items:
            if authorize_item is not None:
                authorize_item(item)
            self._check_item(item, batch.run_count)
            if self.store.add_batch_item(batch_id, int(item["index"]), item):
                accepted += 1
            else:
                deduplicated += 1
        with self.store.transaction():
            batch = self.store.get_batch(batch_id)
            assert batch is not None
            if batch.sealed:
                return 200, self._sealed_answer(batch, accepted, deduplicated), {}
            received = self.store.count_batch_items(batch_id)
            if received != batch.run_count:
                return (
                    200,
                    {
                        "id": batch_id,
                        "itemsAccepted": accepted,
                        "itemsDeduplicated": deduplicated,
                        "sealed": False,
                        "enqueuedCount": received,
                        "expectedCount": batch.run_count,
                        "runCount": batch.run_count,
                    },
                    {},
                )
            self._seal(batch)
            batch = self.store.get_batch(batch_id)
            assert batch is not None
        self.engine.wake()
        return 200, self._sealed_answer(batch, accepted, deduplicated), {}

    @staticmethod
    def _ndjson_items(body: bytes) -> Iterator[Any]:
        """The items of an NDJSON body, read one line at a time (blank lines skipped).

        Raises:
            ApiError: 400 when a line is not UTF-8 or not JSON (as the line is reached).
        """
        for line_number, raw_line in enumerate(body.split(b"\n"), start=1):
            try:
                text = raw_line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _error(400, f"Invalid UTF-8 at line {line_number}: {exc}") from exc
            text = text.strip()
            if not text:
                continue
            try:
                item = loads_request_json(text)
            except ValueError as exc:
                raise _error(400, f"Invalid JSON at line {line_number}: {exc}") from exc
            yield item

    @staticmethod
    def _sealed_answer(batch: BatchRecord, accepted: int, deduplicated: int) -> dict[str, Any]:
        return {
            "id": batch.id,
            "itemsAccepted": accepted,
            "itemsDeduplicated": deduplicated,
            "sealed": True,
            "runCount": batch.run_count,
        }

    @staticmethod
    def _check_item(item: Any, run_count: int) -> None:
        issues = Issues()
        if issues.expect_type([], item, "object"):
            index = item.get("index")
            if index is None:
                issues.add(["index"], "Required", "invalid_type", expected="number", received="undefined")
            elif issues.expect_type(["index"], index, "integer") and index < 0:
                issues.add(["index"], "Number must be greater than or equal to 0", "too_small")
            if item.get("task") is None:
                issues.add(["task"], "Required", "invalid_type", expected="string", received="undefined")
            else:
                issues.expect_type(["task"], item.get("task"), "string")
            options = item.get("options")
            if options is not None and issues.expect_type(["options"], options, "object"):
                check_run_options(issues, ["options"], options)
        if issues:
            raw_index = item.get("index") if isinstance(item, dict) else None
            where = f"index {raw_index}" if type_name(raw_index) == "number" else "unknown index"
            raise _error(422, f"Invalid item at {where}: {issues.message()}")
        if int(item["index"]) >= run_count:
            raise _error(422, f"Item index {item['index']} exceeds batch runCount {run_count}")

    def _seal(self, batch: BatchRecord) -> None:
        now = self.clock.now_ms()
        run_ids: list[str] = []
        errors: list[dict[str, Any]] = list(batch.errors)
        for index, item in self.store.batch_items(batch.id):
            options = dict(item.get("options") or {})
            if batch.parent_run_id and "parentRunId" not in options:
                options["parentRunId"] = batch.parent_run_id
                options["resumeParentOnCompletion"] = batch.resume_parent
            key = options.get("idempotencyKey")
            try:
                run, _cached = self._create_or_reuse(
                    _NewRun(
                        task_id=item["task"],
                        payload=None,
                        payload_type=str(options.get("payloadType") or packets.JSON),
                        options=options,
                        trigger_function="batchTrigger",
                        batch_id=batch.id,
                        idempotency_key=key or None,
                        idempotency_key_expires_at=idempotency_key_expiry_ms(
                            options.get("idempotencyKeyTTL"), now
                        ),
                    ),
                    raw_payload=item.get("payload"),
                    parse_json_strings=True,
                    now=now,
                )
            except ApiError as exc:
                errors.append(
                    {"index": index, "taskIdentifier": item["task"], "error": str(exc.body.get("error"))}
                )
                continue
            run_ids.append(run.id)
        self.store.update_batch(
            batch.id,
            sealed=True,
            sealed_at=now,
            status="PROCESSING",
            run_ids=run_ids,
            errors=errors,
            updated_at=now,
            processing_completed_at=now,
        )

    def retrieve_batch(self, batch_id: str) -> Response:
        """``GET /api/v2/batches/{batchId}``.

        Raises:
            ApiError: 404 ``{"error": "Not found"}`` with ``x-should-retry: true`` for an unknown batch.
        """
        batch = self.store.get_batch(batch_id)
        if batch is None:
            raise not_found(should_retry=True)
        runs = self.store.get_runs(batch.run_ids)
        return 200, shapes.retrieved_batch(batch, runs), {}

    # Idempotency keys

    def reset_idempotency_key(self, key: str, task_identifier: str) -> Response:
        """``POST /api/v1/idempotencyKeys/{key}/reset``: forget ``key`` on every run of the task that holds
        it (and its expiry), so that the next trigger with it makes a new run.

        Args:
            key: the stored idempotency key, from the path.
            task_identifier: the task, from the body.

        Returns:
            ``(200, {"id": <key>}, {})``.

        Raises:
            ApiError: 404 when no run of the task holds the key.
        """
        if self.store.clear_idempotency_key(task_identifier, key) == 0:
            raise _error(404, f"No runs found with idempotency key: {key} and task: {task_identifier}")
        return 200, {"id": key}, {}

    # Runs

    def list_runs(self, query: Mapping[str, str], v4: bool) -> Response:
        """``GET /api/v1/runs``: one cursor page of runs, newest first.

        Args:
            query: the query parameters (the last value of a repeated key wins).
            v4: True for the v4 status vocabulary.

        Raises:
            ApiError: 400 ``{"error": "Query Error", "details": [...]}`` for invalid parameters.
        """
        return self.run_list_page(self.parse_run_list_query(query), v4)

    def parse_run_list_query(self, query: Mapping[str, str]) -> RunListQuery:
        """Read the query of a run list (``GET /api/v1/runs``, ``GET /api/v1/projects/{ref}/runs``).

        Args:
            query: the query parameters (the last value of a repeated key wins).

        Raises:
            ApiError: 400 ``{"error": "Query Error", "details": [...]}`` for invalid parameters.
        """
        issues = Issues()
        page_size = self._page_size(issues, query.get("page[size]"))

        def csv(name: str) -> tuple[str, ...] | None:
            value = query.get(name)
            return tuple(value.split(",")) if value else None

        statuses: tuple[str, ...] | None = None
        status_names = csv("filter[status]")
        if status_names:
            unknown = [name for name in status_names if st.filter_statuses(name) is None]
            if unknown:
                issues.add(["filter[status]"], f"Invalid status values: {', '.join(unknown)}")
            else:
                selected: list[str] = []
                for name in dict.fromkeys(status_names):
                    selected.extend(st.filter_statuses(name) or ())
                statuses = tuple(selected)
        is_test: bool | None = None
        raw_test = query.get("filter[isTest]")
        if raw_test:
            if raw_test in ("true", "false"):
                is_test = raw_test == "true"
            else:
                issues.add(["filter[isTest]"], f"Invalid value for isTest: {raw_test}")
        machines = csv("filter[machine]")
        if machines:
            invalid = [machine for machine in machines if machine not in MACHINE_PRESETS]
            if invalid:
                issues.add(["filter[machine]"], f"Invalid machine values: {', '.join(invalid)}")
        instants: dict[str, int | None] = {}
        for bound in ("from", "to"):
            name = f"filter[createdAt][{bound}]"
            raw = query.get(name)
            instants[bound] = None
            if raw is not None:
                instant = parse_filter_instant_ms(raw)
                if instant is None:
                    issues.add([name], "Invalid date", "invalid_date")
                instants[bound] = instant
        if issues:
            raise ApiError(400, {"error": "Query Error", "details": issues.items})

        now = self.clock.now_ms()
        created_from: int | None
        created_to: int | None
        period = query.get("filter[createdAt][period]")
        if period:
            period_ms = parse_period_ms(period)
            # A period reaching back past the earliest possible instant puts no lower bound on createdAt.
            reaches_back = period_ms is not None and now - period_ms >= -JS_DATE_LIMIT_MS
            created_from, created_to = (now - period_ms if period_ms and reaches_back else None), None
        elif instants["from"] is not None or instants["to"] is not None:
            created_from, created_to = instants["from"], instants["to"]
        else:
            created_from, created_to = now - DEFAULT_LIST_PERIOD_MS, None
        filters = RunFilters(
            statuses=statuses,
            task_identifiers=csv("filter[taskIdentifier]"),
            versions=csv("filter[version]"),
            tags=csv("filter[tag]"),
            bulk_action=query.get("filter[bulkAction]") or None,
            schedule=query.get("filter[schedule]") or None,
            batch=query.get("filter[batch]") or None,
            is_test=is_test,
            created_from_ms=created_from,
            created_to_ms=created_to,
            queues=csv("filter[queue]"),
            machines=machines,
            regions=csv("filter[region]"),
        )
        return RunListQuery(
            filters=filters,
            page_size=page_size,
            after=query.get("page[after]") or None,
            before=query.get("page[before]") or None,
        )

    def run_list_page(self, request: RunListQuery, v4: bool) -> Response:
        """One cursor page of the runs a run list query selects, newest first.

        Args:
            request: the query, read by :meth:`parse_run_list_query`.
            v4: True for the v4 status vocabulary.
        """
        page = self.store.list_runs(
            request.filters, page_size=request.page_size, after=request.after, before=request.before
        )
        environment = self.environment.as_json()
        pagination: dict[str, str] = {}
        if page.next:
            pagination["next"] = page.next
        if page.previous:
            pagination["previous"] = page.previous
        data = [shapes.listed_run(run, v4, environment) for run in page.runs]
        return 200, {"data": data, "pagination": pagination}, {}

    @staticmethod
    def _page_size(issues: Issues, raw: str | None) -> int:
        if raw is None:
            return DEFAULT_PAGE_SIZE
        try:
            number = float(raw.strip()) if raw.strip() else 0.0
        except ValueError:
            issues.add(
                ["page[size]"],
                "Expected number, received nan",
                "invalid_type",
                expected="number",
                received="nan",
            )
            return DEFAULT_PAGE_SIZE
        if not number.is_integer():
            issues.add(
                ["page[size]"],
                "Expected integer, received float",
                "invalid_type",
                expected="integer",
                received="float",
            )
            return DEFAULT_PAGE_SIZE
        if number <= 0:
            issues.add(
                ["page[size]"],
                "Number must be greater than 0",
                "too_small",
                minimum=0,
                type="number",
                inclusive=False,
                exact=False,
            )
        if number < 1:
            issues.add(
                ["page[size]"],
                "Number must be greater than or equal to 1",
                "too_small",
                minimum=1,
                type="number",
                inclusive=True,
                exact=False,
            )
        if number > 100:
            issues.add(
                ["page[size]"],
                "Number must be less than or equal to 100",
                "too_big",
                maximum=100,
                type="number",
                inclusive=True,
                exact=False,
            )
        return int(number)

    def _retrieved(self, run: RunRecord, v4: bool) -> dict[str, Any]:
        parent = self.store.get_run(run.parent_run_id) if run.parent_run_id else None
        root = self.store.get_run(run.root_run_id) if run.root_run_id else None
        schedule = self.store.get_schedule(run.schedule_id) if run.schedule_id else None
        return shapes.retrieved_run(
            run,
            v4,
            root=root,
            parent=parent,
            children=self.store.children_of(run.id),
            schedule=shapes.run_schedule(schedule) if schedule else None,
            presign=self._download_url,
        )

    def _download_url(self, storage_path: str) -> str | None:
        if self.objects is None:
            return None
        try:
            return self.objects.presign(storage_path, "GET")
        except ApiError:
            return None  # the server logs the failure and answers without a URL

    def retrieve_run(self, run_id: str, v4: bool) -> Response:
        """``GET /api/v3/runs/{runId}``.

        Raises:
            ApiError: 404 ``{"error": "Not found"}`` with ``x-should-retry: true`` for an unknown run.
        """
        run = self.store.get_run(run_id)
        if run is None:
            raise not_found(should_retry=True)
        return 200, self._retrieved(run, v4), {}

    def cancel_run(self, run_id: str) -> Response:
        """``POST /api/v2/runs/{runId}/cancel``: cancel a run that has not finished (finished runs stay).

        Raises:
            ApiError: 404 ``{"error": "Not found"}`` (``x-should-retry: false``) for an unknown run.
        """
        now = self.clock.now_ms()
        with self.store.transaction():
            run = self.store.get_run(run_id)
            if run is None:
                raise not_found(should_retry=False)
            if run.status in st.INTERNAL_STATUSES and not st.is_final(run.status):
                fields: dict[str, Any] = {
                    "status": st.CANCELED,
                    "completed_at": now,
                    "updated_at": now,
                    "error": {"message": "Canceled by user"},
                    "retry_at": None,
                }
                if run.attempt_started_at is not None:
                    fields["duration_ms"] = run.duration_ms + max(0, now - run.attempt_started_at)
                self.store.update_run(run_id, **fields)
        self.engine.wake()
        return 200, {"id": run_id}, {}

    def replay_run(self, run_id: str, *, region: str | None = None) -> Response:
        """``POST /api/v1/runs/{runId}/replay``: a new run of the same task with the same payload.

        As ``ReplayTaskRunService`` is called by the API route: the payload, payload type, tags, metadata,
        queue, concurrency key, machine and test flag are carried over; the region is dropped in a
        development environment (the emulator's); the new run is on the current version. The route reads
        no body: options the official SDK sends with ``runs.replay(id, {...})`` are ignored. ``region`` is
        a bulk replay's ``targetRegion`` (also dropped in development).

        Raises:
            ApiError: 404 ``{"error": "Not found"}`` for an unknown run.
        """
        original = self.store.get_run(run_id)
        if original is None:
            raise not_found(should_retry=False)
        options: dict[str, Any] = {
            "payloadType": original.payload_type,
            "queue": {"name": original.queue},
            "test": original.is_test,
            "tags": list(original.tags),
        }
        for name, value in (
            ("concurrencyKey", original.concurrency_key),
            ("machine", original.machine),
            ("region", None if self.environment.type == "DEVELOPMENT" else region or original.region),
        ):
            if value is not None:
                options[name] = value
        original_metadata = packets.decode_packet(original.metadata, original.metadata_type)
        if original_metadata is not packets.MISSING:
            options["metadata"] = original_metadata
        now = self.clock.now_ms()
        with self.store.transaction():
            run, _cached = self._create_or_reuse(
                _NewRun(
                    task_id=original.task_identifier,
                    payload=original.payload,
                    payload_type=original.payload_type,
                    options=options,
                ),
                raw_payload=None,
                parse_json_strings=True,
                now=now,
            )
        self.engine.wake()
        return 200, {"id": run.id}, {}

    def reschedule_run(self, run_id: str, body: Any, v4: bool) -> Response:
        """``POST /api/v1/runs/{runId}/reschedule``: move the start of a DELAYED run.

        Returns:
            ``(200, RetrieveRunResponse, {})`` with the new ``delayedUntil``.

        Raises:
            ApiError: 400 ``Invalid request body`` / ``Invalid delay: …`` / ``Cannot reschedule a run that is
                not delayed``; 404 ``Run not found``.
        """
        if not isinstance(body, dict) or type_name(body.get("delay")) not in ("string", "number"):
            raise _error(400, "Invalid request body")
        delay = body["delay"]
        if type_name(delay) == "number" and not is_js_date_ms(delay):
            raise _error(400, "Invalid request body")  # z.coerce.date(): an Invalid Date
        now = self.clock.now_ms()
        try:
            delay_until = parse_delay_ms(delay, now)
        except DelayOutOfRangeError:
            delay_until = None
        if delay_until is None:
            raise _error(400, f"Invalid delay: {delay}")
        with self.store.transaction():
            run = self.store.get_run(run_id)
            if run is None:
                raise _error(404, "Run not found")
            if run.status != st.DELAYED:
                raise _error(400, "Cannot reschedule a run that is not delayed")
            self.store.update_run(run_id, delay_until=delay_until, updated_at=now)
            run = self.store.get_run(run_id)
            assert run is not None
        self.engine.wake()
        return 200, self._retrieved(run, v4), {}

    # Test controls

    def set_run_status(self, run_id: str, status: str) -> None:
        """Force the status of a run (see ``Emulator.set_run_status``).

        Raises:
            KeyError: if the run does not exist.
        """
        internal = st.forced_status(status)
        now = self.clock.now_ms()
        with self.store.transaction():
            run = self.store.get_run(run_id)
            if run is None:
                raise KeyError(f"no run {run_id!r}")
            fields: dict[str, Any] = {"status": internal, "updated_at": now}
            if st.is_final(internal):
                fields["completed_at"] = run.completed_at or now
                fields["retry_at"] = None
            if internal == st.EXPIRED:
                fields["expired_at"] = run.expired_at or now
            if internal == st.PENDING:
                fields["queued_at"] = now
            if internal == st.DELAYED and run.delay_until is None:
                fields["delay_until"] = now
            if internal == st.EXECUTING and run.attempt_started_at is None:
                fields["attempt_started_at"] = now
                fields["started_at"] = run.started_at or now
            self.store.update_run(run_id, **fields)
        self.engine.wake()


def _is_friendly_id(value: str) -> bool:
    """Whether the server can parse ``value`` as a friendly id: ``<entity>_<id>``, both parts non-empty."""
    parts = value.split("_")
    return len(parts) == 2 and all(parts)


def _as_float(value: Any) -> float:
    """A JSON number as JavaScript reads it: an integer too large for a double is ±Infinity."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
