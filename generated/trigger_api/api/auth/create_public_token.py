from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_public_token_request_body import CreatePublicTokenRequestBody
from ...models.create_public_token_response import CreatePublicTokenResponse
from ...models.error_response import ErrorResponse
from ...types import Response

ROUTE = "POST /api/v1/auth/public-tokens"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    *,
    body: CreatePublicTokenRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/public-tokens",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreatePublicTokenResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CreatePublicTokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreatePublicTokenResponse | ErrorResponse]:
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
    body: CreatePublicTokenRequestBody,
) -> Response[CreatePublicTokenResponse | ErrorResponse]:
    """Have the server mint a public access token

     For additional API keys (`tr_<env>_sk_…`), which cannot sign tokens themselves; root keys may use
    it too. Public access tokens are refused. The requested scopes must be within the key's own access
    (else 403 `scopes_exceed_key_access` with `deniedScopes`). The lifetime is at most 30 days and
    must end in the future. Servers older than this route answer 404.

    Args:
        body (CreatePublicTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatePublicTokenResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreatePublicTokenRequestBody,
) -> CreatePublicTokenResponse | ErrorResponse | None:
    """Have the server mint a public access token

     For additional API keys (`tr_<env>_sk_…`), which cannot sign tokens themselves; root keys may use
    it too. Public access tokens are refused. The requested scopes must be within the key's own access
    (else 403 `scopes_exceed_key_access` with `deniedScopes`). The lifetime is at most 30 days and
    must end in the future. Servers older than this route answer 404.

    Args:
        body (CreatePublicTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatePublicTokenResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreatePublicTokenRequestBody,
) -> Response[CreatePublicTokenResponse | ErrorResponse]:
    """Have the server mint a public access token

     For additional API keys (`tr_<env>_sk_…`), which cannot sign tokens themselves; root keys may use
    it too. Public access tokens are refused. The requested scopes must be within the key's own access
    (else 403 `scopes_exceed_key_access` with `deniedScopes`). The lifetime is at most 30 days and
    must end in the future. Servers older than this route answer 404.

    Args:
        body (CreatePublicTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatePublicTokenResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreatePublicTokenRequestBody,
) -> CreatePublicTokenResponse | ErrorResponse | None:
    """Have the server mint a public access token

     For additional API keys (`tr_<env>_sk_…`), which cannot sign tokens themselves; root keys may use
    it too. Public access tokens are refused. The requested scopes must be within the key's own access
    (else 403 `scopes_exceed_key_access` with `deniedScopes`). The lifetime is at most 30 days and
    must end in the future. Servers older than this route answer 404.

    Args:
        body (CreatePublicTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatePublicTokenResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
