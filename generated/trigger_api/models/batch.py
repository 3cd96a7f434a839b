from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_processing import BatchProcessing


T = TypeVar("T", bound="Batch")


@_attrs_define
class Batch:
    """
    Attributes:
        id (str):
        status (BatchStatus): The status of a batch. New values may be added.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        run_count (int):
        runs (list[str]): The ids of the runs created so far.
        idempotency_key (str | Unset):
        processing_completed_at (datetime.datetime | Unset):
        processing (BatchProcessing | Unset):
    """

    id: str
    status: BatchStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    run_count: int
    runs: list[str]
    idempotency_key: str | Unset = UNSET
    processing_completed_at: datetime.datetime | Unset = UNSET
    processing: BatchProcessing | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        run_count = self.run_count

        runs = self.runs

        idempotency_key = self.idempotency_key

        processing_completed_at: str | Unset = UNSET
        if not isinstance(self.processing_completed_at, Unset):
            processing_completed_at = self.processing_completed_at.isoformat()

        processing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.processing, Unset):
            processing = self.processing.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "runCount": run_count,
                "runs": runs,
            }
        )
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if processing_completed_at is not UNSET:
            field_dict["processingCompletedAt"] = processing_completed_at
        if processing is not UNSET:
            field_dict["processing"] = processing

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_processing import BatchProcessing  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = BatchStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        run_count = d.pop("runCount")

        runs = cast(list[str], d.pop("runs"))

        idempotency_key = d.pop("idempotencyKey", UNSET)

        _processing_completed_at = d.pop("processingCompletedAt", UNSET)
        processing_completed_at: datetime.datetime | Unset
        if isinstance(_processing_completed_at, Unset):
            processing_completed_at = UNSET
        else:
            processing_completed_at = datetime.datetime.fromisoformat(
                _processing_completed_at
            )

        _processing = d.pop("processing", UNSET)
        processing: BatchProcessing | Unset
        if isinstance(_processing, Unset):
            processing = UNSET
        else:
            processing = BatchProcessing.from_dict(_processing)

        batch = cls(
            id=id,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            run_count=run_count,
            runs=runs,
            idempotency_key=idempotency_key,
            processing_completed_at=processing_completed_at,
            processing=processing,
        )

        batch.additional_properties = d
        return batch

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
