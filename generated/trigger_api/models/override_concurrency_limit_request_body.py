from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OverrideConcurrencyLimitRequestBody")


@_attrs_define
class OverrideConcurrencyLimitRequestBody:
    """
    Attributes:
        per_key (int | Unset):
        total (int | Unset):
        concurrency_key (str | Unset):
        ttl (int | str | Unset): A duration such as `"7d"`, or a positive number of seconds.
    """

    per_key: int | Unset = UNSET
    total: int | Unset = UNSET
    concurrency_key: str | Unset = UNSET
    ttl: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        per_key = self.per_key

        total = self.total

        concurrency_key = self.concurrency_key

        ttl: int | str | Unset
        if isinstance(self.ttl, Unset):
            ttl = UNSET
        else:
            ttl = self.ttl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if per_key is not UNSET:
            field_dict["perKey"] = per_key
        if total is not UNSET:
            field_dict["total"] = total
        if concurrency_key is not UNSET:
            field_dict["concurrencyKey"] = concurrency_key
        if ttl is not UNSET:
            field_dict["ttl"] = ttl

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        per_key = d.pop("perKey", UNSET)

        total = d.pop("total", UNSET)

        concurrency_key = d.pop("concurrencyKey", UNSET)

        def _parse_ttl(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        ttl = _parse_ttl(d.pop("ttl", UNSET))

        override_concurrency_limit_request_body = cls(
            per_key=per_key,
            total=total,
            concurrency_key=concurrency_key,
            ttl=ttl,
        )

        override_concurrency_limit_request_body.additional_properties = d
        return override_concurrency_limit_request_body

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
