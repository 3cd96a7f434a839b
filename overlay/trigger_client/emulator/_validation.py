"""Request validation with the server's messages (zod issues, as zod-validation-error formats them).

A body error is answered ``400 {"error": "Validation error: <message> at \"<path>\""}`` (issues joined by
``; ``); a query error ``400 {"error": "Query Error", "details": [<zod issue>, …]}``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from ._durations import is_js_date_ms

MACHINE_PRESETS = ("micro", "small-1x", "small-2x", "medium-1x", "medium-2x", "large-1x", "large-2x")
IDEMPOTENCY_SCOPES = ("run", "attempt", "global")
MAX_IDEMPOTENCY_KEY_LENGTH = 2048
MAX_TAG_LENGTH = 128


def type_name(value: Any) -> str:
    """The zod name of a JSON value's type (``string``, ``number``, ``object``, ``array``, ``null``, …)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "nan" if isinstance(value, float) and math.isnan(value) else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


class Issues:
    """Collects validation issues (zod-shaped dicts with ``code``, ``message`` and ``path``)."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, path: list[str | int], message: str, code: str = "custom", **extra: Any) -> None:
        """Record one issue at ``path`` (a list of keys and indexes)."""
        self.items.append({"code": code, **extra, "message": message, "path": list(path)})

    def __bool__(self) -> bool:
        return bool(self.items)

    def message(self) -> str:
        """The issues as one message: ``Validation error: <message> at "<path>"; …``."""
        parts = []
        for issue in self.items:
            path = _format_path(issue["path"])
            parts.append(f'{issue["message"]} at "{path}"' if path else issue["message"])
        return "Validation error: " + "; ".join(parts)

    # Field checks. Each returns True when the value is acceptable; absent (None) values are accepted
    # by the ``optional`` checks.

    def expect_type(self, path: list[str | int], value: Any, expected: str) -> bool:
        """Check the JSON type of ``value`` (``string``, ``integer``, ``object``, … as zod names them)."""
        received = type_name(value)
        if expected == "integer":
            if received != "number":
                self.add(
                    path,
                    f"Expected number, received {received}",
                    "invalid_type",
                    expected="number",
                    received=received,
                )
                return False
            if isinstance(value, float) and not value.is_integer():
                self.add(
                    path,
                    "Expected integer, received float",
                    "invalid_type",
                    expected="integer",
                    received="float",
                )
                return False
            return True
        if received != expected:
            self.add(
                path,
                f"Expected {expected}, received {received}",
                "invalid_type",
                expected=expected,
                received=received,
            )
            return False
        return True

    def required(self, path: list[str | int], container: dict[str, Any], key: str, expected: str) -> bool:
        """Check ``container[key]``: a missing key is zod's ``Required`` (received ``undefined``)."""
        if key not in container:
            self.add([*path, key], "Required", "invalid_type", expected=expected, received="undefined")
            return False
        return self.expect_type([*path, key], container[key], expected)

    def optional(self, path: list[str | int], value: Any, expected: str) -> bool:
        """Like :meth:`expect_type`, but a missing value (None) is accepted."""
        return value is None or self.expect_type(path, value, expected)

    def optional_enum(self, path: list[str | int], value: Any, options: tuple[str, ...]) -> bool:
        """Check that a present value is one of ``options``."""
        if value is None:
            return True
        if not self.expect_type(path, value, "string"):
            return False
        if value not in options:
            expected = " | ".join(f"'{option}'" for option in options)
            self.add(
                path,
                f"Invalid enum value. Expected {expected}, received '{value}'",
                "invalid_enum_value",
                options=list(options),
                received=value,
            )
            return False
        return True

    def optional_max_length(self, path: list[str | int], value: Any, limit: int, message: str) -> bool:
        """Check a present string's type and length."""
        if not self.optional(path, value, "string"):
            return False
        if value is not None and len(value) > limit:
            self.add(path, message, "too_big", maximum=limit, type="string", inclusive=True, exact=False)
            return False
        return True

    def optional_object(
        self, path: list[str | int], value: Any, check: Callable[[dict[str, Any]], None]
    ) -> None:
        """Check a present object with ``check``."""
        if value is not None and self.expect_type(path, value, "object"):
            check(value)


def _format_path(path: list[str | int]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def check_idempotency_key_options(issues: Issues, path: list[str | int], value: Any) -> None:
    """``idempotencyKeyOptions``: ``{key: string, scope: "run"|"attempt"|"global"}``."""

    def check(options: dict[str, Any]) -> None:
        issues.expect_type([*path, "key"], options.get("key"), "string")
        if options.get("scope") is None:
            issues.add([*path, "scope"], "Required", "invalid_type", expected="string", received="undefined")
        else:
            issues.optional_enum([*path, "scope"], options.get("scope"), IDEMPOTENCY_SCOPES)

    issues.optional_object(path, value, check)


def check_run_options(issues: Issues, path: list[str | int], options: dict[str, Any]) -> None:
    """Validate trigger (and batch item) ``options`` like the server's ``TriggerTaskRequestBody``.

    Args:
        issues: where problems are recorded.
        path: the path of the options object (``["options"]``).
        options: the options object.
    """
    for name in (
        "dependentAttempt",
        "parentAttempt",
        "dependentBatch",
        "parentBatch",
        "parentRunId",
        "lockToVersion",
        "idempotencyKeyTTL",
        "metadataType",
        "payloadType",
        "bulkActionId",
        "region",
        "externalDeploymentId",
    ):
        issues.optional([*path, name], options.get(name), "string")
    for name in ("resumeParentOnCompletion", "test"):
        issues.optional([*path, name], options.get(name), "boolean")
    for name in ("maxDuration", "priority"):
        issues.optional([*path, name], options.get(name), "number")
    issues.optional([*path, "maxAttempts"], options.get("maxAttempts"), "integer")
    size = options.get("payloadSize")
    if issues.optional([*path, "payloadSize"], size, "integer") and size is not None and size < 0:
        issues.add([*path, "payloadSize"], "Number must be greater than or equal to 0", "too_small")

    def check_queue(queue: dict[str, Any]) -> None:
        issues.expect_type([*path, "queue", "name"], queue.get("name"), "string")
        issues.optional([*path, "queue", "concurrencyLimit"], queue.get("concurrencyLimit"), "integer")

    issues.optional_object([*path, "queue"], options.get("queue"), check_queue)
    key = options.get("concurrencyKey")
    if key is not None and type_name(key) not in ("string", "number"):
        issues.add([*path, "concurrencyKey"], "Invalid input", "invalid_union")
    delay = options.get("delay")
    delay_type = type_name(delay)
    if delay is not None and (
        delay_type not in ("string", "number") or (delay_type == "number" and not is_js_date_ms(delay))
    ):
        # A number goes through z.coerce.date(): one beyond ±8.64e15 ms (or infinite) is an Invalid Date.
        issues.add([*path, "delay"], "Invalid input", "invalid_union")
    issues.optional_max_length(
        [*path, "idempotencyKey"],
        options.get("idempotencyKey"),
        MAX_IDEMPOTENCY_KEY_LENGTH,
        "idempotencyKey must be 2048 characters or less",
    )
    check_idempotency_key_options(
        issues, [*path, "idempotencyKeyOptions"], options.get("idempotencyKeyOptions")
    )
    issues.optional_enum([*path, "machine"], options.get("machine"), MACHINE_PRESETS)
    tags = options.get("tags")
    if isinstance(tags, str):
        issues.optional_max_length(
            [*path, "tags"], tags, MAX_TAG_LENGTH, "Tags must be less than 128 characters"
        )
    elif isinstance(tags, list):
        for index, tag in enumerate(tags):
            issues.optional_max_length(
                [*path, "tags", index], tag, MAX_TAG_LENGTH, "Tags must be less than 128 characters"
            )
            if tag is None:
                issues.expect_type([*path, "tags", index], tag, "string")
    elif tags is not None:
        issues.add([*path, "tags"], "Invalid input", "invalid_union")
    ttl = options.get("ttl")
    if ttl is not None:
        if type_name(ttl) == "number":
            if (isinstance(ttl, float) and not ttl.is_integer()) or ttl < 0:
                issues.add([*path, "ttl"], "Invalid input", "invalid_union")
        elif not isinstance(ttl, str):
            issues.add([*path, "ttl"], "Invalid input", "invalid_union")

    def check_debounce(debounce: dict[str, Any]) -> None:
        issues.expect_type([*path, "debounce", "key"], debounce.get("key"), "string")
        issues.expect_type([*path, "debounce", "delay"], debounce.get("delay"), "string")
        issues.optional_enum([*path, "debounce", "mode"], debounce.get("mode"), ("leading", "trailing"))
        issues.optional([*path, "debounce", "maxDelay"], debounce.get("maxDelay"), "string")

    issues.optional_object([*path, "debounce"], options.get("debounce"), check_debounce)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def loads_request_json(text: str, **kwargs: Any) -> Any:
    """``json.loads`` of a request body, with lone surrogates (``"\\ud800"``, which JSON may escape but
    UTF-8 cannot hold) turned into U+FFFD, as Node does when the server writes such a string out.

    Raises:
        ValueError: text that is not JSON (``json.JSONDecodeError``).
    """
    parsed = json.loads(text, **kwargs)
    return _without_lone_surrogates(parsed) if _SURROGATE_ESCAPE.search(text) else parsed


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    return value
