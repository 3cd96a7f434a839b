from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata_operation import MetadataOperation
    from ..models.update_run_metadata_request_body_metadata import (
        UpdateRunMetadataRequestBodyMetadata,
    )


T = TypeVar("T", bound="UpdateRunMetadataRequestBody")


@_attrs_define
class UpdateRunMetadataRequestBody:
    """
    Attributes:
        metadata (UpdateRunMetadataRequestBodyMetadata | Unset): The new metadata (replaces the stored object when there
            are no `operations`).
        operations (list[MetadataOperation] | Unset):
        parent_operations (list[MetadataOperation] | Unset):
        root_operations (list[MetadataOperation] | Unset):
    """

    metadata: UpdateRunMetadataRequestBodyMetadata | Unset = UNSET
    operations: list[MetadataOperation] | Unset = UNSET
    parent_operations: list[MetadataOperation] | Unset = UNSET
    root_operations: list[MetadataOperation] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        operations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.operations, Unset):
            operations = []
            for operations_item_data in self.operations:
                operations_item = operations_item_data.to_dict()
                operations.append(operations_item)

        parent_operations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parent_operations, Unset):
            parent_operations = []
            for parent_operations_item_data in self.parent_operations:
                parent_operations_item = parent_operations_item_data.to_dict()
                parent_operations.append(parent_operations_item)

        root_operations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.root_operations, Unset):
            root_operations = []
            for root_operations_item_data in self.root_operations:
                root_operations_item = root_operations_item_data.to_dict()
                root_operations.append(root_operations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if operations is not UNSET:
            field_dict["operations"] = operations
        if parent_operations is not UNSET:
            field_dict["parentOperations"] = parent_operations
        if root_operations is not UNSET:
            field_dict["rootOperations"] = root_operations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata_operation import MetadataOperation  # noqa: PLC0415
        from ..models.update_run_metadata_request_body_metadata import (
            UpdateRunMetadataRequestBodyMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _metadata = d.pop("metadata", UNSET)
        metadata: UpdateRunMetadataRequestBodyMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = UpdateRunMetadataRequestBodyMetadata.from_dict(_metadata)

        _operations = d.pop("operations", UNSET)
        operations: list[MetadataOperation] | Unset = UNSET
        if _operations is not UNSET:
            operations = []
            for operations_item_data in _operations:
                operations_item = MetadataOperation.from_dict(operations_item_data)

                operations.append(operations_item)

        _parent_operations = d.pop("parentOperations", UNSET)
        parent_operations: list[MetadataOperation] | Unset = UNSET
        if _parent_operations is not UNSET:
            parent_operations = []
            for parent_operations_item_data in _parent_operations:
                parent_operations_item = MetadataOperation.from_dict(
                    parent_operations_item_data
                )

                parent_operations.append(parent_operations_item)

        _root_operations = d.pop("rootOperations", UNSET)
        root_operations: list[MetadataOperation] | Unset = UNSET
        if _root_operations is not UNSET:
            root_operations = []
            for root_operations_item_data in _root_operations:
                root_operations_item = MetadataOperation.from_dict(
                    root_operations_item_data
                )

                root_operations.append(root_operations_item)

        update_run_metadata_request_body = cls(
            metadata=metadata,
            operations=operations,
            parent_operations=parent_operations,
            root_operations=root_operations,
        )

        update_run_metadata_request_body.additional_properties = d
        return update_run_metadata_request_body

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
