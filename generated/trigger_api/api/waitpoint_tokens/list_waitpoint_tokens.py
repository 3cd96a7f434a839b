from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_waitpoint_tokens_response import ListWaitpointTokensResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import UNSET, Response, Unset

ROUTE = "GET /api/v1/waitpoints/tokens"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    *,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filteridempotency_key: str | Unset = UNSET,
    filtertags: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page[size]"] = pagesize

    params["page[after]"] = pageafter

    params["page[before]"] = pagebefore

    params["filter[status]"] = filterstatus

    params["filter[idempotencyKey]"] = filteridempotency_key

    params["filter[tags]"] = filtertags

    params["filter[createdAt][period]"] = filtercreated_atperiod

    params["filter[createdAt][from]"] = filtercreated_atfrom

    params["filter[createdAt][to]"] = filtercreated_atto

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/waitpoints/tokens",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = ListWaitpointTokensResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

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
) -> Response[ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem]:
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
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filteridempotency_key: str | Unset = UNSET,
    filtertags: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
) -> Response[ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem]:
    """List waitpoint tokens, newest first

     Cursor pages (`page[size]` 1 to 100, default 25). With no `filter[createdAt]` parameter every
    token is listed. Tags are listed sorted.

    Args:
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filteridempotency_key (str | Unset):
        filtertags (str | Unset):
        filtercreated_atperiod (str | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        pagesize=pagesize,
        pageafter=pageafter,
        pagebefore=pagebefore,
        filterstatus=filterstatus,
        filteridempotency_key=filteridempotency_key,
        filtertags=filtertags,
        filtercreated_atperiod=filtercreated_atperiod,
        filtercreated_atfrom=filtercreated_atfrom,
        filtercreated_atto=filtercreated_atto,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filteridempotency_key: str | Unset = UNSET,
    filtertags: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
) -> ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem | None:
    """List waitpoint tokens, newest first

     Cursor pages (`page[size]` 1 to 100, default 25). With no `filter[createdAt]` parameter every
    token is listed. Tags are listed sorted.

    Args:
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filteridempotency_key (str | Unset):
        filtertags (str | Unset):
        filtercreated_atperiod (str | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem
    """

    return sync_detailed(
        client=client,
        pagesize=pagesize,
        pageafter=pageafter,
        pagebefore=pagebefore,
        filterstatus=filterstatus,
        filteridempotency_key=filteridempotency_key,
        filtertags=filtertags,
        filtercreated_atperiod=filtercreated_atperiod,
        filtercreated_atfrom=filtercreated_atfrom,
        filtercreated_atto=filtercreated_atto,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filteridempotency_key: str | Unset = UNSET,
    filtertags: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
) -> Response[ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem]:
    """List waitpoint tokens, newest first

     Cursor pages (`page[size]` 1 to 100, default 25). With no `filter[createdAt]` parameter every
    token is listed. Tags are listed sorted.

    Args:
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filteridempotency_key (str | Unset):
        filtertags (str | Unset):
        filtercreated_atperiod (str | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        pagesize=pagesize,
        pageafter=pageafter,
        pagebefore=pagebefore,
        filterstatus=filterstatus,
        filteridempotency_key=filteridempotency_key,
        filtertags=filtertags,
        filtercreated_atperiod=filtercreated_atperiod,
        filtercreated_atfrom=filtercreated_atfrom,
        filtercreated_atto=filtercreated_atto,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filteridempotency_key: str | Unset = UNSET,
    filtertags: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
) -> ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem | None:
    """List waitpoint tokens, newest first

     Cursor pages (`page[size]` 1 to 100, default 25). With no `filter[createdAt]` parameter every
    token is listed. Tags are listed sorted.

    Args:
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filteridempotency_key (str | Unset):
        filtertags (str | Unset):
        filtercreated_atperiod (str | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListWaitpointTokensResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            pagesize=pagesize,
            pageafter=pageafter,
            pagebefore=pagebefore,
            filterstatus=filterstatus,
            filteridempotency_key=filteridempotency_key,
            filtertags=filtertags,
            filtercreated_atperiod=filtercreated_atperiod,
            filtercreated_atfrom=filtercreated_atfrom,
            filtercreated_atto=filtercreated_atto,
        )
    ).parsed
