from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.reset_idempotency_key_request_body import ResetIdempotencyKeyRequestBody
from ...models.reset_idempotency_key_response import ResetIdempotencyKeyResponse
from ...types import Response

ROUTE = "POST /api/v1/idempotencyKeys/{key}/reset"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    key: str,
    *,
    body: ResetIdempotencyKeyRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/idempotencyKeys/{key}/reset".format(
            key=quote(str(key), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse | None:
    if response.status_code == 200:
        response_200 = ResetIdempotencyKeyResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse]:
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
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResetIdempotencyKeyRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse]:
    """Reset an idempotency key so that it can trigger a new run

     `{key}` is the key as stored: the SHA-256 hex the client derived from the user's key (the SDK's
    `idempotencyKeys.create`), not the user's key. Clears the key from the task's runs in the
    environment; the next trigger with that key makes a new run. Accepts a public access token with
    `write:runs`.

    Args:
        key (str):
        body (ResetIdempotencyKeyRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResetIdempotencyKeyRequestBody,
) -> ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse | None:
    """Reset an idempotency key so that it can trigger a new run

     `{key}` is the key as stored: the SHA-256 hex the client derived from the user's key (the SDK's
    `idempotencyKeys.create`), not the user's key. Clears the key from the task's runs in the
    environment; the next trigger with that key makes a new run. Accepts a public access token with
    `write:runs`.

    Args:
        key (str):
        body (ResetIdempotencyKeyRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse
    """

    return sync_detailed(
        key=key,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResetIdempotencyKeyRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse]:
    """Reset an idempotency key so that it can trigger a new run

     `{key}` is the key as stored: the SHA-256 hex the client derived from the user's key (the SDK's
    `idempotencyKeys.create`), not the user's key. Clears the key from the task's runs in the
    environment; the next trigger with that key makes a new run. Accepts a public access token with
    `write:runs`.

    Args:
        key (str):
        body (ResetIdempotencyKeyRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResetIdempotencyKeyRequestBody,
) -> ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse | None:
    """Reset an idempotency key so that it can trigger a new run

     `{key}` is the key as stored: the SHA-256 hex the client derived from the user's key (the SDK's
    `idempotencyKeys.create`), not the user's key. Clears the key from the task's runs in the
    environment; the next trigger with that key makes a new run. Accepts a public access token with
    `write:runs`.

    Args:
        key (str):
        body (ResetIdempotencyKeyRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | ResetIdempotencyKeyResponse
    """

    return (
        await asyncio_detailed(
            key=key,
            client=client,
            body=body,
        )
    ).parsed
