from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.idempotency_key_options import IdempotencyKeyOptions


T = TypeVar("T", bound="CreateBatchRequestBody")


@_attrs_define
class CreateBatchRequestBody:
    """
    Attributes:
        run_count (int): How many items phase 2 will send.
        task_identifiers (list[str] | Unset): The distinct task identifiers the items will use.
        parent_run_id (str | Unset):
        resume_parent_on_completion (bool | Unset):
        idempotency_key (str | Unset):
        idempotency_key_options (IdempotencyKeyOptions | Unset): The key as the user gave it, stored so that retrieving
            the run shows it instead of its hash.
    """

    run_count: int
    task_identifiers: list[str] | Unset = UNSET
    parent_run_id: str | Unset = UNSET
    resume_parent_on_completion: bool | Unset = UNSET
    idempotency_key: str | Unset = UNSET
    idempotency_key_options: IdempotencyKeyOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run_count = self.run_count

        task_identifiers: list[str] | Unset = UNSET
        if not isinstance(self.task_identifiers, Unset):
            task_identifiers = self.task_identifiers

        parent_run_id = self.parent_run_id

        resume_parent_on_completion = self.resume_parent_on_completion

        idempotency_key = self.idempotency_key

        idempotency_key_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.idempotency_key_options, Unset):
            idempotency_key_options = self.idempotency_key_options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "runCount": run_count,
            }
        )
        if task_identifiers is not UNSET:
            field_dict["taskIdentifiers"] = task_identifiers
        if parent_run_id is not UNSET:
            field_dict["parentRunId"] = parent_run_id
        if resume_parent_on_completion is not UNSET:
            field_dict["resumeParentOnCompletion"] = resume_parent_on_completion
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if idempotency_key_options is not UNSET:
            field_dict["idempotencyKeyOptions"] = idempotency_key_options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.idempotency_key_options import IdempotencyKeyOptions  # noqa: PLC0415

        d = dict(src_dict)
        run_count = d.pop("runCount")

        task_identifiers = cast(list[str], d.pop("taskIdentifiers", UNSET))

        parent_run_id = d.pop("parentRunId", UNSET)

        resume_parent_on_completion = d.pop("resumeParentOnCompletion", UNSET)

        idempotency_key = d.pop("idempotencyKey", UNSET)

        _idempotency_key_options = d.pop("idempotencyKeyOptions", UNSET)
        idempotency_key_options: IdempotencyKeyOptions | Unset
        if isinstance(_idempotency_key_options, Unset):
            idempotency_key_options = UNSET
        else:
            idempotency_key_options = IdempotencyKeyOptions.from_dict(
                _idempotency_key_options
            )

        create_batch_request_body = cls(
            run_count=run_count,
            task_identifiers=task_identifiers,
            parent_run_id=parent_run_id,
            resume_parent_on_completion=resume_parent_on_completion,
            idempotency_key=idempotency_key,
            idempotency_key_options=idempotency_key_options,
        )

        create_batch_request_body.additional_properties = d
        return create_batch_request_body

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
