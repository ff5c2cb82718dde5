"""The service's loop with an injected clock: spans written once, pause at once, jobs
on their schedule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import T0
from service_support import FakeClock, screen

from app.runtime import RuntimeFiles
from app.service import Service
from capture.heartbeats import SpanBuilder
from tenths.records import Attribution
from tenths.settings import ServiceSettings, Settings
from tenths.store import Store


class Recorder:
    """A refresher that attributes every span of the day to matter 1 and remembers days."""

    def __init__(self) -> None:
        self.days: list[date] = []

    def __call__(self, store: Store, day: date, now: datetime) -> None:
        self.days.append(day)
        spans = store.activity.spans(7, day=day, tz="America/Los_Angeles")
        store.activity.save_attributions(
            Attribution(s.id, 1, 0.9, False, True, ("test",), "test") for s in spans)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_service(tmp_path: Path, store: Store, clock: FakeClock) -> Iterator:
    def make(settings: Settings | None = None, refresher: Recorder | None = None,
             syncer=None) -> Service:  # noqa: ANN001
        settings = settings or Settings()
        return Service(settings, 7, store, SpanBuilder(settings.capture),
                       RuntimeFiles(tmp_path), refresher=refresher or Recorder(),
                       syncer=syncer, clock=clock)
    yield make


def feed(service: Service, clock: FakeClock, titles: list[str], every: float = 5) -> None:
    for title in titles:
        service.accept([screen(clock(), title)])
        clock.advance(every)
        service.tick()  # fed now: beats wait a moment for older ones still on their way


def test_heartbeats_that_arrive_out_of_order_are_fed_in_time_order(
    make_service, clock: FakeClock, store: Store
) -> None:
    service = make_service()
    late = screen(clock(), "a")  # a poll stamped when it started, handed over later
    clock.advance(1)
    service.accept([screen(clock(), "browser tab", source="browser",
                           url="https://example.test/")])
    service.accept([late])
    clock.advance(5)
    service.tick()
    assert service.builder.dropped_late == 0 and service.heartbeats == 2


def test_closed_spans_are_written_and_writing_them_again_doubles_none(
    make_service, clock: FakeClock, store: Store
) -> None:
    service = make_service()
    feed(service, clock, ["a"] * 3 + ["b"] * 3 + ["c"])
    spans = store.activity.spans(7)
    assert [s.window_title for s in spans] == ["a", "b"]
    assert service.status().spans_written == 2
    store.activity.add_spans(spans)  # a restart that writes them again
    assert len(store.activity.spans(7)) == 2


def test_pause_ends_the_open_span_at_once_and_drops_what_arrives_while_paused(
    make_service, clock: FakeClock, store: Store, tmp_path: Path
) -> None:
    service = make_service()
    feed(service, clock, ["a"] * 4)
    paused_at = clock()
    assert service.pause() is True
    assert [(s.window_title, s.end) for s in store.activity.spans(7)] == [("a", paused_at)]
    assert service.accept([screen(clock(), "secret")]) == 0
    feed(service, clock, ["secret"] * 3)
    assert [s.window_title for s in store.activity.spans(7)] == ["a"]
    assert RuntimeFiles(tmp_path).paused()
    # A restart stays paused.
    again = make_service()
    assert again.status().paused and again.accept([screen(clock(), "secret")]) == 0
    assert again.resume() is True and not RuntimeFiles(tmp_path).paused()
    feed(again, clock, ["b"] * 3 + ["c"] * 2)
    assert [s.window_title for s in store.activity.spans(7)] == ["a", "b"]


def test_a_source_that_falls_silent_has_its_open_span_closed_where_it_stopped(
    make_service, clock: FakeClock, store: Store
) -> None:
    service = make_service()
    service.accept([screen(clock(), "x", source="browser", url="https://example.test/")])
    clock.advance(30)
    service.accept([screen(clock(), "x", source="browser", url="https://example.test/")])
    clock.advance(3)
    service.tick()
    clock.advance(121)  # over two pulsetimes without a beat
    service.tick()
    [span] = store.activity.spans(7)
    # It ends a pulsetime after its last beat, not when the silence was noticed.
    assert (span.start, span.url, span.seconds) == (T0, "https://example.test/", 30 + 60)


def test_the_day_is_refreshed_on_its_schedule_only_when_it_got_new_spans(
    make_service, clock: FakeClock
) -> None:
    recorder = Recorder()
    settings = Settings(service=ServiceSettings(refresh_minutes=5))
    service = make_service(settings, recorder)
    service.tick()  # the first refresh runs at once, on today
    assert recorder.days == [T0.date()]
    feed(service, clock, ["a"] * 3 + ["b"] * 3)  # 30 s: not due yet
    assert recorder.days == [T0.date()]
    clock.advance(300)
    service.tick()
    assert recorder.days == [T0.date()] * 2
    clock.advance(300)
    service.tick()  # nothing new: nothing to draft again
    assert recorder.days == [T0.date()] * 2
    assert service.status().jobs[0].runs == 3


def test_purge_attributes_the_waiting_days_then_deletes_their_text(
    make_service, clock: FakeClock, store: Store
) -> None:
    recorder = Recorder()
    service = make_service(Settings(), recorder)
    feed(service, clock, ["a"] * 3 + ["b"] * 3 + ["c"])
    recorder.days.clear()
    clock.advance(73 * 3600)
    report = service.purge()
    assert report.purged == 2 and report.days_attributed == (T0.date(),)
    assert recorder.days == [T0.date()]
    assert {s.text for s in store.activity.spans(7)} == {""}


def test_a_failing_job_is_recorded_by_its_class_and_the_loop_goes_on(
    make_service, clock: FakeClock
) -> None:
    def refresher(store: Store, day: date, now: datetime) -> None:
        raise ValueError("words from the screen")

    service = make_service(Settings(), refresher)
    service.tick()
    job = service.status().jobs[0]
    assert (job.name, job.last_error, job.last_ok_at) == ("refresh", "ValueError", None)
    assert "words" not in repr(service.status())


def test_sync_runs_only_when_connected_and_says_so(make_service, clock: FakeClock) -> None:
    calls: list[int] = []

    def not_connected(store: Store) -> None:
        calls.append(1)
        return None

    service = make_service(Settings(), syncer=not_connected)
    service.tick()
    assert calls == [1] and service.status().connected is False
    assert make_service(Settings(service=ServiceSettings(sync_minutes=0)),
                        syncer=not_connected).jobs.keys() == {"refresh", "purge"}


def test_the_service_supervises_its_watchers_and_shows_their_state(
    make_service, clock: FakeClock, store: Store
) -> None:
    import time

    from service_support import ScriptedWatcher

    from app.supervisor import Backoff, WatcherSlot

    service = make_service(Settings(service=ServiceSettings(refresh_minutes=0,
                                                            purge_minutes=0)))
    broken = ScriptedWatcher("broken", interval_s=0.01, failures=[OSError("x")] * 10_000)
    healthy = ScriptedWatcher("healthy", interval_s=0.01)
    fast = Backoff(initial_s=0.001, max_s=0.01)
    service.watch([WatcherSlot(broken, lambda: broken, service.accept, fast),
                   WatcherSlot(healthy, lambda: healthy, service.accept, fast)])
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not (
            service.heartbeats >= 3 and service.status().watchers[0].restarts >= 3
        ):
            service.tick(wait_s=0.05)  # the loop's own wait for heartbeats, not a sleep
            clock.advance(1)
        assert service.heartbeats >= 3  # fed while running, not only at the shutdown
    finally:
        service.shutdown()
    states = {w.name: w for w in service.status().watchers}
    assert states["broken"].restarts >= 3 and states["broken"].last_error == "OSError"
    assert states["healthy"].restarts == 0 and service.heartbeats >= 3


def test_pause_answers_at_once_while_a_job_holds_the_store(
    make_service, clock: FakeClock, store: Store
) -> None:
    import threading

    service = make_service()
    feed(service, clock, ["a"] * 4)
    holding, release = threading.Event(), threading.Event()

    def long_sync() -> None:
        with service.lock:
            holding.set()
            release.wait(30)

    job = threading.Thread(target=long_sync)
    job.start()
    try:
        assert holding.wait(30)
        assert service.pause() is True  # does not wait for the job
        assert service.paused and store.activity.spans(7) == []
    finally:
        release.set()
        job.join()
    service.tick()  # the loop's next turn writes the span the pause closed
    assert [s.window_title for s in store.activity.spans(7)] == ["a"]


def test_spans_a_failed_write_could_not_store_are_written_at_the_next_turn(
    tmp_path: Path, store: Store, clock: FakeClock
) -> None:
    class FlakyActivity:
        def __init__(self) -> None:
            self.failures = 1

        def add_spans(self, spans):  # noqa: ANN001, ANN202
            if self.failures:
                self.failures -= 1
                raise OSError("disk full")
            return store.activity.add_spans(spans)

    class FlakyStore:
        activity = FlakyActivity()

    settings = Settings(service=ServiceSettings(refresh_minutes=0, purge_minutes=0))
    service = Service(settings, 7, FlakyStore(), SpanBuilder(settings.capture),  # type: ignore[arg-type]
                      RuntimeFiles(tmp_path), refresher=Recorder(), clock=clock)
    for title in ["a"] * 3 + ["b"] * 3:
        service.accept([screen(clock(), title)])
        clock.advance(5)
        try:
            service.tick()
        except OSError:
            pass  # the loop logs it and goes on
    service.tick()
    assert [s.window_title for s in store.activity.spans(7)] == ["a"]
