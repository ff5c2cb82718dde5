"""Watchers are supervised: a crash is restarted with back-off and stops no other."""

from __future__ import annotations

import threading
import time

from service_support import FakeClock, ScriptedWatcher

from app.supervisor import Backoff, Supervisor, WatcherSlot
from capture.heartbeat import Heartbeat


def test_backoff_doubles_with_each_failure_in_a_row_up_to_its_cap() -> None:
    backoff = Backoff(initial_s=1, factor=2, max_s=10)
    assert [backoff.delay(n) for n in range(1, 6)] == [1, 2, 4, 8, 10]


def test_a_failing_watcher_is_closed_made_again_and_waits_longer_each_time() -> None:
    clock = FakeClock()
    first = ScriptedWatcher(failures=[OSError("screen words must not leak")])
    again = ScriptedWatcher(failures=[RuntimeError("x"), RuntimeError("y")])
    made: list[ScriptedWatcher] = []

    def remake() -> ScriptedWatcher:
        made.append(again)
        return again

    got: list[Heartbeat] = []
    slot = WatcherSlot(first, remake, got.extend)
    assert slot.step(clock(), paused=False) == 1.0
    assert first.closed == 1
    state = slot.snapshot()
    assert (state.state, state.restarts, state.last_error) == ("restarting", 1, "OSError")
    assert "leak" not in repr(state)
    assert slot.step(clock.advance(1), paused=False) == 2.0
    assert slot.step(clock.advance(2), paused=False) == 4.0
    assert made == [again, again]
    # The next poll works: back to running, the back-off starts again from the bottom.
    assert slot.step(clock.advance(4), paused=False) == again.interval_s
    state = slot.snapshot()
    assert (state.state, state.restarts, state.last_error) == ("running", 3, "RuntimeError")
    assert len(got) == 1 and slot.failures_in_row == 0


def test_a_paused_slot_does_not_poll_its_watcher() -> None:
    watcher = ScriptedWatcher()
    slot = WatcherSlot(watcher, lambda: watcher, lambda beats: None)
    slot.step(FakeClock()(), paused=True)
    assert watcher.polls == 0 and slot.snapshot().state == "paused"


def test_a_watcher_that_keeps_crashing_stops_no_other_watcher() -> None:
    broken = ScriptedWatcher("broken", interval_s=0.01,
                             failures=[RuntimeError("boom")] * 1000)
    healthy = ScriptedWatcher("healthy", interval_s=0.01)
    got: list[Heartbeat] = []
    lock = threading.Lock()

    def sink(beats: list[Heartbeat]) -> None:
        with lock:
            got.extend(beats)

    fast = Backoff(initial_s=0.001, max_s=0.01)
    slots = [WatcherSlot(broken, lambda: broken, sink, fast),
             WatcherSlot(healthy, lambda: healthy, sink, fast)]
    supervisor = Supervisor(slots, FakeClock(), paused=lambda: False)
    supervisor.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with lock:
                if len(got) >= 5 and slots[0].restarts >= 3:
                    break
            time.sleep(0.01)  # polling a real thread for the state, with a deadline
    finally:
        supervisor.stop()
    states = {s.name: s for s in supervisor.states()}
    assert states["broken"].restarts >= 3 and states["broken"].last_error == "RuntimeError"
    assert states["healthy"].heartbeats >= 5 and states["healthy"].restarts == 0
    assert {s.state for s in states.values()} == {"stopped"}
