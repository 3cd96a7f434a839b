"""The older batch routes the server still serves: the one-shot ``POST /api/v2/tasks/batch`` and the older
shape of a batch, ``GET /api/v1/batches/{batchId}``.

As the server does (``routes/api.v2.tasks.batch.ts``, ``api.v1.batches.$batchId.ts``):

* The one-shot route takes ``{items: [{task, payload?, context?, options?}], parentRunId?,
  resumeParentOnCompletion?}`` (at most 500 items; a body of at most 1 MB), creates the batch and its runs
  at once and answers 202 ``{id, runCount}`` with a one-hour ``read:batch:<id>`` token. An empty list is
  400 "Batch cannot be triggered with no items"; more than 500 items is 400. There is no batch-level
  idempotency key (items keep theirs); a repeated ``x-trigger-request-idempotency-key`` within 24 hours
  answers the first batch.
* ``GET /api/v1/batches/{batchId}/results`` (the SDK's ``getBatchResults``) answers ``{id, items}`` built
  from the runs' attempt rows, which the v4 run engine does not write: ``items`` is empty (inferred from
  ``ApiBatchResultsPresenter``). An unknown batch is 404 "Batch not found"; only the secret key is taken.
* The v1 batch shape has ``successfulRunCount``, ``failedRunCount`` and ``errors`` (only when there are
  some) at the top level instead of ``processing``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _shapes as shapes
from ._service import (
    REQUEST_IDEMPOTENCY_TTL_MS,
    Response,
    TriggerService,
    _error,
    _scope_hash,
    not_found,
)
from ._tokens import claims_header, public_access_token
from ._validation import Issues, check_run_options

MAX_LEGACY_BATCH_ITEMS = 500
"""``MAX_BATCH_V2_TRIGGER_ITEMS``."""
MAX_LEGACY_BATCH_BODY_BYTES = 1_000_000
"""``BATCH_TASK_PAYLOAD_MAXIMUM_SIZE``."""


class LegacyBatchService:
    """The one-shot batch route and the v1 batch shape, on the batches of :class:`TriggerService`."""

    def __init__(self, service: TriggerService) -> None:
        """Share the runs and batches of ``service``."""
        self.service = service

    def batch_trigger(self, body: Any, headers: Mapping[str, str]) -> Response:
        """``POST /api/v2/tasks/batch`` after authentication and body parsing.

        Returns:
            ``(202, {"id", "runCount"}, token headers)``; the first batch again for a repeated request
            idempotency key.

        Raises:
            ApiError: 400 for an invalid body, no items or more than 500.
        """
        service = self.service
        issues = Issues()
        if not issues.expect_type([], body, "object"):
            raise _error(400, issues.message())
        items = body.get("items")
        if items is None:
            issues.add(["items"], "Required", "invalid_type", expected="array", received="undefined")
        elif issues.expect_type(["items"], items, "array"):
            for index, item in enumerate(items):
                if not issues.expect_type(["items", index], item, "object"):
                    continue
                if item.get("task") is None:
                    issues.add(
                        ["items", index, "task"],
                        "Required",
                        "invalid_type",
                        expected="string",
                        received="undefined",
                    )
                else:
                    issues.expect_type(["items", index, "task"], item.get("task"), "string")
                options = item.get("options")
                if options is not None and issues.expect_type(["items", index, "options"], options, "object"):
                    check_run_options(issues, ["items", index, "options"], options)
        issues.optional(["parentRunId"], body.get("parentRunId"), "string")
        issues.optional(["resumeParentOnCompletion"], body.get("resumeParentOnCompletion"), "boolean")
        if issues:
            raise _error(400, issues.message())
        assert isinstance(items, list)
        if not items:
            raise _error(400, "Batch cannot be triggered with no items")
        if len(items) > MAX_LEGACY_BATCH_ITEMS:
            raise _error(
                400,
                f"Batch size of {len(items)} is too large. Maximum allowed batch size is "
                f"{MAX_LEGACY_BATCH_ITEMS}.",
            )
        tasks = sorted({str(item["task"]) for item in items})
        request_key = headers.get("x-trigger-request-idempotency-key")
        scope = _scope_hash(request_key, [service.environment.id, *tasks]) if request_key else None
        now = service.clock.now_ms()
        with service.store.transaction():
            if scope is not None:
                cached_id = service.store.request_key_entity(scope, now)
                cached = service.store.get_batch(cached_id) if cached_id else None
                if cached is not None:
                    return (
                        202,
                        {"id": cached.id, "runCount": cached.run_count},
                        self._token_headers(cached.id),
                    )
            batch = service.insert_pending_batch(body, len(items), tasks, None, now)
            for index, item in enumerate(items):
                service.store.add_batch_item(batch.id, index, {**item, "index": index})
            service._seal(batch)
            if scope is not None:
                service.store.save_request_key(scope, batch.id, now + REQUEST_IDEMPOTENCY_TTL_MS)
        service.engine.wake()
        return 202, {"id": batch.id, "runCount": len(items)}, self._token_headers(batch.id)

    def _token_headers(self, batch_id: str) -> dict[str, str]:
        env = self.service.environment
        return {
            "x-trigger-jwt-claims": claims_header(env.id),
            "x-trigger-jwt": public_access_token(env.api_key, env.id, [f"read:batch:{batch_id}"]),
        }

    def retrieve_v1(self, batch_id: str) -> Response:
        """``GET /api/v1/batches/{batchId}``: the batch in the older shape.

        Raises:
            ApiError: 404 ``{"error": "Not found"}`` with ``x-should-retry: true`` for an unknown batch.
        """
        store = self.service.store
        batch = store.get_batch(batch_id)
        if batch is None:
            raise not_found(should_retry=True)
        current = shapes.retrieved_batch(batch, store.get_runs(batch.run_ids))
        body: dict[str, Any] = {
            key: current[key]
            for key in ("id", "status", "idempotencyKey", "createdAt", "updatedAt", "runCount", "runs")
            if key in current
        }
        if batch.sealed:
            body["successfulRunCount"] = len(batch.run_ids)
            body["failedRunCount"] = len(batch.errors)
        if batch.errors:
            body["errors"] = list(batch.errors)
        return 200, body, {}

    def results(self, batch_id: str) -> Response:
        """``GET /api/v1/batches/{batchId}/results``: ``(200, {"id", "items": []}, {})``.

        Raises:
            ApiError: 404 ``{"error": "Batch not found"}`` for an unknown batch.
        """
        if self.service.store.get_batch(batch_id) is None:
            raise _error(404, "Batch not found")
        return 200, {"id": batch_id, "items": []}, {}
