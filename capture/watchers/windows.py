"""The Windows watcher (ctypes and WinRT): imported by ``watchers_for`` only on win32.

- **Window**: ``GetForegroundWindow``, its title by ``GetWindowTextW``, its
  process by ``GetWindowThreadProcessId`` and psutil; the app's name is the
  executable's FileDescription version string ("Microsoft Word").
- **Idle**: ``GetLastInputInfo`` against ``GetTickCount`` (both 32-bit, wrapping
  every 49.7 days: ``idle_seconds_from_ticks``).
- **Locked**: the lock screen's process in front, or ``OpenInputDesktop`` failing.
- **Words**: ``Windows.Media.Ocr`` through the ``winrt`` packages
  (winrt-Windows.Media.Ocr, -Graphics.Imaging, -Storage.Streams,
  -Globalization; not in this project's lock yet), pixels grabbed by mss.
"""

from __future__ import annotations

import asyncio
import ctypes
from ctypes import wintypes
from datetime import datetime

import mss
import numpy as np
import psutil

from capture.exclusions import app_excluded, title_excluded
from capture.heartbeat import SOURCE_WINDOWS, Heartbeat
from capture.kinds import kind_of, kind_table
from capture.screen.change import Region, to_gray
from capture.screen.ocr import crop
from capture.screen.reader import ScreenReader
from capture.screen.words import Word
from capture.watchers.windows_data import (
    app_name,
    idle_seconds_from_ticks,
    windows_locked,
    winrt_words,
)
from tenths.settings import CaptureSettings

user32 = ctypes.windll.user32  # type: ignore[attr-defined]
kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
version = ctypes.windll.version  # type: ignore[attr-defined]
DESKTOP_SWITCHDESKTOP = 0x0100


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]


def _idle_seconds() -> float:
    info = LASTINPUTINFO(cbSize=ctypes.sizeof(LASTINPUTINFO))
    if not user32.GetLastInputInfo(ctypes.byref(info)):
        return 0.0
    return idle_seconds_from_ticks(kernel32.GetTickCount(), info.dwTime)


def _input_desktop_open() -> bool:
    desktop = user32.OpenInputDesktop(0, False, DESKTOP_SWITCHDESKTOP)
    if not desktop:
        return False
    user32.CloseDesktop(desktop)
    return True


def _file_description(path: str) -> str:
    size = version.GetFileVersionInfoSizeW(path, None)
    if not size:
        return ""
    data = ctypes.create_string_buffer(size)
    if not version.GetFileVersionInfoW(path, 0, size, data):
        return ""
    pointer, length = ctypes.c_void_p(), wintypes.UINT()
    if not version.VerQueryValueW(data, r"\VarFileInfo\Translation", ctypes.byref(pointer),
                                  ctypes.byref(length)) or length.value < 4:
        return ""
    lang, codepage = ctypes.cast(pointer, ctypes.POINTER(wintypes.WORD * 2)).contents
    key = rf"\StringFileInfo\{lang:04x}{codepage:04x}\FileDescription"
    if not version.VerQueryValueW(data, key, ctypes.byref(pointer), ctypes.byref(length)):
        return ""
    return ctypes.wstring_at(pointer, max(length.value - 1, 0))


class WindowsWatcher:
    name = SOURCE_WINDOWS

    def __init__(self, settings: CaptureSettings, user: int, *,
                 reader: ScreenReader | None = None) -> None:
        self.settings = settings
        self.user = user
        self.interval_s = settings.poll_interval_s
        self.reader = reader
        self._kinds = kind_table(settings)
        self._apps: dict[str, str] = {}
        self._mss = mss.MSS()
        try:  # window rects in physical pixels, as mss grabs them
            ctypes.windll.shcore.SetProcessDpiAwareness(2)  # type: ignore[attr-defined]
        except OSError:
            pass

    def poll(self, now: datetime) -> list[Heartbeat]:
        idle_s = _idle_seconds()
        hwnd = user32.GetForegroundWindow()
        pid_value = wintypes.DWORD()
        process, app, pid = "", "", None
        if hwnd:
            user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid_value))
            pid = int(pid_value.value) or None
        if pid is not None:
            try:
                proc = psutil.Process(pid)
                process, exe = proc.name(), proc.exe()
                if exe not in self._apps:
                    self._apps[exe] = app_name(_file_description(exe), process)
                app = self._apps[exe]
            except psutil.Error:
                process = ""
        locked = windows_locked(process, _input_desktop_open())
        title = ""
        if hwnd:
            length = user32.GetWindowTextLengthW(hwnd)
            buffer = ctypes.create_unicode_buffer(length + 1)
            user32.GetWindowTextW(hwnd, buffer, length + 1)
            title = buffer.value
        text = ""
        if hwnd and app and self.reader is not None and not locked and not (
                app_excluded(app, process, self.settings)
                or title_excluded(title, self.settings)):
            pixels = self._grab(hwnd)
            if pixels is not None:
                idle = idle_s >= self.settings.idle_minutes * 60
                text = self.reader.read(f"win:{hwnd:#x}", to_gray(pixels), idle=idle)
        kind = kind_of(app, process, self._kinds) if app else "app"
        return [Heartbeat(now, self.user, app, kind, title, text, idle_seconds=idle_s,
                          process=process, pid=pid, locked=locked, source=self.name)]

    def _grab(self, hwnd: int) -> np.ndarray | None:
        rect = wintypes.RECT()
        if not user32.GetWindowRect(hwnd, ctypes.byref(rect)):
            return None
        width, height = rect.right - rect.left, rect.bottom - rect.top
        if width < 8 or height < 8:
            return None
        shot = self._mss.grab({"left": rect.left, "top": rect.top, "width": width,
                               "height": height})
        return np.asarray(shot)  # BGRA

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
        self._mss.close()


class WinRtEngine:
    """Windows.Media.Ocr in the user's profile languages (on the device)."""

    def __init__(self) -> None:
        from winrt.windows.media.ocr import OcrEngine  # type: ignore[import-not-found]

        self._engine = OcrEngine.try_create_from_user_profile_languages()
        if self._engine is None:
            from capture.errors import CaptureError

            raise CaptureError("windows: no OCR language installed for this user")

    def read(self, gray: np.ndarray, region: Region | None = None) -> list[Word]:
        from winrt.windows.graphics.imaging import (  # type: ignore[import-not-found]
            BitmapPixelFormat,
            SoftwareBitmap,
        )
        from winrt.windows.storage.streams import DataWriter  # type: ignore[import-not-found]

        picture, left, top = crop(gray, region)
        height, width = picture.shape
        writer = DataWriter()
        writer.write_bytes(list(picture.tobytes()))
        bitmap = SoftwareBitmap.create_copy_from_buffer(
            writer.detach_buffer(), BitmapPixelFormat.GRAY8, width, height)
        result = asyncio.run(self._recognize(bitmap))
        return winrt_words(result.lines, left, top)

    async def _recognize(self, bitmap):  # noqa: ANN001, ANN202
        return await self._engine.recognize_async(bitmap)
