"""A schedule's cron expression in English, as the server words ``generator.description``.

The server stores ``cronstrue.toString(cron)`` (the ``cronstrue`` 2.x package, English, 12-hour clock):
"Every hour", "At 09:30 AM, Monday through Friday", "Every 15 minutes, between 09:00 AM and 05:59 PM".
:func:`describe_cron` follows that package's wording for five-field expressions (numbers, names, ``*``,
``?``, lists, ranges and steps); for anything else (``L``, ``#``, ``W``) it returns the expression itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["describe_cron"]

_DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAY_ABBREVIATIONS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_MONTH_ABBREVIATIONS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_SPECIAL = ("/", "-", ",", "*")
_UNSUPPORTED = re.compile(r"[^\d*,/-]")

Words = Callable[[str], str]
"""Turns one field item (a number as text) or a step into words, or into a ``%s`` template."""


class _Field:
    """How one field is worded: for ``*``, one item, a step, a range, and a single value or list."""

    def __init__(self, every: str, item: Words, step: Words, span: Words, single: Words) -> None:
        self.every = every
        self.item = item
        self.step = step
        self.span = span
        self.single = single


def describe_cron(expression: str) -> str:
    """The English description of a five-field cron expression, or the expression itself.

    Args:
        expression: an expression the server accepted.

    Returns:
        The description, such as ``"Every hour"``; the expression unchanged when it is not one of the
        shapes described here.
    """
    parts = expression.strip().split()
    if len(parts) != 5:
        return expression
    try:
        minute, hour, day, month, weekday = _normalise(parts)
        if any(_UNSUPPORTED.search(field) for field in (minute, hour, day, month, weekday)):
            return expression
        text = _time_of_day(minute, hour) + _day_of_month(day, weekday) + _day_of_week(weekday, day)
        text += _month(month)
    except (ValueError, IndexError):
        return expression
    for filler in (", every minute", ", every hour", ", every day"):
        text = text.replace(filler, "")
    text = re.sub(r", ?$", "", text)
    return text[:1].upper() + text[1:]


def _normalise(parts: list[str]) -> tuple[str, str, str, str, str]:
    """Bring the fields to the forms the wording rules expect (names to numbers, ``?`` to ``*``, …)."""
    minute, hour, day, month, weekday = parts
    day, weekday, hour = day.replace("?", "*", 1), weekday.replace("?", "*", 1), hour.replace("?", "*", 1)
    if minute.startswith("0/"):
        minute = "*/" + minute[2:]
    if hour.startswith("0/"):
        hour = "*/" + hour[2:]
    if day.startswith("1/"):
        day = "*/" + day[2:]
    if month.startswith("1/"):
        month = "*/" + month[2:]
    # Sunday may be written 7: every single digit that is not a step or an nth-day number.
    weekday = re.sub(r"(^\d)|([^#/\s]\d)", lambda found: found.group(0).replace("7", "0"), weekday)
    for number, name in enumerate(_DAY_ABBREVIATIONS):
        weekday = re.sub(name, str(number), weekday, flags=re.IGNORECASE)
    for number, name in enumerate(_MONTH_ABBREVIATIONS, start=1):
        month = re.sub(name, str(number), month, flags=re.IGNORECASE)
    # A single hour under a repeating minute reads as a one-hour range ("between 09:00 AM and 09:59 AM").
    if not any(char in hour for char in _SPECIAL) and any(char in minute for char in "*/"):
        hour = f"{hour}-{hour}"
    fields = [minute, hour, day, month, weekday]
    for index, field in enumerate(fields):
        if "," in field:
            field = ",".join(item for item in field.split(",") if item) or "*"
        if field == "*/1":
            field = "*"
        if "/" in field and not re.search(r"^\*|-|,", field) and index in (3, 4):
            start, step = field.split("/")[:2]
            field = f"{start}-{12 if index == 3 else 6}/{step}"
        fields[index] = field
    return fields[0], fields[1], fields[2], fields[3], fields[4]


def _fill(template: str, *values: str) -> str:
    for value in values:
        template = template.replace("%s", value, 1)
    return template


def _clock(hour_text: str, minute_text: str) -> str:
    """``09:30 AM``: the hour (its leading number) and minute on a 12-hour clock."""
    hour = int(re.match(r"\d+", hour_text).group(0))  # type: ignore[union-attr]
    period = "PM" if hour >= 12 else "AM"
    hour = hour - 12 if hour > 12 else hour
    hour = 12 if hour == 0 else hour
    return f"{hour:02d}:{minute_text.rjust(2, '0')[-2:]} {period}"


def _has_special(text: str) -> bool:
    return any(char in text for char in _SPECIAL)


def _time_of_day(minute: str, hour: str) -> str:
    if not _has_special(minute) and not _has_special(hour):
        return "At " + _clock(hour, minute)
    if "-" in minute and "," not in minute and "/" not in minute and not _has_special(hour):
        first, last = minute.split("-")[:2]
        return f"Every minute between {_clock(hour, first)} and {_clock(hour, last)}"
    if "," in hour and "-" not in hour and "/" not in hour and not _has_special(minute):
        listed = hour.split(",")
        text = "At"
        for index, item in enumerate(listed):
            text += " " + _clock(item, minute)
            if index < len(listed) - 2:
                text += ","
            if index == len(listed) - 2:
                text += " and"
        return text
    minutes = _segment(
        minute,
        _Field(
            "every minute",
            lambda item: item,
            lambda step: "every %s minutes",
            lambda span: "minutes %s through %s past the hour",
            lambda item: "every hour" if item == "0" and "/" not in hour else "at %s minutes past the hour",
        ),
    )
    hours = _segment(
        hour,
        _Field(
            "every hour",
            lambda item: _clock(item, "0"),
            lambda step: "every %s hours",
            lambda span: "between %s and %s",
            lambda item: "at %s",
        ),
    )
    if hours and "-" in hour and minute != "0" and hours.count(":00") > 1:
        cut = hours.rindex(":00")
        hours = hours[:cut] + ":59" + hours[cut + 3 :]
    if minutes == hours:
        return minutes
    return ", ".join(text for text in (minutes, hours) if text)


def _day_of_month(day: str, weekday: str) -> str:
    if day == "*" and weekday != "*":
        return ""
    return _segment(
        day,
        _Field(
            ", every day",
            lambda item: item,
            lambda step: ", every day" if step == "1" else ", every %s days",
            lambda span: ", between day %s and %s of the month",
            lambda item: ", on day %s of the month",
        ),
    )


def _day_of_week(weekday: str, day: str) -> str:
    if weekday == "*":
        return ""
    return _segment(
        weekday,
        _Field(
            ", every day",
            lambda item: _DAY_NAMES[int(item)],
            lambda step: "" if step == "1" else ", every %s days of the week",
            lambda span: ", %s through %s",
            lambda item: ", and on %s" if day != "*" else ", only on %s",
        ),
    )


def _month(month: str) -> str:
    return _segment(
        month,
        _Field(
            "",
            lambda item: _MONTH_NAMES[int(item) - 1],
            lambda step: "" if step == "1" else ", every %s months",
            lambda span: ", %s through %s",
            lambda item: ", only in %s",
        ),
    )


def _segment(expression: str, words: _Field) -> str:
    """One field in words: every value, one value, a list, a step (from a start or over a range), a range."""
    if not expression:
        return ""
    if expression == "*":
        return words.every
    has_step, has_range, has_list = "/" in expression, "-" in expression, "," in expression
    if not (has_step or has_range or has_list):
        return _fill(words.single(expression), words.item(expression))
    if has_list:
        items = expression.split(",")
        text = ""
        for index, item in enumerate(items):
            if index > 0 and len(items) > 2:
                text += "," if index == len(items) - 1 else ", "
            if index > 0 and (index == len(items) - 1 or len(items) == 2):
                text += " and "
            if "/" in item or "-" in item:
                plain_range = "-" in item and "/" not in item
                part_words = words
                if plain_range:
                    part_words = _Field(
                        words.every, words.item, words.step, lambda span: ", %s through %s", words.single
                    )
                part = _segment(item, part_words)
                text += part.replace(", ", "", 1) if plain_range else part
            elif not has_step:
                text += words.item(item)
            else:
                text += _segment(item, words)
        return text if has_step else _fill(words.single(expression), text)
    if has_step:
        start, step = expression.split("/")[:2]
        text = _fill(words.step(step), step)
        if "-" in start:
            span = _span(start, words)
            text += ("" if span.startswith(", ") else ", ") + span
        elif "*" not in start:
            first = _fill(words.single(start), words.item(start)).replace(", ", "", 1)
            text += f", starting {first}"
        return text
    return _span(expression, words)


def _span(expression: str, words: _Field) -> str:
    first, last = expression.split("-")[:2]
    return _fill(words.span(expression), words.item(first), words.item(last))
