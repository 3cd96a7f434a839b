from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bulk_action_status import BulkActionStatus
from ..models.bulk_action_type import BulkActionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_action_counts import BulkActionCounts


T = TypeVar("T", bound="BulkAction")


@_attrs_define
class BulkAction:
    """
    Attributes:
        id (str): The bulk action id (`bulk_…`).
        type_ (BulkActionType): What a bulk action does to its runs. New values may be added.
        status (BulkActionStatus): `PENDING` while runs are being processed; `COMPLETED` or `ABORTED` after. New values
            may be added.
        counts (BulkActionCounts):
        created_at (datetime.datetime):
        name (str | Unset):
        completed_at (datetime.datetime | Unset):
    """

    id: str
    type_: BulkActionType
    status: BulkActionStatus
    counts: BulkActionCounts
    created_at: datetime.datetime
    name: str | Unset = UNSET
    completed_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        status = self.status.value

        counts = self.counts.to_dict()

        created_at = self.created_at.isoformat()

        name = self.name

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = self.completed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "status": status,
                "counts": counts,
                "createdAt": created_at,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_action_counts import BulkActionCounts  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = BulkActionType(d.pop("type"))

        status = BulkActionStatus(d.pop("status"))

        counts = BulkActionCounts.from_dict(d.pop("counts"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        name = d.pop("name", UNSET)

        _completed_at = d.pop("completedAt", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

        bulk_action = cls(
            id=id,
            type_=type_,
            status=status,
            counts=counts,
            created_at=created_at,
            name=name,
            completed_at=completed_at,
        )

        bulk_action.additional_properties = d
        return bulk_action

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
