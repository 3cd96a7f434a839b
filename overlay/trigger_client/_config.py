"""Client configuration: resolved once from arguments and the environment, then immutable."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs
import httpx

from ._constants import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, ENV_API_URL, ENV_PREVIEW_BRANCH, ENV_SECRET_KEY
from ._exceptions import TriggerError, ValidationError
from ._metrics import MetricsOptions, MetricsRecorder
from ._redact import redact_url
from ._retry import RetryPolicy
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes, to_timeout
from ._validation import header_value, headers


@attrs.frozen
class ClientConfig:
    """Everything a client needs to make calls. The API key is kept out of the repr.

    Attributes:
        api_key: The secret key (``tr_dev_…``, ``tr_prod_…``, …) sent as ``Authorization: Bearer``.
        base_url: Scheme and host (and optional path prefix) of the server, without a trailing slash.
        preview_branch: Sent as ``x-trigger-branch``; required with ``tr_preview_`` keys.
        timeout: The default timeout of every call.
        retry: The default retry policy of every call.
        default_headers: Extra headers sent with every call.
        metrics: Where this client's request metrics go (shared with clients derived from it).
        error_hook: Called with every error the client raises, before it is raised.
    """

    api_key: str = attrs.field(repr=False)
    base_url: str
    preview_branch: str | None
    timeout: httpx.Timeout
    retry: RetryPolicy
    default_headers: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    metrics: MetricsRecorder = attrs.field(
        factory=lambda: MetricsRecorder(MetricsOptions()), repr=False, eq=False
    )
    error_hook: Callable[[TriggerError], object] | None = attrs.field(default=None, repr=False)

    def replace(self, **changes: object) -> ClientConfig:
        """A copy with the given attributes changed."""
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]


def resolve_config(
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    preview_branch: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    retry: RetryPolicy | None = None,
    max_retries: int | None = None,
    default_headers: Mapping[str, str] | None = None,
    metrics: MetricsOptions | Mapping[str, Any] | bool | None = None,
    error_hook: Callable[[TriggerError], object] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Build a :class:`ClientConfig`; arguments win over the environment.

    Raises:
        ValidationError: no API key (naming ``TRIGGER_SECRET_KEY``), a malformed base URL, a preview key
            without a branch, or an invalid timeout or retry count.
    """
    env = os.environ if environ is None else environ
    key = check_api_key(api_key if api_key is not None else env.get(ENV_SECRET_KEY, ""))
    url = normalise_base_url(base_url or env.get(ENV_API_URL) or DEFAULT_BASE_URL)
    branch = preview_branch if preview_branch is not None else env.get(ENV_PREVIEW_BRANCH)
    branch = header_value(branch, "preview_branch").strip() if branch else None
    if key.startswith("tr_preview_") and not branch:
        raise ValidationError(
            "a preview key (tr_preview_…) needs a branch: "
            f"pass preview_branch=... or set {ENV_PREVIEW_BRANCH}",
            field="preview_branch",
        )
    if retry is not None and not isinstance(retry, RetryPolicy):
        raise ValidationError(f"retry must be a RetryPolicy, got {retry!r}", field="retry")
    policy = with_max_retries(retry or RetryPolicy(), max_retries)
    return ClientConfig(
        api_key=key,
        base_url=url,
        preview_branch=branch,
        timeout=DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else to_timeout(timeout),
        retry=policy,
        default_headers=headers(default_headers or {}, "default_headers"),
        metrics=MetricsRecorder(MetricsOptions.coerce(metrics)),
        error_hook=_callable_or_none(error_hook, "error_hook"),
    )


def check_api_key(value: Any) -> str:
    """The credential sent as ``Authorization: Bearer``: a secret key, a personal access token or a
    public access token (JWT), stripped of surrounding white space.

    Raises:
        ValidationError: not a string, empty, or holding spaces, control or non-ASCII characters.
    """
    if not isinstance(value, str):
        raise ValidationError(f"api_key must be a string, got {type(value).__name__}", field="api_key")
    key: str = value.strip()
    if not key:
        raise ValidationError(
            f"no API key: pass api_key=... or set the {ENV_SECRET_KEY} environment variable "
            "(a secret key such as tr_dev_…)",
            field="api_key",
        )
    if not key.isascii() or not key.isprintable() or " " in key:
        raise ValidationError("api_key contains spaces, control or non-ASCII characters", field="api_key")
    return key


def _callable_or_none(value: Any, field: str) -> Any:
    if value is not None and not callable(value):
        raise ValidationError(f"{field} must be callable, got {value!r}", field=field)
    return value


def with_max_retries(policy: RetryPolicy, max_retries: int | None) -> RetryPolicy:
    """``policy`` with ``max_retries`` changed when given.

    Raises:
        ValidationError: ``max_retries`` is not an int of at least 0.
    """
    if max_retries is None:
        return policy
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValidationError(f"max_retries must be an int >= 0, got {max_retries!r}", field="max_retries")
    return policy.replace(max_retries=max_retries)


def normalise_base_url(url: str) -> str:
    """Check that ``url`` is an http(s) URL and drop its trailing slashes.

    Raises:
        ValidationError: not an absolute http or https URL.
    """
    if not isinstance(url, str):
        raise ValidationError(f"base URL must be a string, got {type(url).__name__}", field="base_url")
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            f"base URL must be an absolute http(s) URL such as {DEFAULT_BASE_URL}, got {url!r}",
            field="base_url",
        )
    url = url.rstrip("/")
    suffix = _API_SUFFIX.search(url)
    if suffix:
        trimmed = url[: suffix.start()]
        warnings.warn(
            f"base URL {redact_url(url)!r} ends with an API path; using {redact_url(trimmed)!r} "
            "(the client adds /api/v1, /api/v2, /api/v3 itself)",
            stacklevel=4,
        )
        url = trimmed
    return url


_API_SUFFIX = re.compile(r"/api(/v\d+)?/?$")
