"""Finished runs remembered in the client's store (``cache={"finished_runs": True}``): a run in a final
status never changes status, payload or output, so retrieving it again can be answered from the store."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from trigger_api.models.retrieve_run_response import RetrieveRunResponse

from .. import _validation as check
from .._cache_options import environment_fingerprint
from .._exceptions import StoreError
from .._pipeline import capturing

if TYPE_CHECKING:
    from ._client import AsyncTriggerClient

logger = logging.getLogger("trigger_client")

__all__ = ["async_recall_finished_run", "async_remember_finished_run"]


def _key(client: AsyncTriggerClient, run_id: str) -> str:
    """``{prefix}runs:{fingerprint}:{run_id}``: scoped to the server, the credential and the preview branch
    (the fingerprint is a hash; the key never holds the secret)."""
    config = client._config
    scope = environment_fingerprint(config.base_url, config.api_key, config.preview_branch)
    return f"{client._cache_options.prefix}runs:{scope}:{run_id}"


async def async_recall_finished_run(client: AsyncTriggerClient, run_id: str) -> RetrieveRunResponse | None:
    """The remembered final run ``run_id``, or None (not remembered, remembering is off, the call is made
    through ``with_raw_response``, which wants the HTTP response, or the store failed: remembering is only
    a shortcut, so its failure is logged and the server asked). Raises nothing.
    """
    from .resources.runs import is_final

    if not client._cache_options.finished_runs or capturing():  # with_raw_response: ask the server
        return None
    try:
        (text,) = await client._store.get_many([_key(client, run_id)])
    except StoreError as exc:
        logger.warning(
            "finished runs: reading run %s from the store failed (%s); asking the server", run_id, exc
        )
        return None
    if text is None:
        return None
    try:
        run = RetrieveRunResponse.from_dict(json.loads(text))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None  # written by another version of this client, or another program: ask the server
    return run if is_final(run) else None  # only final runs are remembered: anything else is not ours


async def async_remember_finished_run(client: AsyncTriggerClient, run: RetrieveRunResponse) -> None:
    """Remember ``run`` if it is final and remembering is on (for ``finished_runs_ttl_s`` seconds). A store
    that fails is logged and skipped: the run was answered, and remembering is only a shortcut. Raises
    nothing.
    """
    from .resources.runs import is_final

    options = client._cache_options
    if not options.finished_runs or not is_final(run):
        return
    text = check.json_encode(run.to_dict(), "run").decode()
    try:
        await client._store.set_many({_key(client, run.id): text}, options.finished_runs_ttl_s)
    except StoreError as exc:
        logger.warning("finished runs: remembering run %s failed (%s)", run.id, exc)
