"""The tool definitions the model APIs take, built from a tool's name, description, parameters schema and
display options: OpenAI Chat Completions ``tools``, Anthropic Messages ``tools``, and MCP ``Tool``.

Each export is a new dict (the schema deep-copied), so changing it does not change the tool.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

__all__ = ["MCP_ANNOTATIONS", "anthropic_tool", "mcp_tool", "openai_tool"]

MCP_ANNOTATIONS: Mapping[str, str] = {
    "title": "title",
    "read_only": "readOnlyHint",
    "destructive": "destructiveHint",
    "idempotent": "idempotentHint",
    "open_world": "openWorldHint",
}
"""The display options and the MCP ``ToolAnnotations`` field each becomes."""


def openai_tool(
    name: str, description: str, parameters: Mapping[str, Any], *, strict: bool | None = None
) -> dict[str, Any]:
    """An OpenAI Chat Completions tool: ``{"type": "function", "function": {"name", "description",
    "parameters"}}``, with ``"strict"`` in ``function`` only when ``strict`` is given (strict mode needs
    every property required and ``"additionalProperties": false``; the schema is sent as it is)."""
    function: dict[str, Any] = {
        "name": name,
        "description": description,
        "parameters": copy.deepcopy(dict(parameters)),
    }
    if strict is not None:
        function["strict"] = strict
    return {"type": "function", "function": function}


def anthropic_tool(name: str, description: str, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """An Anthropic Messages API client tool: ``{"name", "description", "input_schema"}``."""
    return {"name": name, "description": description, "input_schema": copy.deepcopy(dict(parameters))}


def mcp_tool(
    name: str,
    description: str,
    parameters: Mapping[str, Any],
    display_options: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """An MCP ``Tool`` (as ``tools/list`` answers it): ``{"name", "description", "inputSchema"}``, plus
    ``"title"`` and ``"annotations"`` from the display options: ``title`` becomes the tool's ``title``
    and ``annotations.title``; ``read_only``, ``destructive``, ``idempotent`` and ``open_world`` become
    the ``readOnlyHint``, ``destructiveHint``, ``idempotentHint`` and ``openWorldHint`` annotations. Options
    not given are left out (MCP clients then assume the spec's defaults)."""
    tool: dict[str, Any] = {
        "name": name,
        "description": description,
        "inputSchema": copy.deepcopy(dict(parameters)),
    }
    options = display_options or {}
    if "title" in options:
        tool["title"] = options["title"]
    annotations = {MCP_ANNOTATIONS[key]: value for key, value in options.items() if key in MCP_ANNOTATIONS}
    if annotations:
        tool["annotations"] = annotations
    return tool
