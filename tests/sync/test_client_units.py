"""Unit tests of the client's parts that need no emulator: tokens, pacing,
backoff, money, error mapping."""

from __future__ import annotations

import random
import stat
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from sync.client import (
    FileTokenStore,
    ManualClock,
    MemoryTokenStore,
    RetryPolicy,
    TimeEntryRequest,
    TokenBucket,
    TokenSet,
    default_token_store,
    parse_money,
)
from sync.client.ratelimit import parse_retry_after
from sync.client.tokens import KeyringTokenStore, keyring_available
from sync.errors import (
    AuthError,
    BadRequest,
    ErrorDetail,
    MethodNotAllowed,
    NotFound,
    PageTokenExpired,
    PermissionDenied,
    RateLimited,
    ServerError,
    ValidationFailed,
    error_for_status,
)

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def tokens() -> TokenSet:
    return TokenSet("a", "r", NOW + timedelta(hours=24), scope="default", firm_uuid="f")


def test_file_token_store_is_private_and_round_trips(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "dir" / "tokens.json")
    assert store.load() is None
    store.save(tokens())
    assert stat.S_IMODE((tmp_path / "dir" / "tokens.json").stat().st_mode) == 0o600
    assert store.load() == tokens()
    store.clear()
    assert store.load() is None


def test_memory_store_and_default_store(tmp_path: Path) -> None:
    memory = MemoryTokenStore()
    memory.save(tokens())
    assert memory.load() == tokens() and memory.saves == 1
    chosen = default_token_store("firm-1", tmp_path / "t.json")
    expected = KeyringTokenStore if keyring_available() else FileTokenStore
    assert isinstance(chosen, expected)


def test_token_answer_keeps_firm_uuid_across_refresh() -> None:
    first = TokenSet.from_answer(
        {"access_token": "a", "refresh_token": "r", "expires_in": 86400, "firm_uuid": "F"}, NOW
    )
    second = TokenSet.from_answer(
        {"access_token": "b", "refresh_token": "s", "expires_in": 60}, NOW, first
    )
    assert second.firm_uuid == "F" and second.expires_at == NOW + timedelta(seconds=60)
    with pytest.raises(ValueError):
        TokenSet.from_answer({"access_token": "a"}, NOW)
    with pytest.raises(ValueError):
        TokenSet("a", "r", datetime(2026, 1, 1))


def test_token_bucket_paces_under_the_rate() -> None:
    clock = ManualClock(NOW)
    bucket = TokenBucket(clock, rate=20.0, capacity=4)
    stamps = []
    for _ in range(100):
        bucket.acquire()
        stamps.append(clock.monotonic())
    for i, stamp in enumerate(stamps):  # no one-second window holds 25 or more
        assert sum(1 for s in stamps[i:] if s < stamp + 1.0) < 25
    assert stamps[-1] == pytest.approx((100 - 4) / 20.0)


def test_full_jitter_backoff_and_retry_after() -> None:
    policy = RetryPolicy(max_attempts=6, base_seconds=0.5, cap_seconds=4.0)
    rng = random.Random(1)
    delays = [policy.delay(n, rng) for n in range(1, 8)]
    assert all(0 <= d <= min(4.0, 0.5 * 2 ** (n - 1)) for n, d in enumerate(delays, 1))
    assert policy.delay(1, rng, retry_after=3.0) >= 3.0
    assert parse_retry_after("2", NOW) == 2.0
    assert parse_retry_after("Mon, 04 May 2026 09:00:05 GMT", NOW) == 5.0
    assert parse_retry_after(None, NOW) is None and parse_retry_after("soon", NOW) is None


def test_money_is_exact() -> None:
    assert parse_money("450.0") == Decimal("450.0")
    assert parse_money(0.1) == Decimal("0.1")
    with pytest.raises(ValueError):
        parse_money("abc")
    with pytest.raises(TypeError):
        parse_money(True)
    body = TimeEntryRequest(
        case_id=1,
        staff_id=2,
        entry_date=date(2026, 5, 4),
        hours=Decimal("0.1"),
        rate=Decimal("450.00"),
        activity_name="Call",
    ).to_json()
    assert body["rate"] == 450 and body["hours"] == 0.1 and body["entry_date"] == "2026-05-04"
    with pytest.raises(ValueError):
        TimeEntryRequest(
            1, 2, date(2026, 5, 4), Decimal("0.1"), Decimal("1.00000000000000000001"), "Call"
        ).to_json()


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, BadRequest),
        (401, AuthError),
        (403, PermissionDenied),
        (404, NotFound),
        (405, MethodNotAllowed),
        (410, PageTokenExpired),
        (422, ValidationFailed),
        (429, RateLimited),
        (500, ServerError),
        (503, ServerError),
    ],
)
def test_one_status_mapping(status: int, kind: type[Exception]) -> None:
    assert type(error_for_status(status)) is kind


def test_expired_page_token_as_400() -> None:
    detail = ErrorDetail("page_token expired", parameter="page_token")
    assert isinstance(error_for_status(400, errors=(detail,)), PageTokenExpired)
    other = ErrorDetail("page_token is not valid", parameter="page_token")
    assert type(error_for_status(400, errors=(other,))) is BadRequest
    message = str(
        error_for_status(
            422,
            method="POST",
            path="/v1/time_entries",
            errors=(ErrorDetail("can't be blank", pointer="/rate"),),
        )
    )
    assert "/rate: can't be blank" in message
