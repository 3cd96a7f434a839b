"""Idempotency keys derived the way the official SDK derives them, so that a key made here and one made
in TypeScript for the same parts are equal (and de-duplicate each other)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any, Literal

from . import _validation as check
from ._constants import MAX_IDEMPOTENCY_KEY_LENGTH
from ._exceptions import ValidationError

_HASHED = re.compile(r"[0-9a-f]{64}")

IdempotencyKeyScope = Literal["run", "attempt", "global"]
"""Where a key de-duplicates: within one parent run (``run``), one attempt of it (``attempt``), or
everywhere in the environment (``global``). Outside a task, ``run`` and ``attempt`` keys are global too."""
SCOPES: tuple[str, ...] = ("run", "attempt", "global")


class IdempotencyKey(str):
    """A derived idempotency key (64 hex characters, what is sent) that remembers the key it was made from.

    Made by ``client.idempotency_keys.create``. Pass it as ``idempotency_key`` to a trigger: the wire key is
    this string, and ``idempotencyKeyOptions`` tells the server the original key and scope (the dashboard
    and ``runs.retrieve`` show them), as the official SDK does.

    Attributes:
        key: The original key, its parts joined with ``-``.
        scope: ``"run"``, ``"attempt"`` or ``"global"``.
    """

    key: str
    scope: str

    def __new__(cls, derived: str, key: str, scope: str) -> IdempotencyKey:
        """Wrap ``derived`` (the SHA-256 hex digest) with the ``key`` and ``scope`` it came from."""
        made = super().__new__(cls, derived)
        made.key = key
        made.scope = scope
        return made

    @property
    def options(self) -> dict[str, str]:
        """The ``idempotencyKeyOptions`` sent with a trigger: ``{"key": …, "scope": …}``."""
        return {"key": self.key, "scope": self.scope}


def _joined_parts(key: str | Sequence[str], field: str) -> str:
    parts = [key] if isinstance(key, str) else list(key) if isinstance(key, Sequence) else None
    if not parts or any(not isinstance(part, str) or not part for part in parts):
        raise ValidationError(
            f"{field} must be a non-empty string or a list of them, got {key!r}", field=field
        )
    joined = check.utf8("-".join(parts), field)
    if len(joined) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ValidationError(
            f"{field} must be at most {MAX_IDEMPOTENCY_KEY_LENGTH} characters, got {len(joined)}", field=field
        )
    return joined


def check_scope(scope: Any, parent_run_id: Any, attempt_number: Any) -> None:
    """Check a key's scope and the run (and attempt) it is made in.

    Raises:
        ValidationError: an unknown scope, a parent run id that is not a non-empty string, an attempt
            number that is not a positive int, or an attempt number without a parent run id.
    """
    if not isinstance(scope, str) or scope not in SCOPES:
        raise ValidationError(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}", field="scope")
    if parent_run_id is not None and (not isinstance(parent_run_id, str) or not parent_run_id):
        raise ValidationError(f"parent_run_id must be a run id, got {parent_run_id!r}", field="parent_run_id")
    if attempt_number is not None and (
        isinstance(attempt_number, bool) or not isinstance(attempt_number, int) or attempt_number < 1
    ):
        raise ValidationError(
            f"attempt_number must be a positive integer, got {attempt_number!r}", field="attempt_number"
        )
    if attempt_number is not None and parent_run_id is None:
        raise ValidationError("attempt_number needs parent_run_id", field="attempt_number")
    if scope == "global" and parent_run_id is not None:
        raise ValidationError(
            "a global key is the same in every run: leave parent_run_id out", field="parent_run_id"
        )
    if scope == "run" and attempt_number is not None:
        raise ValidationError("attempt_number is for scope='attempt'", field="attempt_number")


def wire_key(
    key: str | Sequence[str],
    scope: str = "run",
    *,
    parent_run_id: str | None = None,
    attempt_number: int | None = None,
    field: str = "key",
) -> str:
    """The key sent for ``key``, as a trigger sends it: an :class:`IdempotencyKey` or an already derived key
    (64 hex characters, alone or as the only part) as it is, anything else derived by
    :func:`create_idempotency_key`.

    Raises:
        ValidationError: as :func:`create_idempotency_key` (the scope is checked in every case).
    """
    check_scope(scope, parent_run_id, attempt_number)
    if isinstance(key, IdempotencyKey):
        return str(key)
    joined = _joined_parts(key, field)
    if is_derived_key(joined):
        return joined
    return str(
        create_idempotency_key(joined, scope, parent_run_id=parent_run_id, attempt_number=attempt_number)
    )


def create_idempotency_key(
    key: str | Sequence[str],
    scope: str = "run",
    *,
    parent_run_id: str | None = None,
    attempt_number: int | None = None,
    field: str = "key",
) -> IdempotencyKey:
    """Derive a key as the official SDK's ``idempotencyKeys.create`` does: the SHA-256 hex digest of the
    parts joined with ``-``, followed by the parent run id for ``run`` scope, or the parent run id and attempt
    number for ``attempt`` scope, when they are given (inside a task; outside one the SDK adds nothing).

    Raises:
        ValidationError: an empty key, a non-string part, a key over 2048 characters, an unknown scope,
            or an attempt number without a parent run id.
    """
    check_scope(scope, parent_run_id, attempt_number)
    joined = _joined_parts(key, field)
    suffix: list[str] = []
    if scope == "run" and parent_run_id is not None:
        suffix = [parent_run_id]
    elif scope == "attempt" and parent_run_id is not None and attempt_number is not None:
        suffix = [parent_run_id, str(attempt_number)]
    return IdempotencyKey(sha256_hex("-".join([joined, *suffix])), joined, scope)


def derive_idempotency_key(
    key: str | Sequence[str], field: str = "idempotency_key"
) -> tuple[str, dict[str, Any] | None]:
    """Return the key to send and the ``idempotencyKeyOptions`` that record the user's key.

    ``key`` is an :class:`IdempotencyKey` (sent with its options), or a string or a sequence of parts
    (joined with ``-``): the wire key is then the SHA-256 hex digest of the joined key, with scope ``run``
    (outside a task, as the SDK does). A 64-character hex string is taken as already derived and sent
    unchanged, without options.

    Raises:
        ValidationError: an empty key, a non-string part, or a key over 2048 characters.
    """
    if isinstance(key, IdempotencyKey):
        return str(key), key.options
    joined = _joined_parts(key, field)
    if is_derived_key(joined):
        return joined, None
    made = create_idempotency_key(joined, "run", field=field)
    return str(made), made.options


def is_derived_key(key: str) -> bool:
    """Whether ``key`` is already a derived key (64 lower-case hex characters), sent as it is."""
    return bool(_HASHED.fullmatch(key))


def batch_item_idempotency_key(batch_key: str, index: int) -> str:
    """The key of a batch item that has none of its own, when the batch has one (as the SDK derives it)."""
    return sha256_hex(f"{batch_key}-{index}")


def sha256_hex(text: str) -> str:
    """SHA-256 of the UTF-8 text, as lower-case hex."""
    return hashlib.sha256(text.encode()).hexdigest()
