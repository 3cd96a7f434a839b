"""Schedules: the ``/api/v1/schedules`` routes, ``/api/v1/timezones``, and triggering runs on time.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.schedules*.ts``,
``v3/services/upsertTaskSchedule.server.ts``, ``checkSchedule.server.ts``, the schedule presenters and the
schedule engine in ``internal-packages/schedule-engine``):

* create is an upsert on ``deduplicationKey``; update (``PUT``) replaces the cron expression, time zone
  (default ``UTC``), external id and window, but keeps the schedule's task; an id that matches no schedule
  makes ``PUT`` create a new one, as on the server. An id is a ``sched_…`` id, or else a deduplication key.
* the task must be registered and declared scheduled (``Emulator.task(..., scheduled=True)``).
* when the virtual clock reaches an occurrence, an active schedule triggers its task with the
  scheduled-task payload (``scheduleId``, ``type``, ``timestamp``, ``lastTimestamp``, ``externalId``,
  ``timezone``, ``upcoming``: the next ten occurrences) as superjson; an inactive one skips it. After a
  jump of the clock over several occurrences only the first is triggered, then the schedule continues from
  the next occurrence after now (the server's catch-up rule).

Run times come from :func:`trigger_client._cron.parse_cron`, read in the schedule's time zone.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import math
import re
import secrets
import string
from collections.abc import Mapping
from typing import Any

from trigger_client._cron import CronSchedule, parse_cron

from . import _packets as packets
from . import _shapes as shapes
from ._clock import VirtualClock
from ._crondescription import describe_cron
from ._cronvalidation import CronExpressionError, check_cron
from ._durations import iso_ms
from ._engine import Engine
from ._service import ApiError, Environment, Response, TriggerService
from ._store import ScheduleRecord, Store, new_id
from ._timezones import is_valid_timezone, timezones

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
UPCOMING_COUNT = 10
"""The scheduled-task payload lists this many upcoming occurrences."""
MINIMUM_RANGE_MS = 60_000
"""Every schedule's effective time lies within one minute (or its window) after the nominal time."""
PHASE_DENOMINATOR = 2**31
MAX_WINDOW_SECONDS = 24 * 3600
APP_ORIGIN = "https://cloud.trigger.dev"
"""Named in the "Invalid IANA timezone" message, as Trigger.dev Cloud names itself."""
SOMETHING_WENT_WRONG = "Something went wrong, please try again."

_NANOID_ALPHABET = string.ascii_letters + string.digits + "_-"
_JS_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_JS_NON_DECIMAL = re.compile(r"^0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$")
_JS_SPACE = (
    " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""What JavaScript's ``String.prototype.trim`` removes."""


class ScheduleService:
    """The schedule routes of the emulated environment, and the firing of due schedules."""

    def __init__(
        self,
        store: Store,
        engine: Engine,
        clock: VirtualClock,
        environment: Environment,
        runs: TriggerService,
    ) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: where schedules (and the runs they trigger) are kept.
            engine: the registered tasks, and the run lifecycle to wake after triggering.
            clock: the virtual clock.
            environment: the environment the schedules belong to.
            runs: creates the runs schedules trigger.
        """
        self.store = store
        self.engine = engine
        self.clock = clock
        self.environment = environment
        self.runs = runs
        self._phase_secret = environment.api_key.encode("utf-8")

    # Routes

    def create(self, body: Any) -> Response:
        """``POST /api/v1/schedules`` (after authentication): create, or update the schedule with the same
        ``deduplicationKey``.

        Raises:
            ApiError: 400 ``Invalid request body`` with zod issues; 422 for an invalid cron expression or
                time zone, or a task that is missing or not scheduled; 500 for an expression the server
                cannot describe or that never runs.
        """
        _check_body(body, with_key=True)
        return self._upsert(body, None)

    def update(self, schedule_id: str, body: Any) -> Response:
        """``PUT /api/v1/schedules/{id}``: replace cron, time zone, external id and window (not the task).

        An id that matches no schedule creates a new one (with a generated deduplication key), as the
        server's upsert does.

        Raises:
            ApiError: as :meth:`create`.
        """
        _check_body(body, with_key=False)
        return self._upsert(body, schedule_id)

    def list_schedules(self, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/schedules``: one offset page, newest first.

        Raises:
            ApiError: 400 ``Invalid request parameters`` with zod issues for a ``page`` or ``perPage`` that
                is not a positive integer.
        """
        issues: list[dict[str, Any]] = []
        page = _positive_int(query.get("page"), "page", issues)
        per_page = _positive_int(query.get("perPage"), "perPage", issues)
        if issues:
            raise ApiError(400, {"error": "Invalid request parameters", "issues": issues})
        page = page or 1
        size = min(per_page, MAX_PAGE_SIZE) if per_page else DEFAULT_PAGE_SIZE
        now = self.clock.now_ms()
        with self.store.transaction():
            count = self.store.count_schedules()
            offset = (page - 1) * size
            records = self.store.list_schedules(limit=size, offset=offset) if offset < count else []
        environment = {
            "id": self.environment.id,
            "type": self.environment.type,
            "slug": self.environment.slug,
            "userName": self.environment.user,
        }
        data = []
        for schedule in records:
            next_run = self._next_run(schedule, now) or now
            data.append(
                shapes.listed_schedule(schedule, next_run, self._effective(schedule, next_run), environment)
            )
        pagination = {"currentPage": page, "totalPages": math.ceil(count / size), "count": count}
        return 200, {"data": data, "pagination": pagination}, {}

    def retrieve(self, schedule_id: str) -> Response:
        """``GET /api/v1/schedules/{id}``.

        Raises:
            ApiError: 404 ``Schedule not found``.
        """
        return 200, self._viewed(self._find(schedule_id)), {}

    def delete(self, schedule_id: str) -> Response:
        """``DELETE /api/v1/schedules/{id}`` → ``{"id"}``; the schedule's runs stay.

        Raises:
            ApiError: 404 ``Schedule not found``.
        """
        with self.store.transaction():
            schedule = self._find(schedule_id)
            self.store.delete_schedule(schedule.id)
        return 200, {"id": schedule.id}, {}

    def set_active(self, schedule_id: str, active: bool) -> Response:
        """``POST /api/v1/schedules/{id}/activate`` and ``…/deactivate``.

        Only the flag changes: the schedule keeps its place in time, skipping occurrences while inactive.

        Raises:
            ApiError: 404 ``Schedule not found``.
        """
        with self.store.transaction():
            schedule = self._find(schedule_id)
            self.store.update_schedule(schedule.id, active=active, updated_at=self.clock.now_ms())
            updated = self.store.get_schedule(schedule.id)
        assert updated is not None
        return 200, self._viewed(updated), {}

    @staticmethod
    def timezones(query: Mapping[str, str]) -> Response:
        """``GET /api/v1/timezones``: ``UTC`` then the IANA names; ``excludeUtc=true`` leaves ``UTC`` out."""
        return 200, {"timezones": timezones(include_utc=query.get("excludeUtc") != "true")}, {}

    # Upsert

    def _upsert(self, body: dict[str, Any], schedule_id: str | None) -> Response:
        cron: str = body["cron"]
        task: str = body["task"]
        timezone: str | None = body.get("timezone")
        window: str | None = body.get("window")
        try:
            check = check_cron(cron)
        except CronExpressionError as exc:
            raise _error(422, f"Invalid cron expression: {exc}") from None
        if timezone and not is_valid_timezone(timezone):
            raise _error(
                422,
                f"Invalid IANA timezone: '{timezone}'. View the list of valid timezones at "
                f"{APP_ORIGIN}/timezones",
            )
        definition = self.engine.task(task)
        if definition is None:
            raise _error(422, f"Task with identifier {task} not found in project.")
        if not definition.scheduled:
            raise _error(422, f"Task with identifier {task} is not a scheduled task.")
        if check.field_count == 5 and check.computable is None:
            raise _error(
                422,
                "Invalid cron expression: the emulator cannot compute run times for 'L' or '#' fields",
            )
        if check.computable is None:
            # The server's description library needs five fields, and the failure is not a validation
            # error: the route answers 500.
            raise _error(500, SOMETHING_WENT_WRONG)
        zone = timezone if timezone is not None else "UTC"
        try:
            generator = parse_cron(check.computable)
        except ValueError:  # pragma: no cover - check_cron only passes expressions parse_cron reads
            raise _error(500, SOMETHING_WENT_WRONG) from None
        now = self.clock.now_ms()
        if not zone or _next_after(generator, zone, now) is None:
            # An empty time zone, or an expression that never runs (``0 0 31 4,6 *``): the server's cron
            # library throws while registering the schedule (500).
            raise _error(500, SOMETHING_WENT_WRONG)
        # The update body has no deduplicationKey (zod drops unknown keys): a new schedule made by PUT gets
        # a generated one.
        key = body.get("deduplicationKey") if schedule_id is None else None
        window_seconds, window_percentage = _window_fields(window)
        fields: dict[str, Any] = {
            "cron": cron,
            "description": describe_cron(cron),
            "timezone": zone,
            "external_id": body.get("externalId") or None,
            "window_duration_s": window_seconds,
            "window_percentage": window_percentage,
        }
        with self.store.transaction():
            if schedule_id is not None:
                existing = self._lookup(schedule_id)
            else:
                existing = self.store.find_schedule_by_key(key) if key else None
            if existing is None:
                record = self.store.insert_schedule(
                    id=new_id("sched"),
                    task=task,
                    type="IMPERATIVE",
                    active=True,
                    deduplication_key=key if isinstance(key, str) and key else _nanoid(),
                    user_provided_key=isinstance(key, str) and key != "",
                    created_at=now,
                    updated_at=now,
                    next_fire_at=_next_after(generator, zone, now),
                    last_fired_at=None,
                    **fields,
                )
            else:
                if existing.type == "DECLARATIVE":  # pragma: no cover - the emulator has none
                    raise _error(422, "Cannot update a declarative schedule")
                changed = (
                    existing.cron != cron
                    or existing.timezone != zone
                    or existing.window_duration_s != window_seconds
                    or existing.window_percentage != window_percentage
                )
                if changed:
                    # Registered again from now; its next run reports the cron's previous occurrence as
                    # lastTimestamp when that falls after the schedule was created.
                    fields["next_fire_at"] = _next_after(generator, zone, now)
                    fields["last_fired_at"] = _previous_before(generator, zone, now, existing.created_at)
                self.store.update_schedule(existing.id, updated_at=now, **fields)
                updated = self.store.get_schedule(existing.id)
                assert updated is not None
                record = updated
        self.engine.wake()
        next_run = self._next_run(record, now)
        assert next_run is not None
        environment = {
            "id": self.environment.id,
            "shortcode": self.environment.shortcode,
            "type": self.environment.type,
            "userName": self.environment.user,
        }
        return (
            200,
            shapes.upserted_schedule(record, next_run, self._effective(record, next_run), environment),
            {},
        )

    # Lookups and times

    def _lookup(self, schedule_id: str) -> ScheduleRecord | None:
        """A ``sched_…`` id is looked up as an id; anything else as a deduplication key."""
        if schedule_id.startswith("sched_"):
            return self.store.get_schedule(schedule_id)
        return self.store.find_schedule_by_key(schedule_id)

    def _find(self, schedule_id: str) -> ScheduleRecord:
        schedule = self._lookup(schedule_id)
        if schedule is None:
            raise _error(404, "Schedule not found")
        return schedule

    def _viewed(self, schedule: ScheduleRecord) -> dict[str, Any]:
        next_run = self._next_run(schedule, self.clock.now_ms()) if schedule.active else None
        effective = self._effective(schedule, next_run) if next_run is not None else None
        environment = {"id": self.environment.id, "type": self.environment.type}
        return shapes.viewed_schedule(schedule, next_run, effective, environment)

    def _generator(self, schedule: ScheduleRecord) -> CronSchedule | None:
        try:
            check = check_cron(schedule.cron)
            return parse_cron(check.computable) if check.computable else None
        except ValueError:  # pragma: no cover - stored expressions were checked
            return None

    def _next_run(self, schedule: ScheduleRecord, now: int) -> int | None:
        """The first occurrence strictly after ``now`` (epoch ms), or None."""
        generator = self._generator(schedule)
        return None if generator is None else _next_after(generator, schedule.timezone, now)

    def _effective(self, schedule: ScheduleRecord, nominal: int) -> int:
        """``nextRunEffectiveAt``: the nominal time plus the schedule's stable offset.

        The offset is a fixed fraction (the schedule's phase, from an HMAC of its environment and
        deduplication key) of one minute, or of its window (capped at the interval to the next
        occurrence). The server keys the HMAC with its own secret; the emulator uses the API key.
        """
        generator = self._generator(schedule)
        following = _next_after(generator, schedule.timezone, nominal) if generator else None
        interval = following - nominal if following is not None else MINIMUM_RANGE_MS
        window_ms = 0
        if schedule.window_percentage is not None:
            window_ms = interval * schedule.window_percentage // 100
        elif schedule.window_duration_s is not None:
            window_ms = schedule.window_duration_s * 1000
        span = min(interval, max(MINIMUM_RANGE_MS, window_ms))
        return nominal + self._phase(schedule) * span // PHASE_DENOMINATOR

    def _phase(self, schedule: ScheduleRecord) -> int:
        message = json.dumps(
            ["cron-phase-v1", self.environment.id, schedule.deduplication_key],
            separators=(",", ":"),
            ensure_ascii=False,
        )
        digest = hmac.new(self._phase_secret, message.encode("utf-8"), hashlib.sha256).digest()
        return int.from_bytes(digest[:4], "big") & (PHASE_DENOMINATOR - 1)

    # Firing

    def fire_due(self) -> int | None:
        """Act on every schedule whose next occurrence has come: trigger a run if it is active, skip the
        occurrence if not, and move it to its next occurrence.

        Safe to call from any thread (the scheduler calls it on every pass, ``Emulator.advance`` right
        after moving the clock).

        Returns:
            The virtual-clock instant (epoch ms) of the next occurrence of any schedule, or None.
        """
        now = self.clock.now_ms()
        triggered = False
        with self.store.transaction():
            for schedule in self.store.due_schedules(now):
                triggered = self._fire(schedule, now) or triggered
            due = self.store.next_schedule_due_ms()
        if triggered:
            self.engine.wake()
        return due

    def _fire(self, schedule: ScheduleRecord, now: int) -> bool:
        exact = schedule.next_fire_at
        assert exact is not None
        generator = self._generator(schedule)
        following = _resume_after(generator, schedule.timezone, exact, now) if generator else None
        last = schedule.last_fired_at
        triggered = False
        if schedule.active and following is not None and generator is not None:
            upcoming = [following]
            while len(upcoming) < UPCOMING_COUNT:
                after = _next_after(generator, schedule.timezone, upcoming[-1])
                if after is None:
                    break
                upcoming.append(after)
            payload = _scheduled_payload(schedule, exact, last, upcoming)
            self.runs.trigger_scheduled(
                schedule.task, payload, schedule_id=schedule.id, created_at=exact, now=now
            )
            last = exact
            triggered = True
        self.store.update_schedule(schedule.id, next_fire_at=following, last_fired_at=last)
        return triggered


def _error(status: int, message: str) -> ApiError:
    return ApiError(status, {"error": message})


def _nanoid() -> str:
    return "".join(secrets.choice(_NANOID_ALPHABET) for _ in range(24))


# Times (epoch milliseconds)


def _to_datetime(epoch_ms: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(epoch_ms / 1000, tz=datetime.UTC)


def _to_ms(moment: datetime.datetime) -> int:
    return round(moment.timestamp() * 1000)


def _next_after(generator: CronSchedule, timezone: str, epoch_ms: int) -> int | None:
    """The first occurrence strictly after ``epoch_ms``, or None (none within five years, bad zone)."""
    try:
        moment = generator.next_after(_to_datetime(epoch_ms), timezone)
    except (ValueError, KeyError):  # zoneinfo refuses an empty or unknown zone name
        return None
    return None if moment is None else _to_ms(moment)


def _resume_after(generator: CronSchedule, timezone: str, exact: int, now: int) -> int | None:
    """The occurrence a schedule moves to after acting on ``exact`` at ``now``.

    The one after ``exact`` if it has not passed; otherwise one exactly at ``now``, or else the first after
    ``now`` (``calculateNextSchedulableOccurrence`` with the cron spread off).
    """
    following = _next_after(generator, timezone, exact)
    if following is None or following >= now:
        return following
    return _next_after(generator, timezone, now - 1)


def _previous_before(generator: CronSchedule, timezone: str, before: int, after: int) -> int | None:
    """The last occurrence strictly before ``before`` if it is strictly after ``after``, else None."""
    for reach_ms in (60_000, 3_600_000, 86_400_000, 32 * 86_400_000, 400 * 86_400_000, 6 * 366 * 86_400_000):
        start = max(after, before - reach_ms)
        found = _next_after(generator, timezone, start)
        if found is not None and found < before:
            while True:
                following = _next_after(generator, timezone, found)
                if following is None or following >= before:
                    return found
                found = following
        if start == after:
            return None
    return None


def _scheduled_payload(schedule: ScheduleRecord, exact: int, last: int | None, upcoming: list[int]) -> str:
    """The scheduled-task payload as the server stores it: superjson, dates as ISO strings.

    ``undefined`` values (no ``lastTimestamp`` before the first run, no ``externalId``) are ``null`` in
    ``json`` and ``"undefined"`` in ``meta``, as superjson writes them.
    """
    value: dict[str, Any] = {
        "scheduleId": schedule.id,
        "type": schedule.type,
        "timestamp": iso_ms(exact),
        "lastTimestamp": None if last is None else iso_ms(last),
        "externalId": schedule.external_id,
        "timezone": schedule.timezone,
        "upcoming": [iso_ms(moment) for moment in upcoming],
    }
    meta: dict[str, list[str]] = {"timestamp": ["Date"]}
    meta["lastTimestamp"] = ["undefined"] if last is None else ["Date"]
    if schedule.external_id is None:
        meta["externalId"] = ["undefined"]
    for index in range(len(upcoming)):
        meta[f"upcoming.{index}"] = ["Date"]
    return packets.to_json_text({"json": value, "meta": {"values": meta}})


# Request validation (zod 3 issues, as the routes return them)


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_issue(path: list[str], expected: str, value: Any, *, missing: bool = False) -> dict[str, Any]:
    received = "undefined" if missing else _type_of(value)
    message = "Required" if missing else f"Expected {expected}, received {received}"
    return {
        "code": "invalid_type",
        "expected": expected,
        "received": received,
        "path": path,
        "message": message,
    }


def _check_body(body: Any, *, with_key: bool) -> None:
    """Validate ``CreateScheduleOptions`` (or ``UpdateScheduleOptions``, without the key) like zod 3."""
    issues: list[dict[str, Any]] = []
    if not isinstance(body, dict):
        issues.append(_type_issue([], "object", body))
    else:
        names = ["task", "cron", "deduplicationKey"] if with_key else ["task", "cron"]
        for name in names:
            if name not in body:
                issues.append(_type_issue([name], "string", None, missing=True))
            elif not isinstance(body[name], str):
                issues.append(_type_issue([name], "string", body[name]))
        for name in ("externalId", "timezone", "window"):
            value = body.get(name, _ABSENT)
            if value is _ABSENT:
                continue
            if not isinstance(value, str):
                issues.append(_type_issue([name], "string", value))
            elif name == "window":
                problem = _window_problem(value)
                if problem:
                    issues.append({"code": "custom", "message": problem, "path": ["window"]})
    if issues:
        raise ApiError(400, {"error": "Invalid request body", "issues": issues})


_ABSENT: Any = object()


def _window_problem(window: str) -> str | None:
    """Why a ``window`` is refused (``parseScheduleWindow``), or None when it is valid."""
    duration = re.fullmatch(r"(0|[1-9][0-9]*)([mh])", window)
    if duration:
        seconds = int(duration.group(1)) * (60 if duration.group(2) == "m" else 3600)
        return "Schedule window duration cannot exceed 24 hours" if seconds > MAX_WINDOW_SECONDS else None
    percentage = re.fullmatch(r"(0|[1-9][0-9]*)%", window)
    if percentage:
        return "Schedule window percentage cannot exceed 100%" if int(percentage.group(1)) > 100 else None
    return 'Schedule window must be a whole duration such as "30m" or "2h", or a percentage such as "30%"'


def _window_fields(window: str | None) -> tuple[int | None, int | None]:
    """``(windowDurationSeconds, windowPercentage)`` of a valid window (both None without one)."""
    if window is None:
        return None, None
    if window.endswith("%"):
        return None, int(window[:-1])
    return int(window[:-1]) * (60 if window.endswith("m") else 3600), None


def _positive_int(raw: str | None, name: str, issues: list[dict[str, Any]]) -> int | None:
    """``z.coerce.number().int().positive().optional()`` on a query parameter (JavaScript ``Number()``)."""
    if raw is None:
        return None
    number = _js_number(raw)
    if math.isnan(number):
        issues.append(
            {
                "code": "invalid_type",
                "expected": "number",
                "received": "nan",
                "path": [name],
                "message": "Expected number, received nan",
            }
        )
        return None
    valid = True
    if not (math.isfinite(number) and number.is_integer()):
        issues.append(
            {
                "code": "invalid_type",
                "expected": "integer",
                "received": "float",
                "message": "Expected integer, received float",
                "path": [name],
            }
        )
        valid = False
    if not number > 0:
        issues.append(
            {
                "code": "too_small",
                "minimum": 0,
                "type": "number",
                "inclusive": False,
                "exact": False,
                "message": "Number must be greater than 0",
                "path": [name],
            }
        )
        valid = False
    return int(number) if valid else None


def _js_number(text: str) -> float:
    """JavaScript's ``Number(text)``."""
    stripped = text.strip(_JS_SPACE)
    if not stripped:
        return 0.0
    if _JS_NUMBER.match(stripped):
        return float(stripped)
    if _JS_NON_DECIMAL.match(stripped):
        return float(int(stripped, 0))
    sign, _, rest = stripped.rpartition("Infinity")
    if rest == "" and sign in ("", "+", "-"):
        return -math.inf if sign == "-" else math.inf
    return math.nan
