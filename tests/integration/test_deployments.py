"""Deployments over loopback: list with filters and cursor pages, current, retrieve, latest, promote, and
refusal of bad input before sending."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from trigger_client import BadRequestError, NotFoundError, ValidationError

GIT = {"commitSha": "0123456789abcdef0123456789abcdef01234567", "branch": "main"}


@pytest.fixture
def deployed(emulator: Any) -> Any:
    emulator.register_task("send-email", lambda payload: payload)
    for number in range(1, 7):
        emulator.deploy(f"20250601.{number}", git=GIT, promote=number == 1)
    emulator.deploy("20250602.1", status="FAILED", git=GIT, error={"name": "BuildError", "message": "boom"})
    return emulator


def test_list_walks_cursor_pages_newest_first(client: Any, deployed: Any) -> None:
    versions = [d.version for d in client.deployments.list(page_size=5)]
    assert versions == ["20250602.1", *(f"20250601.{n}" for n in range(6, 0, -1))]
    requests = deployed.requests
    assert requests[0].query == "page%5Bsize%5D=5"
    first = client.deployments.list(page_size=5).first_page()
    assert requests[1].query == f"page%5Bsize%5D=5&page%5Bafter%5D={first.next_cursor}"
    assert first.next_cursor == first.data[-1].id


def test_list_filters(client: Any, deployed: Any) -> None:
    failed = list(client.deployments.list(status="FAILED"))
    assert [(d.version, d.error.message) for d in failed] == [("20250602.1", "boom")]
    assert deployed.requests[-1].query == "status=FAILED"
    assert len(list(client.deployments.list(period="7d"))) == 7
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    client.deployments.list(from_=start, to=start + datetime.timedelta(days=1)).first_page()
    assert deployed.requests[-1].query == "from=2020-01-01T00%3A00%3A00.000Z&to=2020-01-02T00%3A00%3A00.000Z"
    assert client.deployments.list(from_=start, to=start + datetime.timedelta(days=1)).first_page().data == []


def test_current_retrieve_promote(client: Any, deployed: Any) -> None:
    current = client.deployments.current()
    assert (current.version, str(current.status), current.git["branch"]) == ("20250601.1", "DEPLOYED", "main")
    deployment = client.deployments.retrieve(current.id)
    assert (deployment.version, deployment.worker.version) == ("20250601.1", "20250601.1")
    assert [task.slug for task in deployment.worker.tasks] == ["send-email"]
    promoted = client.deployments.promote("20250601.3")
    assert (promoted.version, deployed.requests[-1].query) == ("20250601.3", "")
    assert client.deployments.current().version == "20250601.3"
    with pytest.raises(BadRequestError, match="older than the current deployment"):
        client.deployments.promote("20250601.2")
    assert client.deployments.promote("20250601.2", allow_rollbacks=True).version == "20250601.2"
    assert deployed.requests[-1].query == "allowRollbacks=true"
    with pytest.raises(BadRequestError, match="already the current deployment"):
        client.deployments.promote("20250601.2", allow_rollbacks=True)
    with pytest.raises(BadRequestError, match="not associated with a worker"):
        client.deployments.promote("20250602.1")
    with pytest.raises(NotFoundError, match="Deployment not found"):
        client.deployments.promote("20990101.1")


def test_no_current_and_latest(client: Any, emulator: Any) -> None:
    with pytest.raises(NotFoundError):
        client.deployments.current(request_options={"max_retries": 0})
    with pytest.raises(NotFoundError, match="Deployment not found"):
        client.deployments.latest()
    emulator.deploy("20250601.1", deployment_type="UNMANAGED", git=GIT)
    assert client.deployments.latest().version == "20250601.1"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.deployments.list(status="DONE"), "status"),
        (lambda c: c.deployments.list(period="a week"), "period"),
        (lambda c: c.deployments.list(page_size=4), "page_size"),
        (lambda c: c.deployments.list(page_size=101), "page_size"),
        (lambda c: c.deployments.list(to=datetime.datetime.now(datetime.UTC)), "to"),
        (lambda c: c.deployments.list(from_=datetime.datetime(2025, 1, 1)), "from_"),
        (
            lambda c: c.deployments.list(period="1d", from_=datetime.datetime.now(datetime.UTC)),
            "period",
        ),
        (lambda c: c.deployments.retrieve("current"), "deployment_id"),
        (lambda c: c.deployments.promote(""), "version"),
        (lambda c: c.deployments.promote("20250601.1", allow_rollbacks="yes"), "allow_rollbacks"),
    ],
)
def test_bad_input_is_refused_before_sending(client: Any, emulator: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.field == field
    assert emulator.requests == []
