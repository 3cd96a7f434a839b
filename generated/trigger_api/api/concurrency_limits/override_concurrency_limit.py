from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.concurrency_limit import ConcurrencyLimit
from ...models.concurrency_limit_key import ConcurrencyLimitKey
from ...models.error_response import ErrorResponse
from ...models.override_concurrency_limit_request_body import (
    OverrideConcurrencyLimitRequestBody,
)
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "POST /api/v1/concurrency-limits/{name}/override"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    name: str,
    *,
    body: OverrideConcurrencyLimitRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/concurrency-limits/{name}/override".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ConcurrencyLimit | ConcurrencyLimitKey:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = ConcurrencyLimit.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ConcurrencyLimitKey.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[
    ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem
]:
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
    body: OverrideConcurrencyLimitRequestBody,
) -> Response[
    ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem
]:
    """Override the bounds of a limit, or its per-key bound for one concurrency key

     Without `concurrencyKey`: sets `perKey` and/or `total` (integers 0 to 100,000, at most the
    environment's concurrency limit; 0 admits no run) until reset. With `concurrencyKey`: caps that key
    at `perKey` until `ttl` (a duration such as `"7d"` or seconds; default 7 days, at most 30 days);
    `total` is not allowed then, and `ttl` only then.

    Args:
        name (str):
        body (OverrideConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem]
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
    body: OverrideConcurrencyLimitRequestBody,
) -> ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem | None:
    """Override the bounds of a limit, or its per-key bound for one concurrency key

     Without `concurrencyKey`: sets `perKey` and/or `total` (integers 0 to 100,000, at most the
    environment's concurrency limit; 0 admits no run) until reset. With `concurrencyKey`: caps that key
    at `perKey` until `ttl` (a duration such as `"7d"` or seconds; default 7 days, at most 30 days);
    `total` is not allowed then, and `ttl` only then.

    Args:
        name (str):
        body (OverrideConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem
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
    body: OverrideConcurrencyLimitRequestBody,
) -> Response[
    ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem
]:
    """Override the bounds of a limit, or its per-key bound for one concurrency key

     Without `concurrencyKey`: sets `perKey` and/or `total` (integers 0 to 100,000, at most the
    environment's concurrency limit; 0 admits no run) until reset. With `concurrencyKey`: caps that key
    at `perKey` until `ttl` (a duration such as `"7d"` or seconds; default 7 days, at most 30 days);
    `total` is not allowed then, and `ttl` only then.

    Args:
        name (str):
        body (OverrideConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem]
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
    body: OverrideConcurrencyLimitRequestBody,
) -> ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem | None:
    """Override the bounds of a limit, or its per-key bound for one concurrency key

     Without `concurrencyKey`: sets `perKey` and/or `total` (integers 0 to 100,000, at most the
    environment's concurrency limit; 0 admits no run) until reset. With `concurrencyKey`: caps that key
    at `perKey` until `ttl` (a duration such as `"7d"` or seconds; default 7 days, at most 30 days);
    `total` is not allowed then, and `ttl` only then.

    Args:
        name (str):
        body (OverrideConcurrencyLimitRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConcurrencyLimit | ConcurrencyLimitKey | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
