from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_environment import RunEnvironment


T = TypeVar("T", bound="ListRunItem")


@_attrs_define
class ListRunItem:
    """A run as the list returns it.

    Attributes:
        id (str): The run id (`run_…`).
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
        is_queued (bool):
        is_executing (bool):
        is_waiting (bool):
        is_completed (bool): As the server computes it; note that `EXPIRED` and `TIMED_OUT` are not "completed" here.
        is_success (bool):
        is_failed (bool):
        is_cancelled (bool):
        is_test (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        tags (list[str]):
        cost_in_cents (float): Compute cost in cents.
        base_cost_in_cents (float): Invocation cost in cents.
        duration_ms (float): Compute time in milliseconds (0 in DEV).
        env (RunEnvironment):
        idempotency_key (str | Unset):
        version (str | Unset): The worker version the run is locked to.
        started_at (datetime.datetime | Unset):
        finished_at (datetime.datetime | Unset):
        delayed_until (datetime.datetime | Unset):
        expired_at (datetime.datetime | Unset):
        ttl (str | Unset):
        metadata (Any | Unset): The run metadata (a JSON object).
        task_kind (str | Unset):
        region (str | Unset):
        depth (int | Unset):
    """

    id: str
    status: RunStatus
    task_identifier: str
    is_queued: bool
    is_executing: bool
    is_waiting: bool
    is_completed: bool
    is_success: bool
    is_failed: bool
    is_cancelled: bool
    is_test: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    tags: list[str]
    cost_in_cents: float
    base_cost_in_cents: float
    duration_ms: float
    env: RunEnvironment
    idempotency_key: str | Unset = UNSET
    version: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    finished_at: datetime.datetime | Unset = UNSET
    delayed_until: datetime.datetime | Unset = UNSET
    expired_at: datetime.datetime | Unset = UNSET
    ttl: str | Unset = UNSET
    metadata: Any | Unset = UNSET
    task_kind: str | Unset = UNSET
    region: str | Unset = UNSET
    depth: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        task_identifier = self.task_identifier

        is_queued = self.is_queued

        is_executing = self.is_executing

        is_waiting = self.is_waiting

        is_completed = self.is_completed

        is_success = self.is_success

        is_failed = self.is_failed

        is_cancelled = self.is_cancelled

        is_test = self.is_test

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        tags = self.tags

        cost_in_cents = self.cost_in_cents

        base_cost_in_cents = self.base_cost_in_cents

        duration_ms = self.duration_ms

        env = self.env.to_dict()

        idempotency_key = self.idempotency_key

        version = self.version

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        finished_at: str | Unset = UNSET
        if not isinstance(self.finished_at, Unset):
            finished_at = self.finished_at.isoformat()

        delayed_until: str | Unset = UNSET
        if not isinstance(self.delayed_until, Unset):
            delayed_until = self.delayed_until.isoformat()

        expired_at: str | Unset = UNSET
        if not isinstance(self.expired_at, Unset):
            expired_at = self.expired_at.isoformat()

        ttl = self.ttl

        metadata = self.metadata

        task_kind = self.task_kind

        region = self.region

        depth = self.depth

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "taskIdentifier": task_identifier,
                "isQueued": is_queued,
                "isExecuting": is_executing,
                "isWaiting": is_waiting,
                "isCompleted": is_completed,
                "isSuccess": is_success,
                "isFailed": is_failed,
                "isCancelled": is_cancelled,
                "isTest": is_test,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "tags": tags,
                "costInCents": cost_in_cents,
                "baseCostInCents": base_cost_in_cents,
                "durationMs": duration_ms,
                "env": env,
            }
        )
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if version is not UNSET:
            field_dict["version"] = version
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if delayed_until is not UNSET:
            field_dict["delayedUntil"] = delayed_until
        if expired_at is not UNSET:
            field_dict["expiredAt"] = expired_at
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if task_kind is not UNSET:
            field_dict["taskKind"] = task_kind
        if region is not UNSET:
            field_dict["region"] = region
        if depth is not UNSET:
            field_dict["depth"] = depth

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_environment import RunEnvironment  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = RunStatus(d.pop("status"))

        task_identifier = d.pop("taskIdentifier")

        is_queued = d.pop("isQueued")

        is_executing = d.pop("isExecuting")

        is_waiting = d.pop("isWaiting")

        is_completed = d.pop("isCompleted")

        is_success = d.pop("isSuccess")

        is_failed = d.pop("isFailed")

        is_cancelled = d.pop("isCancelled")

        is_test = d.pop("isTest")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        tags = cast(list[str], d.pop("tags"))

        cost_in_cents = d.pop("costInCents")

        base_cost_in_cents = d.pop("baseCostInCents")

        duration_ms = d.pop("durationMs")

        env = RunEnvironment.from_dict(d.pop("env"))

        idempotency_key = d.pop("idempotencyKey", UNSET)

        version = d.pop("version", UNSET)

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

        _delayed_until = d.pop("delayedUntil", UNSET)
        delayed_until: datetime.datetime | Unset
        if isinstance(_delayed_until, Unset):
            delayed_until = UNSET
        else:
            delayed_until = datetime.datetime.fromisoformat(_delayed_until)

        _expired_at = d.pop("expiredAt", UNSET)
        expired_at: datetime.datetime | Unset
        if isinstance(_expired_at, Unset):
            expired_at = UNSET
        else:
            expired_at = datetime.datetime.fromisoformat(_expired_at)

        ttl = d.pop("ttl", UNSET)

        metadata = d.pop("metadata", UNSET)

        task_kind = d.pop("taskKind", UNSET)

        region = d.pop("region", UNSET)

        depth = d.pop("depth", UNSET)

        list_run_item = cls(
            id=id,
            status=status,
            task_identifier=task_identifier,
            is_queued=is_queued,
            is_executing=is_executing,
            is_waiting=is_waiting,
            is_completed=is_completed,
            is_success=is_success,
            is_failed=is_failed,
            is_cancelled=is_cancelled,
            is_test=is_test,
            created_at=created_at,
            updated_at=updated_at,
            tags=tags,
            cost_in_cents=cost_in_cents,
            base_cost_in_cents=base_cost_in_cents,
            duration_ms=duration_ms,
            env=env,
            idempotency_key=idempotency_key,
            version=version,
            started_at=started_at,
            finished_at=finished_at,
            delayed_until=delayed_until,
            expired_at=expired_at,
            ttl=ttl,
            metadata=metadata,
            task_kind=task_kind,
            region=region,
            depth=depth,
        )

        list_run_item.additional_properties = d
        return list_run_item

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
