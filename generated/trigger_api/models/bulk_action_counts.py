from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BulkActionCounts")


@_attrs_define
class BulkActionCounts:
    """
    Attributes:
        total (int): The runs the selection matched when the bulk action was created.
        success (int): Runs cancelled or replayed so far.
        failure (int): Runs that could not be (a cancel of a run that had already finished counts here).
    """

    total: int
    success: int
    failure: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        success = self.success

        failure = self.failure

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "success": success,
                "failure": failure,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total")

        success = d.pop("success")

        failure = d.pop("failure")

        bulk_action_counts = cls(
            total=total,
            success=success,
            failure=failure,
        )

        bulk_action_counts.additional_properties = d
        return bulk_action_counts

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
