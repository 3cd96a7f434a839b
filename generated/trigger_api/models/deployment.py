from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_status import DeploymentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_error import DeploymentError
    from ..models.deployment_external_build_data_type_0 import (
        DeploymentExternalBuildDataType0,
    )
    from ..models.deployment_integration_deployments_item import (
        DeploymentIntegrationDeploymentsItem,
    )
    from ..models.deployment_worker import DeploymentWorker


T = TypeVar("T", bound="Deployment")


@_attrs_define
class Deployment:
    """
    Attributes:
        id (str):
        status (DeploymentStatus): The state of a deployment. New values may be added.
        content_hash (str):
        short_code (str):
        version (str):
        image_platform (str):
        image_reference (None | str | Unset):
        commit_sha (None | str | Unset):
        external_build_data (DeploymentExternalBuildDataType0 | None | Unset):
        error_data (DeploymentError | None | Unset):
        canceled_reason (None | str | Unset):
        worker (DeploymentWorker | Unset):
        integration_deployments (list[DeploymentIntegrationDeploymentsItem] | Unset):
    """

    id: str
    status: DeploymentStatus
    content_hash: str
    short_code: str
    version: str
    image_platform: str
    image_reference: None | str | Unset = UNSET
    commit_sha: None | str | Unset = UNSET
    external_build_data: DeploymentExternalBuildDataType0 | None | Unset = UNSET
    error_data: DeploymentError | None | Unset = UNSET
    canceled_reason: None | str | Unset = UNSET
    worker: DeploymentWorker | Unset = UNSET
    integration_deployments: list[DeploymentIntegrationDeploymentsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.deployment_error import DeploymentError  # noqa: PLC0415
        from ..models.deployment_external_build_data_type_0 import (
            DeploymentExternalBuildDataType0,  # noqa: PLC0415
        )

        id = self.id

        status = self.status.value

        content_hash = self.content_hash

        short_code = self.short_code

        version = self.version

        image_platform = self.image_platform

        image_reference: None | str | Unset
        if isinstance(self.image_reference, Unset):
            image_reference = UNSET
        else:
            image_reference = self.image_reference

        commit_sha: None | str | Unset
        if isinstance(self.commit_sha, Unset):
            commit_sha = UNSET
        else:
            commit_sha = self.commit_sha

        external_build_data: dict[str, Any] | None | Unset
        if isinstance(self.external_build_data, Unset):
            external_build_data = UNSET
        elif isinstance(self.external_build_data, DeploymentExternalBuildDataType0):
            external_build_data = self.external_build_data.to_dict()
        else:
            external_build_data = self.external_build_data

        error_data: dict[str, Any] | None | Unset
        if isinstance(self.error_data, Unset):
            error_data = UNSET
        elif isinstance(self.error_data, DeploymentError):
            error_data = self.error_data.to_dict()
        else:
            error_data = self.error_data

        canceled_reason: None | str | Unset
        if isinstance(self.canceled_reason, Unset):
            canceled_reason = UNSET
        else:
            canceled_reason = self.canceled_reason

        worker: dict[str, Any] | Unset = UNSET
        if not isinstance(self.worker, Unset):
            worker = self.worker.to_dict()

        integration_deployments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.integration_deployments, Unset):
            integration_deployments = []
            for integration_deployments_item_data in self.integration_deployments:
                integration_deployments_item = (
                    integration_deployments_item_data.to_dict()
                )
                integration_deployments.append(integration_deployments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "contentHash": content_hash,
                "shortCode": short_code,
                "version": version,
                "imagePlatform": image_platform,
            }
        )
        if image_reference is not UNSET:
            field_dict["imageReference"] = image_reference
        if commit_sha is not UNSET:
            field_dict["commitSHA"] = commit_sha
        if external_build_data is not UNSET:
            field_dict["externalBuildData"] = external_build_data
        if error_data is not UNSET:
            field_dict["errorData"] = error_data
        if canceled_reason is not UNSET:
            field_dict["canceledReason"] = canceled_reason
        if worker is not UNSET:
            field_dict["worker"] = worker
        if integration_deployments is not UNSET:
            field_dict["integrationDeployments"] = integration_deployments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_error import DeploymentError  # noqa: PLC0415
        from ..models.deployment_external_build_data_type_0 import (
            DeploymentExternalBuildDataType0,  # noqa: PLC0415
        )
        from ..models.deployment_integration_deployments_item import (
            DeploymentIntegrationDeploymentsItem,  # noqa: PLC0415
        )
        from ..models.deployment_worker import DeploymentWorker  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = DeploymentStatus(d.pop("status"))

        content_hash = d.pop("contentHash")

        short_code = d.pop("shortCode")

        version = d.pop("version")

        image_platform = d.pop("imagePlatform")

        def _parse_image_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_reference = _parse_image_reference(d.pop("imageReference", UNSET))

        def _parse_commit_sha(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commit_sha = _parse_commit_sha(d.pop("commitSHA", UNSET))

        def _parse_external_build_data(
            data: object,
        ) -> DeploymentExternalBuildDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_build_data_type_0 = DeploymentExternalBuildDataType0.from_dict(
                    data
                )

                return external_build_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentExternalBuildDataType0 | None | Unset, data)

        external_build_data = _parse_external_build_data(
            d.pop("externalBuildData", UNSET)
        )

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

        def _parse_canceled_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        canceled_reason = _parse_canceled_reason(d.pop("canceledReason", UNSET))

        _worker = d.pop("worker", UNSET)
        worker: DeploymentWorker | Unset
        if isinstance(_worker, Unset):
            worker = UNSET
        else:
            worker = DeploymentWorker.from_dict(_worker)

        _integration_deployments = d.pop("integrationDeployments", UNSET)
        integration_deployments: list[DeploymentIntegrationDeploymentsItem] | Unset = (
            UNSET
        )
        if _integration_deployments is not UNSET:
            integration_deployments = []
            for integration_deployments_item_data in _integration_deployments:
                integration_deployments_item = (
                    DeploymentIntegrationDeploymentsItem.from_dict(
                        integration_deployments_item_data
                    )
                )

                integration_deployments.append(integration_deployments_item)

        deployment = cls(
            id=id,
            status=status,
            content_hash=content_hash,
            short_code=short_code,
            version=version,
            image_platform=image_platform,
            image_reference=image_reference,
            commit_sha=commit_sha,
            external_build_data=external_build_data,
            error_data=error_data,
            canceled_reason=canceled_reason,
            worker=worker,
            integration_deployments=integration_deployments,
        )

        deployment.additional_properties = d
        return deployment

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
