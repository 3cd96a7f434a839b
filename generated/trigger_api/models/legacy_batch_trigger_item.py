from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_item_options import BatchItemOptions


T = TypeVar("T", bound="LegacyBatchTriggerItem")


@_attrs_define
class LegacyBatchTriggerItem:
    """
    Attributes:
        task (str): The task identifier.
        payload (Any | Unset): The payload, encoded as `options.payloadType` says (JSON by default).
        context (Any | Unset): Unused by the server.
        options (BatchItemOptions | Unset): The options of one batch item; the same meaning as `TriggerTaskOptions`.
    """

    task: str
    payload: Any | Unset = UNSET
    context: Any | Unset = UNSET
    options: BatchItemOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task = self.task

        payload = self.payload

        context = self.context

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task": task,
            }
        )
        if payload is not UNSET:
            field_dict["payload"] = payload
        if context is not UNSET:
            field_dict["context"] = context
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_item_options import BatchItemOptions  # noqa: PLC0415

        d = dict(src_dict)
        task = d.pop("task")

        payload = d.pop("payload", UNSET)

        context = d.pop("context", UNSET)

        _options = d.pop("options", UNSET)
        options: BatchItemOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = BatchItemOptions.from_dict(_options)

        legacy_batch_trigger_item = cls(
            task=task,
            payload=payload,
            context=context,
            options=options,
        )

        legacy_batch_trigger_item.additional_properties = d
        return legacy_batch_trigger_item

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
