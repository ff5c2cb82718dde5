"""The X11 watcher: the focused window, its process, the input clock and the lock.

- **Window**: EWMH ``_NET_ACTIVE_WINDOW`` on the root (a window manager sets it);
  the app is the WM_CLASS class, the title ``_NET_WM_NAME`` (else WM_NAME).
- **Process**: the X-Resource extension's client-id query with the local
  client PID mask gives the PID of the client that made the window, which
  ``_NET_WM_PID`` often lacks (Tk never sets it); that property is the fallback.
  psutil names the process. Both are kept per window id.
- **Idle**: the MIT-SCREEN-SAVER extension's milliseconds since the last input.
- **Locked**: the screen saver is on (``ScreenSaverOn``: a blanked or locking
  saver), or one of the top viewable override-redirect windows has the WM_CLASS
  of a known locker (``[capture].locker_classes``: i3lock, xsecurelock, slock,
  xscreensaver, light-locker ...). A locker that only tells logind over D-Bus
  (GNOME's shield under Wayland) is not seen here.
- **Words**: accessibility text when the window's app offers it
  (``capture.screen.accessible``), else OCR of the window's pixels on screen
  through ``ScreenReader``; neither runs for an excluded or locked window.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import datetime

import mss
import numpy as np
import psutil
from mss.exception import ScreenShotError
from Xlib import X, Xatom, display, error
from Xlib.ext import res

from capture.errors import WatcherUnavailable
from capture.exclusions import app_excluded, title_excluded
from capture.heartbeat import SOURCE_X11, Heartbeat
from capture.kinds import kind_of, kind_table
from capture.screen.accessible import AccessibleText
from capture.screen.change import to_gray
from capture.screen.reader import ScreenReader
from tenths.settings import CaptureSettings

log = logging.getLogger(__name__)

SCREEN_SAVER_ON = 1  # ScreenSaverOn in the MIT-SCREEN-SAVER state field
TOP_WINDOWS_CHECKED = 5  # viewable override-redirect windows looked at for a locker
OWNERS_KEPT = 256


class X11Watcher:
    name = SOURCE_X11

    def __init__(
        self,
        settings: CaptureSettings,
        user: int,
        *,
        display_name: str | None = None,
        reader: ScreenReader | None = None,
        accessible: AccessibleText | None = None,
    ) -> None:
        self.settings = settings
        self.user = user
        self.interval_s = settings.poll_interval_s
        self.reader = reader
        self.accessible = accessible
        try:
            self._display = display.Display(display_name)
        except (error.DisplayError, error.XError, OSError) as exc:
            raise WatcherUnavailable(f"x11: cannot open display {display_name or ''}: {exc}"
                                     ) from exc
        for ext in ("MIT-SCREEN-SAVER",):
            if not self._display.has_extension(ext):
                self._display.close()
                raise WatcherUnavailable(f"x11: the X server lacks the {ext} extension")
        self._has_res = self._display.has_extension("X-Resource")
        self._root = self._display.screen().root
        self._atoms = {name: self._display.intern_atom(name) for name in (
            "_NET_ACTIVE_WINDOW", "_NET_WM_NAME", "_NET_WM_PID", "UTF8_STRING")}
        self._kinds = kind_table(settings)
        self._lockers = {c.lower() for c in settings.locker_classes}
        self._owners: OrderedDict[int, tuple[int | None, str]] = OrderedDict()
        self._display_name = display_name
        self._mss: mss.MSS | bool | None = None  # made in the polling thread

    # -- the poll -------------------------------------------------------------

    def poll(self, now: datetime) -> list[Heartbeat]:
        info = self._root.screensaver_query_info()
        idle_s = info.idle / 1000.0
        locked = info.state == SCREEN_SAVER_ON or self._locker_on_top()
        try:
            window = self.active_window()
            if window is None:
                return [self._nothing(now, idle_s, locked)]
            app = _wm_class(window)
            title = self._title(window)
            pid, process = self._owner(window)
        except (error.BadWindow, error.BadDrawable, error.BadMatch):
            return [self._nothing(now, idle_s, locked)]  # it closed while we looked
        text = ""
        if not locked and not (app_excluded(app, process, self.settings)
                               or title_excluded(title, self.settings)):
            text = self._words(window, pid, idle_s)
        kind = kind_of(app, process, self._kinds)
        return [Heartbeat(now, self.user, app, kind, title, text, idle_seconds=idle_s,
                          process=process, pid=pid, locked=locked, source=self.name)]

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
        if self._mss:
            self._mss.close()
        self._display.close()

    # -- the parts ------------------------------------------------------------

    def _nothing(self, now: datetime, idle_s: float, locked: bool) -> Heartbeat:
        return Heartbeat(now, self.user, "", "app", "", "", idle_seconds=idle_s,
                         locked=locked, source=self.name)

    def idle_seconds(self) -> float:
        """Seconds since the last keyboard or mouse input."""
        return self._root.screensaver_query_info().idle / 1000.0

    def active_window(self):  # noqa: ANN201 - python-xlib has no stubs
        """The focused client window (an Xlib Window), or None."""
        prop = self._root.get_full_property(self._atoms["_NET_ACTIVE_WINDOW"],
                                            X.AnyPropertyType)
        if prop is None or not len(prop.value) or not prop.value[0]:
            return None
        return self._display.create_resource_object("window", int(prop.value[0]))

    def _title(self, window) -> str:  # noqa: ANN001
        prop = window.get_full_property(self._atoms["_NET_WM_NAME"], self._atoms["UTF8_STRING"])
        if prop is not None and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        name = window.get_wm_name()
        if isinstance(name, bytes):
            return name.decode("latin-1")
        return name or ""

    def _owner(self, window) -> tuple[int | None, str]:  # noqa: ANN001
        """The PID and process name of the client that made ``window``."""
        if window.id in self._owners:
            self._owners.move_to_end(window.id)
            return self._owners[window.id]
        pid = self._pid(window)
        process = ""
        if pid is not None:
            try:
                process = psutil.Process(pid).name()
            except psutil.Error:
                process = ""
        self._owners[window.id] = (pid, process)
        while len(self._owners) > OWNERS_KEPT:
            self._owners.popitem(last=False)
        return pid, process

    def _pid(self, window) -> int | None:  # noqa: ANN001
        if self._has_res:
            reply = self._display.res_query_client_ids(
                [{"client": window.id, "mask": res.LocalClientPIDMask}])
            for value in reply.ids:
                if value.spec.mask & res.LocalClientPIDMask and value.value:
                    return int(value.value[0])
        prop = window.get_full_property(self._atoms["_NET_WM_PID"], Xatom.CARDINAL)
        if prop is not None and len(prop.value):
            return int(prop.value[0])
        return None

    def _locker_on_top(self) -> bool:
        if not self._lockers:
            return False
        seen = 0
        for child in reversed(self._root.query_tree().children):  # top of the stack first
            try:
                attrs = child.get_attributes()
                if attrs.map_state != X.IsViewable or not attrs.override_redirect:
                    continue
                seen += 1
                if _wm_class(child).lower() in self._lockers or (
                    (child.get_wm_class() or ("",))[0].lower() in self._lockers
                ):
                    return True
            except (error.BadWindow, error.BadDrawable):
                continue
            if seen >= TOP_WINDOWS_CHECKED:
                break
        return False

    def _words(self, window, pid: int | None, idle_s: float) -> str:  # noqa: ANN001
        if self.accessible is not None and pid is not None:
            text = self.accessible.text_of(pid)
            if text:
                return text
        if self.reader is None:
            return ""
        pixels = self.grab(window)
        if pixels is None:
            return ""
        idle = idle_s >= self.settings.idle_minutes * 60
        return self.reader.read(f"x11:{window.id:#x}", to_gray(pixels), idle=idle)

    def grab(self, window) -> np.ndarray | None:  # noqa: ANN001
        """The window's pixels as the screen shows them (BGRX/BGRA), clipped to the screen."""
        geometry = window.get_geometry()
        origin = self._root.translate_coords(window, 0, 0)
        screen = self._display.screen()
        x0, y0 = max(origin.x, 0), max(origin.y, 0)
        x1 = min(origin.x + geometry.width, screen.width_in_pixels)
        y1 = min(origin.y + geometry.height, screen.height_in_pixels)
        if x1 - x0 < 8 or y1 - y0 < 8:
            return None
        if self._mss is None:
            try:  # MIT-SHM through mss: ~0.3 ms for 1280x780 against ~18 ms by GetImage
                self._mss = mss.MSS(display=self._display_name)
            except ScreenShotError:
                self._mss = False
        if self._mss:
            try:
                shot = self._mss.grab({"left": x0, "top": y0, "width": x1 - x0,
                                       "height": y1 - y0})
                return np.asarray(shot)
            except ScreenShotError:
                log.debug("x11: mss could not grab; using GetImage")
        image = self._root.get_image(x0, y0, x1 - x0, y1 - y0, X.ZPixmap, 0xFFFFFFFF)
        data = np.frombuffer(image.data, dtype=np.uint8)
        if data.size != (y1 - y0) * (x1 - x0) * 4:
            log.debug("x11: unexpected image depth %s", image.depth)
            return None
        return data.reshape(y1 - y0, x1 - x0, 4)


def _wm_class(window) -> str:  # noqa: ANN001
    """The application's class (the second WM_CLASS string), else its instance."""
    cls = window.get_wm_class()
    if not cls:
        return ""
    return cls[1] or cls[0]
