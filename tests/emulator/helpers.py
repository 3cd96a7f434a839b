"""Helpers for the emulator tests: raw HTTP calls and polling."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

V4 = {"x-trigger-api-version": "2025-07-16"}


def trigger(api: httpx.Client, task: str, payload: Any = None, **options: Any) -> str:
    """Trigger a run and return its id (asserting a 200)."""
    body: dict[str, Any] = {"payload": payload}
    if options:
        body["options"] = options
    response = api.post(f"/api/v1/tasks/{task}/trigger", json=body)
    assert response.status_code == 200, response.text
    run_id: str = response.json()["id"]
    return run_id


def retrieve(api: httpx.Client, run_id: str) -> dict[str, Any]:
    """Retrieve a run (asserting a 200)."""
    response = api.get(f"/api/v3/runs/{run_id}")
    assert response.status_code == 200, response.text
    run: dict[str, Any] = response.json()
    return run


def wait_for(predicate: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Poll ``predicate`` until it is true (fails the test after ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail("condition not reached in time")
        time.sleep(0.01)


def wait_for_status(api: httpx.Client, run_id: str, status: str, timeout_s: float = 5.0) -> dict[str, Any]:
    """Poll a run until it has ``status``; return it."""
    seen: dict[str, Any] = {}

    def reached() -> bool:
        seen.update(retrieve(api, run_id))
        return seen["status"] == status

    wait_for(reached, timeout_s)
    return seen


def assert_no_nulls(value: Any, where: str = "$") -> None:
    """Absent optional fields must be left out, never ``null``."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert item is not None, f"{where}.{key} is null"
            assert_no_nulls(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_nulls(item, f"{where}[{index}]")
