"""Values of the Trigger.dev protocol and this client's defaults, in one place."""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.trigger.dev"
"""Trigger.dev cloud. Override with the ``base_url`` argument or ``TRIGGER_API_URL``."""

API_VERSION = "2025-07-16"
"""Sent as ``x-trigger-api-version``; it selects the v4 run status vocabulary."""

PROTOCOL_SDK_VERSION = "4.8.3"
"""The official SDK release whose wire protocol this client matches, sent as ``trigger-version``."""

ENV_SECRET_KEY = "TRIGGER_SECRET_KEY"
ENV_API_URL = "TRIGGER_API_URL"
ENV_PREVIEW_BRANCH = "TRIGGER_PREVIEW_BRANCH"

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
"""60 seconds to read, write or wait for a pooled connection; 10 seconds to connect."""

DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_MAX_KEEPALIVE_CONNECTIONS = 20

MAX_TAGS_PER_RUN = 10
MAX_TAG_LENGTH = 128
MAX_IDEMPOTENCY_KEY_LENGTH = 2048
MAX_TRIGGER_BODY_BYTES = 3 * 1024 * 1024
"""The server refuses a trigger body over 3 MiB (413)."""
MAX_METADATA_BYTES = 256 * 1024
MAX_BATCH_ITEM_BYTES = 3 * 1024 * 1024
"""Each NDJSON line of a batch is at most 3 MiB."""
MAX_BATCH_SIZE = 1000
"""Items the server accepts in one batch of the two-phase API (``STREAMING_BATCH_MAX_ITEMS``)."""
MAX_BATCH_CREATE_BYTES = 128 * 1024
"""The body of ``POST /api/v3/batches`` is at most 128 KiB."""
MIN_MAX_DURATION_S = 5
PAYLOAD_OFFLOAD_BYTES = 128 * 1024
"""Payloads whose JSON is this size or more go through the object store, as the official SDK sends them
(``OFFLOAD_IO_PACKET_LENGTH_LIMIT``)."""
MAX_LEGACY_BATCH_SIZE = 500
"""Items the legacy one-shot batch route (``POST /api/v2/tasks/batch``) accepts."""
MAX_LEGACY_BATCH_BODY_BYTES = 1_000_000
"""The body of the legacy one-shot batch route is at most 1 MB."""

MACHINE_PRESETS = ("micro", "small-1x", "small-2x", "medium-1x", "medium-2x", "large-1x", "large-2x")

FINAL_RUN_STATUSES = frozenset(
    {"COMPLETED", "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT", "INTERRUPTED"}
)
"""Statuses a run never leaves. Unlike the server's ``isCompleted``, EXPIRED and TIMED_OUT count as final."""
