"""AI tool definitions (OpenAI, Anthropic, MCP) against the shapes those APIs document, and the checks of
tool names, parameter schemas, display options and arguments. No request is sent: the client points at a
closed port."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from trigger_client import TriggerClient, ValidationError
from trigger_client._ai_tool_schemas import check_display_options, check_parameters, check_tool_name
from trigger_client._sync.resources.ai import AITool

KEY = "tr_dev_unitTestKeyForAiTools0001"

WEATHER = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "description": "The city, such as Paris"},
        "days": {"type": "integer", "minimum": 1, "maximum": 14},
        "when": {"type": "string", "format": "date"},
        "stops": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
    },
    "required": ["city"],
}

# The documented tool shapes, as JSON Schemas written from each API's reference.
OPENAI_CHAT_TOOL = {  # Chat Completions: tools[] of type "function"
    "type": "object",
    "required": ["type", "function"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "function"},
        "function": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "pattern": "^[a-zA-Z0-9_-]{1,64}$"},
                "description": {"type": "string"},
                "parameters": {"type": "object"},
                "strict": {"type": ["boolean", "null"]},
            },
        },
    },
}
ANTHROPIC_TOOL = {  # Messages API: a client tool
    "type": "object",
    "required": ["name", "input_schema"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "pattern": "^[a-zA-Z0-9_-]{1,64}$"},
        "description": {"type": "string"},
        "input_schema": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"const": "object"}, "properties": {"type": ["object", "null"]}},
        },
        "cache_control": {"type": ["object", "null"]},
        "type": {"enum": ["custom", None]},
    },
}
MCP_TOOL = {  # Model Context Protocol 2025-06-18: Tool
    "type": "object",
    "required": ["name", "inputSchema"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "inputSchema": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"const": "object"},
                "properties": {"type": "object"},
                "required": {"type": "array", "items": {"type": "string"}},
            },
        },
        "outputSchema": {"type": "object"},
        "annotations": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string"},
                "readOnlyHint": {"type": "boolean"},
                "destructiveHint": {"type": "boolean"},
                "idempotentHint": {"type": "boolean"},
                "openWorldHint": {"type": "boolean"},
            },
        },
        "_meta": {"type": "object"},
    },
}


@pytest.fixture
def client() -> Iterator[TriggerClient]:
    with TriggerClient(api_key=KEY, base_url="http://127.0.0.1:9", max_retries=0) as made:
        yield made


def tool(client: TriggerClient, **fields: Any) -> AITool:
    values: dict[str, Any] = {
        "name": "get_weather",
        "task_id": "weather-forecast",
        "description": "The weather forecast of a city",
        "parameters": check_parameters(WEATHER),
    }
    values.update(fields)
    return AITool(client, **values)


def assert_shape(definition: dict[str, Any], shape: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(shape)
    jsonschema.Draft202012Validator(shape).validate(definition)


def test_openai_export_is_the_chat_completions_function_tool(client: TriggerClient) -> None:
    exported = tool(client).to_openai()
    assert exported == {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "The weather forecast of a city",
            "parameters": WEATHER,
        },
    }
    assert_shape(exported, OPENAI_CHAT_TOOL)
    strict = tool(client).to_openai(strict=True)
    assert strict["function"]["strict"] is True
    assert_shape(strict, OPENAI_CHAT_TOOL)
    assert "strict" not in tool(client).to_openai(strict=None)["function"]
    with pytest.raises(ValidationError, match="strict must be a bool"):
        tool(client).to_openai(strict="yes")  # type: ignore[arg-type]


def test_anthropic_export_is_the_messages_api_client_tool(client: TriggerClient) -> None:
    exported = tool(client).to_anthropic()
    assert exported == {
        "name": "get_weather",
        "description": "The weather forecast of a city",
        "input_schema": WEATHER,
    }
    assert_shape(exported, ANTHROPIC_TOOL)


def test_mcp_export_maps_display_options_to_title_and_annotations(client: TriggerClient) -> None:
    plain = tool(client).to_mcp()
    assert plain == {
        "name": "get_weather",
        "description": "The weather forecast of a city",
        "inputSchema": WEATHER,
    }
    assert_shape(plain, MCP_TOOL)
    options = {
        "title": "Weather",
        "read_only": True,
        "destructive": False,
        "idempotent": True,
        "open_world": True,
    }
    shown = tool(client, display_options=check_display_options(options)).to_mcp()
    assert shown == {
        "name": "get_weather",
        "title": "Weather",
        "description": "The weather forecast of a city",
        "inputSchema": WEATHER,
        "annotations": {
            "title": "Weather",
            "readOnlyHint": True,
            "destructiveHint": False,
            "idempotentHint": True,
            "openWorldHint": True,
        },
    }
    assert_shape(shown, MCP_TOOL)
    hint_only = tool(client, display_options={"destructive": True}).to_mcp()
    assert (hint_only.get("title"), hint_only["annotations"]) == (None, {"destructiveHint": True})


def test_exports_are_copies(client: TriggerClient) -> None:
    made = tool(client)
    for exported in (made.to_openai()["function"]["parameters"], made.to_anthropic()["input_schema"]):
        exported["properties"]["city"]["type"] = "number"
    made.to_mcp()["inputSchema"]["required"].append("days")
    made.to_dict()["parameters"]["required"].append("days")
    assert made.parameters == WEATHER


def test_validate_lists_every_failing_path(client: TriggerClient) -> None:
    made = tool(client)
    assert made.validate({"city": "Paris", "days": 3}) == {"city": "Paris", "days": 3}
    assert made.validate('{"city": "Oslo", "when": "2025-06-01"}') == {"city": "Oslo", "when": "2025-06-01"}
    with pytest.raises(ValidationError) as caught:
        made.validate({"days": 0, "when": "June", "stops": [{"name": 5}]})
    assert str(caught.value) == (
        "the arguments do not match the parameters of tool 'get_weather': $: 'city' is a required property; "
        "$.days: 0 is less than the minimum of 1; $.stops[0].name: 5 is not of type 'string'; "
        "$.when: 'June' is not a 'date'"
    )
    assert caught.value.field == "arguments"


def test_validate_refuses_what_is_not_an_object(client: TriggerClient) -> None:
    made = tool(client)
    with pytest.raises(ValidationError, match="arguments is not JSON text"):
        made.validate("{city: Paris}")
    with pytest.raises(ValidationError, match=r"arguments must be a JSON object .* got list"):
        made.validate(["Paris"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"arguments must be a JSON object .* got int"):
        made.validate("3")


def test_validate_keeps_keys_out_of_messages(client: TriggerClient) -> None:
    with pytest.raises(ValidationError) as caught:
        tool(client).validate({"city": 1, "days": KEY})
    assert KEY not in str(caught.value)
    assert "$.days: '<redacted>' is not of type 'integer'" in str(caught.value)


@pytest.mark.parametrize("name", ["get_weather", "a", "A-b_9", "x" * 64])
def test_tool_names_the_model_apis_accept(name: str) -> None:
    assert check_tool_name(name) == name


@pytest.mark.parametrize("name", ["", "x" * 65, "get weather", "get.weather", "météo", "a/b", None, 7])
def test_tool_names_the_model_apis_refuse(name: Any) -> None:
    with pytest.raises(ValidationError, match="1 to 64 letters, digits") as caught:
        check_tool_name(name)
    assert caught.value.field == "name"


def test_parameters_must_be_a_valid_schema_of_an_object() -> None:
    with pytest.raises(ValidationError, match=r"not a valid JSON Schema: schema\.properties\.city\.type"):
        check_parameters({"type": "object", "properties": {"city": {"type": "strin"}}})
    with pytest.raises(ValidationError, match='must describe an object \\("type": "object"'):
        check_parameters({"type": "string"})
    with pytest.raises(ValidationError, match="got type None"):
        check_parameters({"properties": {"city": {"type": "string"}}})
    with pytest.raises(ValidationError, match="must be a JSON Schema"):
        check_parameters('{"type": "object"}')
    with pytest.raises(ValidationError, match="JSON-serialisable"):
        check_parameters({"type": "object", "properties": {"n": {"maximum": float("nan")}}})
    with pytest.raises(ValidationError, match=r"unknown \$schema 'http://example\.test/schema'"):
        check_parameters({"$schema": "http://example.test/schema", "type": "object"})


def test_parameters_follow_the_dialect_schema_names() -> None:
    # Draft 4 wrote exclusiveMinimum as a bool; from draft 6 on it is a number.
    draft4 = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "properties": {"n": {"type": "number", "minimum": 0, "exclusiveMinimum": True}},
    }
    assert check_parameters(draft4) == draft4
    without_dialect = {key: value for key, value in draft4.items() if key != "$schema"}
    with pytest.raises(ValidationError, match="exclusiveMinimum: True is not of type 'number'"):
        check_parameters(without_dialect)


def test_display_options_are_checked() -> None:
    assert check_display_options(None) is None
    assert check_display_options({"title": "Weather", "read_only": True}) == {
        "title": "Weather",
        "read_only": True,
    }
    with pytest.raises(ValidationError, match="unknown option 'icon'; the options are title, read_only"):
        check_display_options({"icon": "sun"})
    with pytest.raises(ValidationError, match=r"display_options\['read_only'\] must be a bool"):
        check_display_options({"read_only": "yes"})
    with pytest.raises(ValidationError, match=r"display_options\['title'\] must be a non-blank string"):
        check_display_options({"title": " "})
    with pytest.raises(ValidationError, match="must be a mapping or None"):
        check_display_options(["title"])


def test_without_jsonschema_the_error_names_the_extra(
    client: TriggerClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = tool(client)
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # import jsonschema now raises ImportError
    with pytest.raises(ValidationError, match=r"pip install 'trigger-rest-client\[ai\]'"):
        made.validate({"city": "Paris"})
    with pytest.raises(ValidationError, match=r"pip install 'trigger-rest-client\[ai\]'"):
        check_parameters({"type": "object"})


def test_repr_and_equality(client: TriggerClient) -> None:
    made = tool(client)
    assert repr(made) == "AITool(name='get_weather', task_id='weather-forecast')"
    assert made == tool(client)
    assert made != tool(client, description="Another description")
    assert made.to_dict() == {
        "name": "get_weather",
        "task_id": "weather-forecast",
        "description": "The weather forecast of a city",
        "parameters": WEATHER,
        "display_options": None,
    }
