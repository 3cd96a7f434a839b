"""The realtime requests the client builds by hand (they are not in the OpenAPI description, so not among
the generated operations): ``METHOD path-template``, as the generated operations' ``ROUTE`` constants."""

from __future__ import annotations

__all__ = [
    "BATCH_FEED",
    "HAND_BUILT_ROUTES",
    "INPUT_STREAM",
    "RUN_EVENTS",
    "RUN_FEED",
    "RUN_STREAM",
    "TAG_FEED",
]

RUN_FEED = "GET /realtime/v1/runs/{runId}"
TAG_FEED = "GET /realtime/v1/runs"
BATCH_FEED = "GET /realtime/v1/batches/{batchId}"
RUN_STREAM = "GET /realtime/v1/streams/{runId}/{streamKey}"
INPUT_STREAM = "POST /realtime/v1/streams/{runId}/input/{streamId}"
RUN_EVENTS = "GET /api/v1/runs/{runId}/events"

HAND_BUILT_ROUTES = (RUN_FEED, TAG_FEED, BATCH_FEED, RUN_STREAM, INPUT_STREAM, RUN_EVENTS)


def template(route: str) -> str:
    """The path template of a route (``/realtime/v1/runs/{runId}``), as metrics name it."""
    return route.split(" ", 1)[1]
