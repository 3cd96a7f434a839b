"""The README's endpoint tables list exactly the operations of the generated package, and the realtime
requests the client builds by hand."""

from __future__ import annotations

import importlib
import pathlib
import pkgutil
import re

import trigger_api.api
from trigger_client._realtime_routes import HAND_BUILT_ROUTES

README = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text()
ROW = re.compile(r"^\| `([A-Z]+ /[^`]+)` \| (.+) \|$", flags=re.MULTILINE)


def generated_routes() -> set[str]:
    routes = set()
    for tag in pkgutil.iter_modules(trigger_api.api.__path__):
        package = importlib.import_module(f"trigger_api.api.{tag.name}")
        for operation in pkgutil.iter_modules(package.__path__):
            routes.add(importlib.import_module(f"{package.__name__}.{operation.name}").ROUTE)
    return routes


def table_after(heading: str) -> dict[str, str]:
    """The rows of the first table after ``heading`` (up to the next blank line after it)."""
    start = README.index(heading)
    table = README[start:].split("\n| ", 1)[1].split("\n\n", 1)[0]
    return dict(ROW.findall("| " + table))


def test_every_operation_is_in_the_readme_table_with_a_method() -> None:
    rows = table_after("| Endpoint | Method |")
    assert set(rows) == generated_routes()
    assert all(method.startswith("`client.") for method in rows.values())


def test_every_hand_built_realtime_request_is_in_its_table() -> None:
    rows = table_after("| Realtime endpoint | Method |")
    assert set(rows) == set(HAND_BUILT_ROUTES)
    assert all(method.startswith("`client.") for method in rows.values())
    assert set(dict(ROW.findall(README))) == generated_routes() | set(HAND_BUILT_ROUTES)
