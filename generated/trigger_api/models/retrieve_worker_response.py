from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.worker import Worker
    from ..models.worker_urls import WorkerUrls


T = TypeVar("T", bound="RetrieveWorkerResponse")


@_attrs_define
class RetrieveWorkerResponse:
    """
    Attributes:
        worker (Worker):
        urls (WorkerUrls):
    """

    worker: Worker
    urls: WorkerUrls
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        worker = self.worker.to_dict()

        urls = self.urls.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "worker": worker,
                "urls": urls,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.worker import Worker  # noqa: PLC0415
        from ..models.worker_urls import WorkerUrls  # noqa: PLC0415

        d = dict(src_dict)
        worker = Worker.from_dict(d.pop("worker"))

        urls = WorkerUrls.from_dict(d.pop("urls"))

        retrieve_worker_response = cls(
            worker=worker,
            urls=urls,
        )

        retrieve_worker_response.additional_properties = d
        return retrieve_worker_response

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
