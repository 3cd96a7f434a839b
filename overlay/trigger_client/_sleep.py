"""Waiting, for the sync and the async code (the sync twin calls ``sleep`` where the async code awaits
``async_sleep``)."""

from __future__ import annotations

import asyncio
import time


async def async_sleep(seconds: float) -> None:
    """Wait ``seconds`` without blocking the event loop."""
    if seconds > 0:
        await asyncio.sleep(seconds)


def sleep(seconds: float) -> None:
    """Block the calling thread for ``seconds``."""
    if seconds > 0:
        time.sleep(seconds)
