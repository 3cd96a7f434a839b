from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.public_token_realtime_options import PublicTokenRealtimeOptions


T = TypeVar("T", bound="CreatePublicTokenRequestBody")


@_attrs_define
class CreatePublicTokenRequestBody:
    """
    Attributes:
        scopes (list[str]): Scopes such as `read:runs:run_…`, `trigger:tasks:<taskIdentifier>`, `read:tags:<tag>`.
        expiration_time (int | str | Unset): A relative time in jose's syntax (`15m`, `1h`, `2 days`; default `15m`), or
            an absolute Unix
            time in seconds.
        one_time_use (bool | Unset): The token can trigger once (adds the `otu` claim).
        realtime (PublicTokenRealtimeOptions | Unset):
    """

    scopes: list[str]
    expiration_time: int | str | Unset = UNSET
    one_time_use: bool | Unset = UNSET
    realtime: PublicTokenRealtimeOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scopes = self.scopes

        expiration_time: int | str | Unset
        if isinstance(self.expiration_time, Unset):
            expiration_time = UNSET
        else:
            expiration_time = self.expiration_time

        one_time_use = self.one_time_use

        realtime: dict[str, Any] | Unset = UNSET
        if not isinstance(self.realtime, Unset):
            realtime = self.realtime.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scopes": scopes,
            }
        )
        if expiration_time is not UNSET:
            field_dict["expirationTime"] = expiration_time
        if one_time_use is not UNSET:
            field_dict["oneTimeUse"] = one_time_use
        if realtime is not UNSET:
            field_dict["realtime"] = realtime

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_token_realtime_options import PublicTokenRealtimeOptions  # noqa: PLC0415

        d = dict(src_dict)
        scopes = cast(list[str], d.pop("scopes"))

        def _parse_expiration_time(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        expiration_time = _parse_expiration_time(d.pop("expirationTime", UNSET))

        one_time_use = d.pop("oneTimeUse", UNSET)

        _realtime = d.pop("realtime", UNSET)
        realtime: PublicTokenRealtimeOptions | Unset
        if isinstance(_realtime, Unset):
            realtime = UNSET
        else:
            realtime = PublicTokenRealtimeOptions.from_dict(_realtime)

        create_public_token_request_body = cls(
            scopes=scopes,
            expiration_time=expiration_time,
            one_time_use=one_time_use,
            realtime=realtime,
        )

        create_public_token_request_body.additional_properties = d
        return create_public_token_request_body

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
