"""The filters of the run list, checked in one place: ``runs.list`` sends them as ``filter[…]`` query
parameters, a bulk action as the ``filter`` object of its body (where a single value stays a single
value and a list stays a list, as the official SDK sends what it is given)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from . import _validation as check
from ._exceptions import ValidationError

if TYPE_CHECKING:
    from trigger_api.models.bulk_action_filter import BulkActionFilter

__all__ = [
    "FILTER_NAMES",
    "RunFilter",
    "StringFilter",
    "body_filter",
    "check_filter",
    "joined_values",
    "query_params",
]

StringFilter = str | Sequence[str]
"""One value or several."""

FILTER_NAMES = (
    "status",
    "task_identifier",
    "version",
    "tag",
    "bulk_action",
    "schedule",
    "batch",
    "is_test",
    "from_",
    "to",
    "period",
    "queue",
    "machine",
    "region",
)
"""The filters ``runs.list`` and the bulk actions take, by their Python names."""

Queue = tuple[str | None, str]
"""A queue filter value: ``("task", id)``, ``("custom", name)``, or ``(None, name)`` for a queue name."""


@attrs.frozen
class RunFilter:
    """Checked run filters; None means "not filtered". Multi-valued ones hold a string when one string
    was given and a list otherwise."""

    status: str | list[str] | None = None
    task_identifier: str | list[str] | None = None
    version: str | list[str] | None = None
    tag: str | list[str] | None = None
    bulk_action: str | None = None
    schedule: str | None = None
    batch: str | None = None
    is_test: bool | None = None
    from_: datetime.datetime | int | None = None
    to: datetime.datetime | int | None = None
    period: str | None = None
    queue: Queue | list[Queue] | None = None
    machine: str | list[str] | None = None
    region: str | list[str] | None = None

    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return all(getattr(self, name) is None for name in FILTER_NAMES)


def check_filter(
    *,
    status: Any = None,
    task_identifier: Any = None,
    version: Any = None,
    tag: Any = None,
    bulk_action: Any = None,
    schedule: Any = None,
    batch: Any = None,
    is_test: Any = None,
    from_: Any = None,
    to: Any = None,
    period: Any = None,
    queue: Any = None,
    machine: Any = None,
    region: Any = None,
) -> RunFilter:
    """Check the filters (each argument as ``runs.list`` documents it).

    Raises:
        ValidationError: an invalid value (a naive datetime, an empty list, an unknown machine preset, a
            malformed period or queue, ``is_test`` that is not a bool), naming the argument.
    """
    if is_test is not None and not isinstance(is_test, bool):
        raise ValidationError(f"is_test must be a bool, got {is_test!r}", field="is_test")
    for name, instant in (("from_", from_), ("to", to)):
        if instant is not None:
            check.epoch_ms(instant, name)
    machines = _values(machine, "machine")
    if machines is not None:
        machines = _each(machines, check.machine)
    return RunFilter(
        status=_values(status, "status"),
        task_identifier=_values(task_identifier, "task_identifier"),
        version=_values(version, "version"),
        tag=_values(tag, "tag"),
        bulk_action=None if bulk_action is None else check.non_empty_string(bulk_action, "bulk_action"),
        schedule=None if schedule is None else check.non_empty_string(schedule, "schedule"),
        batch=None if batch is None else check.non_empty_string(batch, "batch"),
        is_test=is_test,
        from_=from_,
        to=to,
        period=None if period is None else check.period(period),
        queue=_queues(queue),
        machine=machines,
        region=_values(region, "region"),
    )


def query_params(filters: RunFilter) -> dict[str, Any]:
    """The keyword arguments of the generated ``list_runs`` for ``filters`` (None ones left out).

    Raises:
        ValidationError: a value with a comma (the query joins values with commas).
    """
    queue = filters.queue
    names = (
        None if queue is None else [_queue_name(q) for q in (queue if isinstance(queue, list) else [queue])]
    )
    query = {
        "filterstatus": _joined(filters.status, "status"),
        "filtertask_identifier": _joined(filters.task_identifier, "task_identifier"),
        "filterversion": _joined(filters.version, "version"),
        "filtertag": _joined(filters.tag, "tag"),
        "filterbulk_action": filters.bulk_action,
        "filterschedule": filters.schedule,
        "filterbatch": filters.batch,
        "filteris_test": filters.is_test,
        "filtercreated_atfrom": None if filters.from_ is None else check.epoch_ms(filters.from_, "from_"),
        "filtercreated_atto": None if filters.to is None else check.epoch_ms(filters.to, "to"),
        "filtercreated_atperiod": filters.period,
        "filterqueue": _joined(names, "queue"),
        "filtermachine": _joined(filters.machine, "machine"),
        "filterregion": _joined(filters.region, "region"),
    }
    return {name: value for name, value in query.items() if value is not None}


def body_filter(filters: RunFilter) -> BulkActionFilter:
    """``filters`` as the ``filter`` object of a bulk action body: the server's names, datetimes as ISO
    8601, epoch milliseconds as numbers, queues as ``{"type", "name"}``.

    Raises:
        ValidationError: no filter at all, or a status that is not a v4 run status.
    """
    from trigger_api.models.bulk_action_filter import BulkActionFilter
    from trigger_api.models.machine_preset import MachinePreset
    from trigger_api.models.queue_type_name import QueueTypeName
    from trigger_api.models.queue_type_name_type import QueueTypeNameType
    from trigger_api.models.run_status import RunStatus

    if filters.is_empty():
        raise ValidationError("a bulk action filter needs at least one filter", field="filter")

    def status(name: str) -> RunStatus:
        if name not in RunStatus.__members__:
            raise ValidationError(
                f"status must be a v4 run status ({', '.join(RunStatus.__members__)}), got {name!r}",
                field="status",
            )
        return RunStatus(name)

    def queue(value: Queue) -> QueueTypeName:
        kind, name = value
        if kind is None:
            kind, name = ("task", name[len("task/") :]) if name.startswith("task/") else ("custom", name)
        return QueueTypeName(type_=QueueTypeNameType(kind), name=name)

    def instant(value: datetime.datetime | int) -> str | int:
        return check.iso_instant(value, "from_") if isinstance(value, datetime.datetime) else value

    body = BulkActionFilter()
    if filters.status is not None:
        body.status = _each(filters.status, status)
    for name in ("task_identifier", "version", "tag", "region", "bulk_action", "schedule", "batch", "period"):
        value = getattr(filters, name)
        if value is not None:
            setattr(body, name, value)
    if filters.is_test is not None:
        body.is_test = filters.is_test
    if filters.from_ is not None:
        body.from_ = instant(filters.from_)
    if filters.to is not None:
        body.to = instant(filters.to)
    if filters.queue is not None:
        body.queue = _each(filters.queue, queue)
    if filters.machine is not None:
        body.machine = _each(filters.machine, MachinePreset)
    return body


def _each(value: Any, convert: Any) -> Any:
    """``convert`` applied to one value, or to each of a list."""
    return [convert(item) for item in value] if isinstance(value, list) else convert(value)


def _values(value: Any, field: str) -> str | list[str] | None:
    if value is None:
        return None
    items = check.string_list(value, field)
    return items[0] if isinstance(value, str) else items


def joined_values(value: Any, field: str) -> str:
    """One string or several, checked (non-empty, no commas) and joined with commas for a query parameter.

    Raises:
        ValidationError: an empty list, a non-string or blank value, or a value with a comma.
    """
    return ",".join(check.no_commas(check.string_list(value, field), field))


def _joined(value: str | list[str] | None, field: str) -> str | None:
    if value is None:
        return None
    return joined_values(value, field)


def _queues(value: Any) -> Queue | list[Queue] | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return _queue(value)
    if isinstance(value, str):
        return (None, check.non_empty_string(value, "queue"))
    if isinstance(value, Sequence) and not isinstance(value, bytes) and value:
        return [
            _queue(q) if isinstance(q, Mapping) else (None, check.non_empty_string(q, "queue")) for q in value
        ]
    raise ValidationError(
        f"queue must be a name, {{'type': 'task'|'custom', 'name': ...}}, or a list of them, got {value!r}",
        field="queue",
    )


def _queue(queue: Mapping[str, Any]) -> Queue:
    """A queue filter mapping: ``{"type": "task", "name": "t"}`` or ``{"type": "custom", "name": "q"}``."""
    kind, name = queue.get("type"), queue.get("name")
    if kind not in ("task", "custom") or not isinstance(name, str) or not name:
        raise ValidationError(
            f"a queue filter must be a name or {{'type': 'task'|'custom', 'name': ...}}, got {dict(queue)!r}",
            field="queue",
        )
    return (kind, name)


def _queue_name(queue: Queue) -> str:
    """The queue name a filter stands for: a task's queue is ``task/<id>``."""
    kind, name = queue
    return f"task/{name}" if kind == "task" else name
