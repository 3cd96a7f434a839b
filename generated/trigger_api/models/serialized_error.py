from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SerializedError")


@_attrs_define
class SerializedError:
    """
    Attributes:
        message (str):
        name (str | Unset):
        stack_trace (str | Unset):
    """

    message: str
    name: str | Unset = UNSET
    stack_trace: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        name = self.name

        stack_trace = self.stack_trace

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if stack_trace is not UNSET:
            field_dict["stackTrace"] = stack_trace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        name = d.pop("name", UNSET)

        stack_trace = d.pop("stackTrace", UNSET)

        serialized_error = cls(
            message=message,
            name=name,
            stack_trace=stack_trace,
        )

        serialized_error.additional_properties = d
        return serialized_error

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
