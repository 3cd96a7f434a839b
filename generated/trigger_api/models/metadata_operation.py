from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metadata_operation_type import MetadataOperationType
from ..types import UNSET, Unset

T = TypeVar("T", bound="MetadataOperation")


@_attrs_define
class MetadataOperation:
    """One change: `set` (`key` to `value`), `delete` (`key`), `append` (`value` to the list at `key`),
    `remove` (every item equal to `value` from the list at `key`), `increment` (the number at `key` by
    `value`), `update` (the whole object becomes `value`). Keys starting `$.` are JSON paths; keys
    naming `__proto__`, `constructor` or `prototype` are refused.

        Attributes:
            type_ (MetadataOperationType): What an operation does (`update` replaces the whole object with `value`).
            key (str | Unset):
            value (Any | Unset):
    """

    type_: MetadataOperationType
    key: str | Unset = UNSET
    value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        key = self.key

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = MetadataOperationType(d.pop("type"))

        key = d.pop("key", UNSET)

        value = d.pop("value", UNSET)

        metadata_operation = cls(
            type_=type_,
            key=key,
            value=value,
        )

        metadata_operation.additional_properties = d
        return metadata_operation

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
