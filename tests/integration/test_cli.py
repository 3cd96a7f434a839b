"""The trigger-client command line against the emulator (and the demo, which starts its own)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from trigger_client.cli._app import app

runner = CliRunner()


@pytest.fixture
def env(emulator: Any) -> dict[str, str]:
    @emulator.task("greet")
    def greet(payload: Any) -> Any:
        return {"hello": payload["name"]}

    @emulator.task("explode", max_attempts=1)
    def explode(payload: Any) -> Any:
        raise RuntimeError("boom")

    return {"TRIGGER_API_URL": emulator.url, "TRIGGER_SECRET_KEY": emulator.api_key}


def test_trigger_and_wait_prints_the_final_run(env: dict[str, str], emulator: Any) -> None:
    result = runner.invoke(
        app, ["tasks", "trigger", "greet", "--payload", '{"name": "Ada"}', "--wait"], env=env
    )
    assert result.exit_code == 0, result.output
    assert "COMPLETED" in result.output
    assert '{"hello":"Ada"}' in result.output
    assert emulator.api_key not in result.output


def test_trigger_and_wait_exits_1_when_the_run_fails(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["tasks", "trigger", "explode", "--wait"], env=env)
    assert result.exit_code == 1
    assert "FAILED" in result.output and "boom" in result.output


def test_trigger_json_and_payload_file(env: dict[str, str], tmp_path: Any) -> None:
    payload = tmp_path / "payload.json"
    payload.write_text('{"name": "Grace"}')
    result = runner.invoke(app, ["tasks", "trigger", "greet", "--payload", f"@{payload}", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"].startswith("run_")


def test_bad_payload_is_a_usage_error(env: dict[str, str], emulator: Any) -> None:
    result = runner.invoke(app, ["tasks", "trigger", "greet", "--payload", "{not json"], env=env)
    assert result.exit_code == 2
    assert "not JSON" in result.output
    assert emulator.requests == []


def test_missing_key_is_explained(emulator: Any) -> None:
    result = runner.invoke(
        app, ["runs", "list"], env={"TRIGGER_API_URL": emulator.url, "TRIGGER_SECRET_KEY": ""}
    )
    assert result.exit_code == 2
    assert "no API key: pass --api-key or set TRIGGER_SECRET_KEY" in result.output


def test_runs_list_get_and_cancel(env: dict[str, str], emulator: Any) -> None:
    triggered = runner.invoke(app, ["tasks", "trigger", "not-deployed", "--json"], env=env)
    run_id = json.loads(triggered.output)["id"]
    listed = runner.invoke(app, ["runs", "list", "--json"], env=env)
    assert [run["id"] for run in json.loads(listed.output)] == [run_id]
    table = runner.invoke(app, ["runs", "list", "--status", "PENDING_VERSION"], env=env)
    assert run_id in table.output and "PENDING_VERSION" in table.output
    shown = runner.invoke(app, ["runs", "get", run_id], env=env)
    assert shown.exit_code == 0 and "not-deployed" in shown.output
    cancelled = runner.invoke(app, ["runs", "cancel", run_id], env=env)
    assert cancelled.exit_code == 0 and "CANCELED" in cancelled.output
    assert emulator.api_key not in listed.output + table.output + shown.output + cancelled.output


def test_server_errors_are_one_line_and_exit_1(env: dict[str, str], emulator: Any) -> None:
    result = runner.invoke(app, ["runs", "get", "run_missing"], env=env)
    assert result.exit_code == 1
    assert "404 Not Found" in result.output


@pytest.mark.slow
def test_demo_runs_to_completion() -> None:
    result = runner.invoke(app, ["demo", "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert "7 runs: 6 completed, 1 failed" in result.output
    assert "Every run reached its expected final status." in result.output
    assert "ValueError: card ending" in result.output


def test_server_text_is_never_read_as_markup(env: dict[str, str], emulator: Any) -> None:
    @emulator.task("echo")
    def echo(payload: Any) -> Any:
        return payload

    result = runner.invoke(
        app, ["tasks", "trigger", "echo", "--payload", '{"to": "[/]x[red]y"}', "--wait"], env=env
    )
    assert result.exit_code == 0, result.output
    assert '{"to":"[/]x[red]y"}' in result.output


def test_a_bad_filter_shows_the_server_explanation(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["runs", "list", "--status", "BOGUS"], env=env)
    assert result.exit_code == 2  # a 400 is bad input, like a usage error
    assert "400 Bad Request: Query Error: Invalid status values: BOGUS" in result.output
    assert "filter[status]=BOGUS" in result.output


def test_an_empty_list_says_so(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["runs", "list"], env=env)
    assert (result.exit_code, result.output.strip()) == (
        0,
        "No runs found (without --period the server lists the last 7 days).",
    )


def test_input_errors_name_the_flag(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["tasks", "trigger", "greet", "--delay", "5"], env=env)
    assert result.exit_code == 2
    assert "invalid --delay: delay must be a duration" in result.output


def test_emulator_command_reports_a_busy_port(emulator: Any) -> None:
    port = int(emulator.url.rsplit(":", 1)[1])
    result = runner.invoke(app, ["emulator", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    assert "export" not in result.output


def test_emulator_command_prints_what_clients_need() -> None:
    import socket
    import subprocess
    import sys

    from trigger_client.emulator import Emulator

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from trigger_client.cli._app import app; app()"]
    command += ["emulator", "--port", str(port), "--demo-tasks"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={"COLUMNS": "500"})
    lines = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Tasks:"):
                break
    finally:
        process.terminate()
        process.wait(10)
    defaults = Emulator()
    assert lines[1:5] == [
        f"  export TRIGGER_API_URL=http://127.0.0.1:{port}",
        f"  export TRIGGER_SECRET_KEY={defaults.api_key}",
        f"  export TRIGGER_ACCESS_TOKEN={defaults.personal_access_token}",
        f"  export TRIGGER_PROJECT_REF={defaults.project_ref}",
    ]
    assert lines[-1].startswith("Tasks: send-welcome-email ")
    assert lines[-1].endswith(", nightly-report (scheduled: client.schedules.create)")


def flat(output: str) -> str:
    """The CLI's output without the box rich draws around an error, one space between words."""
    return " ".join(output.replace("│", " ").split())


@pytest.mark.parametrize("timeout", ["0", "-1", "nan"])
def test_a_bad_wait_timeout_is_refused_before_the_run_is_made(
    env: dict[str, str], emulator: Any, timeout: str
) -> None:
    emulator.clear_requests()
    result = runner.invoke(app, ["tasks", "trigger", "greet", "--wait", "--timeout", timeout], env=env)
    text = flat(result.output)
    assert result.exit_code == 2
    assert "--timeout" in text and "must be a number of seconds above zero (or inf)" in text
    assert emulator.requests == []


def test_a_payload_file_that_is_not_text_or_too_deep_is_a_usage_error(
    env: dict[str, str], emulator: Any, tmp_path: Any
) -> None:
    binary, deep = tmp_path / "bad.json", tmp_path / "deep.json"
    binary.write_bytes(b"\xff\xfe{}")
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for path, message in [(binary, "is not UTF-8 text"), (deep, "is nested too deeply")]:
        result = runner.invoke(app, ["tasks", "trigger", "greet", "--payload", f"@{path}"], env=env)
        assert result.exit_code == 2 and message in flat(result.output)
        assert "Traceback" not in result.output
    assert emulator.requests == []


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, "trigger-client 0.1.0\n")


def test_runs_watch_follows_a_run_to_its_end(env: dict[str, str], emulator: Any) -> None:
    emulator.realtime_hold_s = 0.5
    run_id = runner.invoke(
        app, ["tasks", "trigger", "greet", "--payload", '{"name": "Ada"}', "--json"], env=env
    )
    run = json.loads(run_id.output)["id"]
    result = runner.invoke(app, ["runs", "watch", run], env=env)
    assert result.exit_code == 0, result.output
    assert f"{run} COMPLETED" in result.output
    assert any(r.path == f"/realtime/v1/runs/{run}" for r in emulator.requests)
    assert emulator.api_key not in result.output
    failed = json.loads(runner.invoke(app, ["tasks", "trigger", "explode", "--json"], env=env).output)["id"]
    result = runner.invoke(app, ["runs", "watch", failed], env=env)
    assert result.exit_code == 1 and f"{failed} FAILED" in result.output


def test_runs_watch_of_a_missing_run_is_one_error_line(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["runs", "watch", "run_missing"], env=env)
    assert result.exit_code == 1
    assert "Not found" in result.output


def test_batch_watch_shows_the_counts_of_a_batch(env: dict[str, str], emulator: Any) -> None:
    from trigger_client import BatchItem, TriggerClient

    emulator.realtime_hold_s = 0.5
    with TriggerClient(emulator.api_key, base_url=emulator.url) as client:
        items = [BatchItem("greet", {"name": str(n)}) for n in range(3)] + [BatchItem("explode", {})]
        [batch_id] = client.tasks.batch_trigger(items).ids
    result = runner.invoke(app, ["batch", "watch", batch_id], env=env)
    assert result.exit_code == 1, result.output  # one run failed
    assert f"{batch_id}: 4 runs, 3 completed, 1 failed, 0 canceled" in result.output
    assert any(r.path == f"/realtime/v1/batches/{batch_id}" for r in emulator.requests)
