"""Idempotency keys derived the way the official SDK derives them, so that a key made here and one made
in TypeScript for the same parts are equal (and de-duplicate each other)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from ._constants import MAX_IDEMPOTENCY_KEY_LENGTH
from ._exceptions import ValidationError

_HASHED = re.compile(r"^[0-9a-f]{64}$")


def derive_idempotency_key(
    key: str | Sequence[str], field: str = "idempotency_key"
) -> tuple[str, dict[str, Any] | None]:
    """Return the key to send and the ``idempotencyKeyOptions`` that record the user's key.

    ``key`` is a string or a sequence of parts (joined with ``-``). The wire key is the SHA-256 hex digest
    of the joined key, with scope ``run`` (outside a task, as the SDK does). A 64-character hex string is
    taken as already derived and sent unchanged, without options.

    Raises:
        ValidationError: an empty key, a non-string part, or a key over 2048 characters.
    """
    parts = [key] if isinstance(key, str) else list(key) if isinstance(key, Sequence) else None
    if not parts or any(not isinstance(part, str) or not part for part in parts):
        raise ValidationError(
            f"{field} must be a non-empty string or a list of them, got {key!r}", field=field
        )
    joined = "-".join(parts)
    if len(joined) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ValidationError(
            f"{field} must be at most {MAX_IDEMPOTENCY_KEY_LENGTH} characters, got {len(joined)}", field=field
        )
    if _HASHED.match(joined):
        return joined, None
    return sha256_hex(joined), {"key": joined, "scope": "run"}


def batch_item_idempotency_key(batch_key: str, index: int) -> str:
    """The key of a batch item that has none of its own, when the batch has one (as the SDK derives it)."""
    return sha256_hex(f"{batch_key}-{index}")


def sha256_hex(text: str) -> str:
    """SHA-256 of the UTF-8 text, as lower-case hex."""
    return hashlib.sha256(text.encode()).hexdigest()
