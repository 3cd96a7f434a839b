"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

One module per API resource: ``client.tasks``, ``client.runs``, ``client.batch``."""
