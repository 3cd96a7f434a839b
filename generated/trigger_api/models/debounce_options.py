from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.debounce_options_mode import DebounceOptionsMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="DebounceOptions")


@_attrs_define
class DebounceOptions:
    """
    Attributes:
        key (str):
        delay (str): A duration such as `30s` or `5m`.
        mode (DebounceOptionsMode | Unset):
        max_delay (str | Unset): A duration longer than `delay`.
    """

    key: str
    delay: str
    mode: DebounceOptionsMode | Unset = UNSET
    max_delay: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        delay = self.delay

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        max_delay = self.max_delay

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "delay": delay,
            }
        )
        if mode is not UNSET:
            field_dict["mode"] = mode
        if max_delay is not UNSET:
            field_dict["maxDelay"] = max_delay

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        delay = d.pop("delay")

        _mode = d.pop("mode", UNSET)
        mode: DebounceOptionsMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = DebounceOptionsMode(_mode)

        max_delay = d.pop("maxDelay", UNSET)

        debounce_options = cls(
            key=key,
            delay=delay,
            mode=mode,
            max_delay=max_delay,
        )

        debounce_options.additional_properties = d
        return debounce_options

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
