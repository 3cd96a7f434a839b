from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_var_value_error import EnvVarValueError


T = TypeVar("T", bound="EnvVarErrorResponse")


@_attrs_define
class EnvVarErrorResponse:
    """
    Attributes:
        error (str | Unset):
        variable_errors (list[EnvVarValueError] | Unset):
        issues (list[Any] | Unset):
    """

    error: str | Unset = UNSET
    variable_errors: list[EnvVarValueError] | Unset = UNSET
    issues: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        variable_errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.variable_errors, Unset):
            variable_errors = []
            for variable_errors_item_data in self.variable_errors:
                variable_errors_item = variable_errors_item_data.to_dict()
                variable_errors.append(variable_errors_item)

        issues: list[Any] | Unset = UNSET
        if not isinstance(self.issues, Unset):
            issues = self.issues

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error
        if variable_errors is not UNSET:
            field_dict["variableErrors"] = variable_errors
        if issues is not UNSET:
            field_dict["issues"] = issues

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.env_var_value_error import EnvVarValueError  # noqa: PLC0415

        d = dict(src_dict)
        error = d.pop("error", UNSET)

        _variable_errors = d.pop("variableErrors", UNSET)
        variable_errors: list[EnvVarValueError] | Unset = UNSET
        if _variable_errors is not UNSET:
            variable_errors = []
            for variable_errors_item_data in _variable_errors:
                variable_errors_item = EnvVarValueError.from_dict(
                    variable_errors_item_data
                )

                variable_errors.append(variable_errors_item)

        issues = cast(list[Any], d.pop("issues", UNSET))

        env_var_error_response = cls(
            error=error,
            variable_errors=variable_errors,
            issues=issues,
        )

        env_var_error_response.additional_properties = d
        return env_var_error_response

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
