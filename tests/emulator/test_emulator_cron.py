"""Cron expressions: the server's verdicts and messages, the computable form, and the descriptions.

The expected values were produced with the packages the server uses (``cron-parser`` 4.9.0 through the
server's ``CronPattern`` checks, and ``cronstrue`` 2.21.0), on these exact inputs.
"""

from __future__ import annotations

import datetime

import pytest

from trigger_client._cron import parse_cron
from trigger_client.emulator._crondescription import describe_cron
from trigger_client.emulator._cronvalidation import CronExpressionError, check_cron

REFUSED = {
    "60 * * * *": "Constraint error, got value 60 expected range 0-59",
    "* 24 * * *": "Constraint error, got value 24 expected range 0-23",
    "0 0 0 * *": "Constraint error, got value 0 expected range 1-31",
    "0 0 32 * *": "Constraint error, got value 32 expected range 1-31",
    "0 0 * 13 *": "Constraint error, got value 13 expected range 1-12",
    "0 0 * 0 *": "Constraint error, got value 0 expected range 1-12",
    "0 0 * * 8": "Constraint error, got value 8 expected range 0-7",
    "abc * * * *": "Invalid characters, got value: abc",
    "0 0 * * MONDAY": 'Validation error, cannot resolve alias "day"',
    "0 0 * FOO *": 'Validation error, cannot resolve alias "foo"',
    "5-1 * * * *": "Invalid range: 5-1",
    "*/0 * * * *": "Constraint error, cannot repeat at every 0 time.",
    "1,,2 * * * *": "Invalid list value format",
    "*/5/2 * * * *": "Invalid repeat: 0-59/5/2",
    "61-70 * * * *": "Constraint error, got range 61-70 expected range 0-59",
    "-5 * * * *": "Constraint error, got value -5 expected range 0-59",
    "/5 * * * *": "Constraint error, got value -59 expected range 0-59",
    "0 0 30 2 *": "Invalid explicit day of month definition",
    "0 0 31 4 *": "Invalid explicit day of month definition",
    "0 0 * * 1#6": "Constraint error, invalid dayOfWeek occurrence number (#)",
    "0 0 * * 1#2,3": "Constraint error, invalid dayOfWeek `#` and `,` special characters are incompatible",
    "0 0 * * 1-5#1": "Constraint error, invalid dayOfWeek `#` and `-` special characters are incompatible",
    "0 0 * * 1/2#3": "Constraint error, invalid dayOfWeek `#` and `/` special characters are incompatible",
    "0 0 LW * *": "Invalid characters, got value: LW",
    "0 0 * *": "Constraint error, got value 0 expected range 1-31",
    "0 * * * * *": "CRON expressions with seconds are not allowed",
    "0  * * * *": "CRON expressions with seconds are not allowed",
    " 0 * * * *": "CRON expressions with seconds are not allowed",
    "": "CRON expression is required",
    "5-10/0 * * * *": "Constraint error, cannot repeat at every 0 time.",
    "1-5/x * * * *": "Invalid characters, got value: 1-5/x",
}

DESCRIBED = {
    "0 * * * *": "Every hour",
    "30 9 * * 1-5": "At 09:30 AM, Monday through Friday",
    "*/5 * * * *": "Every 5 minutes",
    "* * * * *": "Every minute",
    "0 0 * * *": "At 12:00 AM",
    "0 0 1 * *": "At 12:00 AM, on day 1 of the month",
    "0 0 * * 0": "At 12:00 AM, only on Sunday",
    "0 9 * * MON": "At 09:00 AM, only on Monday",
    "15 14 1 * *": "At 02:15 PM, on day 1 of the month",
    "0 22 * * 1-5": "At 10:00 PM, Monday through Friday",
    "23 0-20/2 * * *": "At 23 minutes past the hour, every 2 hours, between 12:00 AM and 08:59 PM",
    "5 4 * * sun": "At 04:05 AM, only on Sunday",
    "0 0,12 1 */2 *": "At 12:00 AM and 12:00 PM, on day 1 of the month, every 2 months",
    "0 0 1 1 *": "At 12:00 AM, on day 1 of the month, only in January",
    "0 */2 * * *": "At 0 minutes past the hour, every 2 hours",
    "*/15 9-17 * * 1-5": "Every 15 minutes, between 09:00 AM and 05:59 PM, Monday through Friday",
    "0 12 * * 6,0": "At 12:00 PM, only on Saturday and Sunday",
    "0 0 * * 1-7": "At 12:00 AM, Monday through Sunday",
    "0 0 * * 0-6": "At 12:00 AM, Sunday through Saturday",
    "0 0 * * 7-7": "At 12:00 AM, Sunday through Sunday",
    "*/1 * * * *": "Every minute",
    "0 * * * 1": "Every hour, only on Monday",
    "5 * * * *": "At 5 minutes past the hour",
    "0,30 * * * *": "At 0 and 30 minutes past the hour",
    "*/10 * * * *": "Every 10 minutes",
    "0 */3 * * *": "At 0 minutes past the hour, every 3 hours",
    "0 8-18 * * *": "Every hour, between 08:00 AM and 06:00 PM",
    "0 9 * * 1,3,5": "At 09:00 AM, only on Monday, Wednesday, and Friday",
    "0 9 1,15 * *": "At 09:00 AM, on day 1 and 15 of the month",
    "0 9 * 1 *": "At 09:00 AM, only in January",
    "0 0 1 1,7 *": "At 12:00 AM, on day 1 of the month, only in January and July",
    "15 10 * * *": "At 10:15 AM",
    "0 12 * * *": "At 12:00 PM",
    "0 13 * * *": "At 01:00 PM",
    "30 0 * * *": "At 12:30 AM",
    "*/30 9-17 * * 1-5": "Every 30 minutes, between 09:00 AM and 05:59 PM, Monday through Friday",
    "0 0 */2 * *": "At 12:00 AM, every 2 days",
    "0 0 1-5 * *": "At 12:00 AM, between day 1 and 5 of the month",
    "0 9-17 * * *": "Every hour, between 09:00 AM and 05:00 PM",
    "5-10 * * * *": "Minutes 5 through 10 past the hour",
    "* 9 * * *": "Every minute, between 09:00 AM and 09:59 AM",
    "* * 1 * *": "Every minute, on day 1 of the month",
    "* * * 2 *": "Every minute, only in February",
    "* * * * 1": "Every minute, only on Monday",
    "1 2 3 4 5": "At 02:01 AM, on day 3 of the month, and on Friday, only in April",
    "0 1,2 * * *": "At 01:00 AM and 02:00 AM",
    "0 0 1 */3 *": "At 12:00 AM, on day 1 of the month, every 3 months",
    "2/5 * * * *": "Every 5 minutes, starting at 2 minutes past the hour",
    "0 12/2 * * *": "At 0 minutes past the hour, every 2 hours, starting at 12:00 PM",
    "0 0 ? * MON": "At 12:00 AM, only on Monday",
    "0 0 1 1 ?": "At 12:00 AM, on day 1 of the month, only in January",
    "59 23 31 12 *": "At 11:59 PM, on day 31 of the month, only in December",
    "0 0 * * SAT,SUN": "At 12:00 AM, only on Saturday and Sunday",
    "0 0 * FEB-APR *": "At 12:00 AM, February through April",
    "0 0 2-30/2 * *": "At 12:00 AM, every 2 days, between day 2 and 30 of the month",
    "10,20,30,40 * * * *": "At 10, 20, 30, and 40 minutes past the hour",
    "0 0,6,12,18 * * *": "At 12:00 AM, 06:00 AM, 12:00 PM and 06:00 PM",
    "0 9 * * 1-5/2": "At 09:00 AM, every 2 days of the week, Monday through Friday",
    "0 0 * * */7": "At 12:00 AM, every 7 days of the week",
    "0 0 * * 1/7": "At 12:00 AM, every 7 days of the week, Monday through Saturday",
    "0 0 */31 * *": "At 12:00 AM, every 31 days",
    "0 0 * */12 *": "At 12:00 AM, every 12 months",
    "*/59 * * * *": "Every 59 minutes",
    "0 */23 * * *": "At 0 minutes past the hour, every 23 hours",
    "0 0 * * 0,7": "At 12:00 AM, only on Sunday and Sunday",
    "0 0 1 1 0-7": "At 12:00 AM, on day 1 of the month, Sunday through Sunday, only in January",
    "0 0 ? * 7": "At 12:00 AM, only on Sunday",
    "0 0 * * 5-7": "At 12:00 AM, Friday through Sunday",
    "0 0 * * 1-5,0": "At 12:00 AM, only on Monday through Friday and Sunday",
    "0 0 * * MON,wed": "At 12:00 AM, only on Monday and Wednesday",
    "0 0 * jan-mar/2 *": "At 12:00 AM, every 2 months, January through March",
    "0 0 * 2/3 *": "At 12:00 AM, every 3 months, February through December",
    "0 0 * * 1/2": "At 12:00 AM, every 2 days of the week, Monday through Saturday",
    "5/15 * * * *": "Every 15 minutes, starting at 5 minutes past the hour",
    "0-30/10 * * * *": "Every 10 minutes, minutes 0 through 30 past the hour",
    "0 0-23/6 * * *": "At 0 minutes past the hour, every 6 hours, between 12:00 AM and 11:00 PM",
    "10-15,30 * * * *": "At 10 through 15 and 30 minutes past the hour",
    "0 1-3,5 * * *": "Every hour, at 01:00 AM through 03:00 AM and 05:00 AM",
    "0 */2,5 * * *": "At 0 minutes past the hour, every 2 hours and at 05:00 AM",
    "0 0 1-10/3 * *": "At 12:00 AM, every 3 days, between day 1 and 10 of the month",
    "0 0 1,15,28 * *": "At 12:00 AM, on day 1, 15, and 28 of the month",
    "*/5 * 1 * *": "Every 5 minutes, on day 1 of the month",
    "0 9,17 * * 1-5": "At 09:00 AM and 05:00 PM, Monday through Friday",
    "1-5 9 * * *": "Every minute between 09:01 AM and 09:05 AM",
    "1-5 9-10 * * *": "Minutes 1 through 5 past the hour, between 09:00 AM and 10:59 AM",
    "*/5 9-17 * * *": "Every 5 minutes, between 09:00 AM and 05:59 PM",
    "0 0/1 * * *": "Every hour",
    "0/15 * * * *": "Every 15 minutes",
    "1/15 * * * *": "Every 15 minutes, starting at 1 minutes past the hour",
    "0 0 1/2 * *": "At 12:00 AM, every 2 days",
    "0 0 * 1/2 *": "At 12:00 AM, every 2 months",
    "0 9-17/2 * * *": "At 0 minutes past the hour, every 2 hours, between 09:00 AM and 05:00 PM",
    "0 0 1-7 * 1": "At 12:00 AM, between day 1 and 7 of the month, and on Monday",
    "0 0 * JAN,FEB *": "At 12:00 AM, only in January and February",
    "30 */6 * * *": "At 30 minutes past the hour, every 6 hours",
    "0 0 15 * *": "At 12:00 AM, on day 15 of the month",
    "0 6 * * 1": "At 06:00 AM, only on Monday",
    "45 23 * * *": "At 11:45 PM",
    "0 0/30 * * *": "At 0 minutes past the hour, every 30 hours",
    "10-20 * * * *": "Minutes 10 through 20 past the hour",
    "0 12 1 1-6 *": "At 12:00 PM, on day 1 of the month, January through June",
}


@pytest.mark.parametrize(("expression", "message"), sorted(REFUSED.items()))
def test_refused_expressions_give_the_servers_message(expression: str, message: str) -> None:
    with pytest.raises(CronExpressionError) as caught:
        check_cron(expression)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("expression", "field_count", "computable"),
    [
        ("0 * * * *", 5, "0 0-23 * 1-12 *"),
        ("30 9 * * MON-FRI", 5, "30 9 * 1-12 1,2,3,4,5"),
        ("*/20 * ? JAN,jul *", 5, "0,20,40 0-23 * 1,7 *"),
        ("0 0 1-31 * 1", 5, "0 0 * 1-12 1"),  # every day of the month counts as unrestricted
        ("0 0 1 * 0-6", 5, "0 0 1 1-12 0,1,2,3,4,5,6"),  # seven weekdays do not: either day matches
        ("0 0 1 * 1-7", 5, "0 0 1 1-12 *"),  # 1-7 lists Sunday twice (0 and 7): unrestricted
        ("0 0 L * *", 5, None),
        ("0 0 * * 5L", 5, None),
        ("0 0 * * 1#2", 5, None),
        ("@daily", 1, None),
        ("5", 1, None),
        ("0 0 31 4,6 *", 5, "0 0 31 4,6 *"),  # accepted, though it never runs
    ],
)
def test_accepted_expressions(expression: str, field_count: int, computable: str | None) -> None:
    check = check_cron(expression)
    assert check.field_count == field_count
    if computable is None:
        assert check.computable is None
        return
    assert check.computable is not None
    # Compare what the fields allow, not the text (ranges are written out as lists).
    assert _fields(check.computable) == _fields(computable)


def _fields(expression: str) -> tuple[object, ...]:
    schedule = parse_cron(expression)
    return (
        schedule.minutes,
        schedule.hours,
        schedule.days,
        schedule.months,
        schedule.weekdays,
        schedule.any_day,
        schedule.any_weekday,
    )


def test_day_of_month_or_day_of_week_like_the_server() -> None:
    # "0 0 1 * 1": both restricted, so the 1st of the month OR any Monday (2025-06-02 is a Monday).
    check = check_cron("0 0 1 * 1")
    assert check.computable is not None
    start = datetime.datetime(2025, 5, 30, tzinfo=datetime.UTC)
    schedule = parse_cron(check.computable)
    first = schedule.next_after(start)
    assert first == datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    assert schedule.next_after(first) == datetime.datetime(2025, 6, 2, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("expression", "description"), sorted(DESCRIBED.items()))
def test_descriptions_follow_cronstrue(expression: str, description: str) -> None:
    assert describe_cron(expression) == description


@pytest.mark.parametrize("expression", ["0 0 L * *", "0 0 * * 1#2", "0 0 * * 5L", "@daily", "0 0 * * *,1"])
def test_shapes_not_described_fall_back_to_the_expression(expression: str) -> None:
    assert describe_cron(expression) == expression
