"""Fault injection and MyCase's rate limit (25 requests a second per OAuth client)."""

from __future__ import annotations

import math
import random
import threading
from collections import deque
from dataclasses import replace

from .settings import FaultSettings
from .state import Clock


class AnswerLost(ConnectionAbortedError):
    """Raised by the app after a write took effect, so that its answer is never sent.

    Over real HTTP the server closes the connection without a response (werkzeug
    treats a ConnectionError from the app as a dropped connection); in-process,
    `EmulatorTransport` turns it into `httpx.ReadTimeout`.
    """


class FaultInjector:
    """Armed counts first, then the seeded probabilities. Thread-safe."""

    def __init__(self, settings: FaultSettings) -> None:
        self._lock = threading.Lock()
        self._settings = settings
        self._random = random.Random(settings.seed)
        self._lost = settings.lost_answers
        self._server_errors = settings.server_errors
        self._too_many = settings.too_many_requests
        self._expired_tokens = settings.expired_page_tokens
        self.maintenance = settings.maintenance
        self.slow_page_seconds = settings.slow_page_seconds
        self.server_error_status = settings.server_error_status

    def arm(
        self,
        *,
        lost_answers: int = 0,
        server_errors: int = 0,
        too_many_requests: int = 0,
        expired_page_tokens: int = 0,
    ) -> None:
        """Add to the counts of faults still to come."""
        with self._lock:
            self._lost += lost_answers
            self._server_errors += server_errors
            self._too_many += too_many_requests
            self._expired_tokens += expired_page_tokens

    def set_probabilities(
        self, *, lost_answer: float | None = None, server_error: float | None = None
    ) -> None:
        with self._lock:
            if lost_answer is not None:
                self._settings = replace(self._settings, lost_answer_probability=lost_answer)
            if server_error is not None:
                self._settings = replace(self._settings, server_error_probability=server_error)

    def _take(self, name: str, probability: float) -> bool:
        with self._lock:
            left: int = getattr(self, name)
            if left > 0:
                setattr(self, name, left - 1)
                return True
            return probability > 0 and self._random.random() < probability

    def take_server_error(self) -> bool:
        return self._take("_server_errors", self._settings.server_error_probability)

    def take_too_many_requests(self) -> bool:
        return self._take("_too_many", 0.0)

    def take_lost_answer(self) -> bool:
        return self._take("_lost", self._settings.lost_answer_probability)

    def take_expired_page_token(self) -> bool:
        return self._take("_expired_tokens", 0.0)


class RateLimiter:
    """A sliding one-second window per key; only admitted requests count."""

    def __init__(self, per_second: int, clock: Clock) -> None:
        self._per_second = per_second
        self._clock = clock
        self._lock = threading.Lock()
        self._admitted: dict[str, deque[float]] = {}

    def admit(self, key: str) -> float | None:
        """None if admitted, else the seconds until a slot frees up."""
        now = self._clock().timestamp()
        with self._lock:
            window = self._admitted.setdefault(key, deque())
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= self._per_second:
                return max(window[0] + 1.0 - now, 0.001)
            window.append(now)
            return None


def retry_after_header(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
