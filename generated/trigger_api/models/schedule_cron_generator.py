from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schedule_generator_type import ScheduleGeneratorType

T = TypeVar("T", bound="ScheduleCronGenerator")


@_attrs_define
class ScheduleCronGenerator:
    """
    Attributes:
        type_ (ScheduleGeneratorType): What generates the schedule's times. New values may be added.
        expression (str): The cron expression (five fields, no seconds).
        description (str): The expression in words, such as "Every hour".
    """

    type_: ScheduleGeneratorType
    expression: str
    description: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        expression = self.expression

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "expression": expression,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = ScheduleGeneratorType(d.pop("type"))

        expression = d.pop("expression")

        description = d.pop("description")

        schedule_cron_generator = cls(
            type_=type_,
            expression=expression,
            description=description,
        )

        schedule_cron_generator.additional_properties = d
        return schedule_cron_generator

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
