from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkerTask")


@_attrs_define
class WorkerTask:
    """
    Attributes:
        id (str): The task's id in this worker (`task_…`).
        slug (str): The task identifier.
        file_path (str):
        trigger_source (str): `STANDARD`, or `SCHEDULED` for a scheduled task. New values may be added.
        created_at (datetime.datetime):
        payload_schema (Any | Unset): The JSON Schema of the task's payload, as the SDK derived it from the `schema` of
            a `schemaTask`;
            null (or absent) for a task without one.
        queue_config (Any | Unset): The queue the task declared (`{"name"?, "concurrencyLimit"?}`), or null.
    """

    id: str
    slug: str
    file_path: str
    trigger_source: str
    created_at: datetime.datetime
    payload_schema: Any | Unset = UNSET
    queue_config: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        file_path = self.file_path

        trigger_source = self.trigger_source

        created_at = self.created_at.isoformat()

        payload_schema = self.payload_schema

        queue_config = self.queue_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "filePath": file_path,
                "triggerSource": trigger_source,
                "createdAt": created_at,
            }
        )
        if payload_schema is not UNSET:
            field_dict["payloadSchema"] = payload_schema
        if queue_config is not UNSET:
            field_dict["queueConfig"] = queue_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        file_path = d.pop("filePath")

        trigger_source = d.pop("triggerSource")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        payload_schema = d.pop("payloadSchema", UNSET)

        queue_config = d.pop("queueConfig", UNSET)

        worker_task = cls(
            id=id,
            slug=slug,
            file_path=file_path,
            trigger_source=trigger_source,
            created_at=created_at,
            payload_schema=payload_schema,
            queue_config=queue_config,
        )

        worker_task.additional_properties = d
        return worker_task

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
