from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.packet_download_url import PacketDownloadUrl
from ...types import Response

ROUTE = "GET /api/v1/packets/{filename}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    filename: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/packets/{filename}".format(
            filename=quote(str(filename), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PacketDownloadUrl | None:
    if response.status_code == 200:
        response_200 = PacketDownloadUrl.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | PacketDownloadUrl]:
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
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | PacketDownloadUrl]:
    """Get a presigned URL to download a stored packet

     For an `application/store` packet (a storage path): `GET <presignedUrl>` returns the packet text,
    its `Content-Type` the packet's type. Takes a public access token too. Not rate-limited.

    Args:
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PacketDownloadUrl]
    """

    kwargs = _get_kwargs(
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | PacketDownloadUrl | None:
    """Get a presigned URL to download a stored packet

     For an `application/store` packet (a storage path): `GET <presignedUrl>` returns the packet text,
    its `Content-Type` the packet's type. Takes a public access token too. Not rate-limited.

    Args:
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PacketDownloadUrl
    """

    return sync_detailed(
        filename=filename,
        client=client,
    ).parsed


async def asyncio_detailed(
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | PacketDownloadUrl]:
    """Get a presigned URL to download a stored packet

     For an `application/store` packet (a storage path): `GET <presignedUrl>` returns the packet text,
    its `Content-Type` the packet's type. Takes a public access token too. Not rate-limited.

    Args:
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PacketDownloadUrl]
    """

    kwargs = _get_kwargs(
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | PacketDownloadUrl | None:
    """Get a presigned URL to download a stored packet

     For an `application/store` packet (a storage path): `GET <presignedUrl>` returns the packet text,
    its `Content-Type` the packet's type. Takes a public access token too. Not rate-limited.

    Args:
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PacketDownloadUrl
    """

    return (
        await asyncio_detailed(
            filename=filename,
            client=client,
        )
    ).parsed
