from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.machine_preset import MachinePreset
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReplayRunRequestBody")


@_attrs_define
class ReplayRunRequestBody:
    """Options that replace those of the original run. Every field is optional.

    Attributes:
        payload (Any | Unset): A new payload, encoded as `payloadType` says.
        payload_type (str | Unset):
        tags (list[str] | Unset):
        metadata (Any | Unset): A JSON object.
        queue (str | Unset):
        concurrency_key (str | Unset):
        machine (MachinePreset | Unset): A machine preset (CPU and memory) for a run.
        version (str | Unset):
        region (str | Unset):
        delay (str | Unset):
        ttl (str | Unset):
        idempotency_key (str | Unset):
        idempotency_key_ttl (str | Unset):
        max_attempts (int | Unset):
        max_duration (int | Unset):
        priority (int | Unset):
    """

    payload: Any | Unset = UNSET
    payload_type: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    metadata: Any | Unset = UNSET
    queue: str | Unset = UNSET
    concurrency_key: str | Unset = UNSET
    machine: MachinePreset | Unset = UNSET
    version: str | Unset = UNSET
    region: str | Unset = UNSET
    delay: str | Unset = UNSET
    ttl: str | Unset = UNSET
    idempotency_key: str | Unset = UNSET
    idempotency_key_ttl: str | Unset = UNSET
    max_attempts: int | Unset = UNSET
    max_duration: int | Unset = UNSET
    priority: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payload = self.payload

        payload_type = self.payload_type

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        metadata = self.metadata

        queue = self.queue

        concurrency_key = self.concurrency_key

        machine: str | Unset = UNSET
        if not isinstance(self.machine, Unset):
            machine = self.machine.value

        version = self.version

        region = self.region

        delay = self.delay

        ttl = self.ttl

        idempotency_key = self.idempotency_key

        idempotency_key_ttl = self.idempotency_key_ttl

        max_attempts = self.max_attempts

        max_duration = self.max_duration

        priority = self.priority

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if payload is not UNSET:
            field_dict["payload"] = payload
        if payload_type is not UNSET:
            field_dict["payloadType"] = payload_type
        if tags is not UNSET:
            field_dict["tags"] = tags
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if queue is not UNSET:
            field_dict["queue"] = queue
        if concurrency_key is not UNSET:
            field_dict["concurrencyKey"] = concurrency_key
        if machine is not UNSET:
            field_dict["machine"] = machine
        if version is not UNSET:
            field_dict["version"] = version
        if region is not UNSET:
            field_dict["region"] = region
        if delay is not UNSET:
            field_dict["delay"] = delay
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if idempotency_key_ttl is not UNSET:
            field_dict["idempotencyKeyTTL"] = idempotency_key_ttl
        if max_attempts is not UNSET:
            field_dict["maxAttempts"] = max_attempts
        if max_duration is not UNSET:
            field_dict["maxDuration"] = max_duration
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        payload = d.pop("payload", UNSET)

        payload_type = d.pop("payloadType", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        metadata = d.pop("metadata", UNSET)

        queue = d.pop("queue", UNSET)

        concurrency_key = d.pop("concurrencyKey", UNSET)

        _machine = d.pop("machine", UNSET)
        machine: MachinePreset | Unset
        if isinstance(_machine, Unset):
            machine = UNSET
        else:
            machine = MachinePreset(_machine)

        version = d.pop("version", UNSET)

        region = d.pop("region", UNSET)

        delay = d.pop("delay", UNSET)

        ttl = d.pop("ttl", UNSET)

        idempotency_key = d.pop("idempotencyKey", UNSET)

        idempotency_key_ttl = d.pop("idempotencyKeyTTL", UNSET)

        max_attempts = d.pop("maxAttempts", UNSET)

        max_duration = d.pop("maxDuration", UNSET)

        priority = d.pop("priority", UNSET)

        replay_run_request_body = cls(
            payload=payload,
            payload_type=payload_type,
            tags=tags,
            metadata=metadata,
            queue=queue,
            concurrency_key=concurrency_key,
            machine=machine,
            version=version,
            region=region,
            delay=delay,
            ttl=ttl,
            idempotency_key=idempotency_key,
            idempotency_key_ttl=idempotency_key_ttl,
            max_attempts=max_attempts,
            max_duration=max_duration,
            priority=priority,
        )

        replay_run_request_body.additional_properties = d
        return replay_run_request_body

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
