"""The emulator's control API under ``/__emulator/`` (no authentication; for tests and other languages).

Routes:

* ``GET /__emulator/requests`` — the recorded requests (body as UTF-8 text); ``DELETE`` clears them.
* ``POST /__emulator/faults`` — add a fault rule (a JSON object with the fields of
  ``Emulator.faults.add``, or a list of them) → 201 with the rule(s), or 400 (and no rule added) when
  any is invalid, such as a ``status`` outside 200–599; ``GET`` lists the rules; ``DELETE`` removes them
  all.
* ``POST /__emulator/advance`` ``{"seconds": n}`` — move the virtual clock forward (``n`` from 0 to 100
  years; anything else, or a clock over 1,000 years ahead, is 400); schedules whose time has come trigger
  their runs before it answers.
* ``POST /__emulator/runs/{runId}/status`` ``{"status": "…"}`` — force a run's status.
* ``POST /__emulator/realtime`` ``{"holdSeconds": n}`` — how long live realtime requests are held (n > 0);
  ``POST /__emulator/realtime/restart`` — act as a realtime restart (held polls cut, handles stale).
* ``POST /__emulator/reset`` — drop runs, batches, schedules, faults and recorded requests (registered
  tasks stay).
* ``GET /__emulator/health`` — ``{"ok": true, "tasks": [...], "clockOffsetSeconds": n}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ._app import json_response


class Controls(Protocol):
    """The emulator operations the control API exposes."""

    def control_requests(self) -> list[dict[str, Any]]:
        """The recorded requests as JSON objects."""

    def clear_requests(self) -> None:
        """Forget the recorded requests."""

    def control_faults(self) -> list[dict[str, Any]]:
        """The fault rules as JSON objects."""

    def control_add_fault(self, spec: dict[str, Any]) -> dict[str, Any]:
        """Add a fault rule from its JSON form; return the rule as JSON (ValueError if invalid)."""

    def control_add_faults(self, specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add fault rules from their JSON forms, all or none (ValueError if any is invalid)."""

    def control_clear_faults(self) -> int:
        """Remove every fault rule; return how many there were."""

    def advance(self, seconds: float) -> None:
        """Move the virtual clock forward."""

    def set_run_status(self, run_id: str, status: str) -> None:
        """Force a run's status (KeyError for an unknown run)."""

    def control_reset(self) -> None:
        """Reset everything but the registered tasks."""

    def restart_realtime(self) -> None:
        """Act as a restart of the realtime service."""

    @property
    def realtime_hold_s(self) -> float:
        """Seconds a live realtime request is held."""

    @realtime_hold_s.setter
    def realtime_hold_s(self, seconds: float) -> None: ...

    def control_health(self) -> dict[str, Any]:
        """A short description of the emulator's state."""


async def _json(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"the body is not JSON: {exc}") from exc


def build_control_app(controls: Controls) -> Starlette:
    """Build the Starlette application serving ``/__emulator/*``.

    Args:
        controls: the emulator whose state the routes read and change.

    Returns:
        The application.
    """

    def guarded(handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            try:
                result: Response = await handler(request)
                return result
            except (ValueError, TypeError) as exc:
                return json_response(400, {"error": str(exc)})
            except KeyError as exc:
                return json_response(404, {"error": str(exc.args[0]) if exc.args else "Not found"})

        return endpoint

    async def get_requests(request: Request) -> Response:
        return json_response(200, controls.control_requests())

    async def delete_requests(request: Request) -> Response:
        controls.clear_requests()
        return json_response(200, {"cleared": True})

    async def get_faults(request: Request) -> Response:
        return json_response(200, controls.control_faults())

    async def post_faults(request: Request) -> Response:
        spec = await _json(request)
        if isinstance(spec, list):
            return json_response(201, controls.control_add_faults(spec))
        if not isinstance(spec, dict):
            raise ValueError("send a JSON object (or a list of them) with at least an 'action'")
        return json_response(201, controls.control_add_fault(spec))

    async def delete_faults(request: Request) -> Response:
        return json_response(200, {"cleared": controls.control_clear_faults()})

    async def advance(request: Request) -> Response:
        spec = await _json(request)
        seconds = spec.get("seconds") if isinstance(spec, dict) else None
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            raise ValueError('send {"seconds": <number>}')
        controls.advance(seconds)
        return json_response(200, controls.control_health())

    async def run_status(request: Request) -> Response:
        spec = await _json(request)
        status = spec.get("status") if isinstance(spec, dict) else None
        if not isinstance(status, str) or not status:
            raise ValueError('send {"status": "<status>"}')
        controls.set_run_status(request.path_params["run_id"], status)
        return json_response(200, {"id": request.path_params["run_id"], "status": status})

    async def realtime(request: Request) -> Response:
        spec = await _json(request)
        seconds = spec.get("holdSeconds") if isinstance(spec, dict) else None
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not seconds > 0:
            raise ValueError('send {"holdSeconds": <positive number>}')
        controls.realtime_hold_s = float(seconds)
        return json_response(200, {"holdSeconds": controls.realtime_hold_s})

    async def restart_realtime(request: Request) -> Response:
        controls.restart_realtime()
        return json_response(200, {"restarted": True})

    async def reset(request: Request) -> Response:
        controls.control_reset()
        return json_response(200, {"reset": True})

    async def health(request: Request) -> Response:
        return json_response(200, controls.control_health())

    async def not_found(request: Request, exc: Exception) -> Response:
        return json_response(404, {"error": "Not found"})

    return Starlette(
        routes=[
            Route("/__emulator/requests", guarded(get_requests), methods=["GET"]),
            Route("/__emulator/requests", guarded(delete_requests), methods=["DELETE"]),
            Route("/__emulator/faults", guarded(get_faults), methods=["GET"]),
            Route("/__emulator/faults", guarded(post_faults), methods=["POST"]),
            Route("/__emulator/faults", guarded(delete_faults), methods=["DELETE"]),
            Route("/__emulator/advance", guarded(advance), methods=["POST"]),
            Route("/__emulator/runs/{run_id}/status", guarded(run_status), methods=["POST"]),
            Route("/__emulator/realtime", guarded(realtime), methods=["POST"]),
            Route("/__emulator/realtime/restart", guarded(restart_realtime), methods=["POST"]),
            Route("/__emulator/reset", guarded(reset), methods=["POST"]),
            Route("/__emulator/health", guarded(health), methods=["GET"]),
        ],
        exception_handlers={404: not_found},
    )
