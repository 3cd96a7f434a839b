from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpanAIUsage")


@_attrs_define
class SpanAIUsage:
    """The model call a span records; costs in US dollars.

    Attributes:
        model (str):
        provider (str):
        operation_name (str):
        input_tokens (float):
        output_tokens (float):
        total_tokens (float):
        duration_ms (float):
        cached_tokens (float | Unset):
        reasoning_tokens (float | Unset):
        input_cost (float | Unset):
        output_cost (float | Unset):
        total_cost (float | Unset):
        cached_cost (float | Unset):
        cache_creation_cost (float | Unset):
        tokens_per_second (float | Unset):
        ms_to_first_chunk (float | Unset):
        finish_reason (str | Unset):
        response_text (str | Unset):
    """

    model: str
    provider: str
    operation_name: str
    input_tokens: float
    output_tokens: float
    total_tokens: float
    duration_ms: float
    cached_tokens: float | Unset = UNSET
    reasoning_tokens: float | Unset = UNSET
    input_cost: float | Unset = UNSET
    output_cost: float | Unset = UNSET
    total_cost: float | Unset = UNSET
    cached_cost: float | Unset = UNSET
    cache_creation_cost: float | Unset = UNSET
    tokens_per_second: float | Unset = UNSET
    ms_to_first_chunk: float | Unset = UNSET
    finish_reason: str | Unset = UNSET
    response_text: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        provider = self.provider

        operation_name = self.operation_name

        input_tokens = self.input_tokens

        output_tokens = self.output_tokens

        total_tokens = self.total_tokens

        duration_ms = self.duration_ms

        cached_tokens = self.cached_tokens

        reasoning_tokens = self.reasoning_tokens

        input_cost = self.input_cost

        output_cost = self.output_cost

        total_cost = self.total_cost

        cached_cost = self.cached_cost

        cache_creation_cost = self.cache_creation_cost

        tokens_per_second = self.tokens_per_second

        ms_to_first_chunk = self.ms_to_first_chunk

        finish_reason = self.finish_reason

        response_text = self.response_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "provider": provider,
                "operationName": operation_name,
                "inputTokens": input_tokens,
                "outputTokens": output_tokens,
                "totalTokens": total_tokens,
                "durationMs": duration_ms,
            }
        )
        if cached_tokens is not UNSET:
            field_dict["cachedTokens"] = cached_tokens
        if reasoning_tokens is not UNSET:
            field_dict["reasoningTokens"] = reasoning_tokens
        if input_cost is not UNSET:
            field_dict["inputCost"] = input_cost
        if output_cost is not UNSET:
            field_dict["outputCost"] = output_cost
        if total_cost is not UNSET:
            field_dict["totalCost"] = total_cost
        if cached_cost is not UNSET:
            field_dict["cachedCost"] = cached_cost
        if cache_creation_cost is not UNSET:
            field_dict["cacheCreationCost"] = cache_creation_cost
        if tokens_per_second is not UNSET:
            field_dict["tokensPerSecond"] = tokens_per_second
        if ms_to_first_chunk is not UNSET:
            field_dict["msToFirstChunk"] = ms_to_first_chunk
        if finish_reason is not UNSET:
            field_dict["finishReason"] = finish_reason
        if response_text is not UNSET:
            field_dict["responseText"] = response_text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = d.pop("model")

        provider = d.pop("provider")

        operation_name = d.pop("operationName")

        input_tokens = d.pop("inputTokens")

        output_tokens = d.pop("outputTokens")

        total_tokens = d.pop("totalTokens")

        duration_ms = d.pop("durationMs")

        cached_tokens = d.pop("cachedTokens", UNSET)

        reasoning_tokens = d.pop("reasoningTokens", UNSET)

        input_cost = d.pop("inputCost", UNSET)

        output_cost = d.pop("outputCost", UNSET)

        total_cost = d.pop("totalCost", UNSET)

        cached_cost = d.pop("cachedCost", UNSET)

        cache_creation_cost = d.pop("cacheCreationCost", UNSET)

        tokens_per_second = d.pop("tokensPerSecond", UNSET)

        ms_to_first_chunk = d.pop("msToFirstChunk", UNSET)

        finish_reason = d.pop("finishReason", UNSET)

        response_text = d.pop("responseText", UNSET)

        span_ai_usage = cls(
            model=model,
            provider=provider,
            operation_name=operation_name,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            total_tokens=total_tokens,
            duration_ms=duration_ms,
            cached_tokens=cached_tokens,
            reasoning_tokens=reasoning_tokens,
            input_cost=input_cost,
            output_cost=output_cost,
            total_cost=total_cost,
            cached_cost=cached_cost,
            cache_creation_cost=cache_creation_cost,
            tokens_per_second=tokens_per_second,
            ms_to_first_chunk=ms_to_first_chunk,
            finish_reason=finish_reason,
            response_text=response_text,
        )

        span_ai_usage.additional_properties = d
        return span_ai_usage

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
