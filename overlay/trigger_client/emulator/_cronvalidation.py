"""Cron expressions checked as the server checks them, with the server's messages.

The server accepts a schedule's ``cron`` when it has at most five space-separated parts and the
``cron-parser`` 4.9 package parses it (``CronPattern`` in ``v3/schedules.ts``); a refusal is answered
``422 Invalid cron expression: <message>`` with ``cron-parser``'s own message ("Constraint error, got value
60 expected range 0-59", …). This module follows that package's rules (aliases, ``*``/``?``, lists, steps,
ranges, ``L``, ``#``, the explicit day-of-month check) to give the same verdicts and messages, and turns an
accepted expression into the equivalent five fields for :func:`trigger_client._cron.parse_cron`, which
computes the run times.

Some expressions ``cron-parser`` accepts cannot be computed that way: last-day (``L``) and nth-weekday
(``#``) fields, and expressions with fewer or more than five fields (which the server then fails on with a
500 anyway, since its cron description library refuses them).
"""

from __future__ import annotations

import dataclasses
import math
import re

__all__ = ["CronCheck", "CronExpressionError", "check_cron"]

_FIELDS = ("second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek")
_LIMITS = ((0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_DEFAULTS = ("0", "*", "*", "*", "*", "*")
_SPECIAL_CHARS = {"dayOfMonth": "L", "dayOfWeek": "L"}
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_ALIASES = {
    "month": {name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "dayOfWeek": {name: number for number, name in enumerate(_DAY_NAMES)},
}
_STANDARD_CHARS = re.compile(r"^[,*\d/-]+$")
_VALID_CHARS = {
    "second": _STANDARD_CHARS,
    "minute": _STANDARD_CHARS,
    "hour": _STANDARD_CHARS,
    "dayOfMonth": re.compile(r"^[?,*\dL/-]+$"),
    "month": _STANDARD_CHARS,
    "dayOfWeek": re.compile(r"^[?,*\dL#/-]+$"),
}
_PREDEFINED = {
    "@yearly": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@hourly": "0 * * * *",
}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_JS_DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
# JavaScript's \s (what ``String.prototype.trim`` removes and ``split(/\s+/)`` splits on).
_JS_SPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_JS_SPACE_RUN = re.compile(f"[{_JS_SPACE}]+")

Value = float | str
"""One parsed field item: a number, or a string holding ``L`` (``L``, ``5L``)."""


class CronExpressionError(ValueError):
    """An expression the server refuses; ``str(error)`` is the server's message (after "Invalid cron
    expression: ")."""


@dataclasses.dataclass(frozen=True)
class CronCheck:
    """An expression the server accepts.

    Attributes:
        field_count: how many whitespace-separated fields it has, as written (``@daily`` has one): the
            server only describes, and so only stores, expressions with five.
        computable: the same schedule as five plain fields for ``trigger_client._cron.parse_cron``, or None
            when it uses ``L`` or ``#`` (or has other than five fields).
    """

    field_count: int
    computable: str | None


def check_cron(expression: str) -> CronCheck:
    """Check a schedule's ``cron`` like the server does.

    Args:
        expression: the ``cron`` of the request.

    Returns:
        The accepted expression's shape.

    Raises:
        CronExpressionError: when the server refuses it (the message is the server's).
    """
    if len(expression.split(" ")) > 5:
        raise CronExpressionError("CRON expressions with seconds are not allowed")
    if expression == "":
        raise CronExpressionError("CRON expression is required")
    text = _PREDEFINED.get(expression, expression)
    atoms = _JS_SPACE_RUN.split(text.strip(_JS_SPACE))
    if len(atoms) > 6:
        raise CronExpressionError("Invalid cron expression")
    start = len(_FIELDS) - len(atoms)
    parsed: dict[str, list[Value]] = {}
    nth_day = 0
    for index, field in enumerate(_FIELDS):
        value = atoms[index - start] if index >= start else ""
        if not value:
            value = _DEFAULTS[index]
        elif field == "dayOfWeek":
            value, nth_day = _strip_nth_day(value)
        parsed[field] = _parse_field(field, value, _LIMITS[index])
    months = parsed["month"]
    if len(months) == 1:
        days_in_month = _DAYS_IN_MONTH[int(months[0]) - 1]
        first_day = parsed["dayOfMonth"][0]
        if isinstance(first_day, float) and first_day > days_in_month:
            raise CronExpressionError("Invalid explicit day of month definition")
    field_count = len(_JS_SPACE_RUN.split(expression.strip(_JS_SPACE)))  # "@daily" has one
    computable = _computable(parsed) if field_count == 5 and nth_day == 0 else None
    return CronCheck(field_count=field_count, computable=computable)


def _strip_nth_day(value: str) -> tuple[str, int]:
    """Split ``<day>#<n>`` (the nth such weekday of the month) as the parser does."""
    parts = value.split("#")
    if len(parts) == 1:
        return value, 0
    nth = _js_number(parts[-1])
    for char, name in ((",", ","), ("/", "/"), ("-", "-")):
        if char in value:
            raise CronExpressionError(
                f"Constraint error, invalid dayOfWeek `#` and `{name}` special characters are incompatible"
            )
    if len(parts) > 2 or math.isnan(nth) or nth < 1 or nth > 5:
        raise CronExpressionError("Constraint error, invalid dayOfWeek occurrence number (#)")
    return parts[0], int(nth)


def _parse_field(field: str, value: str, limits: tuple[int, int]) -> list[Value]:
    low, high = limits
    aliases = _ALIASES.get(field)
    if aliases is not None:
        value = re.sub(r"[a-z]{3}", lambda match: _alias(aliases, match.group(0)), value, flags=re.IGNORECASE)
    if not _VALID_CHARS[field].match(value):
        raise CronExpressionError(f"Invalid characters, got value: {value}")
    if "*" in value:
        value = value.replace("*", f"{low}-{high}")
    elif "?" in value:
        value = value.replace("?", f"{low}-{high}")
    special = _SPECIAL_CHARS.get(field)

    def is_special(item: Value) -> bool:
        return special is not None and isinstance(item, str) and special in item

    def out_of_range(number: float) -> bool:
        return math.isnan(number) or number < low or number > high

    stack: list[Value] = []
    items = value.split(",")
    if not all(items):
        raise CronExpressionError("Invalid list value format")
    for item in items:
        result = _parse_repeat(field, item, limits)
        if isinstance(result, list):
            for number in result:
                if is_special(number):
                    stack.append(number)
                    continue
                if not isinstance(number, float) or out_of_range(number):
                    raise CronExpressionError(
                        f"Constraint error, got value {_js_str(number)} expected range {low}-{high}"
                    )
                stack.append(number)
            continue
        if is_special(result):
            stack.append(result)
            continue
        number = _js_number(result) if isinstance(result, str) else result
        if out_of_range(number):
            raise CronExpressionError(
                f"Constraint error, got value {_js_str(result)} expected range {low}-{high}"
            )
        stack.append(number % 7 if field == "dayOfWeek" else number)
    return sorted(stack, key=lambda item: (0, item, "") if isinstance(item, float) else (1, 0.0, item))


def _parse_repeat(field: str, value: str, limits: tuple[int, int]) -> Value | list[Value]:
    parts = value.split("/")
    if len(parts) > 2:
        raise CronExpressionError(f"Invalid repeat: {value}")
    if len(parts) == 2:
        if not math.isnan(_js_number(parts[0])):  # ``atoms[0] == +atoms[0]``: "5" and "" qualify
            parts = [f"{parts[0]}-{limits[1]}", parts[1]]
        return _parse_range(field, parts[0], parts[1], limits)
    return _parse_range(field, value, 1.0, limits)


def _parse_range(field: str, value: str, step: Value, limits: tuple[int, int]) -> Value | list[Value]:
    low, high = limits
    bounds = value.split("-")
    if len(bounds) == 1:
        number = _js_number(value)
        return value if math.isnan(number) else number
    if not bounds[0]:
        if not bounds[1]:
            raise CronExpressionError(f"Invalid range: {value}")
        return _js_number(value)
    first, last = _js_number(bounds[0]), _js_number(bounds[1])
    if math.isnan(first) or math.isnan(last) or first < low or last > high:
        raise CronExpressionError(
            f"Constraint error, got range {_js_str(first)}-{_js_str(last)} expected range {low}-{high}"
        )
    if first > last:
        raise CronExpressionError(f"Invalid range: {value}")
    interval = _js_number(step) if isinstance(step, str) else step
    if math.isnan(interval) or interval <= 0:
        raise CronExpressionError(f"Constraint error, cannot repeat at every {_js_str(interval)} time.")
    stack: list[Value] = []
    if field == "dayOfWeek" and last % 7 == 0:
        stack.append(0.0)
    counter = interval
    number = first
    while number <= last:
        if number not in stack and counter > 0 and counter % interval == 0:
            counter = 1.0
            stack.append(number)
        else:
            counter += 1
        number += 1
    return stack


def _alias(aliases: dict[str, int], name: str) -> str:
    number = aliases.get(name.lower())
    if number is None:
        raise CronExpressionError(f'Validation error, cannot resolve alias "{name.lower()}"')
    return str(number)


def _js_number(text: str) -> float:
    """``Number(text)`` for the characters a cron field may hold (digits, signs; ``""`` is 0)."""
    stripped = text.strip(_JS_SPACE)
    if not stripped:
        return 0.0
    if _JS_DECIMAL.match(stripped):
        return float(stripped)
    return math.nan


def _js_str(value: Value) -> str:
    """A value as JavaScript's string concatenation writes it (``5``, ``NaN``, ``-59``)."""
    if isinstance(value, str):
        return value
    if math.isnan(value):
        return "NaN"
    if value.is_integer():
        return str(int(value))
    return repr(value)


def _computable(parsed: dict[str, list[Value]]) -> str | None:
    """Five plain fields with the same firing times, or None when a field uses ``L``."""
    if any(isinstance(item, str) for values in parsed.values() for item in values):
        return None

    def listed(values: list[Value]) -> str:
        return ",".join(str(int(item)) for item in dict.fromkeys(values) if isinstance(item, float))

    # The parser treats a day-of-month with every day, or a day-of-week with eight entries (0-7), as
    # unrestricted: only then do both day fields have to match. Written as "*", trigger_client._cron
    # applies the same rule.
    day_of_month = "*" if len(parsed["dayOfMonth"]) >= 31 else listed(parsed["dayOfMonth"])
    day_of_week = "*" if len(parsed["dayOfWeek"]) == 8 else listed(parsed["dayOfWeek"])
    return " ".join(
        (listed(parsed["minute"]), listed(parsed["hour"]), day_of_month, listed(parsed["month"]), day_of_week)
    )
