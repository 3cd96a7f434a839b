"""Settings of realtime subscriptions (shared by the sync and async clients)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._exceptions import ValidationError

__all__ = ["RealtimeOptions"]


def _positive(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValidationError(
            f"{attribute.name} must be a positive number, got {value!r}", field=attribute.name
        )


def _count(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"{attribute.name} must be an int >= 0, got {value!r}", field=attribute.name)


@attrs.frozen
class RealtimeOptions:
    """How a subscription stays connected. Seconds throughout.

    Attributes:
        reconnect_interval_s: Wait before the first reconnect; it doubles on each further failure.
        max_reconnect_interval_s: The longest wait between reconnects.
        max_reconnect_attempts: Failed requests in a row (dropped connections, timeouts, 5xx, 429) after
            which the last error is raised; a successful answer resets the count.
        connect_timeout_s: Time to open a connection.
        buffer_size: How many updates not yet consumed may wait before the subscription stops reading
            ahead. 0 (the default) reads nothing ahead: the next request is sent when the consumer asks for
            an update. With a size, the next request is sent in the background while fewer updates than
            that wait (one answer can take it over the size; nothing is ever dropped).
        idle_timeout_s: How long an open request may stay silent before the subscription reconnects. The
            server holds a live request for about 20 s (up to 23 s) when nothing changes.
    """

    reconnect_interval_s: float = attrs.field(default=0.1, validator=_positive)
    max_reconnect_interval_s: float = attrs.field(default=10.0, validator=_positive)
    max_reconnect_attempts: int = attrs.field(default=10, validator=_count)
    connect_timeout_s: float = attrs.field(default=10.0, validator=_positive)
    idle_timeout_s: float = attrs.field(default=40.0, validator=_positive)
    buffer_size: int = attrs.field(default=0, validator=_count)

    @classmethod
    def coerce(cls, value: RealtimeOptions | Mapping[str, Any] | None) -> RealtimeOptions:
        """Accept None (defaults), a :class:`RealtimeOptions`, or a mapping of its names."""
        if value is None:
            return cls()
        if isinstance(value, RealtimeOptions):
            return value
        if isinstance(value, Mapping):
            unknown = set(value) - {a.name for a in attrs.fields(cls)}
            if unknown:
                raise ValidationError(
                    f"unknown realtime option(s): {', '.join(sorted(unknown))}", field="realtime"
                )
            return cls(**value)
        raise ValidationError(
            f"realtime must be RealtimeOptions or a mapping, got {value!r}", field="realtime"
        )

    def reconnect_wait_s(self, failures: int) -> float:
        """The wait before reconnect number ``failures`` (from 1)."""
        return min(self.max_reconnect_interval_s, self.reconnect_interval_s * 2.0 ** (failures - 1))
