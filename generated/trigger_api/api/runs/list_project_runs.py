from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_runs_response import ListRunsResponse
from ...models.rate_limit_problem import RateLimitProblem
from ...types import UNSET, Response, Unset

ROUTE = "GET /api/v1/projects/{projectRef}/runs"
"""This operation's method and path template, as the API description names them (for metrics and logs)."""


def _get_kwargs(
    project_ref: str,
    *,
    filterenv: str | Unset = UNSET,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertask_identifier: str | Unset = UNSET,
    filterversion: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filterbulk_action: str | Unset = UNSET,
    filterschedule: str | Unset = UNSET,
    filterbatch: str | Unset = UNSET,
    filteris_test: bool | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filterqueue: str | Unset = UNSET,
    filtermachine: str | Unset = UNSET,
    filterregion: str | Unset = UNSET,
    filtererror: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter[env]"] = filterenv

    params["page[size]"] = pagesize

    params["page[after]"] = pageafter

    params["page[before]"] = pagebefore

    params["filter[status]"] = filterstatus

    params["filter[taskIdentifier]"] = filtertask_identifier

    params["filter[version]"] = filterversion

    params["filter[tag]"] = filtertag

    params["filter[bulkAction]"] = filterbulk_action

    params["filter[schedule]"] = filterschedule

    params["filter[batch]"] = filterbatch

    params["filter[isTest]"] = filteris_test

    params["filter[createdAt][from]"] = filtercreated_atfrom

    params["filter[createdAt][to]"] = filtercreated_atto

    params["filter[createdAt][period]"] = filtercreated_atperiod

    params["filter[queue]"] = filterqueue

    params["filter[machine]"] = filtermachine

    params["filter[region]"] = filterregion

    params["filter[error]"] = filtererror

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/projects/{project_ref}/runs".format(
            project_ref=quote(str(project_ref), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListRunsResponse | RateLimitProblem | None:
    if response.status_code == 200:
        response_200 = ListRunsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | ListRunsResponse | RateLimitProblem]:
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
    *,
    client: AuthenticatedClient,
    filterenv: str | Unset = UNSET,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertask_identifier: str | Unset = UNSET,
    filterversion: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filterbulk_action: str | Unset = UNSET,
    filterschedule: str | Unset = UNSET,
    filterbatch: str | Unset = UNSET,
    filteris_test: bool | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filterqueue: str | Unset = UNSET,
    filtermachine: str | Unset = UNSET,
    filterregion: str | Unset = UNSET,
    filtererror: str | Unset = UNSET,
) -> Response[ErrorResponse | ListRunsResponse | RateLimitProblem]:
    """List runs across the environments of a project

     Takes a personal access token (`tr_pat_…`), not a secret key: environment keys are refused with
    401. The same filters and cursor pages as `listRuns`, plus `filter[env]` (environment slugs).
    Without `filter[env]` the runs of every environment of the project are listed. A project the
    token's user cannot see is a 404 "Project not found".

    Args:
        project_ref (str):
        filterenv (str | Unset):
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filtertask_identifier (str | Unset):
        filterversion (str | Unset):
        filtertag (str | Unset):
        filterbulk_action (str | Unset):
        filterschedule (str | Unset):
        filterbatch (str | Unset):
        filteris_test (bool | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):
        filtercreated_atperiod (str | Unset):
        filterqueue (str | Unset):
        filtermachine (str | Unset):
        filterregion (str | Unset):
        filtererror (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListRunsResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        filterenv=filterenv,
        pagesize=pagesize,
        pageafter=pageafter,
        pagebefore=pagebefore,
        filterstatus=filterstatus,
        filtertask_identifier=filtertask_identifier,
        filterversion=filterversion,
        filtertag=filtertag,
        filterbulk_action=filterbulk_action,
        filterschedule=filterschedule,
        filterbatch=filterbatch,
        filteris_test=filteris_test,
        filtercreated_atfrom=filtercreated_atfrom,
        filtercreated_atto=filtercreated_atto,
        filtercreated_atperiod=filtercreated_atperiod,
        filterqueue=filterqueue,
        filtermachine=filtermachine,
        filterregion=filterregion,
        filtererror=filtererror,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_ref: str,
    *,
    client: AuthenticatedClient,
    filterenv: str | Unset = UNSET,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertask_identifier: str | Unset = UNSET,
    filterversion: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filterbulk_action: str | Unset = UNSET,
    filterschedule: str | Unset = UNSET,
    filterbatch: str | Unset = UNSET,
    filteris_test: bool | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filterqueue: str | Unset = UNSET,
    filtermachine: str | Unset = UNSET,
    filterregion: str | Unset = UNSET,
    filtererror: str | Unset = UNSET,
) -> ErrorResponse | ListRunsResponse | RateLimitProblem | None:
    """List runs across the environments of a project

     Takes a personal access token (`tr_pat_…`), not a secret key: environment keys are refused with
    401. The same filters and cursor pages as `listRuns`, plus `filter[env]` (environment slugs).
    Without `filter[env]` the runs of every environment of the project are listed. A project the
    token's user cannot see is a 404 "Project not found".

    Args:
        project_ref (str):
        filterenv (str | Unset):
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filtertask_identifier (str | Unset):
        filterversion (str | Unset):
        filtertag (str | Unset):
        filterbulk_action (str | Unset):
        filterschedule (str | Unset):
        filterbatch (str | Unset):
        filteris_test (bool | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):
        filtercreated_atperiod (str | Unset):
        filterqueue (str | Unset):
        filtermachine (str | Unset):
        filterregion (str | Unset):
        filtererror (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListRunsResponse | RateLimitProblem
    """

    return sync_detailed(
        project_ref=project_ref,
        client=client,
        filterenv=filterenv,
        pagesize=pagesize,
        pageafter=pageafter,
        pagebefore=pagebefore,
        filterstatus=filterstatus,
        filtertask_identifier=filtertask_identifier,
        filterversion=filterversion,
        filtertag=filtertag,
        filterbulk_action=filterbulk_action,
        filterschedule=filterschedule,
        filterbatch=filterbatch,
        filteris_test=filteris_test,
        filtercreated_atfrom=filtercreated_atfrom,
        filtercreated_atto=filtercreated_atto,
        filtercreated_atperiod=filtercreated_atperiod,
        filterqueue=filterqueue,
        filtermachine=filtermachine,
        filterregion=filterregion,
        filtererror=filtererror,
    ).parsed


async def asyncio_detailed(
    project_ref: str,
    *,
    client: AuthenticatedClient,
    filterenv: str | Unset = UNSET,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertask_identifier: str | Unset = UNSET,
    filterversion: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filterbulk_action: str | Unset = UNSET,
    filterschedule: str | Unset = UNSET,
    filterbatch: str | Unset = UNSET,
    filteris_test: bool | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filterqueue: str | Unset = UNSET,
    filtermachine: str | Unset = UNSET,
    filterregion: str | Unset = UNSET,
    filtererror: str | Unset = UNSET,
) -> Response[ErrorResponse | ListRunsResponse | RateLimitProblem]:
    """List runs across the environments of a project

     Takes a personal access token (`tr_pat_…`), not a secret key: environment keys are refused with
    401. The same filters and cursor pages as `listRuns`, plus `filter[env]` (environment slugs).
    Without `filter[env]` the runs of every environment of the project are listed. A project the
    token's user cannot see is a 404 "Project not found".

    Args:
        project_ref (str):
        filterenv (str | Unset):
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filtertask_identifier (str | Unset):
        filterversion (str | Unset):
        filtertag (str | Unset):
        filterbulk_action (str | Unset):
        filterschedule (str | Unset):
        filterbatch (str | Unset):
        filteris_test (bool | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):
        filtercreated_atperiod (str | Unset):
        filterqueue (str | Unset):
        filtermachine (str | Unset):
        filterregion (str | Unset):
        filtererror (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListRunsResponse | RateLimitProblem]
    """

    kwargs = _get_kwargs(
        project_ref=project_ref,
        filterenv=filterenv,
        pagesize=pagesize,
        pageafter=pageafter,
        pagebefore=pagebefore,
        filterstatus=filterstatus,
        filtertask_identifier=filtertask_identifier,
        filterversion=filterversion,
        filtertag=filtertag,
        filterbulk_action=filterbulk_action,
        filterschedule=filterschedule,
        filterbatch=filterbatch,
        filteris_test=filteris_test,
        filtercreated_atfrom=filtercreated_atfrom,
        filtercreated_atto=filtercreated_atto,
        filtercreated_atperiod=filtercreated_atperiod,
        filterqueue=filterqueue,
        filtermachine=filtermachine,
        filterregion=filterregion,
        filtererror=filtererror,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_ref: str,
    *,
    client: AuthenticatedClient,
    filterenv: str | Unset = UNSET,
    pagesize: int | Unset = UNSET,
    pageafter: str | Unset = UNSET,
    pagebefore: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertask_identifier: str | Unset = UNSET,
    filterversion: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filterbulk_action: str | Unset = UNSET,
    filterschedule: str | Unset = UNSET,
    filterbatch: str | Unset = UNSET,
    filteris_test: bool | Unset = UNSET,
    filtercreated_atfrom: str | Unset = UNSET,
    filtercreated_atto: str | Unset = UNSET,
    filtercreated_atperiod: str | Unset = UNSET,
    filterqueue: str | Unset = UNSET,
    filtermachine: str | Unset = UNSET,
    filterregion: str | Unset = UNSET,
    filtererror: str | Unset = UNSET,
) -> ErrorResponse | ListRunsResponse | RateLimitProblem | None:
    """List runs across the environments of a project

     Takes a personal access token (`tr_pat_…`), not a secret key: environment keys are refused with
    401. The same filters and cursor pages as `listRuns`, plus `filter[env]` (environment slugs).
    Without `filter[env]` the runs of every environment of the project are listed. A project the
    token's user cannot see is a 404 "Project not found".

    Args:
        project_ref (str):
        filterenv (str | Unset):
        pagesize (int | Unset):
        pageafter (str | Unset):
        pagebefore (str | Unset):
        filterstatus (str | Unset):
        filtertask_identifier (str | Unset):
        filterversion (str | Unset):
        filtertag (str | Unset):
        filterbulk_action (str | Unset):
        filterschedule (str | Unset):
        filterbatch (str | Unset):
        filteris_test (bool | Unset):
        filtercreated_atfrom (str | Unset):
        filtercreated_atto (str | Unset):
        filtercreated_atperiod (str | Unset):
        filterqueue (str | Unset):
        filtermachine (str | Unset):
        filterregion (str | Unset):
        filtererror (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListRunsResponse | RateLimitProblem
    """

    return (
        await asyncio_detailed(
            project_ref=project_ref,
            client=client,
            filterenv=filterenv,
            pagesize=pagesize,
            pageafter=pageafter,
            pagebefore=pagebefore,
            filterstatus=filterstatus,
            filtertask_identifier=filtertask_identifier,
            filterversion=filterversion,
            filtertag=filtertag,
            filterbulk_action=filterbulk_action,
            filterschedule=filterschedule,
            filterbatch=filterbatch,
            filteris_test=filteris_test,
            filtercreated_atfrom=filtercreated_atfrom,
            filtercreated_atto=filtercreated_atto,
            filtercreated_atperiod=filtercreated_atperiod,
            filterqueue=filterqueue,
            filtermachine=filtermachine,
            filterregion=filterregion,
            filtererror=filtererror,
        )
    ).parsed
