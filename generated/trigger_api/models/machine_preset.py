from enum import StrEnum
from typing import cast


class MachinePreset(StrEnum):
    """Values known when this client was generated; the server may send others, which are accepted."""

    LARGE_1X = "large-1x"
    LARGE_2X = "large-2x"
    MEDIUM_1X = "medium-1x"
    MEDIUM_2X = "medium-2x"
    MICRO = "micro"
    SMALL_1X = "small-1x"
    SMALL_2X = "small-2x"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "MachinePreset | None":
        """Turn a value this client does not know into a member made on demand, so parsing never fails."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return cast("MachinePreset", cls._value2member_map_.setdefault(value, member))
