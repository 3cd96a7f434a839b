from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_status import DeploymentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_error import DeploymentError


T = TypeVar("T", bound="LatestDeployment")


@_attrs_define
class LatestDeployment:
    """
    Attributes:
        id (str):
        status (DeploymentStatus): The state of a deployment. New values may be added.
        content_hash (str):
        short_code (str):
        version (str):
        image_reference (None | str | Unset):
        error_data (DeploymentError | None | Unset):
    """

    id: str
    status: DeploymentStatus
    content_hash: str
    short_code: str
    version: str
    image_reference: None | str | Unset = UNSET
    error_data: DeploymentError | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.deployment_error import DeploymentError  # noqa: PLC0415

        id = self.id

        status = self.status.value

        content_hash = self.content_hash

        short_code = self.short_code

        version = self.version

        image_reference: None | str | Unset
        if isinstance(self.image_reference, Unset):
            image_reference = UNSET
        else:
            image_reference = self.image_reference

        error_data: dict[str, Any] | None | Unset
        if isinstance(self.error_data, Unset):
            error_data = UNSET
        elif isinstance(self.error_data, DeploymentError):
            error_data = self.error_data.to_dict()
        else:
            error_data = self.error_data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "contentHash": content_hash,
                "shortCode": short_code,
                "version": version,
            }
        )
        if image_reference is not UNSET:
            field_dict["imageReference"] = image_reference
        if error_data is not UNSET:
            field_dict["errorData"] = error_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_error import DeploymentError  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = DeploymentStatus(d.pop("status"))

        content_hash = d.pop("contentHash")

        short_code = d.pop("shortCode")

        version = d.pop("version")

        def _parse_image_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_reference = _parse_image_reference(d.pop("imageReference", UNSET))

        def _parse_error_data(data: object) -> DeploymentError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_data_type_0 = DeploymentError.from_dict(data)

                return error_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentError | None | Unset, data)

        error_data = _parse_error_data(d.pop("errorData", UNSET))

        latest_deployment = cls(
            id=id,
            status=status,
            content_hash=content_hash,
            short_code=short_code,
            version=version,
            image_reference=image_reference,
            error_data=error_data,
        )

        latest_deployment.additional_properties = d
        return latest_deployment

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
