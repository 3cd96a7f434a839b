from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..models.trigger_function import TriggerFunction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.related_runs import RelatedRuns
    from ..models.run_schedule import RunSchedule
    from ..models.serialized_error import SerializedError


T = TypeVar("T", bound="RetrieveRunResponse")


@_attrs_define
class RetrieveRunResponse:
    """A run with its payload, output, error and related runs.

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
        is_completed (bool): As the server computes it; `EXPIRED` and `TIMED_OUT` are not "completed" here.
        is_success (bool):
        is_failed (bool):
        is_cancelled (bool):
        is_test (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        tags (list[str]):
        cost_in_cents (float):
        base_cost_in_cents (float):
        duration_ms (float): Compute time in milliseconds.
        depth (int):
        trigger_function (TriggerFunction): How the run was triggered.
        related_runs (RelatedRuns):
        idempotency_key (str | Unset): The key as the user gave it when known, else the stored (hashed) key.
        version (str | Unset):
        started_at (datetime.datetime | Unset):
        finished_at (datetime.datetime | Unset):
        delayed_until (datetime.datetime | Unset):
        expired_at (datetime.datetime | Unset):
        ttl (str | Unset):
        metadata (Any | Unset): The run metadata (a JSON object).
        task_kind (str | Unset):
        region (str | Unset):
        batch_id (str | Unset):
        payload (Any | Unset): The decoded payload (JSON).
        payload_presigned_url (str | Unset): Where to download the payload when it is kept in object storage.
        output (Any | Unset): The decoded output; present once the run completed.
        output_presigned_url (str | Unset): Where to download the output when it is kept in object storage.
        error (SerializedError | Unset):
        schedule (RunSchedule | Unset):
        attempt_count (int | Unset): Attempts made so far.
        attempts (list[Any] | Unset): Always empty on v4 servers.
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
    depth: int
    trigger_function: TriggerFunction
    related_runs: RelatedRuns
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
    batch_id: str | Unset = UNSET
    payload: Any | Unset = UNSET
    payload_presigned_url: str | Unset = UNSET
    output: Any | Unset = UNSET
    output_presigned_url: str | Unset = UNSET
    error: SerializedError | Unset = UNSET
    schedule: RunSchedule | Unset = UNSET
    attempt_count: int | Unset = UNSET
    attempts: list[Any] | Unset = UNSET
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

        depth = self.depth

        trigger_function = self.trigger_function.value

        related_runs = self.related_runs.to_dict()

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

        batch_id = self.batch_id

        payload = self.payload

        payload_presigned_url = self.payload_presigned_url

        output = self.output

        output_presigned_url = self.output_presigned_url

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        schedule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = self.schedule.to_dict()

        attempt_count = self.attempt_count

        attempts: list[Any] | Unset = UNSET
        if not isinstance(self.attempts, Unset):
            attempts = self.attempts

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
                "depth": depth,
                "triggerFunction": trigger_function,
                "relatedRuns": related_runs,
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
        if batch_id is not UNSET:
            field_dict["batchId"] = batch_id
        if payload is not UNSET:
            field_dict["payload"] = payload
        if payload_presigned_url is not UNSET:
            field_dict["payloadPresignedUrl"] = payload_presigned_url
        if output is not UNSET:
            field_dict["output"] = output
        if output_presigned_url is not UNSET:
            field_dict["outputPresignedUrl"] = output_presigned_url
        if error is not UNSET:
            field_dict["error"] = error
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if attempt_count is not UNSET:
            field_dict["attemptCount"] = attempt_count
        if attempts is not UNSET:
            field_dict["attempts"] = attempts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_runs import RelatedRuns  # noqa: PLC0415
        from ..models.run_schedule import RunSchedule  # noqa: PLC0415
        from ..models.serialized_error import SerializedError  # noqa: PLC0415

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

        depth = d.pop("depth")

        trigger_function = TriggerFunction(d.pop("triggerFunction"))

        related_runs = RelatedRuns.from_dict(d.pop("relatedRuns"))

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

        batch_id = d.pop("batchId", UNSET)

        payload = d.pop("payload", UNSET)

        payload_presigned_url = d.pop("payloadPresignedUrl", UNSET)

        output = d.pop("output", UNSET)

        output_presigned_url = d.pop("outputPresignedUrl", UNSET)

        _error = d.pop("error", UNSET)
        error: SerializedError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = SerializedError.from_dict(_error)

        _schedule = d.pop("schedule", UNSET)
        schedule: RunSchedule | Unset
        if isinstance(_schedule, Unset):
            schedule = UNSET
        else:
            schedule = RunSchedule.from_dict(_schedule)

        attempt_count = d.pop("attemptCount", UNSET)

        attempts = cast(list[Any], d.pop("attempts", UNSET))

        retrieve_run_response = cls(
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
            depth=depth,
            trigger_function=trigger_function,
            related_runs=related_runs,
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
            batch_id=batch_id,
            payload=payload,
            payload_presigned_url=payload_presigned_url,
            output=output,
            output_presigned_url=output_presigned_url,
            error=error,
            schedule=schedule,
            attempt_count=attempt_count,
            attempts=attempts,
        )

        retrieve_run_response.additional_properties = d
        return retrieve_run_response

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
