from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trigger_task_options import TriggerTaskOptions


T = TypeVar("T", bound="TriggerTaskRequestBody")


@_attrs_define
class TriggerTaskRequestBody:
    """
    Attributes:
        payload (Any | Unset): The payload of the run, encoded as `options.payloadType` says.
        context (Any | Unset): Unused by the server.
        options (TriggerTaskOptions | Unset): Options of one run. Every field is optional.
    """

    payload: Any | Unset = UNSET
    context: Any | Unset = UNSET
    options: TriggerTaskOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payload = self.payload

        context = self.context

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if payload is not UNSET:
            field_dict["payload"] = payload
        if context is not UNSET:
            field_dict["context"] = context
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trigger_task_options import TriggerTaskOptions  # noqa: PLC0415

        d = dict(src_dict)
        payload = d.pop("payload", UNSET)

        context = d.pop("context", UNSET)

        _options = d.pop("options", UNSET)
        options: TriggerTaskOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = TriggerTaskOptions.from_dict(_options)

        trigger_task_request_body = cls(
            payload=payload,
            context=context,
            options=options,
        )

        trigger_task_request_body.additional_properties = d
        return trigger_task_request_body

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
