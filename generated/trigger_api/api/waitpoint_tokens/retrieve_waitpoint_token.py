from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.retrieve_waitpoint_token_response import RetrieveWaitpointTokenResponse
from ...types import Response

ROUTE = "GET /api/v1/waitpoints/tokens/{waitpointId}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    waitpoint_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/waitpoints/tokens/{waitpoint_id}".format(
            waitpoint_id=quote(str(waitpoint_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse | None:
    if response.status_code == 200:
        response_200 = RetrieveWaitpointTokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

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
) -> Response[ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse]:
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
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse]:
    """Retrieve a waitpoint token with its output

     `output` is a serialised packet of type `outputType` (the completion data; for a timed-out token,
    with `outputIsError: true`, the error `{code: "TRIGGER_WAITPOINT_TIMEOUT", message}`). An unknown
    token id is a 500 (the server does not map its "Waitpoint not found" error).

    Args:
        waitpoint_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse]
    """

    kwargs = _get_kwargs(
        waitpoint_id=waitpoint_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse | None:
    """Retrieve a waitpoint token with its output

     `output` is a serialised packet of type `outputType` (the completion data; for a timed-out token,
    with `outputIsError: true`, the error `{code: "TRIGGER_WAITPOINT_TIMEOUT", message}`). An unknown
    token id is a 500 (the server does not map its "Waitpoint not found" error).

    Args:
        waitpoint_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse
    """

    return sync_detailed(
        waitpoint_id=waitpoint_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse]:
    """Retrieve a waitpoint token with its output

     `output` is a serialised packet of type `outputType` (the completion data; for a timed-out token,
    with `outputIsError: true`, the error `{code: "TRIGGER_WAITPOINT_TIMEOUT", message}`). An unknown
    token id is a 500 (the server does not map its "Waitpoint not found" error).

    Args:
        waitpoint_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse]
    """

    kwargs = _get_kwargs(
        waitpoint_id=waitpoint_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    waitpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse | None:
    """Retrieve a waitpoint token with its output

     `output` is a serialised packet of type `outputType` (the completion data; for a timed-out token,
    with `outputIsError: true`, the error `{code: "TRIGGER_WAITPOINT_TIMEOUT", message}`). An unknown
    token id is a 500 (the server does not map its "Waitpoint not found" error).

    Args:
        waitpoint_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | RetrieveWaitpointTokenResponse
    """

    return (
        await asyncio_detailed(
            waitpoint_id=waitpoint_id,
            client=client,
        )
    ).parsed
