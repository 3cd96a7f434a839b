"""Schedules over loopback: create (with upsert), list, retrieve, update, activate, deactivate, delete,
time zones, and refusal of bad cron expressions and time zones before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trigger_client import NotFoundError, ValidationError


@pytest.fixture
def scheduled(emulator: Any) -> str:
    @emulator.task("nightly-report", scheduled=True)
    def report(payload: Any) -> Any:
        return {"scheduled": payload["timestamp"]}

    return "nightly-report"


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
