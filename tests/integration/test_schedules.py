"""Schedules over loopback: create (with upsert), list, retrieve, update, activate, deactivate, delete,
time zones, and refusal of bad cron expressions and time zones before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trigger_client import NotFoundError, UnsupportedOperationError, ValidationError


def test_create_sends_the_fields_the_server_reads(client: Any, emulator: Any, scheduled: str) -> None:
    schedule = client.schedules.create(
        scheduled,
        "0 * * * *",
        deduplication_key="user_123-hourly",
        external_id="user_123",
        timezone="Europe/London",
    )
    assert json.loads(emulator.requests[-1].body) == {
        "task": "nightly-report",
        "cron": "0 * * * *",
        "deduplicationKey": "user_123-hourly",
        "externalId": "user_123",
        "timezone": "Europe/London",
    }
    assert schedule.id.startswith("sched_")
    assert (schedule.task, schedule.active, schedule.type_) == ("nightly-report", True, "IMPERATIVE")
    assert (schedule.generator.expression, schedule.timezone, schedule.external_id) == (
        "0 * * * *",
        "Europe/London",
        "user_123",
    )
    assert schedule.next_run is not None and schedule.next_run.minute == 0


def test_the_same_deduplication_key_updates_instead_of_adding(client: Any, scheduled: str) -> None:
    first = client.schedules.create(scheduled, "0 * * * *", deduplication_key="k")
    second = client.schedules.create(scheduled, "30 9 * * 1-5", deduplication_key="k")
    assert second.id == first.id
    assert second.generator.expression == "30 9 * * 1-5"
    assert [s.id for s in client.schedules.list()] == [first.id]


def test_retrieve_update_deactivate_activate_delete(client: Any, scheduled: str) -> None:
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="d")
    assert client.schedules.retrieve(created.id).id == created.id
    updated = client.schedules.update(created.id, task_id=scheduled, cron="15 3 * * *", timezone="Asia/Tokyo")
    assert (updated.generator.expression, updated.timezone) == ("15 3 * * *", "Asia/Tokyo")
    assert client.schedules.deactivate(created.id).active is False
    assert client.schedules.activate(created.id).active is True
    assert client.schedules.delete(created.id).id == created.id
    with pytest.raises(NotFoundError):
        client.schedules.retrieve(created.id, request_options={"max_retries": 0})


def test_list_walks_every_page(client: Any, emulator: Any, scheduled: str) -> None:
    ids = [client.schedules.create(scheduled, "0 * * * *", deduplication_key=f"k{n}").id for n in range(5)]
    emulator.clear_requests()
    listed = [s.id for s in client.schedules.list(per_page=2)]
    assert sorted(listed) == sorted(ids)
    assert [r.query for r in emulator.requests] == [
        "page=1&perPage=2",
        "page=2&perPage=2",
        "page=3&perPage=2",
    ]
    first = client.schedules.list(per_page=2).first_page()
    assert (first.current_page, first.total_pages, first.count, len(first.data)) == (1, 3, 5, 2)


def test_time_zones(client: Any) -> None:
    zones = client.schedules.timezones()
    assert "UTC" in zones and "Europe/London" in zones
    assert "UTC" not in client.schedules.timezones(exclude_utc=True)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"cron": "0 * * *"}, "cron"),
        ({"cron": "61 * * * *"}, "cron"),
        ({"cron": "0 * * * *", "timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"cron": "0 * * * *", "deduplication_key": ""}, "deduplication_key"),
    ],
)
def test_bad_schedules_are_refused_before_sending(
    client: Any, emulator: Any, kwargs: dict, field: str
) -> None:
    kwargs = {"deduplication_key": "k", **kwargs}
    cron = kwargs.pop("cron")
    with pytest.raises(ValidationError) as info:
        client.schedules.create("nightly-report", cron, **kwargs)
    assert info.value.field == field
    assert emulator.requests == []


def test_list_page_arguments_are_checked(client: Any) -> None:
    with pytest.raises(ValidationError, match="per_page must be at most 100"):
        client.schedules.list(per_page=101)
    with pytest.raises(ValidationError, match="page must be an int >= 1"):
        client.schedules.list(page=0)


def test_a_schedule_triggers_its_task_when_its_time_comes(client: Any, emulator: Any, scheduled: str) -> None:
    client.schedules.create(scheduled, "0 * * * *", deduplication_key="hourly")
    emulator.advance(3600)
    emulator.wait_for_idle()
    runs = list(client.runs.list(task_identifier=scheduled))
    assert len(runs) == 1
    assert client.runs.retrieve(runs[0].id).status == "COMPLETED"


def test_window_is_sent_and_checked(client: Any, emulator: Any, scheduled: str) -> None:
    client.schedules.create(scheduled, "0 * * * *", deduplication_key="w", window="30m")
    assert json.loads(emulator.requests[-1].body)["window"] == "30m"
    with pytest.raises(ValidationError, match="window"):
        client.schedules.create(scheduled, "0 * * * *", deduplication_key="w", window="25h")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"payload": {"report": "sales"}}, "cannot carry a payload.*external_id=.*payload.externalId"),
        ({"payload": {}}, "cannot carry a payload"),
        ({"machine": "large-1x"}, r'cannot choose a machine.*machine: "large-1x" in schedules.task'),
    ],
)
def test_payload_and_machine_are_refused_before_sending(
    client: Any, emulator: Any, scheduled: str, kwargs: dict, message: str
) -> None:
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="k")
    emulator.clear_requests()
    with pytest.raises(UnsupportedOperationError, match=message):
        client.schedules.create(scheduled, "0 * * * *", deduplication_key="k2", tags=["t"], **kwargs)
    with pytest.raises(UnsupportedOperationError, match=message):
        client.schedules.update(created.id, task_id=scheduled, cron="0 * * * *", tags=["t"], **kwargs)
    assert emulator.requests == []
    assert client.schedules.retrieve(created.id).local_annotations.tags == ()  # nothing stored either


def test_active_false_creates_an_inactive_schedule(client: Any, emulator: Any, scheduled: str) -> None:
    emulator.clear_requests()
    created = client.schedules.create(scheduled, "0 * * * *", deduplication_key="off", active=False)
    assert [(r.method, r.path) for r in emulator.requests] == [
        ("POST", "/api/v1/schedules"),
        ("POST", f"/api/v1/schedules/{created.id}/deactivate"),
    ]
    assert (created.active, created.next_run) == (False, None)
    assert client.schedules.retrieve(created.id).active is False
    # Nothing fires while it is inactive.
    emulator.advance(3600)
    emulator.wait_for_idle()
    assert list(client.runs.list(task_identifier=scheduled)) == []

    # An upsert leaves the state as it is unless asked: active=None keeps it inactive...
    emulator.clear_requests()
    kept = client.schedules.create(scheduled, "5 * * * *", deduplication_key="off")
    assert (kept.id, kept.active, len(emulator.requests)) == (created.id, False, 1)
    # ...active=True activates it again, and active=False on an inactive one sends nothing more.
    emulator.clear_requests()
    again = client.schedules.create(scheduled, "5 * * * *", deduplication_key="off", active=True)
    assert (again.id, again.active) == (created.id, True)
    assert [r.path for r in emulator.requests] == [
        "/api/v1/schedules",
        f"/api/v1/schedules/{created.id}/activate",
    ]
    on = client.schedules.create(scheduled, "0 * * * *", deduplication_key="on", active=True)
    assert on.active is True
    assert [r.path for r in emulator.requests[2:]] == ["/api/v1/schedules"]
    with pytest.raises(ValidationError, match="active must be a bool"):
        client.schedules.create(scheduled, "0 * * * *", deduplication_key="x", active="no")


def test_list_filters_by_active_task_and_tags_across_every_page(client: Any, emulator: Any) -> None:
    @emulator.task("task-a", scheduled=True)
    def a(payload: Any) -> Any:
        return payload

    @emulator.task("task-b", scheduled=True)
    def b(payload: Any) -> Any:
        return payload

    specs = [  # (task, tags, active)
        ("task-a", ["eu", "daily"], True),
        ("task-b", ["eu"], True),
        ("task-a", ["us", "daily"], False),
        ("task-b", ["eu", "daily"], False),
        ("task-a", [], True),
        ("task-a", ["eu", "daily"], True),
        ("task-b", ["daily"], True),
    ]
    ids = [
        client.schedules.create(task, "0 * * * *", deduplication_key=f"k{n}", tags=tags, active=active).id
        for n, (task, tags, active) in enumerate(specs)
    ]
    assert [s.id for s in client.schedules.list()] == ids[::-1]  # the server lists newest first

    emulator.clear_requests()
    found = list(client.schedules.list(active=True, task_id="task-a", tags=["eu", "daily"], per_page=2))
    assert [s.id for s in found] == [ids[5], ids[0]]
    assert [(s.active, s.task, s.local_annotations.tags) for s in found] == [
        (True, "task-a", ("eu", "daily"))
    ] * 2
    # The filters stay in the client: every page is asked for, with the server's two parameters only.
    assert [(r.path, r.query) for r in emulator.requests] == [
        ("/api/v1/schedules", "page=1&perPage=2"),
        ("/api/v1/schedules", "page=2&perPage=2"),
        ("/api/v1/schedules", "page=3&perPage=2"),
        ("/api/v1/schedules", "page=4&perPage=2"),
    ]
    assert [s.id for s in client.schedules.list(active=False, per_page=2)] == [ids[3], ids[2]]
    assert [s.id for s in client.schedules.list(active=True)] == [ids[6], ids[5], ids[4], ids[1], ids[0]]
    assert [s.id for s in client.schedules.list(tags="eu", per_page=3)] == [ids[5], ids[3], ids[1], ids[0]]
    assert [s.id for s in client.schedules.list(task_id="task-b")] == [ids[6], ids[3], ids[1]]
    assert [s.id for s in client.schedules.list(task_id="task-b", active=False, tags="daily")] == [ids[3]]
    assert list(client.schedules.list(tags=["eu", "us"], per_page=2)) == []
    assert list(client.schedules.list(task_id="nightly-report")) == []

    # A page keeps the server's numbers and holds only its matching schedules; an empty one does not stop
    # the walk.
    pages = list(client.schedules.list(tags="us", per_page=2).pages())
    assert [(p.current_page, p.total_pages, p.count, [s.id for s in p.data]) for p in pages] == [
        (1, 4, 7, []),
        (2, 4, 7, []),
        (3, 4, 7, [ids[2]]),
        (4, 4, 7, []),
    ]
    first = client.schedules.list(task_id="task-b", per_page=2).first_page()
    assert [s.id for s in first.data] == [ids[6]]
    with pytest.raises(ValidationError, match="active must be a bool"):
        client.schedules.list(active=1)
    with pytest.raises(ValidationError, match="task_id"):
        client.schedules.list(task_id="")
