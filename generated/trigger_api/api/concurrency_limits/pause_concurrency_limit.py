from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.concurrency_limit import ConcurrencyLimit
from ...models.error_response import ErrorResponse
from ...models.pause_concurrency_limit_request_body import (
    PauseConcurrencyLimitRequestBody,
)
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v1/concurrency-limits/{name}/pause"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    name: str,
    *,
    body: PauseConcurrencyLimitRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/concurrency-limits/{name}/pause".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConcurrencyLimit | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = ConcurrencyLimit.from_dict(response.json())

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
) -> Response[ConcurrencyLimit | ErrorResponse | RateLimitProblem]:
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
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PauseConcurrencyLimitRequestBody,
) -> Response[ConcurrencyLimit | ErrorResponse | RateLimitProblem]:
    """Pause or resume a concurrency limit

     A paused limit admits no run until resumed; its bounds are kept. This route does not decode the
    name a second time, so a `task/<taskId>` limit (sent as `task%2F…`) is not found here.

    Args:
        name (str):
        body (PauseConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConcurrencyLimit | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PauseConcurrencyLimitRequestBody,
) -> ConcurrencyLimit | ErrorResponse | RateLimitProblem | None:
    """Pause or resume a concurrency limit

     A paused limit admits no run until resumed; its bounds are kept. This route does not decode the
    name a second time, so a `task/<taskId>` limit (sent as `task%2F…`) is not found here.

    Args:
        name (str):
        body (PauseConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConcurrencyLimit | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PauseConcurrencyLimitRequestBody,
) -> Response[ConcurrencyLimit | ErrorResponse | RateLimitProblem]:
    """Pause or resume a concurrency limit

     A paused limit admits no run until resumed; its bounds are kept. This route does not decode the
    name a second time, so a `task/<taskId>` limit (sent as `task%2F…`) is not found here.

    Args:
        name (str):
        body (PauseConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConcurrencyLimit | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PauseConcurrencyLimitRequestBody,
) -> ConcurrencyLimit | ErrorResponse | RateLimitProblem | None:
    """Pause or resume a concurrency limit

     A paused limit admits no run until resumed; its bounds are kept. This route does not decode the
    name a second time, so a `task/<taskId>` limit (sent as `task%2F…`) is not found here.

    Args:
        name (str):
        body (PauseConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConcurrencyLimit | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
