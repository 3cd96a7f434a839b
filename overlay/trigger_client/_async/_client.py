"""The client: configuration, the connection pool, the generated low-level client, and the resources."""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable, Mapping, MutableMapping
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from trigger_api.client import AuthenticatedClient
from trigger_api.errors import UnexpectedResponseBody, UnexpectedStatus
from trigger_api.types import Response

from .._cache_options import CacheOptions
from .._config import ClientConfig, check_api_key, resolve_config, with_max_retries
from .._error_hook import report_error
from .._exceptions import APIConnectionError, APIResponseValidationError, TriggerError, ValidationError
from .._lifecycle import register_exit_cleanup
from .._logs import configure_logging
from .._metrics import MetricsOptions, PerformanceStats, RequestMetric
from .._pipeline import CallSettings, call_scope, capture_response
from .._redact import redact_text, redact_url
from .._retry import RetryPolicy
from .._sync_async import async_call_blocking
from .._transports import AsyncClientTransport, default_async_transport
from .._types import NOT_GIVEN, NotGiven, RequestOptions, TimeoutTypes, to_timeout
from .._validation import headers
from ._raw import AsyncRawResponseClient
from ._stores import async_open_store
from ._transport import AsyncPipelineTransport

if TYPE_CHECKING:
    from .resources.ai import AsyncAITools
    from .resources.auth import AsyncAuth
    from .resources.batch import AsyncBatches
    from .resources.bulk_actions import AsyncBulkActions
    from .resources.cache import AsyncCache
    from .resources.concurrency_limits import AsyncConcurrencyLimits
    from .resources.context_metadata import AsyncContextMetadata
    from .resources.deployments import AsyncDeployments
    from .resources.env_vars import AsyncEnvVars
    from .resources.idempotency_keys import AsyncIdempotencyKeys
    from .resources.packets import AsyncPackets
    from .resources.queues import AsyncQueues
    from .resources.runs import AsyncRuns
    from .resources.schedules import AsyncSchedules
    from .resources.tasks import AsyncTasks
    from .resources.waitpoints import AsyncWaitpoints

T = TypeVar("T")

__all__ = ["AsyncTriggerClient"]


class AsyncTriggerClient:
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
        http_client: Your own ``httpx.AsyncClient`` to send through instead (its event hooks, auth, proxies
            and certificates apply; this client still adds its base URL, headers, retries, metrics and
            errors). It is not closed by :meth:`close`: it is yours.
        metrics: Record every HTTP request: ``True``, ``{"enabled": True, "log_timings": bool,
            "history_size": N, "telemetry_hook": fn}`` or a :class:`MetricsOptions`. Read them with
            :meth:`get_metrics_history` and :meth:`get_performance_stats`.
        error_hook: Called with every error the client raises (typed, secrets removed), before it is
            raised; an exception it raises is logged and ignored.
        logging: Print this client's log lines to stderr: ``True``, a level name (``"debug"``), or
            ``{"enabled": True, "level": "debug"}``. Default: the ``TRIGGER_CLIENT_LOG`` variable, else
            leave logging to the application (the ``trigger_client`` logger).
        cache: The store behind ``client.cache``, ``client.metadata``, ``client.ai`` and the local
            annotations: None (the default) keeps it in memory; ``{"url": "redis://host:6379/0"}`` keeps it
            in Redis (the ``redis`` extra), shared by every process pointing at it; also ``"prefix"`` (of
            every key, default ``"trigger_client:"``), ``"finished_runs": True`` (remember final runs, so
            retrieving one again sends no request) and ``"store"`` (a store you made, not closed with the
            client). A :class:`CacheOptions` or a store object is accepted too.

    Raises:
        ValidationError: no API key, a malformed base URL, a preview key without a branch, or an invalid
            option. A base URL ending in an API path (``…/api/v3``) is trimmed with a warning.

    Use it as a context manager, or call ``close()`` when done, to release its connections.
    """

    _config: ClientConfig
    _http: httpx.AsyncClient
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
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        metrics: MetricsOptions | Mapping[str, Any] | bool | None = None,
        error_hook: Callable[[TriggerError], object] | None = None,
        logging: bool | str | Mapping[str, Any] | None = None,
        cache: CacheOptions | Mapping[str, Any] | Any | None = None,
    ) -> None:
        configure_logging(logging)
        config = resolve_config(
            api_key=api_key,
            base_url=base_url,
            preview_branch=preview_branch,
            timeout=timeout,
            retry=retry,
            max_retries=max_retries,
            default_headers=default_headers,
            metrics=metrics,
            error_hook=error_hook,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise ValidationError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}",
                field="http_client",
            )
        if http_client is not None and transport is not None:
            raise ValidationError("give either transport or http_client, not both", field="http_client")
        inner = transport or (AsyncClientTransport(http_client) if http_client else default_async_transport())
        pipeline = AsyncPipelineTransport(inner, config)
        cache_options = CacheOptions.coerce(cache)
        store, owns_store = async_open_store(cache_options)
        http = httpx.AsyncClient(base_url=config.base_url, timeout=config.timeout, transport=pipeline)
        self._setup(config, http, owns_http=True, cache=cache_options, store=store, owns_store=owns_store)

    def _setup(
        self,
        config: ClientConfig,
        http: httpx.AsyncClient,
        *,
        owns_http: bool,
        cache: CacheOptions,
        store: Any,
        owns_store: bool,
    ) -> None:
        self._config = config
        self._http = http
        self._owns_http = owns_http
        self._cache_options = cache
        self._store = store
        self._owns_store = owns_store
        self._realtime: weakref.WeakSet[Any] = weakref.WeakSet()
        self._realtime_lock = threading.Lock()
        # The token is unused: the pipeline authenticates every request from the configuration.
        self._api = AuthenticatedClient(base_url=config.base_url, token="").set_async_httpx_client(http)

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
    def tasks(self) -> AsyncTasks:
        """Trigger runs: ``trigger`` and ``batch_trigger``."""
        from .resources.tasks import AsyncTasks

        return AsyncTasks(self)

    @functools.cached_property
    def runs(self) -> AsyncRuns:
        """Runs: ``list``, ``retrieve``, ``poll``, ``cancel``, ``batch_cancel``, ``replay``,
        ``reschedule``."""
        from .resources.runs import AsyncRuns

        return AsyncRuns(self)

    @functools.cached_property
    def schedules(self) -> AsyncSchedules:
        """Cron schedules: ``create``, ``list``, ``retrieve``, ``update``, ``delete``, ``activate``,
        ``deactivate``, ``timezones``."""
        from .resources.schedules import AsyncSchedules

        return AsyncSchedules(self)

    @functools.cached_property
    def env_vars(self) -> AsyncEnvVars:
        """Environment variables of a project's environments: ``list``, ``create``, ``retrieve``,
        ``update``, ``delete``, ``import_variables``, ``import_dotenv``."""
        from .resources.env_vars import AsyncEnvVars

        return AsyncEnvVars(self)

    @functools.cached_property
    def queues(self) -> AsyncQueues:
        """Queues: ``list``, ``retrieve``, ``pause``, ``resume``, ``override_concurrency_limit``,
        ``reset_concurrency_limit``."""
        from .resources.queues import AsyncQueues

        return AsyncQueues(self)

    @functools.cached_property
    def concurrency_limits(self) -> AsyncConcurrencyLimits:
        """Concurrency limits: ``list``, ``retrieve``, ``retrieve_key``, ``override``, ``override_key``,
        ``reset``, ``reset_key``, ``pause``, ``resume``."""
        from .resources.concurrency_limits import AsyncConcurrencyLimits

        return AsyncConcurrencyLimits(self)

    @functools.cached_property
    def deployments(self) -> AsyncDeployments:
        """Deployments: ``list``, ``current``, ``retrieve``, ``latest``, ``promote``."""
        from .resources.deployments import AsyncDeployments

        return AsyncDeployments(self)

    @functools.cached_property
    def batch(self) -> AsyncBatches:
        """Batches: ``retrieve``, ``list_runs``, ``cancel``, ``get_statistics``."""
        from .resources.batch import AsyncBatches

        return AsyncBatches(self)

    @functools.cached_property
    def packets(self) -> AsyncPackets:
        """Payloads and outputs in object storage: ``download_url``, ``download``."""
        from .resources.packets import AsyncPackets

        return AsyncPackets(self)

    @functools.cached_property
    def bulk_actions(self) -> AsyncBulkActions:
        """Bulk actions (cancel or replay many runs): ``cancel``, ``replay``, ``list``, ``retrieve``,
        ``abort``, ``poll``."""
        from .resources.bulk_actions import AsyncBulkActions

        return AsyncBulkActions(self)

    @functools.cached_property
    def waitpoints(self) -> AsyncWaitpoints:
        """Waitpoint tokens: ``create_token``, ``list_tokens``, ``retrieve_token``, ``complete_token``,
        ``complete_token_via_callback``."""
        from .resources.waitpoints import AsyncWaitpoints

        return AsyncWaitpoints(self)

    @functools.cached_property
    def idempotency_keys(self) -> AsyncIdempotencyKeys:
        """Idempotency keys: ``create`` (derived as the official SDK derives them), ``reset``."""
        from .resources.idempotency_keys import AsyncIdempotencyKeys

        return AsyncIdempotencyKeys(self)

    @functools.cached_property
    def cache(self) -> AsyncCache:
        """A key-value cache with expiry, in the client's store (no request is sent): ``set``, ``get``,
        ``set_many``, ``get_many``, ``has``, ``delete``, ``delete_many``, ``set_if_not_exists``."""
        from .resources.cache import AsyncCache

        return AsyncCache(self._store, f"{self._cache_options.prefix}cache:")

    @functools.cached_property
    def metadata(self) -> AsyncContextMetadata:
        """Context metadata attached to every run this client triggers: ``set``, ``get``, ``has``,
        ``delete``, ``all``."""
        from .resources.context_metadata import AsyncContextMetadata

        return AsyncContextMetadata(self._store, f"{self._cache_options.prefix}context:")

    @functools.cached_property
    def ai(self) -> AsyncAITools:
        """AI tools made from tasks (a registry in the client's store): ``create_tool``, ``list_tools``,
        ``retrieve_tool``, ``update_tool``, ``delete_tool``; each tool exports OpenAI, Anthropic and MCP
        definitions, validates arguments and ``call``s its task."""
        from .resources.ai import AsyncAITools

        return AsyncAITools(self, f"{self._cache_options.prefix}ai-tools:")

    @functools.cached_property
    def auth(self) -> AsyncAuth:
        """Public access tokens: ``create_public_token``, ``create_trigger_public_token``,
        ``create_batch_trigger_public_token``, ``retrieve_jwt_claims``."""
        from .resources.auth import AsyncAuth

        return AsyncAuth(self)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> AsyncTriggerClient:
        """A client that shares this one's connections but uses other defaults; this client is unchanged.

        Args:
            api_key: Another credential for the derived client: a secret key of another environment, a
                personal access token, or a public access token (a JWT from ``client.auth``), which the
                server accepts on the routes its scopes allow.
            timeout: Seconds (or an ``httpx.Timeout``) for each request of the derived client.
            max_retries: Retries after a failed attempt.
            retry: A whole :class:`RetryPolicy`.
            default_headers: Headers added to (or replacing) this client's default headers.

        Raises:
            ValidationError: an empty or malformed ``api_key``, or a preview key on a client without a
                preview branch.

        The derived client shares this one's store (cache, context metadata, AI tools, annotations).
        Closing the derived client does not close the shared connections; close the original for that.
        """
        policy = with_max_retries(retry or self._config.retry, max_retries)
        key = self._config.api_key if api_key is None else check_api_key(api_key)
        if key.startswith("tr_preview_") and not self._config.preview_branch:
            raise ValidationError(
                "a preview key (tr_preview_…) needs a branch: make the client with preview_branch=...",
                field="api_key",
            )
        config = self._config.replace(
            api_key=key,
            timeout=self._config.timeout if isinstance(timeout, NotGiven) else to_timeout(timeout),
            retry=policy,
            default_headers={
                **self._config.default_headers,
                **headers(default_headers or {}, "default_headers"),
            },
        )
        derived = object.__new__(type(self))
        derived._setup(
            config,
            self._http,
            owns_http=False,
            cache=self._cache_options,
            store=self._store,
            owns_store=False,
        )
        return derived

    @property
    def with_raw_response(self) -> AsyncRawResponseClient:
        """The same resources, whose methods return a :class:`RawResponse`: the parsed value with the
        HTTP status, headers, request id, attempts and rate-limit state (``client.with_raw_response.runs
        .retrieve(run_id)``)."""
        return AsyncRawResponseClient(self)

    def enable_retries(self, **policy: Any) -> None:
        """Retry again from now on, with the default policy changed by ``policy`` (the names of
        :class:`RetryPolicy`, such as ``max_retries=4, base_delay_s=0.5``). Affects this client only.

        Raises:
            ValidationError: an unknown or invalid policy field.
        """
        base = self._config.retry if self._config.retry.max_retries else RetryPolicy()
        try:
            retry = base.replace(**policy)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"invalid retry policy: {exc}", field="retry") from None
        self._config = self._config.replace(retry=retry)

    def disable_retries(self) -> None:
        """Make one attempt per call from now on (this client only)."""
        self._config = self._config.replace(retry=self._config.retry.replace(max_retries=0))

    def get_metrics_history(self) -> list[RequestMetric]:
        """The most recent request metrics, oldest first (at most ``history_size``; empty when metrics are
        off). Shared with clients derived by :meth:`with_options`."""
        return self._config.metrics.history()

    def get_performance_stats(self) -> PerformanceStats:
        """Counts, average and p50/p90/p95/p99 durations (milliseconds) of the requests in the metrics
        history, overall and per route."""
        return self._config.metrics.stats()

    def reset_metrics(self) -> None:
        """Forget the recorded metrics."""
        self._config.metrics.reset()

    async def _call(
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
        instant) bounds the whole call, retries included. Every error goes to the error hook first.

        Raises:
            TriggerError: any failure, typed (see ``trigger_client._exceptions``).
        """
        try:
            if self._http.is_closed:
                raise TriggerError(
                    "this client is closed: make a new one (or do not close it before its last call)"
                )
            settings = CallSettings(
                self._config,
                RequestOptions.coerce(request_options),
                idempotent=idempotent,
                deadline=deadline,
                route=endpoint.ROUTE.split(" ", 1)[1],
            )
            with call_scope(settings):
                response = await self._send(endpoint, settings, kwargs)
            parsed = response.parsed
            if not isinstance(parsed, expected):
                raise _unexpected_body(
                    settings, response.status_code, response.content, f"is not a {expected.__name__}"
                )
            capture_response(response.status_code, response.headers, settings.trace)
            return parsed, response.headers
        except TriggerError as error:
            report_error(self._config, error)
            raise

    async def _send(
        self, endpoint: ModuleType, settings: CallSettings, kwargs: dict[str, Any]
    ) -> Response[Any]:
        """The generated operation's ``asyncio_detailed``, with its non-typed failures made typed."""
        trace, secrets = settings.trace, (self._config.api_key,)
        try:
            response: Response[Any] = await endpoint.asyncio_detailed(client=self._api, **kwargs)
        except (UnexpectedResponseBody, UnexpectedStatus) as exc:
            raise _unexpected_body(
                settings, exc.status_code, exc.content, "is not what the API describes"
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
        return response

    async def close(self) -> None:
        """Close the open realtime subscriptions and streams of this client, then release the connections
        (a derived client from ``with_options`` leaves them to the original; an ``http_client`` you passed
        in stays open), and close the store it made (a Redis connection; a store passed in stays open)."""
        await self.dispose_realtime()
        if self._owns_http:
            await self._http.aclose()
        if self._owns_store:
            await self._store.close()

    aclose = close

    def _track_realtime(self, feed: Any) -> None:
        """Remember an open subscription or stream, for :meth:`dispose_realtime` (weakly: one that is
        dropped is forgotten)."""
        with self._realtime_lock:
            self._realtime.add(feed)

    def _untrack_realtime(self, feed: Any) -> None:
        with self._realtime_lock:
            self._realtime.discard(feed)

    async def dispose_realtime(self) -> int:
        """Close the open realtime subscriptions and run streams of this client only (requests in
        progress are abandoned; the client's connections stay usable for other calls).

        Returns:
            How many were closed.
        """
        with self._realtime_lock:
            feeds = list(self._realtime)
        for feed in feeds:
            await feed.close()
        return len(feeds)

    dispose_websocket = dispose_realtime

    def dispose_on_exit(self) -> Callable[[], None]:
        """Close this client at interpreter exit, or on SIGTERM or SIGINT (the handlers already installed
        still run after it; signal handlers need the main thread).

        Returns:
            A function that removes these hooks again.
        """
        return register_exit_cleanup(lambda: async_call_blocking(self.close))

    async def __aenter__(self) -> AsyncTriggerClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        branch = f", preview_branch={self._config.preview_branch!r}" if self._config.preview_branch else ""
        return f"{type(self).__name__}(base_url={redact_url(self._config.base_url)!r}{branch})"


def _unexpected_body(
    settings: CallSettings, status_code: int, content: bytes, problem: str
) -> APIResponseValidationError:
    """The error for a successful status whose body is not what the API promises."""
    trace = settings.trace
    body = content.decode("utf-8", errors="replace")[:2000]
    return APIResponseValidationError(
        redact_text(
            f"the {status_code} answer to {trace.method} {redact_url(trace.url or '')} {problem}: "
            f"{body[:200]!r}",
            (settings.config.api_key,),
        ),
        status_code=status_code,
        body=redact_text(body, (settings.config.api_key,)),
        method=trace.method,
        url=trace.url,
        request_id=trace.request_id,
        attempts=trace.attempts,
    )
