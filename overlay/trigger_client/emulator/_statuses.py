"""Run status vocabularies: the internal (database) statuses and the two public vocabularies.

The store keeps internal statuses (``PENDING``, ``COMPLETED_SUCCESSFULLY``, …). Answers use the v4
vocabulary when the request carries ``x-trigger-api-version: 2025-07-16`` and the legacy one otherwise.
A status the emulator does not know (set with ``Emulator.set_run_status``) is reported verbatim in both.
"""

from __future__ import annotations

CURRENT_API_VERSION = "2025-07-16"

DELAYED = "DELAYED"
PENDING = "PENDING"
PENDING_VERSION = "PENDING_VERSION"
WAITING_FOR_DEPLOY = "WAITING_FOR_DEPLOY"
DEQUEUED = "DEQUEUED"
EXECUTING = "EXECUTING"
WAITING_TO_RESUME = "WAITING_TO_RESUME"
RETRYING_AFTER_FAILURE = "RETRYING_AFTER_FAILURE"
PAUSED = "PAUSED"
CANCELED = "CANCELED"
INTERRUPTED = "INTERRUPTED"
COMPLETED_SUCCESSFULLY = "COMPLETED_SUCCESSFULLY"
COMPLETED_WITH_ERRORS = "COMPLETED_WITH_ERRORS"
SYSTEM_FAILURE = "SYSTEM_FAILURE"
CRASHED = "CRASHED"
EXPIRED = "EXPIRED"
TIMED_OUT = "TIMED_OUT"

_V4 = {
    DELAYED: "DELAYED",
    PENDING_VERSION: "PENDING_VERSION",
    WAITING_FOR_DEPLOY: "PENDING_VERSION",
    PENDING: "QUEUED",
    PAUSED: "WAITING",
    WAITING_TO_RESUME: "WAITING",
    DEQUEUED: "DEQUEUED",
    RETRYING_AFTER_FAILURE: "EXECUTING",
    EXECUTING: "EXECUTING",
    CANCELED: "CANCELED",
    COMPLETED_SUCCESSFULLY: "COMPLETED",
    SYSTEM_FAILURE: "SYSTEM_FAILURE",
    CRASHED: "CRASHED",
    INTERRUPTED: "FAILED",
    COMPLETED_WITH_ERRORS: "FAILED",
    EXPIRED: "EXPIRED",
    TIMED_OUT: "TIMED_OUT",
}
_LEGACY = {
    DELAYED: "DELAYED",
    PENDING_VERSION: "PENDING_VERSION",
    WAITING_FOR_DEPLOY: "WAITING_FOR_DEPLOY",
    PENDING: "QUEUED",
    PAUSED: "FROZEN",
    WAITING_TO_RESUME: "FROZEN",
    RETRYING_AFTER_FAILURE: "REATTEMPTING",
    DEQUEUED: "EXECUTING",
    EXECUTING: "EXECUTING",
    CANCELED: "CANCELED",
    COMPLETED_SUCCESSFULLY: "COMPLETED",
    SYSTEM_FAILURE: "SYSTEM_FAILURE",
    INTERRUPTED: "INTERRUPTED",
    CRASHED: "CRASHED",
    COMPLETED_WITH_ERRORS: "FAILED",
    EXPIRED: "EXPIRED",
    TIMED_OUT: "TIMED_OUT",
}

INTERNAL_STATUSES = frozenset(_V4)

FINAL_STATUSES = frozenset(
    {
        CANCELED,
        INTERRUPTED,
        COMPLETED_SUCCESSFULLY,
        COMPLETED_WITH_ERRORS,
        SYSTEM_FAILURE,
        CRASHED,
        EXPIRED,
        TIMED_OUT,
    }
)
"""Statuses a run never leaves (the server's ``FINAL_RUN_STATUSES``)."""

IDEMPOTENCY_CLEARING_STATUSES = frozenset(
    {INTERRUPTED, COMPLETED_WITH_ERRORS, SYSTEM_FAILURE, CRASHED, TIMED_OUT, EXPIRED}
)
"""A run in one of these no longer holds its idempotency key: a new trigger with the key makes a new run."""

_FILTER = {
    "DELAYED": (DELAYED,),
    "PENDING_VERSION": (PENDING_VERSION,),
    "WAITING_FOR_DEPLOY": (WAITING_FOR_DEPLOY,),
    "QUEUED": (PENDING,),
    "EXECUTING": (EXECUTING,),
    "REATTEMPTING": (RETRYING_AFTER_FAILURE,),
    "FROZEN": (PAUSED, WAITING_TO_RESUME),
    "CANCELED": (CANCELED,),
    "COMPLETED": (COMPLETED_SUCCESSFULLY,),
    "SYSTEM_FAILURE": (SYSTEM_FAILURE,),
    "INTERRUPTED": (INTERRUPTED,),
    "CRASHED": (CRASHED,),
    "FAILED": (COMPLETED_WITH_ERRORS,),
    "EXPIRED": (EXPIRED,),
    "TIMED_OUT": (TIMED_OUT,),
    "DEQUEUED": (DEQUEUED,),
    "WAITING": (WAITING_TO_RESUME,),
}

_FORCE = {
    "QUEUED": PENDING,
    "COMPLETED": COMPLETED_SUCCESSFULLY,
    "FAILED": COMPLETED_WITH_ERRORS,
    "WAITING": WAITING_TO_RESUME,
    "REATTEMPTING": RETRYING_AFTER_FAILURE,
    "FROZEN": PAUSED,
}


def public_status(internal: str, v4: bool) -> str:
    """The status as a response reports it.

    Args:
        internal: the stored status.
        v4: True when the request asked for the v4 vocabulary (``x-trigger-api-version: 2025-07-16``).

    Returns:
        The public status; an unknown stored status is returned unchanged.
    """
    table = _V4 if v4 else _LEGACY
    return table.get(internal, internal)


def boolean_helpers(public: str) -> dict[str, bool]:
    """The ``is…`` flags of a run as the REST server computes them from its public status.

    ``EXPIRED`` and ``TIMED_OUT`` are not "completed" here (unlike in the realtime API).

    Args:
        public: the public status (either vocabulary).

    Returns:
        ``isQueued``, ``isExecuting``, ``isWaiting``, ``isCompleted``, ``isSuccess``, ``isFailed``,
        ``isCancelled``.
    """
    is_completed = public in {"COMPLETED", "CANCELED", "FAILED", "CRASHED", "INTERRUPTED", "SYSTEM_FAILURE"}
    return {
        "isQueued": public in {"QUEUED", "WAITING_FOR_DEPLOY", "DELAYED", "PENDING_VERSION"},
        "isExecuting": public in {"EXECUTING", "REATTEMPTING", "FROZEN", "DEQUEUED"},
        "isWaiting": public == "WAITING",
        "isCompleted": is_completed,
        "isSuccess": is_completed and public == "COMPLETED",
        "isFailed": is_completed and public != "COMPLETED",
        "isCancelled": public == "CANCELED",
    }


def filter_statuses(name: str) -> tuple[str, ...] | None:
    """The stored statuses a ``filter[status]`` value selects (either vocabulary).

    Args:
        name: one public status name.

    Returns:
        The internal statuses, or None when ``name`` is in neither vocabulary.
    """
    return _FILTER.get(name)


def forced_status(name: str) -> str:
    """The status to store for ``Emulator.set_run_status(run_id, name)``.

    Args:
        name: a v4, legacy or internal status name, or any other string.

    Returns:
        The internal status; names the emulator does not know are stored verbatim.
    """
    if name in INTERNAL_STATUSES:
        return name
    return _FORCE.get(name, name)


def is_final(internal: str) -> bool:
    """Whether a stored status is final (the run will never change again)."""
    return internal in FINAL_STATUSES
