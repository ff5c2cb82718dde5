"""Unit tests of the client's parts that need no emulator: tokens, pacing,
backoff, money, error mapping."""

from __future__ import annotations

import random
import stat
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from sync.client import (
    FileTokenStore,
    ManualClock,
    MemoryTokenStore,
    MyCaseClient,
    MyCaseConfig,
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
    ReauthorizationRequired,
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


@pytest.mark.parametrize("status", [400, 404, 410, 422])
def test_any_4xx_naming_the_page_token_restarts_the_listing(status: int) -> None:
    # Servers differ: 410, or 400 / 422 with `source.parameter = "page_token"`, whatever
    # the description says. A token is all a next link carries that the client did not choose.
    for words in ("page_token expired", "page_token is not valid", "is invalid"):
        detail = ErrorDetail(words, parameter="page_token")
        assert isinstance(error_for_status(status, errors=(detail,)), PageTokenExpired)
    if status != 410:  # 410 Gone is an expired token whatever it names
        other = ErrorDetail("is invalid", parameter="filter[updated_after]")
        assert not isinstance(error_for_status(status, errors=(other,)), PageTokenExpired)


def test_a_refused_refresh_token_says_how_to_reconnect() -> None:
    refused = ReauthorizationRequired(400, "POST", "/tokens", (ErrorDetail("invalid_grant"),))
    message = str(refused)
    assert "expired" in message and "tenths connect" in message and "invalid_grant" in message
    assert not message.startswith("MyCase answered 400")
    message = str(
        error_for_status(
            422,
            method="POST",
            path="/v1/time_entries",
            errors=(ErrorDetail("can't be blank", pointer="/rate"),),
        )
    )
    assert "/rate: can't be blank" in message


def test_maintenance_is_waited_out_within_its_budget_and_other_errors_are_not() -> None:
    policy = RetryPolicy(max_attempts=3, maintenance_seconds=60.0)
    assert policy.may_retry(10, 503, waited=59.0)
    assert not policy.may_retry(10, 503, waited=60.0)
    assert policy.may_retry(2, 500, waited=0.0) and not policy.may_retry(3, 500, waited=0.0)
    assert not policy.may_retry(3, None, waited=0.0)


def test_the_page_size_setting_reaches_every_listing(tmp_path: Path) -> None:
    from app.mycase import client_for
    from tenths.settings import load_settings

    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params["page_size"])
        return httpx.Response(200, json=[])

    settings_file = tmp_path / "tenths.toml"
    settings_file.write_text("[mycase]\npage_size = 200\n")
    env = {"TENTHS_MYCASE_CLIENT_ID": "firm-app", "TENTHS_DATA_DIR": str(tmp_path)}
    settings = load_settings(settings_file, env=env)
    assert settings.mycase.client_id == "firm-app"
    with client_for(settings, "secret", "user-1") as configured:
        assert configured.config.page_size == 200 and configured.config.client_id == "firm-app"
    tokens = MemoryTokenStore()
    tokens.save(TokenSet("a", "r", NOW + timedelta(days=1)))
    client = MyCaseClient(MyCaseConfig("http://mycase.test/v1", "http://auth.test", "c", "s",
                                       "http://127.0.0.1:1/callback", page_size=200),
                          tokens, transport=httpx.MockTransport(answer),
                          clock=ManualClock(NOW))
    with client:
        list(client.cases())
        list(client.time_entries())
    assert asked == ["200", "200"]
