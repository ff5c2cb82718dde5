"""The macOS watcher (pyobjc): imported by ``watchers_for`` only on darwin.

- **App**: ``NSWorkspace.frontmostApplication()``: its name, executable, pid.
- **Title and pixels**: ``CGWindowListCopyWindowInfo`` on-screen windows, the
  app's frontmost layer-0 window (titles need the Screen Recording permission;
  without it the title is empty and only the app counts);
  ``CGWindowListCreateImage`` of that window for OCR.
- **Idle**: ``CGEventSourceSecondsSinceLastEventType`` over any input event.
- **Locked**: ``CGSessionCopyCurrentDictionary()["CGSSessionScreenIsLocked"]``.
- **Words**: the Vision framework's text recognition (``VisionEngine``), through
  the same ``ScreenReader`` change check and cache as tesseract elsewhere.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import numpy as np
import Quartz  # type: ignore[import-not-found]
import Vision  # type: ignore[import-not-found]
from AppKit import NSWorkspace  # type: ignore[import-not-found]
from Foundation import NSData  # type: ignore[import-not-found]
from PIL import Image

from capture.exclusions import app_excluded, title_excluded
from capture.heartbeat import SOURCE_MACOS, Heartbeat
from capture.kinds import kind_table
from capture.screen.change import Region, to_gray
from capture.screen.ocr import crop
from capture.screen.reader import ScreenReader
from capture.screen.words import Word
from capture.watchers.macos_data import (
    NAME,
    NUMBER,
    front_window,
    mac_heartbeat,
    pixels_from_buffer,
    process_name,
    screen_locked,
    vision_words,
)
from tenths.settings import CaptureSettings

ANY_INPUT = 0xFFFFFFFF  # kCGAnyInputEventType


class MacWatcher:
    name = SOURCE_MACOS

    def __init__(self, settings: CaptureSettings, user: int, *,
                 reader: ScreenReader | None = None) -> None:
        self.settings = settings
        self.user = user
        self.interval_s = settings.poll_interval_s
        self.reader = reader
        self._kinds = kind_table(settings)

    def poll(self, now: datetime) -> list[Heartbeat]:
        idle_s = float(Quartz.CGEventSourceSecondsSinceLastEventType(
            Quartz.kCGEventSourceStateHIDSystemState, ANY_INPUT))
        locked = screen_locked(Quartz.CGSessionCopyCurrentDictionary())
        app = NSWorkspace.sharedWorkspace().frontmostApplication()
        if app is None:
            return [mac_heartbeat(now, self.user, "", "", None, None, idle_s, locked, "",
                                  self._kinds)]
        pid = int(app.processIdentifier())
        exe = app.executableURL()
        process = process_name(exe.path() if exe is not None else None, app.bundleIdentifier())
        name = str(app.localizedName() or process)
        windows = Quartz.CGWindowListCopyWindowInfo(
            Quartz.kCGWindowListOptionOnScreenOnly | Quartz.kCGWindowListExcludeDesktopElements,
            Quartz.kCGNullWindowID) or []
        window = front_window(windows, pid)
        title = str((window or {}).get(NAME) or "")
        text = ""
        if window is not None and self.reader is not None and not locked and not (
                app_excluded(name, process, self.settings)
                or title_excluded(title, self.settings)):
            pixels = self._grab(int(window[NUMBER]))
            if pixels is not None:
                idle = idle_s >= self.settings.idle_minutes * 60
                text = self.reader.read(f"mac:{window[NUMBER]}", to_gray(pixels), idle=idle)
        return [mac_heartbeat(now, self.user, name, process, pid, window, idle_s, locked, text,
                              self._kinds)]

    @staticmethod
    def _grab(number: int) -> np.ndarray | None:
        image = Quartz.CGWindowListCreateImage(
            Quartz.CGRectNull, Quartz.kCGWindowListOptionIncludingWindow, number,
            Quartz.kCGWindowImageBoundsIgnoreFraming | Quartz.kCGWindowImageNominalResolution)
        if image is None:
            return None
        data = Quartz.CGDataProviderCopyData(Quartz.CGImageGetDataProvider(image))
        return pixels_from_buffer(bytes(data), Quartz.CGImageGetWidth(image),
                                  Quartz.CGImageGetHeight(image),
                                  Quartz.CGImageGetBytesPerRow(image))

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()


class VisionEngine:
    """Text recognition by the Vision framework (on the device, no network)."""

    def read(self, gray: np.ndarray, region: Region | None = None) -> list[Word]:
        picture, left, top = crop(gray, region)
        buffer = BytesIO()
        Image.fromarray(picture).save(buffer, format="PNG")
        png = buffer.getvalue()
        handler = Vision.VNImageRequestHandler.alloc().initWithData_options_(
            NSData.dataWithBytes_length_(png, len(png)), None)
        request = Vision.VNRecognizeTextRequest.alloc().init()
        request.setRecognitionLevel_(Vision.VNRequestTextRecognitionLevelAccurate)
        request.setUsesLanguageCorrection_(True)
        ok, _error = handler.performRequests_error_([request], None)
        if not ok:
            return []
        lines = []
        for observation in request.results() or []:
            candidates = observation.topCandidates_(1)
            if not candidates:
                continue
            box = observation.boundingBox()
            lines.append((str(candidates[0].string()),
                          (box.origin.x, box.origin.y, box.size.width, box.size.height)))
        return vision_words(lines, picture.shape[1], picture.shape[0], left, top)
