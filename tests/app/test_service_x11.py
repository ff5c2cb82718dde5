"""The whole chain on a real X display: Xvfb + openbox, Tk windows switched with
xdotool, the real service process (X11 watcher, OCR, the merge, the store), read
back through its API: spans with the right app, title and words on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from process_support import service_process, wait_for, write_settings

from app.bench.capture import desk

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("Xvfb", "openbox", "xdotool")),
    reason="needs Xvfb, openbox and xdotool (scripts/system-deps.sh)")


def test_the_service_captures_focused_windows_with_their_words(tmp_path: Path) -> None:
    settings = write_settings(
        tmp_path,
        "[service]\nrefresh_minutes = 0\npurge_minutes = 0\nsync_minutes = 0\n"
        "[capture]\npoll_interval_s = 0.5\nocr_min_interval_s = 0.0\n")
    with desk() as d:
        writer, mail = d.window("writer"), d.window("mail")
        d.run("xdotool", "windowactivate", "--sync", writer)
        with service_process(settings, display=d.display) as service:
            def spans() -> list[dict]:
                return [s for day in _days() for s in service.http.get(
                    f"/days/{day}/spans", params={"text": True}).json()]

            def status() -> dict:
                return service.http.get("/status").json()

            wait_for(lambda: status()["capture"].get("ocr_calls", 0) >= 1, 60,
                     "an OCR read of the brief")
            polled = status()["heartbeats"]
            # A read ends in the OCR worker; the next polls of the same picture carry it.
            wait_for(lambda: status()["heartbeats"] >= polled + 4, 30, "polls after the read")
            d.run("xdotool", "windowactivate", "--sync", mail)
            d.run("xdotool", "mousemove", "--window", mail, "100", "100")

            def mail_seen() -> bool:
                return service.http.get("/status").json()["heartbeats"] >= 6

            wait_for(mail_seen, 30, "the inbox to be watched")
            d.run("xdotool", "windowactivate", "--sync", writer)
            d.run("xdotool", "type", "--delay", "50", "Exhibit ")

            def brief_span() -> list[dict]:
                return [s for s in spans() if s["title"] == "Motion to compel - Writer"]

            found = wait_for(brief_span, 60, "the brief's span")
            assert found[0]["app"] == "Writer"
            assert "compel" in found[0]["text"].lower()
            watcher = service.http.get("/status").json()["watchers"][0]
            assert (watcher["name"], watcher["restarts"]) == ("x11", 0)


def _days() -> list[str]:
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    today = datetime.now(UTC).astimezone(ZoneInfo("America/Los_Angeles")).date()
    return [(today - timedelta(days=n)).isoformat() for n in (0, 1)]
