"""Finished runs remembered in the client's store (``cache={"finished_runs": True}``): a run in a final
status never changes status, payload or output, so retrieving it again can be answered from the store."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from trigger_api.models.retrieve_run_response import RetrieveRunResponse

from .. import _validation as check
from .._cache_options import key_fingerprint
from .._pipeline import capturing

if TYPE_CHECKING:
    from ._client import AsyncTriggerClient

__all__ = ["async_recall_finished_run", "async_remember_finished_run"]


def _key(client: AsyncTriggerClient, run_id: str) -> str:
    """``{prefix}runs:{fingerprint}:{run_id}``: scoped to the server, the credential and the preview branch
    (the fingerprint is a hash; the key never holds the secret)."""
    config = client._config
    scope = key_fingerprint(f"{config.base_url}\n{config.api_key}\n{config.preview_branch or ''}")
    return f"{client._cache_options.prefix}runs:{scope}:{run_id}"


async def async_recall_finished_run(client: AsyncTriggerClient, run_id: str) -> RetrieveRunResponse | None:
    """The remembered final run ``run_id``, or None (not remembered, remembering is off, or the call is
    made through ``with_raw_response``, which wants the HTTP response).

    Raises:
        StoreError: the store failed.
    """
    from .resources.runs import is_final

    if not client._cache_options.finished_runs or capturing():  # with_raw_response: ask the server
        return None
    (text,) = await client._store.get_many([_key(client, run_id)])
    if text is None:
        return None
    try:
        run = RetrieveRunResponse.from_dict(json.loads(text))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None  # written by another version of this client, or another program: ask the server
    return run if is_final(run) else None  # only final runs are remembered: anything else is not ours


async def async_remember_finished_run(client: AsyncTriggerClient, run: RetrieveRunResponse) -> None:
    """Remember ``run`` if it is final and remembering is on (for ``finished_runs_ttl_s`` seconds).

    Raises:
        StoreError: the store failed.
    """
    from .resources.runs import is_final

    options = client._cache_options
    if not options.finished_runs or not is_final(run):
        return
    text = check.json_encode(run.to_dict(), "run").decode()
    await client._store.set_many({_key(client, run.id): text}, options.finished_runs_ttl_s)
