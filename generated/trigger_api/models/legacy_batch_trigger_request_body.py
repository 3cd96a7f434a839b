from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_batch_trigger_item import LegacyBatchTriggerItem


T = TypeVar("T", bound="LegacyBatchTriggerRequestBody")


@_attrs_define
class LegacyBatchTriggerRequestBody:
    """
    Attributes:
        items (list[LegacyBatchTriggerItem]):
        parent_run_id (str | Unset):
        resume_parent_on_completion (bool | Unset):
    """

    items: list[LegacyBatchTriggerItem]
    parent_run_id: str | Unset = UNSET
    resume_parent_on_completion: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        parent_run_id = self.parent_run_id

        resume_parent_on_completion = self.resume_parent_on_completion

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if parent_run_id is not UNSET:
            field_dict["parentRunId"] = parent_run_id
        if resume_parent_on_completion is not UNSET:
            field_dict["resumeParentOnCompletion"] = resume_parent_on_completion

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_batch_trigger_item import LegacyBatchTriggerItem  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = LegacyBatchTriggerItem.from_dict(items_item_data)

            items.append(items_item)

        parent_run_id = d.pop("parentRunId", UNSET)

        resume_parent_on_completion = d.pop("resumeParentOnCompletion", UNSET)

        legacy_batch_trigger_request_body = cls(
            items=items,
            parent_run_id=parent_run_id,
            resume_parent_on_completion=resume_parent_on_completion,
        )

        legacy_batch_trigger_request_body.additional_properties = d
        return legacy_batch_trigger_request_body

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
