from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.promote_deployment_response import PromoteDeploymentResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import UNSET, Response, Unset

ROUTE = "POST /api/v1/deployments/{deploymentVersion}/promote"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    deployment_version: str,
    *,
    allow_rollbacks: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["allowRollbacks"] = allow_rollbacks

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/deployments/{deployment_version}/promote".format(
            deployment_version=quote(str(deployment_version), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PromoteDeploymentResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = PromoteDeploymentResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | PromoteDeploymentResponse | RateLimitProblem]:
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
    deployment_version: str,
    *,
    client: AuthenticatedClient | Client,
    allow_rollbacks: bool | Unset = UNSET,
) -> Response[ErrorResponse | PromoteDeploymentResponse | RateLimitProblem]:
    """Make a deployed version the current deployment

     The deployment must be `DEPLOYED`, not already current, and (unless `allowRollbacks=true`) newer
    than the current one; otherwise 400 with the reason.

    Args:
        deployment_version (str):
        allow_rollbacks (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PromoteDeploymentResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        deployment_version=deployment_version,
        allow_rollbacks=allow_rollbacks,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    deployment_version: str,
    *,
    client: AuthenticatedClient | Client,
    allow_rollbacks: bool | Unset = UNSET,
) -> ErrorResponse | PromoteDeploymentResponse | RateLimitProblem | None:
    """Make a deployed version the current deployment

     The deployment must be `DEPLOYED`, not already current, and (unless `allowRollbacks=true`) newer
    than the current one; otherwise 400 with the reason.

    Args:
        deployment_version (str):
        allow_rollbacks (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PromoteDeploymentResponse | RateLimitProblem
    """

    return sync_detailed(
        deployment_version=deployment_version,
        client=client,
        allow_rollbacks=allow_rollbacks,
    ).parsed


async def asyncio_detailed(
    deployment_version: str,
    *,
    client: AuthenticatedClient | Client,
    allow_rollbacks: bool | Unset = UNSET,
) -> Response[ErrorResponse | PromoteDeploymentResponse | RateLimitProblem]:
    """Make a deployed version the current deployment

     The deployment must be `DEPLOYED`, not already current, and (unless `allowRollbacks=true`) newer
    than the current one; otherwise 400 with the reason.

    Args:
        deployment_version (str):
        allow_rollbacks (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PromoteDeploymentResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        deployment_version=deployment_version,
        allow_rollbacks=allow_rollbacks,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    deployment_version: str,
    *,
    client: AuthenticatedClient | Client,
    allow_rollbacks: bool | Unset = UNSET,
) -> ErrorResponse | PromoteDeploymentResponse | RateLimitProblem | None:
    """Make a deployed version the current deployment

     The deployment must be `DEPLOYED`, not already current, and (unless `allowRollbacks=true`) newer
    than the current one; otherwise 400 with the reason.

    Args:
        deployment_version (str):
        allow_rollbacks (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PromoteDeploymentResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            deployment_version=deployment_version,
            client=client,
            allow_rollbacks=allow_rollbacks,
        )
    ).parsed
