"""Who is asking: the bearer token of a request, resolved into an :class:`Access`.

Every route of the emulator finds out who is calling with :func:`authenticate`, telling it which kinds
of credential the route takes (``Authorization: Bearer <token>``, as the server reads it):

* the environment's **secret (root) API key** — every environment route;
* **additional API keys** (``tr_dev_sk_`` and 24 letters or digits) — a full-access key (no scopes, or
  ``admin`` among them) wherever the secret key works; a restricted key only on routes that say which
  action on which resource they perform (``allow_restricted=True``), where its scopes are read like a
  public token's; elsewhere it is refused like a wrong key, as the server's legacy routes do;
* **public access tokens** — JWTs signed (HS256) with the secret key, with ``pub: true`` and ``sub`` the
  environment id — only on routes that allow them (``allow_jwt=True``), authorised by their ``scopes``;
* the **personal access token** (``tr_pat_…``) — only on project routes (``allow_pat=True``). On an
  environment route it is an unknown key (401), as on the server, where every ``tr_`` token is looked up
  as an API key.

Scopes follow the server's grammar (``action:type[:id]``, the id may hold colons; ``*`` as the action
matches any action, ``all`` as the type any type, bare ``admin`` everything), as ``buildJwtAbility`` in
the server's ``@trigger.dev/plugins`` reads them.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import jwt
from starlette.requests import Request

from ._service import ApiError, Environment
from ._tokens import AUDIENCE, ISSUER

if TYPE_CHECKING:
    from ._store import RunRecord

SECRET_KEY = "secret_key"
ADDITIONAL_API_KEY = "additional_api_key"
PUBLIC_JWT = "public_jwt"
PERSONAL_ACCESS_TOKEN = "personal_access_token"
"""The kinds of credential (:attr:`Access.kind`)."""

ADDITIONAL_API_KEY_PATTERN = re.compile(r"^tr_(dev|stg|prod|preview)_sk_[0-9a-zA-Z]{24}\Z")
"""An additional API key (``isAdditionalApiKey`` in the server's core package)."""
PERSONAL_ACCESS_TOKEN_PREFIX = "tr_pat_"

MISSING_API_KEY = "Invalid or Missing API key"
INVALID_API_KEY = "Invalid API key"
MISSING_PAT = "Invalid or Missing PAT"
INVALID_PAT = "Invalid PAT"
"""What the server's RBAC fallback answers for a missing or unknown personal access token."""

UNAUTHORIZED_BODY: dict[str, Any] = {
    "error": "Unauthorized",
    "code": "unauthorized",
    "param": "access_token",
    "type": "authorization",
}
"""The route builder's 403 when the credential's scopes do not cover the route."""

_JWT_HELP = "See https://trigger.dev/docs/frontend/overview#authentication for more information."

Resource = tuple[str, str | None]
"""``(type, id or None)``: what a route acts on, such as ``("runs", "run_…")`` or ``("tasks", None)``."""


def parse_scope(scope: str) -> tuple[str, str | None, str | None] | None:
    """``action:type[:id]`` as ``(action, type or None, id or None)``; None when there is no action.

    Only the first two colons split: the rest is the id (a tag such as ``env:staging``). Empty parts
    count as missing, as the server's ``parseScope`` reads them.
    """
    parts = scope.split(":")
    if not parts[0]:
        return None
    kind = (parts[1] or None) if len(parts) > 1 else None
    ident = (":".join(parts[2:]) or None) if len(parts) > 2 else None
    return parts[0], kind, ident


def _grants(scope: str, action: str, resource: Resource) -> bool:
    parsed = parse_scope(scope)
    if parsed is None:
        return False
    granted_action, kind, ident = parsed
    if granted_action == "admin" and kind is None:
        return True
    if granted_action not in (action, "*"):
        return False
    if kind == "all":
        return True
    if kind != resource[0]:
        return False
    return ident is None or ident == resource[1]


def grants_full_access(scopes: Sequence[str] | None) -> bool:
    """Whether an additional key's scopes are full access: none given, or bare ``admin`` among them."""
    return scopes is None or "admin" in scopes


class Access:
    """Who is asking, and what they may do.

    Attributes:
        scopes: the granted scopes; None for everything (the secret key, a full-access additional key,
            the personal access token on its routes).
        skip_columns: a public access token's ``realtime.skipColumns``, or None.
        kind: the credential: :data:`SECRET_KEY`, :data:`ADDITIONAL_API_KEY`, :data:`PUBLIC_JWT` or
            :data:`PERSONAL_ACCESS_TOKEN`.
        realtime: a public access token's ``realtime`` claim as it was sent, or None.
        one_time_use: a public access token that says ``otu: true``.
        token: the bearer token itself.
    """

    def __init__(
        self,
        scopes: list[str] | None,
        skip_columns: list[str] | None = None,
        *,
        kind: str = SECRET_KEY,
        realtime: Any = None,
        one_time_use: bool = False,
        token: str = "",
    ) -> None:
        self.scopes = scopes
        self.skip_columns = skip_columns
        self.kind = kind
        self.realtime = realtime
        self.one_time_use = one_time_use
        self.token = token

    @property
    def one_time_use_hash(self) -> str | None:
        """For a one-time-use token, the SHA-256 (hex) the server records with what it creates; else None."""
        if self.kind != PUBLIC_JWT or not self.one_time_use:
            return None
        return hashlib.sha256(self.token.encode("utf-8")).hexdigest()

    def allows(self, action: str, resources: Sequence[Resource]) -> bool:
        """Whether a scope grants ``action`` on any of ``resources`` (``anyResource`` on the server)."""
        if self.scopes is None:
            return True
        return any(_grants(scope, action, resource) for scope in self.scopes for resource in resources)

    def allows_every(
        self, action: str, resources: Sequence[Resource], alternatives: Sequence[Resource] = ()
    ) -> bool:
        """Whether ``action`` is granted on one of ``alternatives`` (broad grants), or else on every one
        of ``resources`` (``everyResource`` on the server; no resources grant nothing)."""
        if alternatives and self.allows(action, alternatives):
            return True
        return bool(resources) and all(self.allows(action, [resource]) for resource in resources)

    def require(
        self, action: str, resources: Sequence[Resource], body: Mapping[str, Any] | None = None
    ) -> None:
        """Raise a 403 unless :meth:`allows` (the route builder's body unless ``body`` is given)."""
        if not self.allows(action, resources):
            raise ApiError(403, dict(body if body is not None else UNAUTHORIZED_BODY))

    def require_every(
        self, action: str, resources: Sequence[Resource], alternatives: Sequence[Resource] = ()
    ) -> None:
        """Raise the route builder's 403 unless :meth:`allows_every`."""
        if not self.allows_every(action, resources, alternatives):
            raise ApiError(403, dict(UNAUTHORIZED_BODY))

    def denied_scopes(self, scopes: Sequence[str]) -> list[str]:
        """The requested scopes this access does not cover (``scopesWithinAbility``): a scope without a
        type (other than bare ``admin``) is always denied."""
        denied = []
        for scope in scopes:
            parsed = parse_scope(scope)
            if parsed is None or (parsed[1] is None and parsed[0] != "admin"):
                denied.append(scope)  # no type: nothing to grant it on
                continue
            if not self.allows(parsed[0], [(parsed[1] or "all", parsed[2])]):
                denied.append(scope)
        return denied


def run_resources(run: RunRecord) -> list[Resource]:
    """What reading a run may be granted by: the run, its task, one of its tags, or its batch."""
    resources: list[Resource] = [("runs", run.id), ("tasks", run.task_identifier)]
    resources.extend(("tags", tag) for tag in run.tags)
    if run.batch_id:
        resources.append(("batch", run.batch_id))
    return resources


def bearer_token(request: Request) -> str:
    """The token of ``Authorization: Bearer <token>`` (the header itself when it has no ``Bearer``)."""
    value = request.headers.get("authorization", "")
    if value.startswith("Bearer "):
        value = value[len("Bearer ") :]
    return value.strip()


def _looks_like_public_jwt(token: str) -> bool:
    if token.startswith(("tr_", "pk_")) or token.count(".") != 2:
        return False
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    return isinstance(unverified, dict) and unverified.get("pub") is True


_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")
_INVALID_JWT = f"Public Access Token is invalid. {_JWT_HELP}"


def _public_jwt(token: str, environment: Environment) -> Access:
    # Base64url without padding only, as jose reads it: a token with "=" added would be another string
    # (another one-time-use hash) for the same token.
    if not all(_SEGMENT.fullmatch(part) for part in token.split(".")):
        raise ApiError(401, {"error": _INVALID_JWT})
    unverified = jwt.decode(token, options={"verify_signature": False})
    subject = unverified.get("sub")
    if not subject:
        raise ApiError(401, {"error": "Invalid Public Access Token, missing subject."})
    if subject != environment.id:
        raise ApiError(401, {"error": "Invalid Public Access Token, environment not found."})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Trigger.dev keys are shorter than PyJWT recommends
            claims = jwt.decode(
                token,
                environment.api_key.encode("utf-8"),
                algorithms=["HS256"],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"verify_iat": False},  # jose checks iat only against a maximum token age
            )
    except jwt.ExpiredSignatureError:
        raise ApiError(401, {"error": f"Public Access Token has expired. {_JWT_HELP}"}) from None
    except jwt.PyJWTError:
        raise ApiError(401, {"error": _INVALID_JWT}) from None
    for name in ("exp", "iat", "nbf"):  # jose: "... claim must be a number"
        value = claims.get(name)
        if name in claims and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ApiError(401, {"error": _INVALID_JWT})
    scopes = claims.get("scopes")
    realtime = claims.get("realtime")
    skip = realtime.get("skipColumns") if isinstance(realtime, dict) else None
    return Access(
        [s for s in scopes if isinstance(s, str)] if isinstance(scopes, list) else [],
        [c for c in skip if isinstance(c, str)] if isinstance(skip, list) else None,
        kind=PUBLIC_JWT,
        realtime=realtime,
        one_time_use=claims.get("otu") is True,
        token=token,
    )


def _personal_access_token(token: str, environment: Environment) -> bool:
    expected = environment.personal_access_token
    return bool(expected) and token == expected


def authenticate(
    request: Request,
    environment: Environment,
    *,
    allow_jwt: bool = False,
    allow_restricted: bool = False,
    allow_pat: bool = False,
    allow_keys: bool = True,
    missing_message: str = MISSING_API_KEY,
    invalid_message: str = INVALID_API_KEY,
) -> Access:
    """Resolve the request's bearer token into an :class:`Access`.

    Args:
        request: the request.
        environment: the environment and its credentials.
        allow_jwt: public access tokens are accepted (the server's ``allowJWT``).
        allow_restricted: restricted additional keys are accepted, with their scopes (the route states an
            action and resource and checks them); otherwise only full-access additional keys are.
        allow_pat: the personal access token is accepted (project routes).
        allow_keys: API keys (secret and additional) are accepted; False for routes that take only the
            personal access token, which answer ``Invalid or Missing PAT`` / ``Invalid PAT``.
        missing_message: the 401 message for a missing token.
        invalid_message: the 401 message for a key that is unknown (or not accepted here).

    Returns:
        The access the token gives.

    Raises:
        ApiError: 401 for a missing, unknown or refused credential, or an invalid or expired token.
    """
    token = bearer_token(request)
    if not allow_keys:
        if not token.startswith(PERSONAL_ACCESS_TOKEN_PREFIX):
            raise ApiError(401, {"error": MISSING_PAT})
        if not (allow_pat and _personal_access_token(token, environment)):
            raise ApiError(401, {"error": INVALID_PAT})
        return Access(None, kind=PERSONAL_ACCESS_TOKEN, token=token)
    if not token:
        raise ApiError(401, {"error": missing_message})
    if allow_pat and _personal_access_token(token, environment):
        return Access(None, kind=PERSONAL_ACCESS_TOKEN, token=token)
    if allow_jwt and _looks_like_public_jwt(token):
        return _public_jwt(token, environment)
    if token == environment.api_key:
        return Access(None, kind=SECRET_KEY, token=token)
    if token in environment.additional_api_keys:
        scopes = environment.additional_api_keys[token]
        if grants_full_access(scopes):
            return Access(None, kind=ADDITIONAL_API_KEY, token=token)
        if allow_restricted:
            return Access(list(scopes or ()), kind=ADDITIONAL_API_KEY, token=token)
    raise ApiError(401, {"error": invalid_message})


def check_additional_api_keys(
    keys: Mapping[str, Sequence[str] | None],
) -> dict[str, tuple[str, ...] | None]:
    """Validate additional API keys and their scopes (None: full access).

    Raises:
        ValueError: a key that is not ``tr_<env>_sk_`` and 24 letters or digits, or scopes that are not
            a sequence of strings.
    """
    checked: dict[str, tuple[str, ...] | None] = {}
    for key, scopes in keys.items():
        if not isinstance(key, str) or not ADDITIONAL_API_KEY_PATTERN.match(key):
            raise ValueError(
                "additional API keys look like 'tr_dev_sk_' and 24 letters or digits; one of them does not "
                "(its value is not shown)"
            )
        if scopes is None:
            checked[key] = None
            continue
        if isinstance(scopes, str) or not all(isinstance(scope, str) for scope in scopes):
            raise ValueError(f"the scopes of an additional API key are a list of strings, got {scopes!r}")
        checked[key] = tuple(scopes)
    return checked


def check_personal_access_token(token: str) -> str:
    """Validate a personal access token (``tr_pat_`` and more).

    Raises:
        ValueError: a token that does not start with ``tr_pat_`` or has nothing after it.
    """
    if (
        not isinstance(token, str)
        or not token.startswith(PERSONAL_ACCESS_TOKEN_PREFIX)
        or len(token.strip()) == len(PERSONAL_ACCESS_TOKEN_PREFIX)
        or token != token.strip()
    ):
        raise ValueError("personal_access_token must start with 'tr_pat_' and have more after it (not shown)")
    return token
