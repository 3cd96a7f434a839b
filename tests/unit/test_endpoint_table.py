"""The README's endpoint table lists exactly the operations of the generated package."""

from __future__ import annotations

import importlib
import pathlib
import pkgutil
import re

import trigger_api.api

README = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text()


def generated_routes() -> set[str]:
    routes = set()
    for tag in pkgutil.iter_modules(trigger_api.api.__path__):
        package = importlib.import_module(f"trigger_api.api.{tag.name}")
        for operation in pkgutil.iter_modules(package.__path__):
            routes.add(importlib.import_module(f"{package.__name__}.{operation.name}").ROUTE)
    return routes


def test_every_operation_is_in_the_readme_table_with_a_method() -> None:
    rows = dict(re.findall(r"^\| `([A-Z]+ /[^`]+)` \| (.+) \|$", README, flags=re.MULTILINE))
    assert set(rows) == generated_routes()
    assert all(method.startswith("`client.") for method in rows.values())
