"""Fixtures shared by the integration tests: emulator tasks and speeds several modules' tests need."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def scheduled(emulator: Any) -> str:
    """Declares ``nightly-report``, a scheduled task (answering the timestamp it was run for); returns its
    identifier."""

    @emulator.task("nightly-report", scheduled=True)
    def report(payload: Any) -> Any:
        return {"scheduled": payload["timestamp"]}

    return "nightly-report"


@pytest.fixture
def fast_bulk(emulator: Any) -> None:
    """Bulk actions process their runs without the emulator's pause between batches of them."""
    emulator.bulk_action_batch_delay_s = 0.01
