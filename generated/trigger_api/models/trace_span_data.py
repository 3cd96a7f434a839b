from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trace_span_data_properties import TraceSpanDataProperties


T = TypeVar("T", bound="TraceSpanData")


@_attrs_define
class TraceSpanData:
    """
    Attributes:
        message (str):
        start_time (datetime.datetime):
        duration (float): Nanoseconds.
        is_error (bool):
        is_partial (bool): The span has not ended yet.
        is_cancelled (bool):
        level (str):
        task_slug (str | Unset):
        task_path (str | Unset):
        events (list[Any] | Unset):
        worker_version (str | Unset):
        queue_name (str | Unset):
        machine_preset (str | Unset):
        properties (TraceSpanDataProperties | Unset):
        output (Any | Unset):
    """

    message: str
    start_time: datetime.datetime
    duration: float
    is_error: bool
    is_partial: bool
    is_cancelled: bool
    level: str
    task_slug: str | Unset = UNSET
    task_path: str | Unset = UNSET
    events: list[Any] | Unset = UNSET
    worker_version: str | Unset = UNSET
    queue_name: str | Unset = UNSET
    machine_preset: str | Unset = UNSET
    properties: TraceSpanDataProperties | Unset = UNSET
    output: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        start_time = self.start_time.isoformat()

        duration = self.duration

        is_error = self.is_error

        is_partial = self.is_partial

        is_cancelled = self.is_cancelled

        level = self.level

        task_slug = self.task_slug

        task_path = self.task_path

        events: list[Any] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events

        worker_version = self.worker_version

        queue_name = self.queue_name

        machine_preset = self.machine_preset

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        output = self.output

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "startTime": start_time,
                "duration": duration,
                "isError": is_error,
                "isPartial": is_partial,
                "isCancelled": is_cancelled,
                "level": level,
            }
        )
        if task_slug is not UNSET:
            field_dict["taskSlug"] = task_slug
        if task_path is not UNSET:
            field_dict["taskPath"] = task_path
        if events is not UNSET:
            field_dict["events"] = events
        if worker_version is not UNSET:
            field_dict["workerVersion"] = worker_version
        if queue_name is not UNSET:
            field_dict["queueName"] = queue_name
        if machine_preset is not UNSET:
            field_dict["machinePreset"] = machine_preset
        if properties is not UNSET:
            field_dict["properties"] = properties
        if output is not UNSET:
            field_dict["output"] = output

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trace_span_data_properties import TraceSpanDataProperties  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        start_time = datetime.datetime.fromisoformat(d.pop("startTime"))

        duration = d.pop("duration")

        is_error = d.pop("isError")

        is_partial = d.pop("isPartial")

        is_cancelled = d.pop("isCancelled")

        level = d.pop("level")

        task_slug = d.pop("taskSlug", UNSET)

        task_path = d.pop("taskPath", UNSET)

        events = cast(list[Any], d.pop("events", UNSET))

        worker_version = d.pop("workerVersion", UNSET)

        queue_name = d.pop("queueName", UNSET)

        machine_preset = d.pop("machinePreset", UNSET)

        _properties = d.pop("properties", UNSET)
        properties: TraceSpanDataProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = TraceSpanDataProperties.from_dict(_properties)

        output = d.pop("output", UNSET)

        trace_span_data = cls(
            message=message,
            start_time=start_time,
            duration=duration,
            is_error=is_error,
            is_partial=is_partial,
            is_cancelled=is_cancelled,
            level=level,
            task_slug=task_slug,
            task_path=task_path,
            events=events,
            worker_version=worker_version,
            queue_name=queue_name,
            machine_preset=machine_preset,
            properties=properties,
            output=output,
        )

        trace_span_data.additional_properties = d
        return trace_span_data

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
