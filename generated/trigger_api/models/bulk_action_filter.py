from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.machine_preset import MachinePreset
from ..models.run_status import RunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.queue_type_name import QueueTypeName


T = TypeVar("T", bound="BulkActionFilter")


@_attrs_define
class BulkActionFilter:
    """The run-list filters (`GET /api/v1/runs`) as a JSON object; at least one must be given. Where a
    list is allowed, a single value may be sent instead. Statuses are the v4 names (`RunStatus`).

        Attributes:
            status (list[RunStatus] | RunStatus | Unset):
            task_identifier (list[str] | str | Unset):
            version (list[str] | str | Unset):
            from_ (int | str | Unset): Created at or after this instant (ISO 8601, or epoch milliseconds).
            to (int | str | Unset): Created at or before this instant (ISO 8601, or epoch milliseconds).
            period (str | Unset): Created within this look-back period, such as `1h` or `7d`.
            bulk_action (str | Unset):
            tag (list[str] | str | Unset):
            schedule (str | Unset):
            is_test (bool | Unset):
            batch (str | Unset):
            queue (list[QueueTypeName] | QueueTypeName | Unset):
            machine (list[MachinePreset] | MachinePreset | Unset):
            region (list[str] | str | Unset):
    """

    status: list[RunStatus] | RunStatus | Unset = UNSET
    task_identifier: list[str] | str | Unset = UNSET
    version: list[str] | str | Unset = UNSET
    from_: int | str | Unset = UNSET
    to: int | str | Unset = UNSET
    period: str | Unset = UNSET
    bulk_action: str | Unset = UNSET
    tag: list[str] | str | Unset = UNSET
    schedule: str | Unset = UNSET
    is_test: bool | Unset = UNSET
    batch: str | Unset = UNSET
    queue: list[QueueTypeName] | QueueTypeName | Unset = UNSET
    machine: list[MachinePreset] | MachinePreset | Unset = UNSET
    region: list[str] | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.queue_type_name import QueueTypeName  # noqa: PLC0415

        status: list[str] | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, RunStatus):
            status = self.status.value
        else:
            status = []
            for status_type_1_item_data in self.status:
                status_type_1_item = status_type_1_item_data.value
                status.append(status_type_1_item)

        task_identifier: list[str] | str | Unset
        if isinstance(self.task_identifier, Unset):
            task_identifier = UNSET
        elif isinstance(self.task_identifier, list):
            task_identifier = self.task_identifier

        else:
            task_identifier = self.task_identifier

        version: list[str] | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        elif isinstance(self.version, list):
            version = self.version

        else:
            version = self.version

        from_: int | str | Unset
        if isinstance(self.from_, Unset):
            from_ = UNSET
        else:
            from_ = self.from_

        to: int | str | Unset
        if isinstance(self.to, Unset):
            to = UNSET
        else:
            to = self.to

        period = self.period

        bulk_action = self.bulk_action

        tag: list[str] | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        elif isinstance(self.tag, list):
            tag = self.tag

        else:
            tag = self.tag

        schedule = self.schedule

        is_test = self.is_test

        batch = self.batch

        queue: dict[str, Any] | list[dict[str, Any]] | Unset
        if isinstance(self.queue, Unset):
            queue = UNSET
        elif isinstance(self.queue, QueueTypeName):
            queue = self.queue.to_dict()
        else:
            queue = []
            for queue_type_1_item_data in self.queue:
                queue_type_1_item = queue_type_1_item_data.to_dict()
                queue.append(queue_type_1_item)

        machine: list[str] | str | Unset
        if isinstance(self.machine, Unset):
            machine = UNSET
        elif isinstance(self.machine, MachinePreset):
            machine = self.machine.value
        else:
            machine = []
            for machine_type_1_item_data in self.machine:
                machine_type_1_item = machine_type_1_item_data.value
                machine.append(machine_type_1_item)

        region: list[str] | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        elif isinstance(self.region, list):
            region = self.region

        else:
            region = self.region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if task_identifier is not UNSET:
            field_dict["taskIdentifier"] = task_identifier
        if version is not UNSET:
            field_dict["version"] = version
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if period is not UNSET:
            field_dict["period"] = period
        if bulk_action is not UNSET:
            field_dict["bulkAction"] = bulk_action
        if tag is not UNSET:
            field_dict["tag"] = tag
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if is_test is not UNSET:
            field_dict["isTest"] = is_test
        if batch is not UNSET:
            field_dict["batch"] = batch
        if queue is not UNSET:
            field_dict["queue"] = queue
        if machine is not UNSET:
            field_dict["machine"] = machine
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.queue_type_name import QueueTypeName  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_status(data: object) -> list[RunStatus] | RunStatus | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = RunStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            status_type_1 = []
            _status_type_1 = data
            for status_type_1_item_data in _status_type_1:
                status_type_1_item = RunStatus(status_type_1_item_data)

                status_type_1.append(status_type_1_item)

            return status_type_1

        status = _parse_status(d.pop("status", UNSET))

        def _parse_task_identifier(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                task_identifier_type_1 = cast(list[str], data)

                return task_identifier_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        task_identifier = _parse_task_identifier(d.pop("taskIdentifier", UNSET))

        def _parse_version(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                version_type_1 = cast(list[str], data)

                return version_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        def _parse_from_(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        from_ = _parse_from_(d.pop("from", UNSET))

        def _parse_to(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        to = _parse_to(d.pop("to", UNSET))

        period = d.pop("period", UNSET)

        bulk_action = d.pop("bulkAction", UNSET)

        def _parse_tag(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tag_type_1 = cast(list[str], data)

                return tag_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        tag = _parse_tag(d.pop("tag", UNSET))

        schedule = d.pop("schedule", UNSET)

        is_test = d.pop("isTest", UNSET)

        batch = d.pop("batch", UNSET)

        def _parse_queue(data: object) -> list[QueueTypeName] | QueueTypeName | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                queue_type_0 = QueueTypeName.from_dict(data)

                return queue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            queue_type_1 = []
            _queue_type_1 = data
            for queue_type_1_item_data in _queue_type_1:
                queue_type_1_item = QueueTypeName.from_dict(queue_type_1_item_data)

                queue_type_1.append(queue_type_1_item)

            return queue_type_1

        queue = _parse_queue(d.pop("queue", UNSET))

        def _parse_machine(data: object) -> list[MachinePreset] | MachinePreset | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                machine_type_0 = MachinePreset(data)

                return machine_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            machine_type_1 = []
            _machine_type_1 = data
            for machine_type_1_item_data in _machine_type_1:
                machine_type_1_item = MachinePreset(machine_type_1_item_data)

                machine_type_1.append(machine_type_1_item)

            return machine_type_1

        machine = _parse_machine(d.pop("machine", UNSET))

        def _parse_region(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                region_type_1 = cast(list[str], data)

                return region_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        bulk_action_filter = cls(
            status=status,
            task_identifier=task_identifier,
            version=version,
            from_=from_,
            to=to,
            period=period,
            bulk_action=bulk_action,
            tag=tag,
            schedule=schedule,
            is_test=is_test,
            batch=batch,
            queue=queue,
            machine=machine,
            region=region,
        )

        bulk_action_filter.additional_properties = d
        return bulk_action_filter

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
