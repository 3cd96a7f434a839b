from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.run_trace import RunTrace


T = TypeVar("T", bound="RetrieveRunTraceResponse")


@_attrs_define
class RetrieveRunTraceResponse:
    """
    Attributes:
        trace (RunTrace):
    """

    trace: RunTrace
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trace = self.trace.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "trace": trace,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_trace import RunTrace  # noqa: PLC0415

        d = dict(src_dict)
        trace = RunTrace.from_dict(d.pop("trace"))

        retrieve_run_trace_response = cls(
            trace=trace,
        )

        retrieve_run_trace_response.additional_properties = d
        return retrieve_run_trace_response

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
