"""Every public function, class and method has a docstring (arguments, units, errors, endpoint)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest

import trigger_client
import trigger_client.emulator
from trigger_client import AsyncTriggerClient, TriggerClient

ENDPOINT_METHODS = {
    "tasks": ["trigger", "batch_trigger"],
    "runs": ["list", "retrieve", "poll", "cancel", "replay", "reschedule"],
    "batch": ["retrieve"],
    "schedules": ["create", "list", "retrieve", "update", "delete", "activate", "deactivate", "timezones"],
    "env_vars": ["list", "create", "retrieve", "update", "delete", "import_variables", "import_dotenv"],
    "queues": [
        "list",
        "retrieve",
        "pause",
        "resume",
        "override_concurrency_limit",
        "reset_concurrency_limit",
    ],
    "deployments": ["list", "current", "retrieve", "latest", "promote"],
    "bulk_actions": ["cancel", "replay", "list", "retrieve", "abort", "poll"],
    "waitpoints": [
        "create_token",
        "list_tokens",
        "retrieve_token",
        "complete_token",
        "complete_token_via_callback",
    ],
    "concurrency_limits": [
        "list",
        "retrieve",
        "retrieve_key",
        "override",
        "override_key",
        "reset",
        "reset_key",
        "pause",
        "resume",
    ],
}


def public_objects() -> Iterator[tuple[str, Any]]:
    for module in (trigger_client, trigger_client.emulator):
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                yield f"{module.__name__}.{name}", value
                if inspect.isclass(value) and value.__module__.startswith("trigger_client"):
                    for attr, member in vars(value).items():
                        if not attr.startswith("_") and (
                            inspect.isfunction(member) or isinstance(member, property)
                        ):
                            yield f"{module.__name__}.{name}.{attr}", member


@pytest.mark.parametrize(
    ("name", "value"), list(public_objects()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_public_objects_have_docstrings(name: str, value: Any) -> None:
    assert (inspect.getdoc(value) or "").strip(), f"{name} has no docstring"


@pytest.mark.parametrize("client_class", [TriggerClient, AsyncTriggerClient])
def test_resource_methods_name_their_endpoint_and_errors(client_class: type) -> None:
    client = client_class("tr_dev_docs", base_url="http://localhost:1")
    for resource, methods in ENDPOINT_METHODS.items():
        for method in methods:
            doc = inspect.getdoc(getattr(getattr(client, resource), method)) or ""
            assert "/api/" in doc, f"{resource}.{method} does not name its endpoint"
            assert "Raises:" in doc or "Returns:" in doc, f"{resource}.{method} lacks Returns/Raises"
