from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.stream_batch_items_response import StreamBatchItemsResponse
from ...types import File, Response

ROUTE = "POST /api/v3/batches/{batchId}/items"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    batch_id: str,
    *,
    body: File,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v3/batches/{batch_id}/items".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
    }

    _kwargs["content"] = body.payload.read()
    headers["Content-Type"] = "application/x-ndjson"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RateLimitProblem | StreamBatchItemsResponse | None:
    if response.status_code == 200:
        response_200 = StreamBatchItemsResponse.from_dict(response.json())

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

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

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
) -> Response[ErrorResponse | RateLimitProblem | StreamBatchItemsResponse]:
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
    body: File,
) -> Response[ErrorResponse | RateLimitProblem | StreamBatchItemsResponse]:
    """Send the items of a batch (phase 2 of the two-phase batch API)

     The body is newline-delimited JSON: one `BatchItem` object per line, each line at most 3 MiB.
    Items are de-duplicated by `index`, so re-sending the whole body is safe. `sealed: false` in the
    answer means fewer than `runCount` items have arrived so far. Sending after the batch is sealed
    answers `sealed: true, itemsAccepted: 0`.

    Args:
        batch_id (str):
        body (File): One JSON-encoded `BatchItem` per line.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | StreamBatchItemsResponse]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
) -> ErrorResponse | RateLimitProblem | StreamBatchItemsResponse | None:
    """Send the items of a batch (phase 2 of the two-phase batch API)

     The body is newline-delimited JSON: one `BatchItem` object per line, each line at most 3 MiB.
    Items are de-duplicated by `index`, so re-sending the whole body is safe. `sealed: false` in the
    answer means fewer than `runCount` items have arrived so far. Sending after the batch is sealed
    answers `sealed: true, itemsAccepted: 0`.

    Args:
        batch_id (str):
        body (File): One JSON-encoded `BatchItem` per line.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | StreamBatchItemsResponse
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
) -> Response[ErrorResponse | RateLimitProblem | StreamBatchItemsResponse]:
    """Send the items of a batch (phase 2 of the two-phase batch API)

     The body is newline-delimited JSON: one `BatchItem` object per line, each line at most 3 MiB.
    Items are de-duplicated by `index`, so re-sending the whole body is safe. `sealed: false` in the
    answer means fewer than `runCount` items have arrived so far. Sending after the batch is sealed
    answers `sealed: true, itemsAccepted: 0`.

    Args:
        batch_id (str):
        body (File): One JSON-encoded `BatchItem` per line.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | StreamBatchItemsResponse]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
) -> ErrorResponse | RateLimitProblem | StreamBatchItemsResponse | None:
    """Send the items of a batch (phase 2 of the two-phase batch API)

     The body is newline-delimited JSON: one `BatchItem` object per line, each line at most 3 MiB.
    Items are de-duplicated by `index`, so re-sending the whole body is safe. `sealed: false` in the
    answer means fewer than `runCount` items have arrived so far. Sending after the batch is sealed
    answers `sealed: true, itemsAccepted: 0`.

    Args:
        batch_id (str):
        body (File): One JSON-encoded `BatchItem` per line.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | StreamBatchItemsResponse
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
            body=body,
        )
    ).parsed
