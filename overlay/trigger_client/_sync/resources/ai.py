"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.ai``: AI tools made from tasks. A tool is a task with a name, a description and the JSON
Schema of its payload; models call it through OpenAI, Anthropic or MCP tool definitions, and
:meth:`AITool.call` runs the task and answers its output.

Trigger.dev has no tool endpoints: the registry lives in the client's store (``cache=`` option), under
``{prefix}ai-tools:{name}``, so clients sharing a Redis store share their tools. Only reading a task's
payload schema from the current worker, and calling a tool, send requests.
"""

from __future__ import annotations

import builtins
import os
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from trigger_api.types import Unset

from ... import _validation as check
from ..._ai_tool_formats import anthropic_tool, mcp_tool, openai_tool
from ..._ai_tool_schemas import (
    check_description,
    check_display_options,
    check_parameters,
    check_tool_name,
    check_tool_record,
    validate_arguments,
)
from ..._error_hook import reports_errors
from ..._exceptions import RunFailedError, StoreError, ValidationError, WaitTimeoutError
from ..._redact import redact_text
from ..._types import NOT_GIVEN, NotGiven, RequestOptions
from .._store_namespace import StoreNamespace, decode, encode

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["ACCESS_TOKEN_ENV", "KEY_ENVIRONMENTS", "PROJECT_REF_ENV", "AITool", "AITools"]

ACCESS_TOKEN_ENV = "TRIGGER_ACCESS_TOKEN"
"""The variable holding a personal access token (``tr_pat_…``), as the Trigger.dev CLI reads it."""
PROJECT_REF_ENV = "TRIGGER_PROJECT_REF"
"""The variable holding the project ref (``proj_…``), as the Trigger.dev CLI reads it."""
KEY_ENVIRONMENTS = (
    ("tr_dev_", "dev"),
    ("tr_stg_", "staging"),
    ("tr_prod_", "prod"),
    ("tr_preview_", "preview"),
)
"""Secret key prefixes and the environment slug of the worker route each means."""
ACCESS_TOKEN_PREFIXES = ("tr_pat_", "tr_oat_")
"""Credentials the worker route takes: personal and organization access tokens."""


@reports_errors
class AITool:
    """An AI tool: a task that a model can call. Made by :meth:`AITools.create_tool` (and read by
    ``retrieve_tool``, ``list_tools``, ``update_tool``); bound to the client it was read through, which
    :meth:`call` triggers with. Equal to another tool with the same fields.

    Attributes:
        name: The tool name the model sees (1 to 64 letters, digits, ``_`` or ``-``).
        task_id: The task a call triggers.
        description: What the tool does, for the model.
        parameters: The JSON Schema (a dict, ``"type": "object"``) of the arguments, which are the task's
            payload.
        display_options: ``{"title", "read_only", "destructive", "idempotent", "open_world"}`` (each
            optional), shown by MCP clients; or None.
    """

    __hash__ = None  # type: ignore[assignment]  # mutable dict fields

    def __init__(
        self,
        client: TriggerClient,
        *,
        name: str,
        task_id: str,
        description: str,
        parameters: dict[str, Any],
        display_options: dict[str, Any] | None = None,
    ) -> None:
        self._client = client
        self.name = name
        self.task_id = task_id
        self.description = description
        self.parameters = parameters
        self.display_options = display_options

    def to_dict(self) -> dict[str, Any]:
        """The tool as stored: ``{"name", "task_id", "description", "parameters", "display_options"}``
        (a copy). No request."""
        return _decoded(encode(self._record(), "tool"))

    def to_openai(self, *, strict: bool | None = None) -> dict[str, Any]:
        """The OpenAI Chat Completions tool definition (one item of ``tools``). No request.

        Args:
            strict: Sent as ``function.strict`` when given (OpenAI's strict mode needs every property
                required and ``"additionalProperties": false`` in the schema; it is sent unchanged).

        Returns:
            ``{"type": "function", "function": {"name", "description", "parameters"}}``, a new dict.

        Raises:
            ValidationError: ``strict`` that is not a bool or None.
        """
        if strict is not None and not isinstance(strict, bool):
            raise ValidationError(f"strict must be a bool or None, got {strict!r}", field="strict")
        return openai_tool(self.name, self.description, self.parameters, strict=strict)

    def to_anthropic(self) -> dict[str, Any]:
        """The Anthropic Messages API tool definition (one item of ``tools``). No request.

        Returns:
            ``{"name", "description", "input_schema"}``, a new dict.
        """
        return anthropic_tool(self.name, self.description, self.parameters)

    def to_mcp(self) -> dict[str, Any]:
        """The MCP ``Tool`` definition (one item of a ``tools/list`` result). No request.

        Returns:
            ``{"name", "description", "inputSchema"}``, plus ``"title"`` and ``"annotations"`` from
            :attr:`display_options`: ``title`` becomes ``title`` and ``annotations.title``; ``read_only``,
            ``destructive``, ``idempotent``, ``open_world`` become ``annotations.readOnlyHint``,
            ``destructiveHint``, ``idempotentHint``, ``openWorldHint``.
        """
        return mcp_tool(self.name, self.description, self.parameters, self.display_options)

    def validate(self, arguments: Mapping[str, Any] | str) -> dict[str, Any]:
        """Check arguments from a model against :attr:`parameters` (JSON Schema, formats included). No
        request.

        Args:
            arguments: The arguments: a mapping (Anthropic's ``tool_use.input``), or the JSON text of one
                (OpenAI's ``tool_calls[].function.arguments``).

        Returns:
            The arguments as a dict (parsed when given as text).

        Raises:
            ValidationError: text that is not JSON, a value that is not an object, or arguments that do
                not match: the message lists each failing path (``$.city``, ``$.items[0]``) and what is
                wrong there (``field`` is ``"arguments"``); also when jsonschema is not installed.
        """
        return validate_arguments(
            self.parameters, arguments, tool=self.name, secrets=(self._client._config.api_key,)
        )

    def call(
        self,
        arguments: Mapping[str, Any] | str,
        *,
        timeout_s: float | None = 600.0,
        poll_interval_s: float = 0.5,
        max_poll_interval_s: float = 5.0,
        tags: str | Sequence[str] | None = None,
        idempotency_key: str | Sequence[str] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> Any:
        """Run the tool: validate the arguments, trigger the task with them as its payload, wait for the
        run to finish, and return its output. Calls ``POST /api/v1/tasks/{taskIdentifier}/trigger``, then
        ``GET /api/v3/runs/{runId}`` until the run is final (as ``client.runs.poll``).

        Args:
            arguments: A mapping, or its JSON text (see :meth:`validate`).
            timeout_s: Seconds to wait for the run to finish once triggered, counted from the start of the
                call (None: no limit). The trigger request itself follows the client's timeout and retries.
            poll_interval_s: Seconds before the first poll; the wait grows by 1.5 after each poll...
            max_poll_interval_s: ...up to this many seconds.
            tags: Tags of the run (up to 10).
            idempotency_key: Makes a repeated call with the same key return the first run's output.
            request_options: Per-call timeout, retry policy or extra headers, for each request.

        Returns:
            The run's output (any JSON value; None when the task returned nothing).

        Raises:
            ValidationError: arguments that do not match :attr:`parameters`, or a poll interval or timeout
                that is not a finite number of seconds above zero (nothing is triggered).
            RunFailedError: the run ended in another status than COMPLETED (FAILED, CRASHED, CANCELED,
                EXPIRED, TIMED_OUT, SYSTEM_FAILURE): ``run_id``, ``status`` and the run's ``error``
                (``error_name``, ``error_message``, ``stack_trace``; None when it has none).
            WaitTimeoutError: ``timeout_s`` ran out; the run goes on.
            TriggerError: the trigger or a poll failed (typed, as ``tasks.trigger`` and ``runs.poll``).
        """
        payload = self.validate(arguments)
        _interval, _ceiling, limit = check.poll_waits(poll_interval_s, max_poll_interval_s, timeout_s)
        started = time.monotonic()
        handle = self._client.tasks.trigger(
            self.task_id, payload, tags=tags, idempotency_key=idempotency_key, request_options=request_options
        )
        remaining = None if limit is None else max(limit - (time.monotonic() - started), 0.001)
        try:
            run = self._client.runs.poll(
                handle.id,
                poll_interval_s=poll_interval_s,
                max_poll_interval_s=max_poll_interval_s,
                timeout_s=remaining,
                request_options=request_options,
            )
        except WaitTimeoutError as exc:  # told in the caller's terms: the whole call's timeout_s
            last = exc.last_seen
            seen = f"; last status {last.status}" if last is not None else ""
            raise WaitTimeoutError(
                f"tool {self.name!r}: run {handle.id} did not finish within timeout_s={timeout_s} s{seen}",
                timeout_s=float(limit or 0.0),
                last_seen=last,
            ) from None
        status = str(run.status)
        if status == "COMPLETED":
            return None if isinstance(run.output, Unset) else run.output
        secrets = (self._client._config.api_key,)
        error = None if isinstance(run.error, Unset) else run.error
        name = _text(error.name, secrets) if error is not None else None
        message = _text(error.message, secrets) if error is not None else None
        stack = _text(error.stack_trace, secrets) if error is not None else None
        summary = f"run {run.id} of task {self.task_id!r} (tool {self.name!r}) ended {status}"
        if message is not None:
            summary += f": {name}: {message}" if name else f": {message}"
        raise RunFailedError(
            redact_text(summary[:1000], secrets),
            run_id=run.id,
            status=status,
            error_name=name,
            error_message=message,
            stack_trace=stack,
        )

    def _record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "task_id": self.task_id,
            "description": self.description,
            "parameters": self.parameters,
            "display_options": self.display_options,
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AITool):
            return NotImplemented
        return self._record() == other._record()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, task_id={self.task_id!r})"


@reports_errors
class AITools:
    """The AI tools of a client: a registry of tools, each made from a task. Reached as ``client.ai``.

    The registry is in the client's store (``cache=`` option: memory by default, or Redis shared by every
    process pointing at it), under ``{prefix}ai-tools:{name}``; Trigger.dev itself has no tool endpoints.
    Writes are last-writer-wins, except :meth:`create_tool`, which never replaces a tool unless asked.

    Args:
        client: The client whose store holds the tools and which tools call with.
        prefix: The key prefix of the registry (``"trigger_client:ai-tools:"``).
    """

    def __init__(self, client: TriggerClient, prefix: str) -> None:
        self._client = client
        self._entries = StoreNamespace(client._store, prefix)

    def create_tool(
        self,
        task_id: str,
        name: str,
        description: str,
        parameters: Mapping[str, Any] | None = None,
        display_options: Mapping[str, Any] | None = None,
        *,
        replace: bool = False,
        project_ref: str | None = None,
        environment: str | None = None,
        personal_access_token: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AITool:
        """Make a tool from a task and store it. No request, except to read the payload schema from the
        current worker when ``parameters`` is omitted
        (``GET /api/v1/projects/{projectRef}/{env}/workers/current``).

        Without ``parameters``, the task's payload schema (from ``schemaTask``) is read from the current
        worker with a personal access token: ``personal_access_token``, else the client's own key when it
        is a personal or organization access token (``tr_pat_…``, ``tr_oat_…``), else
        ``TRIGGER_ACCESS_TOKEN``. The project is ``project_ref``, else
        ``TRIGGER_PROJECT_REF``; the environment is ``environment``, else the one of the client's secret
        key (``tr_dev_`` → ``dev``, ``tr_stg_`` → ``staging``, ``tr_prod_`` → ``prod``, ``tr_preview_`` →
        ``preview``, with the client's preview branch).

        Args:
            task_id: The task a call triggers.
            name: The tool name the model sees: 1 to 64 letters, digits, ``_`` or ``-``.
            description: What the tool does and when to use it, for the model (not blank).
            parameters: The JSON Schema of the arguments (the task's payload): valid for its ``$schema``
                (default draft 2020-12), with ``"type": "object"`` at the top. None: read it from the
                current worker.
            display_options: For MCP clients: ``{"title": str, "read_only": bool, "destructive": bool,
                "idempotent": bool, "open_world": bool}``, each optional.
            replace: Replace a tool of the same name instead of refusing.
            project_ref: With ``parameters`` omitted: the project (``proj_…``).
            environment: With ``parameters`` omitted: ``dev``, ``staging``, ``prod`` or ``preview``.
            personal_access_token: With ``parameters`` omitted: the token the worker route takes.
            request_options: Per-call options for reading the worker.

        Returns:
            The tool, stored.

        Raises:
            ValidationError: a bad name, a blank description, bad display options, a ``parameters`` that
                is not a valid JSON Schema of an object, a tool of that name already stored (use
                ``update_tool``, or ``replace=True``), jsonschema not installed (``pip install
                'trigger-rest-client[ai]'``); with ``parameters`` omitted: no personal access token, no
                project ref or environment, a task missing from the worker or without a payload schema.
            AuthenticationError: the worker route refused the token.
            NotFoundError: no current worker ("Worker not found"), or a project or environment the token
                cannot reach.
            StoreError: the store failed.
        """
        tool_name = check_tool_name(name)
        task = check.path_segment(task_id, "task_id")
        text = check_description(description)
        options = check_display_options(display_options)
        if not isinstance(replace, bool):
            raise ValidationError(f"replace must be a bool, got {replace!r}", field="replace")
        if parameters is None:
            schema = self._worker_schema(
                task, project_ref, environment, personal_access_token, request_options
            )
        else:
            schema = check_parameters(parameters)
        tool = AITool(
            self._client,
            name=tool_name,
            task_id=task,
            description=text,
            parameters=schema,
            display_options=options,
        )
        self._store(tool, replace=replace)
        return tool

    def list_tools(self) -> builtins.list[AITool]:
        """Every stored tool, sorted by name. No request: the registry is in the client's store.

        Returns:
            A list of :class:`AITool` (empty when none is stored).

        Raises:
            StoreError: the store failed, or an entry is not a tool (another program wrote it).
        """
        items = self._entries._items()
        return [self._tool(name, record) for name, record in items.items()]

    def retrieve_tool(self, name: str) -> AITool:
        """The stored tool of that name. No request: the registry is in the client's store.

        Args:
            name: The tool name.

        Returns:
            The :class:`AITool`, bound to this client.

        Raises:
            ValidationError: a bad name, or no tool of that name (``field`` is ``"name"``).
            StoreError: the store failed, or the entry is not a tool.
        """
        tool_name = check_tool_name(name)
        record = self._entries.get(tool_name)
        if record is None:
            raise ValidationError(f"no AI tool named {tool_name!r}: make it with create_tool", field="name")
        return self._tool(tool_name, record)

    def update_tool(
        self,
        name: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
        parameters: Mapping[str, Any] | NotGiven | None = NOT_GIVEN,
        display_options: Mapping[str, Any] | NotGiven | None = NOT_GIVEN,
        task_id: str | NotGiven = NOT_GIVEN,
        project_ref: str | None = None,
        environment: str | None = None,
        personal_access_token: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AITool:
        """Change a stored tool; what is not given stays. No request, except ``parameters=None``, which
        reads the task's payload schema from the current worker again, as :meth:`create_tool` does
        (``GET /api/v1/projects/{projectRef}/{env}/workers/current``).

        Args:
            name: The tool to change (its name cannot change: create another tool and delete this one).
            description: A new description.
            parameters: A new JSON Schema; None reads it from the current worker (for the new ``task_id``
                when that is given too). Changing ``task_id`` alone keeps the schema.
            display_options: New display options; None removes them.
            task_id: Another task to call.
            project_ref, environment, personal_access_token: With ``parameters=None``, as for
                :meth:`create_tool`.
            request_options: Per-call options for reading the worker.

        Returns:
            The tool as stored now.

        Raises:
            ValidationError: no tool of that name, or a value :meth:`create_tool` would refuse.
            AuthenticationError, NotFoundError: reading the worker failed (``parameters=None``).
            StoreError: the store failed.
        """
        tool = self.retrieve_tool(name)
        if not isinstance(task_id, NotGiven):
            tool.task_id = check.path_segment(task_id, "task_id")
        if not isinstance(description, NotGiven):
            tool.description = check_description(description)
        if not isinstance(display_options, NotGiven):
            tool.display_options = check_display_options(display_options)
        if parameters is None:
            tool.parameters = self._worker_schema(
                tool.task_id, project_ref, environment, personal_access_token, request_options
            )
        elif not isinstance(parameters, NotGiven):
            tool.parameters = check_parameters(parameters)
        self._store(tool, replace=True)
        return tool

    def delete_tool(self, name: str) -> bool:
        """Delete a tool. No request: the registry is in the client's store.

        Returns:
            Whether a tool of that name was stored.

        Raises:
            ValidationError: a bad name.
            StoreError: the store failed.
        """
        return self._entries.delete(check_tool_name(name))

    def _store(self, tool: AITool, *, replace: bool) -> None:
        if replace:
            self._entries.set(tool.name, tool._record())
            return
        if not self._entries._add(tool.name, tool._record(), None):
            raise ValidationError(
                f"an AI tool named {tool.name!r} already exists: change it with update_tool, or pass "
                "replace=True",
                field="name",
            )

    def _tool(self, name: str, record: Any) -> AITool:
        """A tool from its stored record, checked as :meth:`create_tool` checks (the store may be shared).

        Raises:
            StoreError: the record is not a tool this client would make (another program wrote it).
        """
        try:
            checked = check_tool_record(name, record)
            return AITool(
                self._client,
                name=name,
                task_id=checked["task_id"],
                description=checked["description"],
                parameters=checked["parameters"],
                display_options=checked.get("display_options"),
            )
        except ValidationError as exc:
            raise StoreError(
                f"the stored AI tool {name!r} is not a tool ({exc.message}): another program wrote it"[:400]
            ) from None

    def _worker_schema(
        self,
        task_id: str,
        project_ref: str | None,
        environment: str | None,
        personal_access_token: str | None,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        """The payload schema of ``task_id`` in the current worker, read with a personal access token."""
        key = self._client._config.api_key
        token = personal_access_token
        if token is not None and (not isinstance(token, str) or not token.strip()):
            raise ValidationError(  # the value is not shown: it may be a secret
                "personal_access_token must be a non-empty string (tr_pat_…)", field="personal_access_token"
            )
        if token is None and key.startswith(ACCESS_TOKEN_PREFIXES):
            token = key
        if token is None:
            token = os.environ.get(ACCESS_TOKEN_ENV, "").strip() or None
        if token is None:
            raise ValidationError(
                "parameters is omitted and no personal access token is configured: pass parameters= (the "
                "JSON Schema of the task's payload), or a personal access token (personal_access_token=, "
                f"the {ACCESS_TOKEN_ENV} environment variable, or a client made with a tr_pat_ key) to read "
                "the schema from the current worker",
                field="parameters",
            )
        ref = project_ref if project_ref is not None else os.environ.get(PROJECT_REF_ENV, "").strip() or None
        if ref is None:
            raise ValidationError(
                f"reading the payload schema from the current worker needs the project: pass project_ref= "
                f"(proj_…) or set {PROJECT_REF_ENV}",
                field="project_ref",
            )
        env = environment if environment is not None else _environment_of(key)
        if env is None:
            raise ValidationError(
                "reading the payload schema from the current worker needs the environment: pass "
                "environment= ('dev', 'staging', 'prod' or 'preview'); the client's key does not name one",
                field="environment",
            )
        reader = self._client if token == key else self._client.with_options(api_key=token)
        found = reader.deployments.current_worker(ref, env, request_options=request_options)
        worker = found.worker
        task = next((t for t in worker.tasks if t.slug == task_id), None)
        if task is None:
            raise ValidationError(
                f"task {task_id!r} is not in the current worker ({worker.version}) of {ref} {env}: check "
                "task_id, or pass parameters=",
                field="task_id",
            )
        if isinstance(task.payload_schema, Unset) or task.payload_schema is None:
            raise ValidationError(
                f"task {task_id!r} has no payload schema in the current worker ({worker.version}): define it "
                "with schemaTask, or pass parameters=",
                field="parameters",
            )
        try:
            return check_parameters(task.payload_schema)
        except ValidationError as exc:
            raise ValidationError(
                f"the payload schema of task {task_id!r} in the current worker cannot be a tool's parameters "
                f"({exc}): pass parameters=",
                field="parameters",
            ) from None


def _environment_of(key: str) -> str | None:
    """The environment slug of a secret key (``tr_dev_…`` → ``dev``), or None for another credential."""
    return next((slug for prefix, slug in KEY_ENVIRONMENTS if key.startswith(prefix)), None)


def _decoded(text: str) -> dict[str, Any]:
    value: dict[str, Any] = decode(text, "tool")
    return value


def _text(value: Any, secrets: tuple[str, ...]) -> str | None:
    """A text field of a run's error, key-like strings removed; None when absent."""
    if not isinstance(value, str):
        return None
    return redact_text(value, secrets)
