from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trace_span_data import TraceSpanData


T = TypeVar("T", bound="TraceSpan")


@_attrs_define
class TraceSpan:
    """
    Attributes:
        id (str):
        run_id (str):
        data (TraceSpanData):
        children (list[TraceSpan]):
        parent_id (str | Unset):
    """

    id: str
    run_id: str
    data: TraceSpanData
    children: list[TraceSpan]
    parent_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        run_id = self.run_id

        data = self.data.to_dict()

        children = []
        for children_item_data in self.children:
            children_item = children_item_data.to_dict()
            children.append(children_item)

        parent_id = self.parent_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "runId": run_id,
                "data": data,
                "children": children,
            }
        )
        if parent_id is not UNSET:
            field_dict["parentId"] = parent_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trace_span_data import TraceSpanData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        run_id = d.pop("runId")

        data = TraceSpanData.from_dict(d.pop("data"))

        children = []
        _children = d.pop("children")
        for children_item_data in _children:
            children_item = TraceSpan.from_dict(children_item_data)

            children.append(children_item)

        parent_id = d.pop("parentId", UNSET)

        trace_span = cls(
            id=id,
            run_id=run_id,
            data=data,
            children=children,
            parent_id=parent_id,
        )

        trace_span.additional_properties = d
        return trace_span

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
