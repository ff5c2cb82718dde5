"""Fakes for the service's tests: a clock, watchers, heartbeats (invented content)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from factories import T0

from capture.heartbeat import Heartbeat


class FakeClock:
    def __init__(self, now: datetime = T0):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def screen(at: datetime, title: str, app: str = "Writer", text: str = "words",
           idle: float = 0.0, source: str = "x11", **kw: object) -> Heartbeat:
    return Heartbeat(at=at, user=7, app=app, kind="document", window_title=title, text=text,
                     idle_seconds=idle, source=source, **kw)  # type: ignore[arg-type]


@dataclass
class ScriptedWatcher:
    """Yields one screen beat a poll; raises whatever ``failures`` holds first."""

    name: str = "scripted"
    interval_s: float = 5.0
    failures: list[Exception] = field(default_factory=list)
    polls: int = 0
    closed: int = 0

    def poll(self, now: datetime) -> list[Heartbeat]:
        self.polls += 1
        if self.failures:
            raise self.failures.pop(0)
        return [screen(now, f"{self.name} window")]

    def close(self) -> None:
        self.closed += 1
