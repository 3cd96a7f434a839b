from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateWaitpointTokenRequestBody")


@_attrs_define
class CreateWaitpointTokenRequestBody:
    """
    Attributes:
        idempotency_key (str | Unset): Creating again with this key returns the same token (the key is stored as sent).
        idempotency_key_ttl (str | Unset): How long the key stays active (`30s`, `10m`, `2h`, `7d`); other forms are
            ignored.
        timeout (str | Unset): A duration (`30s`, `1h`, `2d`, `1w`) or an ISO-8601 instant after which the token times
            out
            (a past instant means no timeout).
        tags (list[str] | str | Unset): At most 10 tags of at most 128 characters each.
    """

    idempotency_key: str | Unset = UNSET
    idempotency_key_ttl: str | Unset = UNSET
    timeout: str | Unset = UNSET
    tags: list[str] | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idempotency_key = self.idempotency_key

        idempotency_key_ttl = self.idempotency_key_ttl

        timeout = self.timeout

        tags: list[str] | str | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if idempotency_key_ttl is not UNSET:
            field_dict["idempotencyKeyTTL"] = idempotency_key_ttl
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        idempotency_key = d.pop("idempotencyKey", UNSET)

        idempotency_key_ttl = d.pop("idempotencyKeyTTL", UNSET)

        timeout = d.pop("timeout", UNSET)

        def _parse_tags(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_1 = cast(list[str], data)

                return tags_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        create_waitpoint_token_request_body = cls(
            idempotency_key=idempotency_key,
            idempotency_key_ttl=idempotency_key_ttl,
            timeout=timeout,
            tags=tags,
        )

        create_waitpoint_token_request_body.additional_properties = d
        return create_waitpoint_token_request_body

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
