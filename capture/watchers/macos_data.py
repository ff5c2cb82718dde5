"""The macOS watcher's pure parts: Quartz's and Vision's raw values into records.

Kept apart from ``macos.py`` (which imports pyobjc and runs only on macOS) so
they are tested on any platform.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import numpy as np

from capture.heartbeat import SOURCE_MACOS, Heartbeat
from capture.kinds import kind_of
from capture.screen.words import Word

# CGWindowListCopyWindowInfo keys (Quartz's kCGWindow* constants are these strings).
OWNER_PID = "kCGWindowOwnerPID"
LAYER = "kCGWindowLayer"
NAME = "kCGWindowName"
BOUNDS = "kCGWindowBounds"
NUMBER = "kCGWindowNumber"
ALPHA = "kCGWindowAlpha"


def front_window(windows: Iterable[Mapping], pid: int) -> Mapping | None:
    """The app's frontmost normal window: the list runs front to back; layer 0 holds
    document windows (menus, the Dock and overlays sit on other layers)."""
    for window in windows:
        if window.get(OWNER_PID) == pid and window.get(LAYER, 0) == 0 and (
            window.get(ALPHA, 1.0) > 0
        ):
            return window
    return None


def window_bounds(window: Mapping) -> tuple[int, int, int, int] | None:
    """(left, top, width, height) in points, from kCGWindowBounds."""
    bounds = window.get(BOUNDS)
    if not bounds:
        return None
    return (int(bounds["X"]), int(bounds["Y"]), int(bounds["Width"]), int(bounds["Height"]))


def screen_locked(session: Mapping | None) -> bool:
    """From CGSessionCopyCurrentDictionary: locked, or the session is not on the console
    (fast user switching); no session at all (a headless login) counts as locked."""
    if session is None:
        return True
    return bool(session.get("CGSSessionScreenIsLocked", False)) or not session.get(
        "kCGSSessionOnConsoleKey", True)


def process_name(executable_path: str | None, bundle_id: str | None) -> str:
    """The executable's file name, else the bundle id's last part."""
    if executable_path:
        return executable_path.rstrip("/").rsplit("/", 1)[-1]
    return (bundle_id or "").rsplit(".", 1)[-1]


def mac_heartbeat(
    at: datetime, user: int, app: str, process: str, pid: int | None,
    window: Mapping | None, idle_s: float, locked: bool, text: str,
    kinds: Mapping[str, str],
) -> Heartbeat:
    title = str((window or {}).get(NAME) or "")
    return Heartbeat(at, user, app, kind_of(app, process, kinds) if app else "app", title, text,
                     idle_seconds=max(idle_s, 0.0), process=process, pid=pid, locked=locked,
                     source=SOURCE_MACOS)


def vision_box_to_pixels(box: tuple[float, float, float, float], width: int, height: int
                         ) -> tuple[int, int, int, int]:
    """Vision's normalised box (x, y, w, h from the bottom left) as pixel
    (left, top, right, bottom) from the top left."""
    x, y, w, h = box
    left, right = round(x * width), round((x + w) * width)
    top, bottom = round((1 - y - h) * height), round((1 - y) * height)
    return left, top, right, bottom


def vision_words(lines: Iterable[tuple[str, tuple[float, float, float, float]]],
                 width: int, height: int, offset_left: int = 0, offset_top: int = 0
                 ) -> list[Word]:
    """Vision reads lines: each becomes one Word spanning its line."""
    words = []
    for text, box in lines:
        if text.strip():
            left, top, right, bottom = vision_box_to_pixels(box, width, height)
            words.append(Word(text.strip(), left + offset_left, top + offset_top,
                              right + offset_left, bottom + offset_top))
    return words


def pixels_from_buffer(data: bytes, width: int, height: int, bytes_per_row: int
                       ) -> np.ndarray:
    """BGRA pixels (height x width x 4) from a CGImage's buffer, whose rows may be padded."""
    rows = np.frombuffer(data, dtype=np.uint8)[: height * bytes_per_row]
    return rows.reshape(height, bytes_per_row)[:, : width * 4].reshape(height, width, 4)
