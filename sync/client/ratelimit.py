"""Client-side pacing (a token bucket, or a sliding window as MyCase counts) and retry
backoff (full jitter)."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol

from .clock import Clock


class Pacer(Protocol):
    def acquire(self) -> float:
        """Wait (on the injected clock) until one more request may go; the seconds waited."""

    def done(self) -> None:
        """The request this thread acquired for has been answered (or has failed)."""


class TokenBucket:
    """`rate` requests a second on average, bursts of up to `capacity`.

    MyCase allows 25 per second per OAuth client; the default 20/s with a
    burst of 4 keeps any one-second window at 24 or fewer.
    """

    def __init__(self, clock: Clock, rate: float = 20.0, capacity: int = 4) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("rate must be > 0 and capacity >= 1")
        self._clock = clock
        self._rate = rate
        self._capacity = float(capacity)
        self._tokens = float(capacity)
        self._stamp = clock.monotonic()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, sleeping (on the injected clock) if none is left. Returns the wait."""
        with self._lock:
            now = self._clock.monotonic()
            self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
            self._stamp = now
            self._tokens -= 1.0  # reserve, possibly into debt
            wait = -self._tokens / self._rate if self._tokens < 0 else 0.0
        if wait > 0:
            self._clock.sleep(wait)
        return wait

    def done(self) -> None:
        return


class SlidingWindow:
    """At most `limit` requests in any `window` seconds: MyCase's own rule (25 in a
    sliding second), kept on this side.

    Unlike a token bucket, time spent not asking (storing a page, committing) is
    not lost: a request may go as soon as the window has room, so a pause is made
    up by the requests after it.

    MyCase counts a request when it arrives, which is some time after it was sent
    and before its answer came back. So a request keeps its place in the window
    until `window` seconds after its answer (`done`), not after its sending: then
    no delay on the way can ever put `limit + 1` arrivals into one of MyCase's
    seconds. `window` exceeds the second only by a margin for the two clocks.
    The sustained pace is `limit / (window + the time a request takes)`.
    """

    _POLL = 0.005  # seconds between looks when every place is taken by unanswered requests

    def __init__(self, clock: Clock, limit: int = 25, window: float = 1.01) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self._clock = clock
        self._limit = limit
        self._window = window
        self._lock = threading.Lock()
        # One place per request in the window, by number: [when it may go, when its
        # answer came (None until then)]. The place a thread holds now, by thread.
        self._places: dict[int, list[float | None]] = {}
        self._next = 0
        self._held = threading.local()

    def acquire(self) -> float:
        self.done()  # a thread has one request out at a time
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock.monotonic()
                at = self._earliest(now)
                if at is not None:
                    # Take the place now (as unanswered) even if it is for later, so
                    # that other threads count it while this one waits.
                    place, self._next = self._next, self._next + 1
                    self._places[place] = [at, None]
                    self._held.place = place
                    break
            self._clock.sleep(self._POLL)  # every place unanswered: wait for an answer
            waited += self._POLL
        wait = max(at - now, 0.0)
        if wait > 0:
            self._clock.sleep(wait)
        return waited + wait

    def _earliest(self, now: float) -> float | None:
        """When one more request may go (None: not until an answer comes)."""
        horizon = now - self._window
        for place, (_, answered) in list(self._places.items()):
            if answered is not None and answered <= horizon:
                del self._places[place]
        taken = len(self._places)
        if taken < self._limit:
            return now
        answered_at = sorted(a for _, a in self._places.values() if a is not None)
        must_leave = taken - self._limit + 1
        if must_leave > len(answered_at):
            return None
        return max(now, answered_at[must_leave - 1] + self._window)

    def done(self) -> None:
        place = getattr(self._held, "place", None)
        if place is None:
            return
        self._held.place = None
        with self._lock:
            held = self._places.get(place)
            if held is not None:
                # Never before the request could go (a clock that stands still in tests).
                held[1] = max(self._clock.monotonic(), held[0] or 0.0)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter; Retry-After, when sent, is a floor.

    A 503 is MyCase's maintenance answer: it is waited out for up to
    `maintenance_seconds` of backoff in all, however many attempts that takes, so a
    sync settles in one run whenever MyCase comes back within that budget."""

    max_attempts: int = 6
    base_seconds: float = 0.5
    cap_seconds: float = 30.0
    maintenance_seconds: float = 300.0

    def may_retry(self, attempt: int, status: int | None, waited: float) -> bool:
        """Whether failed attempt number `attempt` is tried again, after `waited` seconds
        of backoff so far (`status` None: the network failed)."""
        if status == 503:
            return waited < self.maintenance_seconds
        return attempt < self.max_attempts

    def delay(self, attempt: int, rng: random.Random, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        ceiling = min(self.cap_seconds, self.base_seconds * (2 ** (attempt - 1)))
        jittered = rng.uniform(0.0, ceiling)
        if retry_after is not None:
            return max(retry_after, jittered)
        return jittered


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
