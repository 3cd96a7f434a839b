from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_action_id_response import BulkActionIdResponse
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v1/bulk-actions/{bulkActionId}/abort"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    bulk_action_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/bulk-actions/{bulk_action_id}/abort".format(
            bulk_action_id=quote(str(bulk_action_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BulkActionIdResponse | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = BulkActionIdResponse.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

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
    bulk_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]:
    """Stop a bulk action that is still pending

     The runs processed so far stay cancelled or replayed; the status becomes `ABORTED`. A bulk action
    that already completed or was aborted is a 409; an unknown id a 404 ("Resource not found").

    Args:
        bulk_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        bulk_action_id=bulk_action_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    bulk_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> BulkActionIdResponse | ErrorResponse | RateLimitProblem | None:
    """Stop a bulk action that is still pending

     The runs processed so far stay cancelled or replayed; the status becomes `ABORTED`. A bulk action
    that already completed or was aborted is a 409; an unknown id a 404 ("Resource not found").

    Args:
        bulk_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkActionIdResponse | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        bulk_action_id=bulk_action_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    bulk_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]:
    """Stop a bulk action that is still pending

     The runs processed so far stay cancelled or replayed; the status becomes `ABORTED`. A bulk action
    that already completed or was aborted is a 409; an unknown id a 404 ("Resource not found").

    Args:
        bulk_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkActionIdResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        bulk_action_id=bulk_action_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    bulk_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> BulkActionIdResponse | ErrorResponse | RateLimitProblem | None:
    """Stop a bulk action that is still pending

     The runs processed so far stay cancelled or replayed; the status becomes `ABORTED`. A bulk action
    that already completed or was aborted is a 409; an unknown id a 404 ("Resource not found").

    Args:
        bulk_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkActionIdResponse | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            bulk_action_id=bulk_action_id,
            client=client,
        )
    ).parsed
