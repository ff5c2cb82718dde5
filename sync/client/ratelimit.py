"""Client-side pacing (a token bucket, or a sliding window as MyCase counts) and retry
backoff (full jitter)."""

from __future__ import annotations

import random
import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol

from .clock import Clock


class Pacer(Protocol):
    def acquire(self) -> float:
        """Wait (on the injected clock) until one more request may go; the seconds waited."""


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


class SlidingWindow:
    """At most `limit` requests in any `window` seconds: MyCase's own rule (25 in a
    sliding second), kept on this side.

    Unlike a token bucket, time spent not asking (storing a page, committing) is
    not lost: a request may go as soon as the window has room, so a pause is made
    up by the requests after it. `window` should exceed MyCase's one second by the
    spread of the time a request takes to arrive (its send-to-arrival jitter); with
    the default 25 in 1.04 s that is 40 ms, and the sustained pace is 24 a second.
    """

    def __init__(self, clock: Clock, limit: int = 25, window: float = 1.04) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self._clock = clock
        self._limit = limit
        self._window = window
        self._sent: deque[float] = deque()  # send times (reserved), oldest first
        self._lock = threading.Lock()

    def acquire(self) -> float:
        with self._lock:
            now = self._clock.monotonic()
            sent = self._sent
            while sent and sent[0] <= now - self._window:
                sent.popleft()
            # Reserve a slot: now if the window has room, else when the request
            # `limit` places back leaves it (a reservation may lie in the future).
            at = now if len(sent) < self._limit else sent[-self._limit] + self._window
            sent.append(max(at, sent[-1] if sent else at))
            wait = sent[-1] - now
        if wait > 0:
            self._clock.sleep(wait)
        return max(wait, 0.0)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter; Retry-After, when sent, is a floor."""

    max_attempts: int = 6
    base_seconds: float = 0.5
    cap_seconds: float = 30.0

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
