"""pytest fixtures for the emulator (registered as the ``trigger_client`` pytest plugin).

* ``trigger_emulator_session`` — one started :class:`~trigger_client.emulator.Emulator` for the session.
* ``trigger_emulator`` — that emulator after ``reset()``: no runs, batches, schedules, tasks, faults or
  requests.

This module imports nothing from starlette or uvicorn at import time, so installing the package without
the ``emulator`` extra does not break pytest; the fixtures import the emulator when used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._server import Emulator


@pytest.fixture(scope="session")
def trigger_emulator_session() -> Iterator[Emulator]:
    """One emulator, started on a free loopback port, shared by the whole test session."""
    from . import Emulator  # explains how to install the 'emulator' extra when it is missing

    emulator = Emulator()
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def trigger_emulator(trigger_emulator_session: Emulator) -> Emulator:
    """The session's emulator, reset: no runs, batches, schedules, tasks, faults or recorded requests."""
    trigger_emulator_session.reset()
    return trigger_emulator_session
