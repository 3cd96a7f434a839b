"""Logging: everything goes to the standard ``trigger_client`` logger; this module only offers a
convenience to print it. Request and retry lines are DEBUG, retries and hook failures WARNING; no secret is
ever logged (URLs are redacted, headers are not logged, and httpx/httpcore lines lose their tokens).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from ._exceptions import ValidationError

ENV_LOG = "TRIGGER_CLIENT_LOG"
"""Set to ``debug``, ``info`` or ``warning`` to print the client's log lines to stderr."""

_HANDLER_NAME = "trigger_client.stderr"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def configure_logging(
    setting: bool | str | Mapping[str, Any] | None, environ: Mapping[str, str] | None = None
) -> None:
    """Print the ``trigger_client`` logger to stderr at a level, when asked.

    Args:
        setting: None (leave logging to the application, unless ``TRIGGER_CLIENT_LOG`` is set), False
            (leave it), True (``info``), a level name, or ``{"enabled": bool, "level": "debug"}``.

    Raises:
        ValidationError: an unknown level name or option.
    """
    env = os.environ if environ is None else environ
    if setting is None:
        setting = env.get(ENV_LOG) or None
    if setting is None or setting is False:
        return
    if setting is True:
        level_name = "info"
    elif isinstance(setting, str):
        level_name = setting
    elif isinstance(setting, Mapping):
        unknown = set(setting) - {"enabled", "level"}
        if unknown:
            raise ValidationError(f"unknown logging option(s): {', '.join(sorted(unknown))}", field="logging")
        if not setting.get("enabled", True):
            return
        level_name = str(setting.get("level", "info"))
    else:
        raise ValidationError(
            f"logging must be a bool, a level name or a mapping, got {setting!r}", field="logging"
        )
    level = _LEVELS.get(level_name.strip().lower())
    if level is None:
        raise ValidationError(
            f"unknown log level {level_name!r}: use one of {', '.join(_LEVELS)}", field="logging"
        )
    logger = logging.getLogger("trigger_client")
    logger.setLevel(level)
    if not any(handler.get_name() == _HANDLER_NAME for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
