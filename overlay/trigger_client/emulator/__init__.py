"""A local Trigger.dev-compatible server for tests, demos and offline development.

``Emulator`` serves the Trigger.dev v4 Management API over real HTTP on loopback (starlette + uvicorn,
state in SQLite) and runs triggered work in Python task handlers, so the real wire protocol can be
exercised with no account and no internet::

    from trigger_client.emulator import Emulator, TaskContext

    with Emulator() as emu:
        @emu.task("hello-world")
        def hello(payload, ctx: TaskContext):
            return {"greeting": "hi " + payload["name"]}

        ...  # point a client at emu.url with emu.api_key

Needs the ``emulator`` extra (``pip install trigger-rest-client[emulator]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._engine import TaskContext, TokenWaitResult
from ._faults import FaultRule, FaultSet
from ._requests import RecordedRequest

if TYPE_CHECKING:
    from ._server import (
        DEFAULT_ADDITIONAL_API_KEY,
        DEFAULT_API_KEY,
        DEFAULT_PERSONAL_ACCESS_TOKEN,
        Emulator,
    )

__all__ = [
    "DEFAULT_ADDITIONAL_API_KEY",
    "DEFAULT_API_KEY",
    "DEFAULT_PERSONAL_ACCESS_TOKEN",
    "Emulator",
    "FaultRule",
    "FaultSet",
    "RecordedRequest",
    "TaskContext",
    "TokenWaitResult",
]


_SERVER_NAMES = frozenset(
    {"Emulator", "DEFAULT_API_KEY", "DEFAULT_ADDITIONAL_API_KEY", "DEFAULT_PERSONAL_ACCESS_TOKEN"}
)


def __getattr__(name: str) -> Any:
    # The server (starlette, uvicorn) is imported on first use, so that importing this package, or its
    # pytest plugin, works without the ``emulator`` extra installed.
    if name in _SERVER_NAMES:
        try:
            from . import _server
        except ImportError as exc:
            raise ImportError(
                f"trigger_client.emulator needs the 'emulator' extra ({exc.name} is missing): "
                "pip install 'trigger-rest-client[emulator]'"
            ) from exc
        return getattr(_server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
