from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_bulk_action_request_body_action import (
    CreateBulkActionRequestBodyAction,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_action_filter import BulkActionFilter


T = TypeVar("T", bound="CreateBulkActionRequestBody")


@_attrs_define
class CreateBulkActionRequestBody:
    """Exactly one of `runIds` and `filter`.

    Attributes:
        action (CreateBulkActionRequestBodyAction):
        name (str | Unset):
        target_region (str | Unset): Replay only: the region the new runs run in (default: each run's own region).
        run_ids (list[str] | Unset):
        filter_ (BulkActionFilter | Unset): The run-list filters (`GET /api/v1/runs`) as a JSON object; at least one
            must be given. Where a
            list is allowed, a single value may be sent instead. Statuses are the v4 names (`RunStatus`).
    """

    action: CreateBulkActionRequestBodyAction
    name: str | Unset = UNSET
    target_region: str | Unset = UNSET
    run_ids: list[str] | Unset = UNSET
    filter_: BulkActionFilter | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        name = self.name

        target_region = self.target_region

        run_ids: list[str] | Unset = UNSET
        if not isinstance(self.run_ids, Unset):
            run_ids = self.run_ids

        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if target_region is not UNSET:
            field_dict["targetRegion"] = target_region
        if run_ids is not UNSET:
            field_dict["runIds"] = run_ids
        if filter_ is not UNSET:
            field_dict["filter"] = filter_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_action_filter import BulkActionFilter  # noqa: PLC0415

        d = dict(src_dict)
        action = CreateBulkActionRequestBodyAction(d.pop("action"))

        name = d.pop("name", UNSET)

        target_region = d.pop("targetRegion", UNSET)

        run_ids = cast(list[str], d.pop("runIds", UNSET))

        _filter_ = d.pop("filter", UNSET)
        filter_: BulkActionFilter | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = BulkActionFilter.from_dict(_filter_)

        create_bulk_action_request_body = cls(
            action=action,
            name=name,
            target_region=target_region,
            run_ids=run_ids,
            filter_=filter_,
        )

        create_bulk_action_request_body.additional_properties = d
        return create_bulk_action_request_body

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
