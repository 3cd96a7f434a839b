from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateScheduleRequestBody")


@_attrs_define
class CreateScheduleRequestBody:
    """
    Attributes:
        task (str): The identifier of a scheduled task.
        cron (str): A cron expression with five fields (minute hour day-of-month month day-of-week).
        deduplication_key (str): Creating again with the same key updates that schedule.
        external_id (str | Unset):
        timezone (str | Unset): An IANA time zone from `GET /api/v1/timezones` (default `UTC`).
        window (str | Unset): Spread the start of each run over this window, such as `30m`, `2h` or `50%`.
    """

    task: str
    cron: str
    deduplication_key: str
    external_id: str | Unset = UNSET
    timezone: str | Unset = UNSET
    window: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task = self.task

        cron = self.cron

        deduplication_key = self.deduplication_key

        external_id = self.external_id

        timezone = self.timezone

        window = self.window

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task": task,
                "cron": cron,
                "deduplicationKey": deduplication_key,
            }
        )
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if window is not UNSET:
            field_dict["window"] = window

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        task = d.pop("task")

        cron = d.pop("cron")

        deduplication_key = d.pop("deduplicationKey")

        external_id = d.pop("externalId", UNSET)

        timezone = d.pop("timezone", UNSET)

        window = d.pop("window", UNSET)

        create_schedule_request_body = cls(
            task=task,
            cron=cron,
            deduplication_key=deduplication_key,
            external_id=external_id,
            timezone=timezone,
            window=window,
        )

        create_schedule_request_body.additional_properties = d
        return create_schedule_request_body

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
