from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_processing_error import BatchProcessingError


T = TypeVar("T", bound="BatchV1")


@_attrs_define
class BatchV1:
    """A batch as `GET /api/v1/batches/{batchId}` answers it.

    Attributes:
        id (str):
        status (BatchStatus): The status of a batch. New values may be added.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        run_count (int):
        runs (list[str]):
        idempotency_key (str | Unset):
        successful_run_count (int | Unset):
        failed_run_count (int | Unset):
        errors (list[BatchProcessingError] | Unset):
    """

    id: str
    status: BatchStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    run_count: int
    runs: list[str]
    idempotency_key: str | Unset = UNSET
    successful_run_count: int | Unset = UNSET
    failed_run_count: int | Unset = UNSET
    errors: list[BatchProcessingError] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        run_count = self.run_count

        runs = self.runs

        idempotency_key = self.idempotency_key

        successful_run_count = self.successful_run_count

        failed_run_count = self.failed_run_count

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

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
        if successful_run_count is not UNSET:
            field_dict["successfulRunCount"] = successful_run_count
        if failed_run_count is not UNSET:
            field_dict["failedRunCount"] = failed_run_count
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_processing_error import BatchProcessingError  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = BatchStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        run_count = d.pop("runCount")

        runs = cast(list[str], d.pop("runs"))

        idempotency_key = d.pop("idempotencyKey", UNSET)

        successful_run_count = d.pop("successfulRunCount", UNSET)

        failed_run_count = d.pop("failedRunCount", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[BatchProcessingError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = BatchProcessingError.from_dict(errors_item_data)

                errors.append(errors_item)

        batch_v1 = cls(
            id=id,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            run_count=run_count,
            runs=runs,
            idempotency_key=idempotency_key,
            successful_run_count=successful_run_count,
            failed_run_count=failed_run_count,
            errors=errors,
        )

        batch_v1.additional_properties = d
        return batch_v1

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
