"""The client's retry rules at the transport level, in-process: which failures
are retried for which methods."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import httpx
import pytest
from mycase_support import PARTNER, REDIRECT_URI, small_firm

from sync.client import ManualClock, MemoryTokenStore, MyCaseClient, MyCaseConfig, TimeEntryRequest
from sync.emulator import Emulator, EmulatorSettings, FaultSettings
from sync.errors import CreateOutcomeUnknown, TransportFailure


class Flaky(httpx.BaseTransport):
    """Fails the first `failures` API requests with `error`, then passes through."""

    def __init__(
        self, inner: httpx.BaseTransport, error: type[httpx.TransportError], failures: int
    ):
        self.inner = inner
        self.error = error
        self.failures = failures

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/v1/") and self.failures > 0:
            self.failures -= 1
            raise self.error("injected", request=request)
        return self.inner.handle_request(request)


def make(
    error: type[httpx.TransportError], failures: int, settings: EmulatorSettings | None = None
) -> tuple[MyCaseClient, Emulator, ManualClock]:
    clock = ManualClock()
    emulator = Emulator(
        small_firm(), settings, clock=clock.now, sleep=clock.sleep, deliver=lambda d: None
    )
    config = MyCaseConfig(
        "http://mycase.test/v1", "http://mycase.test/auth", "tenths", "tenths-secret", REDIRECT_URI
    )
    client = MyCaseClient(
        config,
        MemoryTokenStore(),
        transport=Flaky(emulator.transport(), error, failures),
        clock=clock,
        rng=random.Random(1),
    )
    client.exchange_code(emulator.admin.authorize(PARTNER, REDIRECT_URI))
    return client, emulator, clock


ENTRY = TimeEntryRequest(101, PARTNER, date(2026, 5, 4), Decimal("0.5"), Decimal(450), "Call")


def test_get_retries_transport_errors_then_gives_up() -> None:
    client, _, clock = make(httpx.ReadTimeout, 2)
    with client:
        assert client.firm()["name"]
        assert len(clock.slept) == 2
    client, _, _ = make(httpx.ReadError, 50)
    with client, pytest.raises(TransportFailure):
        client.firm()


def test_post_retried_only_when_never_sent() -> None:
    client, emulator, _ = make(httpx.ConnectError, 1)
    with client:
        created = client.create_time_entry(ENTRY)
        assert created["id"] in {e["id"] for e in emulator.admin.snapshot()["time_entries"]}
    client, _, _ = make(httpx.WriteError, 1)
    with client, pytest.raises(CreateOutcomeUnknown):
        client.create_time_entry(ENTRY)


def test_slow_pages_wait_on_the_injected_clock() -> None:
    settings = EmulatorSettings(faults=FaultSettings(slow_page_seconds=2.5))
    client, _, clock = make(httpx.ReadError, 0, settings)
    with client:
        assert len(list(client.time_entries(page_size=2))) == 5
    assert clock.slept.count(2.5) == 3
