from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_run_metadata_response_metadata import (
        UpdateRunMetadataResponseMetadata,
    )


T = TypeVar("T", bound="UpdateRunMetadataResponse")


@_attrs_define
class UpdateRunMetadataResponse:
    """
    Attributes:
        metadata (UpdateRunMetadataResponseMetadata | Unset): The metadata after the change.
    """

    metadata: UpdateRunMetadataResponseMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.update_run_metadata_response_metadata import (
            UpdateRunMetadataResponseMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _metadata = d.pop("metadata", UNSET)
        metadata: UpdateRunMetadataResponseMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = UpdateRunMetadataResponseMetadata.from_dict(_metadata)

        update_run_metadata_response = cls(
            metadata=metadata,
        )

        update_run_metadata_response.additional_properties = d
        return update_run_metadata_response

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
