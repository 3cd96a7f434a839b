"""Waitpoint tokens: the ``/api/v1/waitpoints/tokens…`` routes, with timeouts on the virtual clock.

Behaviour and messages follow the Trigger.dev server (``routes/api.v1.waitpoints.tokens*.ts``, the run
engine's ``createManualWaitpoint``/``completeWaitpoint``, ``ApiWaitpointPresenter``,
``WaitpointListPresenter``, ``httpCallback.server.ts``):

* Ids are ``waitpoint_<internal id>``; routes take either form. The callback URL is
  ``<origin>/api/v1/waitpoints/tokens/<id>/callback/<hash>``, the hash being the hex HMAC-SHA256 of the
  internal id keyed with the environment's secret key. Create answers carry a 24-hour public access
  token with the scope ``write:waitpoints:<id>``, which the complete route accepts.
* An idempotency key returns the token made with it (``isCached: true``) until its TTL (``^\\d+[smhd]$``;
  other forms and no TTL: never) has passed; then the old token keeps the key as its inactive key and a
  new token is made. More than 10 tags is a 422.
* A token whose timeout has passed (on the virtual clock) is completed with the error output
  ``{"code": "TRIGGER_WAITPOINT_TIMEOUT", "message": "Waitpoint timed out at <timeout>"}`` and reads as
  ``TIMED_OUT``. Completion data is stored with superjson (``application/super+json``; a string as
  ``text/plain``); completing a completed token changes nothing.
* Retrieving an unknown token is a 500 (the server's "Waitpoint not found" error is not mapped). The
  list is ordered by internal id, newest first, with internal ids as cursors, and sorts each token's tags.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import string
import threading
from collections.abc import Callable, Mapping
from typing import Any

from . import _packets as packets
from ._clock import VirtualClock
from ._durations import iso_ms, parse_delay_ms, parse_filter_instant_ms, parse_period_ms
from ._service import ApiError, Environment, Response, TriggerService
from ._store import Store
from ._tokens import claims_header, public_access_token
from ._validation import MAX_IDEMPOTENCY_KEY_LENGTH, MAX_TAG_LENGTH, Issues, loads_request_json, type_name

PREFIX = "waitpoint_"
MAX_TAGS = 10
MAX_COMPLETION_BYTES = 3 * 1024 * 1024
"""The complete and callback routes take bodies of at most 3 MiB (``TASK_PAYLOAD_MAXIMUM_SIZE``)."""
TOKEN_LIFETIME_S = 24 * 3600
TIMEOUT_ERROR_CODE = "TRIGGER_WAITPOINT_TIMEOUT"
STATUSES = ("WAITING", "COMPLETED", "TIMED_OUT")
_NO_DATA: Any = object()
_TTL = re.compile(r"^(\d+)([smhd])$")
_TTL_MS = {"s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}
_BASE36 = string.digits + string.ascii_lowercase

_SCHEMA = """
CREATE TABLE IF NOT EXISTS waitpoints (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    user_provided_key INTEGER NOT NULL,
    idempotency_key_expires_at INTEGER,
    inactive_idempotency_key TEXT,
    completed_after INTEGER,
    completed_at INTEGER,
    output TEXT,
    output_type TEXT NOT NULL,
    output_is_error INTEGER NOT NULL,
    tags TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS waitpoints_due ON waitpoints (status, completed_after);
"""


def _base36(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits.append(_BASE36[digit])
    return "".join(reversed(digits))


def callback_hash(internal_id: str, api_key: str) -> str:
    """The hash of a token's callback URL: hex HMAC-SHA256 of the internal id, keyed with the API key."""
    return hmac.new(api_key.encode("utf-8"), internal_id.encode("utf-8"), hashlib.sha256).hexdigest()


def internal_id(token_id: str) -> str:
    """The internal id of ``waitpoint_<id>`` (other values are taken as internal ids, as the server does).

    Raises:
        ValueError: a ``waitpoint_`` id that is not ``<entity>_<id>`` (the server's "Invalid friendly ID
            format").
    """
    if not token_id.startswith(PREFIX):
        return token_id
    parts = token_id.split("_")
    if len(parts) != 2 or not parts[1]:
        raise ValueError("Invalid friendly ID format")
    return parts[1]


class WaitpointService:
    """The waitpoint tokens of the emulated environment."""

    def __init__(
        self, store: Store, clock: VirtualClock, environment: Environment, origin: Callable[[], str]
    ) -> None:
        """Bind the service to the emulator's state.

        Args:
            store: where tokens are kept.
            clock: the virtual clock (creation, timeouts, completion).
            environment: the environment (its secret key signs callback URLs and tokens).
            origin: the emulator's base URL, for callback URLs.
        """
        self.store = store
        self.clock = clock
        self.environment = environment
        self.origin = origin
        self._ids = threading.Lock()
        self._counter = 0
        store.add_tables(("waitpoints",), _SCHEMA)

    def _new_internal_id(self, now: int) -> str:
        """A cuid-like id that sorts by creation time (the server orders and pages tokens by id)."""
        with self._ids:
            self._counter = (self._counter + 1) % 36**3
            counter = self._counter
        return "c" + _base36(max(now, 0), 9) + _base36(counter, 3) + _base36(secrets.randbits(62), 12)

    def _url(self, internal: str) -> str:
        hashed = callback_hash(internal, self.environment.api_key)
        return f"{self.origin()}/api/v1/waitpoints/tokens/{PREFIX}{internal}/callback/{hashed}"

    # Routes

    def create(self, body: Any) -> Response:
        """``POST /api/v1/waitpoints/tokens`` (after authentication, the size check and JSON parsing).

        Returns:
            ``(200, {"id", "isCached", "url"}, {x-trigger-jwt, x-trigger-jwt-claims})``.

        Raises:
            ApiError: 400 for a body the schema refuses; 422 for more than 10 tags.
        """
        issues = Issues()
        _check_create(issues, body)
        if issues:
            raise ApiError(400, {"error": issues.message()})
        now = self.clock.now_ms()
        ttl = body.get("idempotencyKeyTTL")
        found = _TTL.match(ttl) if isinstance(ttl, str) else None
        expires_at = now + int(found.group(1)) * _TTL_MS[found.group(2)] if found else None
        timeout = body.get("timeout")
        if isinstance(timeout, str):
            timeout_at = parse_delay_ms(timeout, now) if timeout else None
        else:  # z.coerce.date(): a number (or null, a boolean) is an instant, even a past one
            timeout_at = None if "timeout" not in body else int(timeout or 0)
        tags = body.get("tags")
        tags = [tags] if isinstance(tags, str) else tags
        if tags and len(tags) > MAX_TAGS:
            raise ApiError(
                422,
                {"error": f"Waitpoints can only have {MAX_TAGS} tags, you're trying to set {len(tags)}."},
            )
        key = body.get("idempotencyKey") or None
        self.time_out_due()
        with self.store.transaction():
            existing = self._find("idempotency_key = ?", key) if key else None
            if existing is not None:
                expiry = existing["idempotency_key_expires_at"]
                if expiry is None or now <= expiry:
                    return self._created(existing["id"], cached=True)
                self.store.execute(
                    "UPDATE waitpoints SET idempotency_key = ?, inactive_idempotency_key = ? WHERE id = ?",
                    (secrets.token_urlsafe(18), key, existing["id"]),
                )
            internal = self._new_internal_id(now)
            self.store.execute(
                "INSERT INTO waitpoints (id, status, idempotency_key, user_provided_key, "
                "idempotency_key_expires_at, inactive_idempotency_key, completed_after, completed_at, "
                "output, output_type, output_is_error, tags, created_at) "
                "VALUES (?, 'PENDING', ?, ?, ?, NULL, ?, NULL, NULL, ?, 0, ?, ?)",
                (
                    internal,
                    key or secrets.token_urlsafe(18),
                    int(key is not None),
                    expires_at,
                    timeout_at,
                    packets.JSON,
                    json.dumps(tags or []),
                    now,
                ),
            )
        return self._created(internal, cached=False)

    def _created(self, internal: str, *, cached: bool) -> Response:
        token_id = PREFIX + internal
        scopes = [f"write:waitpoints:{token_id}"]
        headers = {
            "x-trigger-jwt-claims": claims_header(self.environment.id),
            "x-trigger-jwt": public_access_token(
                self.environment.api_key, self.environment.id, scopes, TOKEN_LIFETIME_S
            ),
        }
        return 200, {"id": token_id, "isCached": cached, "url": self._url(internal)}, headers

    def list_tokens(self, query: Mapping[str, str]) -> Response:
        """``GET /api/v1/waitpoints/tokens``: newest first, cursor pages.

        Raises:
            ApiError: 400 ``Query Error`` for a bad ``page[size]``, status or date.
        """
        issues = Issues()
        size = TriggerService._page_size(issues, query.get("page[size]"))
        statuses: list[str] = []
        if query.get("filter[status]"):
            names = query["filter[status]"].split(",")
            invalid = [name for name in names if name not in STATUSES]
            if invalid:
                issues.add(["filter[status]"], f"Invalid status values: {', '.join(invalid)}")
            statuses = list(dict.fromkeys(names))
        bounds: dict[str, int | None] = {}
        for bound in ("from", "to"):
            name = f"filter[createdAt][{bound}]"
            raw = query.get(name)
            bounds[bound] = None if raw is None else parse_filter_instant_ms(raw)
            if raw is not None and bounds[bound] is None:
                issues.add([name], "Invalid date", "invalid_date")
        if issues:
            raise ApiError(400, {"error": "Query Error", "details": issues.items})
        self.time_out_due()
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        cursor, backward = query.get("page[after]") or None, False
        if query.get("page[before]"):
            cursor, backward = query["page[before]"], True
        if cursor:
            where.append("id > ?" if backward else "id < ?")
            params.append(cursor)
        wanted = {"WAITING": "PENDING", "COMPLETED": "COMPLETED", "TIMED_OUT": "COMPLETED"}
        if statuses:
            stored = sorted({wanted[name] for name in statuses})
            where.append(f"status IN ({','.join('?' for _ in stored)})")
            params.extend(stored)
            if statuses in (["COMPLETED"], ["TIMED_OUT"]):
                where.append("output_is_error = ?")
                params.append(int(statuses == ["TIMED_OUT"]))
        key = query.get("filter[idempotencyKey]")
        if key:
            where.append("(idempotency_key = ? OR inactive_idempotency_key = ?)")
            params.extend([key, key])
        period = query.get("filter[createdAt][period]")
        period_ms = parse_period_ms(period) if period else None
        low = None if period_ms is None else self.clock.now_ms() - period_ms
        if bounds["from"] is not None:
            low = bounds["from"] if low is None else max(low, bounds["from"])
        if low is not None:
            where.append("created_at >= ?")
            params.append(low)
        if bounds["to"] is not None:
            where.append("created_at <= ?")
            params.append(bounds["to"])
        tags = query.get("filter[tags]")
        if tags:
            names = tags.split(",")
            marks = ",".join("?" for _ in names)
            where.append(f"EXISTS (SELECT 1 FROM json_each(waitpoints.tags) WHERE value IN ({marks}))")
            params.extend(names)
        rows = self.store.query(
            f"SELECT * FROM waitpoints WHERE {' AND '.join(where)} "
            f"ORDER BY id {'ASC' if backward else 'DESC'} LIMIT ?",
            (*params, size + 1),
        )
        has_more = len(rows) > size
        following = previous = None
        if not backward:
            previous = rows[0]["id"] if cursor and rows else None
            following = rows[size - 1]["id"] if has_more else None
            page = rows[:size]
        else:
            rows.reverse()
            if has_more:
                previous, following = rows[1]["id"], rows[size]["id"]
                page = rows[1 : size + 1]
            else:
                following = rows[size - 1]["id"] if len(rows) >= size else None
                page = rows[:size]
        pagination = {
            name: value for name, value in (("next", following), ("previous", previous)) if value is not None
        }
        return 200, {"data": [self._list_item(row) for row in page], "pagination": pagination}, {}

    def retrieve(self, token_id: str) -> Response:
        """``GET /api/v1/waitpoints/tokens/{waitpointId}``.

        Raises:
            ApiError: 500 ``Internal Server Error`` for an unknown (or malformed) token id.
        """
        self.time_out_due()
        row = self._by_param(token_id)
        if row is None:
            raise ApiError(500, {"error": "Internal Server Error"})
        body: dict[str, Any] = {
            "id": PREFIX + row["id"],
            "type": "MANUAL",
            "url": self._url(row["id"]),
            "status": _public_status(row),
            "idempotencyKey": row["idempotency_key"],
            "userProvidedIdempotencyKey": bool(row["user_provided_key"]),
        }
        _put_instant(body, "idempotencyKeyExpiresAt", row["idempotency_key_expires_at"])
        if row["inactive_idempotency_key"] is not None:
            body["inactiveIdempotencyKey"] = row["inactive_idempotency_key"]
        if row["output"] is not None:
            body["output"] = row["output"]
        body["outputType"] = row["output_type"]
        body["outputIsError"] = bool(row["output_is_error"])
        _put_instant(body, "timeoutAt", row["completed_after"])
        _put_instant(body, "completedAfter", row["completed_after"])
        _put_instant(body, "completedAt", row["completed_at"])
        body["createdAt"] = iso_ms(row["created_at"])
        body["tags"] = json.loads(row["tags"])
        return 200, body, {}

    def complete(self, token_id: str, body: Any) -> Response:
        """``POST /api/v1/waitpoints/tokens/{waitpointId}/complete`` (after authentication, the scope
        check, the size check and JSON parsing).

        Raises:
            ApiError: 400 for a body that is not an object; 404 ``Waitpoint not found``.
        """
        if not isinstance(body, dict):
            raise ApiError(400, {"error": f"Validation error: Expected object, received {type_name(body)}"})
        self.time_out_due()
        row = self._by_param(token_id)
        if row is None:
            raise ApiError(404, {"error": "Waitpoint not found"})
        self._complete(row["id"], body.get("data", _NO_DATA))
        return 200, {"success": True}, {}

    def callback(self, token_id: str, hashed: str, content_length: str | None, raw: bytes) -> Response:
        """``POST /api/v1/waitpoints/tokens/{waitpointId}/callback/{hash}`` (no authentication).

        Raises:
            ApiError: 411 without ``Content-Length``; 413 over 3 MiB; 404 ``Waitpoint not found``; 401
                for a wrong hash; 500 for a hash of the right length that is not hex.
            ValueError: a malformed ``waitpoint_`` id (the route throws before its error handling).
        """
        if not content_length:
            raise ApiError(411, {"error": "Content-Length header is required"})
        if _leading_int(content_length) > MAX_COMPLETION_BYTES:
            raise ApiError(413, {"error": "Request body too large"})
        internal = internal_id(token_id)
        self.time_out_due()
        row = self._find("id = ?", internal)
        if row is None:
            raise ApiError(404, {"error": "Waitpoint not found"})
        expected = bytes.fromhex(callback_hash(internal, self.environment.api_key))
        if len(hashed) == len(expected) * 2:
            given = _hex_prefix(hashed)
            if len(given) != len(expected):  # Node's timingSafeEqual throws on unequal lengths
                raise ApiError(500, {"error": "Failed to complete HTTP callback"})
            matches = hmac.compare_digest(given, expected)
        else:
            matches = False
        if not matches:
            raise ApiError(401, {"error": "Invalid URL, hash doesn't match"})
        if row["status"] != "COMPLETED":
            try:
                data = loads_request_json(raw.decode("utf-8-sig"))
            except ValueError:
                data = {}
            self._complete(internal, data)
        return 200, {"success": True}, {}

    # Lifecycle

    def time_out_due(self) -> int | None:
        """Complete every waiting token whose timeout has passed with the timeout error (a scheduler tick
        hook; also run before every answer, so that answers follow the virtual clock).

        Returns:
            The next timeout (epoch ms of the virtual clock), or None.
        """
        now = self.clock.now_ms()
        with self.store.transaction():
            due = self.store.query(
                "SELECT id, completed_after FROM waitpoints "
                "WHERE status = 'PENDING' AND completed_after <= ?",
                (now,),
            )
            for row in due:
                error = {
                    "code": TIMEOUT_ERROR_CODE,
                    "message": f"Waitpoint timed out at {iso_ms(row['completed_after'])}",
                }
                self.store.execute(
                    "UPDATE waitpoints SET status = 'COMPLETED', completed_at = ?, output = ?, "
                    "output_type = ?, output_is_error = 1 WHERE id = ? AND status = 'PENDING'",
                    (row["completed_after"], packets.to_json_text(error), packets.JSON, row["id"]),
                )
            following = self.store.query(
                "SELECT MIN(completed_after) AS t FROM waitpoints WHERE status = 'PENDING'"
            )[0]["t"]
        if due:
            self.store.changes.notify()
        return None if following is None else int(following)

    def token_state(self, token_id: str) -> tuple[str, Any] | None:
        """``(status, decoded output)`` of a token, or None when there is none (for waiting task handlers)."""
        self.time_out_due()
        row = self._by_param(token_id)
        if row is None:
            return None
        value = packets.decode_packet(row["output"], row["output_type"])
        return _public_status(row), None if value is packets.MISSING else value

    def _complete(self, internal: str, data: Any) -> None:
        """Store ``data`` as the output (as ``stringifyIO`` does: superjson, a string as text, no data or
        an empty string as no output) and complete the token if it is waiting."""
        output: str | None = None
        output_type = packets.JSON
        if data is _NO_DATA:
            pass
        elif isinstance(data, str):
            output, output_type = data, packets.TEXT
        else:
            output, output_type = packets.to_json_text({"json": data}), packets.SUPERJSON
        self.store.execute(
            "UPDATE waitpoints SET status = 'COMPLETED', completed_at = ?, output = ?, output_type = ?, "
            "output_is_error = 0 WHERE id = ? AND status = 'PENDING'",
            (self.clock.now_ms(), output or None, output_type if output else packets.JSON, internal),
        )
        self.store.changes.notify()

    def _find(self, where: str, value: Any) -> Any:
        rows = self.store.query(f"SELECT * FROM waitpoints WHERE {where}", (value,))
        return rows[0] if rows else None

    def _by_param(self, token_id: str) -> Any:
        try:
            return self._find("id = ?", internal_id(token_id))
        except ValueError:
            return None

    def _list_item(self, row: Any) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": PREFIX + row["id"],
            "url": self._url(row["id"]),
            "status": _public_status(row),
        }
        _put_instant(item, "completedAt", row["completed_at"])
        _put_instant(item, "timeoutAt", row["completed_after"])
        _put_instant(item, "completedAfter", row["completed_after"])
        if row["user_provided_key"]:
            item["idempotencyKey"] = row["inactive_idempotency_key"] or row["idempotency_key"]
        _put_instant(item, "idempotencyKeyExpiresAt", row["idempotency_key_expires_at"])
        item["tags"] = sorted(json.loads(row["tags"]))
        item["createdAt"] = iso_ms(row["created_at"])
        return item


def _public_status(row: Any) -> str:
    if row["status"] == "PENDING":
        return "WAITING"
    return "TIMED_OUT" if row["output_is_error"] else "COMPLETED"


def _put_instant(body: dict[str, Any], name: str, epoch_ms: int | None) -> None:
    if epoch_ms is not None:
        body[name] = iso_ms(epoch_ms)


def _leading_int(text: str) -> int:
    """``parseInt`` of a header: the leading digits (no digits: NaN, which compares as not too large)."""
    digits = ""
    for char in text.strip():
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits else 0


def _hex_prefix(text: str) -> bytes:
    """``Buffer.from(text, "hex")``: the bytes of the leading pairs of hex digits."""
    result = bytearray()
    for index in range(0, len(text) - 1, 2):
        pair = text[index : index + 2]
        if not all(char in string.hexdigits for char in pair):
            break
        result.append(int(pair, 16))
    return bytes(result)


def _check_create(issues: Issues, body: Any) -> None:
    """``CreateWaitpointTokenRequestBody`` as zod checks it."""
    if not isinstance(body, dict):
        issues.add([], f"Expected object, received {type_name(body)}", "invalid_type")
        return
    key: Any = body.get("idempotencyKey")
    if (
        "idempotencyKey" in body
        and issues.expect_type(["idempotencyKey"], key, "string")
        and len(key) > MAX_IDEMPOTENCY_KEY_LENGTH
    ):
        issues.add(["idempotencyKey"], "idempotencyKey must be 2048 characters or less", "too_big")
    if "idempotencyKeyTTL" in body:
        issues.expect_type(["idempotencyKeyTTL"], body["idempotencyKeyTTL"], "string")
    if "timeout" in body:
        timeout = body["timeout"]
        if not (
            isinstance(timeout, str)
            or timeout is None
            or isinstance(timeout, bool)
            or (isinstance(timeout, int | float) and abs(timeout) <= 8.64e15)
        ):
            issues.add(["timeout"], "Invalid input", "invalid_union")
    if "tags" in body:
        tags = body["tags"]
        too_long = "Tags must be less than 128 characters"
        if isinstance(tags, str):
            if len(tags) > MAX_TAG_LENGTH:
                issues.add(["tags"], too_long, "too_big")
        elif isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
            for index, tag in enumerate(tags):
                if len(tag) > MAX_TAG_LENGTH:
                    issues.add(["tags", index], too_long, "too_big")
        else:
            issues.add(["tags"], "Invalid input", "invalid_union")
