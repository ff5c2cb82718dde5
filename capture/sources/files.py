"""Documents opened or saved in the user's document folders, as watchdog sees them.

Each event becomes a ``document`` heartbeat with the file's ``path`` (an
*annotation*: ``SpanBuilder`` adds the path to the focused window that shows
the file, and ignores the event otherwise). Opens come from inotify on Linux
(``FileOpenedEvent``); saves from closes after writing, modifications,
creations and the rename an atomic save ends with. Lock, temporary, backup
and hidden files are not documents.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePath

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from capture.errors import WatcherUnavailable
from capture.heartbeat import SOURCE_FILES, Heartbeat
from tenths.settings import CaptureSettings

_SAVES = (FileClosedEvent, FileModifiedEvent, FileCreatedEvent, FileMovedEvent)
_NOT_DOCUMENTS = (".tmp", ".temp", ".swp", ".swx", ".part", ".crdownload", ".bak", ".lock",
                  ".ds_store", ".lnk", ".partial")
MAX_QUEUED = 10_000  # events kept between two polls; older ones are dropped first


def is_document(path: str) -> bool:
    """False for lock, temporary, backup and hidden files."""
    name = PurePath(path).name.lower()
    if not name or name.startswith("."):
        return False
    if name.startswith(("~$", ".~lock", "~")) or name.endswith(("~", "#")):
        return False
    return not name.endswith(_NOT_DOCUMENTS)


def file_event(event: FileSystemEvent) -> tuple[str, str] | None:
    """(what, path) for an event that opened or saved a document, else None."""
    if event.is_directory:
        return None
    if isinstance(event, FileOpenedEvent):
        what, path = "opened", event.src_path
    elif isinstance(event, FileMovedEvent):
        what, path = "saved", event.dest_path
    elif isinstance(event, _SAVES):
        what, path = "saved", event.src_path
    else:
        return None
    path = path.decode() if isinstance(path, bytes) else path
    return (what, path) if is_document(path) else None


def document_beat(path: str, at: datetime, user: int) -> Heartbeat:
    return Heartbeat(at, user, "Files", "document", PurePath(path).name, "", path=path,
                     source=SOURCE_FILES)


class _Queue(FileSystemEventHandler):
    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.events: deque[tuple[datetime, str]] = deque(maxlen=MAX_QUEUED)
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        seen = file_event(event)
        if seen is not None:
            with self.lock:
                self.events.append((self.clock(), seen[1]))


class FileWatcher:
    """Watches ``[capture].document_folders`` (recursively) on watchdog's observer."""

    name = SOURCE_FILES

    def __init__(
        self,
        settings: CaptureSettings,
        user: int,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        observer_factory: Callable[[], Observer] = Observer,
    ) -> None:
        self.user = user
        self.interval_s = settings.poll_interval_s
        self._queue = _Queue(clock)
        self._observer = observer_factory()
        folders = [Path(f).expanduser() for f in settings.document_folders]
        missing = [str(f) for f in folders if not f.is_dir()]
        if missing:
            raise WatcherUnavailable(f"files: not folders: {', '.join(missing)}")
        for folder in folders:
            self._observer.schedule(self._queue, str(folder), recursive=True)
        self._observer.start()

    def poll(self, now: datetime) -> list[Heartbeat]:
        """One beat per document touched since the last poll, at its latest touch."""
        with self._queue.lock:
            events = list(self._queue.events)
            self._queue.events.clear()
        latest: dict[str, datetime] = {}
        for at, path in events:
            latest[path] = min(max(at, latest.get(path, at)), now)
        return sorted((document_beat(p, at, self.user) for p, at in latest.items()),
                      key=lambda b: b.at)

    def close(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)
