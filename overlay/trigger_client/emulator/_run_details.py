"""Run metadata, tags, trace and span detail: the routes under ``/api/v1/runs/{runId}/…``.

Metadata follows the server's update service: with ``operations`` they are applied in order to what is
stored (``metadata`` is then ignored); without, ``metadata`` replaces it; ``parentOperations`` and
``rootOperations`` go to the parent and root run (the run itself when it has none). The server applies
those a few seconds later; the emulator applies them at once. Metadata is stored as a JSON packet of at
most 256 KiB, and may be changed until an hour after the run finished (on the emulator's clock).

The trace is built from the run's recorded events (the root span the engine opens at the first attempt,
and the log lines); a run that has not started yet has a partial root span starting at its creation, as
the real server records the trigger span at once. Durations are nanoseconds, as the server's event store
keeps them.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import re
from typing import Any

from . import _packets as packets
from . import _statuses as st
from ._clock import VirtualClock
from ._engine import root_span_id
from ._service import ApiError
from ._store import RunRecord, Store
from ._validation import Issues, type_name

Response = tuple[int, dict[str, Any], dict[str, str]]

MAX_METADATA_BYTES = 256 * 1024
"""``TASK_RUN_METADATA_MAXIMUM_SIZE``: stored metadata is refused (413) above it."""
MAX_TAGS_PER_RUN = 10
MAX_TAG_LENGTH = 128
TAG_TOO_LONG = "Tags must be less than 128 characters"
UPDATABLE_AFTER_COMPLETION_MS = 60 * 60 * 1000
"""A finished run's metadata may still change for an hour (``RUN_UPDATABLE_WINDOW_MS``)."""
OPERATION_TYPES = ("update", "set", "delete", "append", "remove", "increment")
_UNSAFE_SEGMENTS = frozenset({"__proto__", "constructor", "prototype"})
_PATH_SPLIT = re.compile(r"[.\[\]'\"]+")


def _now_iso(epoch_ms: int) -> str:
    moment = datetime.datetime.fromtimestamp(epoch_ms / 1000, datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def is_safe_key(key: str) -> bool:
    """The server's prototype-pollution guard: a plain key may be anything but ``__proto__``; a
    ``$.`` path may not pass through ``__proto__``, ``constructor`` or ``prototype``."""
    if not key.startswith("$."):
        return key != "__proto__"
    return not any(segment in _UNSAFE_SEGMENTS for segment in _PATH_SPLIT.split(key))


# JSON paths (the subset of JSONHero paths that metadata keys use: ``$.a.b`` and ``$.list[0]``)

_MISSING: Any = object()


def _path(key: str) -> list[str | int]:
    parts: list[str | int] = []
    for segment in _PATH_SPLIT.split(key[2:]):
        if segment:
            parts.append(int(segment) if segment.isdigit() else segment)
    return parts


def _get(document: Any, parts: list[str | int]) -> Any:
    for part in parts:
        document = _child(document, part)
        if document is _MISSING:
            break
    return document


def _child(document: Any, part: str | int) -> Any:
    if isinstance(document, list):
        in_range = isinstance(part, int) and 0 <= part < len(document)
        return document[part] if in_range else _MISSING  # type: ignore[index]
    if isinstance(document, dict):
        return document.get(str(part), _MISSING) if isinstance(part, str) else _MISSING
    return _MISSING


def _set(document: dict[str, Any], parts: list[str | int], value: Any) -> None:
    if not parts:
        return
    target: Any = document
    for part, following in itertools.pairwise(parts):
        child = _get(target, [part])
        if not isinstance(child, dict | list):
            child = [] if isinstance(following, int) else {}
            _assign(target, part, child)
        target = child
    _assign(target, parts[-1], value)


def _assign(target: Any, part: str | int, value: Any) -> None:
    if isinstance(target, list) and isinstance(part, int):
        while len(target) <= part:
            target.append(None)
        target[part] = value
    elif isinstance(target, dict):
        target[str(part)] = value


def apply_operations(
    metadata: dict[str, Any], operations: list[dict[str, Any]]
) -> tuple[dict[str, Any], int]:
    """Apply metadata operations in order, as the SDK's ``applyMetadataOperations`` does.

    Returns:
        The new metadata (a copy) and how many operations were applied.
    """
    result: dict[str, Any] = json.loads(json.dumps(metadata))
    applied = 0
    for operation in operations:
        kind, key, value = operation["type"], operation.get("key", ""), operation.get("value")
        if kind != "update" and not is_safe_key(key):
            continue
        if kind == "update":
            result = json.loads(json.dumps(value))
        elif kind == "set":
            _write(result, key, value)
        elif kind == "delete":
            result.pop(key, None)
        elif kind == "append":
            current = _read(result, key)
            if current is _MISSING:
                _write(result, key, [value])
            elif isinstance(current, list):
                _write(result, key, [*current, value])
            else:
                _write(result, key, [current, value])
        elif kind == "remove":
            current = _read(result, key)
            if not isinstance(current, list):
                continue
            _write(result, key, [item for item in current if not _json_equal(item, value)])
        elif kind == "increment":
            current = _read(result, key)
            number = current if type_name(current) == "number" else 0
            _write(result, key, number + (value or 0))
        applied += 1
    return result, applied


def _read(document: dict[str, Any], key: str) -> Any:
    return _get(document, _path(key)) if key.startswith("$.") else document.get(key, _MISSING)


def _write(document: dict[str, Any], key: str, value: Any) -> None:
    if key.startswith("$."):
        _set(document, _path(key), value)
    else:
        document[key] = value


def _check_operations(issues: Issues, path: list[str | int], value: Any) -> None:
    if value is None:
        return
    if not issues.expect_type(path, value, "array"):
        return
    for index, operation in enumerate(value):
        at = [*path, index]
        if not issues.expect_type(at, operation, "object"):
            continue
        kind = operation.get("type")
        if kind not in OPERATION_TYPES:
            options = " | ".join(f"'{option}'" for option in OPERATION_TYPES)
            issues.add(
                [*at, "type"],
                f"Invalid discriminator value. Expected {options}",
                "invalid_union_discriminator",
                options=list(OPERATION_TYPES),
            )
            continue
        if kind == "update":
            issues.required(at, operation, "value", "object")
            continue
        if issues.required(at, operation, "key", "string") and not is_safe_key(operation["key"]):
            issues.add([*at, "key"], "Metadata key may not reference __proto__, constructor, or prototype")
        if kind == "increment":
            issues.required(at, operation, "value", "number")
        elif kind != "delete" and "value" not in operation:
            issues.add([*at, "value"], "Required", "invalid_type", expected="unknown", received="undefined")


class RunDetailsService:
    """Metadata, tags, trace and span detail of the runs in the emulator's store."""

    def __init__(self, store: Store, clock: VirtualClock, trace_seed: str) -> None:
        """Build the service.

        Args:
            store: the emulator's store.
            clock: the emulator's clock (the metadata update window, tag and metadata times).
            trace_seed: mixed into trace ids so that two emulators give different ones.
        """
        self.store = store
        self.clock = clock
        self.trace_seed = trace_seed

    # Metadata

    def metadata(self, run_id: str) -> Response:
        """``GET /api/v1/runs/{runId}/metadata``: ``{metadata: <stored packet or null>, metadataType}``."""
        run = self.store.get_run(run_id)
        if run is None:
            raise ApiError(404, {"error": "Run not found"})
        return 200, {"metadata": run.metadata, "metadataType": run.metadata_type}, {}

    def update_metadata(self, run_id: str, body: Any) -> Response:
        """``PUT /api/v1/runs/{runId}/metadata``.

        Raises:
            ApiError: 400 for a body that does not match; 404 ``Task Run not found``; 422 for a run that
                finished over an hour ago; 413 when the metadata would pass 256 KiB.
        """
        issues = Issues()
        if not issues.expect_type([], body, "object"):
            raise ApiError(400, {"error": issues.message()})
        issues.optional(["metadata"], body.get("metadata"), "object")
        for name in ("operations", "parentOperations", "rootOperations"):
            _check_operations(issues, [name], body.get(name))
        if issues:
            raise ApiError(400, {"error": issues.message()})
        with self.store.transaction():
            run = self.store.get_run(run_id)
            if run is None:
                raise ApiError(404, {"error": "Task Run not found"})
            now = self.clock.now_ms()
            if run.completed_at is not None and run.completed_at <= now - UPDATABLE_AFTER_COMPLETION_MS:
                raise ApiError(422, {"error": "Cannot update metadata for a completed run"})
            for name, target in (
                ("parentOperations", run.parent_run_id or run.id),
                ("rootOperations", run.root_run_id or run.id),
            ):
                if body.get(name):
                    self._apply(target, body[name], now)
            operations = body.get("operations")
            if isinstance(operations, list):
                return 200, {"metadata": self._apply(run.id, operations, now)}, {}
            replacement = body.get("metadata")
            if replacement is None:
                return 200, {"metadata": {}}, {}
            text = packets.to_json_text(replacement)
            _check_size(text)
            if text != "{}" or (run.metadata and text != run.metadata):
                self.store.update_run(run.id, metadata=text, metadata_type=packets.JSON, updated_at=now)
            return 200, {"metadata": replacement}, {}

    def _apply(self, run_id: str, operations: list[dict[str, Any]], now: int) -> dict[str, Any]:
        run = self.store.get_run(run_id)
        if run is None:
            return {}
        current = packets.decode_packet(run.metadata, run.metadata_type)
        current = current if isinstance(current, dict) else {}
        changed, applied = apply_operations(current, operations)
        if not applied:
            return current
        text = packets.to_json_text(changed)
        _check_size(text)
        self.store.update_run(run_id, metadata=text, metadata_type=packets.JSON, updated_at=now)
        return changed

    # Tags

    def add_tags(self, run_id: str, body: Any) -> Response:
        """``POST /api/v1/runs/{runId}/tags`` ``{tags: string | string[]}``.

        Raises:
            ApiError: 400 ``Invalid request body`` with zod issues; 404 ``Run not found``; 422 over 10 tags.
        """
        issues = Issues()
        tags = body.get("tags") if isinstance(body, dict) else None
        if not isinstance(body, dict):
            issues.expect_type([], body, "object")
        elif "tags" not in body:
            issues.add(["tags"], "Required", "invalid_type", expected="string", received="undefined")
        elif isinstance(tags, str):
            issues.optional_max_length(
                ["tags"], tags, MAX_TAG_LENGTH, "Tags must be less than 128 characters"
            )
        elif isinstance(tags, list):
            for index, tag in enumerate(tags):
                if tag is None:
                    issues.expect_type(["tags", index], tag, "string")
                issues.optional_max_length(["tags", index], tag, MAX_TAG_LENGTH, TAG_TOO_LONG)
        else:
            issues.add(["tags"], "Invalid input", "invalid_union")
        if issues:
            raise ApiError(400, {"error": "Invalid request body", "issues": issues.items})
        requested: list[str] = [tags] if isinstance(tags, str) else list(tags or [])
        wanted = [tag for tag in requested if tag.strip()]
        if not wanted:
            return 200, {"message": "No new tags to add"}, {}
        with self.store.transaction():
            run = self.store.get_run(run_id)
            if run is None:
                raise ApiError(404, {"error": "Run not found"})
            new = [tag for tag in wanted if tag not in run.tags]
            if len(run.tags) + len(new) > MAX_TAGS_PER_RUN:
                listed = ", ".join(f"'{tag}'" for tag in new)
                raise ApiError(
                    422,
                    {
                        "error": f"Runs can only have {MAX_TAGS_PER_RUN} tags, you're trying to set "
                        f"{len(run.tags) + len(new)}. These tags have not been set: {listed}."
                    },
                )
            if not new:
                return 200, {"message": "No new tags to add"}, {}
            self.store.update_run(run_id, tags=[*run.tags, *new], updated_at=self.clock.now_ms())
        return 200, {"message": f"Successfully set {len(new)} new tags."}, {}

    # Trace and spans

    def trace_id(self, run_id: str) -> str:
        """The run's trace id (32 hex digits)."""
        return hashlib.sha256(f"{self.trace_seed}:{run_id}".encode()).hexdigest()[:32]

    def trace(self, run: RunRecord) -> Response:
        """``GET /api/v1/runs/{runId}/trace``: the root span and its children, recursively."""
        spans = self._spans(run)
        children: dict[str | None, list[dict[str, Any]]] = {}
        for span in spans:
            children.setdefault(span["parent_id"], []).append(span)
        root = spans[0]

        def node(span: dict[str, Any]) -> dict[str, Any]:
            data: dict[str, Any] = {
                "message": span["message"],
                **({"taskSlug": run.task_identifier} if span is root else {}),
                "events": [],
                "startTime": _now_iso(span["start_ns"] // 1_000_000),
                "duration": span["duration_ns"],
                "isError": span["is_error"],
                "isPartial": span["is_partial"],
                "isCancelled": span["is_cancelled"],
                "level": span["level"],
                **({"properties": span["properties"]} if span["properties"] else {}),
            }
            return {
                "id": span["span_id"],
                **({"parentId": span["parent_id"]} if span["parent_id"] else {}),
                "runId": run.id,
                "data": data,
                "children": [node(child) for child in children.get(span["span_id"], [])],
            }

        return 200, {"trace": {"traceId": self.trace_id(run.id), "rootSpan": node(root)}}, {}

    def span(self, run: RunRecord, span_id: str) -> Response:
        """``GET /api/v1/runs/{runId}/spans/{spanId}``.

        Raises:
            ApiError: 404 ``Span not found``.
        """
        found = next((span for span in self._spans(run) if span["span_id"] == span_id), None)
        if found is None:
            raise ApiError(404, {"error": "Span not found"})
        body: dict[str, Any] = {
            "spanId": found["span_id"],
            "parentId": found["parent_id"],
            "runId": run.id,
            "message": found["message"],
            "isError": found["is_error"],
            "isPartial": found["is_partial"],
            "isCancelled": found["is_cancelled"],
            "level": found["level"],
            "startTime": _now_iso(found["start_ns"] // 1_000_000),
            "durationMs": found["duration_ns"] / 1_000_000,
        }
        if found["properties"]:
            body["properties"] = found["properties"]
        if found["parent_id"] is None:
            triggered = [
                {
                    "runId": child.id,
                    "taskIdentifier": child.task_identifier,
                    "status": child.status,
                    "createdAt": _now_iso(child.created_at),
                }
                for child in self.store.children_of(run.id)[:50]
            ]
            if triggered:
                body["triggeredRuns"] = triggered
        return 200, body, {}

    def _spans(self, run: RunRecord) -> list[dict[str, Any]]:
        """The run's events with the root span first (made up from the run when no attempt started
        yet); the spans of a cancelled run that were still open are cancelled, not partial."""
        events = self.store.run_events(run.id)
        if not any(event["parent_id"] is None for event in events):
            events.insert(
                0,
                {
                    "span_id": root_span_id(run.id),
                    "parent_id": None,
                    "message": run.task_identifier,
                    "level": "TRACE",
                    "start_ns": run.created_at * 1_000_000,
                    "duration_ns": 0,
                    "is_error": False,
                    "is_partial": True,
                    "attempt": None,
                    "properties": None,
                },
            )
        cancelled = run.status == st.CANCELED
        for event in events:
            event["is_cancelled"] = cancelled and event["is_partial"]
            if event["is_cancelled"]:
                event["is_partial"] = False
        events.sort(key=lambda event: event["parent_id"] is not None)
        return events


def _check_size(text: str) -> None:
    if len(text.encode("utf-8")) > MAX_METADATA_BYTES:
        raise ApiError(413, {"error": f"Metadata exceeds maximum size of {MAX_METADATA_BYTES} bytes"})


def _json_equal(left: Any, right: Any) -> bool:
    """Deep equality of JSON values as JavaScript's ``dequal`` sees it (``1 == 1.0``, ``true != 1``)."""
    if type_name(left) != type_name(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(_json_equal(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(_json_equal(a, b) for a, b in zip(left, right, strict=True))
    return bool(left == right)
