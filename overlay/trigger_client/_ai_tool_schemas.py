"""Checking what makes an AI tool: its name, description, display options, the JSON Schema of its
parameters, and the arguments a model sends against that schema.

JSON Schema checks use the optional ``jsonschema`` package (the ``ai`` extra), imported on first use.
Nothing here sends a request.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import importlib
import json
import re
import threading
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from . import _validation as check
from ._ai_tool_formats import MCP_ANNOTATIONS
from ._exceptions import ValidationError
from ._redact import redact_text

__all__ = [
    "DISPLAY_OPTIONS",
    "TOOL_NAME_PATTERN",
    "check_description",
    "check_display_options",
    "check_parameters",
    "check_tool_name",
    "check_tool_record",
    "parse_arguments",
    "validate_arguments",
]

TOOL_NAME_PATTERN = re.compile(r"[a-zA-Z0-9_-]{1,64}")
"""A tool name both the OpenAI and the Anthropic APIs accept: 1 to 64 letters, digits, ``_`` or ``-``."""

DISPLAY_OPTIONS: Mapping[str, type] = {key: str if key == "title" else bool for key in MCP_ANNOTATIONS}
"""The keys of a tool's ``display_options`` and their types (exported to MCP as ``title`` and the
``readOnlyHint``, ``destructiveHint``, ``idempotentHint`` and ``openWorldHint`` annotations)."""

INSTALL_HINT = "pip install 'trigger-rest-client[ai]'"
DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAX_LISTED_ERRORS = 20
MAX_MESSAGE_CHARS = 200
_UNKNOWN = object()


def jsonschema_module() -> ModuleType:
    """The ``jsonschema`` package, imported on first use.

    Raises:
        ValidationError: it is not installed (the message names the ``ai`` extra).
    """
    try:
        return importlib.import_module("jsonschema")
    except ImportError:
        raise ValidationError(
            "AI tools check JSON Schemas with the jsonschema package, which is not installed: "
            f"{INSTALL_HINT}",
            field="parameters",
        ) from None


def check_tool_name(value: Any, field: str = "name") -> str:
    """A tool name: 1 to 64 ASCII letters, digits, ``_`` or ``-`` (what OpenAI and Anthropic require).

    Raises:
        ValidationError: anything else.
    """
    if not isinstance(value, str) or not TOOL_NAME_PATTERN.fullmatch(value):
        raise ValidationError(
            f"{field} must be 1 to 64 letters, digits, '_' or '-' (as the OpenAI and Anthropic APIs "
            f"require), got {value!r}"[:300],
            field=field,
        )
    return value


def check_description(value: Any, field: str = "description") -> str:
    """A description: a string that is not blank (models choose tools by it).

    Raises:
        ValidationError: not a string, or blank.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            f"{field} must be a non-blank string (the model reads it to choose the tool), got {value!r}"[
                :300
            ],
            field=field,
        )
    return check.utf8(value, field)


def check_display_options(value: Any, field: str = "display_options") -> dict[str, Any] | None:
    """None, or a mapping of the :data:`DISPLAY_OPTIONS` keys to values of their types, as a new dict.

    Raises:
        ValidationError: not a mapping, an unknown key, or a value of the wrong type.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValidationError(f"{field} must be a mapping or None, got {type(value).__name__}", field=field)
    options: dict[str, Any] = {}
    for key, item in value.items():
        kind = DISPLAY_OPTIONS.get(key) if isinstance(key, str) else None
        if kind is None:
            raise ValidationError(
                f"{field}: unknown option {key!r}; the options are {', '.join(DISPLAY_OPTIONS)}"[:300],
                field=field,
            )
        if kind is str:
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(
                    f"{field}[{key!r}] must be a non-blank string, got {item!r}"[:300], field=field
                )
            options[key] = check.utf8(item, f"{field}[{key!r}]")
        elif not isinstance(item, bool):
            raise ValidationError(f"{field}[{key!r}] must be a bool, got {item!r}"[:300], field=field)
        else:
            options[key] = item
    return options


def check_parameters(value: Any, field: str = "parameters") -> dict[str, Any]:
    """A JSON Schema of tool parameters, checked and copied (JSON in, JSON out).

    The schema must be valid for the dialect its ``$schema`` names (default: draft 2020-12) and describe
    an object (``"type": "object"`` at the top), as the OpenAI and Anthropic APIs require.

    Raises:
        ValidationError: not a JSON object, a ``$schema`` jsonschema does not know, a schema that is not
            valid for its dialect (the message names the failing keyword's path), a top level that is not
            ``"type": "object"``, or jsonschema missing.
    """
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"{field} must be a JSON Schema (a dict such as {{'type': 'object', 'properties': {{...}}}}), "
            f"got {type(value).__name__}",
            field=field,
        )
    schema: dict[str, Any] = json.loads(check.json_encode(dict(value), field))
    if schema.get("type") != "object":
        raise ValidationError(
            f'{field} must describe an object ("type": "object" at the top level), as the OpenAI and '
            f"Anthropic APIs require of tool parameters; got type {schema.get('type')!r}"[:300],
            field=field,
        )
    validator_class = _validator_class(schema, field)
    jsonschema = jsonschema_module()
    try:
        validator_class.check_schema(schema)
    except jsonschema.exceptions.SchemaError as exc:
        where = _path(exc.absolute_path, root="schema")
        raise ValidationError(
            f"{field} is not a valid JSON Schema: {where}: {_short(exc.message)}", field=field
        ) from None
    except RecursionError:
        raise ValidationError(f"{field} is nested too deeply to be checked", field=field) from None
    _check_references(schema, field)
    return schema


REFERENCE_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")
"""The keywords whose value points to another schema."""
_IN_PLACE = {"allOf": "list", "anyOf": "list", "oneOf": "list", "not": "one", "if": "one", "then": "one"}
_IN_PLACE |= {"else": "one", "dependentSchemas": "map", "dependencies": "map", "extends": "one-or-list"}
"""Keywords whose sub-schemas apply to the same value (no input is read on the way to them)."""
_NESTED = {"properties": "map", "patternProperties": "map", "$defs": "map", "definitions": "map"}
_NESTED |= {"prefixItems": "list", "items": "one-or-list", "additionalItems": "one"}
_NESTED |= {"additionalProperties": "one", "contains": "one", "propertyNames": "one"}
_NESTED |= {"unevaluatedItems": "one", "unevaluatedProperties": "one", "contentSchema": "one"}
"""Keywords whose sub-schemas apply to parts of the value (or are definitions). Data keywords (``const``,
``enum``, ``default``, ``examples``) and unknown ones hold no schema and are not walked."""


_DEFINITIONS = ("$defs", "definitions")
"""Keywords holding definitions: applied only where a reference points to them."""


def _children(node: dict[str, Any], *, definitions: bool = True) -> list[tuple[dict[str, Any], bool]]:
    """The sub-schemas of a schema object (booleans left out), each with whether it applies in place;
    ``definitions=False`` leaves out the definitions (``$defs``), which apply only through references."""
    found: list[tuple[dict[str, Any], bool]] = []
    for keywords, in_place in ((_IN_PLACE, True), (_NESTED, False)):
        for keyword, shape in keywords.items():
            if not definitions and keyword in _DEFINITIONS:
                continue
            value = node.get(keyword)
            if isinstance(value, dict) and shape == "map":
                values = list(value.values())
            elif isinstance(value, list) and shape in ("list", "one-or-list"):
                values = value
            else:
                values = [value] if shape in ("one", "one-or-list") else []
            found.extend((child, in_place) for child in values if isinstance(child, dict))
    return found


def _check_references(schema: dict[str, Any], field: str) -> None:
    """Refuse what would make a stored tool unable to validate, or make it fetch: a reference that
    leaves the schema (the client never fetches schemas), points to nothing or to something that is not
    a schema, a nested ``$id`` (the references are resolved against the whole schema), and a loop of
    references that reads no input (validating would never end).

    Raises:
        ValidationError: such a schema (the message names the reference).
    """
    import referencing
    import referencing.jsonschema

    dialect = schema.get("$schema", DEFAULT_DIALECT)
    resource = referencing.jsonschema.specification_with(dialect).create_resource(schema)
    root_id = resource.id()
    base = root_id or "urn:trigger-client:parameters"
    registry = referencing.Registry().with_resource(base, resource)
    # Anchors indexed once, not searched for at each lookup (referencing cannot crawl some old drafts'
    # schemas: they are looked up as they come).
    with contextlib.suppress(Exception):
        registry = registry.crawl()
    resolver = registry.resolver(base_uri=base)
    edges: dict[int, list[dict[str, Any]]] = {}
    applied: dict[int, list[dict[str, Any]]] = {}  # what validating a node goes on to: children and refs
    stack: list[dict[str, Any]] = [schema]
    while stack:
        node = stack.pop()
        if id(node) in edges:
            continue
        if node is not schema and isinstance(node.get("$id"), str):
            raise ValidationError(
                f"{field}: a nested $id ({node['$id']!r}) is not supported: tool parameters are one "
                "self-contained schema whose references point into it ('#/$defs/...')"[:400],
                field=field,
            )
        targets = [child for child, in_place in _children(node) if in_place]
        for keyword in REFERENCE_KEYWORDS:
            ref = node.get(keyword)
            if not isinstance(ref, str):
                continue
            if root_id and ref.startswith(root_id) and ref[len(root_id) : len(root_id) + 1] in ("", "#"):
                ref = "#" + ref[len(root_id) :].lstrip("#")
            if not ref.startswith("#"):
                raise ValidationError(
                    f"{field}: the reference {ref!r} points outside the schema: tool parameters must be "
                    "self-contained (put definitions under $defs and refer to them as '#/$defs/...'); the "
                    "client never fetches schemas"[:400],
                    field=field,
                )
            try:
                target = resolver.lookup(ref).contents
            except Exception:  # Unresolvable, or a pointer into a string or past the end of a list
                raise ValidationError(
                    f"{field}: the reference {ref!r} points to nothing in the schema"[:300], field=field
                ) from None
            if isinstance(target, bool):
                continue
            if not isinstance(target, dict):
                raise ValidationError(
                    f"{field}: the reference {ref!r} points to a {type(target).__name__}, not a schema"[:300],
                    field=field,
                )
            targets.append(target)
        edges[id(node)] = targets
        applied[id(node)] = [child for child, _in_place in _children(node, definitions=False)] + targets
        stack.extend(child for child, _in_place in _children(node))
        stack.extend(targets)  # a reference may point where no keyword leads (an unknown one)
    reached, work = {id(schema)}, [schema]  # a loop among definitions nothing refers to is harmless
    while work:
        for child in applied[id(work.pop())]:
            if id(child) not in reached:
                reached.add(id(child))
                work.append(child)
    _refuse_input_free_loops({key: edges[key] for key in reached}, field)


def _refuse_input_free_loops(edges: dict[int, list[dict[str, Any]]], field: str) -> None:
    """Refuse a cycle among the in-place edges (sub-schemas applied to the same value, references).

    Raises:
        ValidationError: such a cycle: validating would recurse without reading the arguments.
    """
    done: set[int] = set()
    for start in edges:
        if start in done:
            continue
        path: set[int] = set()
        work: list[tuple[int, int]] = [(start, 0)]
        while work:
            current, index = work.pop()
            targets = edges.get(current, [])
            if index == 0:
                path.add(current)
            if index < len(targets):
                work.append((current, index + 1))
                target = id(targets[index])
                if target in path:
                    raise ValidationError(
                        f"{field} refers to itself without reading the arguments (a loop of $ref through "
                        "allOf/anyOf/oneOf/not/if/then/else): it can validate nothing",
                        field=field,
                    )
                if target not in done:
                    work.append((target, 0))
            else:
                path.discard(current)
                done.add(current)


def _validator(schema: Mapping[str, Any]) -> Any:
    """A validator of ``schema`` (its dialect, formats checked) that resolves references within the
    schema only: nothing is ever fetched."""
    import referencing

    validator_class = _validator_class(schema, "parameters")
    return validator_class(
        schema, format_checker=validator_class.FORMAT_CHECKER, registry=referencing.Registry()
    )


def check_tool_record(name: str, record: Any) -> dict[str, Any]:
    """A tool's record read from the store (``{"name", "task_id", "description", "parameters",
    "display_options"}``), checked as ``create_tool`` checks what it stores, since another program may
    have written it. A record already checked is not checked again (a schema check takes about a
    millisecond): the SHA-256 digests of the last 65,536 records that passed are remembered (2 MiB).

    Returns:
        The record (the same object).

    Raises:
        ValidationError: the record is not one ``create_tool`` would store under ``name``.
    """
    if not isinstance(record, dict) or record.get("name") != name:
        raise ValidationError("not a tool record", field="name")
    digest = hashlib.sha256(check.json_encode(record, "tool")).digest()
    with _CHECKED_LOCK:
        if digest in _CHECKED:
            _CHECKED.move_to_end(digest)
            return record
    check_tool_name(name)
    check.path_segment(record.get("task_id"), "task_id")
    check_description(record.get("description"))
    check_parameters(record.get("parameters"))
    check_display_options(record.get("display_options"))
    with _CHECKED_LOCK:
        _CHECKED[digest] = None
        while len(_CHECKED) > MAX_CHECKED_RECORDS:
            _CHECKED.popitem(last=False)
    return record


MAX_CHECKED_RECORDS = 65_536
_CHECKED: collections.OrderedDict[bytes, None] = collections.OrderedDict()
_CHECKED_LOCK = threading.Lock()


def parse_arguments(value: Any, field: str = "arguments") -> dict[str, Any]:
    """Tool arguments as a new dict: a mapping, or the JSON text of an object (OpenAI sends
    ``function.arguments`` as text; Anthropic sends ``input`` as an object).

    Raises:
        ValidationError: text that is not JSON, or a value that is not a JSON object.
    """
    if isinstance(value, str | bytes | bytearray):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValidationError(f"{field} is not JSON text: {exc}", field=field) from None
        except RecursionError:
            raise ValidationError(f"{field} is nested too deeply", field=field) from None
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"{field} must be a JSON object (a dict, or its JSON text), got {type(value).__name__}",
            field=field,
        )
    parsed: dict[str, Any] = json.loads(check.json_encode(dict(value), field))
    return parsed


def validate_arguments(
    parameters: Mapping[str, Any], arguments: Any, *, tool: str, secrets: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Check ``arguments`` against the ``parameters`` schema (formats included); return them as a dict.

    Args:
        parameters: A schema that :func:`check_parameters` accepted.
        arguments: A mapping, or the JSON text of one.
        tool: The tool's name, for the message.
        secrets: Strings to keep out of the message (the client's key), besides anything key-like.

    Raises:
        ValidationError: the arguments do not match: the message lists each failing path (``$`` is the
            arguments object, ``$.items[0].name`` a nested value) with what is wrong there, at most 20.
    """
    document = parse_arguments(arguments)
    validator = _validator(parameters)
    try:
        errors = sorted(
            validator.iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.message)
        )
    except Exception as exc:  # a $ref that cannot be resolved surfaces only while validating
        raise ValidationError(
            f"the parameters of tool {tool!r} cannot be applied: {type(exc).__name__}: {_short(str(exc))}",
            field="parameters",
        ) from None
    if not errors:
        return document
    listed = "; ".join(f"{_path(e.absolute_path)}: {_short(e.message)}" for e in errors[:MAX_LISTED_ERRORS])
    more = f" (and {len(errors) - MAX_LISTED_ERRORS} more)" if len(errors) > MAX_LISTED_ERRORS else ""
    message = f"the arguments do not match the parameters of tool {tool!r}: {listed}{more}"
    raise ValidationError(redact_text(message, secrets), field="arguments")


def _validator_class(schema: Mapping[str, Any], field: str) -> Any:
    """The jsonschema validator class of the dialect ``$schema`` names (default: draft 2020-12)."""
    jsonschema = jsonschema_module()
    if "$schema" not in schema:
        return jsonschema.Draft202012Validator
    if not isinstance(schema["$schema"], str):
        raise ValidationError(
            f"{field}: $schema must be the URI of a JSON Schema dialect (a string), got "
            f"{type(schema['$schema']).__name__}",
            field=field,
        )
    found = jsonschema.validators.validator_for(schema, default=_UNKNOWN)
    if found is _UNKNOWN:
        raise ValidationError(
            f"{field}: unknown $schema {schema.get('$schema')!r} (use a JSON Schema dialect such as "
            "'https://json-schema.org/draft/2020-12/schema', or leave $schema out)"[:300],
            field=field,
        )
    return found


def _path(parts: Any, root: str = "$") -> str:
    """A JSONPath-like location: ``$``, ``$.name``, ``$.items[0]``, ``$["odd key"]``."""
    text = root
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif isinstance(part, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            text += f".{part}"
        else:
            text += f"[{json.dumps(part)}]"
    return text


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"
