"""The generator's known weaknesses, fixed in the spec and templates, stay fixed in trigger_api."""

from __future__ import annotations

import httpx
import pytest

from trigger_api import errors
from trigger_api.api.runs import list_runs, retrieve_run
from trigger_api.client import AuthenticatedClient
from trigger_api.models.batch_status import BatchStatus
from trigger_api.models.run_status import RunStatus

RUN = {
    "id": "run_1", "status": "COMPLETED", "taskIdentifier": "t", "isQueued": False, "isExecuting": False,
    "isWaiting": False, "isCompleted": True, "isSuccess": True, "isFailed": False, "isCancelled": False,
    "isTest": False, "createdAt": "2025-06-01T12:00:00.000Z", "updatedAt": "2025-06-01T12:00:05.250Z",
    "tags": [], "costInCents": 0, "baseCostInCents": 0, "durationMs": 0, "depth": 0,
    "triggerFunction": "trigger", "relatedRuns": {},
}  # fmt: skip


def client_for(handler: object) -> AuthenticatedClient:
    http = httpx.Client(base_url="http://test", transport=httpx.MockTransport(handler))  # type: ignore[arg-type]
    return AuthenticatedClient(base_url="http://test", token="tr_dev_secret").set_httpx_client(http)


def test_unknown_enum_values_are_accepted_as_members() -> None:
    status = RunStatus("PAUSED_FOR_LUNCH")
    assert isinstance(status, RunStatus)
    assert status == "PAUSED_FOR_LUNCH" and str(status) == "PAUSED_FOR_LUNCH"
    assert RunStatus("PAUSED_FOR_LUNCH") is status
    assert RunStatus("TIMED_OUT") is RunStatus.TIMED_OUT
    assert BatchStatus("SOMETHING_LATER") == "SOMETHING_LATER"
    with pytest.raises(ValueError):
        RunStatus(42)


def test_a_run_with_an_unknown_status_parses() -> None:
    client = client_for(lambda request: httpx.Response(200, json={**RUN, "status": "HIBERNATING"}))
    response = retrieve_run.sync_detailed("run_1", client=client)
    assert response.parsed is not None and response.parsed.status == "HIBERNATING"


def test_non_standard_status_codes_do_not_crash_parsing() -> None:
    client = client_for(lambda request: httpx.Response(520, text="<html>origin down</html>"))
    response = retrieve_run.sync_detailed("run_1", client=client)
    assert (response.status_code, response.parsed) == (520, None)


@pytest.mark.parametrize("content", [b"", b"<html>not json</html>", b'{"id": "run_1"}'])
def test_unparseable_success_bodies_raise_one_documented_error(content: bytes) -> None:
    client = client_for(lambda request: httpx.Response(200, content=content))
    with pytest.raises(errors.UnexpectedResponseBody) as info:
        retrieve_run.sync_detailed("run_1", client=client)
    assert (info.value.status_code, info.value.content) == (200, content)


def test_bracketed_query_parameters_go_out_as_the_server_reads_them() -> None:
    seen: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        return httpx.Response(200, json={"data": [], "pagination": {}})

    list_runs.sync_detailed(
        client=client_for(handler), pagesize=10, filterstatus="COMPLETED,FAILED", filtercreated_atperiod="7d"
    )
    assert seen[0].params.multi_items() == [
        ("page[size]", "10"),
        ("filter[status]", "COMPLETED,FAILED"),
        ("filter[createdAt][period]", "7d"),
    ]


def test_default_timeout_is_finite() -> None:
    client = AuthenticatedClient(base_url="http://test", token="tr_dev_secret")
    timeout = client.get_httpx_client().timeout
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (10.0, 60.0, 60.0, 60.0)


def test_with_headers_leaves_the_original_client_unchanged() -> None:
    client = AuthenticatedClient(base_url="http://test", token="tr_dev_secret")
    live = client.get_httpx_client()
    derived = client.with_headers({"x-extra": "1"})
    assert "x-extra" not in live.headers
    assert derived.get_httpx_client().headers["x-extra"] == "1"


def test_token_is_not_in_the_repr() -> None:
    assert "tr_dev_secret" not in repr(AuthenticatedClient(base_url="http://test", token="tr_dev_secret"))
