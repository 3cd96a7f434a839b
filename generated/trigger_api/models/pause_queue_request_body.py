from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pause_queue_request_body_action import PauseQueueRequestBodyAction
from ..models.queue_param_type import QueueParamType
from ..types import UNSET, Unset

T = TypeVar("T", bound="PauseQueueRequestBody")


@_attrs_define
class PauseQueueRequestBody:
    """
    Attributes:
        action (PauseQueueRequestBodyAction):
        type_ (QueueParamType | Unset):
    """

    action: PauseQueueRequestBodyAction
    type_: QueueParamType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = PauseQueueRequestBodyAction(d.pop("action"))

        _type_ = d.pop("type", UNSET)
        type_: QueueParamType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = QueueParamType(_type_)

        pause_queue_request_body = cls(
            action=action,
            type_=type_,
        )

        pause_queue_request_body.additional_properties = d
        return pause_queue_request_body

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
