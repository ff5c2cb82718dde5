"""Heartbeats → spans: merge ticks of the same window within a pulsetime, cut idle.

A watcher sends a heartbeat every few seconds describing the focused window.
Consecutive heartbeats that describe the same thing (app, title, url, path,
and the same words on screen) and arrive within ``pulsetime`` of the previous
one extend one span; a change, a gap, or idle input longer than
``idle_after`` ends it. Idle time is never counted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from tenths.records import Span, utc
from tenths.settings import CaptureSettings


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """One observation of the focused window at ``at``."""

    at: datetime
    user: int
    app: str
    kind: str
    window_title: str
    text: str
    url: str | None = None
    path: str | None = None
    idle_seconds: float = 0.0  # time since the last keyboard/mouse input

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", utc(self.at, "at"))

    def same_window(self, other: Heartbeat) -> bool:
        return (self.user, self.app, self.kind, self.window_title, self.url, self.path) == (
            other.user, other.app, other.kind, other.window_title, other.url, other.path
        )


def is_excluded(beat: Heartbeat, settings: CaptureSettings) -> bool:
    """Exclusion rules: apps and title patterns the lawyer never wants captured."""
    if beat.app in settings.excluded_apps:
        return True
    return any(re.search(p, beat.window_title) for p in settings.excluded_title_patterns)


def _span_id(first: Heartbeat) -> str:
    key = f"{first.user}|{first.at.isoformat()}|{first.app}|{first.window_title}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def merge_heartbeats(
    beats: Iterable[Heartbeat], settings: CaptureSettings, paused: bool = False
) -> Iterator[Span]:
    """Merge time-ordered heartbeats into spans (none at all while paused)."""
    if paused:
        return
    pulse = timedelta(seconds=settings.pulsetime_seconds)
    idle_after = settings.idle_minutes * 60
    first: Heartbeat | None = None
    last: Heartbeat | None = None
    text = ""

    def close() -> Span | None:
        if first is None or last is None or last.at <= first.at:
            return None
        return Span(_span_id(first), first.user, first.at, last.at, first.app, first.kind,
                    first.window_title, text, first.url, first.path)

    for beat in beats:
        idle = beat.idle_seconds >= idle_after
        if is_excluded(beat, settings) or idle:
            # The span ends where input stopped, not where idleness was noticed.
            if last is not None and idle:
                cut = beat.at - timedelta(seconds=beat.idle_seconds)
                if cut > last.at:
                    last = Heartbeat(cut, last.user, last.app, last.kind, last.window_title,
                                     last.text, last.url, last.path)
            span = close()
            if span:
                yield span
            first = last = None
            continue
        if first is not None and last is not None and beat.same_window(first) and (
            beat.at - last.at <= pulse
        ):
            last = beat
            if len(beat.text) > len(text):
                text = beat.text  # keep the fullest reading of the screen
            continue
        if last is not None and beat.at - last.at <= pulse:
            # The window changed: the old span runs until this beat.
            last = Heartbeat(beat.at, last.user, last.app, last.kind, last.window_title,
                             last.text, last.url, last.path)
        span = close()
        if span:
            yield span
        first = last = beat
        text = beat.text
    span = close()
    if span:
        yield span
