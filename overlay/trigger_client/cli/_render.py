"""How the CLI shows runs: status colours, tables and details (rich). Never prints credentials."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from trigger_api.models.list_run_item import ListRunItem
from trigger_api.models.retrieve_run_response import RetrieveRunResponse
from trigger_api.types import Unset

STATUS_STYLES = {
    "COMPLETED": "green",
    "FAILED": "red",
    "CRASHED": "red",
    "SYSTEM_FAILURE": "red",
    "TIMED_OUT": "red",
    "EXPIRED": "yellow",
    "CANCELED": "yellow",
    "EXECUTING": "cyan",
    "DEQUEUED": "cyan",
    "WAITING": "blue",
    "QUEUED": "white",
    "DELAYED": "magenta",
    "PENDING_VERSION": "magenta",
}


def status_text(status: object) -> str:
    """The status as rich markup in its colour (unknown statuses in bold); the name itself is escaped."""
    name = str(status)
    return f"[{STATUS_STYLES.get(name, 'bold')}]{escape(name)}[/]"


def optional(value: Any) -> Any:
    """None for the generated package's UNSET marker, the value otherwise."""
    return None if isinstance(value, Unset) else value


def when(value: Any, fmt: str = "%Y-%m-%d %H:%M:%SZ") -> str:
    """A datetime in UTC formatted with ``fmt`` (default ISO-like, seconds precision), or an empty string."""
    value = optional(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime(fmt)
    return ""


def compact_json(value: Any, limit: int = 60) -> str:
    """A JSON value on one line, shortened to ``limit`` characters."""
    value = optional(value)
    if value is None:
        return ""
    text = json.dumps(value, default=str, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def runs_table(runs: Iterable[ListRunItem | RetrieveRunResponse], title: str | None = None) -> Table:
    """A table of runs: id, task, status, creation time (``runs get`` shows the rest)."""
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Run", no_wrap=True)  # ids are for copying: never cut
    table.add_column("Task", no_wrap=True, overflow="ellipsis")
    table.add_column("Status", no_wrap=True)
    table.add_column("Created UTC", no_wrap=True)
    for run in runs:
        table.add_row(
            Text(run.id),
            Text(run.task_identifier),
            status_text(run.status),
            when(run.created_at, "%m-%d %H:%M:%S"),
        )
    return table


def print_run(console: Console, run: RetrieveRunResponse) -> None:
    """Every field of a run worth reading, one per line."""
    error = optional(run.error)
    rows: list[tuple[str, str]] = [
        ("Run", run.id),
        ("Task", run.task_identifier),
        ("Status", status_text(run.status)),
        ("Created", when(run.created_at)),
        ("Started", when(run.started_at)),
        ("Finished", when(run.finished_at)),
        ("Attempts", str(optional(run.attempt_count) or "")),
        ("Tags", ", ".join(run.tags)),
        ("Payload", compact_json(run.payload, 200)),
        ("Output", compact_json(run.output, 200)),
        ("Error", error_text(error) if error is not None else ""),
    ]
    for name, value in rows:
        if value:
            line = Text.from_markup(f"[bold]{name:<9}[/] ")
            line.append_text(Text.from_markup(value) if name == "Status" else Text(value))
            console.print(line, highlight=False)


def error_text(error: Any) -> str:
    """A run error as ``Name: message`` (the name says what kind of exception the task raised)."""
    name = optional(error.name)
    return f"{name}: {error.message}" if name else str(error.message)


def to_json(value: Any) -> str:
    """A generated model (or a list of them) as indented JSON for ``--json`` output."""
    if isinstance(value, list):
        return json.dumps([item.to_dict() for item in value], indent=2, default=str)
    return json.dumps(value.to_dict(), indent=2, default=str)
