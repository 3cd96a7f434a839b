from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.override_queue_concurrency_request_body import (
    OverrideQueueConcurrencyRequestBody,
)
from ...models.queue_item import QueueItem
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v1/queues/{queueParam}/concurrency/override"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    queue_param: str,
    *,
    body: OverrideQueueConcurrencyRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/queues/{queue_param}/concurrency/override".format(
            queue_param=quote(str(queue_param), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | QueueItem | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = QueueItem.from_dict(response.json())

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
) -> Response[ErrorResponse | QueueItem | RateLimitProblem]:
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
    queue_param: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverrideQueueConcurrencyRequestBody,
) -> Response[ErrorResponse | QueueItem | RateLimitProblem]:
    """Override the concurrency limit of a queue

     Sets the limit to `concurrencyLimit` (0 to 100,000; 0 starts nothing), or to `percent` of the
    environment's concurrency limit (more than 0, at most 100; at least 1 run). The declared limit is
    kept as `concurrency.base` until reset. A limit above the environment's is refused (400).

    Args:
        queue_param (str):
        body (OverrideQueueConcurrencyRequestBody): Exactly one of `concurrencyLimit` and
            `percent`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | QueueItem | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        queue_param=queue_param,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    queue_param: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverrideQueueConcurrencyRequestBody,
) -> ErrorResponse | QueueItem | RateLimitProblem | None:
    """Override the concurrency limit of a queue

     Sets the limit to `concurrencyLimit` (0 to 100,000; 0 starts nothing), or to `percent` of the
    environment's concurrency limit (more than 0, at most 100; at least 1 run). The declared limit is
    kept as `concurrency.base` until reset. A limit above the environment's is refused (400).

    Args:
        queue_param (str):
        body (OverrideQueueConcurrencyRequestBody): Exactly one of `concurrencyLimit` and
            `percent`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | QueueItem | RateLimitProblem
    """

    return sync_detailed(
        queue_param=queue_param,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    queue_param: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverrideQueueConcurrencyRequestBody,
) -> Response[ErrorResponse | QueueItem | RateLimitProblem]:
    """Override the concurrency limit of a queue

     Sets the limit to `concurrencyLimit` (0 to 100,000; 0 starts nothing), or to `percent` of the
    environment's concurrency limit (more than 0, at most 100; at least 1 run). The declared limit is
    kept as `concurrency.base` until reset. A limit above the environment's is refused (400).

    Args:
        queue_param (str):
        body (OverrideQueueConcurrencyRequestBody): Exactly one of `concurrencyLimit` and
            `percent`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | QueueItem | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        queue_param=queue_param,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    queue_param: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverrideQueueConcurrencyRequestBody,
) -> ErrorResponse | QueueItem | RateLimitProblem | None:
    """Override the concurrency limit of a queue

     Sets the limit to `concurrencyLimit` (0 to 100,000; 0 starts nothing), or to `percent` of the
    environment's concurrency limit (more than 0, at most 100; at least 1 run). The declared limit is
    kept as `concurrency.base` until reset. A limit above the environment's is refused (400).

    Args:
        queue_param (str):
        body (OverrideQueueConcurrencyRequestBody): Exactly one of `concurrencyLimit` and
            `percent`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | QueueItem | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            queue_param=queue_param,
            client=client,
            body=body,
        )
    ).parsed
