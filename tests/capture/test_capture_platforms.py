"""The macOS and Windows watchers' pure parts, and which watchers each platform gets."""

import subprocess
import sys
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from capture.errors import CaptureError
from capture.kinds import DEFAULT_APP_KINDS, kind_of, kind_table
from capture.screen.words import Word
from capture.watchers import watchers_for
from capture.watchers.macos_data import (
    front_window,
    mac_heartbeat,
    pixels_from_buffer,
    process_name,
    screen_locked,
    vision_box_to_pixels,
    vision_words,
    window_bounds,
)
from capture.watchers.windows_data import (
    app_name,
    idle_seconds_from_ticks,
    windows_locked,
    winrt_words,
)
from tenths.settings import CaptureSettings

T0 = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
WINDOWS = [  # CGWindowListCopyWindowInfo, front to back
    {"kCGWindowOwnerPID": 90, "kCGWindowLayer": 25, "kCGWindowName": "Menu"},
    {"kCGWindowOwnerPID": 42, "kCGWindowLayer": 0, "kCGWindowAlpha": 0.0, "kCGWindowName": "x"},
    {"kCGWindowOwnerPID": 42, "kCGWindowLayer": 0, "kCGWindowName": "Lease.docx",
     "kCGWindowNumber": 7, "kCGWindowBounds": {"X": 10, "Y": 20, "Width": 800, "Height": 600}},
    {"kCGWindowOwnerPID": 42, "kCGWindowLayer": 0, "kCGWindowName": "Behind.docx"},
]


def test_the_frontmost_normal_window_of_the_app_is_the_focused_one():
    window = front_window(WINDOWS, 42)
    assert window["kCGWindowName"] == "Lease.docx"
    assert window_bounds(window) == (10, 20, 800, 600)
    assert front_window(WINDOWS, 5) is None


def test_a_mac_heartbeat_names_the_app_process_and_kind():
    beat = mac_heartbeat(T0, 7, "Microsoft Word", process_name(
        "/Applications/Microsoft Word.app/Contents/MacOS/Microsoft Word", "com.microsoft.Word"),
        42, front_window(WINDOWS, 42), 3.5, False, "", DEFAULT_APP_KINDS)
    assert (beat.app, beat.process, beat.kind, beat.window_title, beat.source) == (
        "Microsoft Word", "Microsoft Word", "document", "Lease.docx", "macos")
    assert process_name(None, "com.apple.Safari") == "Safari"


def test_the_mac_session_dictionary_says_locked():
    assert screen_locked({"CGSSessionScreenIsLocked": True})
    assert screen_locked({"kCGSSessionOnConsoleKey": False})
    assert not screen_locked({"kCGSSessionOnConsoleKey": True})
    assert screen_locked(None)


def test_vision_boxes_turn_from_bottom_left_fractions_to_top_left_pixels():
    assert vision_box_to_pixels((0.1, 0.75, 0.5, 0.25), 1000, 800) == (100, 0, 600, 200)
    assert vision_words([("  Invoice 4471 ", (0.0, 0.5, 1.0, 0.1)), (" ", (0, 0, 1, 1))],
                        100, 100, offset_top=40) == [Word("Invoice 4471", 0, 80, 100, 90)]


def test_padded_quartz_rows_become_pixels():
    width, height, per_row = 3, 2, 16  # 12 bytes of pixels, 4 of padding per row
    data = bytes(range(per_row)) * height
    pixels = pixels_from_buffer(data, width, height, per_row)
    assert pixels.shape == (2, 3, 4) and pixels[1, 2].tolist() == [8, 9, 10, 11]


def test_idle_ticks_survive_the_49_day_wraparound():
    assert idle_seconds_from_ticks(5_000, 2_000) == 3.0
    assert idle_seconds_from_ticks(1_000, 0xFFFFFFFF - 999) == 2.0  # wrapped between them


def test_windows_lock_screen_or_secure_desktop_is_locked():
    assert windows_locked("LogonUI.exe", True)
    assert windows_locked("WINWORD.EXE", False)
    assert not windows_locked("WINWORD.EXE", True)
    assert app_name("Microsoft Word", "WINWORD.EXE") == "Microsoft Word"
    assert app_name("", "ZoiperCli.exe") == "ZoiperCli"


def test_winrt_ocr_lines_become_words():
    rect = SimpleNamespace(x=10.2, y=5.0, width=50.0, height=12.0)
    lines = [SimpleNamespace(words=[SimpleNamespace(text="Okonkwo", bounding_rect=rect)])]
    assert winrt_words(lines, offset_top=100) == [Word("Okonkwo", 10, 105, 60, 117)]


def test_kinds_come_from_the_process_then_the_app_and_the_firm_can_add_pairs():
    table = kind_table(CaptureSettings(app_kinds=("clio=app", "Zoiper5.exe=call")))
    assert kind_of("Microsoft Word", "WINWORD.EXE", table) == "document"
    assert kind_of("Mozilla Firefox", "firefox-esr", table) == "browser"
    assert kind_of("Zoiper", "zoiper5.exe", table) == "call"
    assert kind_of("Brief", "python3", table) == "app"
    with pytest.raises(CaptureError, match="'x=party'.*'noequals'"):
        kind_table(CaptureSettings(app_kinds=("x=party", "noequals")))


def test_each_platform_imports_only_its_own_watcher():
    code = (
        "import sys, logging; from capture.watchers import watchers_for;"
        "from tenths.settings import CaptureSettings as C;"
        "built = watchers_for(C(), 7, platform='darwin');"
        "print(built, 'capture.watchers.x11' in sys.modules, 'Xlib' in sys.modules,"
        " 'capture.watchers.windows' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["[]", "False", "False", "False"]  # pyobjc is not here: no watcher, no crash


def test_linux_without_a_display_builds_no_window_watcher():
    assert watchers_for(CaptureSettings(), 7, platform="linux", display="") == []


def test_sources_are_built_from_settings(tmp_path):
    log = tmp_path / "calls.csv"
    log.write_text("start,duration,number\n", encoding="utf-8")
    settings = CaptureSettings(calendar_paths=(str(tmp_path),), call_log_paths=(str(log),),
                               document_folders=(str(tmp_path),))
    built = watchers_for(settings, 7, platform="darwin")
    try:
        assert sorted(w.name for w in built) == ["calendar", "calls", "files"]
    finally:
        for w in built:
            w.close()



def test_every_capture_settings_problem_is_reported_at_once(tmp_path):
    from capture.checks import capture_problems

    assert capture_problems(CaptureSettings()) == []
    bad = CaptureSettings(excluded_title_patterns=("(unclosed",), app_kinds=("x=y",),
                          excluded_url_hosts=("https://bank.example",), poll_interval_s=90,
                          document_folders=(str(tmp_path / "nope"),))
    problems = capture_problems(bad)
    assert len(problems) == 5
    assert any("unclosed" in p for p in problems) and any("nope" in p for p in problems)
