from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.queue_type import QueueType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.queue_concurrency import QueueConcurrency


T = TypeVar("T", bound="QueueItem")


@_attrs_define
class QueueItem:
    """
    Attributes:
        id (str): The queue id (`queue_…`).
        name (str): The task id for a task queue, else the queue's name.
        type_ (QueueType): `task`: the queue a task gets by default; `custom`: a queue declared in code. New values may
            be added.
        running (int): Runs executing now.
        queued (int): Runs waiting in the queue.
        paused (bool):
        concurrency_limit (int | None): The limit in force (null when only the environment limit applies).
        concurrency (QueueConcurrency | Unset):
        concurrency_limit_override_percent (float | None | Unset): With a percent override, the percentage (retrieve and
            list only).
        release_concurrency_on_waitpoint (bool | Unset): Always true (kept by the server for old clients).
        version (str | Unset): `V1` or `V2` on newer servers (absent means `V1`).
    """

    id: str
    name: str
    type_: QueueType
    running: int
    queued: int
    paused: bool
    concurrency_limit: int | None
    concurrency: QueueConcurrency | Unset = UNSET
    concurrency_limit_override_percent: float | None | Unset = UNSET
    release_concurrency_on_waitpoint: bool | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_.value

        running = self.running

        queued = self.queued

        paused = self.paused

        concurrency_limit: int | None
        concurrency_limit = self.concurrency_limit

        concurrency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.concurrency, Unset):
            concurrency = self.concurrency.to_dict()

        concurrency_limit_override_percent: float | None | Unset
        if isinstance(self.concurrency_limit_override_percent, Unset):
            concurrency_limit_override_percent = UNSET
        else:
            concurrency_limit_override_percent = self.concurrency_limit_override_percent

        release_concurrency_on_waitpoint = self.release_concurrency_on_waitpoint

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "running": running,
                "queued": queued,
                "paused": paused,
                "concurrencyLimit": concurrency_limit,
            }
        )
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if concurrency_limit_override_percent is not UNSET:
            field_dict["concurrencyLimitOverridePercent"] = (
                concurrency_limit_override_percent
            )
        if release_concurrency_on_waitpoint is not UNSET:
            field_dict["releaseConcurrencyOnWaitpoint"] = (
                release_concurrency_on_waitpoint
            )
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.queue_concurrency import QueueConcurrency  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = QueueType(d.pop("type"))

        running = d.pop("running")

        queued = d.pop("queued")

        paused = d.pop("paused")

        def _parse_concurrency_limit(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        concurrency_limit = _parse_concurrency_limit(d.pop("concurrencyLimit"))

        _concurrency = d.pop("concurrency", UNSET)
        concurrency: QueueConcurrency | Unset
        if isinstance(_concurrency, Unset):
            concurrency = UNSET
        else:
            concurrency = QueueConcurrency.from_dict(_concurrency)

        def _parse_concurrency_limit_override_percent(
            data: object,
        ) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        concurrency_limit_override_percent = _parse_concurrency_limit_override_percent(
            d.pop("concurrencyLimitOverridePercent", UNSET)
        )

        release_concurrency_on_waitpoint = d.pop("releaseConcurrencyOnWaitpoint", UNSET)

        version = d.pop("version", UNSET)

        queue_item = cls(
            id=id,
            name=name,
            type_=type_,
            running=running,
            queued=queued,
            paused=paused,
            concurrency_limit=concurrency_limit,
            concurrency=concurrency,
            concurrency_limit_override_percent=concurrency_limit_override_percent,
            release_concurrency_on_waitpoint=release_concurrency_on_waitpoint,
            version=version,
        )

        queue_item.additional_properties = d
        return queue_item

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
