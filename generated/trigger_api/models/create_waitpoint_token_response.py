from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreateWaitpointTokenResponse")


@_attrs_define
class CreateWaitpointTokenResponse:
    """
    Attributes:
        id (str): The token id (`waitpoint_…`).
        is_cached (bool): True when the idempotency key returned an existing token.
        url (str): The callback URL; a POST of JSON to it completes the token (no credential needed).
    """

    id: str
    is_cached: bool
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        is_cached = self.is_cached

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "isCached": is_cached,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        is_cached = d.pop("isCached")

        url = d.pop("url")

        create_waitpoint_token_response = cls(
            id=id,
            is_cached=is_cached,
            url=url,
        )

        create_waitpoint_token_response.additional_properties = d
        return create_waitpoint_token_response

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
