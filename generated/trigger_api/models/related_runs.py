from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.related_run import RelatedRun


T = TypeVar("T", bound="RelatedRuns")


@_attrs_define
class RelatedRuns:
    """
    Attributes:
        root (RelatedRun | Unset): A run related to the retrieved one (its root, parent or a child).
        parent (RelatedRun | Unset): A run related to the retrieved one (its root, parent or a child).
        children (list[RelatedRun] | Unset):
    """

    root: RelatedRun | Unset = UNSET
    parent: RelatedRun | Unset = UNSET
    children: list[RelatedRun] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        root: dict[str, Any] | Unset = UNSET
        if not isinstance(self.root, Unset):
            root = self.root.to_dict()

        parent: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parent, Unset):
            parent = self.parent.to_dict()

        children: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.children, Unset):
            children = []
            for children_item_data in self.children:
                children_item = children_item_data.to_dict()
                children.append(children_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if root is not UNSET:
            field_dict["root"] = root
        if parent is not UNSET:
            field_dict["parent"] = parent
        if children is not UNSET:
            field_dict["children"] = children

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_run import RelatedRun  # noqa: PLC0415

        d = dict(src_dict)
        _root = d.pop("root", UNSET)
        root: RelatedRun | Unset
        if isinstance(_root, Unset):
            root = UNSET
        else:
            root = RelatedRun.from_dict(_root)

        _parent = d.pop("parent", UNSET)
        parent: RelatedRun | Unset
        if isinstance(_parent, Unset):
            parent = UNSET
        else:
            parent = RelatedRun.from_dict(_parent)

        _children = d.pop("children", UNSET)
        children: list[RelatedRun] | Unset = UNSET
        if _children is not UNSET:
            children = []
            for children_item_data in _children:
                children_item = RelatedRun.from_dict(children_item_data)

                children.append(children_item)

        related_runs = cls(
            root=root,
            parent=parent,
            children=children,
        )

        related_runs.additional_properties = d
        return related_runs

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
