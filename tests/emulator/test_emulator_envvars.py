"""Environment variables: every route's statuses, messages and JSON shapes.

Expected answers are the server's (``routes/api.v1.projects.$projectRef.envvars.*``,
``apiAuth.server.ts`` ``authenticatedEnvironmentForAuthentication``, ``environmentVariablesRepository``).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from trigger_client.emulator import Emulator
from trigger_client.emulator._envvars import parse_dotenv


@pytest.fixture
def base(emu: Emulator) -> str:
    return f"/api/v1/projects/{emu.project_ref}/envvars/dev"


def create(api: httpx.Client, base: str, **body: Any) -> None:
    response = api.post(base, json=body)
    assert (response.status_code, response.json()) == (200, {"success": True}), response.text


def test_list_is_empty_then_in_the_order_first_set(api: httpx.Client, base: str) -> None:
    assert api.get(base).json() == []
    create(api, base, name="B", value="2")
    create(api, base, name="A", value="1", isSecret=True)
    create(api, base, name="B", value="3")
    response = api.get(base)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json() == [
        {"name": "B", "value": "3", "isSecret": False},
        {"name": "A", "value": "<redacted>", "isSecret": True},
    ]


def test_create_keeps_secrecy_unless_told(api: httpx.Client, base: str) -> None:
    create(api, base, name="S", value="1", isSecret=True)
    create(api, base, name="S", value="2")
    assert api.get(f"{base}/S").json() == {"name": "S", "value": "<redacted>", "isSecret": True}
    create(api, base, name="S", value="3", isSecret=False)
    assert api.get(f"{base}/S").json() == {"name": "S", "value": "3", "isSecret": False}


def test_create_validates_the_body_with_zod_issues(api: httpx.Client, base: str) -> None:
    response = api.post(base, json={"value": 3, "isSecret": "yes"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "Invalid request body",
        "issues": [
            {
                "code": "invalid_type",
                "expected": "string",
                "received": "undefined",
                "message": "Required",
                "path": ["name"],
            },
            {
                "code": "invalid_type",
                "expected": "string",
                "received": "number",
                "message": "Expected string, received number",
                "path": ["value"],
            },
            {
                "code": "invalid_type",
                "expected": "boolean",
                "received": "string",
                "message": "Expected boolean, received string",
                "path": ["isSecret"],
            },
        ],
    }


def test_create_refuses_blank_and_reserved_variables(api: httpx.Client, base: str) -> None:
    blank = api.post(base, json={"name": "K", "value": "   "})
    assert (blank.status_code, blank.json()) == (400, {"error": "You must set at least one valid variable."})
    reserved = api.post(base, json={"name": "TRIGGER_API_URL", "value": "https://x"})
    assert reserved.json() == {
        "error": "You must set at least one valid variable. All the variables submitted are not allowed."
    }


def test_create_with_a_body_that_is_not_json_throws(api: httpx.Client, base: str) -> None:
    response = api.post(base, content=b"{nope", headers={"content-type": "application/json"})
    assert (response.status_code, response.text) == (500, "Unexpected Server Error")


def test_the_action_creates_whatever_the_method(api: httpx.Client, base: str) -> None:
    response = api.put(base, json={"name": "VIA_PUT", "value": "1"})
    assert response.json() == {"success": True}
    assert api.get(f"{base}/VIA_PUT").json()["value"] == "1"


def test_project_ref_and_slug_checks(emu: Emulator, api: httpx.Client) -> None:
    other = api.get("/api/v1/projects/proj_notthisprojectatall0/envvars/dev")
    assert (other.status_code, other.json()) == (
        400,
        {
            "error": "Invalid project ref for this API key. Make sure you are using an API key associated "
            "with that project."
        },
    )
    # Without a branch header the slug is not checked (the key's environment has no branch either).
    assert api.get(f"/api/v1/projects/{emu.project_ref}/envvars/prod").status_code == 200
    branched = api.get(
        f"/api/v1/projects/{emu.project_ref}/envvars/prod", headers={"x-trigger-branch": "feature-x"}
    )
    assert branched.json() == {
        "error": "Invalid environment slug for this API key. Make sure you are using an API key associated "
        "with that environment."
    }
    assert (
        api.get(
            f"/api/v1/projects/{emu.project_ref}/envvars/dev", headers={"x-trigger-branch": "refs/heads/x"}
        ).status_code
        == 200
    )


def test_authentication(emu: Emulator, base: str) -> None:
    with httpx.Client(base_url=emu.url) as anonymous:
        missing = anonymous.get(base)
        assert missing.status_code == 401
        assert missing.headers["content-type"].startswith("application/problem+json")
        wrong = anonymous.get(base, headers={"authorization": "Bearer tr_dev_wrong"})
        assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid API key"})


def test_retrieve_update_delete(api: httpx.Client, base: str) -> None:
    missing = api.get(f"{base}/NOPE")
    assert (missing.status_code, missing.json()) == (404, {"error": "Environment variable not found"})
    assert api.put(f"{base}/NOPE", json={"value": "x"}).status_code == 404
    assert api.delete(f"{base}/NOPE").json() == {"error": "Environment variable not found"}
    create(api, base, name="K", value="v")
    assert api.put(f"{base}/K", json={"value": "w"}).json() == {"success": True}
    assert api.post(f"{base}/K", json={"value": "x"}).json() == {"success": True}
    assert api.get(f"{base}/K").json() == {"name": "K", "value": "x", "isSecret": False}
    # A blank value changes nothing, and still succeeds.
    assert api.put(f"{base}/K", json={"value": ""}).json() == {"success": True}
    assert api.get(f"{base}/K").json()["value"] == "x"
    invalid = api.put(f"{base}/K", json={})
    assert invalid.json() == {
        "error": "Invalid request body",
        "issues": [
            {
                "code": "invalid_type",
                "expected": "string",
                "received": "undefined",
                "message": "Required",
                "path": ["value"],
            }
        ],
    }
    not_json = api.put(f"{base}/K", content=b"nope")
    assert (not_json.status_code, not_json.json()) == (500, {"error": "Internal Server Error"})
    patched = api.patch(f"{base}/K", json={"value": "y"})
    assert (patched.status_code, patched.text) == (500, "Unexpected Server Error")
    assert api.delete(f"{base}/K").json() == {"success": True}
    assert api.get(f"{base}/K").status_code == 404
    assert api.get(base).json() == []


def test_import_json(api: httpx.Client, base: str) -> None:
    imported = api.post(f"{base}/import", json={"variables": {"A": "1", "B": "", "TRIGGER_SECRET_KEY": "x"}})
    assert (imported.status_code, imported.json()) == (200, {"success": True})
    assert api.get(base).json() == [{"name": "A", "value": "1", "isSecret": False}]
    again = api.post(f"{base}/import", json={"variables": {"A": "2", "C": "3"}})
    assert (again.status_code, again.json()) == (
        400,
        {
            "error": "Some of the variables are already set for these environments. Set override to true to "
            "override them.",
            "variableErrors": [{"key": "A", "error": "Variable already set in Development."}],
        },
    )
    assert [v["name"] for v in api.get(base).json()] == ["A"]
    overridden = api.post(
        f"{base}/import", json={"variables": {"A": "2", "C": "3"}, "override": True, "isSecret": True}
    )
    assert overridden.json() == {"success": True}
    assert api.get(base).json() == [
        {"name": "A", "value": "<redacted>", "isSecret": True},
        {"name": "C", "value": "<redacted>", "isSecret": True},
    ]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"variables": {"A": 1}},
        {"variables": {"A": "1"}, "override": "yes"},
        {"variables": {"A": "1"}, "source": {"type": "x"}},
        [],
    ],
)
def test_import_json_that_does_not_match(api: httpx.Client, base: str, body: Any) -> None:
    response = api.post(f"{base}/import", json=body)
    assert (response.status_code, response.json()) == (400, {"error": "Invalid body"})


def test_import_a_dotenv_file(api: httpx.Client, base: str) -> None:
    content = b"API_URL=https://example.test\nexport QUOTED='single # not a comment'\n"
    response = api.post(f"{base}/import", files={"variables": (".env", content, "text/plain")})
    assert (response.status_code, response.json()) == (200, {"success": True})
    assert api.get(base).json() == [
        {"name": "API_URL", "value": "https://example.test", "isSecret": False},
        {"name": "QUOTED", "value": "single # not a comment", "isSecret": False},
    ]
    refused = api.post(f"{base}/import", files={"variables": (".env", b"API_URL=x\n", "text/plain")})
    assert refused.status_code == 400
    assert refused.json()["variableErrors"] == [
        {"key": "API_URL", "error": "Variable already set in Development."}
    ]
    overridden = api.post(
        f"{base}/import",
        files={"variables": (".env", b"API_URL=x\n", "text/plain")},
        data={"override": "true"},
    )
    assert overridden.json() == {"success": True}
    assert api.get(f"{base}/API_URL").json()["value"] == "x"


def test_import_a_form_without_the_file(api: httpx.Client, base: str) -> None:
    response = api.post(
        f"{base}/import", data={"variables": "A=1"}, files={"other": ("x", b"", "text/plain")}
    )
    assert (response.status_code, response.json()) == (400, {"error": "Invalid file"})


def test_import_has_no_loader(api: httpx.Client, base: str) -> None:
    response = api.get(f"{base}/import")
    assert (response.status_code, response.json()) == (400, {"message": "Unexpected Server Error"})


def test_dotenv_parsing_follows_the_dotenv_package() -> None:
    content = (
        b"# comment\n"
        b"PLAIN=value # trailing comment\n"
        b"export EXPORTED=yes\n"
        b"COLON: spaced\n"
        b'DOUBLE="line1\\nline2"\n'
        b"SINGLE='keeps \\n as is'\n"
        b"BACKTICK=`tick`\n"
        b'MULTI="a\nb"\r\n'
        b"EMPTY=\n"
        b"SPACES =  padded  \n"
        b"PLAIN=later wins\n"
        b"2=numeric keys come first\n"
        b"not a line\n"
    )
    assert parse_dotenv(content) == {
        "2": "numeric keys come first",
        "PLAIN": "later wins",
        "EXPORTED": "yes",
        "COLON": "spaced",
        "DOUBLE": "line1\nline2",
        "SINGLE": "keeps \\n as is",
        "BACKTICK": "tick",
        "MULTI": "a\nb",
        "EMPTY": "",
        "SPACES": "padded",
    }
    assert next(iter(parse_dotenv(content))) == "2"
