"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.auth``: public access tokens for browsers and other less trusted callers, signed locally with a
root secret key (as the official SDK signs them) or minted by the server for an additional API key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from trigger_api.api.auth import create_public_token, retrieve_jwt_claims
from trigger_api.models.create_public_token_request_body import CreatePublicTokenRequestBody
from trigger_api.models.create_public_token_response import CreatePublicTokenResponse
from trigger_api.models.jwt_claims import JwtClaims

from ... import _public_tokens as tokens
from ... import _validation as check
from ..._error_hook import reports_errors
from ..._exceptions import NotFoundError, ValidationError
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["Auth"]

Scopes = Mapping[str, Any] | Sequence[str]
"""A nested permission mapping (``{"read": {"runs": ["run_…"]}}``) or a list of scope strings."""

_NO_MINTING = (
    "This additional API key cannot sign public access tokens itself, and the server does not mint them "
    "(POST /api/v1/auth/public-tokens is missing: a server from before it). Upgrade the server, or use the "
    "environment's root secret key."
)


@reports_errors
class Auth:
    """Public access tokens: short-lived JWTs that grant only the scopes they name (read one run, trigger one
    task, …), for code that must not hold the secret key (a browser, a mobile app, a partner). Reached as
    ``client.auth``.

    With the environment's root secret key (``tr_dev_…``) a token is signed here (HS256, as the official
    SDK signs it) after asking ``POST /api/v1/auth/jwt/claims`` for the environment's claims (one request
    per token, as the SDK does); with an additional API key
    (``tr_dev_sk_…``), which cannot sign, the server mints it (``POST /api/v1/auth/public-tokens``). Use a
    token with ``client.with_options(api_key=token)`` or ``TriggerClient(api_key=token)``.
    """

    def __init__(self, client: TriggerClient) -> None:
        self._client = client

    def retrieve_jwt_claims(
        self, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The claims every public access token of this environment carries. Calls
        ``POST /api/v1/auth/jwt/claims`` (the preview branch header selects a branch's environment).

        Returns:
            ``{"sub": <environment id>, "pub": True}``.

        Raises:
            AuthenticationError: the key is not an environment's secret key.
        """
        parsed, _headers = self._client._call(retrieve_jwt_claims, JwtClaims, request_options)
        return parsed.to_dict()

    def create_public_token(
        self,
        scopes: Scopes | None = None,
        *,
        expiration: tokens.Expiration | None = None,
        skip_columns: Sequence[str] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> str:
        """A public access token granting ``scopes``.

        Args:
            scopes: What the token may do: ``{"read": {"runs": ["run_…"], "tags": "vip"}}`` (actions
                ``read``, ``write``, ``trigger``, ``batchTrigger``; resource types ``runs``, ``tasks``,
                ``tags``, ``batch``, ``waitpoints``, ``inputStreams``, ``sessions``; ``True`` for every
                resource of a type), or scope strings such as ``["read:runs:run_…"]``. None: a token with
                no scopes (it authorises nothing; refused for an additional key).
            expiration: When it expires: a relative time in jose's syntax (one number and one unit:
                ``"15m"``, the default; ``"1h"``, ``"2 days"``, ``"1w"``; not ``"1h30m"``), an absolute Unix
                time in seconds (not milliseconds), an aware datetime or a timedelta. At most 30 days for
                a server-minted token.
            skip_columns: Columns realtime feeds read with this token leave out, such as ``["payload"]``.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The token (a JWT).

        Raises:
            ValidationError: malformed scopes, a bad expiration, no scopes with an additional key, or a
                client credential that is not a secret key (a personal access token or a JWT), before
                anything is sent.
            AuthenticationError: the server refused the key.
            PermissionDeniedError: the scopes exceed what the additional key may do.
        """
        flat = None if scopes is None else tokens.flatten_scopes(scopes)
        return self._token(flat, None, expiration, skip_columns, request_options)

    def create_trigger_public_token(
        self,
        task_ids: str | Sequence[str],
        *,
        one_time_use: bool = True,
        expiration: tokens.Expiration | None = None,
        skip_columns: Sequence[str] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> str:
        """A public access token that may trigger these tasks (``POST /api/v1/tasks/{taskId}/trigger``),
        with scopes ``trigger:tasks:<id>``.

        Args:
            task_ids: One task identifier or several.
            one_time_use: The token triggers one run only (a second use is refused with 422); False for a
                token that may be used until it expires.
            expiration, skip_columns, request_options: As :meth:`create_public_token`.

        Returns:
            The token (a JWT).

        Raises:
            ValidationError, AuthenticationError, PermissionDeniedError: as :meth:`create_public_token`.
        """
        return self._task_token("trigger", task_ids, one_time_use, expiration, skip_columns, request_options)

    def create_batch_trigger_public_token(
        self,
        task_ids: str | Sequence[str],
        *,
        one_time_use: bool = True,
        expiration: tokens.Expiration | None = None,
        skip_columns: Sequence[str] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> str:
        """A public access token that may batch-trigger these tasks (``POST /api/v3/batches`` and its
        items), with scopes ``batchTrigger:tasks:<id>``. A one-time token makes one batch, and a batch holds
        at most 1,000 runs: ``tasks.batch_trigger`` splits more items over several batches, so with such a
        token the batches after the first are refused (``BatchTriggerError``).

        Args:
            task_ids: One task identifier or several (a batch may only hold runs of these tasks).
            one_time_use: The token creates one batch only; False for a token that may be reused.
            expiration, skip_columns, request_options: As :meth:`create_public_token`.

        Returns:
            The token (a JWT).

        Raises:
            ValidationError, AuthenticationError, PermissionDeniedError: as :meth:`create_public_token`.
        """
        return self._task_token(
            "batchTrigger", task_ids, one_time_use, expiration, skip_columns, request_options
        )

    def _task_token(
        self,
        action: str,
        task_ids: str | Sequence[str],
        one_time_use: bool,
        expiration: tokens.Expiration | None,
        skip_columns: Sequence[str] | None,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> str:
        if not isinstance(one_time_use, bool):
            raise ValidationError(f"one_time_use must be a bool, got {one_time_use!r}", field="one_time_use")
        ids = check.string_list(task_ids, "task_ids")
        scopes = tokens.flatten_scopes({action: {"tasks": ids}})
        return self._token(scopes, one_time_use, expiration, skip_columns, request_options)

    def _token(
        self,
        scopes: list[str] | None,
        one_time_use: bool | None,
        expiration: tokens.Expiration | None,
        skip_columns: Sequence[str] | None,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> str:
        """Sign locally with a root key (claims from the server first), or have the server mint it."""
        key = self._client._config.api_key
        realtime = (
            None if skip_columns is None else {"skipColumns": check.string_list(skip_columns, "skip_columns")}
        )
        if tokens.is_additional_api_key(key):
            if not scopes:
                raise ValidationError(
                    "a public access token made with an additional API key needs at least one scope, such as "
                    "scopes={'read': {'runs': ['run_…']}}",
                    field="scopes",
                )
            body: dict[str, Any] = {"scopes": scopes}
            server_expiration = tokens.server_expiration(expiration)
            if server_expiration is not None:
                body["expirationTime"] = server_expiration
            if one_time_use is not None:
                body["oneTimeUse"] = one_time_use
            if realtime is not None:
                body["realtime"] = realtime
            try:
                parsed, _headers = self._client._call(
                    create_public_token,
                    CreatePublicTokenResponse,
                    request_options,
                    body=CreatePublicTokenRequestBody.from_dict(body),
                )
            except NotFoundError as exc:
                raise exc.with_message(_NO_MINTING) from None
            return parsed.token
        if not tokens.is_root_secret_key(key):
            raise ValidationError(
                "public access tokens are made with an environment's secret key (tr_dev_…, tr_prod_…) or an "
                "additional API key (tr_dev_sk_…); this client holds another kind of credential",
                field="api_key",
            )
        tokens.check_expiration(expiration)  # a bad one is refused before anything is sent
        claims = self.retrieve_jwt_claims(request_options=request_options)
        if one_time_use is not None:
            claims["otu"] = one_time_use
        if scopes is not None:
            claims["scopes"] = scopes
        if realtime is not None:
            claims["realtime"] = realtime
        return tokens.sign(key, claims, expiration)
