"""The commands of ``trigger-client``: demo, emulator, tasks trigger, runs list/get/cancel/watch, batch
watch.

Commands that talk to a server take ``--api-url`` (``TRIGGER_API_URL``), ``--api-key``
(``TRIGGER_SECRET_KEY``) and ``--branch`` (``TRIGGER_PREVIEW_BRANCH``); they work against Trigger.dev
cloud, a self-hosted instance or the emulator. The key is never printed.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import pathlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from .._exceptions import TriggerError, ValidationError
from .._sync._client import TriggerClient
from .._version import __version__
from ._render import print_run, runs_table, status_text, to_json

console = Console()
err_console = Console(stderr=True)

app = typer.Typer(
    help="Trigger and follow Trigger.dev runs from a terminal, or run a local Trigger.dev emulator.",
    no_args_is_help=True,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        console.print(f"trigger-client {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Trigger and follow Trigger.dev runs from a terminal, or run a local Trigger.dev emulator."""


tasks_app = typer.Typer(help="Trigger runs of tasks.", no_args_is_help=True)
runs_app = typer.Typer(help="List, show, cancel and watch runs.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
app.add_typer(runs_app, name="runs")

ApiUrl = Annotated[
    str | None,
    typer.Option("--api-url", envvar="TRIGGER_API_URL", help="Server URL (default: Trigger.dev cloud)."),
]
ApiKey = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        envvar="TRIGGER_SECRET_KEY",
        help="Secret key (tr_dev_…); never printed.",
        show_default=False,
    ),
]
Branch = Annotated[
    str | None, typer.Option("--branch", envvar="TRIGGER_PREVIEW_BRANCH", help="Preview branch name.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


_FLAGS = {"api_key": "--api-key", "base_url": "--api-url", "preview_branch": "--branch", "task_id": "TASK"}


def _fail(message: str, status: int) -> typer.Exit:
    """Print one red error line (server text is escaped, never read as markup) and return the exit."""
    err_console.print(f"[red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(status)


@contextmanager
def _client(api_url: str | None, api_key: str | None, branch: str | None) -> Iterator[TriggerClient]:
    """A client for the command; errors become one red line and exit status 1 (2 for bad input)."""
    if not (api_key or "").strip():
        raise _fail("no API key: pass --api-key or set TRIGGER_SECRET_KEY (a secret key such as tr_dev_…)", 2)
    try:
        with TriggerClient(api_key, base_url=api_url, preview_branch=branch) as client:
            yield client
    except ValidationError as exc:
        flag = _FLAGS.get(exc.field or "", f"--{(exc.field or '').replace('_', '-')}")
        raise _fail(f"invalid {flag}: {exc.message}" if exc.field else exc.message, 2) from None
    except TriggerError as exc:
        raise _fail(exc.message, 1) from None


def _wait_timeout(seconds: float) -> float | None:
    """``--timeout``: seconds above zero, ``inf`` to wait as long as it takes (None)."""
    if seconds == math.inf:
        return None
    if not math.isfinite(seconds) or seconds <= 0:
        raise typer.BadParameter(
            f"must be a number of seconds above zero (or inf), got {seconds}", param_hint="--timeout"
        )
    return seconds


def _payload(text: str | None) -> Any:
    """``--payload``: JSON text, or ``@path`` to read the JSON from a file."""
    if text is None:
        return None
    source = "payload"
    if text.startswith("@"):
        path = pathlib.Path(text[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise typer.BadParameter(f"cannot read {path}: {exc.strerror}", param_hint="--payload") from None
        except UnicodeDecodeError:
            raise typer.BadParameter(f"{path} is not UTF-8 text", param_hint="--payload") from None
        source = str(path)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{source} is not JSON: {exc}", param_hint="--payload") from None
    except RecursionError:
        raise typer.BadParameter(f"{source} is nested too deeply", param_hint="--payload") from None


@app.command()
def demo(
    batch_size: Annotated[int, typer.Option(min=1, max=100, help="Runs in the demo batch.")] = 8,
) -> None:
    """Run the demo: start the embedded emulator, trigger runs and a batch, follow them to the end."""
    from ._demo import run_demo

    raise typer.Exit(run_demo(console, batch_size=batch_size))


@app.command()
def emulator(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 3030,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    demo_tasks: Annotated[
        bool,
        typer.Option(
            "--demo-tasks",
            help="Register the demo tasks: send-welcome-email (with a payload schema), sync-crm, charge-card "
            "(fails), resize-image, and nightly-report (a scheduled task).",
        ),
    ] = False,
) -> None:
    """Serve the Trigger.dev emulator until interrupted (Ctrl-C)."""
    from ..emulator import Emulator
    from ._demo import DEMO_TASKS, register_demo_tasks

    try:
        emu = Emulator(port=port, host=host)
        if demo_tasks:
            register_demo_tasks(emu)
        emu.start()
    except (OSError, ValueError, RuntimeError) as exc:
        raise _fail(f"cannot serve on {host}:{port}: {exc}", 1) from None
    console.print(f"Trigger.dev emulator on [bold]{emu.url}[/] (Ctrl-C to stop). Point clients at it with:")
    console.print(f"  export TRIGGER_API_URL={emu.url}", highlight=False, soft_wrap=True)
    console.print(f"  export TRIGGER_SECRET_KEY={emu.api_key}", highlight=False, soft_wrap=True)
    console.print(
        f"  export TRIGGER_ACCESS_TOKEN={emu.personal_access_token}", highlight=False, soft_wrap=True
    )
    console.print(f"  export TRIGGER_PROJECT_REF={emu.project_ref}", highlight=False, soft_wrap=True)
    console.print("[dim](the emulator's own local key and personal access token, not Trigger.dev secrets)[/]")
    if demo_tasks:
        console.print(
            "Tasks: "
            + ", ".join(f"{task} {example}" for task, example in DEMO_TASKS.items())
            + ", nightly-report (scheduled: client.schedules.create)",
            highlight=False,
        )
    try:
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    finally:
        emu.stop()


@tasks_app.command("trigger")
def tasks_trigger(
    task: Annotated[str, typer.Argument(help="Task identifier.", metavar="TASK")],
    payload: Annotated[str | None, typer.Option(help="JSON payload, or @file.json.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for more).")] = None,
    idempotency_key: Annotated[str | None, typer.Option(help="Idempotency key.")] = None,
    delay: Annotated[str | None, typer.Option(help="Start later, such as 30s or 1h30m.")] = None,
    queue: Annotated[str | None, typer.Option(help="Queue name.")] = None,
    machine: Annotated[str | None, typer.Option(help="Machine preset, such as small-1x.")] = None,
    max_attempts: Annotated[int | None, typer.Option(help="Attempts in all.")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Follow the run until it finishes.")] = False,
    timeout: Annotated[
        float, typer.Option(help="With --wait: give up after this many seconds (inf: no limit).")
    ] = 600.0,
    as_json: AsJson = False,
    api_url: ApiUrl = None,
    api_key: ApiKey = None,
    branch: Branch = None,
) -> None:
    """Trigger a run of TASK; with --wait, follow it and exit 0 only if it COMPLETED."""
    data = _payload(payload)
    wait_s = _wait_timeout(timeout) if wait else None  # checked before the run is made
    with _client(api_url, api_key, branch) as client:
        handle = client.tasks.trigger(
            task,
            data,
            tags=tag or None,
            idempotency_key=idempotency_key,
            delay=delay,
            queue=queue,
            machine=machine,
            max_attempts=max_attempts,
        )
        cached = " (cached)" if handle.is_cached else ""
        label = f"[bold]{escape(handle.id)}[/] of {escape(task)}{cached}"
        if not wait:
            if as_json:
                console.print_json(json.dumps({"id": handle.id, "isCached": handle.is_cached}))
            else:
                console.print(f"Triggered {label}")
            return
        if not as_json:
            console.print(f"Triggered {label}; waiting (Ctrl-C stops waiting, not the run)…")
        with console.status("QUEUED") as status:
            run = client.runs.poll(
                handle.id,
                poll_interval_s=0.5,
                max_poll_interval_s=5,
                timeout_s=wait_s,
                on_poll=lambda r: status.update(f"{escape(handle.id)} {status_text(r.status)}"),
            )
        if as_json:
            console.print_json(to_json(run))
        else:
            print_run(console, run)
        if str(run.status) != "COMPLETED":
            raise typer.Exit(1)


@runs_app.command("list")
def runs_list(
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="A status such as COMPLETED, FAILED, EXECUTING, QUEUED, DELAYED, CANCELED (repeatable).",
        ),
    ] = None,
    task: Annotated[list[str] | None, typer.Option("--task", help="A task identifier (repeat).")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat).")] = None,
    period: Annotated[
        str | None, typer.Option(help="Created within, such as 1h or 30d (server default 7d).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many runs.")] = 20,
    as_json: AsJson = False,
    api_url: ApiUrl = None,
    api_key: ApiKey = None,
    branch: Branch = None,
) -> None:
    """List runs, newest first."""
    with _client(api_url, api_key, branch) as client:
        pager = client.runs.list(
            status=status or None,
            task_identifier=task or None,
            tag=tag or None,
            period=period,
            page_size=min(limit, 100),
        )
        runs = list(itertools.islice(pager, limit))
    if as_json:
        console.print_json(to_json(runs))
    elif not runs:
        console.print("No runs found (without --period the server lists the last 7 days).")
    else:
        console.print(runs_table(runs))


@runs_app.command("get")
def runs_get(
    run_id: Annotated[str, typer.Argument(help="Run id (run_…).", metavar="RUN_ID")],
    as_json: AsJson = False,
    api_url: ApiUrl = None,
    api_key: ApiKey = None,
    branch: Branch = None,
) -> None:
    """Show one run: status, times, payload, output, error."""
    with _client(api_url, api_key, branch) as client:
        # One retry: the server marks every run 404 as retryable (replica lag), which would take ~10 s.
        run = client.runs.retrieve(run_id, request_options={"max_retries": 1})
    if as_json:
        console.print_json(to_json(run))
    else:
        print_run(console, run)


@runs_app.command("cancel")
def runs_cancel(
    run_id: Annotated[str, typer.Argument(help="Run id (run_…).", metavar="RUN_ID")],
    api_url: ApiUrl = None,
    api_key: ApiKey = None,
    branch: Branch = None,
) -> None:
    """Cancel a run (a finished run is left as it is)."""
    with _client(api_url, api_key, branch) as client:
        client.runs.cancel(run_id)
        run = client.runs.retrieve(run_id)
    console.print(f"{escape(run_id)}: {status_text(run.status)}")


@runs_app.command("watch")
def runs_watch(
    run_id: Annotated[str, typer.Argument(help="Run id (run_…).", metavar="RUN_ID")],
    api_url: ApiUrl = None,
    api_key: ApiKey = None,
    branch: Branch = None,
) -> None:
    """Follow a run live (realtime) with a status line; ends when the run ends (exit 1 unless COMPLETED)."""
    with _client(api_url, api_key, branch) as client, console.status(f"{escape(run_id)} …") as line:
        last = None
        with client.runs.subscribe_to_run(run_id, skip_columns=["payload"]) as updates:
            for run in updates:
                last = run
                progress = f" progress {run.progress:g}" if run.progress is not None else ""
                line.update(f"{escape(run.id)} {status_text(run.status)}{progress}")
    if last is None:
        raise _fail(f"{run_id}: no update received", 1)
    console.print(f"{escape(last.id)} {status_text(last.status)}")
    if last.status != "COMPLETED":
        raise typer.Exit(1)


batch_app = typer.Typer(help="Follow batches.", no_args_is_help=True)
app.add_typer(batch_app, name="batch")


@batch_app.command("watch")
def batch_watch(
    batch_id: Annotated[str, typer.Argument(help="Batch id (batch_…).", metavar="BATCH_ID")],
    api_url: ApiUrl = None,
    api_key: ApiKey = None,
    branch: Branch = None,
) -> None:
    """Follow a batch live (realtime) with a progress bar; exit 1 unless every run COMPLETED."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    final = None
    with _client(api_url, api_key, branch) as client:
        total = client.batch.retrieve(batch_id).run_count
        if total == 0:
            console.print(f"{escape(batch_id)}: no runs")
            return
        with Progress(*columns, console=console) as bar:
            task = bar.add_task("runs finished", total=total)
            with client.runs.subscribe_to_batch(batch_id, skip_columns=["payload", "output"]) as updates:
                for progress in updates:
                    final = progress
                    bar.update(
                        task,
                        completed=progress.finished,
                        description=(
                            f"{progress.completed} completed, {progress.failed} failed, "
                            f"{progress.canceled} canceled, {progress.running} running, "
                            f"{progress.queued} queued"
                        ),
                    )
                    if progress.total >= total and progress.is_completed:
                        break
    if final is None:
        raise _fail(f"{batch_id}: no update received", 1)
    console.print(
        f"{escape(batch_id)}: {final.total} runs, [green]{final.completed} completed[/], "
        f"[red]{final.failed} failed[/], [yellow]{final.canceled} canceled[/]"
    )
    if final.completed != final.total:
        raise typer.Exit(1)
