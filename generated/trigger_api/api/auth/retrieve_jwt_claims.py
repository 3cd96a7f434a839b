from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.jwt_claims import JwtClaims
from ...types import Response

ROUTE = "POST /api/v1/auth/jwt/claims"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/jwt/claims",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | JwtClaims | None:
    if response.status_code == 200:
        response_200 = JwtClaims.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | JwtClaims]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise errors.UnexpectedResponseBody(
            response.status_code, response.content
        ) from exc
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | JwtClaims]:
    """The claims a public access token of this environment carries

     No body. Answers `{sub: <environment id>, pub: true}` for the environment of a secret key (with
    `x-trigger-branch`, of that branch). A client signs public access tokens itself with these claims:
    HS256 with the secret key as the key, `iss` `https://id.trigger.dev`, `aud`
    `https://api.trigger.dev`.
    Only root keys (and full-access additional keys) are accepted. Not rate-limited.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JwtClaims]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | JwtClaims | None:
    """The claims a public access token of this environment carries

     No body. Answers `{sub: <environment id>, pub: true}` for the environment of a secret key (with
    `x-trigger-branch`, of that branch). A client signs public access tokens itself with these claims:
    HS256 with the secret key as the key, `iss` `https://id.trigger.dev`, `aud`
    `https://api.trigger.dev`.
    Only root keys (and full-access additional keys) are accepted. Not rate-limited.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JwtClaims
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | JwtClaims]:
    """The claims a public access token of this environment carries

     No body. Answers `{sub: <environment id>, pub: true}` for the environment of a secret key (with
    `x-trigger-branch`, of that branch). A client signs public access tokens itself with these claims:
    HS256 with the secret key as the key, `iss` `https://id.trigger.dev`, `aud`
    `https://api.trigger.dev`.
    Only root keys (and full-access additional keys) are accepted. Not rate-limited.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JwtClaims]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | JwtClaims | None:
    """The claims a public access token of this environment carries

     No body. Answers `{sub: <environment id>, pub: true}` for the environment of a secret key (with
    `x-trigger-branch`, of that branch). A client signs public access tokens itself with these claims:
    HS256 with the secret key as the key, `iss` `https://id.trigger.dev`, `aud`
    `https://api.trigger.dev`.
    Only root keys (and full-access additional keys) are accepted. Not rate-limited.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JwtClaims
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
