"""The headers the pipeline adds to a request: the protocol headers for API calls, and none of them (no
credential either) for the URLs the server hands out."""

from __future__ import annotations

import httpx

from trigger_client._config import resolve_config
from trigger_client._pipeline import CallSettings, prepare_request
from trigger_client._types import RequestOptions

KEY = "tr_dev_abcdefghijklmnopqrstuvwx"


def _prepared(*, external: bool) -> httpx.Request:
    config = resolve_config(
        api_key=KEY,
        base_url="http://127.0.0.1:1",
        preview_branch="feature/x",
        default_headers={"x-default": "1"},
        environ={},
    )
    options = RequestOptions(extra_headers={"x-call": "2"}, idempotency_key="request-1")
    request = httpx.Request("PUT", "https://storage.example/packets/p.json", content=b"{}")
    prepare_request(request, CallSettings(config, options, external=external))
    return request


def test_api_requests_carry_the_credential_and_protocol_headers() -> None:
    headers = _prepared(external=False).headers
    assert headers["authorization"] == f"Bearer {KEY}"
    assert (headers["x-trigger-api-version"], headers["trigger-version"]) == ("2025-07-16", "4.8.3")
    assert (headers["x-trigger-branch"], headers["x-default"], headers["x-call"]) == ("feature/x", "1", "2")
    assert headers["x-trigger-request-idempotency-key"] == "request-1"


def test_external_requests_carry_no_credential_and_no_protocol_headers() -> None:
    headers = _prepared(external=True).headers
    sent = {name for name in headers if name.startswith(("x-trigger", "trigger-", "authorization"))}
    assert sent == {"x-trigger-request-idempotency-key"}
    assert "x-default" not in headers
    assert headers["x-call"] == "2"
