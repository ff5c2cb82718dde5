"""The heartbeat record: one observation by one watcher, and which role its source plays.

A window watcher (X11, macOS, Windows, replay) reports the focused window and
the input clock: it is a *screen* source. The calendar and the call log report
that a meeting or a call is in progress: *presence* sources, which are never
idle and take the time while they last. The file watcher and a browser
extension add a path or a URL to what the screen shows: *annotation* sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tenths.errors import RecordError
from tenths.records import SPAN_KINDS, utc

SOURCE_X11 = "x11"
SOURCE_MACOS = "macos"
SOURCE_WINDOWS = "windows"
SOURCE_FILES = "files"
SOURCE_BROWSER = "browser"
SOURCE_CALENDAR = "calendar"
SOURCE_CALLS = "calls"

PRESENCE_SOURCES = frozenset({SOURCE_CALENDAR, SOURCE_CALLS})
ANNOTATION_SOURCES = frozenset({SOURCE_FILES, SOURCE_BROWSER})


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """One observation at ``at``: the focused window (or a meeting, a call, a file).

    ``app`` is the application's name (WM_CLASS, the macOS app name), ``process``
    its process name and ``pid`` its id where the platform tells them. An empty
    ``app`` means nothing is focused. ``idle_seconds`` is the time since the last
    keyboard or mouse input and ``locked`` a locked screen (idle, whatever the
    clock says); both mean something only for screen sources.
    """

    at: datetime
    user: int
    app: str
    kind: str
    window_title: str
    text: str
    url: str | None = None
    path: str | None = None
    idle_seconds: float = 0.0
    process: str = ""
    pid: int | None = None
    locked: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", utc(self.at, "at"))
        if self.kind not in SPAN_KINDS:
            raise RecordError(f"kind: {self.kind!r} is not one of {sorted(SPAN_KINDS)}")
        if self.idle_seconds < 0:
            raise RecordError("idle_seconds: must not be negative")

    @property
    def role(self) -> str:
        """``presence``, ``annotation`` or ``screen`` (see the module docstring)."""
        if self.source in PRESENCE_SOURCES:
            return "presence"
        if self.source in ANNOTATION_SOURCES:
            return "annotation"
        return "screen"

    def same_window(self, other: Heartbeat) -> bool:
        """Same user, app, kind, title, url and path: the words on screen may differ."""
        return (self.user, self.app, self.kind, self.window_title, self.url, self.path) == (
            other.user, other.app, other.kind, other.window_title, other.url, other.path
        )
