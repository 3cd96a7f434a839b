"""Public access tokens (JWTs) that the server hands out with trigger and batch answers."""

from __future__ import annotations

import json
import threading
import time
import warnings
from typing import Any

import jwt

ISSUER = "https://id.trigger.dev"
AUDIENCE = "https://api.trigger.dev"
SERVER_TOKEN_LIFETIME_S = 3600
"""Tokens returned by the trigger and batch routes expire after one hour."""

_signing = threading.Lock()


def public_access_token(
    secret_key: str,
    environment_id: str,
    scopes: list[str],
    lifetime_s: int = SERVER_TOKEN_LIFETIME_S,
    *,
    expires_at_s: float | None = None,
    one_time_use: bool = False,
    realtime: Any = None,
) -> str:
    """Sign a public access token the way the server does (``x-trigger-jwt``, ``/api/v1/auth/public-tokens``).

    HS256 with the UTF-8 bytes of the environment's secret key; claims ``sub`` (the environment id),
    ``pub: true``, ``scopes``, ``otu: true`` for a one-time-use token, ``realtime`` when given, then
    ``iss``, ``aud``, ``iat`` and ``exp``. Times come from the wall clock, not the emulator's virtual
    clock, so that JWT libraries accept the token.

    Args:
        secret_key: the environment's secret API key (``tr_dev_…``).
        environment_id: the environment id, put in ``sub``.
        scopes: the granted scopes, such as ``["read:runs:run_…"]``.
        lifetime_s: seconds until the token expires (the waitpoint route gives 24 hours).
        expires_at_s: an absolute ``exp`` (Unix seconds) instead of ``lifetime_s``.
        one_time_use: add ``otu: true``.
        realtime: the ``realtime`` claim (``{"skipColumns": [...]}``); None leaves it out.

    Returns:
        The compact JWT.
    """
    now_s = int(time.time())
    claims: dict[str, Any] = {"sub": environment_id, "pub": True, "scopes": scopes}
    if one_time_use:
        claims["otu"] = True
    if realtime is not None:
        claims["realtime"] = realtime
    claims.update(
        iss=ISSUER,
        aud=AUDIENCE,
        iat=now_s,
        exp=now_s + lifetime_s if expires_at_s is None else expires_at_s,
    )
    # Trigger.dev keys are 31 bytes (``tr_dev_`` + 24), below the 32 PyJWT recommends for HS256; the server
    # signs with them anyway, so the emulator must too, without a warning on every trigger.
    with _signing, warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
        return jwt.encode(claims, secret_key.encode("utf-8"), algorithm="HS256")


def claims_header(environment_id: str, scopes: list[str] | None = None, realtime: Any = None) -> str:
    """The ``x-trigger-jwt-claims`` header value: JSON as JavaScript's ``JSON.stringify`` writes it.

    Args:
        environment_id: the environment id (``sub``).
        scopes: included when given (the trigger route sends them; the batch route does not).
        realtime: the ``realtime`` claim of the public access token the trigger was made with, if any.

    Returns:
        Compact JSON such as ``{"sub":"…","pub":true}``.
    """
    claims: dict[str, object] = {"sub": environment_id, "pub": True}
    if scopes is not None:
        claims["scopes"] = scopes
    if realtime is not None:
        claims["realtime"] = realtime
    return json.dumps(claims, separators=(",", ":"))
