from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trace_span import TraceSpan


T = TypeVar("T", bound="RunTrace")


@_attrs_define
class RunTrace:
    """
    Attributes:
        trace_id (str):
        root_span (TraceSpan):
    """

    trace_id: str
    root_span: TraceSpan
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trace_id = self.trace_id

        root_span = self.root_span.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "traceId": trace_id,
                "rootSpan": root_span,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trace_span import TraceSpan  # noqa: PLC0415

        d = dict(src_dict)
        trace_id = d.pop("traceId")

        root_span = TraceSpan.from_dict(d.pop("rootSpan"))

        run_trace = cls(
            trace_id=trace_id,
            root_span=root_span,
        )

        run_trace.additional_properties = d
        return run_trace

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
