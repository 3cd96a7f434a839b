"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.schedules``: imperative cron schedules of scheduled tasks, and the time zones they accept."""

from __future__ import annotations

import builtins
import functools
import re
import zoneinfo
from collections.abc import Mapping, Sequence
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
from ..._exceptions import NotFoundError, UnsupportedOperationError, ValidationError
from ..._local_annotations import (
    AnnotatedSchedule,
    LocalAnnotations,
    annotation_metadata,
    annotation_tags,
    tag_filter,
)
from ..._types import RequestOptions
from .._annotations import AnnotatedPager, Annotations
from .._pagination import OffsetPager, offset_pager

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["Schedules"]


@reports_errors
class Schedules:
    """Cron schedules that trigger scheduled tasks (``schedules.task()`` in the TypeScript SDK).
    Reached as ``client.schedules``.

    A schedule's ``tags`` and ``metadata`` are local annotations: the server has no field for them, so they
    are kept in the client's store (``cache=``: memory, or Redis shared between processes), keyed by the
    environment and the schedule id, and never sent. :meth:`create`, :meth:`update`, :meth:`retrieve` and
    :meth:`list` return :class:`AnnotatedSchedule` objects, whose ``local_annotations`` hold them;
    :meth:`delete` removes them. A payload or a machine per schedule cannot be had on v4 and raises
    :class:`UnsupportedOperationError`.
    """

    def __init__(self, client: TriggerClient) -> None:
        self._client = client

    def create(
        self,
        task_id: str,
        cron: str,
        *,
        deduplication_key: str,
        external_id: str | None = None,
        timezone: str | None = None,
        window: str | None = None,
        active: bool | None = None,
        tags: str | Sequence[str] | None = None,
        metadata: Mapping[str, Any] | None = None,
        payload: Any = None,
        machine: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AnnotatedSchedule:
        """Create a schedule, or update the one with the same deduplication key. Calls
        ``POST /api/v1/schedules``; then, when ``active`` asks for the other state than the server's answer,
        ``POST /api/v1/schedules/{scheduleId}/deactivate`` (or ``/activate``).

        Args:
            task_id: The identifier of a scheduled task.
            cron: Five fields: minute hour day-of-month month day-of-week (``"0 * * * *"``: hourly).
            deduplication_key: Creating again with the same key updates that schedule (an upsert).
            external_id: Your own id (a user or tenant), passed to each run's payload.
            timezone: An IANA time zone the cron expression is read in (default UTC).
            window: Spread each run's start over this window: whole minutes or hours up to ``24h``
                (``"30m"``, ``"2h"``) or a percentage of the interval (``"50%"``).
            active: False: the schedule is deactivated right after it is created (a new schedule is
                active otherwise). True: an inactive schedule this call updates (same deduplication key)
                is activated again. None (the default): as the server leaves it (a new schedule active,
                an updated one as it was).
            tags: Local annotation, kept in the client's store and not sent: up to 10 tags of up to 128
                characters, which ``list(tags=...)`` filters by. Replaces the schedule's stored tags
                (``[]`` removes them); None keeps them.
            metadata: Local annotation, kept in the client's store and not sent: a JSON object. Replaces
                the stored metadata (``{}`` removes it); None keeps it.
            payload: Not possible on Trigger.dev v4 (raises): a scheduled task's payload is made by the
                platform (``timestamp``, ``lastTimestamp``, ``scheduleId``, ``externalId``, ``upcoming``,
                ...). Give ``external_id`` and key per-schedule data on it in the task.
            machine: Not possible on Trigger.dev v4 (raises): the machine is set on the task in code
                (``machine: "large-1x"`` in ``schedules.task({...})``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The schedule (``id`` is ``sched_…``; ``next_run`` is when it triggers next; ``active``), with
            ``local_annotations`` (``tags``, ``metadata``) from the store.

        Raises:
            UnsupportedOperationError: ``payload`` or ``machine`` given, before anything is sent or stored.
            ValidationError: a malformed cron expression, an unknown time zone, or bad tags, metadata or
                ``active``, before sending; or the server's 422 (unknown task, not a scheduled task,
                schedule limit reached).
            StoreError: the store failed (the schedule was created, and activated or deactivated as asked;
                the annotations may be missing).
        """
        _refuse_unsupported(payload, machine)
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
        if active is not None and not isinstance(active, bool):
            raise ValidationError(f"active must be a bool or None, got {active!r}", field="active")
        new_tags, new_metadata = _annotation_arguments(tags, metadata)
        schedule, _headers = self._client._call(create_schedule, Schedule, request_options, body=body)
        if active is not None and schedule.active != active:  # before the store: its failure must not
            switch = activate_schedule if active else deactivate_schedule  # leave the schedule firing
            schedule, _headers = self._client._call(
                switch, Schedule, request_options, schedule_id=schedule.id
            )
        return AnnotatedSchedule.of(schedule, self._annotate(schedule.id, new_tags, new_metadata))

    def list(
        self,
        *,
        active: bool | None = None,
        task_id: str | None = None,
        tags: str | Sequence[str] | None = None,
        page: int | None = None,
        per_page: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> OffsetPager[AnnotatedSchedule]:
        """The schedules of the environment, with their local annotations. Calls ``GET /api/v1/schedules``
        once per page, as iteration needs them, and reads each page's annotations from the store.

        The server's list takes no filters (only ``page`` and ``perPage``): ``active``, ``task_id`` and
        ``tags`` are applied here, to each page, so iterating walks every page and yields the matching
        schedules. A page of ``pages()`` / ``first_page()`` holds only the matching schedules of that
        server page (possibly none) and keeps the server's ``count`` and ``total_pages``.

        Args:
            active: True: only active schedules; False: only inactive ones; None: both.
            task_id: Only the schedules of this task.
            tags: Only the schedules whose local tags include all of these (one tag or several).
            page: The page to start at, from 1 (default 1).
            per_page: Schedules per page, 1 to 100 (server default 20).
            request_options: Per-call options, for every page.

        Returns:
            A pager of :class:`AnnotatedSchedule`: iterate it for every matching schedule, or use
            ``pages()`` / ``first_page()``.

        Raises:
            ValidationError: a page number below 1, a page size outside 1-100, or a filter of the wrong
                type, at once.
            StoreError: (while iterating) the store failed.
        """
        if active is not None and not isinstance(active, bool):
            raise ValidationError(f"active must be a bool or None, got {active!r}", field="active")
        task = None if task_id is None else check.non_empty_string(task_id, "task_id")
        wanted = tag_filter(tags)
        annotations = Annotations.of(self._client)
        inner = offset_pager(
            self._client, list_schedules, ListSchedulesResponse, request_options, page=page, per_page=per_page
        )

        def transform(items: builtins.list[Any]) -> builtins.list[AnnotatedSchedule]:
            kept = [
                schedule
                for schedule in items
                if (active is None or schedule.active == active) and (task is None or schedule.task == task)
            ]
            return annotations.attach("schedule", kept, wanted, AnnotatedSchedule.of)

        return AnnotatedPager(inner, transform)

    def retrieve(
        self, schedule_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> AnnotatedSchedule:
        """Retrieve a schedule, with its local annotations. Calls ``GET /api/v1/schedules/{scheduleId}``,
        then reads the store.

        Args:
            schedule_id: The schedule id (``sched_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The schedule, with ``local_annotations`` (``tags``, ``metadata``).

        Raises:
            NotFoundError: no such schedule in this environment.
            StoreError: the store failed.
        """
        parsed = self._retrieve(check.path_segment(schedule_id, "schedule_id"), request_options)
        return AnnotatedSchedule.of(parsed, Annotations.of(self._client).get("schedule", parsed.id))

    def _retrieve(self, segment: str, request_options: RequestOptions | Mapping[str, Any] | None) -> Schedule:
        parsed, _headers = self._client._call(
            retrieve_schedule, Schedule, request_options, schedule_id=segment
        )
        return parsed

    def update(
        self,
        schedule_id: str,
        *,
        task_id: str | None = None,
        cron: str | None = None,
        external_id: str | None = None,
        timezone: str | None = None,
        window: str | None = None,
        tags: str | Sequence[str] | None = None,
        metadata: Mapping[str, Any] | None = None,
        payload: Any = None,
        machine: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> AnnotatedSchedule:
        """Replace a schedule's cron expression, time zone, external id and window, and change its local
        annotations. With ``task_id`` and ``cron``, calls ``PUT /api/v1/schedules/{scheduleId}``, which
        replaces the schedule: a time zone, external id or window left out is reset (UTC, none, none).
        With only ``tags`` and ``metadata``, nothing on the server changes: the schedule is retrieved
        (``GET /api/v1/schedules/{scheduleId}``) to be sure it exists. The annotations are stored after
        the server answered.

        Args:
            schedule_id: The schedule id.
            task_id: The schedule's task (the server keeps the task the schedule was created for); given
                with ``cron``, or neither.
            cron: The new cron expression (five fields); given with ``task_id``, or neither.
            external_id: Your own id, or None to leave it out (with ``task_id`` and ``cron``).
            timezone: An IANA time zone (default UTC) (with ``task_id`` and ``cron``).
            window: Spread each run's start over this window (``"30m"``, ``"2h"``, ``"50%"``) (with
                ``task_id`` and ``cron``).
            tags: Local annotation (the client's store, not sent): the new tags, ``[]`` removes them, None
                keeps them.
            metadata: Local annotation (the client's store, not sent): the new metadata, ``{}`` removes it,
                None keeps it.
            payload, machine: Not possible on Trigger.dev v4 (raise), as in :meth:`create`.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The schedule, with ``local_annotations``.

        Raises:
            UnsupportedOperationError: ``payload`` or ``machine`` given, before anything is sent.
            ValidationError: only one of ``task_id`` and ``cron``; ``external_id``, ``timezone`` or
                ``window`` without them; nothing to change; a malformed cron expression, unknown time zone,
                or bad tags or metadata, before sending; or a 422 (for example a declarative schedule,
                which cannot be updated).
            NotFoundError: no such schedule (nothing is stored).
            StoreError: the store failed (the schedule was updated).
        """
        _refuse_unsupported(payload, machine)
        segment = check.path_segment(schedule_id, "schedule_id")
        new_tags, new_metadata = _annotation_arguments(tags, metadata)
        if task_id is None and cron is None:
            if external_id is not None or timezone is not None or window is not None:
                raise ValidationError(
                    "external_id, timezone and window are changed by replacing the schedule: give task_id "
                    "and cron too",
                    field="cron",
                )
            if new_tags is None and new_metadata is None:
                raise ValidationError(
                    "nothing to change: give task_id and cron (the server's schedule), tags or metadata",
                    field="cron",
                )
            parsed = self._retrieve(segment, request_options)
            return AnnotatedSchedule.of(parsed, self._annotate(parsed.id, new_tags, new_metadata))
        if task_id is None or cron is None:
            raise ValidationError(
                "give both task_id and cron: the server replaces the whole schedule", field="task_id"
            )
        body = UpdateScheduleRequestBody(
            task=check.non_empty_string(task_id, "task_id"), cron=parse_cron(cron).expression
        )
        if external_id is not None:
            body.external_id = check.non_empty_string(external_id, "external_id")
        if timezone is not None:
            body.timezone = _timezone(timezone)
        if window is not None:
            body.window = _window(window)
        parsed, _headers = self._client._call(
            update_schedule, Schedule, request_options, schedule_id=segment, body=body
        )
        return AnnotatedSchedule.of(parsed, self._annotate(parsed.id, new_tags, new_metadata))

    def _annotate(
        self, schedule_id: str, tags: tuple[str, ...] | None, metadata: dict[str, Any] | None
    ) -> LocalAnnotations:
        """Store the given annotations of a schedule (None: keep); return all of them."""
        annotations = Annotations.of(self._client)
        if tags is None and metadata is None:
            return annotations.get("schedule", schedule_id)
        return annotations.update("schedule", schedule_id, tags=tags, metadata=metadata)

    def delete(
        self, schedule_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> ScheduleIdResponse:
        """Delete a schedule and its local annotations. Calls ``DELETE /api/v1/schedules/{scheduleId}``,
        then deletes the annotations from the store (also when the server answers 404: there is no such
        schedule left to annotate).

        Args:
            schedule_id: The schedule id (or its deduplication key, which the server also takes).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The id of the deleted schedule (``.id``).

        Raises:
            NotFoundError: no such schedule.
            StoreError: the store failed (the schedule was deleted).
        """
        segment = check.path_segment(schedule_id, "schedule_id")
        annotations = Annotations.of(self._client)
        try:
            parsed, _headers = self._client._call(
                delete_schedule,
                ScheduleIdResponse,
                request_options,
                idempotent=False,  # a repeat after the delete is a 404: not resent
                schedule_id=segment,
            )
        except NotFoundError:
            annotations.delete("schedule", segment)
            raise
        annotations.delete("schedule", parsed.id)  # the id: a deduplication key also reaches it
        return parsed

    def activate(
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
        parsed, _headers = self._client._call(
            activate_schedule,
            Schedule,
            request_options,
            schedule_id=check.path_segment(schedule_id, "schedule_id"),
        )
        return parsed

    def deactivate(
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
        parsed, _headers = self._client._call(
            deactivate_schedule,
            Schedule,
            request_options,
            schedule_id=check.path_segment(schedule_id, "schedule_id"),
        )
        return parsed

    def timezones(
        self, *, exclude_utc: bool = False, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> builtins.list[str]:
        """The IANA time zones schedules accept. Calls ``GET /api/v1/timezones`` (which needs no key).

        Args:
            exclude_utc: Leave ``UTC`` out.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The time zone names.

        Raises:
            ValidationError: ``exclude_utc`` that is not a bool, before sending.
        """
        if not isinstance(exclude_utc, bool):
            raise ValidationError(f"exclude_utc must be a bool, got {exclude_utc!r}", field="exclude_utc")
        parsed, _headers = self._client._call(
            list_timezones, TimezonesResponse, request_options, exclude_utc=exclude_utc or None
        )
        return list(parsed.timezones)


def _refuse_unsupported(payload: Any, machine: Any) -> None:
    """Refuse what a Trigger.dev v4 schedule cannot carry, naming the v4 way.

    Raises:
        UnsupportedOperationError: ``payload`` or ``machine`` is not None.
    """
    if payload is not None:
        raise UnsupportedOperationError(
            "Trigger.dev v4 schedules cannot carry a payload: the platform makes each scheduled run's "
            "payload (timestamp, lastTimestamp, scheduleId, externalId, upcoming, ...). Give the schedule "
            "external_id=... and look your per-schedule data up by payload.externalId in the task"
        )
    if machine is not None:
        raise UnsupportedOperationError(
            "Trigger.dev v4 schedules cannot choose a machine: it is set on the task in code "
            '(machine: "large-1x" in schedules.task({...})) and deployed'
        )


def _annotation_arguments(tags: Any, metadata: Any) -> tuple[tuple[str, ...] | None, dict[str, Any] | None]:
    """``tags`` and ``metadata`` of a schedule, checked (None: not given).

    Raises:
        ValidationError: bad tags or metadata.
    """
    return (
        None if tags is None else annotation_tags(tags, "a schedule"),
        None if metadata is None else annotation_metadata(metadata),
    )


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


_WINDOW = re.compile(r"(?:[0-9]+[mh]|(?:100|[0-9]{1,2})%)")


def _window(value: Any) -> str:
    """A schedule window: whole minutes or hours (``30m``, ``2h``, at most ``24h``) or ``0%``-``100%``."""
    if isinstance(value, str) and _WINDOW.fullmatch(value):
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
