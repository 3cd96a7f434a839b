from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.env_var import EnvVar
from ...models.env_var_error_response import EnvVarErrorResponse
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import Response

ROUTE = "GET /api/v1/projects/{projectRef}/envvars/{env}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    project_ref: str,
    env: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/projects/{project_ref}/envvars/{env}".format(
            project_ref=quote(str(project_ref), safe=""),
            env=quote(str(env), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = EnvVar.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = EnvVarErrorResponse.from_dict(response.json())

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
) -> Response[EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar]]:
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
    project_ref: str,
    env: str,
    *,
    client: AuthenticatedClient,
) -> Response[EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar]]:
    """List the environment variables of an environment

     Every variable set in the environment (for a preview or dev branch, its parent environment's too),
    in the order they were first set. Secret values come back as `<redacted>`. `TRIGGER_SECRET_KEY` and
    `TRIGGER_API_URL` are never listed. A secret key must belong to the project and environment in the
    path (else 400); a personal or organization access token may name any environment it can reach.

    Args:
        project_ref (str):
        env (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar]]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        env=env,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_ref: str,
    env: str,
    *,
    client: AuthenticatedClient,
) -> EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar] | None:
    """List the environment variables of an environment

     Every variable set in the environment (for a preview or dev branch, its parent environment's too),
    in the order they were first set. Secret values come back as `<redacted>`. `TRIGGER_SECRET_KEY` and
    `TRIGGER_API_URL` are never listed. A secret key must belong to the project and environment in the
    path (else 400); a personal or organization access token may name any environment it can reach.

    Args:
        project_ref (str):
        env (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar]
    """

    return sync_detailed(
        project_ref=project_ref,
        env=env,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_ref: str,
    env: str,
    *,
    client: AuthenticatedClient,
) -> Response[EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar]]:
    """List the environment variables of an environment

     Every variable set in the environment (for a preview or dev branch, its parent environment's too),
    in the order they were first set. Secret values come back as `<redacted>`. `TRIGGER_SECRET_KEY` and
    `TRIGGER_API_URL` are never listed. A secret key must belong to the project and environment in the
    path (else 400); a personal or organization access token may name any environment it can reach.

    Args:
        project_ref (str):
        env (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar]]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        env=env,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_ref: str,
    env: str,
    *,
    client: AuthenticatedClient,
) -> EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar] | None:
    """List the environment variables of an environment

     Every variable set in the environment (for a preview or dev branch, its parent environment's too),
    in the order they were first set. Secret values come back as `<redacted>`. `TRIGGER_SECRET_KEY` and
    `TRIGGER_API_URL` are never listed. A secret key must belong to the project and environment in the
    path (else 400); a personal or organization access token may name any environment it can reach.

    Args:
        project_ref (str):
        env (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvVarErrorResponse | ErrorResponse | RateLimitProblem | list[EnvVar]
    """

    return (
        await asyncio_detailed(
            project_ref=project_ref,
            env=env,
            client=client,
        )
    ).parsed
