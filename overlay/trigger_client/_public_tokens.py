"""Public access tokens as the official SDK makes them: scopes flattened from a nested mapping, expiry in
jose's relative-time syntax, and HS256 signing with the environment's secret key (PyJWT).

The network half (claims from ``POST /api/v1/auth/jwt/claims``, or server minting with
``POST /api/v1/auth/public-tokens`` for additional keys) lives in ``_async/resources/auth.py``.
"""

from __future__ import annotations

import datetime
import math
import re
import time
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import jwt

from . import _validation as check
from ._exceptions import ValidationError

__all__ = [
    "AUDIENCE",
    "DEFAULT_EXPIRATION",
    "ISSUER",
    "MAX_SERVER_TOKEN_LIFETIME_S",
    "Expiration",
    "check_expiration",
    "expires_at",
    "flatten_scopes",
    "is_additional_api_key",
    "is_root_secret_key",
    "relative_seconds",
    "server_expiration",
    "sign",
]

ISSUER = "https://id.trigger.dev"
"""The ``iss`` claim the server verifies."""
AUDIENCE = "https://api.trigger.dev"
"""The ``aud`` claim the server verifies."""
DEFAULT_EXPIRATION = "15m"
"""The lifetime of a token when none is given (the SDK's and the server's default)."""
MAX_SERVER_TOKEN_LIFETIME_S = 30 * 24 * 3600
"""The longest lifetime ``POST /api/v1/auth/public-tokens`` mints, in seconds (30 days)."""

Expiration = str | int | float | datetime.datetime | datetime.timedelta
"""When a token expires: a relative time in jose's syntax (``"15m"``, ``"1h"``, ``"2 days"``), an absolute
Unix time in seconds (a float is rounded down), an aware datetime, or a timedelta from now."""

_ADDITIONAL_KEY = re.compile(r"tr_(dev|stg|prod|preview)_sk_[0-9a-zA-Z]{24}")
_ROOT_KEY = re.compile(r"^tr_(dev|stg|prod|preview)_")
# jose's relative time grammar (the server's copy of it is the same): sign, number, unit, "ago"/"from now".
_RELATIVE = re.compile(
    r"^(\+|-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w"
    r"|years?|yrs?|y)(?: (ago|from now))?\Z",
    re.IGNORECASE | re.ASCII,
)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31557600}  # a year: 365.25 days
_LATEST_UNIX_S = 95_617_584_000
"""The year 5000, in Unix seconds: a larger absolute expiration is surely milliseconds."""
_SCOPE_ACTIONS = frozenset({"read", "write", "trigger", "batchTrigger", "update", "admin", "*"})
"""The actions the server's scopes name (``update`` for prompts, ``*`` any action)."""
_SCOPE = re.compile(r"[^:\s]+:[^:\s]+(:\S+)?")
_ACTIONS = ("read", "write", "trigger", "batchTrigger")
_RESOURCE_TYPES = ("tasks", "tags", "runs", "batch", "waitpoints", "inputStreams", "sessions")


def is_additional_api_key(key: str) -> bool:
    """Whether ``key`` has the form of an additional API key (``tr_<env>_sk_`` + 24 letters or digits),
    which cannot sign tokens itself (the SDK's routing rule)."""
    return bool(_ADDITIONAL_KEY.fullmatch(key))


def is_root_secret_key(key: str) -> bool:
    """Whether ``key`` is an environment's secret key (``tr_dev_``, ``tr_stg_``, ``tr_prod_``,
    ``tr_preview_``) and not an additional key: the key public access tokens are signed with."""
    return bool(_ROOT_KEY.match(key)) and not is_additional_api_key(key)


def flatten_scopes(scopes: Mapping[str, Any] | Sequence[str]) -> list[str]:
    """The scope strings of a nested permission mapping, flattened as the SDK flattens them.

    ``{"read": {"runs": ["run_1"], "tags": "vip"}, "trigger": {"tasks": "send-email"}}`` becomes
    ``["read:runs:run_1", "read:tags:vip", "trigger:tasks:send-email"]``; ``{"read": {"runs": True}}``
    becomes ``["read:runs"]`` (every run). A sequence of scope strings (``"action:type[:id]"``, or
    ``"admin"``) is checked and kept as it is.

    Raises:
        ValidationError: an unknown action or resource type, an empty or non-string id, or a malformed
            scope string.
    """
    if isinstance(scopes, Mapping):
        flat: list[str] = []
        for action, grants in scopes.items():
            if action not in _ACTIONS:
                raise ValidationError(
                    f"scopes: unknown action {action!r} (one of {', '.join(_ACTIONS)})", field="scopes"
                )
            if not isinstance(grants, Mapping):
                raise ValidationError(
                    f"scopes[{action!r}] must be a mapping of resource type to ids, got {grants!r}",
                    field="scopes",
                )
            for kind, ids in grants.items():
                flat.extend(_grant(action, kind, ids))
        return flat
    if isinstance(scopes, str) or not isinstance(scopes, Sequence):
        raise ValidationError(
            f"scopes must be a mapping such as {{'read': {{'runs': ['run_…']}}}} or a list of scope "
            f"strings, got {scopes!r}",
            field="scopes",
        )
    for scope in scopes:
        if not isinstance(scope, str) or not (scope == "admin" or _SCOPE.fullmatch(scope)):
            raise ValidationError(
                f"scopes: {scope!r} is not a scope such as 'read:runs:run_…' or 'admin'", field="scopes"
            )
        if scope.split(":", 1)[0] not in _SCOPE_ACTIONS:
            raise ValidationError(
                f"scopes: {scope!r} has an unknown action (one of {', '.join(sorted(_SCOPE_ACTIONS))})",
                field="scopes",
            )
    return [check.utf8(scope, "scopes") for scope in scopes]


def _grant(action: str, kind: Any, ids: Any) -> list[str]:
    allowed = ("tasks",) if action in ("trigger", "batchTrigger") else _RESOURCE_TYPES
    if kind not in allowed:
        raise ValidationError(
            f"scopes[{action!r}]: unknown resource type {kind!r} (one of {', '.join(allowed)})",
            field="scopes",
        )
    if ids is True:
        return [f"{action}:{kind}"]
    values = [ids] if isinstance(ids, str) else ids
    if ids is False or not isinstance(values, Sequence) or not values:
        raise ValidationError(
            f"scopes[{action!r}][{kind!r}] must be an id, a non-empty list of ids, or True, got {ids!r}",
            field="scopes",
        )
    scopes = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(
                f"scopes[{action!r}][{kind!r}]: resource ids must be non-empty strings, got {value!r}",
                field="scopes",
            )
        scopes.append(f"{action}:{kind}:{check.utf8(value, 'scopes')}")
    return scopes


def expires_at(expiration: Expiration | None, now: int, field: str = "expiration") -> int:
    """The ``exp`` claim (Unix seconds) for ``expiration`` at ``now`` (Unix seconds), as jose computes it.

    Raises:
        ValidationError: a malformed relative time, a naive datetime, a non-number, or a time that is not
            in the future (the token would be refused at once).
    """
    if expiration is None:
        expiration = DEFAULT_EXPIRATION
    if isinstance(expiration, bool):
        raise ValidationError(f"{field} must be a time, got {expiration!r}", field=field)
    if isinstance(expiration, int | float):
        if not math.isfinite(expiration):
            raise ValidationError(f"{field} must be a finite Unix time, got {expiration!r}", field=field)
        at = math.floor(expiration)
        if at > _LATEST_UNIX_S:
            raise ValidationError(
                f"{field} is a Unix time in seconds; {expiration!r} is past the year 5000 (milliseconds?)",
                field=field,
            )
    elif isinstance(expiration, datetime.datetime):
        if expiration.tzinfo is None or expiration.utcoffset() is None:
            raise ValidationError(f"{field} must be an aware datetime (with a time zone)", field=field)
        at = math.floor(expiration.timestamp())
    elif isinstance(expiration, datetime.timedelta):
        at = now + math.floor(expiration.total_seconds())
    elif isinstance(expiration, str):
        at = now + _relative_seconds(expiration, field)
    else:
        raise ValidationError(
            f"{field} must be a relative time such as '1h', Unix seconds, an aware datetime or a timedelta, "
            f"got {expiration!r}",
            field=field,
        )
    if at <= now:
        raise ValidationError(f"{field} must be in the future, got {expiration!r}", field=field)
    return at


def check_expiration(expiration: Expiration | None, field: str = "expiration") -> None:
    """Refuse an ``expiration`` that :func:`expires_at` would refuse now.

    Raises:
        ValidationError: as :func:`expires_at`.
    """
    expires_at(expiration, int(time.time()), field)


def relative_seconds(text: str) -> int | None:
    """The signed number of seconds a relative time in jose's syntax means (``"15m"`` 900, ``"2 days"``,
    ``"-5m"`` and ``"5m ago"`` negative), rounded as JavaScript's ``Math.round``; None when it is not one.
    The server reads ``expirationTime`` with the same grammar."""
    match = _RELATIVE.match(text)
    if not match or (match.group(1) and match.group(4)):
        return None
    scaled = float(match.group(2)) * _UNIT_SECONDS[match.group(3).lower()[0]]
    if not math.isfinite(scaled):
        return None  # more digits than a number holds
    seconds = math.floor(scaled + 0.5)
    past = match.group(1) == "-" or (match.group(4) or "").lower() == "ago"
    return -seconds if past else seconds


def _relative_seconds(text: str, field: str) -> int:
    seconds = relative_seconds(text)
    if seconds is None:
        raise ValidationError(
            f"{field} must be a relative time such as '15m', '1h' or '2 days', got {text!r}", field=field
        )
    return seconds


def server_expiration(expiration: Expiration | None, field: str = "expiration") -> str | int | None:
    """The ``expirationTime`` to send to ``POST /api/v1/auth/public-tokens`` (None: the server's 15 min).

    A string is sent as given, a datetime as Unix seconds, a timedelta as whole seconds (``"90s"``).

    Raises:
        ValidationError: as :func:`expires_at`, or a lifetime over the server's 30 days.
    """
    if expiration is None:
        return None
    now = int(time.time())
    at = expires_at(expiration, now, field)
    if at - now > MAX_SERVER_TOKEN_LIFETIME_S:
        raise ValidationError(f"{field} cannot be more than 30 days away, got {expiration!r}", field=field)
    if isinstance(expiration, datetime.datetime | float):
        return at
    if isinstance(expiration, datetime.timedelta):
        return f"{at - now}s"
    return expiration


def sign(secret_key: str, claims: Mapping[str, Any], expiration: Expiration | None) -> str:
    """Sign a public access token as the SDK does: HS256, header ``{"alg": "HS256"}``, the given claims plus
    ``iss``, ``aud``, ``iat`` (now) and ``exp``.

    Raises:
        ValidationError: an invalid ``expiration`` (see :func:`expires_at`).
    """
    now = int(time.time())
    payload = {**claims, "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": expires_at(expiration, now)}
    with warnings.catch_warnings():
        # Trigger.dev keys are 31 bytes, under the 32 PyJWT recommends for HS256; the server uses them.
        warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
        return jwt.encode(payload, secret_key.encode("utf-8"), algorithm="HS256", headers={"typ": None})
