"""Cron expressions: what is refused before sending, and when a schedule fires next."""

from __future__ import annotations

import datetime

import pytest

from trigger_client import ValidationError
from trigger_client._cron import parse_cron

UTC = datetime.UTC
NOON = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=UTC)  # a Sunday


@pytest.mark.parametrize(
    ("expression", "after", "timezone", "expected"),
    [
        ("0 * * * *", NOON, "UTC", datetime.datetime(2025, 6, 1, 13, 0, tzinfo=UTC)),
        ("*/15 * * * *", NOON, "UTC", datetime.datetime(2025, 6, 1, 12, 15, tzinfo=UTC)),
        ("30 9 * * 1-5", NOON, "UTC", datetime.datetime(2025, 6, 2, 9, 30, tzinfo=UTC)),
        ("30 9 * * MON-FRI", NOON, "Europe/London", datetime.datetime(2025, 6, 2, 8, 30, tzinfo=UTC)),
        ("0 0 1 JAN *", NOON, "UTC", datetime.datetime(2026, 1, 1, 0, 0, tzinfo=UTC)),
        (
            "0 2 1 * 7",
            NOON,
            "UTC",
            datetime.datetime(2025, 6, 1, 2, 0, tzinfo=UTC) + datetime.timedelta(days=7),
        ),
        ("0 2 13 * FRI", NOON, "UTC", datetime.datetime(2025, 6, 6, 2, 0, tzinfo=UTC)),  # day 13 OR Friday
        ("0 0 29 2 *", NOON, "UTC", datetime.datetime(2028, 2, 29, 0, 0, tzinfo=UTC)),
    ],
)
def test_next_run(
    expression: str, after: datetime.datetime, timezone: str, expected: datetime.datetime
) -> None:
    assert parse_cron(expression).next_after(after, timezone) == expected


def test_an_impossible_date_has_no_next_run() -> None:
    assert parse_cron("0 0 30 2 *").next_after(NOON) is None


def test_whitespace_is_normalised() -> None:
    assert parse_cron("  0   *  * * *").expression == "0 * * * *"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("* * * *", "five fields"),
        ("* * * * * *", "five fields"),
        ("60 * * * *", "minute '60' is outside 0-59"),
        ("* 24 * * *", "hour '24' is outside 0-23"),
        ("* * 0 * *", "day of month '0' is outside 1-31"),
        ("* * * 13 *", "month '13' is outside 1-12"),
        ("* * * * 8", "day of week '8' is outside 0-7"),
        ("*/0 * * * *", "step must not be 0"),
        ("* * * FOO *", "'FOO' is not a number or a known name"),
        ("5-1 * * * *", "outside"),
        ("@hourly * * * *", "is not valid"),
    ],
)
def test_invalid_expressions_are_refused(expression: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        parse_cron(expression)
    assert info.value.field == "cron"


def test_the_hour_repeated_when_daylight_saving_ends_fires_twice() -> None:
    schedule = parse_cron("30 1 * * *")
    first = schedule.next_after(datetime.datetime(2025, 11, 2, 4, 0, tzinfo=UTC), "America/New_York")
    second = schedule.next_after(first, "America/New_York")  # type: ignore[arg-type]
    assert (first, second) == (
        datetime.datetime(2025, 11, 2, 5, 30, tzinfo=UTC),  # 01:30 EDT
        datetime.datetime(2025, 11, 2, 6, 30, tzinfo=UTC),  # 01:30 EST, an hour later
    )


def test_the_hour_skipped_when_daylight_saving_starts_does_not_fire() -> None:
    schedule = parse_cron("30 2 * * *")
    assert schedule.next_after(datetime.datetime(2025, 3, 9, 5, 0, tzinfo=UTC), "America/New_York") == (
        datetime.datetime(2025, 3, 10, 6, 30, tzinfo=UTC)
    )


def test_a_day_field_that_allows_every_day_counts_as_unrestricted() -> None:
    # "1-31" is every day: only Mondays match, as with "*" (cron-parser reads it the same way).
    assert parse_cron("0 9 1-31 * MON").next_after(NOON) == datetime.datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
