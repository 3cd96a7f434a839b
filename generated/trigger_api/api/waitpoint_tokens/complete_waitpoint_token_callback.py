from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complete_waitpoint_token_response import CompleteWaitpointTokenResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset

ROUTE = "POST /api/v1/waitpoints/tokens/{waitpointId}/callback/{hash}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    waitpoint_id: str,
    hash_: str,
    *,
    body: Any | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/waitpoints/tokens/{waitpoint_id}/callback/{hash_}".format(
            waitpoint_id=quote(str(waitpoint_id), safe=""),
            hash_=quote(str(hash_), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CompleteWaitpointTokenResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CompleteWaitpointTokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 411:
        response_411 = ErrorResponse.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CompleteWaitpointTokenResponse | ErrorResponse]:
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
    hash_: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
) -> Response[CompleteWaitpointTokenResponse | ErrorResponse]:
    """Complete a waitpoint token through its callback URL

     The `url` of a token, for services that call back (webhooks). No credential: the `hash` (hex
    HMAC-SHA256 of the token's internal id, keyed with the environment's secret key) authorises it; a
    wrong hash is a 401. The whole JSON body becomes the output (a body that is not JSON counts as
    `{}`). `Content-Length` is required (411) and at most 3 MiB (413). Not rate-limited. The server
    may hand out URLs on another origin than the API's (`API_ORIGIN`).

    Args:
        waitpoint_id (str):
        hash_ (str):
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompleteWaitpointTokenResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        waitpoint_id=waitpoint_id,
        hash_=hash_,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    waitpoint_id: str,
    hash_: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
) -> CompleteWaitpointTokenResponse | ErrorResponse | None:
    """Complete a waitpoint token through its callback URL

     The `url` of a token, for services that call back (webhooks). No credential: the `hash` (hex
    HMAC-SHA256 of the token's internal id, keyed with the environment's secret key) authorises it; a
    wrong hash is a 401. The whole JSON body becomes the output (a body that is not JSON counts as
    `{}`). `Content-Length` is required (411) and at most 3 MiB (413). Not rate-limited. The server
    may hand out URLs on another origin than the API's (`API_ORIGIN`).

    Args:
        waitpoint_id (str):
        hash_ (str):
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompleteWaitpointTokenResponse | ErrorResponse
    """

    return sync_detailed(
        waitpoint_id=waitpoint_id,
        hash_=hash_,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    waitpoint_id: str,
    hash_: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
) -> Response[CompleteWaitpointTokenResponse | ErrorResponse]:
    """Complete a waitpoint token through its callback URL

     The `url` of a token, for services that call back (webhooks). No credential: the `hash` (hex
    HMAC-SHA256 of the token's internal id, keyed with the environment's secret key) authorises it; a
    wrong hash is a 401. The whole JSON body becomes the output (a body that is not JSON counts as
    `{}`). `Content-Length` is required (411) and at most 3 MiB (413). Not rate-limited. The server
    may hand out URLs on another origin than the API's (`API_ORIGIN`).

    Args:
        waitpoint_id (str):
        hash_ (str):
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompleteWaitpointTokenResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        waitpoint_id=waitpoint_id,
        hash_=hash_,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    waitpoint_id: str,
    hash_: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
) -> CompleteWaitpointTokenResponse | ErrorResponse | None:
    """Complete a waitpoint token through its callback URL

     The `url` of a token, for services that call back (webhooks). No credential: the `hash` (hex
    HMAC-SHA256 of the token's internal id, keyed with the environment's secret key) authorises it; a
    wrong hash is a 401. The whole JSON body becomes the output (a body that is not JSON counts as
    `{}`). `Content-Length` is required (411) and at most 3 MiB (413). Not rate-limited. The server
    may hand out URLs on another origin than the API's (`API_ORIGIN`).

    Args:
        waitpoint_id (str):
        hash_ (str):
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompleteWaitpointTokenResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            waitpoint_id=waitpoint_id,
            hash_=hash_,
            client=client,
            body=body,
        )
    ).parsed
