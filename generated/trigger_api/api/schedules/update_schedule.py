from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...models.schedule import Schedule
from ...models.update_schedule_request_body import UpdateScheduleRequestBody
from ...types import Response

ROUTE = "PUT /api/v1/schedules/{scheduleId}"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    schedule_id: str,
    *,
    body: UpdateScheduleRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/schedules/{schedule_id}".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RateLimitProblem | Schedule | None:
    if response.status_code == 200:
        response_200 = Schedule.from_dict(response.json())

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
) -> Response[ErrorResponse | RateLimitProblem | Schedule]:
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
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateScheduleRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | Schedule]:
    """Replace the cron expression, time zone, external id and window of a schedule

     The schedule keeps the task it was created for (the server ignores a different `task`).
    Declarative schedules (defined in code) cannot be updated (422). The real server answers an id
    that matches no schedule by creating a new one rather than with 404.

    Args:
        schedule_id (str):
        body (UpdateScheduleRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | Schedule]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateScheduleRequestBody,
) -> ErrorResponse | RateLimitProblem | Schedule | None:
    """Replace the cron expression, time zone, external id and window of a schedule

     The schedule keeps the task it was created for (the server ignores a different `task`).
    Declarative schedules (defined in code) cannot be updated (422). The real server answers an id
    that matches no schedule by creating a new one rather than with 404.

    Args:
        schedule_id (str):
        body (UpdateScheduleRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | Schedule
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateScheduleRequestBody,
) -> Response[ErrorResponse | RateLimitProblem | Schedule]:
    """Replace the cron expression, time zone, external id and window of a schedule

     The schedule keeps the task it was created for (the server ignores a different `task`).
    Declarative schedules (defined in code) cannot be updated (422). The real server answers an id
    that matches no schedule by creating a new one rather than with 404.

    Args:
        schedule_id (str):
        body (UpdateScheduleRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RateLimitProblem | Schedule]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateScheduleRequestBody,
) -> ErrorResponse | RateLimitProblem | Schedule | None:
    """Replace the cron expression, time zone, external id and window of a schedule

     The schedule keeps the task it was created for (the server ignores a different `task`).
    Declarative schedules (defined in code) cannot be updated (422). The real server answers an id
    that matches no schedule by creating a new one rather than with 404.

    Args:
        schedule_id (str):
        body (UpdateScheduleRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RateLimitProblem | Schedule
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            body=body,
        )
    ).parsed
