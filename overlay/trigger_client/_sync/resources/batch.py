"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.batch``: read batches."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.batches import retrieve_batch
from trigger_api.models.batch import Batch

from ... import _validation as check
from ..._error_hook import reports_errors
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["Batches"]


@reports_errors
class Batches:
    """Batches of runs. Reached as ``client.batch``; create them with ``client.tasks.batch_trigger``."""

    def __init__(self, client: TriggerClient) -> None:
        self._client = client

    def retrieve(
        self, batch_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> Batch:
        """Retrieve a batch with the ids of its runs. Calls ``GET /api/v2/batches/{batchId}``.

        Args:
            batch_id: The batch id (``batch_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The batch (``trigger_client.Batch``): ``status`` (PENDING, PROCESSING, COMPLETED,
            PARTIAL_FAILED, ABORTED), ``run_count``, ``runs`` (run ids), ``processing.errors``.

        Raises:
            NotFoundError: no such batch (after retries: a batch just created may take a moment to appear).
        """
        check.path_segment(batch_id, "batch_id")
        parsed, _headers = self._client._call(retrieve_batch, Batch, request_options, batch_id=batch_id)
        return parsed
