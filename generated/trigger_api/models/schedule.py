from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schedule_type import ScheduleType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_cron_generator import ScheduleCronGenerator
    from ..models.schedule_environment import ScheduleEnvironment


T = TypeVar("T", bound="Schedule")


@_attrs_define
class Schedule:
    """
    Attributes:
        id (str): The schedule id (`sched_…`).
        type_ (ScheduleType): `DECLARATIVE`: defined in the task's code; `IMPERATIVE`: created through the API.
        task (str): The identifier of the scheduled task it triggers.
        active (bool):
        generator (ScheduleCronGenerator):
        timezone (str): The IANA time zone the cron expression is read in.
        environments (list[ScheduleEnvironment]):
        deduplication_key (None | str | Unset):
        external_id (None | str | Unset): Your own id (a user or tenant id), passed to each run's payload.
        window (str | Unset): A spread of start times, such as `30m` or `50%`.
        next_run (datetime.datetime | None | Unset): When it triggers next (retrieve, activate and deactivate answer
            null while inactive).
        next_run_effective_at (datetime.datetime | None | Unset):
    """

    id: str
    type_: ScheduleType
    task: str
    active: bool
    generator: ScheduleCronGenerator
    timezone: str
    environments: list[ScheduleEnvironment]
    deduplication_key: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    window: str | Unset = UNSET
    next_run: datetime.datetime | None | Unset = UNSET
    next_run_effective_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        task = self.task

        active = self.active

        generator = self.generator.to_dict()

        timezone = self.timezone

        environments = []
        for environments_item_data in self.environments:
            environments_item = environments_item_data.to_dict()
            environments.append(environments_item)

        deduplication_key: None | str | Unset
        if isinstance(self.deduplication_key, Unset):
            deduplication_key = UNSET
        else:
            deduplication_key = self.deduplication_key

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        window = self.window

        next_run: None | str | Unset
        if isinstance(self.next_run, Unset):
            next_run = UNSET
        elif isinstance(self.next_run, datetime.datetime):
            next_run = self.next_run.isoformat()
        else:
            next_run = self.next_run

        next_run_effective_at: None | str | Unset
        if isinstance(self.next_run_effective_at, Unset):
            next_run_effective_at = UNSET
        elif isinstance(self.next_run_effective_at, datetime.datetime):
            next_run_effective_at = self.next_run_effective_at.isoformat()
        else:
            next_run_effective_at = self.next_run_effective_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "task": task,
                "active": active,
                "generator": generator,
                "timezone": timezone,
                "environments": environments,
            }
        )
        if deduplication_key is not UNSET:
            field_dict["deduplicationKey"] = deduplication_key
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if window is not UNSET:
            field_dict["window"] = window
        if next_run is not UNSET:
            field_dict["nextRun"] = next_run
        if next_run_effective_at is not UNSET:
            field_dict["nextRunEffectiveAt"] = next_run_effective_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_cron_generator import ScheduleCronGenerator  # noqa: PLC0415
        from ..models.schedule_environment import ScheduleEnvironment  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = ScheduleType(d.pop("type"))

        task = d.pop("task")

        active = d.pop("active")

        generator = ScheduleCronGenerator.from_dict(d.pop("generator"))

        timezone = d.pop("timezone")

        environments = []
        _environments = d.pop("environments")
        for environments_item_data in _environments:
            environments_item = ScheduleEnvironment.from_dict(environments_item_data)

            environments.append(environments_item)

        def _parse_deduplication_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deduplication_key = _parse_deduplication_key(d.pop("deduplicationKey", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        window = d.pop("window", UNSET)

        def _parse_next_run(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_run_type_0 = datetime.datetime.fromisoformat(data)

                return next_run_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_run = _parse_next_run(d.pop("nextRun", UNSET))

        def _parse_next_run_effective_at(
            data: object,
        ) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_run_effective_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_run_effective_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_run_effective_at = _parse_next_run_effective_at(
            d.pop("nextRunEffectiveAt", UNSET)
        )

        schedule = cls(
            id=id,
            type_=type_,
            task=task,
            active=active,
            generator=generator,
            timezone=timezone,
            environments=environments,
            deduplication_key=deduplication_key,
            external_id=external_id,
            window=window,
            next_run=next_run,
            next_run_effective_at=next_run_effective_at,
        )

        schedule.additional_properties = d
        return schedule

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
