from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.import_env_vars_file_body_override import ImportEnvVarsFileBodyOverride
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="ImportEnvVarsFileBody")


@_attrs_define
class ImportEnvVarsFileBody:
    """
    Attributes:
        variables (File): A dotenv file (`NAME=value` lines).
        override (ImportEnvVarsFileBodyOverride | Unset): `true` replaces the values of variables that are already set.
    """

    variables: File
    override: ImportEnvVarsFileBodyOverride | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        variables = self.variables.to_tuple()

        override: str | Unset = UNSET
        if not isinstance(self.override, Unset):
            override = self.override.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "variables": variables,
            }
        )
        if override is not UNSET:
            field_dict["override"] = override

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("variables", self.variables.to_tuple()))

        if not isinstance(self.override, Unset):
            files.append(
                ("override", (None, str(self.override.value).encode(), "text/plain"))
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        variables = File(payload=BytesIO(d.pop("variables")))

        _override = d.pop("override", UNSET)
        override: ImportEnvVarsFileBodyOverride | Unset
        if isinstance(_override, Unset):
            override = UNSET
        else:
            override = ImportEnvVarsFileBodyOverride(_override)

        import_env_vars_file_body = cls(
            variables=variables,
            override=override,
        )

        import_env_vars_file_body.additional_properties = d
        return import_env_vars_file_body

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
