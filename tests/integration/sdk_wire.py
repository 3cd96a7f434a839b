"""What the official SDK 4.8.3 sent for an operation (``tests/fixtures/official_sdk_4.8.3_requests.json``,
recorded from ``/work/shared/reference/official-sdk-4.8.3.jsonl``), and a check that a request this client
sent to the emulator is the same: method, path, query, JSON body and the protocol headers."""

from __future__ import annotations

import json
import pathlib
import uuid
from collections.abc import Mapping
from typing import Any

import httpx

SDK_REQUESTS: dict[str, dict[str, Any]] = json.loads(
    (pathlib.Path(__file__).parent.parent / "fixtures" / "official_sdk_4.8.3_requests.json").read_text()
)

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
    assert (sent.method, sent.path) == (expected["method"], expected["path"])
    query = sorted(httpx.QueryParams(sent.query).multi_items())
    assert query == sorted(
        (name, value) for name, values in expected["query_params"].items() for value in values
    )
    body = json.loads(sent.body) if sent.body else None
    assert body == expected.get("body")
    headers = expected["headers"]
    for name in PROTOCOL_HEADERS:
        assert sent.headers.get(name) == headers[name], name
    if "body" in expected:
        assert sent.headers["content-type"] == headers["content-type"]
    assert sent.headers["authorization"].startswith("Bearer tr_dev_")
    assert headers["authorization"].startswith("Bearer <redacted-len-37-prefix-tr_dev>")
    assert uuid.UUID(sent.headers["x-trigger-request-idempotency-key"]).version == 4
