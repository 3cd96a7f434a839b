from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeploymentError")


@_attrs_define
class DeploymentError:
    """
    Attributes:
        name (str):
        message (str):
        stack (str | Unset):
        stderr (str | Unset):
    """

    name: str
    message: str
    stack: str | Unset = UNSET
    stderr: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        message = self.message

        stack = self.stack

        stderr = self.stderr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "message": message,
            }
        )
        if stack is not UNSET:
            field_dict["stack"] = stack
        if stderr is not UNSET:
            field_dict["stderr"] = stderr

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        message = d.pop("message")

        stack = d.pop("stack", UNSET)

        stderr = d.pop("stderr", UNSET)

        deployment_error = cls(
            name=name,
            message=message,
            stack=stack,
            stderr=stderr,
        )

        deployment_error.additional_properties = d
        return deployment_error

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
