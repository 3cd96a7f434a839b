"""Environment variables: the ``/api/v1/projects/{projectRef}/envvars/{env}…`` routes.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.projects.$projectRef.envvars.*``,
``services/apiAuth.server.ts`` and ``environmentVariablesRepository.server.ts``):

* The secret key (or an additional key; a restricted one needs ``read:envvars`` / ``write:envvars``,
  else ``403 {"error": "Unauthorized"}``) must belong to the project in the path (else 400 "Invalid
  project ref …"). The slug is compared as the server does: only when it differs from the key's
  environment **and** the branch named by ``x-trigger-branch`` differs from the environment's branch
  (none) — so a root key with no branch header is accepted whatever the slug says. ``staging`` is read as
  ``stg``.
* The personal access token names the environment by the path instead: another project is 404 "Project
  not found", another slug 404 "Environment not found", and a branch 404 "Branch not found" (the
  emulated environment has none).
* Create always overwrites; a new variable is not secret unless ``isSecret`` says so, and an existing one
  keeps its secrecy unless ``isSecret`` is given. Blank names or values and the reserved names
  ``TRIGGER_SECRET_KEY`` / ``TRIGGER_API_URL`` are dropped; when nothing is left the answer is 400.
* Import without ``override`` refuses (400 with ``variableErrors``) when any name is already set.
* Update of a blank value changes nothing and still succeeds; deleting the last value deletes the variable.
* Secret values are listed and retrieved as ``<redacted>``; the reserved names are never listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._clock import VirtualClock
from ._service import ApiError, Environment, Response
from ._store import Store
from ._validation import Issues

RESERVED_NAMES = frozenset({"TRIGGER_SECRET_KEY", "TRIGGER_API_URL"})
REDACTED = "<redacted>"
ENVIRONMENT_TITLES = {
    "DEVELOPMENT": "Development",
    "STAGING": "Staging",
    "PRODUCTION": "Production",
    "PREVIEW": "Preview",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS env_vars (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL,
    is_secret INTEGER NOT NULL
);
"""

_DOTENV_LINE = re.compile(
    r"(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*\"(?:\\\"|[^\"])*\""
    r"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)",
    re.MULTILINE | re.ASCII,
)
_SURROUNDING_QUOTES = re.compile(r"^(['\"`])([\s\S]*)\1$", re.MULTILINE)
_BRANCH_PREFIXES = tuple(f"refs/{kind}/" for kind in ("heads", "remotes", "tags", "pull", "merge", "release"))
_ARRAY_INDEX = re.compile(r"^(?:0|[1-9][0-9]*)$")


def parse_dotenv(content: bytes) -> dict[str, str]:
    """Parse a dotenv file as the server does (the ``dotenv`` package's ``parse``).

    ``KEY=value`` or ``KEY: value`` lines, an optional ``export``, ``#`` comments; single, double or back
    quotes around a value (which may then span lines); ``\\n`` and ``\\r`` in a double-quoted value become
    newlines. A later line for the same key wins.

    Args:
        content: the file's bytes (UTF-8).

    Returns:
        The names and values, in JavaScript object key order.
    """
    text = content.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    parsed: dict[str, str] = {}
    for match in _DOTENV_LINE.finditer(text):
        key = match.group(1)
        value = (match.group(2) or "").strip()
        quote = value[:1]
        value = _SURROUNDING_QUOTES.sub(r"\2", value)
        if quote == '"':
            value = value.replace("\\n", "\n").replace("\\r", "\r")
        parsed[key] = value
    return js_key_order(parsed)


def js_key_order(values: dict[str, Any]) -> dict[str, Any]:
    """The order a JavaScript object iterates its keys: array indexes ascending, then the others as
    inserted."""
    indexes = sorted((key for key in values if _ARRAY_INDEX.match(key) and int(key) < 2**32 - 1), key=int)
    ordered = {key: values[key] for key in indexes}
    ordered.update((key, value) for key, value in values.items() if key not in ordered)
    return ordered


def _error(status: int, message: str, **extra: Any) -> ApiError:
    return ApiError(status, {"error": message, **extra})


class EnvVarService:
    """The environment variables of the emulated environment (one environment of one project)."""

    def __init__(self, store: Store, clock: VirtualClock, environment: Environment) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: where the variables are kept.
            clock: the virtual clock.
            environment: the environment (and project) the variables belong to.
        """
        self.store = store
        self.clock = clock
        self.environment = environment
        store.add_tables(("env_vars",), _SCHEMA)

    # The environment in the path

    def resolve(self, project_ref: str, slug: str, branch: str | None) -> None:
        """Check the path's project ref and slug against the key's environment, as the server does.

        Args:
            project_ref: the ``{projectRef}`` path segment.
            slug: the ``{env}`` path segment.
            branch: the ``x-trigger-branch`` header, if any.

        Raises:
            ApiError: 400 for another project, or another environment when a branch is named.
        """
        slug, resolved_branch = _slug_and_branch(slug, branch)
        environment = self.environment
        if environment.project_ref != project_ref:
            raise _error(
                400,
                "Invalid project ref for this API key. Make sure you are using an API key associated with "
                "that project.",
            )
        if environment.slug != slug and environment.branch_name != resolved_branch:
            raise _error(
                400,
                "Invalid environment slug for this API key. Make sure you are using an API key associated "
                "with that environment.",
            )

    def resolve_for_user(self, project_ref: str, slug: str, branch: str | None) -> None:
        """Find the path's environment for the personal access token, as the server does for a user.

        Args:
            project_ref: the ``{projectRef}`` path segment.
            slug: the ``{env}`` path segment (``staging`` is read as ``stg``).
            branch: the ``x-trigger-branch`` header, if any (``default`` is no branch for ``dev``).

        Raises:
            ApiError: 404 ``Project not found``, ``Environment not found``, or ``Branch not found`` (the
                emulated environment has no branches).
        """
        slug, resolved_branch = _slug_and_branch(slug, branch)
        environment = self.environment
        if environment.project_ref != project_ref:
            raise _error(404, "Project not found")
        if resolved_branch:
            raise _error(404, "Branch not found")
        if environment.slug != slug:
            raise _error(404, "Environment not found")

    # Routes (after authentication and :meth:`resolve`)

    def list_variables(self) -> tuple[int, list[dict[str, Any]], dict[str, str]]:
        """``GET …/envvars/{env}``: every variable, first set first; secrets redacted."""
        rows = self.store.query("SELECT name, value, is_secret FROM env_vars ORDER BY seq")
        body = [
            {
                "name": row["name"],
                "value": REDACTED if row["is_secret"] else row["value"],
                "isSecret": bool(row["is_secret"]),
            }
            for row in rows
            if row["name"] not in RESERVED_NAMES
        ]
        return 200, body, {}

    def create(self, body: Any) -> Response:
        """``POST …/envvars/{env}``: set one variable (always overwriting).

        Raises:
            ApiError: 400 ``Invalid request body`` with zod issues, or 400 when nothing valid is left.
        """
        issues = Issues()
        if issues.expect_type([], body, "object"):
            issues.required([], body, "name", "string")
            issues.required([], body, "value", "string")
            issues.optional(["isSecret"], body.get("isSecret"), "boolean")
        if issues:
            raise ApiError(400, {"error": "Invalid request body", "issues": issues.items})
        self._set({body["name"]: body["value"]}, override=True, is_secret=body.get("isSecret"))
        return 200, {"success": True}, {}

    def import_json(self, body: Any) -> Response:
        """``POST …/envvars/{env}/import`` with a JSON body ``{variables, override?, isSecret?, …}``.

        Raises:
            ApiError: 400 ``Invalid body`` for a body that does not match; 400 for names already set
                without ``override`` (with ``variableErrors``), or when nothing valid is left.
        """
        if not _valid_import_body(body):
            raise _error(400, "Invalid body")
        override = body.get("override") is True
        self._set(js_key_order(dict(body["variables"])), override=override, is_secret=body.get("isSecret"))
        return 200, {"success": True}, {}

    def import_dotenv(self, content: bytes, override: bool) -> Response:
        """``POST …/envvars/{env}/import`` with a form: the dotenv file ``variables`` and ``override``.

        Raises:
            ApiError: as :meth:`import_json`.
        """
        self._set(parse_dotenv(content), override=override, is_secret=None)
        return 200, {"success": True}, {}

    def retrieve(self, name: str) -> Response:
        """``GET …/envvars/{env}/{name}``.

        Raises:
            ApiError: 404 ``Environment variable not found``.
        """
        row = self._find(name)
        if row["name"] in RESERVED_NAMES:  # pragma: no cover - reserved names are never stored
            raise _error(404, "Environment variable not found")
        secret = bool(row["is_secret"])
        value = REDACTED if secret else row["value"]
        return 200, {"name": row["name"], "value": value, "isSecret": secret}, {}

    def update(self, name: str, body: Any) -> Response:
        """``PUT`` (or ``POST``) ``…/envvars/{env}/{name}``: replace the value; a blank one changes nothing.

        Raises:
            ApiError: 404 ``Environment variable not found``; 400 ``Invalid request body`` with issues.
        """
        self._find(name)
        issues = Issues()
        if issues.expect_type([], body, "object"):
            issues.required([], body, "value", "string")
        if issues:
            raise ApiError(400, {"error": "Invalid request body", "issues": issues.items})
        value: str = body["value"]
        if value.strip():
            self.store.execute("UPDATE env_vars SET value = ? WHERE name = ?", (value, name))
        return 200, {"success": True}, {}

    def delete(self, name: str) -> Response:
        """``DELETE …/envvars/{env}/{name}`` (its only value: the variable goes).

        Raises:
            ApiError: 404 ``Environment variable not found``.
        """
        self._find(name)
        self.store.execute("DELETE FROM env_vars WHERE name = ?", (name,))
        return 200, {"success": True}, {}

    def ensure_exists(self, name: str) -> None:
        """The check every ``…/{name}`` action makes first.

        Raises:
            ApiError: 404 ``Environment variable not found``.
        """
        self._find(name)

    # Helpers

    def _find(self, name: str) -> Any:
        rows = self.store.query("SELECT name, value, is_secret FROM env_vars WHERE name = ?", (name,))
        if not rows:
            raise _error(404, "Environment variable not found")
        return rows[0]

    def _set(self, variables: Mapping[str, str], *, override: bool, is_secret: bool | None) -> None:
        """The repository's ``create``: drop reserved names and blank entries, refuse names already set
        without ``override``, then set each value."""
        allowed = {key: value for key, value in variables.items() if key not in RESERVED_NAMES}
        removed_reserved = len(allowed) != len(variables)
        valid = {key: value for key, value in allowed.items() if key.strip() and value.strip()}
        if not valid:
            suffix = " All the variables submitted are not allowed." if removed_reserved else ""
            raise _error(400, f"You must set at least one valid variable.{suffix}")
        with self.store.transaction():
            existing = {
                row["name"]
                for row in self.store.query(
                    f"SELECT name FROM env_vars WHERE name IN ({','.join('?' for _ in valid)})", list(valid)
                )
            }
            if not override and existing:
                title = ENVIRONMENT_TITLES.get(self.environment.type, self.environment.type)
                raise _error(
                    400,
                    "Some of the variables are already set for these environments. Set override to true to "
                    "override them.",
                    variableErrors=[
                        {"key": key, "error": f"Variable already set in {title}."}
                        for key in valid
                        if key in existing
                    ],
                )
            for key, value in valid.items():
                if key in existing:
                    if is_secret is None:
                        self.store.execute("UPDATE env_vars SET value = ? WHERE name = ?", (value, key))
                    else:
                        self.store.execute(
                            "UPDATE env_vars SET value = ?, is_secret = ? WHERE name = ?",
                            (value, int(is_secret), key),
                        )
                else:
                    self.store.execute(
                        "INSERT INTO env_vars (name, value, is_secret) VALUES (?, ?, ?)",
                        (key, value, int(bool(is_secret))),
                    )


def _valid_import_body(body: Any) -> bool:
    """``ImportEnvironmentVariablesRequestBody``: string-to-string ``variables`` (and ``parentVariables``),
    boolean ``override`` and ``isSecret``, an optional ``source``."""
    if not isinstance(body, dict):
        return False
    for name in ("variables", "parentVariables"):
        if name == "parentVariables" and name not in body:
            continue
        value = body.get(name)
        if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
            return False
    for name in ("override", "isSecret"):
        if name in body and not isinstance(body[name], bool):
            return False
    if "source" not in body:
        return True
    source = body["source"]
    if not isinstance(source, dict):
        return False
    if source.get("type") == "user":
        return isinstance(source.get("userId"), str)
    if source.get("type") == "integration":
        return isinstance(source.get("integration"), str)
    return False


def _sanitize_branch(ref: str | None) -> str | None:
    """``sanitizeBranchName``: drop ``refs/heads/``-style prefixes; other ``refs/`` names are no branch."""
    if not ref:
        return None
    for prefix in _BRANCH_PREFIXES:
        if ref.startswith(prefix):
            return ref[len(prefix) :]
    if ref.startswith("refs/"):
        return None
    return ref


def _slug_and_branch(slug: str, branch: str | None) -> tuple[str, str | None]:
    """The environment slug (``staging`` read as ``stg``) and the branch a path and header name (``default``
    is no branch for ``dev``)."""
    if slug == "staging":
        slug = "stg"
    resolved_branch = _sanitize_branch(branch)
    if slug == "dev" and resolved_branch == "default":
        resolved_branch = None
    return slug, resolved_branch
