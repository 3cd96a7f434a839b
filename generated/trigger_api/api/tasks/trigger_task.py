from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.trigger_task_request_body import TriggerTaskRequestBody
from ...models.trigger_task_response import TriggerTaskResponse
from ...types import Response

ROUTE = "POST /api/v1/tasks/{taskIdentifier}/trigger"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    task_identifier: str,
    *,
    body: TriggerTaskRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/tasks/{task_identifier}/trigger".format(
            task_identifier=quote(str(task_identifier), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RateLimitProblem | TriggerTaskResponse | None:
    if response.status_code == 200:
        response_200 = TriggerTaskResponse.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

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
) -> Response[ErrorResponse | RateLimitProblem | TriggerTaskResponse]:
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
    task_identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: TriggerTaskRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | TriggerTaskResponse]:
    """Trigger a run of a task

     Creates one run of the task. The request body must be at most 3 MiB and carry a `Content-Length`
    header. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first run instead
    of creating a second one; a repeated `options.idempotencyKey` within its TTL returns the cached run
    with `isCached: true`.

    Args:
        task_identifier (str):
        body (TriggerTaskRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | TriggerTaskResponse]
    """

    kwargs = _get_kwargs(
        task_identifier=task_identifier,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: TriggerTaskRequestBody,
) -> ErrorResponse | RateLimitProblem | TriggerTaskResponse | None:
    """Trigger a run of a task

     Creates one run of the task. The request body must be at most 3 MiB and carry a `Content-Length`
    header. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first run instead
    of creating a second one; a repeated `options.idempotencyKey` within its TTL returns the cached run
    with `isCached: true`.

    Args:
        task_identifier (str):
        body (TriggerTaskRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | TriggerTaskResponse
    """

    return sync_detailed(
        task_identifier=task_identifier,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    task_identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: TriggerTaskRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | TriggerTaskResponse]:
    """Trigger a run of a task

     Creates one run of the task. The request body must be at most 3 MiB and carry a `Content-Length`
    header. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first run instead
    of creating a second one; a repeated `options.idempotencyKey` within its TTL returns the cached run
    with `isCached: true`.

    Args:
        task_identifier (str):
        body (TriggerTaskRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | TriggerTaskResponse]
    """

    kwargs = _get_kwargs(
        task_identifier=task_identifier,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_identifier: str,
    *,
    client: AuthenticatedClient | Client,
    body: TriggerTaskRequestBody,
) -> ErrorResponse | RateLimitProblem | TriggerTaskResponse | None:
    """Trigger a run of a task

     Creates one run of the task. The request body must be at most 3 MiB and carry a `Content-Length`
    header. A repeated `x-trigger-request-idempotency-key` within 24 hours returns the first run instead
    of creating a second one; a repeated `options.idempotencyKey` within its TTL returns the cached run
    with `isCached: true`.

    Args:
        task_identifier (str):
        body (TriggerTaskRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | TriggerTaskResponse
    """

    return (
        await asyncio_detailed(
            task_identifier=task_identifier,
            client=client,
            body=body,
        )
    ).parsed
