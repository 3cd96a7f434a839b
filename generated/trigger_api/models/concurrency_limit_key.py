from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.concurrency_limit_key_bound import ConcurrencyLimitKeyBound


T = TypeVar("T", bound="ConcurrencyLimitKey")


@_attrs_define
class ConcurrencyLimitKey:
    """
    Attributes:
        name (str):
        concurrency_key (str):
        per_key (ConcurrencyLimitKeyBound):
        running (int):
        paused (bool):
    """

    name: str
    concurrency_key: str
    per_key: ConcurrencyLimitKeyBound
    running: int
    paused: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        concurrency_key = self.concurrency_key

        per_key = self.per_key.to_dict()

        running = self.running

        paused = self.paused

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "concurrencyKey": concurrency_key,
                "perKey": per_key,
                "running": running,
                "paused": paused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.concurrency_limit_key_bound import ConcurrencyLimitKeyBound  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        concurrency_key = d.pop("concurrencyKey")

        per_key = ConcurrencyLimitKeyBound.from_dict(d.pop("perKey"))

        running = d.pop("running")

        paused = d.pop("paused")

        concurrency_limit_key = cls(
            name=name,
            concurrency_key=concurrency_key,
            per_key=per_key,
            running=running,
            paused=paused,
        )

        concurrency_limit_key.additional_properties = d
        return concurrency_limit_key

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
