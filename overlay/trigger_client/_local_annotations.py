"""Local annotations: descriptive attributes the Trigger.dev server cannot hold (a queue's description and
tags, a schedule's tags and metadata), kept in the client's store, and the queue and schedule models that
carry them. No I/O: ``trigger_client._async._annotations`` reads and writes the store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from trigger_api.models.queue_item import QueueItem
from trigger_api.models.schedule import Schedule

from . import _validation as check
from ._exceptions import StoreError, ValidationError
from ._extended_models import extend_model

__all__ = [
    "AnnotatedQueue",
    "AnnotatedSchedule",
    "LocalAnnotations",
    "annotation_metadata",
    "annotation_tags",
    "has_all_tags",
    "tag_filter",
]


@attrs.frozen
class LocalAnnotations:
    """What this client keeps about a queue or schedule in its store (never sent to the server).

    Attributes:
        description: A queue's description (None: none set; schedules have none).
        tags: Tags (at most 10, each at most 128 characters), in the order given, without repeats.
        metadata: A schedule's metadata (a JSON object; empty when none is set; queues have none).
    """

    description: str | None = None
    tags: tuple[str, ...] = ()
    metadata: dict[str, Any] = attrs.field(factory=dict)

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any], key: str) -> LocalAnnotations:
        """The annotations whose fields were stored as ``stored`` (``{"description": ..., "tags": [...],
        "metadata": {...}}``, each field present only when set); ``key`` names them in a message.

        Raises:
            StoreError: a field of the wrong type (another program wrote it).
        """
        description = stored.get("description")
        tags = stored.get("tags", [])
        metadata = stored.get("metadata", {})
        if (
            (description is not None and not isinstance(description, str))
            or not isinstance(tags, list)
            or not all(isinstance(tag, str) for tag in tags)
            or not isinstance(metadata, dict)
        ):
            raise StoreError(f"the value stored under {key!r} is not annotations: another program wrote it")
        return cls(description=description, tags=tuple(tags), metadata=metadata)


def annotation_tags(value: Any, owner: str) -> tuple[str, ...]:
    """Tags to keep: a string or strings, at most 10 of at most 128 characters (as run tags), repeats
    dropped (the first kept). ``[]`` (no tags) is allowed; a blank tag is not.

    Raises:
        ValidationError: a blank tag, or something else than tags.
    """
    given = [value] if isinstance(value, str) else value
    if isinstance(given, list | tuple) and any(isinstance(tag, str) and not tag.strip() for tag in given):
        raise ValidationError(f"tags of {owner} must not be blank, got {value!r}", field="tags")
    return tuple(dict.fromkeys(check.utf8(tag, "tags") for tag in check.tags(value, "tags", owner=owner)))


def annotation_metadata(value: Any) -> dict[str, Any]:
    """Metadata to keep: a mapping of string keys to JSON values.

    Raises:
        ValidationError: not a mapping, a key that is not a string, or a value JSON cannot hold.
    """
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise ValidationError(f"metadata must be a mapping of string keys, got {value!r}", field="metadata")
    check.json_encode(dict(value), "metadata")
    return dict(value)


def has_all_tags(annotations: LocalAnnotations, wanted: Sequence[str]) -> bool:
    """Whether ``annotations`` carry every tag of ``wanted``."""
    return set(wanted) <= set(annotations.tags)


@attrs.define
class AnnotatedSchedule(Schedule):
    """A :class:`Schedule` (every field of the server's answer) with the local annotations this client
    keeps for it. ``to_dict()`` gives the server's fields only.

    Attributes:
        local_annotations: ``tags`` and ``metadata`` given to ``client.schedules.create`` / ``update``,
            read from the client's store: they live in the client, not on the server, and other clients see
            them only when they share the store (Redis) and the environment.
    """

    local_annotations: LocalAnnotations = attrs.field(factory=LocalAnnotations, kw_only=True)

    @classmethod
    def of(cls, schedule: Schedule, annotations: LocalAnnotations) -> AnnotatedSchedule:
        """``schedule`` with ``annotations`` attached."""
        return extend_model(cls, schedule, local_annotations=annotations)


@attrs.define
class AnnotatedQueue(QueueItem):
    """A queue (``QueueItem``: every field of the server's answer) with the local annotations this client
    keeps for it. ``to_dict()`` gives the server's fields only.

    Attributes:
        local_annotations: ``description`` and ``tags`` given to ``client.queues.update`` / ``create``, read
            from the client's store: they live in the client, not on the server.
    """

    local_annotations: LocalAnnotations = attrs.field(factory=LocalAnnotations, kw_only=True)

    @classmethod
    def of(cls, queue: QueueItem, annotations: LocalAnnotations) -> AnnotatedQueue:
        """``queue`` with ``annotations`` attached."""
        return extend_model(cls, queue, local_annotations=annotations)


def tag_filter(tags: Any) -> tuple[str, ...] | None:
    """A ``list(tags=...)`` filter: None (no filter) or the tags an item must all carry.

    Raises:
        ValidationError: not a string or strings, or an empty list.
    """
    if tags is None:
        return None
    return tuple(dict.fromkeys(check.string_list(tags, "tags")))
