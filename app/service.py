"""The background service: capture, the store, and the day's drafts kept current.

One process. Watchers run in their own threads under a supervisor
(``app.supervisor``) and hand heartbeats to the service; so does the local API's
intake for the browser extension. The service's own loop (``tick``) feeds them
to capture's span builder, writes every closed span to the store (span ids are
deterministic and ``add_spans`` inserts or ignores, so after a ``kill -9`` a
restart loses no span that was written and writes none twice), and runs its
jobs when they are due:

- ``refresh`` (``[service].refresh_minutes``): attribute and draft the days that
  got new spans (``app.day.refresh_day``; settled entries are never touched);
- ``purge`` (``[service].purge_minutes``): delete raw text past
  ``[capture].retention_hours`` (``app.operations.purge``);
- ``sync`` (``[service].sync_minutes``): two-way sync with MyCase when
  `tenths connect` made a connection.

The store has one DuckDB connection; the loop and the API's handlers take
``lock`` around every use of it. Pause and resume take effect at once: the open
span is closed at the moment of the pause, watchers stop polling (no screen is
read, no OCR runs) and heartbeats that still arrive are dropped. The pause is
kept in the data directory, so a restart stays paused.

Logs carry counts, ids, timings and error classes, never captured text.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from app.operations import PurgeReport, SpanView, day_spans, purge
from app.runtime import RuntimeFiles
from app.supervisor import Supervisor, WatcherSlot, WatcherState
from capture.heartbeat import Heartbeat
from tenths.records import Attribution, Entry, Span
from tenths.settings import Settings
from tenths.store import Store

log = logging.getLogger(__name__)

REORDER_S = 2.0  # how long a heartbeat waits for older ones still on their way


class SpanBuilder(Protocol):
    """Capture's incremental merge of heartbeats into spans."""

    def feed(self, beat: Heartbeat) -> list[Span]: ...

    def flush(self, now: datetime) -> list[Span]: ...

    def pause(self, now: datetime) -> list[Span]: ...

    def resume(self) -> None: ...


Refresher = Callable[[Store, date, datetime], object]
Syncer = Callable[[Store], object]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class JobState:
    """One periodic job: when it last ran, and how that went (counts, an error class)."""

    name: str
    every_s: float
    next_at: datetime | None = None
    last_run_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    last_seconds: float | None = None
    runs: int = 0
    last_result: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceStatus:
    user: int
    pid: int
    started_at: datetime
    paused: bool
    connected: bool
    spans_written: int
    heartbeats: int
    watchers: tuple[WatcherState, ...]
    jobs: tuple[JobState, ...]
    capture: dict[str, float | int | None] = field(default_factory=dict)


class Service:
    """The service's state and its loop, with everything it uses passed in."""

    def __init__(
        self,
        settings: Settings,
        user: int,
        store: Store,
        builder: SpanBuilder,
        runtime: RuntimeFiles,
        *,
        refresher: Refresher,
        syncer: Syncer | None = None,
        clock: Callable[[], datetime] = utc_now,
        metrics: Callable[[], dict[str, float | int | None]] = dict,
    ):
        self.settings = settings
        self.user = user
        self.store = store
        self.builder = builder
        self.runtime = runtime
        self.refresher = refresher
        self.syncer = syncer
        self.clock = clock
        self.metrics = metrics
        self.lock = threading.RLock()  # the store's one connection
        self._capture_lock = threading.Lock()  # the builder and the pause
        self._beats: queue.SimpleQueue[Heartbeat] = queue.SimpleQueue()
        self.started_at = clock()
        self.paused = runtime.paused()
        self.supervisor: Supervisor | None = None
        self.spans_written = 0
        self.heartbeats = 0
        self._dirty_days: set[date] = set()
        self._fed_at: datetime | None = None
        self._held: list[Heartbeat] = []  # arrived, not yet fed (see _feed)
        self._unwritten: list[Span] = []  # closed at a pause while a job held the store
        self._silence = timedelta(seconds=2 * settings.capture.pulsetime_seconds)
        s = settings.service
        self.jobs = {
            "refresh": JobState("refresh", s.refresh_minutes * 60),
            "purge": JobState("purge", s.purge_minutes * 60),
            "sync": JobState("sync", s.sync_minutes * 60),
        }
        if self.syncer is None or s.sync_minutes <= 0:
            del self.jobs["sync"]
        if self.paused:
            builder.pause(self.started_at)

    # -- watchers -----------------------------------------------------------
    def watch(self, slots: Sequence[WatcherSlot]) -> None:
        """Start the watchers' threads (each slot's sink should be ``self.accept``)."""
        self.supervisor = Supervisor(slots, self.clock, lambda: self.paused)
        self.supervisor.start()

    def accept(self, beats: Iterable[Heartbeat]) -> int:
        """Take heartbeats from a watcher or the API (any thread); dropped while paused."""
        if self.paused:
            return 0
        count = 0
        for beat in beats:
            self._beats.put(beat)
            count += 1
        return count

    # -- the loop -----------------------------------------------------------
    def tick(self, wait_s: float = 0.0) -> list[Span]:
        """One turn: take the heartbeats that arrived (waiting up to ``wait_s`` for the
        first), feed those older than ``REORDER_S`` to the builder in time order, close
        what is open when every source fell silent, write the spans that closed, run the
        jobs that are due. Returns the spans written."""
        now = self.clock()
        spans = self._feed(self._drain(wait_s), now)
        self._write(spans)
        self.run_due_jobs(now)
        return spans

    def _drain(self, wait_s: float) -> list[Heartbeat]:
        beats: list[Heartbeat] = []
        try:
            beats.append(self._beats.get(timeout=wait_s) if wait_s > 0
                         else self._beats.get_nowait())
            while True:
                beats.append(self._beats.get_nowait())
        except queue.Empty:
            pass
        return beats

    def _feed(self, beats: list[Heartbeat], now: datetime, everything: bool = False) -> list[Span]:
        """Feed what is due to the builder. Watchers in their threads and the API hand
        beats over a little out of order (a poll is stamped when it starts); the builder
        drops a beat older than one it has seen, so beats are held ``REORDER_S`` first."""
        spans: list[Span] = []
        with self._capture_lock:
            if self.paused:
                self._held.clear()
                return spans
            self._held.extend(beats)
            cutoff = now - timedelta(seconds=REORDER_S)
            due = sorted((b for b in self._held if everything or b.at <= cutoff),
                         key=lambda b: b.at)
            if due:
                self._held = [b for b in self._held if not (everything or b.at <= cutoff)]
                for beat in due:
                    spans += self.builder.feed(beat)
                self.heartbeats += len(due)
                self._fed_at = now
            elif not self._held and self._fed_at is not None and now - self._fed_at > self._silence:
                # No source has said anything for a while (a watcher is restarting, the
                # browser alone reports and was left): what is open ends where it stopped.
                spans += self.builder.flush(now)
                self._fed_at = None
        return spans

    def run(self, stop: threading.Event, wait_s: float = 1.0) -> None:
        """Tick until ``stop`` is set, then write what is still open."""
        while not stop.is_set():
            try:
                self.tick(wait_s)
            except Exception as exc:  # the loop must outlive one bad turn
                log.error("service turn failed (%s)", type(exc).__name__)
                stop.wait(wait_s)
        self.shutdown()

    def shutdown(self) -> None:
        """Stop the watchers and write what they saw, the open span closed now."""
        if self.supervisor is not None:
            self.supervisor.stop()
        now = self.clock()
        spans = self._feed(self._drain(0), now, everything=True)
        with self._capture_lock:
            spans += self.builder.pause(now)
        self._write(spans)

    def _write(self, spans: Sequence[Span], wait: bool = True) -> None:
        """Write spans (and any left waiting). With ``wait=False`` (pause, from an API
        request) spans are left for the loop's next turn when a job holds the store, so
        the request answers at once even during a long sync."""
        with self._capture_lock:
            spans = [*self._unwritten, *spans]
            self._unwritten = []
        if not spans:
            return
        if not self.lock.acquire(blocking=wait):
            with self._capture_lock:
                self._unwritten[:0] = spans
            return
        try:
            self.store.activity.add_spans(spans)
        except Exception:
            with self._capture_lock:  # kept for the next turn: a closed span is not dropped
                self._unwritten[:0] = spans
            raise
        finally:
            self.lock.release()
        tz = ZoneInfo(self.settings.billing.timezone)
        self._dirty_days.update(s.start.astimezone(tz).date() for s in spans)
        self.spans_written += len(spans)
        log.info("wrote %d spans", len(spans))

    # -- pause ------------------------------------------------------------------
    def pause(self) -> bool:
        """Stop capturing at once; the open span ends now. True if it was running."""
        now = self.clock()
        spans = self._feed(self._drain(0), now, everything=True)  # what came before
        with self._capture_lock:
            was = not self.paused
            self.paused = True
            self.runtime.set_paused(True)
            if was:
                spans += self.builder.pause(now)
        self._write(spans, wait=False)
        return was

    def resume(self) -> bool:
        """Capture again at once. True if it was paused."""
        with self._capture_lock:
            was = self.paused
            if was:
                self.builder.resume()
            self.paused = False
            self.runtime.set_paused(False)
        if self.supervisor is not None:
            self.supervisor.wake()
        return was

    # -- jobs -------------------------------------------------------------------
    def run_due_jobs(self, now: datetime) -> None:
        for job in self.jobs.values():
            if job.every_s <= 0:
                continue
            if job.next_at is None:
                job.next_at = now  # every job runs once soon after the start
            if now >= job.next_at:
                self.run_job(job.name, now)

    def run_job(self, name: str, now: datetime) -> JobState:
        job = self.jobs[name]
        started = time.perf_counter()
        job.last_run_at = now
        job.runs += 1
        try:
            job.last_result = getattr(self, f"_job_{name}")(now)
        except Exception as exc:  # a failed job is retried at its next turn
            job.last_error = type(exc).__name__
            log.warning("job %s failed (%s)", name, job.last_error)
        else:
            job.last_ok_at = now
            job.last_error = None
        job.last_seconds = round(time.perf_counter() - started, 3)
        job.next_at = now + timedelta(seconds=job.every_s)
        return job

    def _job_refresh(self, now: datetime) -> dict[str, object]:
        """Draft again the days that got spans (and today, until a refresh went well);
        a day whose refresh fails stays due."""
        today = now.astimezone(ZoneInfo(self.settings.billing.timezone)).date()
        if self.jobs["refresh"].last_ok_at is None:
            self._dirty_days.add(today)
        days = sorted(self._dirty_days)
        for day in days:
            self.refresh_day(day, now)
            self._dirty_days.discard(day)
        return {"days": [d.isoformat() for d in days]}

    def refresh_day(self, day: date, now: datetime | None = None) -> object:
        with self.lock:
            return self.refresher(self.store, day, now or self.clock())

    def _job_purge(self, now: datetime) -> dict[str, object]:
        report = self.purge(now)
        return {"purged": report.purged, "days_attributed": len(report.days_attributed)}

    def purge(self, now: datetime | None = None, everything: bool = False) -> PurgeReport:
        now = now or self.clock()
        with self.lock:
            report = purge(self.store, self.user, self.settings, now,
                           lambda day: self.refresher(self.store, day, now), everything)
        log.info("purged the raw text of %d spans", report.purged)
        return report

    def _job_sync(self, now: datetime) -> dict[str, object]:
        assert self.syncer is not None
        with self.lock:
            result = self.syncer(self.store)
        if result is None:
            return {"connected": False}
        self._dirty_days.add(now.astimezone(ZoneInfo(self.settings.billing.timezone)).date())
        return {"connected": True}

    # -- what the API and the CLI read ------------------------------------------
    def spans(self, day: date, with_text: bool) -> list[SpanView]:
        with self.lock:
            return day_spans(self.store, self.user, day, self.settings.billing.timezone,
                             with_text)

    def entries(self, day: date) -> list[Entry]:
        with self.lock:
            return self.store.entries.list(user=self.user, day=day)

    def attributions(self, day: date) -> list[Attribution]:
        with self.lock:
            spans = self.store.activity.spans(self.user, day=day,
                                              tz=self.settings.billing.timezone)
            found = self.store.activity.attributions(s.id for s in spans)
        return [found[s.id] for s in spans if s.id in found]

    def status(self) -> ServiceStatus:
        watchers = tuple(self.supervisor.states()) if self.supervisor else ()
        return ServiceStatus(
            user=self.user, pid=os.getpid(), started_at=self.started_at, paused=self.paused,
            connected=bool("sync" in self.jobs
                           and self.jobs["sync"].last_result.get("connected")),
            spans_written=self.spans_written,
            heartbeats=self.heartbeats, watchers=watchers,
            jobs=tuple(replace(j, last_result=dict(j.last_result))
                       for j in self.jobs.values()),
            capture=self.metrics(),
        )
