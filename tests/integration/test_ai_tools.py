"""AI tools over loopback: the registry in the client's store, calls that run emulator tasks, failed runs,
and payload schemas read from the current worker with a personal access token
(``GET /api/v1/projects/{projectRef}/{env}/workers/current``)."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest

from trigger_client import AuthenticationError, NotFoundError, RunFailedError, TriggerClient, ValidationError

ADD = {
    "type": "object",
    "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
    "required": ["a", "b"],
    "additionalProperties": False,
}
ZOD_STYLE = {  # what zod-to-json-schema makes of z.object({ city: z.string() }) in a schemaTask
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {"city": {"type": "string", "minLength": 1}},
    "required": ["city"],
    "additionalProperties": False,
}


@pytest.fixture(autouse=True)
def no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker credentials come from each test, never from the environment running the suite."""
    monkeypatch.delenv("TRIGGER_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("TRIGGER_PROJECT_REF", raising=False)


@pytest.fixture
def tasks(emulator: Any) -> Any:
    emulator.queue_delay_s = 0

    @emulator.task("add-numbers", payload_schema=ADD)
    def add(payload: Any) -> Any:
        return {"sum": payload["a"] + payload["b"]}

    @emulator.task("forecast", payload_schema=ZOD_STYLE)
    def forecast(payload: Any) -> Any:
        return f"sunny in {payload['city']}"

    @emulator.task("plain")
    def plain(payload: Any) -> Any:
        return None

    @emulator.task("explode", max_attempts=1)
    def explode(payload: Any) -> Any:
        raise ValueError(f"cannot handle {payload['item']}")

    return emulator


def stored_keys(client: Any) -> list[str]:
    return list(client._store.keys("trigger_client:ai-tools:"))


def test_registry_create_list_retrieve_update_delete(client: Any) -> None:
    made = client.ai.create_tool("add-numbers", "add", "Adds two integers", ADD, {"title": "Add"})
    assert (made.name, made.task_id, made.description, made.parameters, made.display_options) == (
        "add",
        "add-numbers",
        "Adds two integers",
        ADD,
        {"title": "Add"},
    )
    client.ai.create_tool("forecast", "weather", "The weather of a city", ZOD_STYLE)
    assert stored_keys(client) == ["trigger_client:ai-tools:add", "trigger_client:ai-tools:weather"]
    assert [tool.name for tool in client.ai.list_tools()] == ["add", "weather"]
    assert client.ai.retrieve_tool("add").to_dict() == made.to_dict()
    assert client.ai.retrieve_tool("add").to_anthropic() == {
        "name": "add",
        "description": "Adds two integers",
        "input_schema": ADD,
    }

    changed = client.ai.update_tool("add", description="Adds a and b", display_options=None)
    assert (changed.description, changed.display_options, changed.parameters) == ("Adds a and b", None, ADD)
    assert client.ai.retrieve_tool("add").to_dict() == changed.to_dict()
    moved = client.ai.update_tool("add", task_id="plain", parameters={"type": "object"})
    assert (moved.task_id, moved.parameters, moved.description) == (
        "plain",
        {"type": "object"},
        "Adds a and b",
    )

    assert client.ai.delete_tool("add") is True
    assert client.ai.delete_tool("add") is False
    assert [tool.name for tool in client.ai.list_tools()] == ["weather"]
    with pytest.raises(ValidationError, match="no AI tool named 'add': make it with create_tool"):
        client.ai.retrieve_tool("add")
    with pytest.raises(ValidationError, match="no AI tool named 'add'"):
        client.ai.update_tool("add", description="again")


def test_creating_a_name_twice_is_refused_unless_replace(client: Any) -> None:
    client.ai.create_tool("add-numbers", "add", "Adds two integers", ADD)
    with pytest.raises(
        ValidationError, match="'add' already exists: change it with update_tool, or pass replace"
    ):
        client.ai.create_tool("plain", "add", "Something else", {"type": "object"})
    assert client.ai.retrieve_tool("add").task_id == "add-numbers"
    replaced = client.ai.create_tool("plain", "add", "Something else", {"type": "object"}, replace=True)
    assert client.ai.retrieve_tool("add").to_dict() == replaced.to_dict()
    assert replaced.task_id == "plain"


def test_the_registry_is_shared_through_the_store(make_client: Any) -> None:
    first = make_client(cache={"prefix": "team:"})
    first.ai.create_tool("add-numbers", "add", "Adds two integers", ADD)
    derived = first.with_options(max_retries=0)
    assert [tool.name for tool in derived.ai.list_tools()] == ["add"]
    assert list(first._store.keys("team:ai-tools:")) == ["team:ai-tools:add"]
    other = make_client()  # another memory store: another registry
    assert other.ai.list_tools() == []


def test_bad_input_is_refused_before_storing(client: Any, emulator: Any) -> None:
    with pytest.raises(ValidationError, match="1 to 64 letters"):
        client.ai.create_tool("add-numbers", "add numbers", "Adds", ADD)
    with pytest.raises(ValidationError, match="non-blank string"):
        client.ai.create_tool("add-numbers", "add", "  ", ADD)
    with pytest.raises(ValidationError, match="not a valid JSON Schema"):
        client.ai.create_tool("add-numbers", "add", "Adds", {"type": "object", "required": "a"})
    with pytest.raises(ValidationError, match="must describe an object"):
        client.ai.create_tool("add-numbers", "add", "Adds", {"type": "array"})
    with pytest.raises(ValidationError, match="unknown option 'color'"):
        client.ai.create_tool("add-numbers", "add", "Adds", ADD, {"color": "red"})
    with pytest.raises(ValidationError, match="task_id must be a non-empty string"):
        client.ai.create_tool("", "add", "Adds", ADD)
    assert client.ai.list_tools() == []
    assert emulator.requests == []


def test_call_runs_the_task_and_returns_its_output(client: Any, tasks: Any) -> None:
    tool = client.ai.create_tool("add-numbers", "add", "Adds two integers", ADD)
    assert tool.call({"a": 2, "b": 40}, tags=["ai"]) == {"sum": 42}
    trigger = next(r for r in tasks.requests if r.method == "POST")
    assert trigger.path == "/api/v1/tasks/add-numbers/trigger"
    body = json.loads(trigger.body)
    assert (body["payload"], body["options"]["tags"]) == ({"a": 2, "b": 40}, ["ai"])
    assert client.ai.retrieve_tool("add").call('{"a": 1, "b": 1}') == {"sum": 2}  # OpenAI's JSON text
    nothing = client.ai.create_tool("plain", "noop", "Does nothing", {"type": "object"})
    assert nothing.call({}) is None


def test_call_with_invalid_arguments_triggers_nothing(client: Any, tasks: Any) -> None:
    tool = client.ai.create_tool("add-numbers", "add", "Adds two integers", ADD)
    tasks.clear_requests()
    with pytest.raises(ValidationError) as caught:
        tool.call({"a": "two", "c": 3})
    assert str(caught.value) == (
        "the arguments do not match the parameters of tool 'add': $: 'b' is a required property; "
        "$: Additional properties are not allowed ('c' was unexpected); $.a: 'two' is not of type 'integer'"
    )
    assert tasks.requests == []


def test_a_failed_run_raises_run_failed_error(client: Any, tasks: Any) -> None:
    tool = client.ai.create_tool("explode", "explode", "Fails", {"type": "object"})
    with pytest.raises(RunFailedError) as caught:
        tool.call({"item": "the order"})
    error = caught.value
    run = client.runs.retrieve(error.run_id)
    assert (error.status, str(run.status)) == ("FAILED", "FAILED")
    assert (error.error_name, error.error_message) == ("ValueError", "cannot handle the order")
    assert error.error_message == run.error.message
    assert "ValueError: cannot handle the order" in error.stack_trace
    assert str(error) == (
        f"run {error.run_id} of task 'explode' (tool 'explode') ended FAILED: ValueError: cannot handle the order"
    )


def test_a_canceled_run_raises_with_its_status(client: Any, tasks: Any) -> None:
    tasks.queue_delay_s = 30  # the run waits in its queue, to be canceled before it starts
    tool = client.ai.create_tool("add-numbers", "add", "Adds two integers", ADD)

    def cancel_the_run() -> None:
        with TriggerClient(api_key=tasks.api_key, base_url=tasks.url) as other:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                queued = other.runs.list(task_identifier="add-numbers").first_page().data
                if queued:
                    other.runs.cancel(queued[0].id)
                    return
                time.sleep(0.02)

    canceller = threading.Thread(target=cancel_the_run)
    canceller.start()
    try:
        with pytest.raises(RunFailedError) as caught:
            tool.call({"a": 1, "b": 2}, timeout_s=20, poll_interval_s=0.05, max_poll_interval_s=0.1)
    finally:
        canceller.join()
    error = caught.value
    run = client.runs.retrieve(error.run_id)
    assert (error.status, str(run.status), error.error_message) == (
        "CANCELED",
        "CANCELED",
        "Canceled by user",
    )
    assert (error.error_name, error.stack_trace) == (run.error.name or None, run.error.stack_trace or None)
    assert str(error).startswith(f"run {error.run_id} of task 'add-numbers' (tool 'add') ended CANCELED: ")


def test_schema_from_the_current_worker_with_a_personal_access_token(client: Any, tasks: Any) -> None:
    pat = tasks.personal_access_token
    tool = client.ai.create_tool(
        "forecast",
        "weather",
        "The weather of a city",
        personal_access_token=pat,
        project_ref=tasks.project_ref,
    )
    assert tool.parameters == ZOD_STYLE
    (sent,) = [r for r in tasks.requests if "/workers/" in r.path]
    assert (sent.method, sent.path) == ("GET", f"/api/v1/projects/{tasks.project_ref}/dev/workers/current")
    assert sent.headers["authorization"] == f"Bearer {pat}"  # the key's environment: tr_dev_ is dev
    assert client.ai.retrieve_tool("weather").parameters == ZOD_STYLE
    assert tool.call({"city": "Oslo"}) == "sunny in Oslo"  # triggered with the secret key, not the token
    with pytest.raises(ValidationError, match=r"\$\.city: '' should be non-empty"):
        tool.validate({"city": ""})


def test_schema_from_the_worker_with_the_cli_variables(
    client: Any, tasks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRIGGER_ACCESS_TOKEN", tasks.personal_access_token)
    monkeypatch.setenv("TRIGGER_PROJECT_REF", tasks.project_ref)
    tool = client.ai.create_tool("add-numbers", "add", "Adds two integers")
    assert tool.parameters == ADD
    refreshed = client.ai.update_tool("add", task_id="forecast", parameters=None)
    assert (refreshed.task_id, refreshed.parameters) == ("forecast", ZOD_STYLE)


def test_schema_from_the_worker_with_a_client_made_with_the_token(client: Any, tasks: Any) -> None:
    reader = client.with_options(api_key=tasks.personal_access_token)
    with pytest.raises(ValidationError, match="needs the environment: pass environment="):
        reader.ai.create_tool("add-numbers", "add", "Adds", project_ref=tasks.project_ref)
    tool = reader.ai.create_tool(
        "add-numbers", "add", "Adds", project_ref=tasks.project_ref, environment="dev"
    )
    assert tool.parameters == ADD
    assert (
        client.ai.retrieve_tool("add").to_dict() == tool.to_dict()
    )  # one store: the derived client shares it


def test_without_a_token_omitting_parameters_is_refused(client: Any, tasks: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        client.ai.create_tool("add-numbers", "add", "Adds two integers", project_ref=tasks.project_ref)
    assert caught.value.field == "parameters"
    message = str(caught.value)
    assert "pass parameters=" in message and "personal_access_token=" in message
    assert "TRIGGER_ACCESS_TOKEN" in message
    with pytest.raises(ValidationError, match="needs the project: pass project_ref="):
        client.ai.create_tool("add-numbers", "add", "Adds", personal_access_token=tasks.personal_access_token)
    assert tasks.requests == []
    assert client.ai.list_tools() == []


def test_no_worker_is_not_found(client: Any, emulator: Any) -> None:
    with pytest.raises(NotFoundError, match="Worker not found") as caught:
        client.ai.create_tool(
            "add-numbers",
            "add",
            "Adds",
            personal_access_token=emulator.personal_access_token,
            project_ref=emulator.project_ref,
        )
    assert caught.value.status_code == 404
    assert client.ai.list_tools() == []


def test_tasks_the_worker_cannot_describe(client: Any, tasks: Any) -> None:
    where = {"personal_access_token": tasks.personal_access_token, "project_ref": tasks.project_ref}
    with pytest.raises(ValidationError, match="task 'plain' has no payload schema in the current worker"):
        client.ai.create_tool("plain", "noop", "Does nothing", **where)
    with pytest.raises(ValidationError, match="task 'missing' is not in the current worker"):
        client.ai.create_tool("missing", "missing", "Not there", **where)
    tasks.register_task("listing", lambda payload: payload, payload_schema={"type": "array"})
    with pytest.raises(ValidationError, match=r"cannot be a tool's parameters .*must describe an object"):
        client.ai.create_tool("listing", "listing", "A list", **where)
    assert client.ai.list_tools() == []


def test_a_wrong_token_is_refused_and_never_shown(client: Any, tasks: Any) -> None:
    wrong = "tr_pat_" + "w" * 40
    with pytest.raises(AuthenticationError, match="Invalid or Missing Access Token") as caught:
        client.ai.create_tool(
            "add-numbers", "add", "Adds", personal_access_token=wrong, project_ref=tasks.project_ref
        )
    error = caught.value
    assert wrong not in f"{error} {error!r} {vars(error)!r}"
    with pytest.raises(ValidationError, match="personal_access_token must be a non-empty string") as blank:
        client.ai.create_tool(
            "add-numbers", "add", "Adds", personal_access_token=" ", project_ref=tasks.project_ref
        )
    assert blank.value.field == "personal_access_token"


def test_current_worker_reads_the_tasks_and_their_schemas(client: Any, tasks: Any) -> None:
    reader = client.with_options(api_key=tasks.personal_access_token)
    found = reader.deployments.current_worker(tasks.project_ref, "dev")
    assert (found.worker.version, found.worker.engine) == (tasks.worker_version, "V2")
    assert [(t.slug, t.payload_schema, t.trigger_source) for t in found.worker.tasks] == [
        ("add-numbers", ADD, "STANDARD"),
        ("explode", None, "STANDARD"),
        ("forecast", ZOD_STYLE, "STANDARD"),
        ("plain", None, "STANDARD"),
    ]
    assert found.urls.runs.endswith(f"/env/dev/runs?versions={tasks.worker_version}")
    with pytest.raises(NotFoundError, match="Environment not found"):
        reader.deployments.current_worker(tasks.project_ref, "stg")
    assert tasks.requests[-1].path == f"/api/v1/projects/{tasks.project_ref}/staging/workers/current"
    with pytest.raises(AuthenticationError, match="Invalid or Missing Access Token"):
        client.deployments.current_worker(tasks.project_ref, "dev")  # the secret key
    with pytest.raises(ValidationError, match="env must be one of dev, staging, prod, preview"):
        reader.deployments.current_worker(tasks.project_ref, "production")
    with pytest.raises(ValidationError, match="project_ref must be a project ref"):
        reader.deployments.current_worker("my-project", "dev")
