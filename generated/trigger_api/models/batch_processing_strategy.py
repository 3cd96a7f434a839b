from enum import StrEnum
from typing import cast


class BatchProcessingStrategy(StrEnum):
    """Values known when this client was generated; the server may send others, which are accepted."""

    PARALLEL = "parallel"
    SEQUENTIAL = "sequential"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "BatchProcessingStrategy | None":
        """Turn a value this client does not know into a member made on demand, so parsing never fails."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return cast(
            "BatchProcessingStrategy", cls._value2member_map_.setdefault(value, member)
        )
