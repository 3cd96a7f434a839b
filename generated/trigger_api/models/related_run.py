from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..models.trigger_function import TriggerFunction
from ..types import UNSET, Unset

T = TypeVar("T", bound="RelatedRun")


@_attrs_define
class RelatedRun:
    """A run related to the retrieved one (its root, parent or a child).

    Attributes:
        id (str):
        status (RunStatus): The status of a run in the v4 vocabulary (sent when the request carries
            `x-trigger-api-version: 2025-07-16`). New values may be added: clients must accept unknown values.

            * `PENDING_VERSION`: waiting for a deployed version that has the task
            * `QUEUED`: waiting in its queue
            * `DEQUEUED`: taken from the queue, starting
            * `EXECUTING`: running (including between attempts)
            * `WAITING`: suspended on a wait, will resume
            * `DELAYED`: scheduled to start later
            * `COMPLETED`: finished successfully
            * `CANCELED`: cancelled by a user
            * `FAILED`: failed after its attempts
            * `CRASHED`: the process crashed; not retried
            * `SYSTEM_FAILURE`: a platform error
            * `EXPIRED`: its TTL passed before it started
            * `TIMED_OUT`: it ran longer than its `maxDuration`
        task_identifier (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        idempotency_key (str | Unset):
        version (str | Unset):
        is_queued (bool | Unset):
        is_executing (bool | Unset):
        is_waiting (bool | Unset):
        is_completed (bool | Unset):
        is_success (bool | Unset):
        is_failed (bool | Unset):
        is_cancelled (bool | Unset):
        is_test (bool | Unset):
        started_at (datetime.datetime | Unset):
        finished_at (datetime.datetime | Unset):
        tags (list[str] | Unset):
        cost_in_cents (float | Unset):
        base_cost_in_cents (float | Unset):
        duration_ms (float | Unset):
        metadata (Any | Unset):
        depth (int | Unset):
        trigger_function (TriggerFunction | Unset): How the run was triggered.
        batch_id (str | Unset):
    """

    id: str
    status: RunStatus
    task_identifier: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    idempotency_key: str | Unset = UNSET
    version: str | Unset = UNSET
    is_queued: bool | Unset = UNSET
    is_executing: bool | Unset = UNSET
    is_waiting: bool | Unset = UNSET
    is_completed: bool | Unset = UNSET
    is_success: bool | Unset = UNSET
    is_failed: bool | Unset = UNSET
    is_cancelled: bool | Unset = UNSET
    is_test: bool | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    finished_at: datetime.datetime | Unset = UNSET
    tags: list[str] | Unset = UNSET
    cost_in_cents: float | Unset = UNSET
    base_cost_in_cents: float | Unset = UNSET
    duration_ms: float | Unset = UNSET
    metadata: Any | Unset = UNSET
    depth: int | Unset = UNSET
    trigger_function: TriggerFunction | Unset = UNSET
    batch_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        task_identifier = self.task_identifier

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        idempotency_key = self.idempotency_key

        version = self.version

        is_queued = self.is_queued

        is_executing = self.is_executing

        is_waiting = self.is_waiting

        is_completed = self.is_completed

        is_success = self.is_success

        is_failed = self.is_failed

        is_cancelled = self.is_cancelled

        is_test = self.is_test

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        finished_at: str | Unset = UNSET
        if not isinstance(self.finished_at, Unset):
            finished_at = self.finished_at.isoformat()

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        cost_in_cents = self.cost_in_cents

        base_cost_in_cents = self.base_cost_in_cents

        duration_ms = self.duration_ms

        metadata = self.metadata

        depth = self.depth

        trigger_function: str | Unset = UNSET
        if not isinstance(self.trigger_function, Unset):
            trigger_function = self.trigger_function.value

        batch_id = self.batch_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "taskIdentifier": task_identifier,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if version is not UNSET:
            field_dict["version"] = version
        if is_queued is not UNSET:
            field_dict["isQueued"] = is_queued
        if is_executing is not UNSET:
            field_dict["isExecuting"] = is_executing
        if is_waiting is not UNSET:
            field_dict["isWaiting"] = is_waiting
        if is_completed is not UNSET:
            field_dict["isCompleted"] = is_completed
        if is_success is not UNSET:
            field_dict["isSuccess"] = is_success
        if is_failed is not UNSET:
            field_dict["isFailed"] = is_failed
        if is_cancelled is not UNSET:
            field_dict["isCancelled"] = is_cancelled
        if is_test is not UNSET:
            field_dict["isTest"] = is_test
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if tags is not UNSET:
            field_dict["tags"] = tags
        if cost_in_cents is not UNSET:
            field_dict["costInCents"] = cost_in_cents
        if base_cost_in_cents is not UNSET:
            field_dict["baseCostInCents"] = base_cost_in_cents
        if duration_ms is not UNSET:
            field_dict["durationMs"] = duration_ms
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if depth is not UNSET:
            field_dict["depth"] = depth
        if trigger_function is not UNSET:
            field_dict["triggerFunction"] = trigger_function
        if batch_id is not UNSET:
            field_dict["batchId"] = batch_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = RunStatus(d.pop("status"))

        task_identifier = d.pop("taskIdentifier")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        idempotency_key = d.pop("idempotencyKey", UNSET)

        version = d.pop("version", UNSET)

        is_queued = d.pop("isQueued", UNSET)

        is_executing = d.pop("isExecuting", UNSET)

        is_waiting = d.pop("isWaiting", UNSET)

        is_completed = d.pop("isCompleted", UNSET)

        is_success = d.pop("isSuccess", UNSET)

        is_failed = d.pop("isFailed", UNSET)

        is_cancelled = d.pop("isCancelled", UNSET)

        is_test = d.pop("isTest", UNSET)

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        _finished_at = d.pop("finishedAt", UNSET)
        finished_at: datetime.datetime | Unset
        if isinstance(_finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = datetime.datetime.fromisoformat(_finished_at)

        tags = cast(list[str], d.pop("tags", UNSET))

        cost_in_cents = d.pop("costInCents", UNSET)

        base_cost_in_cents = d.pop("baseCostInCents", UNSET)

        duration_ms = d.pop("durationMs", UNSET)

        metadata = d.pop("metadata", UNSET)

        depth = d.pop("depth", UNSET)

        _trigger_function = d.pop("triggerFunction", UNSET)
        trigger_function: TriggerFunction | Unset
        if isinstance(_trigger_function, Unset):
            trigger_function = UNSET
        else:
            trigger_function = TriggerFunction(_trigger_function)

        batch_id = d.pop("batchId", UNSET)

        related_run = cls(
            id=id,
            status=status,
            task_identifier=task_identifier,
            created_at=created_at,
            updated_at=updated_at,
            idempotency_key=idempotency_key,
            version=version,
            is_queued=is_queued,
            is_executing=is_executing,
            is_waiting=is_waiting,
            is_completed=is_completed,
            is_success=is_success,
            is_failed=is_failed,
            is_cancelled=is_cancelled,
            is_test=is_test,
            started_at=started_at,
            finished_at=finished_at,
            tags=tags,
            cost_in_cents=cost_in_cents,
            base_cost_in_cents=base_cost_in_cents,
            duration_ms=duration_ms,
            metadata=metadata,
            depth=depth,
            trigger_function=trigger_function,
            batch_id=batch_id,
        )

        related_run.additional_properties = d
        return related_run

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
