"""Clean-up at interpreter exit and on SIGTERM / SIGINT, chaining the handlers already installed."""

from __future__ import annotations

import atexit
import logging
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

logger = logging.getLogger("trigger_client")

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def register_exit_cleanup(cleanup: Callable[[], object]) -> Callable[[], None]:
    """Run ``cleanup`` once at interpreter exit, or on SIGTERM or SIGINT (then the previous handler runs:
    Python's default turns SIGINT into ``KeyboardInterrupt`` and SIGTERM ends the process).

    Signal handlers can only be installed from the main thread; elsewhere only the exit hook is used.

    Returns:
        A function that removes the hooks again (restoring the previous signal handlers).
    """
    done = threading.Event()

    def run_once() -> None:
        if done.is_set():
            return
        done.set()
        try:
            cleanup()
        except Exception as exc:
            logger.warning("clean-up at exit failed: %s: %s", type(exc).__name__, exc)

    atexit.register(run_once)
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in _SIGNALS:
            previous[sig] = signal.getsignal(sig)
            signal.signal(sig, _chained(sig, run_once, previous[sig]))

    def remove() -> None:
        atexit.unregister(run_once)
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return remove


def _chained(
    sig: int, run_once: Callable[[], None], previous: Any
) -> Callable[[int, FrameType | None], None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        run_once()
        if callable(previous):
            previous(signum, frame)
        elif previous == signal.SIG_DFL:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    return handler
