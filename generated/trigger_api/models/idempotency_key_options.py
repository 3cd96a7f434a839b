from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.idempotency_key_options_scope import IdempotencyKeyOptionsScope

T = TypeVar("T", bound="IdempotencyKeyOptions")


@_attrs_define
class IdempotencyKeyOptions:
    """The key as the user gave it, stored so that retrieving the run shows it instead of its hash.

    Attributes:
        key (str):
        scope (IdempotencyKeyOptionsScope):
    """

    key: str
    scope: IdempotencyKeyOptionsScope
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        scope = self.scope.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "scope": scope,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        scope = IdempotencyKeyOptionsScope(d.pop("scope"))

        idempotency_key_options = cls(
            key=key,
            scope=scope,
        )

        idempotency_key_options.additional_properties = d
        return idempotency_key_options

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
