from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_status import DeploymentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_error import DeploymentError
    from ..models.deployment_list_item_git_type_0 import DeploymentListItemGitType0


T = TypeVar("T", bound="DeploymentListItem")


@_attrs_define
class DeploymentListItem:
    """
    Attributes:
        id (str): The deployment id (`deployment_…`).
        created_at (datetime.datetime):
        short_code (str):
        version (str): Such as `20250601.1`.
        runtime (None | str):
        runtime_version (None | str):
        status (DeploymentStatus): The state of a deployment. New values may be added.
        deployed_at (datetime.datetime | None | Unset): The list answers null before the deployment is deployed;
            `current` leaves it out.
        git (DeploymentListItemGitType0 | None | Unset): Git metadata (`commitSha`, `branch`, …) sent by the CLI (null
            in the list when none).
        error (DeploymentError | Unset):
        external_id (None | str | Unset):
    """

    id: str
    created_at: datetime.datetime
    short_code: str
    version: str
    runtime: None | str
    runtime_version: None | str
    status: DeploymentStatus
    deployed_at: datetime.datetime | None | Unset = UNSET
    git: DeploymentListItemGitType0 | None | Unset = UNSET
    error: DeploymentError | Unset = UNSET
    external_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.deployment_list_item_git_type_0 import DeploymentListItemGitType0  # noqa: PLC0415

        id = self.id

        created_at = self.created_at.isoformat()

        short_code = self.short_code

        version = self.version

        runtime: None | str
        runtime = self.runtime

        runtime_version: None | str
        runtime_version = self.runtime_version

        status = self.status.value

        deployed_at: None | str | Unset
        if isinstance(self.deployed_at, Unset):
            deployed_at = UNSET
        elif isinstance(self.deployed_at, datetime.datetime):
            deployed_at = self.deployed_at.isoformat()
        else:
            deployed_at = self.deployed_at

        git: dict[str, Any] | None | Unset
        if isinstance(self.git, Unset):
            git = UNSET
        elif isinstance(self.git, DeploymentListItemGitType0):
            git = self.git.to_dict()
        else:
            git = self.git

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "createdAt": created_at,
                "shortCode": short_code,
                "version": version,
                "runtime": runtime,
                "runtimeVersion": runtime_version,
                "status": status,
            }
        )
        if deployed_at is not UNSET:
            field_dict["deployedAt"] = deployed_at
        if git is not UNSET:
            field_dict["git"] = git
        if error is not UNSET:
            field_dict["error"] = error
        if external_id is not UNSET:
            field_dict["externalId"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_error import DeploymentError  # noqa: PLC0415
        from ..models.deployment_list_item_git_type_0 import DeploymentListItemGitType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        short_code = d.pop("shortCode")

        version = d.pop("version")

        def _parse_runtime(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        runtime = _parse_runtime(d.pop("runtime"))

        def _parse_runtime_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        runtime_version = _parse_runtime_version(d.pop("runtimeVersion"))

        status = DeploymentStatus(d.pop("status"))

        def _parse_deployed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deployed_at_type_0 = datetime.datetime.fromisoformat(data)

                return deployed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deployed_at = _parse_deployed_at(d.pop("deployedAt", UNSET))

        def _parse_git(data: object) -> DeploymentListItemGitType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                git_type_0 = DeploymentListItemGitType0.from_dict(data)

                return git_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentListItemGitType0 | None | Unset, data)

        git = _parse_git(d.pop("git", UNSET))

        _error = d.pop("error", UNSET)
        error: DeploymentError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = DeploymentError.from_dict(_error)

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        deployment_list_item = cls(
            id=id,
            created_at=created_at,
            short_code=short_code,
            version=version,
            runtime=runtime,
            runtime_version=runtime_version,
            status=status,
            deployed_at=deployed_at,
            git=git,
            error=error,
            external_id=external_id,
        )

        deployment_list_item.additional_properties = d
        return deployment_list_item

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
