"""Handing every error a client raises to its ``error_hook`` (once per error), before it is raised."""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ._exceptions import TriggerError

if TYPE_CHECKING:
    from ._config import ClientConfig

logger = logging.getLogger("trigger_client")

C = TypeVar("C", bound=type)


def report_error(config: ClientConfig, error: TriggerError) -> None:
    """Hand ``error`` to the client's error hook once (its own exceptions are logged and swallowed).

    An error raised ``from None`` also loses the exception it replaced (``__context__``): that one (an
    httpx error with its request, a redis-py error quoting its command) may hold a key or a stored value.
    """
    if error.__suppress_context__:
        error.__context__ = None
    if config.error_hook is None or error._reported:
        return
    error._reported = True
    try:
        config.error_hook(error)
    except Exception as exc:
        logger.warning("the error hook raised %s: %s (ignored)", type(exc).__name__, exc)


def reports_errors(cls: C) -> C:
    """Class decorator for resources (objects with a ``_client``): each public method hands the
    :class:`TriggerError` it raises — input refused before sending included — to the error hook."""
    for name, function in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(function):
            setattr(cls, name, _reporting(function))
    return cls


def _reporting(function: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def reporting_coroutine(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await function(self, *args, **kwargs)
            except TriggerError as error:
                report_error(self._client._config, error)
                raise

        return reporting_coroutine

    @functools.wraps(function)
    def reporting(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(self, *args, **kwargs)
        except TriggerError as error:
            report_error(self._client._config, error)
            raise

    return reporting
