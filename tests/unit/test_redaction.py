"""What the redaction of messages removes (keys, tokens, JWTs, URL user info) and what it leaves alone."""

from __future__ import annotations

import pickle

import pytest

from trigger_client import StoreError, TriggerError, ValidationError
from trigger_client._redact import redact_credential_url, redact_text, redact_url

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("key tr_dev_abc123 and tr_pat_0123", "key <redacted> and <redacted>"),
        (f"jwt {JWT}", "jwt <redacted>"),
        ("cannot reach redis://:hunter2@cache:6379/0", "cannot reach redis://<redacted>@cache:6379/0"),
        ("see https://user:pw@example.com/a?b=1", "see https://<redacted>@example.com/a?b=1"),
        ("postgres://admin@db/x", "postgres://<redacted>@db/x"),
        ("redis://:p@ss@cache.internal:6379", "redis://<redacted>@cache.internal:6379"),
        # Left alone: an e-mail address, an @ in a path, a URL without user info, a prefix with no token.
        ("mail ada@example.com", "mail ada@example.com"),
        (
            "https://example.com/@ada and http://example.com/a",
            "https://example.com/@ada and http://example.com/a",
        ),
        ("a tr_pat_ key", "a tr_pat_ key"),
        (
            "GET https://api.example.com?email=alice@example.com",
            "GET https://api.example.com?email=alice@example.com",
        ),
        ("see https://example.com#user@host", "see https://example.com#user@host"),
        (
            '{"callbackUrl":"https://hooks.example.com","owner":"ada@example.com"}',
            '{"callbackUrl":"https://hooks.example.com","owner":"ada@example.com"}',
        ),
        (
            "PUT http://h/_storage/p.json?expires=123&signature=4cf45526 200",
            "PUT http://h/_storage/p.json?expires=123&signature=<redacted> 200",
        ),
        (
            "GET /api/v1/runs?page%5Bsize%5D=10&token=%3Credacted%3E",
            "GET /api/v1/runs?page%5Bsize%5D=10&token=%3Credacted%3E",
        ),
    ],
)
def test_redact_text(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_redact_url_survives_what_it_cannot_parse() -> None:
    assert redact_url("redis://:pw@[::1:6379/0") == "redis://<redacted>@[::1:6379/0"
    assert redact_url("https://[::1/?token=abc123") == "https://[::1/?<redacted>"
    assert redact_credential_url("redis://:hun/ter@host:6379/0") == "redis://host:6379/0"
    assert (
        redact_url("https://u:p@example.com/x?token=abc&n=1")
        == "https://example.com/x?token=%3Credacted%3E&n=1"
    )


@pytest.mark.parametrize("error_class", [TriggerError, ValidationError, StoreError])
def test_every_error_message_is_redacted_whatever_it_shows(error_class: type[TriggerError]) -> None:
    error = error_class(f"got 'tr_prod_secret1' and redis://:pw@h/0 and {JWT}")
    expected = "got '<redacted>' and redis://<redacted>@h/0 and <redacted>"
    assert (str(error), error.message, error.args) == (expected, expected, (expected,))
    assert "secret1" not in repr(error)
    restored = pickle.loads(pickle.dumps(error))
    assert str(restored) == expected
