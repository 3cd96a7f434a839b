"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.batch``: read batches (in the current shape, or the older one on servers without it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.batches import retrieve_batch, retrieve_batch_v1
from trigger_api.models.batch import Batch
from trigger_api.models.batch_v1 import BatchV1

from ... import _validation as check
from ..._error_hook import reports_errors
from ..._exceptions import NotFoundError
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["Batches"]


@reports_errors
class Batches:
    """Batches of runs. Reached as ``client.batch``; create them with ``client.tasks.batch_trigger``."""

    def __init__(self, client: TriggerClient) -> None:
        self._client = client
        self._v1_route = False
        """Set once the server answered a plain 404 (no ``x-should-retry``) to the v2 route."""

    def retrieve(
        self, batch_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> Batch:
        """Retrieve a batch with the ids of its runs. Calls ``GET /api/v2/batches/{batchId}``.

        A server without that route (a self-hosted server from before it) answers a plain 404, with no
        ``x-should-retry`` header; the client then calls ``GET /api/v1/batches/{batchId}`` (for this call
        and the later ones) and returns the older shape as a :class:`Batch`: its ``errors`` become
        ``processing.errors``, and ``successfulRunCount`` / ``failedRunCount`` are kept as extra fields
        (``batch["successfulRunCount"]``).

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
        if not self._v1_route:
            try:
                parsed, _headers = self._client._call(
                    retrieve_batch, Batch, request_options, batch_id=batch_id
                )
                return parsed
            except NotFoundError as exc:
                if exc.headers.get("x-should-retry") is not None:
                    raise  # the route's own answer: no such batch
                self._v1_route = True
        older, _headers = self._client._call(retrieve_batch_v1, BatchV1, request_options, batch_id=batch_id)
        return as_current_batch(older)


def as_current_batch(older: BatchV1) -> Batch:
    """A batch of the older shape as the current one: ``errors`` under ``processing``; the run counts
    kept as extra fields."""
    fields = older.to_dict()
    fields["processing"] = {"errors": fields.pop("errors", [])}
    return Batch.from_dict(fields)
