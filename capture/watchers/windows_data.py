"""The Windows watcher's pure parts: tick arithmetic, the lock, OCR results.

Kept apart from ``windows.py`` (ctypes' windll, WinRT) so they are tested on
any platform.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from capture.screen.words import Word

TICK_MASK = 0xFFFFFFFF  # GetTickCount and LASTINPUTINFO.dwTime are 32-bit milliseconds
LOCK_SCREEN_PROCESSES = frozenset({"logonui.exe", "lockapp.exe"})


def idle_seconds_from_ticks(now_tick: int, last_input_tick: int) -> float:
    """Seconds since the last input. Both counters wrap every 49.7 days; the
    difference modulo 2**32 stays right across the wrap."""
    return ((now_tick - last_input_tick) & TICK_MASK) / 1000.0


def windows_locked(foreground_process: str, input_desktop_open: bool) -> bool:
    """Locked when the lock screen's process has the foreground or the input desktop
    (the secure desktop while locked or at a UAC prompt) cannot be opened."""
    return foreground_process.lower() in LOCK_SCREEN_PROCESSES or not input_desktop_open


def app_name(file_description: str, process: str) -> str:
    """The app as people name it: the executable's FileDescription ("Microsoft Word"),
    else the process name without ``.exe``."""
    name = file_description.strip()
    return name or process.removesuffix(".exe").removesuffix(".EXE")


class _Rect(Protocol):
    x: float
    y: float
    width: float
    height: float


class _OcrWord(Protocol):
    text: str
    bounding_rect: _Rect


class _OcrLine(Protocol):
    words: Iterable[_OcrWord]


def winrt_words(lines: Iterable[_OcrLine], offset_left: int = 0, offset_top: int = 0
                ) -> list[Word]:
    """Windows.Media.Ocr's lines of words (pixel rects from the top left) as Words."""
    found = []
    for line in lines:
        for word in line.words:
            r = word.bounding_rect
            if word.text.strip():
                found.append(Word(word.text.strip(), round(r.x) + offset_left,
                                  round(r.y) + offset_top, round(r.x + r.width) + offset_left,
                                  round(r.y + r.height) + offset_top))
    return found
