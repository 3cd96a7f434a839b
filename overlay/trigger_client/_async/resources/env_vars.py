"""``client.env_vars``: the environment variables of a project's environments."""

from __future__ import annotations

import builtins
import io
import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

from trigger_api.api.envvars import (
    create_env_var,
    delete_env_var,
    import_env_vars,
    list_env_vars,
    retrieve_env_var,
    update_env_var,
)
from trigger_api.models.create_env_var_request_body import CreateEnvVarRequestBody
from trigger_api.models.env_var import EnvVar
from trigger_api.models.env_var_success_response import EnvVarSuccessResponse
from trigger_api.models.import_env_vars_file_body import ImportEnvVarsFileBody
from trigger_api.models.import_env_vars_file_body_override import ImportEnvVarsFileBodyOverride
from trigger_api.models.import_env_vars_request_body import ImportEnvVarsRequestBody
from trigger_api.models.import_env_vars_request_body_variables import ImportEnvVarsRequestBodyVariables
from trigger_api.models.update_env_var_request_body import UpdateEnvVarRequestBody
from trigger_api.types import File

from ... import _validation as check
from ..._error_hook import reports_errors
from ..._exceptions import ValidationError
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["ENVIRONMENT_SLUGS", "RESERVED_NAMES", "AsyncEnvVars"]

ENVIRONMENT_SLUGS = ("dev", "stg", "staging", "prod", "preview")
"""The environment slugs the routes take (the server reads ``staging`` as ``stg``)."""

RESERVED_NAMES = frozenset({"TRIGGER_SECRET_KEY", "TRIGGER_API_URL"})
"""Names the server never stores (it answers 400, or skips them in an import)."""

MAX_DOTENV_BYTES = 10 * 1024 * 1024
"""A dotenv file larger than this is refused before sending (a mistake, not a configuration)."""

DotenvFile = str | os.PathLike[str] | bytes | IO[bytes]
"""A dotenv file: its path, its content, or a binary file object open for reading."""


@reports_errors
class AsyncEnvVars:
    """Environment variables of one environment of a project, addressed by project ref (``proj_…``) and
    environment slug (``dev``, ``stg``/``staging``, ``prod``, ``preview``). Reached as ``client.env_vars``.

    The secret key must belong to that project and environment (the server answers 400 otherwise); a
    preview branch is chosen with the client's ``preview_branch``. Secret values are never returned: the
    server answers ``<redacted>`` for them.
    """

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    async def list(
        self,
        project_ref: str,
        env: str,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> builtins.list[EnvVar]:
        """The variables of the environment, in the order they were first set. Calls
        ``GET /api/v1/projects/{projectRef}/envvars/{env}``.

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug: ``dev``, ``stg`` (or ``staging``), ``prod`` or ``preview``.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The variables (``name``, ``value``, ``is_secret``); a secret's value is ``"<redacted>"``.

        Raises:
            ValidationError: a malformed project ref or an unknown slug (before sending); or the server's
                400 when the key belongs to another project.
        """
        parsed, _headers = await self._client._call(
            list_env_vars, builtins.list, request_options, **_where(project_ref, env)
        )
        return parsed

    async def create(
        self,
        project_ref: str,
        env: str,
        name: str,
        value: str,
        *,
        is_secret: bool | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        """Set a variable: create it, or replace its value. Calls
        ``POST /api/v1/projects/{projectRef}/envvars/{env}``.

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug (``dev``, ``stg``, ``prod``, ``preview``).
            name: The variable's name, such as ``DATABASE_URL``.
            value: Its value (not blank).
            is_secret: Store the value as a secret, never shown again. None: a new variable is not secret
                and an existing one keeps its secrecy.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            None (the server answers ``{"success": true}``).

        Raises:
            ValidationError: a blank name or value, a reserved name (``TRIGGER_SECRET_KEY``,
                ``TRIGGER_API_URL``), a malformed project ref or an unknown slug, before sending.
        """
        body = CreateEnvVarRequestBody(name=_name(name), value=_value(value, "value"))
        if is_secret is not None:
            body.is_secret = _flag(is_secret, "is_secret")
        await self._client._call(
            create_env_var, EnvVarSuccessResponse, request_options, body=body, **_where(project_ref, env)
        )

    async def retrieve(
        self,
        project_ref: str,
        env: str,
        name: str,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> EnvVar:
        """One variable. Calls ``GET /api/v1/projects/{projectRef}/envvars/{env}/{name}``.

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug (``dev``, ``stg``, ``prod``, ``preview``).
            name: The variable's name.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The variable (``name``, ``value``, ``is_secret``); a secret's value is ``"<redacted>"``.

        Raises:
            NotFoundError: no such variable in this environment.
        """
        parsed, _headers = await self._client._call(
            retrieve_env_var,
            EnvVar,
            request_options,
            name=check.path_segment(name, "name"),
            **_where(project_ref, env),
        )
        return parsed

    async def update(
        self,
        project_ref: str,
        env: str,
        name: str,
        value: str,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        """Replace the value of a variable. Calls ``PUT /api/v1/projects/{projectRef}/envvars/{env}/{name}``.

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug (``dev``, ``stg``, ``prod``, ``preview``).
            name: The variable's name.
            value: The new value (not blank: the server would ignore a blank one and still answer success).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            None (the server answers ``{"success": true}``).

        Raises:
            ValidationError: a blank value, before sending.
            NotFoundError: no variable of that name in the project.
        """
        body = UpdateEnvVarRequestBody(value=_value(value, "value"))
        await self._client._call(
            update_env_var,
            EnvVarSuccessResponse,
            request_options,
            name=check.path_segment(name, "name"),
            body=body,
            **_where(project_ref, env),
        )

    async def delete(
        self,
        project_ref: str,
        env: str,
        name: str,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        """Delete a variable from the environment. Calls
        ``DELETE /api/v1/projects/{projectRef}/envvars/{env}/{name}``.

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug (``dev``, ``stg``, ``prod``, ``preview``).
            name: The variable's name.
            request_options: Per-call timeout, retry policy or extra headers. A delete that may have
                reached the server is not sent again (a second one would answer 404).

        Returns:
            None (the server answers ``{"success": true}``).

        Raises:
            NotFoundError: no such variable.
        """
        await self._client._call(
            delete_env_var,
            EnvVarSuccessResponse,
            request_options,
            idempotent=False,
            name=check.path_segment(name, "name"),
            **_where(project_ref, env),
        )

    async def import_variables(
        self,
        project_ref: str,
        env: str,
        variables: Mapping[str, str],
        *,
        override: bool = False,
        is_secret: bool | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        """Set many variables at once. Calls ``POST /api/v1/projects/{projectRef}/envvars/{env}/import``
        with a JSON body.

        Without ``override``, nothing is set when any of the names is already set in the environment (the
        server answers 400 and lists them in the error body's ``variableErrors``).

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug (``dev``, ``stg``, ``prod``, ``preview``).
            variables: Names and values (at least one; no blank name or value, no reserved name).
            override: Replace the values of variables that are already set.
            is_secret: Store every value as a secret.
            request_options: Per-call timeout, retry policy or extra headers. Without ``override`` an
                import that may have reached the server is not sent again (a second one would answer
                400, the names being set by then).

        Returns:
            None (the server answers ``{"success": true}``).

        Raises:
            ValidationError: an empty mapping, a blank or reserved name, a value that is not a non-blank
                string (before sending); or the server's 400 when names are already set.
        """
        if not isinstance(variables, Mapping) or not variables:
            raise ValidationError(
                f"variables must be a non-empty mapping of names to values, got {variables!r}"[:200],
                field="variables",
            )
        checked = ImportEnvVarsRequestBodyVariables()
        for key, item in variables.items():
            checked[_name(key, "variables")] = _value(item, f"variables[{key!r}]")
        body = ImportEnvVarsRequestBody(variables=checked, override=_flag(override, "override"))
        if is_secret is not None:
            body.is_secret = _flag(is_secret, "is_secret")
        await self._client._call(
            import_env_vars,
            EnvVarSuccessResponse,
            request_options,
            idempotent=body.override is True,
            body=body,
            **_where(project_ref, env),
        )

    async def import_dotenv(
        self,
        project_ref: str,
        env: str,
        file: DotenvFile,
        *,
        override: bool = False,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> None:
        """Set the variables of a dotenv file (``NAME=value`` lines, parsed by the server). Calls
        ``POST /api/v1/projects/{projectRef}/envvars/{env}/import`` with a ``multipart/form-data`` body
        (the file in the field ``variables``).

        Blank values and reserved names in the file are skipped by the server.

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug (``dev``, ``stg``, ``prod``, ``preview``).
            file: The file's path, its content (bytes), or a binary file object; at most 10 MiB.
            override: Replace the values of variables that are already set (else nothing is set when
                any is: 400).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            None (the server answers ``{"success": true}``).

        Raises:
            ValidationError: a file that cannot be read or is too large (before sending); or the server's
                400 when names are already set or the file holds no valid variable.
        """
        content = _dotenv_bytes(file)
        body = ImportEnvVarsFileBody(
            variables=File(payload=io.BytesIO(content), file_name=".env", mime_type="text/plain")
        )
        if _flag(override, "override"):
            body.override = ImportEnvVarsFileBodyOverride.TRUE
        await self._client._call(
            import_env_vars,
            EnvVarSuccessResponse,
            request_options,
            idempotent=override,
            body=body,
            **_where(project_ref, env),
        )


def _where(project_ref: Any, env: Any) -> dict[str, Any]:
    """The path parameters of every env-var route, checked."""
    ref = check.project_ref(project_ref)
    if env not in ENVIRONMENT_SLUGS:
        raise ValidationError(f"env must be one of {', '.join(ENVIRONMENT_SLUGS)}, got {env!r}", field="env")
    return {"project_ref": ref, "env": env}


def _name(value: Any, field: str = "name") -> str:
    name = check.non_empty_string(value, field)
    if name != name.strip():
        raise ValidationError(
            f"{field}: a variable name cannot start or end with spaces: {name!r}", field=field
        )
    if name in RESERVED_NAMES:
        raise ValidationError(
            f"{field}: {name} is set by Trigger.dev itself and cannot be stored as a variable", field=field
        )
    return name


def _value(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a string, got {type(value).__name__}", field=field)
    if not value.strip():
        raise ValidationError(
            f"{field} must not be blank (the server does not store blank values)", field=field
        )
    return value


def _flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"{field} must be a bool, got {value!r}", field=field)
    return value


def _dotenv_bytes(file: Any) -> bytes:
    """The content of a dotenv file given as a path, bytes or a binary file object."""
    if isinstance(file, bytes | bytearray):
        content = bytes(file)
    elif isinstance(file, str | os.PathLike):
        try:
            with open(file, "rb") as handle:
                content = handle.read(MAX_DOTENV_BYTES + 1)
        except OSError as exc:
            message = f"file {os.fspath(file)!r} cannot be read: {exc.strerror}"
            raise ValidationError(message, field="file") from None
    elif hasattr(file, "read"):
        data = file.read(MAX_DOTENV_BYTES + 1)
        if not isinstance(data, bytes):
            raise ValidationError("file must be opened in binary mode ('rb')", field="file")
        content = data
    else:
        raise ValidationError(
            f"file must be a path, bytes or a binary file object, got {type(file).__name__}", field="file"
        )
    if len(content) > MAX_DOTENV_BYTES:
        raise ValidationError(f"file is larger than {MAX_DOTENV_BYTES} bytes", field="file")
    return content
