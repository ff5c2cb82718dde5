"""`kill -9` of the real service process: no span that was written is lost, and a
source that sends its heartbeats again after the restart doubles none."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from factories import T0
from process_support import REPO, child_env, service_process, wait_for, write_settings
from service_support import screen

from capture.heartbeats import SpanBuilder
from tenths.settings import Settings
from tenths.store import Store

DAY = "2026-11-02"


def scripted_beats() -> list:
    """A morning of window switches, a beat every 5 s, 40 s per window."""
    beats, at = [], T0
    for window in range(12):
        for _ in range(8):
            beats.append(screen(at, f"Window {window}", text=f"words {window}"))
            at += timedelta(seconds=5)
    return beats


def as_json(beat) -> dict:  # noqa: ANN001
    return {"at": beat.at.isoformat(), "app": beat.app, "kind": beat.kind,
            "title": beat.window_title, "text": beat.text, "source": "replay"}


def spans_of(service) -> list[dict]:  # noqa: ANN001
    return service.http.get(f"/days/{DAY}/spans", params={"text": True}).json()


def test_a_killed_service_loses_no_written_span_and_doubles_none_on_restart(
    tmp_path: Path,
) -> None:
    settings = write_settings(tmp_path, "[service]\nrefresh_minutes = 0\npurge_minutes = 0\n"
                                        "sync_minutes = 0\n")
    beats = scripted_beats()
    first_half = beats[: len(beats) // 2]
    with service_process(settings) as service:
        assert service.http.post("/heartbeats", json=[as_json(b) for b in first_half]).json()[
            "accepted"] == len(first_half)
        written = wait_for(lambda: len(spans_of(service)) >= 4 and spans_of(service), 30,
                           "spans to be written")
        # While the service runs, the CLI reads through its API (the store is its alone).
        listed = subprocess.run(
            [sys.executable, "-m", "app.cli", "spans", "--day", DAY, "--json",
             "--settings", str(settings)],
            cwd=REPO, env=child_env(), capture_output=True, text=True, check=True)
        assert [s["id"] for s in json.loads(listed.stdout)] == [s["id"] for s in written]
        service.kill()

    with service_process(settings) as service:
        assert spans_of(service) == written  # nothing written was lost
        # The source sends everything again (as a replay after a crash would).
        service.http.post("/heartbeats", json=[as_json(b) for b in beats])
        service.http.post("/stop")
        service.process.wait(60)

    builder = SpanBuilder(Settings().capture)
    # Stopping closes the last span as capture closes a span that fell silent.
    stopped = beats[-1].at + timedelta(hours=1)
    expected = [s for b in beats for s in builder.feed(b)] + builder.flush(stopped)
    with Store.open(tmp_path / "data" / "user-7.duckdb") as store:
        stored = store.activity.spans(7)
    assert stored == sorted(expected, key=lambda s: (s.start, s.id))
    assert len({s.id for s in stored}) == len(stored) == 12
    assert {s["id"] for s in written} <= {s.id for s in stored}


def test_a_service_stopped_by_sigterm_writes_the_span_still_open(tmp_path: Path) -> None:
    settings = write_settings(tmp_path, "[service]\nrefresh_minutes = 0\npurge_minutes = 0\n"
                                        "sync_minutes = 0\n")
    beats = scripted_beats()[:12]  # "Window 0" closed, "Window 1" open
    with service_process(settings) as service:
        service.http.post("/heartbeats", json=[as_json(b) for b in beats])
        wait_for(lambda: service.http.get("/status").json()["heartbeats"] == len(beats), 30,
                 "the heartbeats to be fed")
        service.process.terminate()
        assert service.process.wait(60) == 0
    assert not (tmp_path / "data" / "service" / "endpoint.json").exists()
    with Store.open(tmp_path / "data" / "user-7.duckdb") as store:
        assert [s.window_title for s in store.activity.spans(7)] == ["Window 0", "Window 1"]
    log = tmp_path / "data" / "service" / "service.log"
    assert log.stat().st_mode & 0o077 == 0
    text = log.read_text(encoding="utf-8")
    assert "wrote 1 spans" in text
    assert "Window" not in text and "words" not in text  # captured text never logged
