"""The options of a run (shared by ``tasks.trigger`` and batch items), checked when they are made and
turned into the wire form of ``options`` in ``POST /api/v1/tasks/{taskIdentifier}/trigger`` and in each
batch item line."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from . import _validation as check
from ._constants import MAX_BATCH_ITEM_BYTES, MAX_METADATA_BYTES, MIN_MAX_DURATION_S
from ._exceptions import ValidationError
from ._idempotency import derive_idempotency_key

__all__ = ["BatchItem", "TriggerOptions", "add_context_metadata", "check_include_context"]

Duration = str | datetime.timedelta
"""A duration string (``30s``, ``10m``, ``1h30m``, ``2w``; units w d h m s) or a timedelta."""


@attrs.frozen(kw_only=True)
class TriggerOptions:
    """Options of one run. Every field is optional; invalid values raise ``ValidationError`` at once.

    Attributes:
        idempotency_key: A string (or list of parts joined with ``-``). Triggering again with the same key
            while it is active returns the first run (``is_cached=True``) instead of a new one. Sent as its
            SHA-256, as the official SDK does.
        idempotency_key_ttl: How long the key stays active: ``'10m'``, ``'7d'`` (one number, one of s m h d),
            an int of seconds, or a timedelta. Server default: 30 days.
        delay: Start no earlier than this: a duration from now (``'1h'``, timedelta) or an aware datetime.
        ttl: Expire (status ``EXPIRED``) if not started within this: a duration, timedelta or int seconds.
        tags: Up to 10 tags of up to 128 characters.
        metadata: A JSON object attached to the run (at most 256 KiB serialised).
        queue: The name of the queue to run in.
        concurrency_key: Runs with the same key share a copy of the queue's concurrency limit.
        machine: A machine preset: ``micro``, ``small-1x``, ``small-2x``, ``medium-1x``, ``medium-2x``,
            ``large-1x``, ``large-2x``.
        max_attempts: Attempts in all (the first included), at least 1.
        max_duration: Maximum compute time in seconds (at least 5); beyond it the run is ``TIMED_OUT``.
        priority: Seconds of queue-time credit (a run with priority 60 starts before runs queued up to a
            minute before it).
        lock_to_version: Run on this worker version (such as ``20250101.1``).
        region: The region to run in.
        test: Mark the run as a test run.
    """

    idempotency_key: str | Sequence[str] | None = None
    idempotency_key_ttl: str | int | datetime.timedelta | None = None
    delay: Duration | datetime.datetime | None = None
    ttl: Duration | int | None = None
    tags: str | Sequence[str] | None = None
    metadata: Mapping[str, Any] | None = None
    queue: str | None = None
    concurrency_key: str | None = None
    machine: str | None = None
    max_attempts: int | None = None
    max_duration: int | None = None
    priority: int | None = None
    lock_to_version: str | None = None
    region: str | None = None
    test: bool | None = None
    _wire: dict[str, Any] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_wire", self._to_wire())

    @classmethod
    def coerce(cls, value: TriggerOptions | Mapping[str, Any] | None) -> TriggerOptions:
        """Accept None, a :class:`TriggerOptions`, or a mapping of its attribute names."""
        if value is None:
            return cls()
        if isinstance(value, TriggerOptions):
            return value
        if isinstance(value, Mapping):
            names = {a.name for a in attrs.fields(cls) if a.init}
            unknown = set(value) - names
            if unknown:
                raise ValidationError(
                    f"unknown trigger option(s): {', '.join(sorted(unknown))}", field="options"
                )
            return cls(**value)
        raise ValidationError(
            f"options must be TriggerOptions or a mapping, got {type(value).__name__}", field="options"
        )

    def to_wire(self) -> dict[str, Any]:
        """The ``options`` object of the request, in the server's field names (a new dict)."""
        return dict(self._wire)

    def _to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        if self.idempotency_key is not None:
            key, key_options = derive_idempotency_key(self.idempotency_key)
            wire["idempotencyKey"] = key
            if key_options is not None:
                wire["idempotencyKeyOptions"] = key_options
        if self.idempotency_key_ttl is not None:
            wire["idempotencyKeyTTL"] = check.idempotency_key_ttl(self.idempotency_key_ttl)
        if self.delay is not None:
            wire["delay"] = check.duration_or_instant(self.delay, "delay")
        if self.ttl is not None:
            wire["ttl"] = check.ttl(self.ttl)
        if self.tags is not None:
            wire["tags"] = check.tags(self.tags)
        if self.metadata is not None:
            if not isinstance(self.metadata, Mapping):
                raise ValidationError(
                    f"metadata must be a JSON object (a mapping), got {type(self.metadata).__name__}",
                    field="metadata",
                )
            check.json_encode(self.metadata, "metadata", MAX_METADATA_BYTES)
            wire["metadata"] = dict(self.metadata)
        if self.queue is not None:
            wire["queue"] = {"name": check.non_empty_string(self.queue, "queue")}
        if self.concurrency_key is not None:
            wire["concurrencyKey"] = check.non_empty_string(str(self.concurrency_key), "concurrency_key")
        if self.machine is not None:
            wire["machine"] = check.machine(self.machine)
        if self.max_attempts is not None:
            wire["maxAttempts"] = check.integer(self.max_attempts, "max_attempts", 1)
        if self.max_duration is not None:
            wire["maxDuration"] = check.integer(self.max_duration, "max_duration", MIN_MAX_DURATION_S)
        if self.priority is not None:
            wire["priority"] = check.integer(self.priority, "priority", 0)
        if self.lock_to_version is not None:
            wire["lockToVersion"] = check.non_empty_string(self.lock_to_version, "lock_to_version")
        if self.region is not None:
            wire["region"] = check.non_empty_string(self.region, "region")
        if self.test is not None:
            if not isinstance(self.test, bool):
                raise ValidationError(f"test must be a bool, got {self.test!r}", field="test")
            wire["test"] = self.test
        return wire


def add_context_metadata(wire: dict[str, Any], context: Mapping[str, Any], field: str = "metadata") -> None:
    """Merge the client's context metadata into the wire ``options`` of a run: the run's own
    ``metadata`` keys win over context keys of the same name (a shallow merge).

    Raises:
        ValidationError: the merged metadata is over 256 KiB of JSON.
    """
    if not context:
        return
    merged = {**context, **wire.get("metadata", {})}
    check.json_encode(merged, f"{field} (with the context metadata)", MAX_METADATA_BYTES)
    wire["metadata"] = merged


def check_include_context(value: Any) -> bool:
    """``include_context``: True or False."""
    if not isinstance(value, bool):
        raise ValidationError(
            f"include_context must be True or False, got {value!r}", field="include_context"
        )
    return value


def _coerce_options(value: TriggerOptions | Mapping[str, Any] | None) -> TriggerOptions:
    return TriggerOptions.coerce(value)


@attrs.frozen
class BatchItem:
    """One run of a batch: its task, its payload and its options.

    Attributes:
        task_id: The task identifier.
        payload: Any JSON value (each item line is at most 3 MiB of JSON).
        options: :class:`TriggerOptions` or a mapping of their names.
    """

    task_id: str = attrs.field(validator=lambda _i, _a, v: check.non_empty_string(v, "task_id"))
    payload: Any = None
    options: TriggerOptions = attrs.field(factory=TriggerOptions, converter=_coerce_options)

    @classmethod
    def coerce(cls, value: BatchItem | Mapping[str, Any], index: int) -> BatchItem:
        """Accept a :class:`BatchItem` or a mapping with ``task_id``, ``payload`` and ``options``."""
        if isinstance(value, BatchItem):
            return value
        if isinstance(value, Mapping):
            unknown = set(value) - {"task_id", "payload", "options"}
            if unknown or "task_id" not in value:
                raise ValidationError(
                    f"batch item {index} must have task_id (and optionally payload, options); "
                    f"got keys {sorted(value)}",
                    field="items",
                )
            return cls(value["task_id"], value.get("payload"), value.get("options"))
        raise ValidationError(
            f"batch item {index} must be a BatchItem or a mapping, got {type(value).__name__}", field="items"
        )

    def to_line(self, index: int, options: Mapping[str, Any]) -> bytes:
        """The NDJSON line of this item at ``index`` with the given wire ``options``."""
        line: dict[str, Any] = {"index": index, "task": self.task_id, "payload": self.payload}
        if options:
            line["options"] = options
        return check.json_encode(line, f"items[{index}]", MAX_BATCH_ITEM_BYTES) + b"\n"
