from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.concurrency_limit_bound import ConcurrencyLimitBound


T = TypeVar("T", bound="ConcurrencyLimit")


@_attrs_define
class ConcurrencyLimit:
    """
    Attributes:
        id (str): The limit id (`climit_…`).
        name (str):
        per_key (ConcurrencyLimitBound):
        total (ConcurrencyLimitBound):
        running (int):
        queued (int):
        paused (bool):
    """

    id: str
    name: str
    per_key: ConcurrencyLimitBound
    total: ConcurrencyLimitBound
    running: int
    queued: int
    paused: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        per_key = self.per_key.to_dict()

        total = self.total.to_dict()

        running = self.running

        queued = self.queued

        paused = self.paused

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "perKey": per_key,
                "total": total,
                "running": running,
                "queued": queued,
                "paused": paused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.concurrency_limit_bound import ConcurrencyLimitBound  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        per_key = ConcurrencyLimitBound.from_dict(d.pop("perKey"))

        total = ConcurrencyLimitBound.from_dict(d.pop("total"))

        running = d.pop("running")

        queued = d.pop("queued")

        paused = d.pop("paused")

        concurrency_limit = cls(
            id=id,
            name=name,
            per_key=per_key,
            total=total,
            running=running,
            queued=queued,
            paused=paused,
        )

        concurrency_limit.additional_properties = d
        return concurrency_limit

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
