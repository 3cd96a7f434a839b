"""Public access tokens (JWTs) that the server hands out with trigger and batch answers."""

from __future__ import annotations

import json
import threading
import time
import warnings

import jwt

ISSUER = "https://id.trigger.dev"
AUDIENCE = "https://api.trigger.dev"
SERVER_TOKEN_LIFETIME_S = 3600
"""Tokens returned by the trigger and batch routes expire after one hour."""

_signing = threading.Lock()


def public_access_token(
    secret_key: str, environment_id: str, scopes: list[str], lifetime_s: int = SERVER_TOKEN_LIFETIME_S
) -> str:
    """Sign a public access token the way the server does for ``x-trigger-jwt``.

    HS256 with the UTF-8 bytes of the environment's secret key; claims ``iss``, ``aud``, ``iat``, ``exp``
    (``lifetime_s`` later), ``sub`` (the environment id), ``pub: true`` and ``scopes``. Times come from
    the wall clock, not the emulator's virtual clock, so that JWT libraries accept the token.

    Args:
        secret_key: the environment's secret API key (``tr_dev_…``).
        environment_id: the environment id, put in ``sub``.
        scopes: the granted scopes, such as ``["read:runs:run_…"]``.
        lifetime_s: seconds until the token expires (the waitpoint route gives 24 hours).

    Returns:
        The compact JWT.
    """
    now_s = int(time.time())
    claims = {
        "sub": environment_id,
        "pub": True,
        "scopes": scopes,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now_s,
        "exp": now_s + lifetime_s,
    }
    # Trigger.dev keys are 31 bytes (``tr_dev_`` + 24), below the 32 PyJWT recommends for HS256; the server
    # signs with them anyway, so the emulator must too, without a warning on every trigger.
    with _signing, warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
        return jwt.encode(claims, secret_key.encode("utf-8"), algorithm="HS256")


def claims_header(environment_id: str, scopes: list[str] | None = None) -> str:
    """The ``x-trigger-jwt-claims`` header value: JSON as JavaScript's ``JSON.stringify`` writes it.

    Args:
        environment_id: the environment id (``sub``).
        scopes: included when given (the trigger route sends them; the batch route does not).

    Returns:
        Compact JSON such as ``{"sub":"…","pub":true}``.
    """
    claims: dict[str, object] = {"sub": environment_id, "pub": True}
    if scopes is not None:
        claims["scopes"] = scopes
    return json.dumps(claims, separators=(",", ":"))
