from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complete_waitpoint_token_request_body import (
    CompleteWaitpointTokenRequestBody,
)
from ...models.complete_waitpoint_token_response import CompleteWaitpointTokenResponse
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v1/waitpoints/tokens/{waitpointId}/complete"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    waitpoint_id: str,
    *,
    body: CompleteWaitpointTokenRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/waitpoints/tokens/{waitpoint_id}/complete".format(
            waitpoint_id=quote(str(waitpoint_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = CompleteWaitpointTokenResponse.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

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
) -> Response[CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem]:
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
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CompleteWaitpointTokenRequestBody,
) -> Response[CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem]:
    """Complete a waitpoint token

     Accepts the secret key or a public access token with `write:waitpoints:<id>` (the `x-trigger-jwt`
    of the create answer). `data` becomes the token's output, serialised with superjson
    (`application/super+json`; a string is stored as `text/plain`). Completing a token that is already
    completed (or timed out) succeeds and changes nothing. The body is at most 3 MiB.

    Args:
        waitpoint_id (str):
        body (CompleteWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        waitpoint_id=waitpoint_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CompleteWaitpointTokenRequestBody,
) -> CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem | None:
    """Complete a waitpoint token

     Accepts the secret key or a public access token with `write:waitpoints:<id>` (the `x-trigger-jwt`
    of the create answer). `data` becomes the token's output, serialised with superjson
    (`application/super+json`; a string is stored as `text/plain`). Completing a token that is already
    completed (or timed out) succeeds and changes nothing. The body is at most 3 MiB.

    Args:
        waitpoint_id (str):
        body (CompleteWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        waitpoint_id=waitpoint_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CompleteWaitpointTokenRequestBody,
) -> Response[CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem]:
    """Complete a waitpoint token

     Accepts the secret key or a public access token with `write:waitpoints:<id>` (the `x-trigger-jwt`
    of the create answer). `data` becomes the token's output, serialised with superjson
    (`application/super+json`; a string is stored as `text/plain`). Completing a token that is already
    completed (or timed out) succeeds and changes nothing. The body is at most 3 MiB.

    Args:
        waitpoint_id (str):
        body (CompleteWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        waitpoint_id=waitpoint_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CompleteWaitpointTokenRequestBody,
) -> CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem | None:
    """Complete a waitpoint token

     Accepts the secret key or a public access token with `write:waitpoints:<id>` (the `x-trigger-jwt`
    of the create answer). `data` becomes the token's output, serialised with superjson
    (`application/super+json`; a string is stored as `text/plain`). Completing a token that is already
    completed (or timed out) succeeds and changes nothing. The body is at most 3 MiB.

    Args:
        waitpoint_id (str):
        body (CompleteWaitpointTokenRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompleteWaitpointTokenResponse | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            waitpoint_id=waitpoint_id,
            client=client,
            body=body,
        )
    ).parsed
