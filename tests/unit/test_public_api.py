"""The public surface: exactly the intended names, importable cheaply, models resolved lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import trigger_client

EXPECTED = {
    "NOT_GIVEN", "APIConnectionError", "APIResponseValidationError", "APIStatusError", "APITimeoutError",
    "AsyncCursorPager", "AsyncTriggerClient", "AuthenticationError", "BadRequestError", "Batch", "BatchHandle",
    "BatchItem", "BatchStatistics", "BatchStatus", "CancelResult", "BatchTriggerError", "BatchTriggerResult", "CancellationToken", "create_cancellable_request", "is_cancel", "ConflictError", "CursorPage", "CursorPager",
    "IdempotencyKey", "InternalServerError", "MachinePreset", "MetricsOptions", "PerformanceStats", "RawResponse", "RequestMetric", "NotFoundError", "NotGiven", "PaginationError",
    "PermissionDeniedError", "RateLimitError", "RequestCancelledError", "RequestOptions", "RetryPolicy", "Run",
    "RunHandle", "RunListItem", "RunStatus", "ServerError", "TriggerAPIError", "TriggerClient", "TriggerError",
    "TriggerOptions", "UnprocessableEntityError", "UnsupportedOperationError", "ValidationError", "WaitTimeoutError", "__version__",
    "create_trigger_client", "BatchProgress", "RealtimeOptions", "RealtimeRun", "RunLogEvent", "StreamPart",
    "RunEvent", "RunTrace", "SpanDetail",
    "BulkAction", "WaitpointToken", "WaitpointTokenHandle", "WaitpointTokenItem",
    "CacheOptions", "Store", "AsyncStore", "MemoryStore", "AsyncMemoryStore", "RedisStore", "AsyncRedisStore",
    "StoreError", "RunFailedError", "BatchRunCounts", "BatchWithRunCounts",
    "AITool", "AsyncAITool", "AnnotatedQueue", "AnnotatedSchedule", "LocalAnnotations",
}  # fmt: skip


def test_all_is_exactly_the_public_names() -> None:
    assert set(trigger_client.__all__) == EXPECTED
    for name in EXPECTED:
        assert getattr(trigger_client, name) is not None


def test_import_does_not_load_the_generated_models() -> None:
    code = "import sys, trigger_client; print(sorted(m for m in sys.modules if m.startswith('trigger_api.models')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_lazy_model_names_resolve_to_the_generated_classes() -> None:
    from trigger_api.models.retrieve_run_response import RetrieveRunResponse
    from trigger_api.models.run_status import RunStatus

    assert trigger_client.Run is RetrieveRunResponse
    assert trigger_client.RunStatus is RunStatus


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchThing"):
        trigger_client.NoSuchThing  # noqa: B018


def test_version() -> None:
    assert trigger_client.__version__ == "0.1.0"
