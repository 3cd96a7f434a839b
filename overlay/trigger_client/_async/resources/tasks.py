"""``client.tasks``: trigger one run, or many at once with the two-phase batch API (or, on servers that
lack it, the legacy one-shot batch route)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from trigger_api.api.batches import batch_trigger_legacy, create_batch, stream_batch_items
from trigger_api.api.tasks import trigger_task
from trigger_api.models.batch_processing_strategy import BatchProcessingStrategy
from trigger_api.models.create_batch_request_body import CreateBatchRequestBody
from trigger_api.models.create_batch_response import CreateBatchResponse
from trigger_api.models.legacy_batch_trigger_request_body import LegacyBatchTriggerRequestBody
from trigger_api.models.legacy_batch_trigger_response import LegacyBatchTriggerResponse
from trigger_api.models.stream_batch_items_response import StreamBatchItemsResponse
from trigger_api.models.trigger_task_request_body import TriggerTaskRequestBody
from trigger_api.models.trigger_task_response import TriggerTaskResponse
from trigger_api.types import File

from ... import _validation as check
from ..._constants import (
    MAX_BATCH_CREATE_BYTES,
    MAX_BATCH_ITEM_BYTES,
    MAX_BATCH_SIZE,
    MAX_LEGACY_BATCH_BODY_BYTES,
    MAX_LEGACY_BATCH_SIZE,
    MAX_TRIGGER_BODY_BYTES,
)
from ..._error_hook import reports_errors
from ..._exceptions import (
    APIResponseValidationError,
    BatchTriggerError,
    NotFoundError,
    TriggerError,
    ValidationError,
)
from ..._idempotency import batch_item_idempotency_key, derive_idempotency_key
from ..._results import BatchHandle, BatchTriggerResult, RunHandle
from ..._trigger_options import (
    BatchItem,
    Duration,
    TriggerOptions,
    add_context_metadata,
    check_include_context,
)
from ..._types import RequestOptions
from .._packet_transfer import needs_offload, upload_payload

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncTasks"]

_LEGACY_BODY_OVERHEAD = len('{"items":[]}')
_SEAL_ATTEMPTS = 3
"""How many times the items of a batch are sent when the server reports it is not sealed yet."""


@reports_errors
class AsyncTasks:
    """Trigger runs of tasks. Reached as ``client.tasks``."""

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client
        self._legacy_route = False
        """Set once the server answered 404 to ``POST /api/v3/batches``: batches use the legacy route."""

    async def trigger(
        self,
        task_id: str,
        payload: Any = None,
        *,
        idempotency_key: str | Sequence[str] | None = None,
        idempotency_key_ttl: str | int | datetime.timedelta | None = None,
        delay: Duration | datetime.datetime | None = None,
        ttl: Duration | int | None = None,
        tags: str | Sequence[str] | None = None,
        metadata: Mapping[str, Any] | None = None,
        queue: str | None = None,
        concurrency_key: str | None = None,
        machine: str | None = None,
        max_attempts: int | None = None,
        max_duration: int | None = None,
        priority: int | None = None,
        lock_to_version: str | None = None,
        region: str | None = None,
        test: bool | None = None,
        include_context: bool = True,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> RunHandle:
        """Trigger one run of a task. Calls ``POST /api/v1/tasks/{taskIdentifier}/trigger``.

        A payload whose JSON is 128 KiB or more is uploaded first, as the official SDK does: through
        ``PUT /api/v2/packets/{filename}`` and the presigned URL it answers (sent with no credential); the
        run is triggered with the storage path (``payloadType`` ``application/store``).

        Args:
            task_id: The task identifier.
            payload: Any JSON value (None: no payload).
            idempotency_key: A key (or list of parts) that makes a repeated trigger return the first run.
            idempotency_key_ttl: How long the key stays active: ``'10m'``, ``'7d'``, seconds or a timedelta.
            delay: Start later: a duration (``'1h30m'``, timedelta) or an aware datetime.
            ttl: Expire unless started within this: a duration, timedelta, or int seconds.
            tags: Up to 10 tags, each up to 128 characters.
            metadata: A JSON object attached to the run (up to 256 KiB).
            queue: A queue name.
            concurrency_key: Share a per-key copy of the queue's concurrency limit.
            machine: A machine preset such as ``small-1x`` or ``large-2x``.
            max_attempts: Attempts in all, at least 1.
            max_duration: Maximum compute time in seconds, at least 5.
            priority: Seconds of queue-time credit.
            lock_to_version: Run on this worker version.
            region: The region to run in.
            test: Mark it as a test run.
            include_context: Merge the client's live context metadata (``client.metadata``) into the
                run's metadata (the keys of ``metadata`` win). False leaves it out of this call.
            request_options: Per-call timeout, retry policy, extra headers or request idempotency key.

        Returns:
            A :class:`RunHandle` with the run id, ``is_cached`` and the run's public access token.

        Raises:
            ValidationError: invalid input, before anything is sent (or a 400/422 answer).
            TriggerError: the other failures, typed. A task that no deployed version has is not an error:
                its run waits in ``PENDING_VERSION`` until such a version is deployed.

        A retried call (after a timeout, say) sends the same request idempotency key, so the server
        never creates a second run for it.
        """
        check.path_segment(task_id, "task_id")
        options = TriggerOptions(
            idempotency_key=idempotency_key,
            idempotency_key_ttl=idempotency_key_ttl,
            delay=delay,
            ttl=ttl,
            tags=tags,
            metadata=metadata,
            queue=queue,
            concurrency_key=concurrency_key,
            machine=machine,
            max_attempts=max_attempts,
            max_duration=max_duration,
            priority=priority,
            lock_to_version=lock_to_version,
            region=region,
            test=test,
        )
        data = None if payload is None else check.json_encode(payload, "payload")
        wire_options = options.to_wire()
        if check_include_context(include_context):
            add_context_metadata(wire_options, await self._client.metadata.all())
        if needs_offload(data):
            assert data is not None
            payload, packet_options = await upload_payload(self._client, data, request_options)
            wire_options.update(packet_options)
        wire: dict[str, Any] = {"payload": payload}
        if wire_options:
            wire["options"] = wire_options
        check.json_encode(wire, "payload", MAX_TRIGGER_BODY_BYTES)
        parsed, headers = await self._client._call(
            trigger_task,
            TriggerTaskResponse,
            request_options,
            task_identifier=task_id,
            body=TriggerTaskRequestBody.from_dict(wire),
        )
        return RunHandle(
            id=check.response_id(parsed.id, "run id"),
            task_identifier=task_id,
            is_cached=parsed.is_cached is True,
            public_access_token=headers.get("x-trigger-jwt"),
        )

    async def batch_trigger(
        self,
        items: Sequence[BatchItem | Mapping[str, Any]],
        *,
        idempotency_key: str | Sequence[str] | None = None,
        include_context: bool = True,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> BatchTriggerResult:
        """Trigger many runs (of one task or several) with the two-phase batch API.

        Calls ``POST /api/v3/batches`` to create each batch, then ``POST /api/v3/batches/{batchId}/items``
        with the items as one NDJSON body. More than 1,000 items are split over several batches, in order.

        Args:
            items: :class:`BatchItem` objects, or mappings with ``task_id``, ``payload`` and ``options``
                (a :class:`TriggerOptions` or a mapping of its names).
            idempotency_key: Makes a repeated call return the existing batch. Items without a key of their
                own get one derived from it and their position, as the official SDK does.
            include_context: Merge the client's live context metadata (``client.metadata``) into each
                item's metadata (an item's own keys win). False leaves it out of this call.
            request_options: Per-call timeout, retry policy, extra headers.

        Returns:
            A :class:`BatchTriggerResult`: ``.id`` of the batch (``.ids`` when split), ``.batches``.

        Raises:
            BatchTriggerError: items split over several batches, and a later batch failed after earlier
                ones were created (it carries the created batches; its cause is the original error).
            ValidationError: no items, an invalid item, or two items with the same idempotency key
                (such batches never complete on the server), before anything is sent.
            APIResponseValidationError: the server did not seal a batch after its items were sent 3 times.
        """
        if isinstance(items, str | bytes | Mapping) or not isinstance(items, Sequence):
            raise ValidationError(
                f"items must be a list of batch items, got {type(items).__name__}", field="items"
            )
        batch = [BatchItem.coerce(item, index) for index, item in enumerate(items)]
        if not batch:
            raise ValidationError("batch_trigger needs at least one item", field="items")
        batch_key, batch_key_options = (
            derive_idempotency_key(idempotency_key) if idempotency_key is not None else (None, None)
        )
        context = await self._client.metadata.all() if check_include_context(include_context) else {}
        prepared = _prepare_items(batch, batch_key, context)
        for item in prepared:
            if needs_offload(item.data):
                assert item.data is not None
                item.payload, packet_options = await upload_payload(self._client, item.data, request_options)
                item.options.update(packet_options)
        if not self._legacy_route:
            result = await self._two_phase(prepared, batch_key, batch_key_options, request_options)
            if result is not None:
                return result
            self._legacy_route = True
        return await self._one_shot(prepared, request_options)

    async def _two_phase(
        self,
        items: list[_PreparedItem],
        batch_key: str | None,
        batch_key_options: dict[str, Any] | None,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> BatchTriggerResult | None:
        """The two-phase batch API, in batches of at most 1,000 items; None when the server has no
        ``POST /api/v3/batches`` route (a 404 before any batch was created)."""
        lines = [item.line(index % MAX_BATCH_SIZE) for index, item in enumerate(items)]
        chunks = [
            range(start, min(start + MAX_BATCH_SIZE, len(items)))
            for start in range(0, len(items), MAX_BATCH_SIZE)
        ]

        async def create(number: int, chunk: range) -> BatchHandle:
            key, key_options = batch_key, batch_key_options
            if batch_key is not None and len(chunks) > 1:
                key, key_options = derive_idempotency_key([batch_key, f"chunk{number}"])[0], None
            options = RequestOptions.coerce(request_options)  # a request key of the caller's: one per request
            handle = await self._create_batch(
                items, chunk, key, key_options, options.for_part(f"batch{number}")
            )
            body = b"".join(lines[i] for i in chunk)
            await self._send_items(handle, body, len(chunk), options.for_part(f"items{number}"))
            return handle

        try:
            return await _in_batches(chunks, create)
        except NotFoundError:
            return None  # raised only for the first batch: the route does not exist on this server

    async def _one_shot(
        self, items: list[_PreparedItem], request_options: RequestOptions | Mapping[str, Any] | None
    ) -> BatchTriggerResult:
        """The legacy one-shot route ``POST /api/v2/tasks/batch``, in batches of at most 500 items and
        1 MB, for servers without the two-phase API."""
        sizes = [len(check.json_encode(item.legacy(), f"items[{i}]")) for i, item in enumerate(items)]
        chunks: list[range] = []
        start, size = 0, _LEGACY_BODY_OVERHEAD
        for index, item_size in enumerate(sizes):
            if item_size + _LEGACY_BODY_OVERHEAD > MAX_LEGACY_BATCH_BODY_BYTES:
                raise ValidationError(
                    f"items[{index}] is {item_size} bytes of JSON, more than the legacy batch route takes "
                    f"in one request ({MAX_LEGACY_BATCH_BODY_BYTES} bytes)",
                    field="items",
                )
            full = index - start == MAX_LEGACY_BATCH_SIZE or size + item_size > MAX_LEGACY_BATCH_BODY_BYTES
            if index > start and full:
                chunks.append(range(start, index))
                start, size = index, _LEGACY_BODY_OVERHEAD
            size += item_size + 1
        chunks.append(range(start, len(items)))

        async def create(number: int, chunk: range) -> BatchHandle:
            body = {"items": [items[i].legacy() for i in chunk]}
            created, headers = await self._client._call(
                batch_trigger_legacy,
                LegacyBatchTriggerResponse,
                RequestOptions.coerce(request_options).for_part(f"batch{number}"),
                body=LegacyBatchTriggerRequestBody.from_dict(body),
                batch_processing_strategy=BatchProcessingStrategy.PARALLEL,
            )
            return BatchHandle(
                id=check.response_id(created.id, "batch id"),
                run_count=created.run_count,
                public_access_token=headers.get("x-trigger-jwt"),
            )

        return await _in_batches(chunks, create)

    async def _create_batch(
        self,
        batch: list[_PreparedItem],
        chunk: range,
        key: str | None,
        key_options: dict[str, Any] | None,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> BatchHandle:
        """Phase 1: ``POST /api/v3/batches`` for the items of ``chunk``."""
        body: dict[str, Any] = {
            "runCount": len(chunk),
            "taskIdentifiers": sorted({batch[i].task_id for i in chunk}),
        }
        if key is not None:
            body["idempotencyKey"] = key
            if key_options is not None:
                body["idempotencyKeyOptions"] = key_options
        check.json_encode(body, "task identifiers of the batch", MAX_BATCH_CREATE_BYTES)
        # Without an idempotency key the server would create a second (empty) batch for a repeated request.
        created, headers = await self._client._call(
            create_batch,
            CreateBatchResponse,
            request_options,
            idempotent=key is not None,
            body=CreateBatchRequestBody.from_dict(body),
        )
        return BatchHandle(
            id=check.response_id(created.id, "batch id"),
            run_count=created.run_count,
            is_cached=created.is_cached is True,
            idempotency_key=key,
            public_access_token=headers.get("x-trigger-jwt"),
        )

    async def _send_items(
        self,
        handle: BatchHandle,
        ndjson: bytes,
        count: int,
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> None:
        """Phase 2: send the NDJSON items until the server reports the batch sealed.

        Also done for a batch found by its idempotency key (``is_cached``): the server ignores items it
        already has, and a batch whose first attempt failed before its items arrived gets them now.
        """
        accepted = 0
        for _ in range(_SEAL_ATTEMPTS):
            result, _headers = await self._client._call(
                stream_batch_items,
                StreamBatchItemsResponse,
                request_options,
                batch_id=handle.id,
                body=File(payload=io.BytesIO(ndjson), mime_type="application/x-ndjson"),
            )
            if result.sealed is True:
                return
            accepted = result.items_accepted
        raise APIResponseValidationError(
            f"batch {handle.id} was not sealed after its {count} items were sent {_SEAL_ATTEMPTS} times "
            f"(last answer: {accepted} accepted)"
        )


@attrs.define
class _PreparedItem:
    """A batch item ready to send: its task, its payload (or storage path), wire options and payload JSON."""

    task_id: str
    payload: Any
    options: dict[str, Any]
    data: bytes | None
    """The payload's JSON, to decide whether it is offloaded (None: no payload)."""

    def line(self, index: int) -> bytes:
        """The NDJSON line of the item at ``index`` of its batch (two-phase API)."""
        line: dict[str, Any] = {"index": index, "task": self.task_id, "payload": self.payload}
        if self.options:
            line["options"] = self.options
        return check.json_encode(line, f"items[{index}]", MAX_BATCH_ITEM_BYTES) + b"\n"

    def legacy(self) -> dict[str, Any]:
        """The item as the legacy one-shot route takes it."""
        item: dict[str, Any] = {"task": self.task_id, "payload": self.payload}
        if self.options:
            item["options"] = self.options
        return item


def _prepare_items(
    batch: list[BatchItem], batch_key: str | None, context: Mapping[str, Any]
) -> list[_PreparedItem]:
    """Each item's wire options, with item idempotency keys derived from the batch key where needed and
    the context metadata merged in.

    Raises:
        ValidationError: two items with the same idempotency key, or a payload that is not JSON.
    """
    seen: dict[str, int] = {}
    prepared = []
    for index, item in enumerate(batch):
        options = item.options.to_wire()
        add_context_metadata(options, context, f"items[{index}].metadata")
        if "idempotencyKey" not in options and batch_key is not None:
            options["idempotencyKey"] = batch_item_idempotency_key(batch_key, index)
        key = options.get("idempotencyKey")
        if key is not None:
            if key in seen:
                raise ValidationError(
                    f"batch items {seen[key]} and {index} have the same idempotency key "
                    f"({item.options.idempotency_key!r}); the server would never complete such a batch",
                    field="items",
                )
            seen[key] = index
        data = None if item.payload is None else check.json_encode(item.payload, f"items[{index}].payload")
        prepared.append(_PreparedItem(item.task_id, item.payload, options, data))
    return prepared


class _AsyncCreateBatch(Protocol):
    """Creates the batch of one chunk of items (``number`` counts the chunks from 0)."""

    async def __call__(self, number: int, chunk: range) -> BatchHandle: ...


async def _in_batches(chunks: list[range], create: _AsyncCreateBatch) -> BatchTriggerResult:
    """Create one batch per chunk of items, in order.

    Raises:
        TriggerError: the first batch failed (as it is).
        BatchTriggerError: a later batch failed; it carries the batches created before it.
    """
    handles: list[BatchHandle] = []
    for number, chunk in enumerate(chunks):
        try:
            handle = await create(number, chunk)
        except TriggerError as exc:
            if not handles:
                raise
            runs = sum(h.run_count for h in handles)
            raise BatchTriggerError(
                f"{len(handles)} of {len(chunks)} batches were created ({runs} runs, items 0 to "
                f"{chunk.start - 1}); items from {chunk.start} on were not triggered: {exc.message}",
                batches=tuple(handles),
                first_failed_index=chunk.start,
                error=exc,
            ) from exc
        handles.append(handle)
    return BatchTriggerResult(tuple(handles))
