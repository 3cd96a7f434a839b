"""Keeping secrets (API keys, JWTs, Authorization headers) out of messages, reprs and logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "<redacted>"

SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-trigger-jwt", "x-api-key"}
)
_SECRET_QUERY_KEYS = re.compile(
    r"(token|key|secret|signature|sig|jwt|password|auth|credential)", re.IGNORECASE
)
_TOKEN_PATTERN = re.compile(
    r"(tr_(?:dev|stg|prod|preview|pat|oat|uat)_[A-Za-z0-9_]+)|(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)"
)


_URL_USERINFO = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]*://)[^\s/?#\"<>{}`|\\^]*@")
"""The user info of a URL in text: from ``scheme://`` to the last ``@`` before the path, query or fragment
(and before a character a URL cannot hold, such as the quote that ends a JSON string)."""
_SECRET_QUERY_VALUE = re.compile(
    r"([?&][^=&\s#\"]*(?:token|key|secret|signature|sig|jwt|password|auth|credential)[^=&\s#\"]*=)(?!%3Credacted%3E|<redacted>)[^&\s#\"]+",
    re.IGNORECASE,
)
"""A secret-looking query parameter's value in text (``?signature=…`` of a presigned URL in a log line)."""


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` with Trigger.dev keys, JWTs, the user info of URLs (``redis://:password@host``),
    secret-looking query values (``?signature=…``) and each of ``secrets`` replaced by ``<redacted>``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    text = _URL_USERINFO.sub(rf"\1{REDACTED}@", _TOKEN_PATTERN.sub(REDACTED, text))
    return _SECRET_QUERY_VALUE.sub(rf"\1{REDACTED}", text)


def redact_url(url: str) -> str:
    """Return ``url`` without user info and with secret-looking query values replaced (a URL that cannot
    be parsed, such as ``redis://[::1``, comes back without its user info and its whole query)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        head, _, query = redact_text(url).partition("?")
        return f"{head}?{REDACTED}" if query else head
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = parts.query
    if query:
        pairs = [
            (k, REDACTED if _SECRET_QUERY_KEYS.search(k) else v)
            for k, v in parse_qsl(query, keep_blank_values=True)
        ]
        query = urlencode(pairs, safe="[],")
    return redact_text(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))


def redact_credential_url(url: str) -> str:
    """A URL given as configuration (a Redis URL), without anything between ``scheme://`` and its last
    ``@``: a password that was not percent-encoded may hold ``/``, ``?``, ``#`` or ``@``, which end the
    user info for a parser. Then as :func:`redact_url`."""
    scheme, separator, rest = url.partition("://")
    if separator and "@" in rest:
        url = f"{scheme}://{REDACTED}@{rest.rsplit('@', 1)[1]}"
    return redact_url(url)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Return a copy of ``headers`` whose secret headers are replaced by ``<redacted>``."""
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else redact_text(v)) for k, v in headers.items()}


def redact_json(value: Any, secrets: Iterable[str] = ()) -> Any:
    """A JSON value (or text) with :func:`redact_text` applied to every string in it."""
    if isinstance(value, str):
        return redact_text(value, secrets)
    if isinstance(value, list):
        return [redact_json(item, secrets) for item in value]
    if isinstance(value, dict):
        return {key: redact_json(item, secrets) for key, item in value.items()}
    return value


class RedactingFilter(logging.Filter):
    """A logging filter that removes Trigger.dev keys and JWTs from each record's message.

    Installed on the loggers of httpx and httpcore, which log response headers at DEBUG, so that the
    ``x-trigger-jwt`` tokens in trigger answers never reach a log.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with secrets redacted; never drops a record."""
        message = record.getMessage()
        cleaned = redact_text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactingFilter()
THIRD_PARTY_LOGGERS = ("httpx", "httpcore.http11", "httpcore.http2", "httpcore.connection", "httpcore.proxy")


def install_log_redaction() -> None:
    """Add :class:`RedactingFilter` to the httpx and httpcore loggers (once)."""
    for name in THIRD_PARTY_LOGGERS:
        log = logging.getLogger(name)
        if _FILTER not in log.filters:
            log.addFilter(_FILTER)
