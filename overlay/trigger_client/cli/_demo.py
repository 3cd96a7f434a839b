"""The demo: real work on the embedded emulator, over real HTTP, followed to completion.

It starts the emulator, registers sample tasks (some succeed, one fails, one succeeds after a retry),
triggers single runs and a batch with ``TriggerClient``, follows every run live with realtime
subscriptions (``subscribe_to_run`` for the single runs, ``subscribe_to_batch`` for the batch: no
polling), and prints a summary. It exits 0 when every run reached the final status its task is designed
to reach.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from trigger_api.models.retrieve_run_response import RetrieveRunResponse

from .._cancellation import create_cancellable_request
from .._exceptions import RequestCancelledError
from .._realtime_rows import RealtimeRun
from .._sync._client import TriggerClient
from .._trigger_options import BatchItem
from ..emulator import Emulator, TaskContext
from ._render import compact_json, error_text, optional, status_text

EXPECTED = {
    "send-welcome-email": "COMPLETED",
    "sync-crm": "COMPLETED",
    "charge-card": "FAILED",
    "resize-image": "COMPLETED",
}
"""The final status each sample task is built to reach."""

DEMO_TASKS = {
    "send-welcome-email": '{"to": "ada@example.com"}',
    "sync-crm": '{"contacts": 42}',
    "charge-card": '{"card": "4000000000000002"}',
    "resize-image": '{"image": "photo.jpg", "width": 800}',
}
"""The sample tasks and an example payload of each (every field is optional)."""

FOLLOW_TIMEOUT_S = 60.0


WELCOME_EMAIL_SCHEMA = {
    "type": "object",
    "properties": {"to": {"type": "string", "format": "email"}},
    "required": ["to"],
}
"""The payload schema of ``send-welcome-email``, as ``schemaTask`` declares one (the worker reports it)."""


def register_demo_tasks(emu: Emulator) -> None:
    """Register the sample tasks on ``emu``: two succeed, one always fails, one succeeds on its retry;
    ``send-welcome-email`` declares its payload schema, and ``nightly-report`` is a scheduled task."""

    @emu.task("send-welcome-email", payload_schema=WELCOME_EMAIL_SCHEMA)
    def send_welcome_email(payload: Any) -> dict[str, Any]:
        time.sleep(0.3)
        return {"delivered": True, "to": _field(payload, "to", "someone@example.com")}

    @emu.task("sync-crm", max_attempts=3)
    def sync_crm(payload: Any, ctx: TaskContext) -> dict[str, Any]:
        time.sleep(0.2)
        if ctx.attempt == 1:
            raise ConnectionError("CRM did not answer (the first attempt always fails)")
        return {"synced": _field(payload, "contacts", 0), "attempt": ctx.attempt}

    @emu.task("charge-card", max_attempts=2)
    def charge_card(payload: Any) -> dict[str, Any]:
        time.sleep(0.2)
        raise ValueError(f"card ending {str(_field(payload, 'card', '0000'))[-4:]} was declined")

    @emu.task("resize-image")
    def resize_image(payload: Any, ctx: TaskContext) -> dict[str, Any]:
        for step in range(1, 5):
            time.sleep(0.15 + 0.05 * (int(_field(payload, "n", 0)) % 4))
            ctx.metadata["progress"] = step / 4
            ctx.stream().append({"step": step, "of": 4})  # the run's output stream (runs.get_stream)
        image, width = str(_field(payload, "image", "image.jpg")), _field(payload, "width", 800)
        return {"thumbnail": image.replace(".jpg", f"-{width}w.jpg")}

    @emu.task("nightly-report", scheduled=True)
    def nightly_report(payload: Any) -> dict[str, Any]:
        return {"for": _field(payload, "timestamp", None), "external_id": _field(payload, "externalId", None)}


def _field(payload: Any, name: str, default: Any) -> Any:
    """A field of a mapping payload, or ``default`` (the sample tasks accept any payload)."""
    return payload.get(name, default) if isinstance(payload, dict) else default


def run_demo(console: Console, *, batch_size: int = 8) -> int:
    """Run the demo; return the exit status (0 when every run ended as designed)."""
    console.rule("[bold]trigger-rest-client demo[/]")
    with Emulator() as emu:
        register_demo_tasks(emu)
        console.print(f"Emulator (a local Trigger.dev server) on [bold]{emu.url}[/]")
        with TriggerClient(emu.api_key, base_url=emu.url) as client:
            single_ids, batch_id, batch_ids = _trigger_all(console, client, batch_size)
            _follow(console, client, single_ids, batch_id, batch_ids)
            # One last read of each run for the summary (attempt counts are not in the realtime rows).
            runs = {run_id: client.runs.retrieve(run_id) for run_id in [*single_ids, *batch_ids]}
    return _summarise(console, runs)


def _trigger_all(
    console: Console, client: TriggerClient, batch_size: int
) -> tuple[list[str], str, list[str]]:
    singles = [
        client.tasks.trigger("send-welcome-email", {"to": "ada@example.com"}, tags=["demo", "user:ada"]),
        client.tasks.trigger("sync-crm", {"contacts": 42}, tags=["demo"], metadata={"source": "cli-demo"}),
        client.tasks.trigger("charge-card", {"card": "4000000000000002", "amount": 1999}, tags=["demo"]),
    ]
    for handle in singles:
        console.print(f"Triggered [bold]{handle.id}[/] ({handle.task_identifier})")
    items = [
        BatchItem(
            "resize-image", {"image": f"photo-{n}.jpg", "width": 800, "n": n}, {"tags": ["demo", "batch"]}
        )
        for n in range(batch_size)
    ]
    result = client.tasks.batch_trigger(items)
    batch = client.batch.retrieve(result.id)
    console.print(f"Triggered batch [bold]{result.id}[/] with {batch.run_count} runs of resize-image")
    return [handle.id for handle in singles], result.id, list(batch.runs)


def _follow(
    console: Console, client: TriggerClient, single_ids: list[str], batch_id: str, batch_ids: list[str]
) -> dict[str, RealtimeRun]:
    """Follow the runs live with realtime subscriptions: each single run to its end, then the batch until
    every run of it has ended; the progress bar and the status table change with every update."""
    run_ids = [*single_ids, *batch_ids]
    runs: dict[str, RealtimeRun] = {}
    progress = Progress(
        TextColumn("[bold]Runs finished"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )
    bar = progress.add_task("runs", total=len(run_ids))
    token, cancel = create_cancellable_request()
    timer = threading.Timer(FOLLOW_TIMEOUT_S, cancel, ("the demo ran out of time",))
    timer.daemon = True
    timer.start()
    options = {"cancel_token": token}
    with Live(Group(progress, _status_table(run_ids, runs)), console=console, refresh_per_second=8) as live:

        def show(run: RealtimeRun) -> None:
            runs[run.id] = run
            progress.update(bar, completed=sum(1 for seen in runs.values() if seen.is_final))
            live.update(Group(progress, _status_table(run_ids, runs)))

        try:
            for run_id in single_ids:
                with client.runs.subscribe_to_run(run_id, request_options=options) as updates:
                    for run in updates:
                        show(run)
            with client.runs.subscribe_to_batch(batch_id, request_options=options) as feed:
                for state in feed:
                    for run in state.runs:
                        show(run)
                    if state.total == len(batch_ids) and state.is_completed:
                        break
        except RequestCancelledError:
            console.print(f"[red]Stopped following after {FOLLOW_TIMEOUT_S:g} s.[/]")
        finally:
            timer.cancel()
    return runs


def _status_table(run_ids: list[str], runs: dict[str, RealtimeRun]) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column("Run")
    table.add_column("Task")
    table.add_column("Status")
    table.add_column("Progress", justify="right", min_width=8)
    for run_id in run_ids:
        run = runs.get(run_id)
        if run is None:
            table.add_row(Text(run_id), "", "…", "")
            continue
        share = run.progress
        table.add_row(
            Text(run_id),
            Text(run.task_identifier),
            status_text(run.status),
            f"{share:.0%}" if share is not None else "",
        )
    return table


def _summarise(console: Console, runs: dict[str, RetrieveRunResponse]) -> int:
    """A table per task (runs, final statuses, attempts, a result); return 0 when all ended as designed."""
    by_task: dict[str, list[RetrieveRunResponse]] = {}
    for run in runs.values():
        by_task.setdefault(run.task_identifier, []).append(run)
    table = Table(title="Summary", box=box.SIMPLE_HEAD)
    table.add_column("Task", no_wrap=True)
    table.add_column("Runs", justify="right", min_width=4)
    table.add_column("Final status", no_wrap=True)
    table.add_column("Attempts", justify="right", min_width=8)
    table.add_column("Result (first run)", overflow="ellipsis", no_wrap=True, max_width=24)
    for task, task_runs in by_task.items():
        statuses = sorted({str(run.status) for run in task_runs})
        attempts = sorted({optional(run.attempt_count) or 0 for run in task_runs})
        first = task_runs[0]
        error = optional(first.error)
        result = (
            compact_json(first.output, 24)
            if str(first.status) == "COMPLETED"
            else (error_text(error) if error else "")
        )
        table.add_row(
            Text(task),
            str(len(task_runs)),
            ", ".join(status_text(s) for s in statuses),
            ", ".join(map(str, attempts)),
            Text(result),
        )
    console.print()
    console.print(table)
    unexpected = [run for run in runs.values() if str(run.status) != EXPECTED.get(run.task_identifier)]
    completed = sum(1 for run in runs.values() if str(run.status) == "COMPLETED")
    failed = sum(1 for run in runs.values() if str(run.status) == "FAILED")
    console.print(f"{len(runs)} runs: {completed} completed, {failed} failed (charge-card fails by design).")
    for run in unexpected:
        expected = EXPECTED.get(run.task_identifier)
        console.print(f"[red]{run.id} ({run.task_identifier}) ended {run.status}, expected {expected}[/]")
    if unexpected:
        return 1
    console.print("[green]Every run reached its expected final status.[/]")
    return 0
