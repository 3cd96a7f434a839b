from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.span_ai_usage import SpanAIUsage
    from ..models.span_detail_properties import SpanDetailProperties
    from ..models.triggered_run import TriggeredRun


T = TypeVar("T", bound="SpanDetail")


@_attrs_define
class SpanDetail:
    """
    Attributes:
        span_id (str):
        parent_id (None | str):
        run_id (str):
        message (str):
        is_error (bool):
        is_partial (bool):
        is_cancelled (bool):
        level (str):
        start_time (datetime.datetime):
        duration_ms (float):
        properties (SpanDetailProperties | Unset):
        events (list[Any] | Unset):
        entity_type (str | Unset):
        ai (SpanAIUsage | Unset): The model call a span records; costs in US dollars.
        triggered_runs (list[TriggeredRun] | Unset):
    """

    span_id: str
    parent_id: None | str
    run_id: str
    message: str
    is_error: bool
    is_partial: bool
    is_cancelled: bool
    level: str
    start_time: datetime.datetime
    duration_ms: float
    properties: SpanDetailProperties | Unset = UNSET
    events: list[Any] | Unset = UNSET
    entity_type: str | Unset = UNSET
    ai: SpanAIUsage | Unset = UNSET
    triggered_runs: list[TriggeredRun] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        span_id = self.span_id

        parent_id: None | str
        parent_id = self.parent_id

        run_id = self.run_id

        message = self.message

        is_error = self.is_error

        is_partial = self.is_partial

        is_cancelled = self.is_cancelled

        level = self.level

        start_time = self.start_time.isoformat()

        duration_ms = self.duration_ms

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        events: list[Any] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events

        entity_type = self.entity_type

        ai: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ai, Unset):
            ai = self.ai.to_dict()

        triggered_runs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.triggered_runs, Unset):
            triggered_runs = []
            for triggered_runs_item_data in self.triggered_runs:
                triggered_runs_item = triggered_runs_item_data.to_dict()
                triggered_runs.append(triggered_runs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "spanId": span_id,
                "parentId": parent_id,
                "runId": run_id,
                "message": message,
                "isError": is_error,
                "isPartial": is_partial,
                "isCancelled": is_cancelled,
                "level": level,
                "startTime": start_time,
                "durationMs": duration_ms,
            }
        )
        if properties is not UNSET:
            field_dict["properties"] = properties
        if events is not UNSET:
            field_dict["events"] = events
        if entity_type is not UNSET:
            field_dict["entityType"] = entity_type
        if ai is not UNSET:
            field_dict["ai"] = ai
        if triggered_runs is not UNSET:
            field_dict["triggeredRuns"] = triggered_runs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.span_ai_usage import SpanAIUsage  # noqa: PLC0415
        from ..models.span_detail_properties import SpanDetailProperties  # noqa: PLC0415
        from ..models.triggered_run import TriggeredRun  # noqa: PLC0415

        d = dict(src_dict)
        span_id = d.pop("spanId")

        def _parse_parent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_id = _parse_parent_id(d.pop("parentId"))

        run_id = d.pop("runId")

        message = d.pop("message")

        is_error = d.pop("isError")

        is_partial = d.pop("isPartial")

        is_cancelled = d.pop("isCancelled")

        level = d.pop("level")

        start_time = datetime.datetime.fromisoformat(d.pop("startTime"))

        duration_ms = d.pop("durationMs")

        _properties = d.pop("properties", UNSET)
        properties: SpanDetailProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = SpanDetailProperties.from_dict(_properties)

        events = cast(list[Any], d.pop("events", UNSET))

        entity_type = d.pop("entityType", UNSET)

        _ai = d.pop("ai", UNSET)
        ai: SpanAIUsage | Unset
        if isinstance(_ai, Unset):
            ai = UNSET
        else:
            ai = SpanAIUsage.from_dict(_ai)

        _triggered_runs = d.pop("triggeredRuns", UNSET)
        triggered_runs: list[TriggeredRun] | Unset = UNSET
        if _triggered_runs is not UNSET:
            triggered_runs = []
            for triggered_runs_item_data in _triggered_runs:
                triggered_runs_item = TriggeredRun.from_dict(triggered_runs_item_data)

                triggered_runs.append(triggered_runs_item)

        span_detail = cls(
            span_id=span_id,
            parent_id=parent_id,
            run_id=run_id,
            message=message,
            is_error=is_error,
            is_partial=is_partial,
            is_cancelled=is_cancelled,
            level=level,
            start_time=start_time,
            duration_ms=duration_ms,
            properties=properties,
            events=events,
            entity_type=entity_type,
            ai=ai,
            triggered_runs=triggered_runs,
        )

        span_detail.additional_properties = d
        return span_detail

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
