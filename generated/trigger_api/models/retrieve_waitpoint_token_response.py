from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.waitpoint_token_status import WaitpointTokenStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="RetrieveWaitpointTokenResponse")


@_attrs_define
class RetrieveWaitpointTokenResponse:
    """
    Attributes:
        id (str):
        url (str):
        status (WaitpointTokenStatus): The state of a waitpoint token. New values may be added.
        created_at (datetime.datetime):
        tags (list[str]):
        type_ (str | Unset): `MANUAL` for tokens.
        idempotency_key (str | Unset): The stored key (a random one when none was given; see
            `userProvidedIdempotencyKey`).
        user_provided_idempotency_key (bool | Unset):
        idempotency_key_expires_at (datetime.datetime | Unset):
        inactive_idempotency_key (str | Unset): The key the token was created with, once that key expired.
        output (str | Unset): The output as a serialised packet of type `outputType`.
        output_type (str | Unset):
        output_is_error (bool | Unset):
        timeout_at (datetime.datetime | Unset):
        completed_after (datetime.datetime | Unset):
        completed_at (datetime.datetime | Unset):
    """

    id: str
    url: str
    status: WaitpointTokenStatus
    created_at: datetime.datetime
    tags: list[str]
    type_: str | Unset = UNSET
    idempotency_key: str | Unset = UNSET
    user_provided_idempotency_key: bool | Unset = UNSET
    idempotency_key_expires_at: datetime.datetime | Unset = UNSET
    inactive_idempotency_key: str | Unset = UNSET
    output: str | Unset = UNSET
    output_type: str | Unset = UNSET
    output_is_error: bool | Unset = UNSET
    timeout_at: datetime.datetime | Unset = UNSET
    completed_after: datetime.datetime | Unset = UNSET
    completed_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        status = self.status.value

        created_at = self.created_at.isoformat()

        tags = self.tags

        type_ = self.type_

        idempotency_key = self.idempotency_key

        user_provided_idempotency_key = self.user_provided_idempotency_key

        idempotency_key_expires_at: str | Unset = UNSET
        if not isinstance(self.idempotency_key_expires_at, Unset):
            idempotency_key_expires_at = self.idempotency_key_expires_at.isoformat()

        inactive_idempotency_key = self.inactive_idempotency_key

        output = self.output

        output_type = self.output_type

        output_is_error = self.output_is_error

        timeout_at: str | Unset = UNSET
        if not isinstance(self.timeout_at, Unset):
            timeout_at = self.timeout_at.isoformat()

        completed_after: str | Unset = UNSET
        if not isinstance(self.completed_after, Unset):
            completed_after = self.completed_after.isoformat()

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = self.completed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "status": status,
                "createdAt": created_at,
                "tags": tags,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if user_provided_idempotency_key is not UNSET:
            field_dict["userProvidedIdempotencyKey"] = user_provided_idempotency_key
        if idempotency_key_expires_at is not UNSET:
            field_dict["idempotencyKeyExpiresAt"] = idempotency_key_expires_at
        if inactive_idempotency_key is not UNSET:
            field_dict["inactiveIdempotencyKey"] = inactive_idempotency_key
        if output is not UNSET:
            field_dict["output"] = output
        if output_type is not UNSET:
            field_dict["outputType"] = output_type
        if output_is_error is not UNSET:
            field_dict["outputIsError"] = output_is_error
        if timeout_at is not UNSET:
            field_dict["timeoutAt"] = timeout_at
        if completed_after is not UNSET:
            field_dict["completedAfter"] = completed_after
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        status = WaitpointTokenStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        tags = cast(list[str], d.pop("tags"))

        type_ = d.pop("type", UNSET)

        idempotency_key = d.pop("idempotencyKey", UNSET)

        user_provided_idempotency_key = d.pop("userProvidedIdempotencyKey", UNSET)

        _idempotency_key_expires_at = d.pop("idempotencyKeyExpiresAt", UNSET)
        idempotency_key_expires_at: datetime.datetime | Unset
        if isinstance(_idempotency_key_expires_at, Unset):
            idempotency_key_expires_at = UNSET
        else:
            idempotency_key_expires_at = datetime.datetime.fromisoformat(
                _idempotency_key_expires_at
            )

        inactive_idempotency_key = d.pop("inactiveIdempotencyKey", UNSET)

        output = d.pop("output", UNSET)

        output_type = d.pop("outputType", UNSET)

        output_is_error = d.pop("outputIsError", UNSET)

        _timeout_at = d.pop("timeoutAt", UNSET)
        timeout_at: datetime.datetime | Unset
        if isinstance(_timeout_at, Unset):
            timeout_at = UNSET
        else:
            timeout_at = datetime.datetime.fromisoformat(_timeout_at)

        _completed_after = d.pop("completedAfter", UNSET)
        completed_after: datetime.datetime | Unset
        if isinstance(_completed_after, Unset):
            completed_after = UNSET
        else:
            completed_after = datetime.datetime.fromisoformat(_completed_after)

        _completed_at = d.pop("completedAt", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

        retrieve_waitpoint_token_response = cls(
            id=id,
            url=url,
            status=status,
            created_at=created_at,
            tags=tags,
            type_=type_,
            idempotency_key=idempotency_key,
            user_provided_idempotency_key=user_provided_idempotency_key,
            idempotency_key_expires_at=idempotency_key_expires_at,
            inactive_idempotency_key=inactive_idempotency_key,
            output=output,
            output_type=output_type,
            output_is_error=output_is_error,
            timeout_at=timeout_at,
            completed_after=completed_after,
            completed_at=completed_at,
        )

        retrieve_waitpoint_token_response.additional_properties = d
        return retrieve_waitpoint_token_response

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
