from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_processing_strategy import BatchProcessingStrategy
from ...models.error_response import ErrorResponse
from ...models.legacy_batch_trigger_request_body import LegacyBatchTriggerRequestBody
from ...models.legacy_batch_trigger_response import LegacyBatchTriggerResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import UNSET, Response, Unset

ROUTE = "POST /api/v2/tasks/batch"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    *,
    body: LegacyBatchTriggerRequestBody,
    batch_processing_strategy: BatchProcessingStrategy | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(batch_processing_strategy, Unset):
        headers["batch-processing-strategy"] = str(batch_processing_strategy)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/tasks/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem | None:
    if response.status_code == 202:
        response_202 = LegacyBatchTriggerResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem]:
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
    body: LegacyBatchTriggerRequestBody,
    batch_processing_strategy: BatchProcessingStrategy | Unset = UNSET,
) -> Response[ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem]:
    """Trigger a batch in one request (the legacy one-shot batch route)

     Served for SDKs older than 4.3 and by self-hosted servers that predate the two-phase batch API.
    At most 500 items and a body of at most 1 MB. No batch-level idempotency key: items carry their
    own. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first batch.

    Args:
        batch_processing_strategy (BatchProcessingStrategy | Unset):
        body (LegacyBatchTriggerRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        batch_processing_strategy=batch_processing_strategy,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LegacyBatchTriggerRequestBody,
    batch_processing_strategy: BatchProcessingStrategy | Unset = UNSET,
) -> ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem | None:
    """Trigger a batch in one request (the legacy one-shot batch route)

     Served for SDKs older than 4.3 and by self-hosted servers that predate the two-phase batch API.
    At most 500 items and a body of at most 1 MB. No batch-level idempotency key: items carry their
    own. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first batch.

    Args:
        batch_processing_strategy (BatchProcessingStrategy | Unset):
        body (LegacyBatchTriggerRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem
    """

    return sync_detailed(
        client=client,
        body=body,
        batch_processing_strategy=batch_processing_strategy,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LegacyBatchTriggerRequestBody,
    batch_processing_strategy: BatchProcessingStrategy | Unset = UNSET,
) -> Response[ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem]:
    """Trigger a batch in one request (the legacy one-shot batch route)

     Served for SDKs older than 4.3 and by self-hosted servers that predate the two-phase batch API.
    At most 500 items and a body of at most 1 MB. No batch-level idempotency key: items carry their
    own. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first batch.

    Args:
        batch_processing_strategy (BatchProcessingStrategy | Unset):
        body (LegacyBatchTriggerRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        batch_processing_strategy=batch_processing_strategy,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LegacyBatchTriggerRequestBody,
    batch_processing_strategy: BatchProcessingStrategy | Unset = UNSET,
) -> ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem | None:
    """Trigger a batch in one request (the legacy one-shot batch route)

     Served for SDKs older than 4.3 and by self-hosted servers that predate the two-phase batch API.
    At most 500 items and a body of at most 1 MB. No batch-level idempotency key: items carry their
    own. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first batch.

    Args:
        batch_processing_strategy (BatchProcessingStrategy | Unset):
        body (LegacyBatchTriggerRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LegacyBatchTriggerResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            batch_processing_strategy=batch_processing_strategy,
        )
    ).parsed
