"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.runs.metadata``: read a run's metadata, replace it, or change it key by key."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from trigger_api.api.runs import retrieve_run_metadata, update_run_metadata
from trigger_api.models.run_metadata_packet import RunMetadataPacket
from trigger_api.models.update_run_metadata_request_body import UpdateRunMetadataRequestBody
from trigger_api.models.update_run_metadata_response import UpdateRunMetadataResponse
from trigger_api.types import Unset

from ... import _validation as check
from ..._constants import MAX_METADATA_BYTES
from ..._error_hook import reports_errors
from ..._exceptions import APIResponseValidationError, ValidationError
from ..._packets import decode_packet
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["METADATA_OPERATION_TYPES", "SyncRunMetadata"]

METADATA_OPERATION_TYPES = ("update", "set", "delete", "append", "remove", "increment")
"""The operations the server applies (``decrement`` is an ``increment`` by a negative number)."""
MAX_UPDATE_BODY_BYTES = 2 * 1024 * 1024
"""The server refuses metadata update bodies over 2 MiB."""
_UNSAFE_SEGMENTS = frozenset({"__proto__", "constructor", "prototype"})
_PATH_SEPARATORS = re.compile(r"[.\[\]'\"]+")


@reports_errors
class SyncRunMetadata:
    """The metadata of runs: a JSON object per run that tasks and clients read and change (progress,
    status, results so far). Reached as ``client.runs.metadata``.

    Changes are accepted while a run is unfinished and for an hour after it finished; each call is one
    request. The server applies operations one after another to what is stored, so concurrent
    ``set``/``increment``/``append`` calls from several clients do not overwrite each other.
    """

    def __init__(self, client: TriggerClient) -> None:
        self._client = client

    def retrieve(
        self, run_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """A run's metadata. Calls ``GET /api/v1/runs/{runId}/metadata``.

        Args:
            run_id: The run id (``run_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The metadata object, decoded from its stored packet (``{}`` when the run has none).

        Raises:
            NotFoundError: no such run ("Run not found").
            APIResponseValidationError: the stored metadata is not a JSON object.
        """
        check.path_segment(run_id, "run_id")
        parsed, _headers = self._client._call(
            retrieve_run_metadata, RunMetadataPacket, request_options, run_id=run_id
        )
        stored = parsed.metadata
        if stored is None or isinstance(stored, Unset):
            return {}
        value = stored if isinstance(stored, dict) else decode_packet(str(stored), parsed.metadata_type)
        if not isinstance(value, dict):
            raise APIResponseValidationError(
                f"the metadata of run {run_id} is not a JSON object: {str(stored)[:200]!r}"
            )
        return value

    def replace(
        self,
        run_id: str,
        metadata: Mapping[str, Any],
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Replace a run's whole metadata. Calls ``PUT /api/v1/runs/{runId}/metadata`` with
        ``{"metadata": …}``.

        Args:
            run_id: The run id (``run_…``).
            metadata: The new metadata: a JSON object of at most 256 KiB encoded.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata as the server stored it.

        Raises:
            ValidationError: metadata that is not a JSON object or is too large, before sending; 422 when
                the run finished more than an hour ago.
            NotFoundError: no such run ("Task Run not found").
        """
        if not isinstance(metadata, Mapping):
            raise ValidationError(
                f"metadata must be a JSON object (a mapping), got {type(metadata).__name__}", field="metadata"
            )
        check.json_encode(dict(metadata), "metadata", MAX_METADATA_BYTES)
        return self._put(run_id, {"metadata": dict(metadata)}, request_options)

    def update(
        self,
        run_id: str,
        operations: Sequence[Mapping[str, Any]],
        *,
        parent_operations: Sequence[Mapping[str, Any]] | None = None,
        root_operations: Sequence[Mapping[str, Any]] | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Apply operations to a run's metadata, in order, in one request. Calls
        ``PUT /api/v1/runs/{runId}/metadata`` with ``{"operations": […]}``.

        Each operation is a mapping: ``{"type": "set", "key": k, "value": v}``, ``{"type": "delete",
        "key": k}``, ``{"type": "append", "key": k, "value": v}`` (to the list at ``k``, making one),
        ``{"type": "remove", "key": k, "value": v}`` (every equal item from the list at ``k``),
        ``{"type": "increment", "key": k, "value": n}`` (a number; missing counts as 0) or
        ``{"type": "update", "value": {...}}`` (the whole object). A key starting ``$.`` is a JSON path
        (``$.progress.done``). An operation the server cannot apply (``remove`` from a value that is not a
        list) is skipped.

        Args:
            run_id: The run id (``run_…``).
            operations: The operations for the run itself (at least one, unless parent or root ones are
                given).
            parent_operations: Operations for the run's parent run (the run itself when it has none),
                applied by the server within a few seconds.
            root_operations: Operations for the run's root run (the run itself when it has none),
                applied likewise.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata after its operations.

        Raises:
            ValidationError: an unknown type, a missing or unsafe key (``__proto__``, ``constructor``,
                ``prototype``), a value that is not JSON, an ``increment`` by a value that is not a number,
                no operations at all, or a body over 2 MiB, before sending; 422 when the run finished more
                than an hour ago; 413 when the stored metadata would pass 256 KiB.
            NotFoundError: no such run.
        """
        body: dict[str, Any] = {"operations": _operations(operations, "operations")}
        for field, extra in (("parentOperations", parent_operations), ("rootOperations", root_operations)):
            if extra is not None:
                body[field] = _operations(extra, field)
        if not any(body.values()):
            raise ValidationError("give at least one operation", field="operations")
        check.json_encode(body, "operations", MAX_UPDATE_BODY_BYTES)
        return self._put(run_id, body, request_options)

    def set(
        self,
        run_id: str,
        key: str,
        value: Any,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Set one key of a run's metadata (``metadata.set`` in the SDK). Calls
        ``PUT /api/v1/runs/{runId}/metadata`` with a ``set`` operation; see :meth:`update`.

        Args:
            run_id: The run id (``run_…``).
            key: The key, or a JSON path starting ``$.``.
            value: Any JSON value.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata after the change.

        Raises:
            ValidationError: an unsafe key or a value that is not JSON, before sending; 422 for a run
                that finished more than an hour ago.
            NotFoundError: no such run.
        """
        return self.update(
            run_id, [{"type": "set", "key": key, "value": value}], request_options=request_options
        )

    def delete(
        self, run_id: str, key: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Remove one top-level key of a run's metadata (``metadata.del`` in the SDK). Calls
        ``PUT /api/v1/runs/{runId}/metadata`` with a ``delete`` operation; see :meth:`update`.

        Args:
            run_id: The run id (``run_…``).
            key: The key.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata after the change.

        Raises:
            ValidationError: an unsafe key, before sending; 422 for a run finished over an hour ago.
            NotFoundError: no such run.
        """
        return self.update(run_id, [{"type": "delete", "key": key}], request_options=request_options)

    def append(
        self,
        run_id: str,
        key: str,
        value: Any,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Append a value to the list at ``key`` (made a list when it is missing or a single value).
        Calls ``PUT /api/v1/runs/{runId}/metadata`` with an ``append`` operation; see :meth:`update`.

        Args:
            run_id: The run id (``run_…``).
            key: The key, or a JSON path starting ``$.``.
            value: Any JSON value.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata after the change.

        Raises:
            ValidationError: an unsafe key or a value that is not JSON, before sending; 422 for a run
                that finished more than an hour ago.
            NotFoundError: no such run.
        """
        return self.update(
            run_id, [{"type": "append", "key": key, "value": value}], request_options=request_options
        )

    def remove(
        self,
        run_id: str,
        key: str,
        value: Any,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Remove every item equal to ``value`` from the list at ``key`` (nothing happens when it is not
        a list). Calls ``PUT /api/v1/runs/{runId}/metadata`` with a ``remove`` operation.

        Args:
            run_id: The run id (``run_…``).
            key: The key, or a JSON path starting ``$.``.
            value: The JSON value to remove (compared deeply).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata after the change.

        Raises:
            ValidationError: an unsafe key or a value that is not JSON, before sending; 422 for a run
                that finished more than an hour ago.
            NotFoundError: no such run.
        """
        return self.update(
            run_id, [{"type": "remove", "key": key, "value": value}], request_options=request_options
        )

    def increment(
        self,
        run_id: str,
        key: str,
        by: float = 1,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Add ``by`` to the number at ``key`` (a missing or non-number value counts as 0). Calls
        ``PUT /api/v1/runs/{runId}/metadata`` with an ``increment`` operation.

        Args:
            run_id: The run id (``run_…``).
            key: The key, or a JSON path starting ``$.``.
            by: A finite number (default 1).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata after the change.

        Raises:
            ValidationError: an unsafe key or a ``by`` that is not a finite number, before sending; 422
                for a run that finished more than an hour ago.
            NotFoundError: no such run.
        """
        return self.update(
            run_id, [{"type": "increment", "key": key, "value": by}], request_options=request_options
        )

    def decrement(
        self,
        run_id: str,
        key: str,
        by: float = 1,
        *,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Subtract ``by`` from the number at ``key``: an ``increment`` by ``-by``, as the SDK sends it.
        Calls ``PUT /api/v1/runs/{runId}/metadata``.

        Args:
            run_id: The run id (``run_…``).
            key: The key, or a JSON path starting ``$.``.
            by: A finite number (default 1).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The run's metadata after the change.

        Raises:
            ValidationError: an unsafe key or a ``by`` that is not a finite number, before sending; 422
                for a run that finished more than an hour ago.
            NotFoundError: no such run.
        """
        _number(by, "by")
        return self.increment(run_id, key, -by, request_options=request_options)

    def _put(
        self,
        run_id: str,
        body: dict[str, Any],
        request_options: RequestOptions | Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        check.path_segment(run_id, "run_id")
        operations = [
            operation
            for field in ("operations", "parentOperations", "rootOperations")
            for operation in body.get(field) or []
        ]
        parsed, _headers = self._client._call(
            update_run_metadata,
            UpdateRunMetadataResponse,
            request_options,
            # increment and append would be applied twice by a repeated request: not resent once it may
            # have reached the server (the other operations, and a whole new metadata, may be).
            idempotent=all(operation.get("type") in IDEMPOTENT_OPERATIONS for operation in operations),
            run_id=run_id,
            body=UpdateRunMetadataRequestBody.from_dict(body),
        )
        metadata = parsed.metadata
        return {} if isinstance(metadata, Unset) else metadata.to_dict()


IDEMPOTENT_OPERATIONS = frozenset({"update", "set", "delete", "remove"})
"""Metadata operations that give the same result when applied twice (not ``increment`` or ``append``)."""


def _operations(operations: Any, field: str) -> list[dict[str, Any]]:
    """The operations as the server takes them, checked."""
    if isinstance(operations, str | bytes | Mapping) or not isinstance(operations, Sequence):
        raise ValidationError(f"{field} must be a list of operations, got {operations!r}", field=field)
    return [_operation(operation, field) for operation in operations]


def _operation(operation: Any, field: str) -> dict[str, Any]:
    if not isinstance(operation, Mapping):
        raise ValidationError(f"each operation must be a mapping, got {operation!r}", field=field)
    kind = operation.get("type")
    if kind not in METADATA_OPERATION_TYPES:
        raise ValidationError(
            f"an operation's type must be one of {', '.join(METADATA_OPERATION_TYPES)}, got {kind!r}",
            field=field,
        )
    unknown = set(operation) - {"type", "key", "value"}
    if unknown:
        raise ValidationError(f"unknown operation field(s): {', '.join(sorted(unknown))}", field=field)
    if kind == "update":
        value = operation.get("value")
        if not isinstance(value, Mapping):
            raise ValidationError("an update operation's value must be a JSON object", field=field)
        check.json_encode(dict(value), field)
        return {"type": "update", "value": dict(value)}
    wire: dict[str, Any] = {"type": kind, "key": _key(operation.get("key"), field)}
    if kind == "delete":
        return wire
    if "value" not in operation:
        raise ValidationError(f"a {kind} operation needs a value", field=field)
    value = operation["value"]
    if kind == "increment":
        _number(value, field)
    check.json_encode(value, field)
    wire["value"] = value
    return wire


def _key(key: Any, field: str) -> str:
    if not isinstance(key, str) or not key:
        raise ValidationError(f"an operation's key must be a non-empty string, got {key!r}", field=field)
    # As the server judges it: a plain key is assigned as it is (only ``__proto__`` is unsafe); a JSON path
    # may not pass through ``__proto__``, ``constructor`` or ``prototype``.
    unsafe = (
        any(segment in _UNSAFE_SEGMENTS for segment in _PATH_SEPARATORS.split(key))
        if key.startswith("$.")
        else key == "__proto__"
    )
    if unsafe:
        raise ValidationError(
            f"metadata keys may not name __proto__ (nor, in a $. path, constructor or prototype), "
            f"got {key!r}",
            field=field,
        )
    return key


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(f"{field} must be a finite number, got {value!r}", field=field)
    return float(value)
