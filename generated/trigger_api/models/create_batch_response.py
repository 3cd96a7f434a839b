from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateBatchResponse")


@_attrs_define
class CreateBatchResponse:
    """
    Attributes:
        id (str): The batch id (`batch_…`).
        run_count (int):
        is_cached (bool | Unset): True when the batch already existed for the idempotency key; skip phase 2 then.
        idempotency_key (str | Unset):
    """

    id: str
    run_count: int
    is_cached: bool | Unset = UNSET
    idempotency_key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        run_count = self.run_count

        is_cached = self.is_cached

        idempotency_key = self.idempotency_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "runCount": run_count,
            }
        )
        if is_cached is not UNSET:
            field_dict["isCached"] = is_cached
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        run_count = d.pop("runCount")

        is_cached = d.pop("isCached", UNSET)

        idempotency_key = d.pop("idempotencyKey", UNSET)

        create_batch_response = cls(
            id=id,
            run_count=run_count,
            is_cached=is_cached,
            idempotency_key=idempotency_key,
        )

        create_batch_response.additional_properties = d
        return create_batch_response

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
