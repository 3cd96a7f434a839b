from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateScheduleRequestBody")


@_attrs_define
class UpdateScheduleRequestBody:
    """
    Attributes:
        task (str):
        cron (str):
        external_id (str | Unset):
        timezone (str | Unset):
        window (str | Unset):
    """

    task: str
    cron: str
    external_id: str | Unset = UNSET
    timezone: str | Unset = UNSET
    window: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task = self.task

        cron = self.cron

        external_id = self.external_id

        timezone = self.timezone

        window = self.window

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task": task,
                "cron": cron,
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

        external_id = d.pop("externalId", UNSET)

        timezone = d.pop("timezone", UNSET)

        window = d.pop("window", UNSET)

        update_schedule_request_body = cls(
            task=task,
            cron=cron,
            external_id=external_id,
            timezone=timezone,
            window=window,
        )

        update_schedule_request_body.additional_properties = d
        return update_schedule_request_body

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
