from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_action_id_response import BulkActionIdResponse
from ...models.create_bulk_action_request_body import CreateBulkActionRequestBody
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v1/bulk-actions"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    *,
    body: CreateBulkActionRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/bulk-actions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BulkActionIdResponse | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 202:
        response_202 = BulkActionIdResponse.from_dict(response.json())

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
) -> Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]:
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
    body: CreateBulkActionRequestBody,
) -> Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]:
    """Cancel or replay many runs at once

     Selects runs by `runIds` (1 to 500 ids) or by `filter` (the filters of the run list; exactly one of
    the two), counts them, and processes them in the background in batches of 100. The answer is
    `202` with the bulk action id; follow it with `GET /api/v1/bulk-actions/{bulkActionId}` until its
    `status` is `COMPLETED` (or `ABORTED`). A filter without a time range selects the runs created in
    the last 7 days; the range is fixed when the action is created. Cancelling a run that already
    finished counts as a failure. Replayed runs carry the bulk action id (`filter[bulkAction]`).
    Creating a bulk action is not idempotent. More than 3 replays in progress at once in one
    environment are refused with 429 and `x-should-retry: false`.

    Args:
        body (CreateBulkActionRequestBody): Exactly one of `runIds` and `filter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]
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
    body: CreateBulkActionRequestBody,
) -> BulkActionIdResponse | ErrorResponse | RateLimitProblem | None:
    """Cancel or replay many runs at once

     Selects runs by `runIds` (1 to 500 ids) or by `filter` (the filters of the run list; exactly one of
    the two), counts them, and processes them in the background in batches of 100. The answer is
    `202` with the bulk action id; follow it with `GET /api/v1/bulk-actions/{bulkActionId}` until its
    `status` is `COMPLETED` (or `ABORTED`). A filter without a time range selects the runs created in
    the last 7 days; the range is fixed when the action is created. Cancelling a run that already
    finished counts as a failure. Replayed runs carry the bulk action id (`filter[bulkAction]`).
    Creating a bulk action is not idempotent. More than 3 replays in progress at once in one
    environment are refused with 429 and `x-should-retry: false`.

    Args:
        body (CreateBulkActionRequestBody): Exactly one of `runIds` and `filter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkActionIdResponse | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBulkActionRequestBody,
) -> Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]:
    """Cancel or replay many runs at once

     Selects runs by `runIds` (1 to 500 ids) or by `filter` (the filters of the run list; exactly one of
    the two), counts them, and processes them in the background in batches of 100. The answer is
    `202` with the bulk action id; follow it with `GET /api/v1/bulk-actions/{bulkActionId}` until its
    `status` is `COMPLETED` (or `ABORTED`). A filter without a time range selects the runs created in
    the last 7 days; the range is fixed when the action is created. Cancelling a run that already
    finished counts as a failure. Replayed runs carry the bulk action id (`filter[bulkAction]`).
    Creating a bulk action is not idempotent. More than 3 replays in progress at once in one
    environment are refused with 429 and `x-should-retry: false`.

    Args:
        body (CreateBulkActionRequestBody): Exactly one of `runIds` and `filter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBulkActionRequestBody,
) -> BulkActionIdResponse | ErrorResponse | RateLimitProblem | None:
    """Cancel or replay many runs at once

     Selects runs by `runIds` (1 to 500 ids) or by `filter` (the filters of the run list; exactly one of
    the two), counts them, and processes them in the background in batches of 100. The answer is
    `202` with the bulk action id; follow it with `GET /api/v1/bulk-actions/{bulkActionId}` until its
    `status` is `COMPLETED` (or `ABORTED`). A filter without a time range selects the runs created in
    the last 7 days; the range is fixed when the action is created. Cancelling a run that already
    finished counts as a failure. Replayed runs carry the bulk action id (`filter[bulkAction]`).
    Creating a bulk action is not idempotent. More than 3 replays in progress at once in one
    environment are refused with 429 and `x-should-retry: false`.

    Args:
        body (CreateBulkActionRequestBody): Exactly one of `runIds` and `filter`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkActionIdResponse | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
