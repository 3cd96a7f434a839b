from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.env_var_error_response import EnvVarErrorResponse
from ...models.env_var_success_response import EnvVarSuccessResponse
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.update_env_var_request_body import UpdateEnvVarRequestBody
from ...types import Response

ROUTE = "PUT /api/v1/projects/{projectRef}/envvars/{env}/{name}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    project_ref: str,
    env: str,
    name: str,
    *,
    body: UpdateEnvVarRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/projects/{project_ref}/envvars/{env}/{name}".format(
            project_ref=quote(str(project_ref), safe=""),
            env=quote(str(env), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    EnvVarErrorResponse
    | EnvVarSuccessResponse
    | ErrorResponse
    | RateLimitProblem
    | None
):
    if response.status_code == 200:
        response_200 = EnvVarSuccessResponse.from_dict(response.json())

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
) -> Response[
    EnvVarErrorResponse | EnvVarSuccessResponse | ErrorResponse | RateLimitProblem
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
    project_ref: str,
    env: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: UpdateEnvVarRequestBody,
) -> Response[
    EnvVarErrorResponse | EnvVarSuccessResponse | ErrorResponse | RateLimitProblem
]:
    """Replace the value of an environment variable

     The variable must exist in the project (404 "Environment variable not found" otherwise). A blank
    `value` changes nothing and still answers `{"success": true}`.

    Args:
        project_ref (str):
        env (str):
        name (str):
        body (UpdateEnvVarRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvVarErrorResponse | EnvVarSuccessResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        env=env,
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_ref: str,
    env: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: UpdateEnvVarRequestBody,
) -> (
    EnvVarErrorResponse
    | EnvVarSuccessResponse
    | ErrorResponse
    | RateLimitProblem
    | None
):
    """Replace the value of an environment variable

     The variable must exist in the project (404 "Environment variable not found" otherwise). A blank
    `value` changes nothing and still answers `{"success": true}`.

    Args:
        project_ref (str):
        env (str):
        name (str):
        body (UpdateEnvVarRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvVarErrorResponse | EnvVarSuccessResponse | ErrorResponse | RateLimitProblem
    """

    return sync_detailed(
        project_ref=project_ref,
        env=env,
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_ref: str,
    env: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: UpdateEnvVarRequestBody,
) -> Response[
    EnvVarErrorResponse | EnvVarSuccessResponse | ErrorResponse | RateLimitProblem
]:
    """Replace the value of an environment variable

     The variable must exist in the project (404 "Environment variable not found" otherwise). A blank
    `value` changes nothing and still answers `{"success": true}`.

    Args:
        project_ref (str):
        env (str):
        name (str):
        body (UpdateEnvVarRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvVarErrorResponse | EnvVarSuccessResponse | ErrorResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        env=env,
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_ref: str,
    env: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: UpdateEnvVarRequestBody,
) -> (
    EnvVarErrorResponse
    | EnvVarSuccessResponse
    | ErrorResponse
    | RateLimitProblem
    | None
):
    """Replace the value of an environment variable

     The variable must exist in the project (404 "Environment variable not found" otherwise). A blank
    `value` changes nothing and still answers `{"success": true}`.

    Args:
        project_ref (str):
        env (str):
        name (str):
        body (UpdateEnvVarRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvVarErrorResponse | EnvVarSuccessResponse | ErrorResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            project_ref=project_ref,
            env=env,
            name=name,
            client=client,
            body=body,
        )
    ).parsed
