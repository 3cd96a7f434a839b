"""``POST /api/v1/auth/public-tokens``: public access tokens minted by the server for an API key.

As the server's ``services/publicTokens.server.ts`` does:

* The body is ``{scopes: string[] (at least one), expirationTime?: string | number, oneTimeUse?: boolean,
  realtime?: {skipColumns?: string[]}}``; a body that is not JSON is ``400 {"error": "Invalid request
  body"}``, one that does not fit is the same with the zod ``issues``.
* A restricted additional key may only hand out scopes it has itself (403 ``scopes_exceed_key_access``
  with the ``deniedScopes``); a scope without a type (other than ``admin``) is denied to every key.
* ``expirationTime`` is a relative time (``15m`` by default; ``2 hours``, ``1.5h``, ``-5m`` and
  ``5m ago`` are read, the last two being in the past) or absolute Unix seconds; it must be in the future
  and at most 30 days away.
* The token is signed with the environment's secret key, with ``otu: true`` only for ``oneTimeUse`` and
  ``realtime`` only when given.
"""

from __future__ import annotations

import time
from typing import Any

from .._public_tokens import relative_seconds
from ._auth import Access
from ._service import Environment, Response
from ._tokens import public_access_token
from ._validation import Issues, type_name

DEFAULT_EXPIRATION = "15m"
MAX_LIFETIME_S = 30 * 24 * 60 * 60
"""Public access tokens from this route live at most 30 days."""


def expiration_timestamp(expiration: str | float, now_s: int) -> float | None:
    """The ``exp`` an ``expirationTime`` means (a number is already one); None when it cannot be read."""
    if not isinstance(expiration, str):
        return expiration
    relative = relative_seconds(expiration)
    return None if relative is None else now_s + relative


def _string_array(issues: Issues, path: list[str | int], value: Any) -> bool:
    if not issues.expect_type(path, value, "array"):
        return False
    before = len(issues.items)
    for index, item in enumerate(value):
        issues.expect_type([*path, index], item, "string")
    return len(issues.items) == before


def _check_body(body: Any) -> list[dict[str, Any]]:
    """The zod issues of the request body (none when it fits the schema)."""
    issues = Issues()
    if not issues.expect_type([], body, "object"):
        return issues.items
    if "scopes" not in body:
        issues.add(["scopes"], "Required", "invalid_type", expected="array", received="undefined")
    elif issues.expect_type(["scopes"], body["scopes"], "array"):
        scopes = body["scopes"]
        if not scopes:
            issues.add(
                ["scopes"],
                "Array must contain at least 1 element(s)",
                "too_small",
                minimum=1,
                type="array",
                inclusive=True,
                exact=False,
            )
        for index, scope in enumerate(scopes):
            issues.expect_type(["scopes", index], scope, "string")
    if "expirationTime" in body:
        expiration = body["expirationTime"]
        received = type_name(expiration)
        if received not in ("string", "number"):
            path: list[str | int] = ["expirationTime"]
            union = [
                {
                    "issues": [
                        {
                            "code": "invalid_type",
                            "expected": expected,
                            "received": received,
                            "path": path,
                            "message": f"Expected {expected}, received {received}",
                        }
                    ],
                    "name": "ZodError",
                }
                for expected in ("string", "number")
            ]
            issues.add(path, "Invalid input", "invalid_union", unionErrors=union)
    if "oneTimeUse" in body:
        issues.expect_type(["oneTimeUse"], body["oneTimeUse"], "boolean")
    if "realtime" in body and issues.expect_type(["realtime"], body["realtime"], "object"):
        realtime = body["realtime"]
        if "skipColumns" in realtime:
            _string_array(issues, ["realtime", "skipColumns"], realtime["skipColumns"])
    return issues.items


def create_public_token(body: Any, access: Access, environment: Environment) -> Response:
    """Answer ``POST /api/v1/auth/public-tokens`` after authentication.

    Args:
        body: the parsed JSON body.
        access: the API key that asks (its scopes bound the token's).
        environment: the environment, whose secret key signs the token.

    Returns:
        ``(200, {"token": <JWT>}, {})``, or the 400 / 403 answer as ``(status, body, {})``.
    """
    issues = _check_body(body)
    if issues:
        return 400, {"error": "Invalid request body", "issues": issues}, {}
    scopes: list[str] = body["scopes"]
    denied = access.denied_scopes(scopes)
    if denied:
        return (
            403,
            {
                "error": "Requested scopes exceed the API key's access",
                "code": "scopes_exceed_key_access",
                "deniedScopes": denied,
            },
            {},
        )
    now_s = int(time.time())
    expires_at = expiration_timestamp(body.get("expirationTime", DEFAULT_EXPIRATION), now_s)
    if expires_at is None:
        return 400, {"error": "Invalid expiration time"}, {}
    if expires_at <= now_s:
        return 400, {"error": "Expiration time must be in the future"}, {}
    if expires_at - now_s > MAX_LIFETIME_S:
        return 400, {"error": "Expiration time cannot exceed 30 days"}, {}
    realtime = None
    if "realtime" in body:
        given = body["realtime"]
        realtime = {"skipColumns": given["skipColumns"]} if "skipColumns" in given else {}
    token = public_access_token(
        environment.api_key,
        environment.id,
        scopes,
        expires_at_s=int(expires_at) if float(expires_at).is_integer() else expires_at,
        one_time_use=body.get("oneTimeUse") is True,
        realtime=realtime,
    )
    return 200, {"token": token}, {}
