from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_batch_request_body import CreateBatchRequestBody
from ...models.create_batch_response import CreateBatchResponse
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v3/batches"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    *,
    body: CreateBatchRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v3/batches",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateBatchResponse | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = CreateBatchResponse.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = CreateBatchResponse.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

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
) -> Response[CreateBatchResponse | ErrorResponse | RateLimitProblem]:
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
    body: CreateBatchRequestBody,
) -> Response[CreateBatchResponse | ErrorResponse | RateLimitProblem]:
    """Create a batch (phase 1 of the two-phase batch API)

     Declares a batch of `runCount` runs. The items follow in phase 2 through
    `POST /api/v3/batches/{batchId}/items`. A batch holds at most 1,000 runs and the body is at most
    128 KiB. When `isCached` is true in the answer, the batch already exists for this idempotency key
    and phase 2 must be skipped. The batch rate limiter answers 429 with `Retry-After` (seconds) and
    `X-RateLimit-Reset` in Unix **seconds** (unlike the general limiter, which uses milliseconds).

    Args:
        body (CreateBatchRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateBatchResponse | ErrorResponse | RateLimitProblem]
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
    body: CreateBatchRequestBody,
) -> CreateBatchResponse | ErrorResponse | RateLimitProblem | None:
    """Create a batch (phase 1 of the two-phase batch API)

     Declares a batch of `runCount` runs. The items follow in phase 2 through
    `POST /api/v3/batches/{batchId}/items`. A batch holds at most 1,000 runs and the body is at most
    128 KiB. When `isCached` is true in the answer, the batch already exists for this idempotency key
    and phase 2 must be skipped. The batch rate limiter answers 429 with `Retry-After` (seconds) and
    `X-RateLimit-Reset` in Unix **seconds** (unlike the general limiter, which uses milliseconds).

    Args:
        body (CreateBatchRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateBatchResponse | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBatchRequestBody,
) -> Response[CreateBatchResponse | ErrorResponse | RateLimitProblem]:
    """Create a batch (phase 1 of the two-phase batch API)

     Declares a batch of `runCount` runs. The items follow in phase 2 through
    `POST /api/v3/batches/{batchId}/items`. A batch holds at most 1,000 runs and the body is at most
    128 KiB. When `isCached` is true in the answer, the batch already exists for this idempotency key
    and phase 2 must be skipped. The batch rate limiter answers 429 with `Retry-After` (seconds) and
    `X-RateLimit-Reset` in Unix **seconds** (unlike the general limiter, which uses milliseconds).

    Args:
        body (CreateBatchRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateBatchResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBatchRequestBody,
) -> CreateBatchResponse | ErrorResponse | RateLimitProblem | None:
    """Create a batch (phase 1 of the two-phase batch API)

     Declares a batch of `runCount` runs. The items follow in phase 2 through
    `POST /api/v3/batches/{batchId}/items`. A batch holds at most 1,000 runs and the body is at most
    128 KiB. When `isCached` is true in the answer, the batch already exists for this idempotency key
    and phase 2 must be skipped. The batch rate limiter answers 429 with `Retry-After` (seconds) and
    `X-RateLimit-Reset` in Unix **seconds** (unlike the general limiter, which uses milliseconds).

    Args:
        body (CreateBatchRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateBatchResponse | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
