from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.retrieve_worker_response import RetrieveWorkerResponse
from ...types import Response

ROUTE = "GET /api/v1/projects/{projectRef}/{env}/workers/{tagName}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    project_ref: str,
    env: str,
    tag_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/projects/{project_ref}/{env}/workers/{tag_name}".format(
            project_ref=quote(str(project_ref), safe=""),
            env=quote(str(env), safe=""),
            tag_name=quote(str(tag_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RateLimitProblem | RetrieveWorkerResponse | None:
    if response.status_code == 200:
        response_200 = RetrieveWorkerResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

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
) -> Response[ErrorResponse | RateLimitProblem | RetrieveWorkerResponse]:
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
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | RateLimitProblem | RetrieveWorkerResponse]:
    """The worker of an environment that a tag names (`current`), with its tasks

     Takes a personal access token (`tr_pat_…`) or an organization access token, not a secret key:
    environment keys are refused with 401 "Invalid or Missing Access Token". In a development
    environment the answer is its newest worker, whatever the tag; elsewhere it is the worker of the
    deployment the tag points at (`current`: the promoted deployment). Each task carries the JSON
    Schema of its payload (`payloadSchema`, from `schemaTask`; null for a plain task). An environment
    without such a worker is a 404 "Worker not found"; a project or environment the token cannot reach
    is a 404 "Project not found" / "Environment not found".

    Args:
        project_ref (str):
        env (str):
        tag_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | RetrieveWorkerResponse]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        env=env,
        tag_name=tag_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_ref: str,
    env: str,
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | RateLimitProblem | RetrieveWorkerResponse | None:
    """The worker of an environment that a tag names (`current`), with its tasks

     Takes a personal access token (`tr_pat_…`) or an organization access token, not a secret key:
    environment keys are refused with 401 "Invalid or Missing Access Token". In a development
    environment the answer is its newest worker, whatever the tag; elsewhere it is the worker of the
    deployment the tag points at (`current`: the promoted deployment). Each task carries the JSON
    Schema of its payload (`payloadSchema`, from `schemaTask`; null for a plain task). An environment
    without such a worker is a 404 "Worker not found"; a project or environment the token cannot reach
    is a 404 "Project not found" / "Environment not found".

    Args:
        project_ref (str):
        env (str):
        tag_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | RetrieveWorkerResponse
    """

    return sync_detailed(
        project_ref=project_ref,
        env=env,
        tag_name=tag_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_ref: str,
    env: str,
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | RateLimitProblem | RetrieveWorkerResponse]:
    """The worker of an environment that a tag names (`current`), with its tasks

     Takes a personal access token (`tr_pat_…`) or an organization access token, not a secret key:
    environment keys are refused with 401 "Invalid or Missing Access Token". In a development
    environment the answer is its newest worker, whatever the tag; elsewhere it is the worker of the
    deployment the tag points at (`current`: the promoted deployment). Each task carries the JSON
    Schema of its payload (`payloadSchema`, from `schemaTask`; null for a plain task). An environment
    without such a worker is a 404 "Worker not found"; a project or environment the token cannot reach
    is a 404 "Project not found" / "Environment not found".

    Args:
        project_ref (str):
        env (str):
        tag_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | RetrieveWorkerResponse]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        env=env,
        tag_name=tag_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_ref: str,
    env: str,
    tag_name: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | RateLimitProblem | RetrieveWorkerResponse | None:
    """The worker of an environment that a tag names (`current`), with its tasks

     Takes a personal access token (`tr_pat_…`) or an organization access token, not a secret key:
    environment keys are refused with 401 "Invalid or Missing Access Token". In a development
    environment the answer is its newest worker, whatever the tag; elsewhere it is the worker of the
    deployment the tag points at (`current`: the promoted deployment). Each task carries the JSON
    Schema of its payload (`payloadSchema`, from `schemaTask`; null for a plain task). An environment
    without such a worker is a 404 "Worker not found"; a project or environment the token cannot reach
    is a 404 "Project not found" / "Environment not found".

    Args:
        project_ref (str):
        env (str):
        tag_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | RetrieveWorkerResponse
    """

    return (
        await asyncio_detailed(
            project_ref=project_ref,
            env=env,
            tag_name=tag_name,
            client=client,
        )
    ).parsed
