"""What triggering returns: handles on the created runs and batches. Tokens are kept out of reprs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

import attrs

__all__ = ["BatchHandle", "BatchTriggerResult", "CursorPage", "RunHandle"]

T = TypeVar("T")


@attrs.frozen
class RunHandle:
    """A triggered run.

    Attributes:
        id: The run id (``run_…``).
        task_identifier: The task the run belongs to, when known.
        is_cached: True when an idempotency key returned an existing run instead of creating one.
        public_access_token: A JWT the server issued for this run (read it and send to its input streams
            for one hour), or None if the server sent none. Hidden from the repr.
    """

    id: str
    task_identifier: str | None = None
    is_cached: bool = False
    public_access_token: str | None = attrs.field(default=None, repr=False)


@attrs.frozen
class BatchHandle:
    """One batch created on the server.

    Attributes:
        id: The batch id (``batch_…``).
        run_count: How many runs it holds.
        is_cached: True when an idempotency key returned an existing batch (its items were not sent again).
        idempotency_key: The batch idempotency key as sent, or None.
        public_access_token: A JWT that can read this batch for one hour, or None. Hidden from the repr.
    """

    id: str
    run_count: int
    is_cached: bool = False
    idempotency_key: str | None = None
    public_access_token: str | None = attrs.field(default=None, repr=False)


@attrs.frozen
class BatchTriggerResult:
    """The batches made by ``tasks.batch_trigger``: one, or several when the items were more than one
    batch may hold (1,000). Iterating yields the :class:`BatchHandle` objects in item order.

    Attributes:
        batches: The batches, in item order.
    """

    batches: tuple[BatchHandle, ...]

    @property
    def id(self) -> str:
        """The batch id when there is exactly one batch.

        Raises:
            ValueError: the items were split over several batches (read ``batches`` or ``ids``).
        """
        if len(self.batches) != 1:
            raise ValueError(f"the items were split over {len(self.batches)} batches: use .ids or .batches")
        return self.batches[0].id

    @property
    def ids(self) -> list[str]:
        """Every batch id, in item order."""
        return [batch.id for batch in self.batches]

    @property
    def run_count(self) -> int:
        """Runs in all the batches."""
        return sum(batch.run_count for batch in self.batches)

    def __iter__(self) -> Iterator[BatchHandle]:
        return iter(self.batches)

    def __len__(self) -> int:
        return len(self.batches)


@attrs.frozen
class CursorPage(Generic[T]):
    """One page of a cursor-paginated list.

    Attributes:
        data: The items of this page, newest first.
        next_cursor: Pass as ``after=`` for the following page; None on the last page.
        previous_cursor: Pass as ``before=`` for the preceding page; None on the first page.
    """

    data: list[T]
    next_cursor: str | None = None
    previous_cursor: str | None = None

    @property
    def has_next_page(self) -> bool:
        """Whether a following page exists."""
        return self.next_cursor is not None

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)
