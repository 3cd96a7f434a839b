from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_env_vars_request_body_parent_variables import (
        ImportEnvVarsRequestBodyParentVariables,
    )
    from ..models.import_env_vars_request_body_variables import (
        ImportEnvVarsRequestBodyVariables,
    )


T = TypeVar("T", bound="ImportEnvVarsRequestBody")


@_attrs_define
class ImportEnvVarsRequestBody:
    """
    Attributes:
        variables (ImportEnvVarsRequestBodyVariables): Names and their values.
        override (bool | Unset): Replace the values of variables that are already set (default false).
        is_secret (bool | Unset): Store every value as a secret.
        parent_variables (ImportEnvVarsRequestBodyParentVariables | Unset): For a preview branch, variables to set in
            the parent preview environment.
    """

    variables: ImportEnvVarsRequestBodyVariables
    override: bool | Unset = UNSET
    is_secret: bool | Unset = UNSET
    parent_variables: ImportEnvVarsRequestBodyParentVariables | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        variables = self.variables.to_dict()

        override = self.override

        is_secret = self.is_secret

        parent_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parent_variables, Unset):
            parent_variables = self.parent_variables.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "variables": variables,
            }
        )
        if override is not UNSET:
            field_dict["override"] = override
        if is_secret is not UNSET:
            field_dict["isSecret"] = is_secret
        if parent_variables is not UNSET:
            field_dict["parentVariables"] = parent_variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_env_vars_request_body_parent_variables import (
            ImportEnvVarsRequestBodyParentVariables,  # noqa: PLC0415
        )
        from ..models.import_env_vars_request_body_variables import (
            ImportEnvVarsRequestBodyVariables,  # noqa: PLC0415
        )

        d = dict(src_dict)
        variables = ImportEnvVarsRequestBodyVariables.from_dict(d.pop("variables"))

        override = d.pop("override", UNSET)

        is_secret = d.pop("isSecret", UNSET)

        _parent_variables = d.pop("parentVariables", UNSET)
        parent_variables: ImportEnvVarsRequestBodyParentVariables | Unset
        if isinstance(_parent_variables, Unset):
            parent_variables = UNSET
        else:
            parent_variables = ImportEnvVarsRequestBodyParentVariables.from_dict(
                _parent_variables
            )

        import_env_vars_request_body = cls(
            variables=variables,
            override=override,
            is_secret=is_secret,
            parent_variables=parent_variables,
        )

        import_env_vars_request_body.additional_properties = d
        return import_env_vars_request_body

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
