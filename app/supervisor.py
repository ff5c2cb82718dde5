"""Watchers, each in its own thread, supervised: one watcher's crash stops no other.

A watcher (``capture.watchers.base.Watcher``: ``name``, ``interval_s``,
``poll(now)``, ``close()``) is polled every ``interval_s`` seconds and its
heartbeats handed to a sink. When ``poll`` raises, the watcher is closed, made
again, and polled after a back-off that doubles with each failure in a row
(1 s, 2 s, 4 s ... at most 5 minutes); a good poll resets it. Its state
(running, restarting and how often, the class of the last error) is what
``tenths service status`` shows. An error's message is never logged or shown:
it may quote what was on screen.

While capture is paused no watcher is polled at all, so nothing is read from
the screen and no OCR runs.

``WatcherSlot.step`` is one turn of a watcher's loop and returns how long to
wait before the next; the thread only repeats it. Tests drive ``step`` with
their own clock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from capture.heartbeat import Heartbeat
from capture.watchers.base import Watcher

log = logging.getLogger(__name__)

PAUSED_RECHECK_S = 1.0


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait after the n-th failure in a row: initial * factor**(n-1), capped."""

    initial_s: float = 1.0
    factor: float = 2.0
    max_s: float = 300.0

    def delay(self, failures_in_row: int) -> float:
        return min(self.initial_s * self.factor ** max(failures_in_row - 1, 0), self.max_s)


@dataclass(frozen=True)
class WatcherState:
    """What ``status`` shows of one watcher (no captured text)."""

    name: str
    state: str  # "running", "restarting", "paused" or "stopped"
    restarts: int
    last_error: str | None  # the exception's class, never its message
    polls: int
    heartbeats: int


class WatcherSlot:
    """One supervised watcher: the current instance and how to make it again."""

    def __init__(self, watcher: Watcher, remake: Callable[[], Watcher],
                 sink: Callable[[list[Heartbeat]], None], backoff: Backoff = Backoff()):
        self.name = watcher.name
        self.watcher: Watcher | None = watcher
        self.remake = remake
        self.sink = sink
        self.backoff = backoff
        self.failures_in_row = 0
        self.restarts = 0
        self.last_error: str | None = None
        self.polls = 0
        self.heartbeats = 0
        self.state = "running"

    def step(self, now: datetime, paused: bool) -> float:
        """Poll once (or make the watcher again after a failure); seconds to the next turn."""
        if paused:
            self.state = "paused"
            return PAUSED_RECHECK_S
        try:
            if self.watcher is None:
                self.watcher = self.remake()
            beats = self.watcher.poll(now)
        except Exception as exc:  # a watcher's bug must not stop the service
            return self._failed(exc)
        self.polls += 1
        self.failures_in_row = 0
        self.state = "running"
        if beats:
            self.heartbeats += len(beats)
            self.sink(beats)
        return self.watcher.interval_s

    def _failed(self, exc: Exception) -> float:
        self.failures_in_row += 1
        self.restarts += 1
        self.last_error = type(exc).__name__
        self.state = "restarting"
        delay = self.backoff.delay(self.failures_in_row)
        log.warning("watcher %s failed (%s); restart %d in %.0f s", self.name,
                    self.last_error, self.restarts, delay)
        self.close()
        return delay

    def close(self) -> None:
        if self.watcher is not None:
            try:
                self.watcher.close()
            except Exception as exc:  # closing a broken watcher may fail too
                log.warning("watcher %s did not close (%s)", self.name, type(exc).__name__)
            self.watcher = None

    def snapshot(self) -> WatcherState:
        return WatcherState(self.name, self.state, self.restarts, self.last_error, self.polls,
                            self.heartbeats)


class Supervisor:
    """Runs every slot in its own daemon thread until ``stop``."""

    def __init__(self, slots: Sequence[WatcherSlot], clock: Callable[[], datetime],
                 paused: Callable[[], bool]):
        self.slots = list(slots)
        self.clock = clock
        self.paused = paused
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for slot in self.slots:
            thread = threading.Thread(target=self._run, args=(slot,), daemon=True,
                                      name=f"watcher-{slot.name}")
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        """Cut every wait short (after resume: capture starts again at once)."""
        with self._wake:
            self._wake.notify_all()

    def _run(self, slot: WatcherSlot) -> None:
        while not self._stop.is_set():
            delay = slot.step(self.clock(), self.paused())
            with self._wake:
                if self._stop.is_set():
                    break
                self._wake.wait(delay)
        slot.close()
        slot.state = "stopped"

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self.wake()
        for thread in self._threads:
            thread.join(timeout)

    def states(self) -> list[WatcherState]:
        return [slot.snapshot() for slot in self.slots]
