from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """The error body. `error` is a message; validation errors may add `issues` or `details`, and scope
    errors add `code`, `param` and `type`. Other shapes (from proxies or older servers) are possible.

        Attributes:
            error (str | Unset):
            issues (list[Any] | Unset):
            details (list[Any] | Unset):
            code (str | Unset):
            param (str | Unset):
            type_ (str | Unset):
    """

    error: str | Unset = UNSET
    issues: list[Any] | Unset = UNSET
    details: list[Any] | Unset = UNSET
    code: str | Unset = UNSET
    param: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        issues: list[Any] | Unset = UNSET
        if not isinstance(self.issues, Unset):
            issues = self.issues

        details: list[Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details

        code = self.code

        param = self.param

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error
        if issues is not UNSET:
            field_dict["issues"] = issues
        if details is not UNSET:
            field_dict["details"] = details
        if code is not UNSET:
            field_dict["code"] = code
        if param is not UNSET:
            field_dict["param"] = param
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error", UNSET)

        issues = cast(list[Any], d.pop("issues", UNSET))

        details = cast(list[Any], d.pop("details", UNSET))

        code = d.pop("code", UNSET)

        param = d.pop("param", UNSET)

        type_ = d.pop("type", UNSET)

        error_response = cls(
            error=error,
            issues=issues,
            details=details,
            code=code,
            param=param,
            type_=type_,
        )

        error_response.additional_properties = d
        return error_response

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
