"""Heartbeats → spans: merge ticks of the same window within a pulsetime, cut idle.

Watchers send a heartbeat every few seconds. Consecutive heartbeats that
describe the same window (app, kind, title, url, path) and arrive within
``pulsetime`` of the previous one extend one span, as in ActivityWatch's
heartbeat merge; a change or a gap ends it. The words on screen may change
within a span: it keeps the fullest reading.

Rules, in the order ``SpanBuilder.feed`` applies them:

- **Pause.** While paused every beat is ignored; pausing closes what is open.
- **Order.** A beat older than the newest one fed by up to two poll intervals
  (another watcher's poll, a moment before) counts as fed now; an older one
  is dropped and counted.
- **Exclusion.** An excluded beat (``capture.exclusions``) is redacted to app
  "excluded" before anything else reads it, so its stretch keeps only its times.
- **Idle.** A screen beat whose input clock reached ``idle_minutes``, or whose
  screen is locked, is idle: the open screen span and any span closed since the
  last input are cut back to the last input, and nothing opens until input
  resumes. A closed screen span is therefore held back (``pending``) until a
  later input shows it was not idle; a gap in the input clock of the cutoff or
  more counts as idle too.
- **Presence.** While a meeting or a call is in progress (a presence beat in
  the last ``pulsetime``) it takes the time: screen beats neither open spans
  nor cut it, so a meeting away from the desk is not idle. A presence beat
  with no app says the meeting or call ended then.
- **Annotation.** A file or browser beat adds its path or URL to the open
  screen span when that window shows it (the file's name or the page's title
  is in the window title), and excludes the span if it is excluded (a bank's
  URL behind a plain title). With no screen span open and the screen not idle
  it makes spans of its own.

Span ids come from the first beat of each span, so feeding the same beats
again (after a crash) gives the same ids. Spans come out as they are closed:
a held screen span can come out after a later meeting span.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath

from capture.exclusions import EXCLUDED, is_excluded, redact
from capture.heartbeat import Heartbeat
from tenths.records import Span
from tenths.settings import CaptureSettings

__all__ = ["Heartbeat", "SpanBuilder", "is_excluded", "merge_heartbeats", "span_id"]

log = logging.getLogger(__name__)


def span_id(first: Heartbeat) -> str:
    key = f"{first.user}|{first.at.isoformat()}|{first.app}|{first.window_title}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class _Open:
    """The span being built: its first beat, its last time and what was added."""

    first: Heartbeat  # what the span is built from (redacted when excluded)
    match: Heartbeat  # what later beats are compared with: the first beat as it came
    last_at: datetime
    text: str
    url: str | None
    path: str | None

    def span(self, end: datetime) -> Span | None:
        if end <= self.first.at:
            return None
        f = self.first
        return Span(span_id(f), f.user, f.at, end, f.app, f.kind, f.window_title, self.text,
                    self.url, self.path)


def _shows(window_title: str, beat: Heartbeat) -> bool:
    """Does a window with this title show what the annotation beat names?"""
    title = window_title.casefold()
    if beat.path:
        name = PurePath(beat.path).name.casefold()
        stem = PurePath(beat.path).stem.casefold()
        return bool(name) and (name in title or (len(stem) >= 4 and stem in title))
    page = beat.window_title.strip().casefold()
    return bool(page) and page in title


class SpanBuilder:
    """Incremental merge for a long-running capture: feed beats in time order.

    ``feed`` returns the spans a beat closed, ``flush`` closes what is open (on
    shutdown), ``pause`` flushes and ignores beats until ``resume``.
    """

    def __init__(self, settings: CaptureSettings) -> None:
        self.settings = settings
        self._pulse = timedelta(seconds=settings.pulsetime_seconds)
        self._late = timedelta(seconds=2 * settings.poll_interval_s)
        self._idle_after = settings.idle_minutes * 60.0
        self._open: _Open | None = None
        self._pending: list[Span] = []  # closed screen spans not yet known to be un-idle
        self._last_input: datetime | None = None
        self._screen_idle = False
        self._screen_at: datetime | None = None  # the newest screen beat
        self._presence_until: datetime | None = None
        self._clock: datetime | None = None
        self._notes: deque[Heartbeat] = deque(maxlen=8)  # the latest annotation beats
        self.paused = False
        self.dropped_late = 0

    # -- public ---------------------------------------------------------------

    def feed(self, beat: Heartbeat) -> list[Span]:
        """Take one beat; return the spans it closed, oldest first."""
        if self.paused:
            return []
        if self._clock is not None and beat.at < self._clock:
            if self._clock - beat.at > self._late:
                self.dropped_late += 1
                log.debug("dropped a late heartbeat from %s (%d so far)", beat.source,
                          self.dropped_late)
                return []
            beat = dataclasses.replace(beat, at=self._clock)  # polled a moment before
        self._clock = beat.at
        if beat.app and is_excluded(beat, self.settings) and beat.role != "annotation":
            beat = redact(beat)
        out: list[Span] = []
        if beat.role == "presence":
            self._feed_presence(beat, out)
        elif beat.role == "annotation":
            self._feed_annotation(beat, out)
        else:
            self._feed_screen(beat, out)
        return sorted(out, key=lambda s: s.start)

    def flush(self, now: datetime) -> list[Span]:
        """Close the open span (ending no later than a pulsetime after its last beat)
        and release every held span."""
        out: list[Span] = []
        if self._open is not None:
            end = min(max(now, self._open.last_at), self._open.last_at + self._pulse)
            span = self._open.span(end)
            self._open = None
            if span:
                out.append(span)
        out.extend(self._pending)
        self._pending = []
        self._presence_until = None
        return sorted(out, key=lambda s: s.start)

    def pause(self, now: datetime) -> list[Span]:
        """Close what is open at once and ignore beats until ``resume``."""
        spans = self.flush(now)
        self.paused = True
        return spans

    def resume(self) -> None:
        self.paused = False

    # -- the roles ------------------------------------------------------------

    def _presence_live(self, at: datetime) -> bool:
        return self._presence_until is not None and at <= self._presence_until

    def _feed_screen(self, beat: Heartbeat, out: list[Span]) -> None:
        if self._open is not None and self._open.first.role == "presence" and (
            not self._presence_live(beat.at)
        ):
            self._close(self._open.last_at, out)  # its source fell silent
        self._screen_at = beat.at
        input_at = beat.at - timedelta(seconds=beat.idle_seconds)
        if self._last_input is not None and (
            (input_at - self._last_input).total_seconds() >= self._idle_after
        ):
            # Input resumed after an idle stretch no beat reported (the machine slept).
            self._cut(self._last_input, out)
        idle = beat.locked or beat.idle_seconds >= self._idle_after
        self._screen_idle = idle
        if idle:
            self._cut(input_at, out)
            return
        if self._last_input is None or input_at > self._last_input:
            self._last_input = input_at
        self._confirm(out)
        if self._presence_live(beat.at):
            return
        self._extend_or_switch(beat, out)

    def _feed_presence(self, beat: Heartbeat, out: list[Span]) -> None:
        if not beat.app:
            # The source says the meeting or call ended at ``beat.at``.
            if self._open is not None and self._open.first.role == "presence":
                self._close(min(beat.at, self._open.last_at + self._pulse), out)
            self._presence_until = None
            return
        self._presence_until = beat.at + self._pulse
        self._extend_or_switch(beat, out)

    def _feed_annotation(self, beat: Heartbeat, out: list[Span]) -> None:
        if self._presence_live(beat.at):
            return
        self._notes.append(beat)
        current = self._open
        if current is not None and current.first.role == "screen":
            self._annotate(current, beat)
            return
        if self._screen_idle or (
            self._screen_at is not None and beat.at - self._screen_at <= self._pulse
        ):
            return  # a window watcher is reporting: the note only annotates its spans
        if is_excluded(beat, self.settings):
            beat = redact(beat)
        self._extend_or_switch(beat, out)

    def _annotate(self, current: _Open, note: Heartbeat) -> bool:
        """Add the note's path or URL to the span when its window shows what the note
        names (excluding the span if the note is excluded); False when it does not."""
        if current.first.app == EXCLUDED or not _shows(current.first.window_title, note):
            return False
        if is_excluded(note, self.settings):
            current.first = redact(current.first)
            current.text, current.url, current.path = "", None, None
        else:
            current.path = current.path or note.path
            current.url = current.url or note.url
        return True

    # -- merging --------------------------------------------------------------

    def _extend_or_switch(self, beat: Heartbeat, out: list[Span]) -> None:
        current = self._open
        if current is not None and beat.at - current.last_at <= self._pulse:
            if beat.same_window(current.match):
                current.last_at = beat.at
                if current.first.app != EXCLUDED and len(beat.text) > len(current.text):
                    current.text = beat.text  # keep the fullest reading of the screen
                return
            self._close(beat.at, out)  # the window changed: the old span runs until now
        elif current is not None:
            self._close(current.last_at, out)
        if beat.app or beat.role != "screen":
            self._open = _Open(beat, beat, beat.at, beat.text, beat.url, beat.path)
            if beat.role == "screen":
                # A tab reported just before its window's title changed still counts.
                for note in reversed(self._notes):
                    if beat.at - note.at <= self._pulse and self._annotate(self._open, note):
                        break

    def _close(self, end: datetime, out: list[Span]) -> None:
        current, self._open = self._open, None
        if current is None:
            return
        span = current.span(end)
        if span is None:
            return
        if current.first.role == "screen" and (
            self._last_input is None or self._last_input < span.end
        ):
            self._pending.append(span)
        else:
            out.append(span)

    def _confirm(self, out: list[Span]) -> None:
        """Release held spans that input after their end shows were not idle."""
        assert self._last_input is not None
        keep = []
        for span in self._pending:
            (out if span.end <= self._last_input else keep).append(span)
        self._pending = keep

    def _cut(self, at: datetime, out: list[Span]) -> None:
        """Idle since ``at``: cut the open screen span and the held ones back to it."""
        if self._open is not None and self._open.first.role != "presence":
            current, self._open = self._open, None
            span = current.span(min(current.last_at, at))
            if span:
                out.append(span)
        for span in self._pending:
            if span.start < at:
                out.append(span if span.end <= at else _ended(span, at))
        self._pending = []


def _ended(span: Span, end: datetime) -> Span:
    return Span(span.id, span.user, span.start, end, span.app, span.kind, span.window_title,
                span.text, span.url, span.path)


def merge_heartbeats(
    beats: Iterable[Heartbeat], settings: CaptureSettings, paused: bool = False
) -> Iterator[Span]:
    """Merge time-ordered heartbeats into spans (none at all while paused)."""
    if paused:
        return
    builder = SpanBuilder(settings)
    last: datetime | None = None
    for beat in beats:
        last = beat.at
        yield from builder.feed(beat)
    if last is not None:
        yield from builder.flush(last)
