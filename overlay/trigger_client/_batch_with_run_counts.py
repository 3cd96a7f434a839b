"""The batch ``client.batch.retrieve(batch_id, run_counts=True)`` returns: the server's batch, with the run
counts the client computed from the batch's runs."""

from __future__ import annotations

import attrs

from trigger_api.models.batch import Batch

from ._batch_operations import BatchRunCounts
from ._extended_models import extend_model

__all__ = ["BatchWithRunCounts"]


@attrs.define
class BatchWithRunCounts(Batch):
    """A :class:`Batch` (every field of the server's answer: ``id``, ``status``, ``run_count``, ``runs``,
    ...) with ``run_counts``, counted in the client. ``to_dict()`` gives the server's fields only.

    Attributes:
        run_counts: The :class:`BatchRunCounts` of the batch's runs when they were listed.
        total_runs: Runs in the batch (the server's ``run_count``).
        completed_runs: Runs that completed successfully (``run_counts.completed``).
        failed_runs: Runs that finished without succeeding and were not canceled (``run_counts.failed``).
    """

    run_counts: BatchRunCounts = attrs.field(kw_only=True)

    @classmethod
    def of(cls, batch: Batch, run_counts: BatchRunCounts) -> BatchWithRunCounts:
        """``batch`` with ``run_counts`` added (its extra fields kept)."""
        return extend_model(cls, batch, run_counts=run_counts)

    @property
    def total_runs(self) -> int:
        """Runs in the batch (``run_count``, as the server counts them)."""
        return self.run_count

    @property
    def completed_runs(self) -> int:
        """Runs that completed successfully."""
        return self.run_counts.completed

    @property
    def failed_runs(self) -> int:
        """Runs that finished without succeeding and were not canceled."""
        return self.run_counts.failed
