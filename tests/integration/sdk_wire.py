"""What the official SDK 4.8.3 sent for an operation, and a check that a request this client sent to the
emulator is the same: method, path, query, JSON body and the protocol headers.

The recording is ``tests/fixtures/official-sdk-4.8.3.jsonl``: every request the SDK sent against a
recording server, one JSON object per line (credentials redacted), a copy of the project's reference
recording (``shared/reference/official-sdk-4.8.3.jsonl``). Requests are named ``"<label> #<seq>"``, such
as ``"runs.retrieve #24"``."""

from __future__ import annotations

import json
import pathlib
import urllib.parse
import uuid
from collections.abc import Mapping
from typing import Any

import httpx

from trigger_client._public_tokens import is_additional_api_key

RECORDING = pathlib.Path(__file__).parent.parent / "fixtures" / "official-sdk-4.8.3.jsonl"


def _load(path: pathlib.Path) -> dict[str, dict[str, Any]]:
    requests = {}
    for line in path.read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            requests[f"{record['label']} #{record['seq']}"] = record
    return requests


SDK_REQUESTS: dict[str, dict[str, Any]] = _load(RECORDING)
"""Every recorded request by name: ``method``, ``path``, ``query_params``, ``headers``, ``body`` (None
when it had none), ``response``."""

PROTOCOL_HEADERS = (
    "trigger-version",
    "x-trigger-api-version",
    "x-trigger-realtime-streams-version",
    "x-trigger-source",
)


def _replaced(value: Any, ids: Mapping[str, str]) -> Any:
    """``value`` with the SDK run's ids replaced by the ids of this test's objects."""
    text = json.dumps(value)
    for sdk_id, ours in ids.items():
        text = text.replace(sdk_id, ours)
    return json.loads(text)


def assert_matches_sdk(sent: Any, label: str, ids: Mapping[str, str] | None = None) -> None:
    """Assert that ``sent`` (a request the emulator recorded) is what the SDK sent for ``label``.

    Args:
        sent: the recorded request (``emulator.requests[i]``).
        label: the fixture key, such as ``"wait.createToken #93"``.
        ids: ids in the SDK's request to read as this test's ids (the SDK ran against other objects).
    """
    expected = _replaced(SDK_REQUESTS[label], ids or {})
    # The recording has the raw path; the emulator records it decoded once, as ASGI gives it.
    assert (sent.method, sent.path) == (expected["method"], urllib.parse.unquote(expected["path"]))
    query = sorted(httpx.QueryParams(sent.query).multi_items())
    assert query == sorted(
        (name, value) for name, values in expected["query_params"].items() for value in values
    )
    body = json.loads(sent.body) if sent.body else None
    assert body == expected["body"]
    headers = expected["headers"]
    for name in PROTOCOL_HEADERS:
        assert sent.headers.get(name) == headers[name], name
    if expected["body"] is not None:
        assert sent.headers["content-type"] == headers["content-type"]
    ours = sent.headers["authorization"].removeprefix("Bearer ")
    assert ours.startswith("tr_dev_")
    # The same kind of credential: the environment's secret key, or an additional API key.
    assert expected["auth"]["kind"] == ("additional_api_key" if is_additional_api_key(ours) else "secret_key")
    assert uuid.UUID(sent.headers["x-trigger-request-idempotency-key"]).version == 4
