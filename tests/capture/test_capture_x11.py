"""The X11 watcher against a real X server: Xvfb, openbox and Tk windows.

Each Tk window runs as its own process with a known class, title and words.
Times fed to the merge are a synthetic clock (one poll every 5 s); only the
X server, the window manager and the OCR worker run on wall time, and the
test waits for them with deadlines, never with sleeps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from Xlib.display import Display

from capture.heartbeats import merge_heartbeats
from capture.screen.ocr import TesseractEngine, find_tessdata
from capture.screen.reader import ScreenReader
from capture.watchers import watchers_for
from capture.watchers.x11 import X11Watcher
from tenths.settings import CaptureSettings

TK_WINDOW = Path(__file__).with_name("tk_window.py")
T0 = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
SETTINGS = CaptureSettings(ocr_min_interval_s=0.0, pulsetime_seconds=60)

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("Xvfb", "openbox", "xdotool")),
    reason="needs Xvfb, openbox and xdotool (scripts/system-deps.sh)",
)


def wait_for(check: Callable[[], object], what: str, deadline_s: float = 15.0) -> object:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.05)  # polling a real process; the test's outcome never rests on it
    raise AssertionError(f"timed out waiting for {what}")


class Desktop:
    def __init__(self, display: str) -> None:
        self.display = display
        self.env = {**os.environ, "DISPLAY": display}
        self.procs: list[subprocess.Popen] = []

    def run(self, *args: str) -> str:
        return subprocess.run(args, env=self.env, check=True, capture_output=True, text=True,
                              timeout=15).stdout

    def window(self, cls: str, title: str, *lines: str, override: bool = False) -> tuple[str, int]:
        """Open a Tk window; return its X id and its process id."""
        args = [sys.executable, str(TK_WINDOW), cls, title, *(["--override"] if override else []),
                *lines]
        proc = subprocess.Popen(args, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        search = ["xdotool", "search", "--onlyvisible", "--classname", cls.lower()]
        found = wait_for(lambda: subprocess.run(search, env=self.env, capture_output=True,
                                                text=True).stdout.split(), f"window {cls}")
        return found[-1], proc.pid

    def activate(self, window: str) -> None:
        self.run("xdotool", "windowactivate", "--sync", window)

    def stop(self, pid: int) -> None:
        for proc in self.procs:
            if proc.pid == pid:
                proc.terminate()
                proc.wait(timeout=10)


@pytest.fixture(scope="module")
def desktop() -> Iterator[Desktop]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    desk = Desktop(f":{number}")
    wm = subprocess.Popen(["openbox"], env=desk.env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in desk.run(
            "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"), "openbox")
        yield desk
    finally:
        for proc in [*desk.procs, wm, xvfb]:
            proc.terminate()
        for proc in [*desk.procs, wm, xvfb]:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def watcher(desktop: Desktop) -> Iterator[X11Watcher]:
    reader = ScreenReader(TesseractEngine(find_tessdata("eng")), 0.0)
    w = X11Watcher(SETTINGS, 7, display_name=desktop.display, reader=reader)
    yield w
    w.close()


def test_focused_windows_become_spans_with_app_title_process_and_words(desktop, watcher):
    brief, brief_pid = desktop.window("Brief", "Lease-Amendment - Brief",
                                      "Pinecrest Dental lease amendment", "Second renewal term")
    ledger, ledger_pid = desktop.window("Ledger", "Invoice 4471 - Ledger",
                                        "Okonkwo invoice overdue", "Payment plan proposal")
    desktop.run("xdotool", "mousemove", "200", "200")  # input: not idle
    beats = []
    clock = iter(T0 + timedelta(seconds=5 * i) for i in range(1000))

    def focus_and_read(window: str, word: str) -> None:
        desktop.activate(window)

        def read_it():
            watcher.reader.wait(10)
            [beat] = watcher.poll(next(clock))
            beats.append(beat)
            return word in beat.text
        wait_for(read_it, f"OCR of {word}")
        beats.extend(b for _ in range(2) for b in watcher.poll(next(clock)))

    focus_and_read(brief, "Pinecrest")
    focus_and_read(ledger, "Okonkwo")
    spans = list(merge_heartbeats(beats, SETTINGS))
    assert [(s.app, s.window_title) for s in spans] == [
        ("Brief", "Lease-Amendment - Brief"), ("Ledger", "Invoice 4471 - Ledger")]
    assert spans[0].end == spans[1].start
    assert "Pinecrest Dental lease amendment" in spans[0].text
    assert "Second renewal term" in spans[0].text
    assert "Okonkwo invoice overdue" in spans[1].text
    assert "Payment plan proposal" in spans[1].text
    # Tk sets no _NET_WM_PID: the X-Resource extension named the process.
    assert {(b.window_title, b.pid) for b in beats} == {
        ("Lease-Amendment - Brief", brief_pid), ("Invoice 4471 - Ledger", ledger_pid)}
    assert all(b.process.startswith("python") for b in beats)


def test_input_resets_the_idle_clock(desktop, watcher):
    desktop.run("xdotool", "mousemove", "10", "10")
    before = wait_for(lambda: (i := watcher.idle_seconds()) >= 0.3 and i, "idle to grow")
    desktop.run("xdotool", "mousemove", "300", "300", "key", "shift")
    after = watcher.idle_seconds()
    assert after < before and after < 0.3


def test_an_excluded_window_is_not_read(desktop, watcher):
    vault, pid = desktop.window("KeePassXC", "Passwords.kdbx - KeePassXC", "Secret entry")
    desktop.activate(vault)
    [beat] = watcher.poll(T0)
    watcher.reader.wait(10)
    assert (beat.app.lower(), beat.text, watcher.reader.reads) == ("keepassxc", "", 0)
    [span] = merge_heartbeats([beat, *watcher.poll(T0 + timedelta(seconds=5))], SETTINGS)
    assert (span.app, span.window_title) == ("excluded", "")
    desktop.stop(pid)


def test_an_active_screen_saver_is_locked(desktop, watcher):
    server = Display(desktop.display)  # the test's own connection drives the server
    server.force_screen_saver(1)  # ScreenSaverActive
    server.sync()
    try:
        [beat] = watcher.poll(T0)
        assert beat.locked and beat.text == ""
    finally:
        server.force_screen_saver(0)
        server.sync()
        server.close()
    [beat] = watcher.poll(T0)
    assert not beat.locked


def test_a_locker_window_on_top_is_locked(desktop, watcher):
    _, pid = desktop.window("i3lock", "i3lock", override=True)
    try:
        [beat] = watcher.poll(T0)
        assert beat.locked
    finally:
        desktop.stop(pid)
    assert not watcher.poll(T0)[0].locked


def test_watchers_for_builds_the_x11_watcher_on_linux(desktop):
    [built] = watchers_for(SETTINGS, 7, platform="linux", display=desktop.display)
    try:
        assert isinstance(built, X11Watcher) and built.reader is not None
        assert built.interval_s == SETTINGS.poll_interval_s
    finally:
        built.close()


def test_the_capture_bench_measures_a_poll_a_change_check_and_an_ocr_read(desktop):
    from capture.bench import bench_x11

    window, pid = desktop.window("Bench", "Bench - notes", "Mediation statement exhibits")
    desktop.activate(window)
    try:
        cost = bench_x11(desktop.display, TesseractEngine(find_tessdata("eng")), polls=3,
                         ocr_reads=1)
    finally:
        desktop.stop(pid)
    assert cost.words >= 3 and (cost.width, cost.height) == (760, 360)
    assert 0 < cost.poll_ms < cost.ocr_ms and 0 < cost.change_ms < cost.ocr_ms
