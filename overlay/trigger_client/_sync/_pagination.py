"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

Iterating over every item of a cursor-paginated list, one page in memory at a time."""

from __future__ import annotations

from collections.abc import Iterator, Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .. import _validation as check
from .._error_hook import report_error
from .._exceptions import PaginationError, TriggerError, ValidationError
from .._results import CursorPage, OffsetPage
from .._types import RequestOptions

if TYPE_CHECKING:
    from ._client import TriggerClient

T = TypeVar("T")

__all__ = ["CursorPager", "OffsetPager", "cursor_page", "cursor_pager", "offset_pager"]


def cursor_page(data: list[T], pagination: Any) -> CursorPage[T]:
    """A page of a generated list answer: its ``data``, and the ``next_`` and ``previous`` cursors of its
    ``pagination`` (absent or empty ones mean there is no such page)."""

    def cursor(value: Any) -> str | None:
        return value if isinstance(value, str) and value else None

    return CursorPage(
        data=data, next_cursor=cursor(pagination.next_), previous_cursor=cursor(pagination.previous)
    )


class PageFetcher(Protocol[T]):
    """Fetches the page after (or before) a cursor; both None means the first page."""

    def __call__(self, after: str | None, before: str | None) -> CursorPage[T]: ...


class CursorPager(Generic[T]):
    """Every item of a list, fetched page by page as iteration reaches it. Nothing is sent before
    iteration starts (or ``first_page()`` is called).

    Iterating yields each item once: an item repeated at the start of the next page (a run created while
    listing can shift a page) is skipped, and a cursor the server already returned, or a page that holds
    only the previous page's items, raises :class:`PaginationError` instead of looping forever. Only one
    page is held at a time.

    Args:
        fetch: Fetches one page.
        after: Start after this cursor (walks forward through ``next`` cursors).
        before: Start before this cursor (walks backward through ``previous`` cursors).
    """

    def __init__(
        self,
        fetch: PageFetcher[T],
        *,
        after: str | None = None,
        before: str | None = None,
        report: Callable[[TriggerError], None] | None = None,
    ) -> None:
        self._fetch = fetch
        self._after = after
        self._before = before
        self._report = report

    def first_page(self) -> CursorPage[T]:
        """Fetch only the first page."""
        return self._fetch(self._after, self._before)

    def pages(self) -> Iterator[CursorPage[T]]:
        """Yield each page in turn until the last one.

        Raises:
            PaginationError: the server returned a cursor for the second time.
        """
        backward = self._before is not None
        after, before = self._after, self._before
        seen: set[str] = set()
        while True:
            page = self._fetch(after, before)
            cursor = page.previous_cursor if backward else page.next_cursor
            if cursor is not None and cursor in seen:
                raise self._reported(
                    PaginationError(
                        f"the server returned the cursor {cursor!r} twice; stopping the iteration"
                    )
                )
            yield page
            if not cursor or not page.data:
                return
            seen.add(cursor)
            after, before = (None, cursor) if backward else (cursor, None)

    def _reported(self, error: TriggerError) -> TriggerError:
        if self._report is not None:
            self._report(error)
        return error

    def __iter__(self) -> Iterator[T]:
        previous_ids: set[object] = set()
        for page in self.pages():
            ids = {getattr(item, "id", None) for item in page.data} - {None}
            if ids and ids <= previous_ids:
                raise self._reported(
                    PaginationError("the server returned the same page again under a new cursor; stopping")
                )
            for item in page.data:
                if getattr(item, "id", None) not in previous_ids:
                    yield item
            previous_ids = ids


class OffsetPageFetcher(Protocol[T]):
    """Fetches one page by number (from 1)."""

    def __call__(self, page: int, /) -> OffsetPage[T]: ...


class OffsetPager(Generic[T]):
    """Every item of an offset-paginated list, fetched page by page as iteration reaches it. Nothing is
    sent before iteration starts (or ``first_page()`` is called). Only one page is held at a time.

    Args:
        fetch: Fetches one page by number.
        page: The page to start at (default 1).
        report: Hands an error raised here to the client's error hook.
    """

    def __init__(
        self,
        fetch: OffsetPageFetcher[T],
        *,
        page: int = 1,
        report: Callable[[TriggerError], None] | None = None,
    ) -> None:
        self._fetch = fetch
        self._page = page
        self._report = report

    def first_page(self) -> OffsetPage[T]:
        """Fetch only the first page."""
        return self._fetch(self._page)

    def pages(self) -> Iterator[OffsetPage[T]]:
        """Yield each page in turn until the last one.

        Raises:
            PaginationError: the server answered another page number than the one asked for.
        """
        number = self._page
        while True:
            page = self._fetch(number)
            if page.current_page != number:
                error = PaginationError(
                    f"asked for page {number}, the server answered page {page.current_page}"
                )
                if self._report is not None:
                    self._report(error)
                raise error
            yield page
            if not page.has_next_page or not page.data:
                return
            number += 1

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            for item in page.data:
                yield item


MAX_PER_PAGE = 100
"""The largest page offset-paginated lists give."""


def offset_pager(
    client: TriggerClient,
    endpoint: ModuleType,
    response_type: type[Any],
    request_options: RequestOptions | Mapping[str, Any] | None,
    *,
    page: int | None,
    per_page: int | None,
) -> OffsetPager[Any]:
    """A pager over an offset-paginated generated operation (its answer has ``data`` and
    ``pagination: {currentPage, totalPages, count}``; it takes ``page`` and ``per_page``).

    Raises:
        ValidationError: ``page`` below 1, or ``per_page`` outside 1-100, at once.
    """
    start = 1 if page is None else check.integer(page, "page", 1)
    size = None if per_page is None else check.integer(per_page, "per_page", 1)
    if size is not None and size > MAX_PER_PAGE:
        raise ValidationError(f"per_page must be at most {MAX_PER_PAGE}, got {size}", field="per_page")

    def fetch(number: int) -> OffsetPage[Any]:
        parsed, _headers = client._call(endpoint, response_type, request_options, page=number, per_page=size)
        pages = parsed.pagination
        return OffsetPage(parsed.data, pages.current_page, pages.total_pages, pages.count)

    return OffsetPager(fetch, page=start, report=lambda error: report_error(client._config, error))


def cursor_pager(
    client: TriggerClient,
    endpoint: ModuleType,
    response_type: type[Any],
    request_options: RequestOptions | Mapping[str, Any] | None,
    *,
    after: str | None,
    before: str | None,
    **query: Any,
) -> CursorPager[Any]:
    """A pager over a cursor-paginated generated operation (its answer has ``data`` and ``pagination:
    {next, previous}``; it takes ``pageafter`` and ``pagebefore``), sending ``query`` with every page."""

    def fetch(after: str | None, before: str | None) -> CursorPage[Any]:
        parsed, _headers = client._call(
            endpoint, response_type, request_options, pageafter=after, pagebefore=before, **query
        )
        return cursor_page(parsed.data, parsed.pagination)

    return CursorPager(
        fetch, after=after, before=before, report=lambda error: report_error(client._config, error)
    )
