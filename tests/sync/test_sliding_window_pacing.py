"""The sliding-window pacer: MyCase's own rule (25 in any second) kept on the
client, so that a pause is made up by the requests after it and the emulator
never answers 429, however long a request takes to arrive."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable

import httpx
import pytest
from mycase_support import PARTNER, REDIRECT_URI, Target, small_firm

from sync.client import ManualClock, MemoryTokenStore, MyCaseClient, MyCaseConfig, SlidingWindow
from sync.emulator import Emulator


def most_in_any_window(stamps: list[float], window: float) -> int:
    return max(sum(1 for s in stamps[i:] if s < start + window) for i, start in
               enumerate(stamps))


def test_never_more_than_the_limit_in_any_window() -> None:
    clock = ManualClock()
    pacer = SlidingWindow(clock, limit=25, window=1.04)
    stamps = []
    for n in range(200):
        if n % 37 == 0:
            clock.advance(0.3)  # work between requests: a pause of its own
        pacer.acquire()
        stamps.append(clock.monotonic())
    assert most_in_any_window(stamps, 1.04) == 25
    # Sustained pace: 25 per 1.04 s, and never faster.
    assert stamps[-1] - stamps[0] >= (200 - 25) / 25 * 1.04 - 1e-9


def request(pacer: SlidingWindow, clock: ManualClock, takes: float = 0.0) -> float:
    """One request through the pacer: wait, send, answered `takes` seconds later."""
    waited = pacer.acquire()
    clock.advance(takes)
    pacer.done()
    return waited


def test_a_pause_is_made_up_by_a_burst() -> None:
    clock = ManualClock()
    pacer = SlidingWindow(clock, limit=25, window=1.0)
    for _ in range(25):
        request(pacer, clock)
    assert clock.monotonic() == 0.0  # the first 25 go at once
    clock.advance(0.6)  # storing a page, say
    assert request(pacer, clock) == pytest.approx(0.4)  # until the first leaves the window
    clock.advance(2.0)
    assert [request(pacer, clock) for _ in range(25)] == [0.0] * 25


def test_a_place_is_held_until_the_answer_plus_the_window() -> None:
    clock = ManualClock()
    pacer = SlidingWindow(clock, limit=2, window=1.0)
    request(pacer, clock, takes=0.3)  # sent at 0.0, answered at 0.3
    request(pacer, clock, takes=0.0)  # sent and answered at 0.3
    assert request(pacer, clock) == pytest.approx(1.0)  # 0.3 + 1.0, not 0.0 + 1.0


class FrozenClock(ManualClock):
    """Time that stands still: `sleep` only records, so every reservation is made
    against the same "now" and can be read off as now + the wait returned."""

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)


def test_threads_share_one_window() -> None:
    clock = FrozenClock()
    pacer = SlidingWindow(clock, limit=10, window=1.0)
    reservations: list[float] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(20):
            waited = pacer.acquire()
            pacer.done()  # answered at once
            with lock:
                reservations.append(clock.monotonic() + waited)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps = sorted(reservations)
    assert most_in_any_window(stamps, 1.0) == 10
    assert stamps == [float(n // 10) for n in range(60)]  # ten at once, once a second


@pytest.mark.parametrize("kind", ["inprocess"])
def test_the_emulator_never_refuses_a_client_paced_by_its_rule(target: Target, kind: str) -> None:
    clock = target.clock
    client = MyCaseClient(
        MyCaseConfig(target.api_url, target.auth_url, "tenths", "tenths-secret", REDIRECT_URI),
        MemoryTokenStore(), transport=target.transport(), clock=clock, rng=random.Random(1),
        pacer=SlidingWindow(clock, limit=25, window=1.0),
    )
    client.exchange_code(target.emulator.admin.authorize(PARTNER, REDIRECT_URI))
    served = target.emulator.requests_served
    started = clock.monotonic()
    for n in range(120):
        if n % 40 == 0:
            clock.advance(0.5)
        client.firm()
    assert target.emulator.requests_served - served == 120  # not one 429 retried
    assert client.attempts == 120
    # 120 requests, 25 a second at most: at least 4 full windows after the first 25.
    assert clock.monotonic() - started >= 4.0
    client.close()


class SlowArrival(httpx.BaseTransport):
    """Some requests take `delay` seconds to reach MyCase (on the shared manual clock),
    the others none: the spread that breaks a window counted from sending."""

    def __init__(self, inner: httpx.BaseTransport, clock: ManualClock, delay: float) -> None:
        self.inner, self.clock, self.delay = inner, clock, delay
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/v1/"):
            if self.sent % 50 == 0:  # the first of every other 25
                self.clock.advance(self.delay)
            self.sent += 1
        return self.inner.handle_request(request)


def test_a_slow_arrival_never_puts_one_request_too_many_into_a_second() -> None:
    clock = ManualClock()
    emulator = Emulator(small_firm(), clock=clock.now, sleep=clock.sleep,
                        deliver=lambda d: None)
    client = MyCaseClient(
        MyCaseConfig("http://mycase.test/v1", "http://mycase.test/auth", "tenths",
                     "tenths-secret", REDIRECT_URI),
        MemoryTokenStore(), transport=SlowArrival(emulator.transport(), clock, 0.2),
        clock=clock, rng=random.Random(1), pacer=SlidingWindow(clock, limit=25, window=1.0),
    )
    client.exchange_code(emulator.admin.authorize(PARTNER, REDIRECT_URI))
    for _ in range(150):
        client.firm()
    assert client.attempts == 150 and emulator.requests_served == 151  # + the token exchange
    client.close()


def test_the_token_bucket_is_still_the_default(make_client: Callable[..., MyCaseClient],
                                               target: Target) -> None:
    client = make_client(target)
    assert type(client._bucket).__name__ == "TokenBucket"
