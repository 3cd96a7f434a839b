"""Out-of-range numbers and durations: the emulator answers like the server (400/422, or clamps), never 500.

Every request here used to overflow SQLite or ``datetime`` and come back as ``500 Something went wrong``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import httpx
import pytest

from trigger_client.emulator import Emulator

from .helpers import retrieve, trigger, wait_for_status

HUGE_INT = 10**30
GIANT_INT_TEXT = "1" + "0" * 400  # a JSON integer past the range of a double (JavaScript: Infinity)
FAR_DURATION = "99999999999w"  # about two billion years: past the range of a JavaScript Date


def post_raw(api: httpx.Client, path: str, raw: str) -> httpx.Response:
    """POST a JSON text verbatim (numbers such as ``1e400`` that ``json=`` cannot write)."""
    return api.post(path, content=raw.encode(), headers={"content-type": "application/json"})


def trigger_body(**raw_options: str) -> str:
    """A trigger body whose options are JSON texts written verbatim."""
    options = ",".join(f'"{name}":{text}' for name, text in raw_options.items())
    return '{"payload":1,"options":{' + options + "}}"


@pytest.mark.parametrize(
    ("ttl", "kept"),
    [
        (HUGE_INT, "14d"),
        (15 * 86_400, "14d"),
        ("99999999999d", "14d"),
        ("3w", "14d"),
        ("13d", "13d"),
        (90, "1m30s"),
        ("ten minutes", "14d"),  # not a duration: Cloud's cap replaces it
        (0, "14d"),  # no TTL at all: Cloud gives every run the 14-day cap
    ],
)
def test_run_ttl_is_clamped_to_fourteen_days_like_cloud(api: httpx.Client, ttl: Any, kept: str) -> None:
    run_id = trigger(api, "nobody", 1, ttl=ttl)
    assert retrieve(api, run_id)["ttl"] == kept


def test_a_clamped_ttl_expires_after_fourteen_days(emu: Emulator, api: httpx.Client) -> None:
    emu.queue_delay_s = 30 * 86_400  # keep the run QUEUED past its TTL
    emu.register_task("slow-queue", lambda payload: payload)
    run_id = trigger(api, "slow-queue", 1, ttl=HUGE_INT)
    emu.advance(14 * 86_400 - 60)
    assert retrieve(api, run_id)["status"] == "QUEUED"
    emu.advance(61)
    run = wait_for_status(api, run_id, "EXPIRED")
    assert run["error"] == {"message": "Run expired because the TTL (14d) was reached"}


@pytest.mark.parametrize("raw_ttl", ["1e400", "1.5", "-1"])
def test_a_ttl_number_that_is_not_a_whole_non_negative_number_is_400(api: httpx.Client, raw_ttl: str) -> None:
    response = post_raw(api, "/api/v1/tasks/t/trigger", trigger_body(ttl=raw_ttl))
    assert (response.status_code, response.json()) == (
        400,
        {"error": 'Validation error: Invalid input at "options.ttl"'},
    )


@pytest.mark.parametrize(
    "options", [{"delay": FAR_DURATION}, {"debounce": {"key": "k", "delay": FAR_DURATION}}]
)
def test_a_delay_ending_past_the_range_of_a_date_is_422_invalid_delay(
    api: httpx.Client, options: dict[str, Any]
) -> None:
    response = api.post("/api/v1/tasks/t/trigger", json={"payload": 1, "options": options})
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid delay {FAR_DURATION}"})
    assert api.get("/api/v1/runs").json()["data"] == []


@pytest.mark.parametrize("raw_delay", ["1e30", "1e400", "-8640000000000001", GIANT_INT_TEXT])
def test_a_delay_number_past_the_range_of_a_date_is_400(api: httpx.Client, raw_delay: str) -> None:
    response = post_raw(api, "/api/v1/tasks/t/trigger", trigger_body(delay=raw_delay))
    assert (response.status_code, response.json()) == (
        400,
        {"error": 'Validation error: Invalid input at "options.delay"'},
    )


@pytest.mark.parametrize(
    ("delay", "delayed_until"),
    [
        (8_640_000_000_000_000, "+275760-09-13T00:00:00.000Z"),  # the last instant of a JavaScript Date
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
    ],
)
def test_delays_up_to_the_end_of_a_date_are_kept_and_reported(
    api: httpx.Client, delay: Any, delayed_until: str
) -> None:
    run = retrieve(api, trigger(api, "t", 1, delay=delay))
    assert (run["status"], run["delayedUntil"]) == ("DELAYED", delayed_until)
    assert api.get("/api/v1/runs").status_code == 200


def test_a_far_but_representable_duration_delay_is_kept(api: httpx.Client) -> None:
    run = retrieve(api, trigger(api, "t", 1, delay="14000000w"))  # about 268,000 years
    assert run["status"] == "DELAYED" and run["delayedUntil"].startswith("+2")


def test_reschedule_refuses_delays_past_the_range_of_a_date(api: httpx.Client) -> None:
    run_id = trigger(api, "t", 1, delay="1h")
    far = api.post(f"/api/v1/runs/{run_id}/reschedule", json={"delay": FAR_DURATION})
    assert (far.status_code, far.json()) == (400, {"error": f"Invalid delay: {FAR_DURATION}"})
    number = post_raw(api, f"/api/v1/runs/{run_id}/reschedule", '{"delay":1e30}')
    assert (number.status_code, number.json()) == (400, {"error": "Invalid request body"})
    assert retrieve(api, run_id)["status"] == "DELAYED"


def test_replay_ignores_a_far_delay_in_its_body(api: httpx.Client) -> None:
    run_id = trigger(api, "nobody", 1)
    response = api.post(f"/api/v1/runs/{run_id}/replay", json={"delay": FAR_DURATION})
    assert response.status_code == 200  # the route reads no body


def test_batch_items_with_far_delays_are_refused_item_by_item(api: httpx.Client) -> None:
    batch_id = api.post("/api/v3/batches", json={"runCount": 2}).json()["id"]
    items = [
        {"index": 0, "task": "t", "payload": 1, "options": {"delay": FAR_DURATION}},
        {"index": 1, "task": "t", "payload": 2, "options": {"ttl": HUGE_INT}},
    ]
    sent = api.post(
        f"/api/v3/batches/{batch_id}/items",
        content="\n".join(json.dumps(item) for item in items).encode(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert sent.status_code == 200, sent.text
    batch = api.get(f"/api/v2/batches/{batch_id}").json()
    assert batch["processing"]["errors"] == [
        {"index": 0, "taskIdentifier": "t", "error": f"Invalid delay {FAR_DURATION}"}
    ]
    (run_id,) = batch["runs"]
    assert retrieve(api, run_id)["ttl"] == "14d"


def test_huge_max_duration_and_priority_read_as_infinity(emu: Emulator, api: httpx.Client) -> None:
    @emu.task("t")
    def handler(payload: Any) -> Any:
        return payload

    raw = trigger_body(maxDuration=GIANT_INT_TEXT, priority=GIANT_INT_TEXT)
    response = post_raw(api, "/api/v1/tasks/t/trigger", raw)
    assert response.status_code == 200, response.text
    emu.wait_for_idle()
    assert retrieve(api, response.json()["id"])["status"] == "COMPLETED"


def test_a_huge_idempotency_key_ttl_never_expires(emu: Emulator, api: httpx.Client) -> None:
    options = {"idempotencyKey": "k", "idempotencyKeyTTL": "99999999999999999999d"}
    first = trigger(api, "nobody", 1, **options)
    emu.advance(50 * 365 * 86_400)
    again = api.post("/api/v1/tasks/nobody/trigger", json={"payload": 1, "options": options})
    assert again.json() == {"id": first, "isCached": True}


@pytest.mark.parametrize(
    "params",
    [
        {"filter[createdAt][from]": str(HUGE_INT)},
        {"filter[createdAt][to]": str(-HUGE_INT)},
        {"filter[createdAt][from]": "8640000000000001"},
        {"filter[createdAt][from]": "Infinity"},
        {"filter[createdAt][to]": "1e400"},
    ],
)
def test_list_instants_past_the_range_of_a_date_are_invalid_dates(
    api: httpx.Client, params: dict[str, str]
) -> None:
    response = api.get("/api/v1/runs", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "Query Error"
    assert body["details"] == [
        {"code": "invalid_date", "message": "Invalid date", "path": [next(iter(params))]}
    ]


def test_list_instants_at_the_edges_of_a_date_are_accepted(api: httpx.Client) -> None:
    run_id = trigger(api, "nobody", 1)
    params = {"filter[createdAt][from]": "-8640000000000000", "filter[createdAt][to]": "8640000000000000"}
    listed = api.get("/api/v1/runs", params=params)
    assert listed.status_code == 200 and [run["id"] for run in listed.json()["data"]] == [run_id]


@pytest.mark.parametrize("period", ["99999999999y", "300000y", "1e30", "1e400", "inf"])
def test_a_list_period_longer_than_time_itself_lists_everything(
    emu: Emulator, api: httpx.Client, period: str
) -> None:
    old = trigger(api, "nobody", 1)
    emu.advance(30 * 86_400)
    new = trigger(api, "nobody", 2)
    listed = api.get("/api/v1/runs", params={"filter[createdAt][period]": period})
    assert listed.status_code == 200, listed.text
    assert [run["id"] for run in listed.json()["data"]] == [new, old]


@pytest.mark.parametrize(
    "seconds", [math.nan, math.inf, -math.inf, -1, 1e12, 100 * 365 * 86_400 + 1, 10**400]
)
def test_advance_refuses_absurd_values_and_leaves_the_clock_alone(
    emu: Emulator, api: httpx.Client, seconds: float
) -> None:
    run_id = trigger(api, "nobody", 1, delay="1h")
    with pytest.raises(ValueError, match="seconds"):
        emu.advance(seconds)
    run = retrieve(api, run_id)
    assert run["status"] == "DELAYED"
    assert api.get("/__emulator/health").json()["clockOffsetSeconds"] == 0


def test_advance_refuses_things_that_are_not_numbers(emu: Emulator) -> None:
    for value in ("60", True, None):
        with pytest.raises(TypeError, match="seconds must be a number"):
            emu.advance(value)  # type: ignore[arg-type]


def test_advance_by_a_hundred_years_still_answers(emu: Emulator, api: httpx.Client) -> None:
    run_id = trigger(api, "nobody", 1, delay="1h")
    emu.advance(100 * 365 * 86_400)
    emu.wait_for_idle()
    run = retrieve(api, run_id)
    assert run["status"] == "PENDING_VERSION"  # the delay ended; the task has no handler
    later = retrieve(api, trigger(api, "nobody", 2))
    assert int(later["createdAt"][:4]) - int(run["createdAt"][:4]) in (99, 100)
    listed = api.get("/api/v1/runs", params={"filter[createdAt][period]": "200y"})
    assert [item["id"] for item in listed.json()["data"]] == [later["id"], run_id]


def test_the_clock_stops_a_thousand_years_ahead(emu: Emulator) -> None:
    century = 100 * 365 * 86_400
    for _ in range(10):
        emu.advance(century)
    with pytest.raises(ValueError, match="1000 years"):
        emu.advance(1)


@pytest.mark.parametrize("raw", ["1e400", GIANT_INT_TEXT, "-1", "3153600001"])
def test_control_advance_refuses_absurd_values_with_400(emu: Emulator, raw: str) -> None:
    with httpx.Client(base_url=emu.url) as control:
        response = control.post("/__emulator/advance", content=f'{{"seconds":{raw}}}'.encode())
        assert response.status_code == 400
        assert "seconds" in response.json()["error"]
        assert control.get("/__emulator/health").json()["clockOffsetSeconds"] == 0
