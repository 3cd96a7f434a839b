"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

``client.deployments``: the deployments of the environment, the current one, and promotion."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigger_api.api.deployments import (
    list_deployments,
    promote_deployment,
    retrieve_current_deployment,
    retrieve_deployment,
    retrieve_latest_deployment,
    retrieve_worker_by_tag,
)
from trigger_api.models.deployment import Deployment
from trigger_api.models.deployment_list_item import DeploymentListItem
from trigger_api.models.deployment_status import DeploymentStatus
from trigger_api.models.latest_deployment import LatestDeployment
from trigger_api.models.list_deployments_response import ListDeploymentsResponse
from trigger_api.models.promote_deployment_response import PromoteDeploymentResponse
from trigger_api.models.retrieve_worker_response import RetrieveWorkerResponse
from trigger_api.types import UNSET

from ... import _validation as check
from ..._error_hook import report_error, reports_errors
from ..._exceptions import ValidationError
from ..._results import CursorPage
from ..._types import RequestOptions
from .._pagination import CursorPager

if TYPE_CHECKING:
    from .._client import TriggerClient

__all__ = ["DEPLOYMENT_STATUSES", "WORKER_ENVIRONMENTS", "Deployments"]

DEPLOYMENT_STATUSES = ("PENDING", "BUILDING", "DEPLOYING", "DEPLOYED", "FAILED", "CANCELED", "TIMED_OUT")
"""The statuses the list filters on (``INSTALLING`` only appears on a retrieved deployment)."""
WORKER_ENVIRONMENTS = ("dev", "staging", "prod", "preview")
"""The environment slugs the worker route takes (``stg`` is sent as ``staging``: the route refuses it)."""
MIN_PAGE_SIZE = 5
MAX_PAGE_SIZE = 100


@reports_errors
class Deployments:
    """Deployments of the environment of the API key. Reached as ``client.deployments``."""

    def __init__(self, client: TriggerClient) -> None:
        self._client = client

    def list(
        self,
        *,
        status: str | None = None,
        period: str | None = None,
        from_: datetime.datetime | None = None,
        to: datetime.datetime | None = None,
        page_size: int | None = None,
        after: str | None = None,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> CursorPager[DeploymentListItem]:
        """The deployments, newest first. Calls ``GET /api/v1/deployments`` once per page, as iteration
        needs them.

        Args:
            status: Only deployments in this status (``DEPLOYED``, ``FAILED``, …).
            period: Only those created within this look-back period, such as ``"7d"`` or ``"3h"``.
            from_: Only those created at or after this aware datetime (sent as ISO 8601).
            to: Only those created at or before this aware datetime (needs ``from_``: the server ignores
                ``to`` alone).
            page_size: Deployments per page, 5 to 100 (server default 20).
            after: Start after this deployment id (a ``pagination.next`` cursor).
            request_options: Per-call options, for every page.

        Returns:
            A pager: iterate it for every deployment, or use ``pages()`` / ``first_page()``.

        Raises:
            ValidationError: an unknown status, a malformed period, a naive datetime, ``to`` without
                ``from_``, ``period`` with ``from_``/``to``, or a page size outside 5-100, at once.
        """
        query: dict[str, Any] = {}
        if status is not None:
            if status not in DEPLOYMENT_STATUSES:
                raise ValidationError(
                    f"status must be one of {', '.join(DEPLOYMENT_STATUSES)}, got {status!r}", field="status"
                )
            query["status"] = DeploymentStatus(status)
        if period is not None:
            if from_ is not None or to is not None:
                raise ValidationError(
                    "give period or from_/to, not both (the server uses period)", field="period"
                )
            query["period"] = check.period(period)
        if to is not None and from_ is None:
            raise ValidationError("to needs from_ (the server ignores to on its own)", field="to")
        if from_ is not None:
            query["from_"] = check.iso_instant(_datetime(from_, "from_"), "from_")
        if to is not None:
            query["to"] = check.iso_instant(_datetime(to, "to"), "to")
        if page_size is not None:
            size = check.integer(page_size, "page_size", MIN_PAGE_SIZE)
            if size > MAX_PAGE_SIZE:
                raise ValidationError(
                    f"page_size must be at most {MAX_PAGE_SIZE}, got {size}", field="page_size"
                )
            query["pagesize"] = size
        if after is not None:
            check.non_empty_string(after, "after")

        def fetch(after: str | None, before: str | None) -> CursorPage[DeploymentListItem]:
            parsed, _headers = self._client._call(
                list_deployments, ListDeploymentsResponse, request_options, pageafter=after, **query
            )
            following = parsed.pagination.next_
            return CursorPage(
                data=parsed.data,
                next_cursor=following if isinstance(following, str) and following else None,
            )

        return CursorPager(fetch, after=after, report=lambda error: report_error(self._client._config, error))

    def current(
        self, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> DeploymentListItem:
        """The current (promoted) deployment. Calls ``GET /api/v1/deployments/current`` (not rate-limited).

        Args:
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The deployment: ``id``, ``version``, ``short_code``, ``status``, ``deployed_at``, ``git``.

        Raises:
            NotFoundError: no deployment has been promoted in this environment.
        """
        parsed, _headers = self._client._call(
            retrieve_current_deployment, DeploymentListItem, request_options
        )
        return parsed

    def retrieve(
        self, deployment_id: str, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> Deployment:
        """Retrieve a deployment with its worker and tasks. Calls ``GET /api/v1/deployments/{deploymentId}``.

        Args:
            deployment_id: The deployment id (``deployment_…``).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The deployment (``status``, ``version``, ``content_hash``, ``image_reference``, ``worker``, …).

        Raises:
            ValidationError: a deployment id that is ``current`` or ``latest`` (other routes), before sending.
            NotFoundError: no such deployment ("Deployment not found").
        """
        segment = check.path_segment(deployment_id, "deployment_id")
        if segment in ("current", "latest"):
            raise ValidationError(
                f"{segment!r} is not a deployment id: use deployments.{segment}()", field="deployment_id"
            )
        parsed, _headers = self._client._call(
            retrieve_deployment, Deployment, request_options, deployment_id=segment
        )
        return parsed

    def latest(
        self, *, request_options: RequestOptions | Mapping[str, Any] | None = None
    ) -> LatestDeployment:
        """The newest deployment of a self-hosted (unmanaged) worker. Calls
        ``GET /api/v1/deployments/latest``.

        Args:
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The deployment (``id``, ``status``, ``version``, ``short_code``, ``content_hash``,
            ``image_reference``, ``error_data``).

        Raises:
            NotFoundError: the environment has no unmanaged deployment.
        """
        parsed, _headers = self._client._call(retrieve_latest_deployment, LatestDeployment, request_options)
        return parsed

    def promote(
        self,
        version: str,
        *,
        allow_rollbacks: bool = False,
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> PromoteDeploymentResponse:
        """Make a deployed version the current deployment. Calls
        ``POST /api/v1/deployments/{deploymentVersion}/promote``.

        Args:
            version: The version, such as ``"20250601.1"``.
            allow_rollbacks: Allow promoting a version older than the current one.
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            The promoted deployment's ``id``, ``version`` and ``short_code``.

        Raises:
            ValidationError: the server's 400: not deployed, already current, or older than the current
                deployment without ``allow_rollbacks``.
            NotFoundError: no deployment with that version.
        """
        if not isinstance(allow_rollbacks, bool):
            raise ValidationError(
                f"allow_rollbacks must be a bool, got {allow_rollbacks!r}", field="allow_rollbacks"
            )
        parsed, _headers = self._client._call(
            promote_deployment,
            PromoteDeploymentResponse,
            request_options,
            deployment_version=check.path_segment(version, "version"),
            allow_rollbacks=True if allow_rollbacks else UNSET,
        )
        return parsed

    def current_worker(
        self,
        project_ref: str,
        env: str,
        *,
        tag: str = "current",
        request_options: RequestOptions | Mapping[str, Any] | None = None,
    ) -> RetrieveWorkerResponse:
        """The worker of an environment and its tasks, with each task's payload JSON Schema. Calls
        ``GET /api/v1/projects/{projectRef}/{env}/workers/{tagName}``.

        The route takes a personal access token (``tr_pat_…``), not a secret key:
        ``client.with_options(api_key="tr_pat_…").deployments.current_worker("proj_…", "prod")``. In a
        development environment it answers the newest worker (``trigger dev``), whatever the tag; elsewhere
        the worker of the deployment the tag names. A preview branch is chosen with the client's
        ``preview_branch``.

        Args:
            project_ref: The project ref (``proj_…``).
            env: The environment slug: ``dev``, ``staging`` (``stg`` is sent as ``staging``), ``prod`` or
                ``preview``.
            tag: The deployment label (default ``current``, the promoted deployment).
            request_options: Per-call timeout, retry policy or extra headers.

        Returns:
            ``worker`` (``id``, ``version``, ``engine``, ``sdk_version``, ``cli_version``, ``tasks``: each
            ``id``, ``slug``, ``file_path``, ``trigger_source``, ``created_at``, ``payload_schema`` (a JSON
            Schema dict, or None/UNSET for a task without one), ``queue_config``) and ``urls.runs`` (the
            dashboard page of its runs).

        Raises:
            ValidationError: a malformed project ref, an unknown slug or an empty tag, before sending.
            AuthenticationError: the credential is not a personal or organization access token.
            NotFoundError: no such worker ("Worker not found"), or a project or environment the token
                cannot reach.
        """
        ref = check.project_ref(project_ref)
        slug = "staging" if env == "stg" else env
        if slug not in WORKER_ENVIRONMENTS:
            raise ValidationError(
                f"env must be one of {', '.join(WORKER_ENVIRONMENTS)}, got {env!r}", field="env"
            )
        parsed, _headers = self._client._call(
            retrieve_worker_by_tag,
            RetrieveWorkerResponse,
            request_options,
            project_ref=ref,
            env=slug,
            tag_name=check.path_segment(tag, "tag"),
        )
        return parsed


def _datetime(value: Any, field: str) -> datetime.datetime:
    if not isinstance(value, datetime.datetime):
        raise ValidationError(f"{field} must be an aware datetime, got {value!r}", field=field)
    return value
