from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RateLimitProblem")


@_attrs_define
class RateLimitProblem:
    """An RFC 9457 problem document sent with 429 by the general rate limiter.

    Attributes:
        title (str | Unset):
        status (int | Unset):
        type_ (str | Unset):
        detail (str | Unset):
        error (str | Unset):
        reset (int | Unset): When the window resets, Unix epoch milliseconds.
        limit (int | Unset):
        remaining (int | Unset):
        seconds_until_reset (int | Unset):
    """

    title: str | Unset = UNSET
    status: int | Unset = UNSET
    type_: str | Unset = UNSET
    detail: str | Unset = UNSET
    error: str | Unset = UNSET
    reset: int | Unset = UNSET
    limit: int | Unset = UNSET
    remaining: int | Unset = UNSET
    seconds_until_reset: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        status = self.status

        type_ = self.type_

        detail = self.detail

        error = self.error

        reset = self.reset

        limit = self.limit

        remaining = self.remaining

        seconds_until_reset = self.seconds_until_reset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if status is not UNSET:
            field_dict["status"] = status
        if type_ is not UNSET:
            field_dict["type"] = type_
        if detail is not UNSET:
            field_dict["detail"] = detail
        if error is not UNSET:
            field_dict["error"] = error
        if reset is not UNSET:
            field_dict["reset"] = reset
        if limit is not UNSET:
            field_dict["limit"] = limit
        if remaining is not UNSET:
            field_dict["remaining"] = remaining
        if seconds_until_reset is not UNSET:
            field_dict["secondsUntilReset"] = seconds_until_reset

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title", UNSET)

        status = d.pop("status", UNSET)

        type_ = d.pop("type", UNSET)

        detail = d.pop("detail", UNSET)

        error = d.pop("error", UNSET)

        reset = d.pop("reset", UNSET)

        limit = d.pop("limit", UNSET)

        remaining = d.pop("remaining", UNSET)

        seconds_until_reset = d.pop("secondsUntilReset", UNSET)

        rate_limit_problem = cls(
            title=title,
            status=status,
            type_=type_,
            detail=detail,
            error=error,
            reset=reset,
            limit=limit,
            remaining=remaining,
            seconds_until_reset=seconds_until_reset,
        )

        rate_limit_problem.additional_properties = d
        return rate_limit_problem

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
