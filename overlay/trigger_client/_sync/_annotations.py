"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

Local annotations in the client's store: the descriptive attributes of queues and schedules that the
Trigger.dev server cannot hold, and a pager that attaches (and filters by) them page by page.

Each field of a queue's or schedule's annotations is one JSON entry, under
``{prefix}annotations:{environment}:{kind}:{id}:{field}``: ``prefix`` is the client's key prefix (default
``"trigger_client:"``), ``environment`` a fingerprint of the base URL, API key and preview branch (a hash:
the key itself is never written), ``kind`` ``queue`` or ``schedule``, ``field`` ``description``, ``tags``
or ``metadata`` (null once cleared). A change writes only its fields, so two clients changing different
fields of one object at once both keep their change (the same field: the last write wins). Nothing
here sends a request.
"""

from __future__ import annotations

from collections.abc import Iterator, Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from .._cache_options import environment_fingerprint
from .._local_annotations import LocalAnnotations, has_all_tags
from .._results import OffsetPage
from .._types import NOT_GIVEN, NotGiven
from ._pagination import OffsetPager
from ._store_namespace import check_key, decode, encode

if TYPE_CHECKING:
    from ._client import TriggerClient

__all__ = ["AnnotationKind", "AnnotatedPager", "Annotations", "PageTransform"]

T = TypeVar("T")
AnnotationKind = Literal["queue", "schedule"]
FIELDS = ("description", "tags", "metadata")
"""The fields of the annotations, each stored under its own key."""


class Annotations:
    """The local annotations of one environment's queues and schedules, in a store.

    Args:
        store: The client's store (memory or Redis).
        prefix: The prefix of every key, ending in the environment's fingerprint and a colon.
    """

    def __init__(self, store: Any, prefix: str) -> None:
        self._store = store
        self._prefix = prefix

    @classmethod
    def of(cls, client: TriggerClient) -> Annotations:
        """The annotations of the environment ``client`` acts on (its base URL, API key and preview branch,
        hashed), in its store under its key prefix."""
        config = client._config
        environment = environment_fingerprint(config.base_url, config.api_key, config.preview_branch)
        return cls(client._store, f"{client._cache_options.prefix}annotations:{environment}:")

    def _keys(self, kind: AnnotationKind, item_id: str) -> list[str]:
        base = f"{self._prefix}{kind}:{check_key(item_id, 'id')}:"
        return [base + field for field in FIELDS]

    def get(self, kind: AnnotationKind, item_id: str) -> LocalAnnotations:
        """The annotations of the ``kind`` with id ``item_id``; empty ones when none are stored.

        Raises:
            StoreError: the store failed, or an entry is not annotations.
        """
        (annotations,) = self.get_many(kind, [item_id])
        return annotations

    def get_many(self, kind: AnnotationKind, item_ids: Sequence[str]) -> list[LocalAnnotations]:
        """The annotations of each id, in order (one read of the store).

        Raises:
            StoreError: the store failed, or an entry is not annotations.
        """
        if not item_ids:
            return []
        keys = [key for item_id in item_ids for key in self._keys(kind, item_id)]
        texts = self._store.get_many(keys)
        found = []
        for start in range(0, len(keys), len(FIELDS)):
            entries = zip(FIELDS, keys[start:], texts[start : start + len(FIELDS)], strict=False)
            decoded = {field: decode(text, key) for field, key, text in entries if text is not None}
            stored = {field: value for field, value in decoded.items() if value is not None}
            found.append(LocalAnnotations.from_stored(stored, keys[start].rsplit(":", 1)[0]))
        return found

    def attach(
        self,
        kind: AnnotationKind,
        items: Sequence[Any],
        wanted: Sequence[str] | None,
        make: Callable[[Any, LocalAnnotations], T],
    ) -> list[T]:
        """``items`` (with an ``id``) with their annotations, as ``make(item, annotations)`` makes them:
        only those whose tags include every tag of ``wanted`` (None: all). One read of the store.

        Raises:
            StoreError: the store failed, or an entry is not annotations.
        """
        notes = self.get_many(kind, [item.id for item in items])
        return [
            make(item, note)
            for item, note in zip(items, notes, strict=True)
            if wanted is None or has_all_tags(note, wanted)
        ]

    def update(
        self,
        kind: AnnotationKind,
        item_id: str,
        *,
        description: str | NotGiven | None = NOT_GIVEN,
        tags: tuple[str, ...] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> LocalAnnotations:
        """Replace the given fields (already checked), keep the others, in one write of the store (all or
        nothing): a field set to nothing (None description, no tags, empty metadata) is written as null,
        which reads as absent. The other fields are not written.

        Args:
            kind: ``"queue"`` or ``"schedule"``.
            item_id: The queue id (``queue_…``) or schedule id (``sched_…``).
            description: The new description; None removes it; NOT_GIVEN keeps it.
            tags: The new tags (empty removes them); None keeps them.
            metadata: The new metadata (empty removes it); None keeps it.

        Returns:
            The annotations stored after the change (read back: another client's change of another field
            shows).

        Raises:
            StoreError: the store failed, or an entry is not annotations.
        """
        given: dict[str, Any] = {}
        if not isinstance(description, NotGiven):
            given["description"] = description
        if tags is not None:
            given["tags"] = list(tags)
        if metadata is not None:
            given["metadata"] = metadata
        keys = dict(zip(FIELDS, self._keys(kind, item_id), strict=True))
        # One write, all or nothing: a field set to nothing is written as null (read as absent).
        written = {keys[field]: encode(value or None, "annotations") for field, value in given.items()}
        if written:
            self._store.set_many(written, None)
        return self.get(kind, item_id)

    def delete(self, kind: AnnotationKind, item_id: str) -> bool:
        """Forget the annotations of an id; return whether there were any.

        Raises:
            StoreError: the store failed.
        """
        return bool(self._store.delete_many(self._keys(kind, item_id)))


class PageTransform(Protocol[T]):
    """Turns the items of one page, as the server listed them, into the items to yield (annotated,
    filtered)."""

    def __call__(self, items: list[Any], /) -> list[T]: ...


class AnnotatedPager(OffsetPager[T]):
    """An offset pager whose pages go through ``transform`` in the client (annotations attached, filters
    applied). The server's pages are walked as :class:`OffsetPager` walks them, so a page that
    ``transform`` empties does not end the iteration; each yielded page keeps the server's
    ``current_page``, ``total_pages`` and ``count`` (which counts every item, not only the matching ones).

    Args:
        inner: The pager over the server's pages.
        transform: What each page's items become.
    """

    def __init__(self, inner: OffsetPager[Any], transform: PageTransform[T]) -> None:
        super().__init__(inner._fetch, page=inner._page, report=inner._report)
        self._transform = transform

    def _apply(self, page: OffsetPage[Any]) -> OffsetPage[T]:
        return OffsetPage(self._transform(page.data), page.current_page, page.total_pages, page.count)

    def first_page(self) -> OffsetPage[T]:
        """Fetch only the first page (transformed: it may hold fewer items than the server listed)."""
        return self._apply(super().first_page())

    def pages(self) -> Iterator[OffsetPage[T]]:
        """Yield each page in turn, transformed, until the server's last one.

        Raises:
            PaginationError: the server answered another page number than the one asked for.
            StoreError: the store failed while reading the annotations.
        """
        for page in super().pages():
            yield self._apply(page)
