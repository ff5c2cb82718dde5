"""What every watcher offers the service: a name, a poll interval, poll and close."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from capture.heartbeat import Heartbeat


@runtime_checkable
class Watcher(Protocol):
    """One source of heartbeats. The service polls it every ``interval_s`` seconds
    (in its own supervised loop, so one watcher's crash stops no other) and feeds
    what it returns, in time order, to a ``SpanBuilder``. While capture is paused
    the service does not poll: nothing is grabbed, read or kept."""

    name: str
    interval_s: float

    def poll(self, now: datetime) -> list[Heartbeat]:
        """Heartbeats observed up to ``now`` (UTC-aware), oldest first."""
        ...

    def close(self) -> None:
        """Let go of displays, threads and file watches."""
        ...
