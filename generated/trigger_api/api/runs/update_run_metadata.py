from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.update_run_metadata_request_body import UpdateRunMetadataRequestBody
from ...models.update_run_metadata_response import UpdateRunMetadataResponse
from ...types import Response

ROUTE = "PUT /api/v1/runs/{runId}/metadata"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    run_id: str,
    *,
    body: UpdateRunMetadataRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/runs/{run_id}/metadata".format(
            run_id=quote(str(run_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse | None:
    if response.status_code == 200:
        response_200 = UpdateRunMetadataResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse]:
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
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateRunMetadataRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse]:
    """Replace a run's metadata, or change it with operations

     With `operations`, the operations are applied in order to the stored metadata and `metadata` is
    ignored; without them, `metadata` replaces the stored object. `parentOperations` and
    `rootOperations` go to the run's parent and root run (the run itself when it has none) and are
    applied a few seconds later. A run that finished more than an hour ago cannot be changed (422).
    Stored metadata is at most 256 KiB (413); the body at most 2 MiB.

    Args:
        run_id (str):
        body (UpdateRunMetadataRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateRunMetadataRequestBody,
) -> ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse | None:
    """Replace a run's metadata, or change it with operations

     With `operations`, the operations are applied in order to the stored metadata and `metadata` is
    ignored; without them, `metadata` replaces the stored object. `parentOperations` and
    `rootOperations` go to the run's parent and root run (the run itself when it has none) and are
    applied a few seconds later. A run that finished more than an hour ago cannot be changed (422).
    Stored metadata is at most 256 KiB (413); the body at most 2 MiB.

    Args:
        run_id (str):
        body (UpdateRunMetadataRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse
    """

    return sync_detailed(
        run_id=run_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateRunMetadataRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse]:
    """Replace a run's metadata, or change it with operations

     With `operations`, the operations are applied in order to the stored metadata and `metadata` is
    ignored; without them, `metadata` replaces the stored object. `parentOperations` and
    `rootOperations` go to the run's parent and root run (the run itself when it has none) and are
    applied a few seconds later. A run that finished more than an hour ago cannot be changed (422).
    Stored metadata is at most 256 KiB (413); the body at most 2 MiB.

    Args:
        run_id (str):
        body (UpdateRunMetadataRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateRunMetadataRequestBody,
) -> ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse | None:
    """Replace a run's metadata, or change it with operations

     With `operations`, the operations are applied in order to the stored metadata and `metadata` is
    ignored; without them, `metadata` replaces the stored object. `parentOperations` and
    `rootOperations` go to the run's parent and root run (the run itself when it has none) and are
    applied a few seconds later. A run that finished more than an hour ago cannot be changed (422).
    Stored metadata is at most 256 KiB (413); the body at most 2 MiB.

    Args:
        run_id (str):
        body (UpdateRunMetadataRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | UpdateRunMetadataResponse
    """

    return (
        await asyncio_detailed(
            run_id=run_id,
            client=client,
            body=body,
        )
    ).parsed
