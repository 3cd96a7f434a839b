from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_v1 import BatchV1
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "GET /api/v1/batches/{batchId}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    batch_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/batches/{batch_id}".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchV1 | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = BatchV1.from_dict(response.json())

        return response_200

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
) -> Response[BatchV1 | ErrorResponse | RateLimitProblem]:
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
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BatchV1 | ErrorResponse | RateLimitProblem]:
    """Retrieve a batch (the older shape)

     The route that servers without `GET /api/v2/batches/{batchId}` serve: the same batch with
    `successfulRunCount`, `failedRunCount` and `errors` at the top level instead of `processing`.
    A 404 carries `x-should-retry: true`.

    Args:
        batch_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchV1 | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> BatchV1 | ErrorResponse | RateLimitProblem | None:
    """Retrieve a batch (the older shape)

     The route that servers without `GET /api/v2/batches/{batchId}` serve: the same batch with
    `successfulRunCount`, `failedRunCount` and `errors` at the top level instead of `processing`.
    A 404 carries `x-should-retry: true`.

    Args:
        batch_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchV1 | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BatchV1 | ErrorResponse | RateLimitProblem]:
    """Retrieve a batch (the older shape)

     The route that servers without `GET /api/v2/batches/{batchId}` serve: the same batch with
    `successfulRunCount`, `failedRunCount` and `errors` at the top level instead of `processing`.
    A 404 carries `x-should-retry: true`.

    Args:
        batch_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchV1 | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> BatchV1 | ErrorResponse | RateLimitProblem | None:
    """Retrieve a batch (the older shape)

     The route that servers without `GET /api/v2/batches/{batchId}` serve: the same batch with
    `successfulRunCount`, `failedRunCount` and `errors` at the top level instead of `processing`.
    A 404 carries `x-should-retry: true`.

    Args:
        batch_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchV1 | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
        )
    ).parsed
