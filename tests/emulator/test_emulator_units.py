"""Pure functions of the emulator: duration strings, instants and status vocabularies."""

from __future__ import annotations

import pytest

from trigger_client.emulator import _durations as d
from trigger_client.emulator import _statuses as st
from trigger_client.emulator._clock import MAX_ADVANCE_S, VirtualClock

NOW = 1_748_779_200_000  # 2025-06-01T12:00:00.000Z


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("30s", 30_000),
        ("1h30m", 5_400_000),
        ("2w", 1_209_600_000),
        ("1d12h", 129_600_000),
        ("2hr", 7_200_000),
        ("1h 30m", None),
        ("1.5h", None),
        ("ten minutes", None),
        ("", None),
        ("1" * 101 + "s", None),
    ],
)
def test_parse_duration(text: str, ms: int | None) -> None:
    assert d.parse_duration_ms(text) == ms


def test_stringify_duration_matches_the_server() -> None:
    assert [d.stringify_duration(s) for s in (3600, 90, 694_861, 0)] == ["1h", "1m30s", "1w1d1h1m1s", None]


def test_delay_parsing() -> None:
    assert d.parse_delay_ms("5m", NOW) == NOW + 300_000
    assert d.parse_delay_ms("2025-06-02T00:00:00.000Z", NOW) == NOW + 12 * 3_600_000
    assert d.parse_delay_ms("2025-06-01T11:00:00Z", NOW) is None  # past: no delay
    assert d.parse_delay_ms(NOW + 1000, NOW) == NOW + 1000
    assert d.parse_delay_ms("whenever", NOW) is None


def test_idempotency_key_ttl_falls_back_to_thirty_days() -> None:
    assert d.idempotency_key_expiry_ms("10m", NOW) == NOW + 600_000
    for unsupported in ("1w", "1h30m", None, 5):
        assert d.idempotency_key_expiry_ms(unsupported, NOW) == NOW + 30 * 86_400_000


def test_instants() -> None:
    assert d.iso_ms(NOW + 7) == "2025-06-01T12:00:00.007Z"
    assert d.parse_filter_instant_ms("1748736000000") == 1_748_736_000_000
    assert d.parse_filter_instant_ms("2025-06-01") == 1_748_736_000_000
    assert d.parse_filter_instant_ms("yesterday") is None
    assert d.parse_period_ms("7d") == 7 * 86_400_000
    assert d.parse_period_ms("90 minutes") == 5_400_000
    assert d.parse_period_ms("soon") is None


def test_instants_past_the_range_of_a_javascript_date() -> None:
    limit = 8_640_000_000_000_000
    assert d.parse_filter_instant_ms(str(limit)) == limit
    assert d.parse_filter_instant_ms(str(-limit)) == -limit
    for text in (str(limit + 1), str(10**30), "-1e30", "Infinity", "-inf", "1e400"):
        assert d.parse_filter_instant_ms(text) is None, text
    assert (d.parse_period_ms("99999999999y") or 0) > 2 * limit  # longer than all of time: read, not refused
    assert d.parse_period_ms("inf") is None and d.parse_period_ms("1e400") is None
    assert d.parse_period_ms("nan") is None


def test_delays_past_the_range_of_a_javascript_date_raise() -> None:
    assert d.parse_delay_ms(8_640_000_000_000_000, NOW) == 8_640_000_000_000_000
    for value in ("99999999999w", 8_640_000_000_000_001, 10**400, float("inf"), float("nan")):
        with pytest.raises(d.DelayOutOfRangeError):
            d.parse_delay_ms(value, NOW)
    with pytest.raises(ValueError):  # DelayOutOfRangeError is a ValueError
        d.parse_delay_ms("99999999999w", NOW)


def test_huge_idempotency_key_ttls_end_at_the_last_instant() -> None:
    assert d.idempotency_key_expiry_ms("99999999999999999999d", NOW) == d.JS_DATE_LIMIT_MS


@pytest.mark.parametrize(
    ("ttl", "resolved"),
    [
        ("10m", "10m"),
        ("14d", "14d"),
        ("2w", "2w"),
        ("2w1s", "14d"),
        ("15d", "14d"),
        ("99999999999w", "14d"),
        ("whenever", "14d"),
        (None, "14d"),
        ("", "14d"),
    ],
)
def test_run_ttl_is_capped_at_fourteen_days(ttl: str | None, resolved: str) -> None:
    assert d.resolve_run_ttl(ttl) == resolved


@pytest.mark.parametrize(
    ("epoch_ms", "text"),
    [
        (0, "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800_000, "+010000-01-01T00:00:00.000Z"),
        (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
        (-62_167_219_200_001, "-000001-12-31T23:59:59.999Z"),
        (8_640_000_000_000_000, "+275760-09-13T00:00:00.000Z"),
        (-8_640_000_000_000_000, "-271821-04-20T00:00:00.000Z"),
    ],
)
def test_iso_ms_writes_every_year_a_javascript_date_can_hold(epoch_ms: int, text: str) -> None:
    assert d.iso_ms(epoch_ms) == text


def test_virtual_clock_refuses_absurd_advances() -> None:
    clock = VirtualClock()
    for bad in (float("nan"), float("inf"), -0.001, 1e12, MAX_ADVANCE_S + 1, 10**400):
        with pytest.raises(ValueError):
            clock.advance(bad)
    assert clock.offset_s == 0
    clock.advance(MAX_ADVANCE_S)
    assert clock.offset_s == MAX_ADVANCE_S
    clock.advance(0.5)
    assert clock.offset_s == MAX_ADVANCE_S + 0.5


def test_every_internal_status_maps_into_the_public_enums() -> None:
    v4 = {
        "PENDING_VERSION", "QUEUED", "DEQUEUED", "EXECUTING", "WAITING", "DELAYED", "COMPLETED", "CANCELED",
        "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT",
    }  # fmt: skip
    legacy = {
        "PENDING_VERSION", "WAITING_FOR_DEPLOY", "QUEUED", "EXECUTING", "REATTEMPTING", "FROZEN", "COMPLETED",
        "CANCELED", "FAILED", "CRASHED", "INTERRUPTED", "SYSTEM_FAILURE", "DELAYED", "EXPIRED", "TIMED_OUT",
    }  # fmt: skip
    assert {st.public_status(s, v4=True) for s in st.INTERNAL_STATUSES} == v4
    assert {st.public_status(s, v4=False) for s in st.INTERNAL_STATUSES} == legacy
    for name in v4 | legacy:
        assert st.filter_statuses(name), name
    assert st.filter_statuses("DONE") is None
    assert st.forced_status("QUEUED") == "PENDING" and st.forced_status("SOMETHING_NEW") == "SOMETHING_NEW"
