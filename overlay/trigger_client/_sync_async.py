"""The few operations whose sync and async forms differ. The hand-written async code calls the
``async_`` form; the generated sync twin calls the plain one (``scripts/unasync_overlay.py`` maps the names).
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def async_sleep(seconds: float) -> None:
    """Wait ``seconds`` without blocking the event loop."""
    if seconds > 0:
        import asyncio  # imported on first use: sync-only programs never load asyncio

        await asyncio.sleep(seconds)


def sleep(seconds: float) -> None:
    """Block the calling thread for ``seconds``."""
    if seconds > 0:
        time.sleep(seconds)


async def async_resolve(value: Any) -> Any:
    """``value``, awaited first when it is awaitable."""
    if inspect.isawaitable(value):
        return await value
    return value


def resolve(value: Any) -> Any:
    """``value`` (the sync code has nothing to await)."""
    return value


async def async_notify(callback: Callable[[T], object], value: T) -> None:
    """Call a user callback with ``value``; await its result when it is awaitable (a coroutine function)."""
    outcome = callback(value)
    if inspect.isawaitable(outcome):
        await outcome


def notify(callback: Callable[[T], object], value: T) -> None:
    """Call a user callback with ``value``."""
    callback(value)
