"""What triggering returns: handles on the created runs and batches. Tokens are kept out of reprs."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Generic, NamedTuple, TypeVar

import attrs

from ._exceptions import ValidationError
from ._headers import int_header, rate_limit_reset_epoch_s, utc_from_epoch

__all__ = ["BatchHandle", "BatchTriggerResult", "CursorPage", "OffsetPage", "RawResponse", "RunHandle"]

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
            ValidationError: (a ValueError) the items were split over several batches (read ``batches`` or
                ``ids``).
        """
        if len(self.batches) != 1:
            raise ValidationError(
                f"the items were split over {len(self.batches)} batches: use .ids or .batches", field="id"
            )
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
class OffsetPage(Generic[T]):
    """One page of an offset-paginated list (schedules, queues).

    Attributes:
        data: The items of this page.
        current_page: This page's number, from 1.
        total_pages: How many pages there are.
        count: Items in all pages.
    """

    data: list[T]
    current_page: int
    total_pages: int
    count: int

    @property
    def has_next_page(self) -> bool:
        """Whether a following page exists."""
        return self.current_page < self.total_pages

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class RateLimitState(NamedTuple):
    """The rate-limit window a response reports: requests per window, left in it, and when it resets."""

    limit: int | None
    remaining: int | None
    reset_at: datetime.datetime | None


@attrs.frozen
class RawResponse(Generic[T]):
    """A call's parsed value with its HTTP response, from ``client.with_raw_response``.

    Attributes:
        parsed: What the method returns normally.
        status_code: The HTTP status of the (last) response.
        headers: Its headers, lower-case names (kept out of the repr: ``x-trigger-jwt`` is a token).
        request_id: The call's ``x-trigger-request-idempotency-key``.
        attempts: How many attempts the call took.
    """

    parsed: T
    status_code: int
    headers: Mapping[str, str] = attrs.field(repr=False)
    request_id: str | None
    attempts: int

    @property
    def rate_limit(self) -> RateLimitState:
        """``limit``, ``remaining`` and ``reset_at`` from the ``x-ratelimit-*`` headers (None when absent)."""
        return RateLimitState(
            limit=int_header(self.headers, "x-ratelimit-limit"),
            remaining=int_header(self.headers, "x-ratelimit-remaining"),
            reset_at=utc_from_epoch(rate_limit_reset_epoch_s(self.headers)),
        )


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
