"""Switchable faults: rules that make the emulator misbehave for matching requests.

A rule matches on ``method`` (optional) and ``path`` (a glob such as ``/api/v3/runs/*``) and applies to
the next ``times`` matching requests (``0`` or ``None``: forever). Actions:

* ``status``: answer ``status`` (200–599, non-standard ones included) with ``body`` (``content_type``,
  extra ``headers``); no body for 204 and 304.
* ``rate_limit``: answer 429 like the general limiter (``reset_form="ms"``: ``application/problem+json``,
  ``x-ratelimit-reset`` in epoch milliseconds) or the batch limiter (``reset_form="seconds"``:
  ``{"error": …}``, ``X-RateLimit-Reset`` in epoch seconds, ``Retry-After``).
* ``latency``: wait ``seconds``, then answer normally.
* ``hang``: read the request and never answer (until the emulator stops).
* ``drop``: close the connection without any HTTP answer.
* ``drop_after_commit``: handle the request fully (for example create the run), then close the connection
  instead of sending the answer (a realtime long-poll: the change it was answering with is lost in transit).
* ``disconnect``: let the answer through for ``seconds``, then close the connection, whatever was sent by
  then: a realtime long-poll still held is cut, a stream of server-sent events stops part-way.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import http
import itertools
import json
import math
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

from ._durations import iso_ms

ACTIONS = ("status", "rate_limit", "latency", "hang", "drop", "drop_after_commit", "disconnect")
RESET_FORMS = ("ms", "seconds")
DEFAULT_LIMIT = 750
MIN_STATUS = 200
MAX_STATUS = 599
"""A ``status`` fault answers a final HTTP status from 200 to 599: the server (uvicorn/h11) cannot send a
1xx status as an answer, nor one above 599, and would drop the connection instead."""
BODILESS_STATUSES = (204, 304)
"""Statuses whose answers never have a body."""

_ids = itertools.count(1)


@dataclasses.dataclass
class FaultRule:
    """One fault rule. Create rules with :meth:`FaultSet.add` (or ``POST /__emulator/faults``).

    Attributes:
        action: one of ``status``, ``rate_limit``, ``latency``, ``hang``, ``drop``, ``drop_after_commit``,
            ``disconnect``.
        path: a glob matched against the request path (``*`` also matches ``/``).
        method: an HTTP method to match, or None for any.
        times: how many matching requests the rule applies to; ``0`` or None means forever.
        status: the status of a ``status`` answer, 200 to 599 (non-standard ones such as 520 or 561
            included).
        body: the body of a ``status`` answer (text); none for 204 and 304.
        content_type: the content type of a ``status`` answer.
        headers: extra headers of a ``status`` or ``rate_limit`` answer.
        reset_form: ``ms`` (general limiter) or ``seconds`` (batch limiter), for ``rate_limit``.
        retry_after: seconds to put in ``Retry-After`` (``rate_limit``), or None.
        reset_in_s: seconds until the rate limit resets (``rate_limit``).
        limit: the limit reported by a ``rate_limit`` answer.
        seconds: how long a ``latency`` rule waits, or a ``disconnect`` rule lets the answer through, in
            seconds.
        id: the rule id (``fault_<n>``).
        hits: how many requests the rule has applied to so far.
    """

    action: str
    path: str = "*"
    method: str | None = None
    times: int | None = 1
    status: int = 500
    body: str | None = None
    content_type: str = "application/json"
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    reset_form: str = "ms"
    retry_after: float | None = None
    reset_in_s: float = 1.0
    limit: int = DEFAULT_LIMIT
    seconds: float = 0.0
    id: str = dataclasses.field(default_factory=lambda: f"fault_{next(_ids)}")
    hits: int = 0

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown fault action {self.action!r}; expected one of {', '.join(ACTIONS)}")
        if self.reset_form not in RESET_FORMS:
            raise ValueError(f"reset_form must be 'ms' or 'seconds', got {self.reset_form!r}")
        if self.times is not None and self.times < 0:
            raise ValueError(f"times must not be negative, got {self.times}")
        self.status = _checked_status(self.status)
        if self.status in BODILESS_STATUSES and self.body:
            raise ValueError(f"a {self.status} answer has no body; leave body unset")
        if self.seconds < 0 or self.reset_in_s < 0:
            raise ValueError("seconds and reset_in_s must not be negative")
        if self.method is not None:
            self.method = self.method.upper()
        self.headers = {str(k): str(v) for k, v in dict(self.headers).items()}

    def matches(self, method: str, path: str) -> bool:
        """Whether the rule applies to a request (ignoring how many uses are left)."""
        if self.method is not None and self.method != method.upper():
            return False
        return fnmatch.fnmatchcase(path, self.path)

    @property
    def exhausted(self) -> bool:
        """True once the rule has applied ``times`` times."""
        return bool(self.times) and self.hits >= (self.times or 0)

    def as_json(self) -> dict[str, Any]:
        """The rule as the control API reports it."""
        return dataclasses.asdict(self)

    def response(self) -> tuple[int, dict[str, str], bytes]:
        """The canned answer of a ``status`` or ``rate_limit`` rule: ``(status, headers, body)``."""
        if self.action == "status":
            body = self.body
            if self.status in BODILESS_STATUSES:
                body = ""
            elif body is None:
                phrase = _phrase(self.status)
                body = json.dumps({"error": phrase or f"Status {self.status}"})
            headers = {"content-type": self.content_type, **self.headers}
            return int(self.status), headers, body.encode("utf-8")
        if self.action == "rate_limit":
            return self._rate_limit_response()
        raise ValueError(f"a {self.action!r} rule has no canned response")

    def _rate_limit_response(self) -> tuple[int, dict[str, str], bytes]:
        now_ms = int(time.time() * 1000)
        reset_ms = now_ms + round(self.reset_in_s * 1000)
        headers: dict[str, str]
        if self.reset_form == "ms":
            seconds = self.reset_in_s if not float(self.reset_in_s).is_integer() else int(self.reset_in_s)
            detail = f"Rate limit exceeded 0/{self.limit} requests remaining. Retry in {seconds} seconds."
            problem = {
                "title": "Rate Limit Exceeded",
                "status": 429,
                "type": "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429",
                "detail": detail,
                "reset": reset_ms,
                "limit": self.limit,
                "remaining": 0,
                "secondsUntilReset": seconds,
                "error": detail,
            }
            headers = {
                "content-type": "application/problem+json; charset=utf-8",
                "x-ratelimit-limit": str(self.limit),
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(reset_ms),
            }
            if self.retry_after is not None:
                headers["retry-after"] = _seconds_text(self.retry_after)
            headers.update(self.headers)
            return 429, headers, json.dumps(problem, indent=2).encode("utf-8")
        message = f"Batch rate limit exceeded. Limit resets at {iso_ms(reset_ms)}"
        retry_after = self.retry_after if self.retry_after is not None else max(1, math.ceil(self.reset_in_s))
        headers = {
            "content-type": "application/json",
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(reset_ms // 1000),
            "Retry-After": _seconds_text(retry_after),
            **self.headers,
        }
        return 429, headers, json.dumps({"error": message}).encode("utf-8")


def _checked_status(status: object) -> int:
    """A ``status`` field as an int; ValueError unless it is a whole number from 200 to 599."""
    number: int | None = None
    if isinstance(status, int) and not isinstance(status, bool):
        number = status
    elif isinstance(status, float) and status.is_integer():
        number = int(status)
    elif isinstance(status, str) and status.strip().isascii() and status.strip().isdigit():
        number = int(status.strip())
    if number is None or not MIN_STATUS <= number <= MAX_STATUS:
        raise ValueError(
            f"status must be an HTTP status from {MIN_STATUS} to {MAX_STATUS} (a 1xx status or one above "
            f"{MAX_STATUS} cannot be sent as an answer), got {status!r}"
        )
    return number


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _seconds_text(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else str(seconds)


_FIELDS = {field.name for field in dataclasses.fields(FaultRule)} - {"id", "hits"}


def _new_rule(action: str, fields: Mapping[str, Any]) -> FaultRule:
    unknown = set(fields) - _FIELDS
    if unknown:
        raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
    return FaultRule(action=action, **fields)


def _rule_from_json(spec: Mapping[str, Any]) -> FaultRule:
    if not isinstance(spec, Mapping):
        raise ValueError("a fault is a JSON object with at least an 'action'")
    fields = dict(spec)
    action = fields.pop("action", None)
    if not isinstance(action, str):
        raise ValueError("a fault needs an 'action'")
    try:
        return _new_rule(action, fields)
    except TypeError as exc:
        raise ValueError(str(exc)) from exc


class FaultSet:
    """The active fault rules, checked in the order they were added. Thread-safe."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def add(self, action: str, **fields: Any) -> FaultRule:
        """Add a rule.

        Args:
            action: ``status``, ``rate_limit``, ``latency``, ``hang``, ``drop``, ``drop_after_commit`` or
                ``disconnect``.
            **fields: any of ``path``, ``method``, ``times``, ``status``, ``body``, ``content_type``,
                ``headers``, ``reset_form``, ``retry_after``, ``reset_in_s``, ``limit``, ``seconds``
                (see :class:`FaultRule`).

        Returns:
            The new rule.

        Raises:
            ValueError: for an unknown action or field, or an invalid value.
        """
        rule = _new_rule(action, fields)
        with self._lock:
            self._rules.append(rule)
        return rule

    def add_json(self, spec: Mapping[str, Any]) -> FaultRule:
        """Add a rule from the JSON object of ``POST /__emulator/faults`` (same field names).

        Raises:
            ValueError: for a missing or unknown action, unknown fields or invalid values.
        """
        return self.add_json_all([spec])[0]

    def add_json_all(self, specs: Sequence[Mapping[str, Any]]) -> list[FaultRule]:
        """Add several rules from JSON objects, all or none: one invalid object adds no rule.

        Raises:
            ValueError: for a missing or unknown action, unknown fields or invalid values in any object.
        """
        rules = [_rule_from_json(spec) for spec in specs]
        with self._lock:
            self._rules.extend(rules)
        return rules

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first live rule matching a request, counting this use of it; None when none matches."""
        with self._lock:
            for rule in self._rules:
                if not rule.exhausted and rule.matches(method, path):
                    rule.hits += 1
                    return rule
        return None

    def remove(self, rule: FaultRule) -> None:
        """Remove one rule (no error if it is already gone)."""
        with self._lock:
            self._rules = [r for r in self._rules if r is not rule]

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> list[FaultRule]:
        """A copy of the rules, in the order they are checked."""
        with self._lock:
            return list(self._rules)

    def __len__(self) -> int:
        with self._lock:
            return len(self._rules)
