"""Fixtures for the MyCase contract suite: a manual clock, and the emulator both
in-process (WSGITransport) and over real HTTP on 127.0.0.1."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from mycase_support import PARTNER, REDIRECT_URI, Target, small_firm

from sync.client import ManualClock, MemoryTokenStore, MyCaseClient, MyCaseConfig
from sync.emulator import Emulator, EmulatorSettings, WebhookDelivery, serve_emulator


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(params=["inprocess", "http"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    with ExitStack() as exits:
        yield exits


@pytest.fixture
def make_target(kind: str, clock: ManualClock, stack: ExitStack) -> Callable[..., Target]:
    def make(
        settings: EmulatorSettings | None = None, firm: dict[str, Any] | None = None
    ) -> Target:
        deliveries: list[WebhookDelivery] = []
        emulator = Emulator(
            firm or small_firm(),
            settings,
            clock=clock.now,
            sleep=clock.sleep,
            deliver=deliveries.append,
        )
        if kind == "inprocess":
            base = "http://mycase.test"
            return Target(
                kind,
                emulator,
                f"{base}/v1",
                f"{base}/auth",
                f"{base}/_admin",
                emulator.transport,
                clock,
                deliveries,
            )
        served = stack.enter_context(serve_emulator(emulator))
        return Target(
            kind,
            emulator,
            served.api_url,
            served.auth_url,
            served.admin_url,
            lambda: None,
            clock,
            deliveries,
        )

    return make


@pytest.fixture
def target(make_target: Callable[..., Target]) -> Target:
    return make_target()


@pytest.fixture
def make_client(stack: ExitStack) -> Callable[..., MyCaseClient]:
    def make(
        target: Target,
        staff_id: int | None = PARTNER,
        store: MemoryTokenStore | None = None,
        **config: Any,
    ) -> MyCaseClient:
        client = MyCaseClient(
            MyCaseConfig(
                api_url=target.api_url,
                auth_url=target.auth_url,
                client_id="tenths",
                client_secret="tenths-secret",
                redirect_uri=REDIRECT_URI,
                **config,
            ),
            store or MemoryTokenStore(),
            transport=target.transport(),
            clock=target.clock,
            rng=random.Random(7),
        )
        stack.enter_context(client)
        if staff_id is not None:
            # The browser step, simulated; the code exchange is the real one.
            client.exchange_code(target.emulator.admin.authorize(staff_id, REDIRECT_URI))
        return client

    return make


@pytest.fixture
def client(target: Target, make_client: Callable[..., MyCaseClient]) -> MyCaseClient:
    return make_client(target)
