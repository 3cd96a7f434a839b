"""Environment variables over loopback: list, create, retrieve, update, delete, import from a mapping and
from a dotenv file (with and without override), and refusal of bad input before sending."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

from trigger_client import BadRequestError, NotFoundError, ValidationError


def listed(client: Any, emulator: Any) -> list[tuple[str, str, bool]]:
    return [(v.name, v.value, v.is_secret) for v in client.env_vars.list(emulator.project_ref, "dev")]


def test_create_list_retrieve_update_delete(client: Any, emulator: Any) -> None:
    ref = emulator.project_ref
    assert client.env_vars.create(ref, "dev", "API_URL", "https://example.test") is None
    client.env_vars.create(ref, "dev", "SECRET_TOKEN", "fake-secret-value", is_secret=True)
    assert [(r.method, r.path, json.loads(r.body)) for r in emulator.requests[-2:]] == [
        ("POST", f"/api/v1/projects/{ref}/envvars/dev", {"name": "API_URL", "value": "https://example.test"}),
        (
            "POST",
            f"/api/v1/projects/{ref}/envvars/dev",
            {"name": "SECRET_TOKEN", "value": "fake-secret-value", "isSecret": True},
        ),
    ]
    assert listed(client, emulator) == [
        ("API_URL", "https://example.test", False),
        ("SECRET_TOKEN", "<redacted>", True),
    ]
    variable = client.env_vars.retrieve(ref, "dev", "API_URL")
    assert (variable.name, variable.value, variable.is_secret) == ("API_URL", "https://example.test", False)
    assert client.env_vars.retrieve(ref, "dev", "SECRET_TOKEN").value == "<redacted>"

    client.env_vars.update(ref, "dev", "API_URL", "https://changed.example.test")
    assert (emulator.requests[-1].method, json.loads(emulator.requests[-1].body)) == (
        "PUT",
        {"value": "https://changed.example.test"},
    )
    assert client.env_vars.retrieve(ref, "dev", "API_URL").value == "https://changed.example.test"

    client.env_vars.delete(ref, "dev", "API_URL")
    assert emulator.requests[-1].method == "DELETE"
    assert emulator.requests[-1].path == f"/api/v1/projects/{ref}/envvars/dev/API_URL"
    with pytest.raises(NotFoundError, match="Environment variable not found"):
        client.env_vars.retrieve(ref, "dev", "API_URL")
    assert listed(client, emulator) == [("SECRET_TOKEN", "<redacted>", True)]


def test_staging_slug_and_the_key_environment(client: Any, emulator: Any) -> None:
    client.env_vars.create(emulator.project_ref, "dev", "K", "v")
    # The server compares the slug only when a branch is named: a root key's variables answer any slug.
    assert [v.name for v in client.env_vars.list(emulator.project_ref, "staging")] == ["K"]
    assert emulator.requests[-1].path == f"/api/v1/projects/{emulator.project_ref}/envvars/staging"


def test_a_project_ref_of_another_project_is_a_bad_request(client: Any, emulator: Any) -> None:
    with pytest.raises(BadRequestError) as info:
        client.env_vars.list("proj_someoneelsesproject0", "dev")
    assert info.value.body["error"] == (
        "Invalid project ref for this API key. Make sure you are using an API key associated with that project."
    )


def test_import_a_mapping_without_and_with_override(client: Any, emulator: Any) -> None:
    ref = emulator.project_ref
    client.env_vars.import_variables(ref, "dev", {"API_URL": "https://example.test", "FEATURE_FLAG": "on"})
    assert json.loads(emulator.requests[-1].body) == {
        "variables": {"API_URL": "https://example.test", "FEATURE_FLAG": "on"},
        "override": False,
    }
    assert emulator.requests[-1].headers["content-type"] == "application/json"
    with pytest.raises(BadRequestError) as info:
        client.env_vars.import_variables(ref, "dev", {"FEATURE_FLAG": "off", "NEW": "1"})
    assert info.value.body == {
        "error": "Some of the variables are already set for these environments. Set override to true to "
        "override them.",
        "variableErrors": [{"key": "FEATURE_FLAG", "error": "Variable already set in Development."}],
    }
    assert listed(client, emulator) == [
        ("API_URL", "https://example.test", False),
        ("FEATURE_FLAG", "on", False),
    ]

    client.env_vars.import_variables(ref, "dev", {"FEATURE_FLAG": "off", "NEW": "1"}, override=True)
    assert json.loads(emulator.requests[-1].body)["override"] is True
    assert listed(client, emulator) == [
        ("API_URL", "https://example.test", False),
        ("FEATURE_FLAG", "off", False),
        ("NEW", "1", False),
    ]


def test_import_secret_values(client: Any, emulator: Any) -> None:
    client.env_vars.import_variables(emulator.project_ref, "dev", {"DB_PASSWORD": "hunter2"}, is_secret=True)
    assert listed(client, emulator) == [("DB_PASSWORD", "<redacted>", True)]


def test_import_a_dotenv_file(client: Any, emulator: Any, tmp_path: pathlib.Path) -> None:
    ref = emulator.project_ref
    path = tmp_path / ".env"
    path.write_bytes(
        b'# settings\nexport API_URL=https://example.test\nGREETING="hello\\nworld" # two lines\n'
    )
    client.env_vars.import_dotenv(ref, "dev", path)
    request = emulator.requests[-1]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="variables"; filename=".env"' in request.body
    assert b'name="override"' not in request.body
    assert listed(client, emulator) == [
        ("API_URL", "https://example.test", False),
        ("GREETING", "hello\nworld", False),
    ]

    with pytest.raises(BadRequestError, match="Some of the variables are already set"):
        client.env_vars.import_dotenv(ref, "dev", b"API_URL=https://other.test\n")
    client.env_vars.import_dotenv(ref, "dev", b"API_URL=https://other.test\n", override=True)
    assert b'name="override"\r\nContent-Type: text/plain\r\n\r\ntrue\r\n' in emulator.requests[-1].body
    assert client.env_vars.retrieve(ref, "dev", "API_URL").value == "https://other.test"
    with path.open("rb") as handle:
        client.env_vars.import_dotenv(ref, "dev", handle, override=True)
    assert client.env_vars.retrieve(ref, "dev", "API_URL").value == "https://example.test"


def test_a_dotenv_file_with_no_valid_variable(client: Any, emulator: Any) -> None:
    with pytest.raises(BadRequestError) as info:
        client.env_vars.import_dotenv(emulator.project_ref, "dev", b"EMPTY=\nTRIGGER_SECRET_KEY=tr_dev_x\n")
    assert (
        info.value.body["error"]
        == "You must set at least one valid variable. All the variables submitted are not allowed."
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c, ref: c.env_vars.list("my-project", "dev"), "project_ref"),
        (lambda c, ref: c.env_vars.list(ref, "production"), "env"),
        (lambda c, ref: c.env_vars.create(ref, "dev", "", "v"), "name"),
        (lambda c, ref: c.env_vars.create(ref, "dev", "TRIGGER_SECRET_KEY", "v"), "name"),
        (lambda c, ref: c.env_vars.create(ref, "dev", "K", "  "), "value"),
        (lambda c, ref: c.env_vars.create(ref, "dev", "K", 3), "value"),
        (lambda c, ref: c.env_vars.create(ref, "dev", "K", "v", is_secret="yes"), "is_secret"),
        (lambda c, ref: c.env_vars.update(ref, "dev", "K", ""), "value"),
        (lambda c, ref: c.env_vars.retrieve(ref, "dev", ".."), "name"),
        (lambda c, ref: c.env_vars.import_variables(ref, "dev", {}), "variables"),
        (lambda c, ref: c.env_vars.import_variables(ref, "dev", {"TRIGGER_API_URL": "x"}), "variables"),
        (lambda c, ref: c.env_vars.import_variables(ref, "dev", {"K": "v"}, override=1), "override"),
        (lambda c, ref: c.env_vars.import_dotenv(ref, "dev", "/no/such/.env"), "file"),
        (lambda c, ref: c.env_vars.import_dotenv(ref, "dev", 42), "file"),
    ],
)
def test_bad_input_is_refused_before_sending(client: Any, emulator: Any, call: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call(client, emulator.project_ref)
    assert info.value.field == field
    assert emulator.requests == []
