from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_waitpoint_token_request_body import (
    CreateWaitpointTokenRequestBody,
)
from ...models.create_waitpoint_token_response import CreateWaitpointTokenResponse
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v1/waitpoints/tokens"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    *,
    body: CreateWaitpointTokenRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/waitpoints/tokens",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = CreateWaitpointTokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = RateLimitProblem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem]:
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
    body: CreateWaitpointTokenRequestBody,
) -> Response[CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem]:
    """Create a waitpoint token

     A token that runs can wait on until it is completed (with `…/complete` or its callback `url`) or
    its timeout passes (status `TIMED_OUT`). A repeated `idempotencyKey` returns the same token with
    `isCached: true` until its `idempotencyKeyTTL` ends (without a TTL it never ends). Keys are stored
    as sent (not hashed). The body is at most 10 KiB. `x-trigger-jwt` holds a public access token
    valid for 24 hours with the scope `write:waitpoints:<id>`, which the complete route accepts.

    Args:
        body (CreateWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem]
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
    body: CreateWaitpointTokenRequestBody,
) -> CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem | None:
    """Create a waitpoint token

     A token that runs can wait on until it is completed (with `…/complete` or its callback `url`) or
    its timeout passes (status `TIMED_OUT`). A repeated `idempotencyKey` returns the same token with
    `isCached: true` until its `idempotencyKeyTTL` ends (without a TTL it never ends). Keys are stored
    as sent (not hashed). The body is at most 10 KiB. `x-trigger-jwt` holds a public access token
    valid for 24 hours with the scope `write:waitpoints:<id>`, which the complete route accepts.

    Args:
        body (CreateWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateWaitpointTokenRequestBody,
) -> Response[CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem]:
    """Create a waitpoint token

     A token that runs can wait on until it is completed (with `…/complete` or its callback `url`) or
    its timeout passes (status `TIMED_OUT`). A repeated `idempotencyKey` returns the same token with
    `isCached: true` until its `idempotencyKeyTTL` ends (without a TTL it never ends). Keys are stored
    as sent (not hashed). The body is at most 10 KiB. `x-trigger-jwt` holds a public access token
    valid for 24 hours with the scope `write:waitpoints:<id>`, which the complete route accepts.

    Args:
        body (CreateWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateWaitpointTokenRequestBody,
) -> CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem | None:
    """Create a waitpoint token

     A token that runs can wait on until it is completed (with `…/complete` or its callback `url`) or
    its timeout passes (status `TIMED_OUT`). A repeated `idempotencyKey` returns the same token with
    `isCached: true` until its `idempotencyKeyTTL` ends (without a TTL it never ends). Keys are stored
    as sent (not hashed). The body is at most 10 KiB. `x-trigger-jwt` holds a public access token
    valid for 24 hours with the scope `write:waitpoints:<id>`, which the complete route accepts.

    Args:
        body (CreateWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateWaitpointTokenResponse | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
