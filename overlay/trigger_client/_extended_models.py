"""Generated models extended with what the client adds (run counts, local annotations): a copy of the
server's model as a subclass with extra fields. No I/O."""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["extend_model"]

T = TypeVar("T")


def extend_model(cls: type[T], model: Any, **extra: Any) -> T:
    """``model`` (a generated attrs model) as ``cls`` (an attrs subclass of its class), every field and
    additional property of the server's answer kept, and the keyword-only fields ``extra`` set.

    Args:
        cls: The subclass, whose fields beyond the model's are keyword-only.
        model: An instance of a generated model.
        **extra: The values of the subclass's own fields.

    Returns:
        A new ``cls`` (``model`` is not changed).
    """
    fields: dict[str, Any] = {
        field.name: getattr(model, field.name)
        for field in attrs.fields(type(model))
        if field.init and field.name not in extra
    }
    made = cls(**fields, **extra)
    made.additional_properties = dict(model.additional_properties)  # type: ignore[attr-defined]
    return made
