from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.waitpoint_token_status import WaitpointTokenStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="WaitpointTokenItem")


@_attrs_define
class WaitpointTokenItem:
    """
    Attributes:
        id (str):
        url (str):
        status (WaitpointTokenStatus): The state of a waitpoint token. New values may be added.
        tags (list[str]):
        created_at (datetime.datetime):
        completed_at (datetime.datetime | Unset):
        timeout_at (datetime.datetime | Unset):
        completed_after (datetime.datetime | Unset):
        idempotency_key (str | Unset): The key the token was created with (absent when none was given).
        idempotency_key_expires_at (datetime.datetime | Unset):
    """

    id: str
    url: str
    status: WaitpointTokenStatus
    tags: list[str]
    created_at: datetime.datetime
    completed_at: datetime.datetime | Unset = UNSET
    timeout_at: datetime.datetime | Unset = UNSET
    completed_after: datetime.datetime | Unset = UNSET
    idempotency_key: str | Unset = UNSET
    idempotency_key_expires_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        status = self.status.value

        tags = self.tags

        created_at = self.created_at.isoformat()

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = self.completed_at.isoformat()

        timeout_at: str | Unset = UNSET
        if not isinstance(self.timeout_at, Unset):
            timeout_at = self.timeout_at.isoformat()

        completed_after: str | Unset = UNSET
        if not isinstance(self.completed_after, Unset):
            completed_after = self.completed_after.isoformat()

        idempotency_key = self.idempotency_key

        idempotency_key_expires_at: str | Unset = UNSET
        if not isinstance(self.idempotency_key_expires_at, Unset):
            idempotency_key_expires_at = self.idempotency_key_expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "status": status,
                "tags": tags,
                "createdAt": created_at,
            }
        )
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at
        if timeout_at is not UNSET:
            field_dict["timeoutAt"] = timeout_at
        if completed_after is not UNSET:
            field_dict["completedAfter"] = completed_after
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if idempotency_key_expires_at is not UNSET:
            field_dict["idempotencyKeyExpiresAt"] = idempotency_key_expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        status = WaitpointTokenStatus(d.pop("status"))

        tags = cast(list[str], d.pop("tags"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        _completed_at = d.pop("completedAt", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

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

        idempotency_key = d.pop("idempotencyKey", UNSET)

        _idempotency_key_expires_at = d.pop("idempotencyKeyExpiresAt", UNSET)
        idempotency_key_expires_at: datetime.datetime | Unset
        if isinstance(_idempotency_key_expires_at, Unset):
            idempotency_key_expires_at = UNSET
        else:
            idempotency_key_expires_at = datetime.datetime.fromisoformat(
                _idempotency_key_expires_at
            )

        waitpoint_token_item = cls(
            id=id,
            url=url,
            status=status,
            tags=tags,
            created_at=created_at,
            completed_at=completed_at,
            timeout_at=timeout_at,
            completed_after=completed_after,
            idempotency_key=idempotency_key,
            idempotency_key_expires_at=idempotency_key_expires_at,
        )

        waitpoint_token_item.additional_properties = d
        return waitpoint_token_item

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
