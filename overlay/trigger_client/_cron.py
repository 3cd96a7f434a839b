"""Cron expressions as Trigger.dev schedules take them: five fields (minute, hour, day of month, month,
day of week), no seconds. Used to refuse bad expressions before sending, and by the emulator to compute
when a schedule runs next.

Each field takes ``*``, numbers, ranges (``1-5``), steps (``*/15``, ``0-30/10``) and lists (``1,15``);
months and days of the week also take names (``JAN``, ``MON``); day of week 7 is Sunday, like 0. When both
day of month and day of week are restricted (do not allow every value), a day matching either one matches
(as in Vixie cron and cron-parser).
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import attrs

from ._exceptions import ValidationError

__all__ = ["CronSchedule", "parse_cron"]

_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, 1)}
_DAYS = {name: n for n, name in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])}
_NO_NAMES: dict[str, int] = {}
_FIELDS: tuple[tuple[str, int, int, dict[str, int]], ...] = (
    ("minute", 0, 59, _NO_NAMES),
    ("hour", 0, 23, _NO_NAMES),
    ("day of month", 1, 31, _NO_NAMES),
    ("month", 1, 12, _MONTHS),
    ("day of week", 0, 7, _DAYS),
)
_ITEM = re.compile(r"^(\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:/(\d+))?$")


@attrs.frozen
class CronSchedule:
    """A parsed cron expression: the sets of values each field allows."""

    expression: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    any_day: bool
    any_weekday: bool

    def matches(self, moment: datetime.datetime) -> bool:
        """Whether the schedule fires at ``moment`` (its wall-clock time, to the minute)."""
        if (
            moment.minute not in self.minutes
            or moment.hour not in self.hours
            or moment.month not in self.months
        ):
            return False
        return self._day_matches(moment)

    def next_after(self, moment: datetime.datetime, timezone: str = "UTC") -> datetime.datetime | None:
        """The first firing strictly after ``moment`` (aware), read in ``timezone``, as an aware UTC datetime;
        None if there is none within five years (such as ``0 0 30 2 *``).

        Instants are walked in UTC and each is read on the local clock, so a wall-clock hour repeated when
        daylight saving time ends fires twice, and one skipped when it starts does not fire.
        """
        zone = ZoneInfo(timezone)
        instant = moment.astimezone(datetime.UTC).replace(second=0, microsecond=0) + datetime.timedelta(
            minutes=1
        )
        limit = instant + datetime.timedelta(days=5 * 366)
        while instant < limit:
            local = instant.astimezone(zone)
            if local.month not in self.months or not self._day_matches(local):
                instant += datetime.timedelta(minutes=(23 - local.hour) * 60 + 60 - local.minute)
            elif local.hour not in self.hours:
                instant += datetime.timedelta(minutes=60 - local.minute)
            elif local.minute not in self.minutes:
                instant += datetime.timedelta(minutes=1)
            else:
                return instant
        return None

    def _day_matches(self, local: datetime.datetime) -> bool:
        day_ok = local.day in self.days
        weekday_ok = local.isoweekday() % 7 in self.weekdays
        if self.any_day or self.any_weekday:
            return day_ok and weekday_ok
        return day_ok or weekday_ok


def parse_cron(expression: str, field: str = "cron") -> CronSchedule:
    """Parse a five-field cron expression.

    Raises:
        ValidationError: not five fields, an unknown name, a value out of range, or a zero step.
    """
    if not isinstance(expression, str):
        raise ValidationError(f"{field} must be a string, got {expression!r}", field=field)
    parts = expression.split()
    if len(parts) != 5:
        raise ValidationError(
            f"{field} must have five fields (minute hour day-of-month month day-of-week), got {expression!r}",
            field=field,
        )
    sets = [_parse_field(part, spec, expression, field) for part, spec in zip(parts, _FIELDS, strict=True)]
    weekdays = frozenset(day % 7 for day in sets[4])
    return CronSchedule(
        expression=" ".join(parts),
        minutes=sets[0],
        hours=sets[1],
        days=sets[2],
        months=sets[3],
        weekdays=weekdays,
        # A field that allows every value counts as unrestricted, however it is written (``*``, ``1-31``).
        any_day=sets[2] == frozenset(range(1, 32)),
        any_weekday=weekdays == frozenset(range(7)),
    )


def _parse_field(
    text: str, spec: tuple[str, int, int, dict[str, int]], expression: str, field: str
) -> frozenset[int]:
    name, low, high, names = spec
    values: set[int] = set()
    for item in text.split(","):
        match = _ITEM.match(item)
        if not match:
            raise ValidationError(f"{field} {expression!r}: {name} {item!r} is not valid", field=field)
        span, step_text = match.group(1), match.group(2)
        step = int(step_text) if step_text else 1
        if step == 0:
            raise ValidationError(f"{field} {expression!r}: {name} step must not be 0", field=field)
        if span == "*":
            start, end = low, high
        else:
            bounds = [_value(bound, names, name, expression, field) for bound in span.split("-")]
            start, end = bounds[0], bounds[-1]
            if step_text and len(bounds) == 1:
                end = high
        if not (low <= start <= high and low <= end <= high) or start > end:
            raise ValidationError(
                f"{field} {expression!r}: {name} {item!r} is outside {low}-{high}", field=field
            )
        values.update(range(start, end + 1, step))
    return frozenset(values)


def _value(text: str, names: dict[str, int], name: str, expression: str, field: str) -> int:
    if text.isdigit():
        return int(text)
    if text.upper() in names:
        return names[text.upper()]
    raise ValidationError(
        f"{field} {expression!r}: {name} {text!r} is not a number or a known name", field=field
    )
