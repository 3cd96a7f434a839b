"""The ``trigger-client`` command line (needs the ``cli`` extra: typer and rich)."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of ``trigger-client``; explains how to install the extra when typer or rich is missing."""
    try:
        from ._app import app
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        sys.stderr.write(
            f"trigger-client needs the 'cli' extra ({exc.name} is missing): "
            "pip install 'trigger-rest-client[cli]'\n"
        )
        raise SystemExit(2) from None
    app()
