"""``client.schedules``: imperative cron schedules of scheduled tasks, and the time zones they accept."""

from __future__ import annotations

import builtins
import functools
import re
import zoneinfo
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.schedules import (
    activate_schedule,
    create_schedule,
    deactivate_schedule,
    delete_schedule,
    list_schedules,
    list_timezones,
    retrieve_schedule,
    update_schedule,
)
from trigger_api.models.create_schedule_request_body import CreateScheduleRequestBody
from trigger_api.models.list_schedules_response import ListSchedulesResponse
from trigger_api.models.schedule import Schedule
from trigger_api.models.schedule_id_response import ScheduleIdResponse
from trigger_api.models.timezones_response import TimezonesResponse
from trigger_api.models.update_schedule_request_body import UpdateScheduleRequestBody

from ... import _validation as check
from ..._cron import parse_cron
from ..._error_hook import reports_errors
from ..._exceptions import ValidationError
from ..._types import RequestOptions
from .._pagination import AsyncOffsetPager, offset_pager

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncSchedules"]


@reports_errors
class AsyncSchedules:
    """Cron schedules that trigger scheduled tasks (``schedules.task()`` in the TypeScript SDK).
    Reached as ``client.schedules``."""

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    async def create(
        self,
        task_id: str,
        cron: str,
        *,
        deduplication_key: str,
        external_id: str | None = None,
        timezone: str | None = None,
        window: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> Schedule:
        """Create a schedule, or update the one with the same deduplication key. Calls
        ``POST /api/v1/schedules``.

        Args:
            task_id: The identifier of a scheduled task.
            cron: Five fields: minute hour day-of-month month day-of-week (``"0 * * * *"``: hourly).
            deduplication_key: Creating again with the same key updates that schedule (an upsert).
            external_id: Your own id (a user or tenant), passed to each run's payload.
            timezone: An IANA time zone the cron expression is read in (default UTC).
            window: Spread each run's start over this window: whole minutes or hours up to ``24h``
                (``"30m"``, ``"2h"``) or a percentage of the interval (``"50%"``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The schedule (``id`` is ``sched_…``; ``next_run`` is when it triggers next).

        Raises:
            ValidationError: a malformed cron expression or an unknown time zone, before sending; or the
                server's 422 (unknown task, not a scheduled task, schedule limit reached).
        """
        body = CreateScheduleRequestBody(
            task=check.non_empty_string(task_id, "task_id"),
            cron=parse_cron(cron).expression,
            deduplication_key=check.non_empty_string(deduplication_key, "deduplication_key", max_length=2048),
        )
        if external_id is not None:
            body.external_id = check.non_empty_string(external_id, "external_id")
        if timezone is not None:
            body.timezone = _timezone(timezone)
        if window is not None:
            body.window = _window(window)
        parsed, _headers = await self._client._call(create_schedule, Schedule, request_options, body=body)
        return parsed

    def list(
        self,
        *,
        page: int | None = None,
        per_page: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AsyncOffsetPager[Schedule]:
        """The schedules of the environment. Calls ``GET /api/v1/schedules`` once per page, as iteration
        needs them.

        Args:
            page: The page to start at, from 1 (default 1).
            per_page: Schedules per page, 1 to 100 (server default 20).
            request_options: Per-call options, for every page.

        Returns:
            A pager: iterate it for every schedule, or use ``pages()`` / ``first_page()``.

        Raises:
            ValidationError: a page number below 1 or a page size outside 1-100, at once.
        """
        return offset_pager(
            self._client, list_schedules, ListSchedulesResponse, request_options, page=page, per_page=per_page
        )

    async def retrieve(
        self, schedule_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> Schedule:
        """Retrieve a schedule. Calls ``GET /api/v1/schedules/{scheduleId}``.

        Args:
            schedule_id: The schedule id (``sched_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The schedule.

        Raises:
            NotFoundError: no such schedule in this environment.
        """
        parsed, _headers = await self._client._call(
            retrieve_schedule,
            Schedule,
            request_options,
            schedule_id=check.path_segment(schedule_id, "schedule_id"),
        )
        return parsed

    async def update(
        self,
        schedule_id: str,
        *,
        task_id: str,
        cron: str,
        external_id: str | None = None,
        timezone: str | None = None,
        window: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> Schedule:
        """Replace a schedule's cron expression, time zone, external id and window. Calls
        ``PUT /api/v1/schedules/{scheduleId}``.

        Args:
            schedule_id: The schedule id.
            task_id: The schedule's task (the server keeps the task the schedule was created for).
            cron: The new cron expression (five fields).
            external_id: Your own id, or None to leave it out.
            timezone: An IANA time zone (default UTC).
            window: Spread each run's start over this window (``"30m"``, ``"2h"``, ``"50%"``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The updated schedule.

        Raises:
            ValidationError: a malformed cron expression or unknown time zone before sending, or a 422
                (for example a declarative schedule, which cannot be updated).
            NotFoundError: no such schedule.
        """
        body = UpdateScheduleRequestBody(
            task=check.non_empty_string(task_id, "task_id"), cron=parse_cron(cron).expression
        )
        if external_id is not None:
            body.external_id = check.non_empty_string(external_id, "external_id")
        if timezone is not None:
            body.timezone = _timezone(timezone)
        if window is not None:
            body.window = _window(window)
        parsed, _headers = await self._client._call(
            update_schedule,
            Schedule,
            request_options,
            schedule_id=check.path_segment(schedule_id, "schedule_id"),
            body=body,
        )
        return parsed

    async def delete(
        self, schedule_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> ScheduleIdResponse:
        """Delete a schedule. Calls ``DELETE /api/v1/schedules/{scheduleId}``.

        Args:
            schedule_id: The schedule id.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The id of the deleted schedule (``.id``).

        Raises:
            NotFoundError: no such schedule.
        """
        parsed, _headers = await self._client._call(
            delete_schedule,
            ScheduleIdResponse,
            request_options,
            schedule_id=check.path_segment(schedule_id, "schedule_id"),
        )
        return parsed

    async def activate(
        self, schedule_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> Schedule:
        """Make a schedule trigger runs again. Calls ``POST /api/v1/schedules/{scheduleId}/activate``.

        Args:
            schedule_id: The schedule id.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The schedule, ``active`` true.

        Raises:
            NotFoundError: no such schedule.
        """
        parsed, _headers = await self._client._call(
            activate_schedule,
            Schedule,
            request_options,
            schedule_id=check.path_segment(schedule_id, "schedule_id"),
        )
        return parsed

    async def deactivate(
        self, schedule_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> Schedule:
        """Stop a schedule triggering runs (it can be activated again). Calls
        ``POST /api/v1/schedules/{scheduleId}/deactivate``.

        Args:
            schedule_id: The schedule id.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The schedule, ``active`` false.

        Raises:
            NotFoundError: no such schedule.
        """
        parsed, _headers = await self._client._call(
            deactivate_schedule,
            Schedule,
            request_options,
            schedule_id=check.path_segment(schedule_id, "schedule_id"),
        )
        return parsed

    async def timezones(
        self, *, exclude_utc: bool = False, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> builtins.list[str]:
        """The IANA time zones schedules accept. Calls ``GET /api/v1/timezones`` (which needs no key).

        Args:
            exclude_utc: Leave ``UTC`` out.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The time zone names.
        """
        if not isinstance(exclude_utc, bool):
            raise ValidationError(f"exclude_utc must be a bool, got {exclude_utc!r}", field="exclude_utc")
        parsed, _headers = await self._client._call(
            list_timezones, TimezonesResponse, request_options, exclude_utc=exclude_utc or None
        )
        return list(parsed.timezones)


@functools.cache
def _known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _timezone(value: Any) -> str:
    """An IANA time zone name; refused when this machine's time zone database does not know it."""
    name = check.non_empty_string(value, "timezone")
    known = _known_timezones()
    if known and name != "UTC" and name not in known:
        raise ValidationError(
            f"timezone {name!r} is not an IANA time zone (see client.schedules.timezones())", field="timezone"
        )
    return name


_WINDOW = re.compile(r"^(?:\d+[mh]|(?:100|\d{1,2})%)$")


def _window(value: Any) -> str:
    """A schedule window: whole minutes or hours (``30m``, ``2h``, at most ``24h``) or ``0%``-``100%``."""
    if isinstance(value, str) and _WINDOW.match(value):
        amount = int(value[:-1])
        if (
            value.endswith("%")
            or (value.endswith("m") and amount <= 24 * 60)
            or (value.endswith("h") and amount <= 24)
        ):
            return value
    raise ValidationError(
        f"window must be minutes or hours up to 24h ('30m', '2h') or a percentage ('50%'), got {value!r}",
        field="window",
    )
