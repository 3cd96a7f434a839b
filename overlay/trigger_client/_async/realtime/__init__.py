"""Realtime: live subscriptions to runs, tags and batches over the Electric shape protocol."""
