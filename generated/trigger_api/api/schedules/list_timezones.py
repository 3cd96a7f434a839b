from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.timezones_response import TimezonesResponse
from ...types import UNSET, Response, Unset

ROUTE = "GET /api/v1/timezones"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    *,
    exclude_utc: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["excludeUtc"] = exclude_utc

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/timezones",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TimezonesResponse | None:
    if response.status_code == 200:
        response_200 = TimezonesResponse.from_dict(response.json())

        return response_200

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | TimezonesResponse]:
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
    exclude_utc: bool | Unset = UNSET,
) -> Response[ErrorResponse | TimezonesResponse]:
    """The IANA time zones schedules accept

     Needs no authentication and is not rate-limited.

    Args:
        exclude_utc (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TimezonesResponse]
    """

    kwargs = _get_kwargs(
        exclude_utc=exclude_utc,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    exclude_utc: bool | Unset = UNSET,
) -> ErrorResponse | TimezonesResponse | None:
    """The IANA time zones schedules accept

     Needs no authentication and is not rate-limited.

    Args:
        exclude_utc (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TimezonesResponse
    """

    return sync_detailed(
        client=client,
        exclude_utc=exclude_utc,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    exclude_utc: bool | Unset = UNSET,
) -> Response[ErrorResponse | TimezonesResponse]:
    """The IANA time zones schedules accept

     Needs no authentication and is not rate-limited.

    Args:
        exclude_utc (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TimezonesResponse]
    """

    kwargs = _get_kwargs(
        exclude_utc=exclude_utc,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    exclude_utc: bool | Unset = UNSET,
) -> ErrorResponse | TimezonesResponse | None:
    """The IANA time zones schedules accept

     Needs no authentication and is not rate-limited.

    Args:
        exclude_utc (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TimezonesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            exclude_utc=exclude_utc,
        )
    ).parsed
