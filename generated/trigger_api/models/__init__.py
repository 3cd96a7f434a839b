"""Contains all the data models used in inputs/outputs"""

from .add_run_tags_request_body import AddRunTagsRequestBody
from .add_run_tags_response import AddRunTagsResponse
from .batch import Batch
from .batch_item import BatchItem
from .batch_item_options import BatchItemOptions
from .batch_processing import BatchProcessing
from .batch_processing_error import BatchProcessingError
from .batch_processing_strategy import BatchProcessingStrategy
from .batch_status import BatchStatus
from .batch_v1 import BatchV1
from .bulk_action import BulkAction
from .bulk_action_counts import BulkActionCounts
from .bulk_action_filter import BulkActionFilter
from .bulk_action_id_response import BulkActionIdResponse
from .bulk_action_status import BulkActionStatus
from .bulk_action_type import BulkActionType
from .complete_waitpoint_token_request_body import CompleteWaitpointTokenRequestBody
from .complete_waitpoint_token_response import CompleteWaitpointTokenResponse
from .concurrency_limit import ConcurrencyLimit
from .concurrency_limit_bound import ConcurrencyLimitBound
from .concurrency_limit_key import ConcurrencyLimitKey
from .concurrency_limit_key_bound import ConcurrencyLimitKeyBound
from .create_batch_request_body import CreateBatchRequestBody
from .create_batch_response import CreateBatchResponse
from .create_bulk_action_request_body import CreateBulkActionRequestBody
from .create_bulk_action_request_body_action import CreateBulkActionRequestBodyAction
from .create_env_var_request_body import CreateEnvVarRequestBody
from .create_public_token_request_body import CreatePublicTokenRequestBody
from .create_public_token_response import CreatePublicTokenResponse
from .create_schedule_request_body import CreateScheduleRequestBody
from .create_waitpoint_token_request_body import CreateWaitpointTokenRequestBody
from .create_waitpoint_token_response import CreateWaitpointTokenResponse
from .cursor_pagination import CursorPagination
from .debounce_options import DebounceOptions
from .debounce_options_mode import DebounceOptionsMode
from .deployment import Deployment
from .deployment_error import DeploymentError
from .deployment_external_build_data_type_0 import DeploymentExternalBuildDataType0
from .deployment_integration_deployments_item import (
    DeploymentIntegrationDeploymentsItem,
)
from .deployment_list_item import DeploymentListItem
from .deployment_list_item_git_type_0 import DeploymentListItemGitType0
from .deployment_status import DeploymentStatus
from .deployment_worker import DeploymentWorker
from .deployment_worker_task import DeploymentWorkerTask
from .env_var import EnvVar
from .env_var_error_response import EnvVarErrorResponse
from .env_var_success_response import EnvVarSuccessResponse
from .env_var_value_error import EnvVarValueError
from .error_response import ErrorResponse
from .idempotency_key_options import IdempotencyKeyOptions
from .idempotency_key_options_scope import IdempotencyKeyOptionsScope
from .import_env_vars_file_body import ImportEnvVarsFileBody
from .import_env_vars_file_body_override import ImportEnvVarsFileBodyOverride
from .import_env_vars_request_body import ImportEnvVarsRequestBody
from .import_env_vars_request_body_parent_variables import (
    ImportEnvVarsRequestBodyParentVariables,
)
from .import_env_vars_request_body_variables import ImportEnvVarsRequestBodyVariables
from .jwt_claims import JwtClaims
from .latest_deployment import LatestDeployment
from .legacy_batch_trigger_item import LegacyBatchTriggerItem
from .legacy_batch_trigger_request_body import LegacyBatchTriggerRequestBody
from .legacy_batch_trigger_response import LegacyBatchTriggerResponse
from .list_bulk_actions_response import ListBulkActionsResponse
from .list_concurrency_limits_response import ListConcurrencyLimitsResponse
from .list_deployments_response import ListDeploymentsResponse
from .list_deployments_response_pagination import ListDeploymentsResponsePagination
from .list_queues_response import ListQueuesResponse
from .list_run_events_response import ListRunEventsResponse
from .list_run_events_response_events_item import ListRunEventsResponseEventsItem
from .list_run_item import ListRunItem
from .list_runs_response import ListRunsResponse
from .list_schedules_response import ListSchedulesResponse
from .list_waitpoint_tokens_response import ListWaitpointTokensResponse
from .machine_preset import MachinePreset
from .metadata_operation import MetadataOperation
from .metadata_operation_type import MetadataOperationType
from .offset_pagination import OffsetPagination
from .override_concurrency_limit_request_body import OverrideConcurrencyLimitRequestBody
from .override_queue_concurrency_request_body import OverrideQueueConcurrencyRequestBody
from .packet_download_url import PacketDownloadUrl
from .packet_upload_url import PacketUploadUrl
from .pause_concurrency_limit_request_body import PauseConcurrencyLimitRequestBody
from .pause_concurrency_limit_request_body_action import (
    PauseConcurrencyLimitRequestBodyAction,
)
from .pause_queue_request_body import PauseQueueRequestBody
from .pause_queue_request_body_action import PauseQueueRequestBodyAction
from .promote_deployment_response import PromoteDeploymentResponse
from .public_token_realtime_options import PublicTokenRealtimeOptions
from .queue_concurrency import QueueConcurrency
from .queue_item import QueueItem
from .queue_options import QueueOptions
from .queue_param_type import QueueParamType
from .queue_type import QueueType
from .queue_type_name import QueueTypeName
from .queue_type_name_type import QueueTypeNameType
from .rate_limit_problem import RateLimitProblem
from .related_run import RelatedRun
from .related_runs import RelatedRuns
from .replay_run_request_body import ReplayRunRequestBody
from .reschedule_run_request_body import RescheduleRunRequestBody
from .reset_concurrency_limit_request_body import ResetConcurrencyLimitRequestBody
from .reset_idempotency_key_request_body import ResetIdempotencyKeyRequestBody
from .reset_idempotency_key_response import ResetIdempotencyKeyResponse
from .reset_queue_concurrency_request_body import ResetQueueConcurrencyRequestBody
from .retrieve_run_response import RetrieveRunResponse
from .retrieve_run_trace_response import RetrieveRunTraceResponse
from .retrieve_waitpoint_token_response import RetrieveWaitpointTokenResponse
from .retrieve_worker_response import RetrieveWorkerResponse
from .run_environment import RunEnvironment
from .run_id_response import RunIdResponse
from .run_metadata_packet import RunMetadataPacket
from .run_schedule import RunSchedule
from .run_status import RunStatus
from .run_trace import RunTrace
from .schedule import Schedule
from .schedule_cron_generator import ScheduleCronGenerator
from .schedule_environment import ScheduleEnvironment
from .schedule_generator import ScheduleGenerator
from .schedule_generator_type import ScheduleGeneratorType
from .schedule_id_response import ScheduleIdResponse
from .schedule_type import ScheduleType
from .serialized_error import SerializedError
from .span_ai_usage import SpanAIUsage
from .span_detail import SpanDetail
from .span_detail_properties import SpanDetailProperties
from .stream_batch_items_response import StreamBatchItemsResponse
from .timezones_response import TimezonesResponse
from .trace_span import TraceSpan
from .trace_span_data import TraceSpanData
from .trace_span_data_properties import TraceSpanDataProperties
from .trigger_function import TriggerFunction
from .trigger_task_options import TriggerTaskOptions
from .trigger_task_request_body import TriggerTaskRequestBody
from .trigger_task_response import TriggerTaskResponse
from .triggered_run import TriggeredRun
from .update_env_var_request_body import UpdateEnvVarRequestBody
from .update_run_metadata_request_body import UpdateRunMetadataRequestBody
from .update_run_metadata_request_body_metadata import (
    UpdateRunMetadataRequestBodyMetadata,
)
from .update_run_metadata_response import UpdateRunMetadataResponse
from .update_run_metadata_response_metadata import UpdateRunMetadataResponseMetadata
from .update_schedule_request_body import UpdateScheduleRequestBody
from .waitpoint_token_item import WaitpointTokenItem
from .waitpoint_token_status import WaitpointTokenStatus
from .worker import Worker
from .worker_task import WorkerTask
from .worker_urls import WorkerUrls

__all__ = (
    "AddRunTagsRequestBody",
    "AddRunTagsResponse",
    "Batch",
    "BatchItem",
    "BatchItemOptions",
    "BatchProcessing",
    "BatchProcessingError",
    "BatchProcessingStrategy",
    "BatchStatus",
    "BatchV1",
    "BulkAction",
    "BulkActionCounts",
    "BulkActionFilter",
    "BulkActionIdResponse",
    "BulkActionStatus",
    "BulkActionType",
    "CompleteWaitpointTokenRequestBody",
    "CompleteWaitpointTokenResponse",
    "ConcurrencyLimit",
    "ConcurrencyLimitBound",
    "ConcurrencyLimitKey",
    "ConcurrencyLimitKeyBound",
    "CreateBatchRequestBody",
    "CreateBatchResponse",
    "CreateBulkActionRequestBody",
    "CreateBulkActionRequestBodyAction",
    "CreateEnvVarRequestBody",
    "CreatePublicTokenRequestBody",
    "CreatePublicTokenResponse",
    "CreateScheduleRequestBody",
    "CreateWaitpointTokenRequestBody",
    "CreateWaitpointTokenResponse",
    "CursorPagination",
    "DebounceOptions",
    "DebounceOptionsMode",
    "Deployment",
    "DeploymentError",
    "DeploymentExternalBuildDataType0",
    "DeploymentIntegrationDeploymentsItem",
    "DeploymentListItem",
    "DeploymentListItemGitType0",
    "DeploymentStatus",
    "DeploymentWorker",
    "DeploymentWorkerTask",
    "EnvVar",
    "EnvVarErrorResponse",
    "EnvVarSuccessResponse",
    "EnvVarValueError",
    "ErrorResponse",
    "IdempotencyKeyOptions",
    "IdempotencyKeyOptionsScope",
    "ImportEnvVarsFileBody",
    "ImportEnvVarsFileBodyOverride",
    "ImportEnvVarsRequestBody",
    "ImportEnvVarsRequestBodyParentVariables",
    "ImportEnvVarsRequestBodyVariables",
    "JwtClaims",
    "LatestDeployment",
    "LegacyBatchTriggerItem",
    "LegacyBatchTriggerRequestBody",
    "LegacyBatchTriggerResponse",
    "ListBulkActionsResponse",
    "ListConcurrencyLimitsResponse",
    "ListDeploymentsResponse",
    "ListDeploymentsResponsePagination",
    "ListQueuesResponse",
    "ListRunEventsResponse",
    "ListRunEventsResponseEventsItem",
    "ListRunItem",
    "ListRunsResponse",
    "ListSchedulesResponse",
    "ListWaitpointTokensResponse",
    "MachinePreset",
    "MetadataOperation",
    "MetadataOperationType",
    "OffsetPagination",
    "OverrideConcurrencyLimitRequestBody",
    "OverrideQueueConcurrencyRequestBody",
    "PacketDownloadUrl",
    "PacketUploadUrl",
    "PauseConcurrencyLimitRequestBody",
    "PauseConcurrencyLimitRequestBodyAction",
    "PauseQueueRequestBody",
    "PauseQueueRequestBodyAction",
    "PromoteDeploymentResponse",
    "PublicTokenRealtimeOptions",
    "QueueConcurrency",
    "QueueItem",
    "QueueOptions",
    "QueueParamType",
    "QueueType",
    "QueueTypeName",
    "QueueTypeNameType",
    "RateLimitProblem",
    "RelatedRun",
    "RelatedRuns",
    "ReplayRunRequestBody",
    "RescheduleRunRequestBody",
    "ResetConcurrencyLimitRequestBody",
    "ResetIdempotencyKeyRequestBody",
    "ResetIdempotencyKeyResponse",
    "ResetQueueConcurrencyRequestBody",
    "RetrieveRunResponse",
    "RetrieveRunTraceResponse",
    "RetrieveWaitpointTokenResponse",
    "RetrieveWorkerResponse",
    "RunEnvironment",
    "RunIdResponse",
    "RunMetadataPacket",
    "RunSchedule",
    "RunStatus",
    "RunTrace",
    "Schedule",
    "ScheduleCronGenerator",
    "ScheduleEnvironment",
    "ScheduleGenerator",
    "ScheduleGeneratorType",
    "ScheduleIdResponse",
    "ScheduleType",
    "SerializedError",
    "SpanAIUsage",
    "SpanDetail",
    "SpanDetailProperties",
    "StreamBatchItemsResponse",
    "TimezonesResponse",
    "TraceSpan",
    "TraceSpanData",
    "TraceSpanDataProperties",
    "TriggeredRun",
    "TriggerFunction",
    "TriggerTaskOptions",
    "TriggerTaskRequestBody",
    "TriggerTaskResponse",
    "UpdateEnvVarRequestBody",
    "UpdateRunMetadataRequestBody",
    "UpdateRunMetadataRequestBodyMetadata",
    "UpdateRunMetadataResponse",
    "UpdateRunMetadataResponseMetadata",
    "UpdateScheduleRequestBody",
    "WaitpointTokenItem",
    "WaitpointTokenStatus",
    "Worker",
    "WorkerTask",
    "WorkerUrls",
)
