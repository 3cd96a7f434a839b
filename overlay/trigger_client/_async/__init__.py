"""The client implementation. ``_async`` is written by hand; ``_sync`` is generated from it by
``scripts/generate`` (unasync), so both behave the same."""
