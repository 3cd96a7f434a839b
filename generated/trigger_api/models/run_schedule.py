from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_generator import ScheduleGenerator


T = TypeVar("T", bound="RunSchedule")


@_attrs_define
class RunSchedule:
    """
    Attributes:
        id (str):
        generator (ScheduleGenerator):
        external_id (str | Unset):
        deduplication_key (str | Unset):
    """

    id: str
    generator: ScheduleGenerator
    external_id: str | Unset = UNSET
    deduplication_key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        generator = self.generator.to_dict()

        external_id = self.external_id

        deduplication_key = self.deduplication_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "generator": generator,
            }
        )
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if deduplication_key is not UNSET:
            field_dict["deduplicationKey"] = deduplication_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_generator import ScheduleGenerator  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        generator = ScheduleGenerator.from_dict(d.pop("generator"))

        external_id = d.pop("externalId", UNSET)

        deduplication_key = d.pop("deduplicationKey", UNSET)

        run_schedule = cls(
            id=id,
            generator=generator,
            external_id=external_id,
            deduplication_key=deduplication_key,
        )

        run_schedule.additional_properties = d
        return run_schedule

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
