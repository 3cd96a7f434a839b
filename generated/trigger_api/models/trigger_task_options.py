from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.machine_preset import MachinePreset
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.debounce_options import DebounceOptions
    from ..models.idempotency_key_options import IdempotencyKeyOptions
    from ..models.queue_options import QueueOptions


T = TypeVar("T", bound="TriggerTaskOptions")


@_attrs_define
class TriggerTaskOptions:
    """Options of one run. Every field is optional.

    Attributes:
        payload_type (str | Unset): How `payload` is encoded. `application/json` (the default): `payload` is a JSON
            value that the
            server serialises. Any other type (`application/super+json`, `text/plain`, `application/store`):
            `payload` is a string stored as it is.
        payload_size (int | Unset): Size in bytes of the payload before any offload (informational).
        queue (QueueOptions | Unset):
        concurrency_key (str | Unset): Runs with the same key share a copy of the queue's concurrency limit.
        delay (str | Unset): A duration (`30s`, `1h30m`, `2w`; units `w d h m s`) or an ISO-8601 instant; the run waits
            in
            `DELAYED` until then. A past instant means no delay.
        ttl (int | str | Unset): How long the run may wait to start before it expires (status `EXPIRED`): a duration
            string or a
            whole number of seconds.
        idempotency_key (str | Unset): Scoped to the environment and task. The official SDK sends the SHA-256 hex of the
            user key.
        idempotency_key_ttl (str | Unset): How long the idempotency key stays active (`30s`, `10m`, `2h`, `7d`); default
            30 days.
        idempotency_key_options (IdempotencyKeyOptions | Unset): The key as the user gave it, stored so that retrieving
            the run shows it instead of its hash.
        tags (list[str] | Unset): At most 10 tags of at most 128 characters each (the server also accepts one string).
        metadata (Any | Unset): A JSON object attached to the run, at most 256 KiB serialised.
        metadata_type (str | Unset): How `metadata` is encoded (default `application/json`).
        machine (MachinePreset | Unset): A machine preset (CPU and memory) for a run.
        max_attempts (int | Unset): Attempts in all, the first included.
        max_duration (int | Unset): Maximum compute time of the run in seconds (at least 5); past it the run is
            `TIMED_OUT`.
        priority (int | Unset): Seconds of queue-time credit; a higher priority starts before older runs.
        test (bool | Unset): Marks the run as a test run.
        lock_to_version (str | Unset): Pins the run to a worker version such as `20250101.1`.
        region (str | Unset): The region (worker group) to run in.
        external_deployment_id (str | Unset):
        debounce (DebounceOptions | Unset):
    """

    payload_type: str | Unset = UNSET
    payload_size: int | Unset = UNSET
    queue: QueueOptions | Unset = UNSET
    concurrency_key: str | Unset = UNSET
    delay: str | Unset = UNSET
    ttl: int | str | Unset = UNSET
    idempotency_key: str | Unset = UNSET
    idempotency_key_ttl: str | Unset = UNSET
    idempotency_key_options: IdempotencyKeyOptions | Unset = UNSET
    tags: list[str] | Unset = UNSET
    metadata: Any | Unset = UNSET
    metadata_type: str | Unset = UNSET
    machine: MachinePreset | Unset = UNSET
    max_attempts: int | Unset = UNSET
    max_duration: int | Unset = UNSET
    priority: int | Unset = UNSET
    test: bool | Unset = UNSET
    lock_to_version: str | Unset = UNSET
    region: str | Unset = UNSET
    external_deployment_id: str | Unset = UNSET
    debounce: DebounceOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payload_type = self.payload_type

        payload_size = self.payload_size

        queue: dict[str, Any] | Unset = UNSET
        if not isinstance(self.queue, Unset):
            queue = self.queue.to_dict()

        concurrency_key = self.concurrency_key

        delay = self.delay

        ttl: int | str | Unset
        if isinstance(self.ttl, Unset):
            ttl = UNSET
        else:
            ttl = self.ttl

        idempotency_key = self.idempotency_key

        idempotency_key_ttl = self.idempotency_key_ttl

        idempotency_key_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.idempotency_key_options, Unset):
            idempotency_key_options = self.idempotency_key_options.to_dict()

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        metadata = self.metadata

        metadata_type = self.metadata_type

        machine: str | Unset = UNSET
        if not isinstance(self.machine, Unset):
            machine = self.machine.value

        max_attempts = self.max_attempts

        max_duration = self.max_duration

        priority = self.priority

        test = self.test

        lock_to_version = self.lock_to_version

        region = self.region

        external_deployment_id = self.external_deployment_id

        debounce: dict[str, Any] | Unset = UNSET
        if not isinstance(self.debounce, Unset):
            debounce = self.debounce.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if payload_type is not UNSET:
            field_dict["payloadType"] = payload_type
        if payload_size is not UNSET:
            field_dict["payloadSize"] = payload_size
        if queue is not UNSET:
            field_dict["queue"] = queue
        if concurrency_key is not UNSET:
            field_dict["concurrencyKey"] = concurrency_key
        if delay is not UNSET:
            field_dict["delay"] = delay
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if idempotency_key_ttl is not UNSET:
            field_dict["idempotencyKeyTTL"] = idempotency_key_ttl
        if idempotency_key_options is not UNSET:
            field_dict["idempotencyKeyOptions"] = idempotency_key_options
        if tags is not UNSET:
            field_dict["tags"] = tags
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if metadata_type is not UNSET:
            field_dict["metadataType"] = metadata_type
        if machine is not UNSET:
            field_dict["machine"] = machine
        if max_attempts is not UNSET:
            field_dict["maxAttempts"] = max_attempts
        if max_duration is not UNSET:
            field_dict["maxDuration"] = max_duration
        if priority is not UNSET:
            field_dict["priority"] = priority
        if test is not UNSET:
            field_dict["test"] = test
        if lock_to_version is not UNSET:
            field_dict["lockToVersion"] = lock_to_version
        if region is not UNSET:
            field_dict["region"] = region
        if external_deployment_id is not UNSET:
            field_dict["externalDeploymentId"] = external_deployment_id
        if debounce is not UNSET:
            field_dict["debounce"] = debounce

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.debounce_options import DebounceOptions  # noqa: PLC0415
        from ..models.idempotency_key_options import IdempotencyKeyOptions  # noqa: PLC0415
        from ..models.queue_options import QueueOptions  # noqa: PLC0415

        d = dict(src_dict)
        payload_type = d.pop("payloadType", UNSET)

        payload_size = d.pop("payloadSize", UNSET)

        _queue = d.pop("queue", UNSET)
        queue: QueueOptions | Unset
        if isinstance(_queue, Unset):
            queue = UNSET
        else:
            queue = QueueOptions.from_dict(_queue)

        concurrency_key = d.pop("concurrencyKey", UNSET)

        delay = d.pop("delay", UNSET)

        def _parse_ttl(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        ttl = _parse_ttl(d.pop("ttl", UNSET))

        idempotency_key = d.pop("idempotencyKey", UNSET)

        idempotency_key_ttl = d.pop("idempotencyKeyTTL", UNSET)

        _idempotency_key_options = d.pop("idempotencyKeyOptions", UNSET)
        idempotency_key_options: IdempotencyKeyOptions | Unset
        if isinstance(_idempotency_key_options, Unset):
            idempotency_key_options = UNSET
        else:
            idempotency_key_options = IdempotencyKeyOptions.from_dict(
                _idempotency_key_options
            )

        tags = cast(list[str], d.pop("tags", UNSET))

        metadata = d.pop("metadata", UNSET)

        metadata_type = d.pop("metadataType", UNSET)

        _machine = d.pop("machine", UNSET)
        machine: MachinePreset | Unset
        if isinstance(_machine, Unset):
            machine = UNSET
        else:
            machine = MachinePreset(_machine)

        max_attempts = d.pop("maxAttempts", UNSET)

        max_duration = d.pop("maxDuration", UNSET)

        priority = d.pop("priority", UNSET)

        test = d.pop("test", UNSET)

        lock_to_version = d.pop("lockToVersion", UNSET)

        region = d.pop("region", UNSET)

        external_deployment_id = d.pop("externalDeploymentId", UNSET)

        _debounce = d.pop("debounce", UNSET)
        debounce: DebounceOptions | Unset
        if isinstance(_debounce, Unset):
            debounce = UNSET
        else:
            debounce = DebounceOptions.from_dict(_debounce)

        trigger_task_options = cls(
            payload_type=payload_type,
            payload_size=payload_size,
            queue=queue,
            concurrency_key=concurrency_key,
            delay=delay,
            ttl=ttl,
            idempotency_key=idempotency_key,
            idempotency_key_ttl=idempotency_key_ttl,
            idempotency_key_options=idempotency_key_options,
            tags=tags,
            metadata=metadata,
            metadata_type=metadata_type,
            machine=machine,
            max_attempts=max_attempts,
            max_duration=max_duration,
            priority=priority,
            test=test,
            lock_to_version=lock_to_version,
            region=region,
            external_deployment_id=external_deployment_id,
            debounce=debounce,
        )

        trigger_task_options.additional_properties = d
        return trigger_task_options

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
