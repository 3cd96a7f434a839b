"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

The client: configuration, the connection pool, the generated low-level client, and the resources."""

from __future__ import annotations

import functools
from collections.abc import Mapping, MutableMapping
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from trigger_api.client import AuthenticatedClient
from trigger_api.errors import UnexpectedResponseBody, UnexpectedStatus

from .._config import ClientConfig, resolve_config, with_max_retries
from .._exceptions import APIConnectionError, APIResponseValidationError, TriggerError, ValidationError
from .._pipeline import CallSettings, call_scope
from .._redact import redact_text, redact_url
from .._retry import RetryPolicy
from .._transports import default_transport
from .._types import NOT_GIVEN, NotGiven, RequestOptions, TimeoutTypes, to_timeout
from .._validation import headers
from ._transport import PipelineTransport

if TYPE_CHECKING:
    from .resources.batch import Batches
    from .resources.runs import Runs
    from .resources.tasks import Tasks

T = TypeVar("T")

__all__ = ["TriggerClient"]


class TriggerClient:
    """A client for the Trigger.dev v4 Management API.

    Args:
        api_key: The secret key of an environment (``tr_dev_…``, ``tr_prod_…``, …). Default: the
            ``TRIGGER_SECRET_KEY`` environment variable.
        base_url: The server, such as ``https://api.trigger.dev`` (the default), a self-hosted instance, or
            the local emulator. Default: ``TRIGGER_API_URL``, else Trigger.dev cloud.
        preview_branch: The preview branch to act on (sent as ``x-trigger-branch``; needed with
            ``tr_preview_`` keys). Default: ``TRIGGER_PREVIEW_BRANCH``.
        timeout: Seconds for each phase of a request (connect, read, write, pool), or an
            ``httpx.Timeout``. Default: 60 s, and 10 s to connect. None disables timeouts.
        max_retries: Retries after a failed attempt (default 4, so 5 attempts in all).
        retry: A full :class:`RetryPolicy` (``max_retries`` still overrides its count).
        default_headers: Extra headers for every request.
        transport: An httpx transport to send through (proxies, custom TLS, tests); it owns the
            connections. Default: a pool of up to 100 connections.

    Raises:
        ValidationError: no API key, a malformed base URL, or a preview key without a branch.

    Use it as a context manager, or call ``close()`` when done, to release its connections.
    """

    _config: ClientConfig
    _http: httpx.Client
    _api: AuthenticatedClient
    _owns_http: bool

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        preview_branch: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        config = resolve_config(
            api_key=api_key,
            base_url=base_url,
            preview_branch=preview_branch,
            timeout=timeout,
            retry=retry,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        pipeline = PipelineTransport(transport or default_transport(), config)
        http = httpx.Client(base_url=config.base_url, timeout=config.timeout, transport=pipeline)
        self._setup(config, http, owns_http=True)

    def _setup(self, config: ClientConfig, http: httpx.Client, *, owns_http: bool) -> None:
        self._config = config
        self._http = http
        self._owns_http = owns_http
        # The token is unused: the pipeline authenticates every request from the configuration.
        self._api = AuthenticatedClient(base_url=config.base_url, token="").set_httpx_client(http)

    @property
    def base_url(self) -> str:
        """The server this client talks to."""
        return self._config.base_url

    @property
    def preview_branch(self) -> str | None:
        """The preview branch sent with every request, or None."""
        return self._config.preview_branch

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy calls use unless their ``request_options`` say otherwise."""
        return self._config.retry

    @functools.cached_property
    def tasks(self) -> Tasks:
        """Trigger runs: ``trigger`` and ``batch_trigger``."""
        from .resources.tasks import Tasks

        return Tasks(self)

    @functools.cached_property
    def runs(self) -> Runs:
        """Runs: ``list``, ``retrieve``, ``poll``, ``cancel``, ``replay``, ``reschedule``."""
        from .resources.runs import Runs

        return Runs(self)

    @functools.cached_property
    def batch(self) -> Batches:
        """Batches: ``retrieve``."""
        from .resources.batch import Batches

        return Batches(self)

    def with_options(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> TriggerClient:
        """A client that shares this one's connections but uses other defaults; this client is unchanged.

        Args:
            timeout: Seconds (or an ``httpx.Timeout``) for each request of the derived client.
            max_retries: Retries after a failed attempt.
            retry: A whole :class:`RetryPolicy`.
            default_headers: Headers added to (or replacing) this client's default headers.

        Closing the derived client does not close the shared connections; close the original for that.
        """
        policy = with_max_retries(retry or self._config.retry, max_retries)
        config = self._config.replace(
            timeout=self._config.timeout if isinstance(timeout, NotGiven) else to_timeout(timeout),
            retry=policy,
            default_headers={
                **self._config.default_headers,
                **headers(default_headers or {}, "default_headers"),
            },
        )
        derived = object.__new__(type(self))
        derived._setup(config, self._http, owns_http=False)
        return derived

    def _call(
        self,
        endpoint: ModuleType,
        expected: type[T],
        request_options: RequestOptions | Mapping[str, Any] | None,
        *,
        idempotent: bool = True,
        deadline: float | None = None,
        **kwargs: Any,
    ) -> tuple[T, MutableMapping[str, str]]:
        """Run one generated operation through the pipeline; return its parsed body and headers.

        ``idempotent=False`` marks a call the server would carry out twice if it were repeated: it is
        not retried once the request may have reached the server. ``deadline`` (a ``time.monotonic()``
        instant) bounds the whole call, retries included.

        Raises:
            TriggerError: any failure, typed (see ``trigger_client._exceptions``).
        """
        if self._http.is_closed:
            raise TriggerError(
                "this client is closed: make a new one (or do not close it before its last call)"
            )
        settings = CallSettings(
            self._config, RequestOptions.coerce(request_options), idempotent=idempotent, deadline=deadline
        )
        trace = settings.trace
        secrets = (self._config.api_key,)
        with call_scope(settings):
            try:
                response = endpoint.sync_detailed(client=self._api, **kwargs)
            except TriggerError:
                raise
            except (UnexpectedResponseBody, UnexpectedStatus) as exc:
                body = exc.content.decode("utf-8", errors="replace")[:2000]
                raise APIResponseValidationError(
                    redact_text(
                        f"the {exc.status_code} answer to {trace.method} {redact_url(trace.url or '')} "
                        f"is not what the API describes: {body[:200]!r}",
                        secrets,
                    ),
                    status_code=exc.status_code,
                    body=body,
                    method=trace.method,
                    url=trace.url,
                    request_id=trace.request_id,
                    attempts=trace.attempts,
                ) from None
            except httpx.InvalidURL as exc:
                raise ValidationError(f"the request URL is not valid: {exc}") from None
            except httpx.HTTPError as exc:
                raise APIConnectionError(
                    redact_text(f"{type(exc).__name__}: {exc}", secrets),
                    method=trace.method,
                    url=trace.url,
                    request_id=trace.request_id,
                    attempts=trace.attempts,
                ) from None
        parsed = response.parsed
        if not isinstance(parsed, expected):
            raise APIResponseValidationError(
                f"the {response.status_code} answer to {trace.method} {redact_url(trace.url or '')} "
                f"is not a {expected.__name__}",
                status_code=response.status_code,
                body=response.content.decode("utf-8", errors="replace")[:2000],
                method=trace.method,
                url=trace.url,
                request_id=trace.request_id,
                attempts=trace.attempts,
            )
        return parsed, response.headers

    def close(self) -> None:
        """Release the connections (a derived client from ``with_options`` leaves them to the original)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> TriggerClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        branch = f", preview_branch={self._config.preview_branch!r}" if self._config.preview_branch else ""
        return f"{type(self).__name__}(base_url={redact_url(self._config.base_url)!r}{branch})"
