"""Small shared types: the NOT_GIVEN sentinel and per-call request options."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final, Literal, TypeAlias

import attrs
import httpx

from ._cancellation import CancellationToken
from ._exceptions import ValidationError
from ._retry import RetryPolicy
from ._validation import header_value, headers

__all__ = ["NOT_GIVEN", "NotGiven", "RequestOptions", "TimeoutTypes"]


class NotGiven:
    """The type of :data:`NOT_GIVEN`: "argument omitted", as distinct from ``None``, which means "empty"."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

TimeoutTypes: TypeAlias = float | httpx.Timeout | None
"""A timeout in seconds (for every phase), an ``httpx.Timeout``, or None for no timeout at all."""


def to_timeout(value: TimeoutTypes) -> httpx.Timeout:
    """Normalise a timeout argument; refuses negative numbers."""
    if isinstance(value, httpx.Timeout):
        return value
    if value is not None and (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValidationError(
            f"timeout must be a positive, finite number of seconds (or None), got {value!r}", field="timeout"
        )
    return httpx.Timeout(value)


def _check_headers(value: Mapping[str, str] | None) -> Mapping[str, str]:
    return headers(value or {}, "extra_headers")


@attrs.frozen
class RequestOptions:
    """Options for one call, given as ``request_options=`` to any method (or as a mapping of these names).

    Attributes:
        timeout: Seconds (or an ``httpx.Timeout``) for this call; ``NOT_GIVEN`` keeps the client's.
        retry: A :class:`RetryPolicy` for this call; ``NOT_GIVEN`` keeps the client's.
        max_retries: Shortcut that changes only ``max_retries`` of the policy in force.
        extra_headers: Headers added to this call's request (they cannot replace ``Authorization``).
        idempotency_key: The ``x-trigger-request-idempotency-key`` to send instead of a fresh UUID, so
            that calls repeated by your own code are also de-duplicated by the server (a call that sends
            several requests, such as a split ``batch_trigger``, sends ``{key}:{part}`` with each).
        cancel_token: A token from ``create_cancellable_request()``: cancelling it makes the call raise
            ``RequestCancelledError`` promptly, from any thread.
    """

    timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    retry: RetryPolicy | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    extra_headers: Mapping[str, str] = attrs.field(factory=dict, converter=_check_headers)
    idempotency_key: str | None = None
    cancel_token: CancellationToken | None = None

    def __attrs_post_init__(self) -> None:
        if self.cancel_token is not None and not isinstance(self.cancel_token, CancellationToken):
            raise ValidationError(
                f"cancel_token must come from create_cancellable_request(), got {self.cancel_token!r}",
                field="cancel_token",
            )
        if not isinstance(self.timeout, NotGiven):
            to_timeout(self.timeout)
        if not isinstance(self.retry, NotGiven | RetryPolicy):
            raise ValidationError(f"retry must be a RetryPolicy, got {self.retry!r}", field="retry")
        if not isinstance(self.max_retries, NotGiven) and (
            isinstance(self.max_retries, bool)
            or not isinstance(self.max_retries, int)
            or self.max_retries < 0
        ):
            raise ValidationError(
                f"max_retries must be an int >= 0, got {self.max_retries!r}", field="max_retries"
            )
        if self.idempotency_key is not None:
            header_value(self.idempotency_key, "idempotency_key")

    @classmethod
    def coerce(cls, value: RequestOptions | Mapping[str, Any] | None) -> RequestOptions:
        """Accept None, a :class:`RequestOptions`, or a mapping of its attribute names."""
        if value is None:
            return _EMPTY
        if isinstance(value, RequestOptions):
            return value
        if isinstance(value, Mapping):
            unknown = set(value) - {a.name for a in attrs.fields(cls)}
            if unknown:
                raise ValidationError(
                    f"unknown request option(s): {', '.join(sorted(unknown))}", field="request_options"
                )
            return cls(**value)
        raise ValidationError(
            f"request_options must be a RequestOptions or a mapping, got {type(value).__name__}",
            field="request_options",
        )

    def for_part(self, part: str) -> RequestOptions:
        """These options for one of several requests a call sends (a batch split in chunks, a batch's
        items): a request idempotency key given (``idempotency_key`` or the
        ``x-trigger-request-idempotency-key`` header) becomes ``{key}:{part}``, so that each request keeps
        its own answer on the server and a repeated call still gets the same ones."""
        if self.idempotency_key is not None:
            return attrs.evolve(self, idempotency_key=f"{self.idempotency_key}:{part}")
        headers = {name.lower(): (name, value) for name, value in self.extra_headers.items()}
        if "x-trigger-request-idempotency-key" in headers:
            name, value = headers["x-trigger-request-idempotency-key"]
            return attrs.evolve(self, extra_headers={**self.extra_headers, name: f"{value}:{part}"})
        return self

    def resolve_retry(self, default: RetryPolicy) -> RetryPolicy:
        """The retry policy in force for this call, given the client's ``default``."""
        policy = default if isinstance(self.retry, NotGiven) else self.retry
        if not isinstance(self.max_retries, NotGiven):
            policy = policy.replace(max_retries=self.max_retries)
        return policy


_EMPTY = RequestOptions()
