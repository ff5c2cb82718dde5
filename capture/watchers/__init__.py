"""Watchers: one small module per platform and source, each yielding heartbeats.

``watchers_for`` builds what this machine supports and imports each platform's
module only on that platform (pyobjc on macOS, ctypes' windll on Windows,
python-xlib under X11). A watcher that cannot start here is left out with a
log line, so the others still run.
"""

from __future__ import annotations

import logging
import os
import sys

from capture.errors import CaptureError, WatcherUnavailable
from capture.watchers.base import Watcher
from tenths.settings import CaptureSettings

__all__ = ["Watcher", "watchers_for"]

log = logging.getLogger(__name__)


def _reader(settings: CaptureSettings, engine_factory):  # noqa: ANN001, ANN202
    from capture.screen.reader import ScreenReader

    if not settings.ocr_enabled:
        return None
    try:
        engine = engine_factory()
    except CaptureError as exc:  # no tessdata, no OCR framework: titles still count
        log.warning("OCR unavailable, capturing titles only: %s", exc)
        return None
    return ScreenReader(engine, settings.ocr_min_interval_s)


def _tesseract(settings: CaptureSettings):  # noqa: ANN202
    from capture.screen.ocr import TesseractEngine, find_tessdata

    return TesseractEngine(find_tessdata(settings.ocr_language, settings.tessdata_dir),
                           settings.ocr_language)


def _screen_watcher(settings: CaptureSettings, user: int, platform: str,
                    display: str | None) -> Watcher | None:
    if platform == "darwin":
        from capture.watchers.macos import MacWatcher, VisionEngine

        return MacWatcher(settings, user, reader=_reader(settings, VisionEngine))
    if platform == "win32":
        from capture.watchers.windows import WindowsWatcher, WinRtEngine

        return WindowsWatcher(settings, user, reader=_reader(settings, WinRtEngine))
    display = os.environ.get("DISPLAY") if display is None else display
    if not display:
        log.warning("no X display (a Wayland-only session?): no window watcher")
        return None
    from capture.screen.accessible import atspi_reader
    from capture.watchers.x11 import X11Watcher

    return X11Watcher(settings, user, display_name=display,
                      reader=_reader(settings, lambda: _tesseract(settings)),
                      accessible=atspi_reader())


def watchers_for(
    settings: CaptureSettings, user: int, *, platform: str = sys.platform,
    display: str | None = None,
) -> list[Watcher]:
    """The watchers this platform and these settings call for. ``display`` names the X
    display (None: ``$DISPLAY``; "": none)."""
    built: list[Watcher] = []
    try:
        screen = _screen_watcher(settings, user, platform, display)
        if screen is not None:
            built.append(screen)
    except WatcherUnavailable as exc:
        log.warning("window watcher unavailable: %s", exc)
    except ImportError as exc:  # pyobjc on macOS, winrt on Windows: packages to install
        log.warning("window watcher for %s needs %s", platform, exc.name or exc)
    if settings.document_folders:
        from capture.sources.files import FileWatcher

        built.append(FileWatcher(settings, user))
    if settings.calendar_paths:
        from capture.sources.calendar import CalendarWatcher

        built.append(CalendarWatcher(settings, user))
    if settings.call_log_paths:
        from capture.sources.calls import CallLogWatcher

        built.append(CallLogWatcher(settings, user))
    return built
