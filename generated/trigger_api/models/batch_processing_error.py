from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BatchProcessingError")


@_attrs_define
class BatchProcessingError:
    """
    Attributes:
        index (int):
        task_identifier (str):
        error (str):
        error_code (str | Unset):
    """

    index: int
    task_identifier: str
    error: str
    error_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        task_identifier = self.task_identifier

        error = self.error

        error_code = self.error_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "taskIdentifier": task_identifier,
                "error": error,
            }
        )
        if error_code is not UNSET:
            field_dict["errorCode"] = error_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        index = d.pop("index")

        task_identifier = d.pop("taskIdentifier")

        error = d.pop("error")

        error_code = d.pop("errorCode", UNSET)

        batch_processing_error = cls(
            index=index,
            task_identifier=task_identifier,
            error=error,
            error_code=error_code,
        )

        batch_processing_error.additional_properties = d
        return batch_processing_error

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
