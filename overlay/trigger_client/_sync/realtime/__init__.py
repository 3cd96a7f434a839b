"""GENERATED from ../_async by scripts/generate (unasync): do not edit.

Realtime: live subscriptions to runs, tags and batches over the Electric shape protocol."""
