"""Fixtures for the emulator's own tests: the reset session emulator and a plain httpx client for it.

These tests speak raw HTTP (not the project's client) so that they check exact status codes, headers
and JSON shapes.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from trigger_client.emulator import Emulator

from .helpers import V4


@pytest.fixture
def emu(trigger_emulator: Emulator) -> Emulator:
    """The session emulator, reset."""
    return trigger_emulator


@pytest.fixture
def api(emu: Emulator) -> Iterator[httpx.Client]:
    """An httpx client authenticated for the emulator, asking for the v4 status vocabulary."""
    with httpx.Client(
        base_url=emu.url, headers={"Authorization": f"Bearer {emu.api_key}", **V4}, timeout=5.0
    ) as client:
        yield client
