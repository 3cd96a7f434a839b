"""trigger_client: the Python client for the Trigger.dev v4 Management API.

Quick start::

    from trigger_client import TriggerClient

    with TriggerClient() as client:            # reads TRIGGER_SECRET_KEY (and TRIGGER_API_URL)
        handle = client.tasks.trigger("hello-world", {"name": "Ada"})
        run = client.runs.poll(handle.id, timeout_s=120)
        print(run.status, run.output)

``AsyncTriggerClient`` has the same methods as coroutines. Models of the API (``Run``, ``RunListItem``,
``Batch``, ``RunStatus``, ...) come from the generated package ``trigger_api`` and are imported on first use.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ._async._client import AsyncTriggerClient
from ._async._stores import AsyncMemoryStore, AsyncRedisStore, AsyncStore
from ._batch_operations import BatchRunCounts, BatchStatistics, CancelResult
from ._cache_options import CacheOptions
from ._cancellation import CancellationToken, create_cancellable_request, is_cancel
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BatchTriggerError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    RequestCancelledError,
    RunFailedError,
    ServerError,
    StoreError,
    TriggerAPIError,
    TriggerError,
    UnprocessableEntityError,
    UnsupportedOperationError,
    ValidationError,
    WaitTimeoutError,
)
from ._idempotency import IdempotencyKey
from ._metrics import MetricsOptions, PerformanceStats, RequestMetric
from ._redact import install_log_redaction
from ._results import BatchHandle, BatchTriggerResult, CursorPage, RawResponse, RunHandle
from ._retry import RetryPolicy
from ._sync._client import TriggerClient
from ._sync._stores import MemoryStore, RedisStore, Store
from ._trigger_options import BatchItem, TriggerOptions
from ._types import NOT_GIVEN, NotGiven, RequestOptions
from ._version import __version__

if TYPE_CHECKING:
    from trigger_api.models.batch import Batch
    from trigger_api.models.batch_status import BatchStatus
    from trigger_api.models.bulk_action import BulkAction
    from trigger_api.models.list_run_item import ListRunItem as RunListItem
    from trigger_api.models.machine_preset import MachinePreset
    from trigger_api.models.retrieve_run_response import RetrieveRunResponse as Run
    from trigger_api.models.run_status import RunStatus
    from trigger_api.models.run_trace import RunTrace
    from trigger_api.models.span_detail import SpanDetail
    from trigger_api.models.waitpoint_token_item import WaitpointTokenItem

    from ._async._pagination import AsyncCursorPager
    from ._async.resources.ai import AsyncAITool
    from ._batch_with_run_counts import BatchWithRunCounts
    from ._local_annotations import AnnotatedQueue, AnnotatedSchedule, LocalAnnotations
    from ._realtime_feeds import BatchProgress
    from ._realtime_options import RealtimeOptions
    from ._realtime_rows import RealtimeRun
    from ._realtime_streams import RunEvent, RunLogEvent, StreamPart
    from ._sync._pagination import CursorPager
    from ._sync.resources.ai import AITool
    from ._waitpoints import WaitpointToken, WaitpointTokenHandle

__all__ = [
    "NOT_GIVEN",
    "AITool",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AnnotatedQueue",
    "AnnotatedSchedule",
    "AsyncAITool",
    "AsyncCursorPager",
    "AsyncMemoryStore",
    "AsyncRedisStore",
    "AsyncStore",
    "AsyncTriggerClient",
    "AuthenticationError",
    "BadRequestError",
    "Batch",
    "BatchHandle",
    "BatchItem",
    "BatchProgress",
    "BatchRunCounts",
    "BatchStatistics",
    "BatchStatus",
    "BatchTriggerError",
    "BatchTriggerResult",
    "BatchWithRunCounts",
    "BulkAction",
    "CacheOptions",
    "CancelResult",
    "CancellationToken",
    "ConflictError",
    "CursorPage",
    "CursorPager",
    "IdempotencyKey",
    "InternalServerError",
    "LocalAnnotations",
    "MachinePreset",
    "MemoryStore",
    "MetricsOptions",
    "NotFoundError",
    "NotGiven",
    "PaginationError",
    "PerformanceStats",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RealtimeOptions",
    "RealtimeRun",
    "RedisStore",
    "RequestCancelledError",
    "RequestMetric",
    "RequestOptions",
    "RetryPolicy",
    "Run",
    "RunEvent",
    "RunFailedError",
    "RunHandle",
    "RunListItem",
    "RunLogEvent",
    "RunStatus",
    "RunTrace",
    "ServerError",
    "SpanDetail",
    "Store",
    "StoreError",
    "StreamPart",
    "TriggerAPIError",
    "TriggerClient",
    "TriggerError",
    "TriggerOptions",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "ValidationError",
    "WaitTimeoutError",
    "WaitpointToken",
    "WaitpointTokenHandle",
    "WaitpointTokenItem",
    "__version__",
    "create_cancellable_request",
    "create_trigger_client",
    "is_cancel",
]

logging.getLogger("trigger_client").addHandler(logging.NullHandler())
install_log_redaction()

_LAZY = {
    "Run": ("trigger_api.models.retrieve_run_response", "RetrieveRunResponse"),
    "RunListItem": ("trigger_api.models.list_run_item", "ListRunItem"),
    "RunStatus": ("trigger_api.models.run_status", "RunStatus"),
    "Batch": ("trigger_api.models.batch", "Batch"),
    "BatchStatus": ("trigger_api.models.batch_status", "BatchStatus"),
    "BatchWithRunCounts": ("trigger_client._batch_with_run_counts", "BatchWithRunCounts"),
    "AITool": ("trigger_client._sync.resources.ai", "AITool"),
    "AsyncAITool": ("trigger_client._async.resources.ai", "AsyncAITool"),
    "AnnotatedQueue": ("trigger_client._local_annotations", "AnnotatedQueue"),
    "AnnotatedSchedule": ("trigger_client._local_annotations", "AnnotatedSchedule"),
    "LocalAnnotations": ("trigger_client._local_annotations", "LocalAnnotations"),
    "MachinePreset": ("trigger_api.models.machine_preset", "MachinePreset"),
    "CursorPager": ("trigger_client._sync._pagination", "CursorPager"),
    "AsyncCursorPager": ("trigger_client._async._pagination", "AsyncCursorPager"),
    "BatchProgress": ("trigger_client._realtime_feeds", "BatchProgress"),
    "RealtimeOptions": ("trigger_client._realtime_options", "RealtimeOptions"),
    "RealtimeRun": ("trigger_client._realtime_rows", "RealtimeRun"),
    "RunLogEvent": ("trigger_client._realtime_streams", "RunLogEvent"),
    "RunEvent": ("trigger_client._realtime_streams", "RunEvent"),
    "RunTrace": ("trigger_api.models.run_trace", "RunTrace"),
    "SpanDetail": ("trigger_api.models.span_detail", "SpanDetail"),
    "StreamPart": ("trigger_client._realtime_streams", "StreamPart"),
    "BulkAction": ("trigger_api.models.bulk_action", "BulkAction"),
    "WaitpointTokenItem": ("trigger_api.models.waitpoint_token_item", "WaitpointTokenItem"),
    "WaitpointToken": ("trigger_client._waitpoints", "WaitpointToken"),
    "WaitpointTokenHandle": ("trigger_client._waitpoints", "WaitpointTokenHandle"),
}


def __getattr__(name: str) -> Any:
    """Import the generated models on first use, so that ``import trigger_client`` stays fast."""
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'trigger_client' has no attribute {name!r}")


def create_trigger_client(api_key: str | None = None, **options: Any) -> TriggerClient:
    """Make a :class:`TriggerClient` (the synchronous client).

    Args:
        api_key: The secret key; default ``TRIGGER_SECRET_KEY``.
        **options: Any keyword argument of :class:`TriggerClient` (``base_url``, ``preview_branch``,
            ``timeout``, ``max_retries``, ``retry``, ``default_headers``, ``transport``).

    Raises:
        ValidationError: no API key, a malformed base URL, or a preview key without a branch.
    """
    return TriggerClient(api_key, **options)
