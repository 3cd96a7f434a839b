"""Stored runs, batches and schedules rendered as the JSON the server answers with.

Dates are ISO-8601 with milliseconds and ``Z``; optional fields that have no value are left out (not
``null``), as JavaScript's ``JSON.stringify`` drops ``undefined``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import _packets as packets
from . import _statuses as st
from ._durations import iso_ms
from ._store import BatchRecord, RunRecord, ScheduleRecord

_HIDDEN_METADATA_KEYS = ("$$streams", "$$streamsVersion", "$$streamsBaseUrl")
_IDEMPOTENCY_SCOPES = ("run", "attempt", "global")

TASK_KIND = "STANDARD"


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value is not packets.MISSING:
        target[key] = value


def _date(value: int | None) -> str | None:
    return None if value is None else iso_ms(value)


def _metadata(run: RunRecord, *, hide_stream_keys: bool) -> Any:
    value = packets.decode_packet(run.metadata, run.metadata_type)
    if hide_stream_keys and isinstance(value, dict):
        value = {k: v for k, v in value.items() if k not in _HIDDEN_METADATA_KEYS}
    return value


def user_idempotency_key(run: RunRecord) -> str | None:
    """The idempotency key as retrieve shows it: the user's key when its options were stored, else the key."""
    options = run.idempotency_key_options
    if (
        isinstance(options, dict)
        and isinstance(options.get("key"), str)
        and options.get("scope") in _IDEMPOTENCY_SCOPES
    ):
        return str(options["key"])
    return run.idempotency_key


def sorted_tags(tags: list[str]) -> list[str]:
    """Tags in the order retrieve returns them (JavaScript ``localeCompare``, approximated)."""
    return sorted(tags, key=lambda tag: (tag.casefold(), tag))


def common_run(run: RunRecord, v4: bool) -> dict[str, Any]:
    """The fields shared by a retrieved run and its related runs (root, parent, children).

    Args:
        run: the stored run.
        v4: True for the v4 status vocabulary.

    Returns:
        The JSON object.
    """
    status = st.public_status(run.status, v4)
    body: dict[str, Any] = {"id": run.id, "taskIdentifier": run.task_identifier}
    _put(body, "idempotencyKey", user_idempotency_key(run))
    _put(body, "version", run.version)
    body["status"] = status
    body["createdAt"] = iso_ms(run.created_at)
    _put(body, "startedAt", _date(run.started_at))
    body["updatedAt"] = iso_ms(run.updated_at)
    _put(body, "finishedAt", _date(run.completed_at))
    _put(body, "expiredAt", _date(run.expired_at))
    _put(body, "delayedUntil", _date(run.delay_until))
    _put(body, "ttl", run.ttl)
    body["costInCents"] = 0
    body["baseCostInCents"] = 0
    body["durationMs"] = run.duration_ms
    body["isTest"] = run.is_test
    body["depth"] = run.depth
    body["tags"] = sorted_tags(run.tags)
    body.update(st.boolean_helpers(status))
    body["triggerFunction"] = trigger_function(run)
    _put(body, "batchId", run.batch_id)
    _put(body, "metadata", _metadata(run, hide_stream_keys=False))
    _put(body, "region", run.region)
    return body


def trigger_function(run: RunRecord) -> str:
    """``trigger``, ``triggerAndWait``, ``batchTrigger`` or ``batchTriggerAndWait``."""
    if run.batch_id:
        return "batchTriggerAndWait" if run.resume_parent else "batchTrigger"
    return "triggerAndWait" if run.resume_parent else "trigger"


def _put_packet(
    body: dict[str, Any],
    field: str,
    data: str | None,
    data_type: str,
    presign: Callable[[str], str | None] | None,
) -> None:
    if data_type == packets.STORE and data is not None and presign is not None:
        _put(body, f"{field}PresignedUrl", presign(data))
    else:
        _put(body, field, packets.decode_packet(data, data_type))


def retrieved_run(
    run: RunRecord,
    v4: bool,
    *,
    root: RunRecord | None = None,
    parent: RunRecord | None = None,
    children: list[RunRecord] | None = None,
    schedule: dict[str, Any] | None = None,
    presign: Callable[[str], str | None] | None = None,
) -> dict[str, Any]:
    """A run as ``GET /api/v3/runs/{runId}`` (and reschedule) answer it: ``RetrieveRunResponse``.

    Args:
        run: the stored run.
        v4: True for the v4 status vocabulary.
        root: the root run, when the run has a parent chain.
        parent: the parent run.
        children: the child runs.
        schedule: the ``schedule`` object (:func:`run_schedule`) of a run a schedule triggered, while that
            schedule exists.
        presign: the download URL of a packet kept in the object store (``application/store``), given
            as ``payloadPresignedUrl`` / ``outputPresignedUrl`` instead of the value (None: no URL, as
            when the server fails to sign one).

    Returns:
        The JSON object. ``output`` is present only once the run completed successfully.
    """
    body = common_run(run, v4)
    _put_packet(body, "payload", run.payload, run.payload_type, presign)
    if run.status == st.COMPLETED_SUCCESSFULLY:
        _put_packet(body, "output", run.output, run.output_type, presign)
    _put(body, "error", run.error)
    _put(body, "schedule", schedule)
    body["attemptCount"] = run.attempt_count
    body["attempts"] = []
    related: dict[str, Any] = {}
    if root is not None:
        related["root"] = common_run(root, v4)
    if parent is not None:
        related["parent"] = common_run(parent, v4)
    related["children"] = [common_run(child, v4) for child in children or []]
    body["relatedRuns"] = related
    return body


def listed_run(run: RunRecord, v4: bool, environment: dict[str, str]) -> dict[str, Any]:
    """A run as ``GET /api/v1/runs`` lists it: ``ListRunItem``.

    Args:
        run: the stored run.
        v4: True for the v4 status vocabulary.
        environment: the ``env`` object (``id``, ``name``, ``user``).

    Returns:
        The JSON object (tags in stored order, the stored idempotency key).
    """
    status = st.public_status(run.status, v4)
    body: dict[str, Any] = {"id": run.id, "status": status, "taskIdentifier": run.task_identifier}
    _put(body, "idempotencyKey", run.idempotency_key)
    _put(body, "version", run.version)
    body["createdAt"] = iso_ms(run.created_at)
    body["updatedAt"] = iso_ms(run.updated_at)
    _put(body, "startedAt", _date(run.started_at))
    _put(body, "finishedAt", _date(run.completed_at))
    _put(body, "delayedUntil", _date(run.delay_until))
    body["isTest"] = run.is_test
    _put(body, "ttl", run.ttl)
    _put(body, "expiredAt", _date(run.expired_at))
    body["env"] = dict(environment)
    body["tags"] = list(run.tags)
    body["costInCents"] = 0
    body["baseCostInCents"] = 0
    body["durationMs"] = run.duration_ms
    body["depth"] = run.depth
    _put(body, "metadata", _metadata(run, hide_stream_keys=True))
    body["taskKind"] = TASK_KIND
    _put(body, "region", run.region)
    body.update(st.boolean_helpers(status))
    return body


def batch_status(batch: BatchRecord, runs: dict[str, RunRecord]) -> tuple[str, int]:
    """The status of a batch and when it last changed (epoch ms).

    ``PENDING`` until sealed; then ``PROCESSING`` while any of its runs is not final, ``COMPLETED`` once
    every run is final. (Inferred: the server records these transitions in its batch queue; the emulator
    derives them from the runs.)

    Args:
        batch: the stored batch.
        runs: its runs by id (missing ones count as not final).

    Returns:
        ``(status, updated_at_ms)``.
    """
    if not batch.sealed or batch.status not in ("PENDING", "PROCESSING"):
        return batch.status, batch.updated_at
    if batch.run_ids and all(run_id in runs and st.is_final(runs[run_id].status) for run_id in batch.run_ids):
        finished = max((runs[run_id].completed_at or runs[run_id].updated_at) for run_id in batch.run_ids)
        return "COMPLETED", max(batch.updated_at, finished)
    return "PROCESSING", batch.updated_at


def retrieved_batch(batch: BatchRecord, runs: dict[str, RunRecord]) -> dict[str, Any]:
    """A batch as ``GET /api/v2/batches/{batchId}`` answers it.

    Args:
        batch: the stored batch.
        runs: its runs by id.

    Returns:
        The JSON object.
    """
    status, updated_at = batch_status(batch, runs)
    body: dict[str, Any] = {"id": batch.id, "status": status}
    _put(body, "idempotencyKey", batch.idempotency_key)
    body["createdAt"] = iso_ms(batch.created_at)
    body["updatedAt"] = iso_ms(updated_at)
    _put(body, "processingCompletedAt", _date(batch.processing_completed_at))
    body["runCount"] = batch.run_count
    body["runs"] = list(batch.run_ids)
    processing: dict[str, Any] = {}
    _put(processing, "completedAt", _date(batch.processing_completed_at))
    processing["errors"] = list(batch.errors)
    body["processing"] = processing
    return body


# Schedules


def schedule_window(schedule: ScheduleRecord) -> str | None:
    """The ``window`` as the server writes it back (``30m``, ``2h``, ``50%``), or None when unset."""
    if schedule.window_percentage is not None:
        return f"{schedule.window_percentage}%"
    seconds = schedule.window_duration_s
    if seconds is None:
        return None
    if seconds == 0:
        return "0m"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


def _generator(schedule: ScheduleRecord) -> dict[str, str]:
    return {"type": "CRON", "expression": schedule.cron, "description": schedule.description}


def _user_key(schedule: ScheduleRecord) -> str | None:
    return schedule.deduplication_key if schedule.user_provided_key else None


def upserted_schedule(
    schedule: ScheduleRecord, next_run: int, next_run_effective: int, environment: dict[str, str]
) -> dict[str, Any]:
    """A schedule as create (``POST /api/v1/schedules``) and update (``PUT``) answer it.

    ``nextRun`` is set even for an inactive schedule; a missing ``externalId`` is left out; the
    environment carries its ``shortcode`` and ``userName`` (``api.v1.schedules.ts``,
    ``upsertTaskSchedule.server.ts``).
    """
    body: dict[str, Any] = {
        "id": schedule.id,
        "type": schedule.type,
        "task": schedule.task,
        "active": schedule.active,
        "generator": _generator(schedule),
        "timezone": schedule.timezone,
    }
    _put(body, "window", schedule_window(schedule))
    _put(body, "externalId", schedule.external_id)
    _put(body, "deduplicationKey", _user_key(schedule))
    body["environments"] = [dict(environment)]
    body["nextRun"] = iso_ms(next_run)
    body["nextRunEffectiveAt"] = iso_ms(next_run_effective)
    return body


def viewed_schedule(
    schedule: ScheduleRecord,
    next_run: int | None,
    next_run_effective: int | None,
    environment: dict[str, str],
) -> dict[str, Any]:
    """A schedule as retrieve, activate and deactivate answer it (``ViewSchedulePresenter.toJSONResponse``).

    ``nextRun`` and ``nextRunEffectiveAt`` are ``null`` while the schedule is inactive; environments
    have only ``id`` and ``type``.
    """
    body: dict[str, Any] = {
        "id": schedule.id,
        "type": schedule.type,
        "task": schedule.task,
        "active": schedule.active,
        "nextRun": None if next_run is None else iso_ms(next_run),
        "nextRunEffectiveAt": None if next_run_effective is None else iso_ms(next_run_effective),
        "generator": _generator(schedule),
        "timezone": schedule.timezone,
    }
    _put(body, "window", schedule_window(schedule))
    _put(body, "externalId", schedule.external_id)
    _put(body, "deduplicationKey", _user_key(schedule))
    body["environments"] = [dict(environment)]
    return body


def listed_schedule(
    schedule: ScheduleRecord, next_run: int, next_run_effective: int, environment: dict[str, str]
) -> dict[str, Any]:
    """A schedule as ``GET /api/v1/schedules`` lists it.

    ``externalId`` is ``null`` when unset; ``nextRun`` is set even while inactive; environments carry
    ``slug`` and ``userName`` (``api.v1.schedules.ts`` loader, ``ScheduleListPresenter``).
    """
    body: dict[str, Any] = {
        "id": schedule.id,
        "type": schedule.type,
        "task": schedule.task,
        "generator": _generator(schedule),
        "timezone": schedule.timezone,
    }
    _put(body, "window", schedule_window(schedule))
    _put(body, "deduplicationKey", _user_key(schedule))
    body["externalId"] = schedule.external_id
    body["active"] = schedule.active
    body["nextRun"] = iso_ms(next_run)
    body["nextRunEffectiveAt"] = iso_ms(next_run_effective)
    body["environments"] = [dict(environment)]
    return body


def run_schedule(schedule: ScheduleRecord) -> dict[str, Any]:
    """The ``schedule`` of a retrieved run that a schedule triggered (``ApiRetrieveRunPresenter``)."""
    body: dict[str, Any] = {"id": schedule.id}
    _put(body, "externalId", schedule.external_id)
    _put(body, "deduplicationKey", _user_key(schedule))
    body["generator"] = _generator(schedule)
    return body
