"""``client.idempotency_keys``: make idempotency keys as the official SDK does, and reset them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from trigger_api.api.idempotency_keys import reset_idempotency_key
from trigger_api.models.reset_idempotency_key_request_body import ResetIdempotencyKeyRequestBody
from trigger_api.models.reset_idempotency_key_response import ResetIdempotencyKeyResponse

from ... import _validation as check
from ..._error_hook import reports_errors
from ..._idempotency import IdempotencyKey, IdempotencyKeyScope, create_idempotency_key, wire_key
from ..._types import RequestOptions

if TYPE_CHECKING:
    from .._client import AsyncTriggerClient

__all__ = ["AsyncIdempotencyKeys"]


@reports_errors
class AsyncIdempotencyKeys:
    """Idempotency keys: triggering twice with the same key makes one run (the second trigger answers the
    first run, ``is_cached=True``) while the key is active. Reached as ``client.idempotency_keys``.

    Keys made here equal the official SDK's for the same parts and scope, so Python and TypeScript callers
    de-duplicate each other.
    """

    def __init__(self, client: AsyncTriggerClient) -> None:
        self._client = client

    def create(
        self,
        key: str | Sequence[str],
        *,
        scope: IdempotencyKeyScope = "run",
        parent_run_id: str | None = None,
        attempt_number: int | None = None,
    ) -> IdempotencyKey:
        """Derive an idempotency key. No request is sent, so this is a plain (not async) method on both
        clients.

        Args:
            key: A string, or parts joined with ``-`` (``["order", order_id]``); at most 2048 characters.
            scope: ``"run"`` (the default), ``"attempt"`` or ``"global"``. A key made in a task run's code is
                scoped to that run (or attempt) by the run id; from outside a task every scope is global.
            parent_run_id: For ``run`` and ``attempt`` scopes: the run whose code makes the key, to derive
                the key a task run made (as ``idempotencyKeys.create`` inside that run does).
            attempt_number: For ``attempt`` scope, with ``parent_run_id``: the attempt (from 1).

        Returns:
            An :class:`IdempotencyKey`: a 64-character hex ``str`` (what is sent) with ``.key`` and
            ``.scope``. Pass it as ``idempotency_key=`` to ``tasks.trigger`` or ``batch_trigger``.

        Raises:
            ValidationError: an empty or over-long key, a non-string part, an unknown scope, or a
                ``parent_run_id`` / ``attempt_number`` the scope does not use.
        """
        return create_idempotency_key(key, scope, parent_run_id=parent_run_id, attempt_number=attempt_number)

    async def reset(
        self,
        key: str | Sequence[str],
        *,
        task_identifier: str,
        scope: IdempotencyKeyScope = "run",
        parent_run_id: str | None = None,
        attempt_number: int | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> str:
        """Release an idempotency key of a task, so that the next trigger with it makes a new run. Calls
        ``POST /api/v1/idempotencyKeys/{key}/reset`` with ``{"taskIdentifier": …}``.

        Args:
            key: An :class:`IdempotencyKey`, or a derived key (64 hex characters, alone or as the only
                part), sent as it is; or the original key (a string or parts), derived first as
                :meth:`create` derives it with ``scope``, ``parent_run_id`` and ``attempt_number``: the key
                a trigger sends for the same ``idempotency_key``.
            task_identifier: The task whose runs hold the key (keys are per task).
            scope, parent_run_id, attempt_number: As :meth:`create`, for an original key.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The derived key the server released.

        Raises:
            ValidationError: an invalid key, task identifier or scope argument, before sending.
            NotFoundError: no run of that task holds the key ("No runs found with idempotency key: …").
            AuthenticationError: a credential the route does not take (a personal access token).
            PermissionDeniedError: a public access token without ``write:runs``.
        """
        check.non_empty_string(task_identifier, "task_identifier")  # checked first: nothing is sent
        derived = wire_key(key, scope, parent_run_id=parent_run_id, attempt_number=attempt_number)
        parsed, _headers = await self._client._call(  # a repeat after a reset is a 404: not resent
            reset_idempotency_key,
            ResetIdempotencyKeyResponse,
            request_options,
            idempotent=False,
            key=derived,
            body=ResetIdempotencyKeyRequestBody(task_identifier=task_identifier),
        )
        return parsed.id
