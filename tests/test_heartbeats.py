from datetime import timedelta

from factories import T0

from capture.heartbeats import Heartbeat, merge_heartbeats
from tenths.settings import CaptureSettings

SETTINGS = CaptureSettings(pulsetime_seconds=60, idle_minutes=5)


def beat(sec, title="Draft.docx - Word", idle=0.0, app="Microsoft Word", text="words"):
    return Heartbeat(T0 + timedelta(seconds=sec), 7, app, "document", title, text,
                     idle_seconds=idle)


def test_heartbeats_of_one_window_within_pulsetime_make_one_span():
    spans = list(merge_heartbeats([beat(s) for s in range(0, 300, 30)], SETTINGS))
    assert len(spans) == 1
    assert spans[0].seconds == 270


def test_a_gap_longer_than_pulsetime_splits_the_span():
    spans = list(merge_heartbeats([beat(0), beat(30), beat(400), beat(430)], SETTINGS))
    assert [s.seconds for s in spans] == [30, 30]


def test_a_window_change_ends_the_span_at_the_change():
    beats = [beat(0), beat(30), beat(60, title="Other.docx - Word"), beat(90, title="Other.docx - Word")]
    first, second = merge_heartbeats(beats, SETTINGS)
    assert first.end == T0 + timedelta(seconds=60)
    assert second.seconds == 30


def test_idle_time_is_not_counted():
    beats = [beat(0), beat(30), beat(60), beat(400, idle=340)]
    [span] = merge_heartbeats(beats, SETTINGS)
    assert span.end == T0 + timedelta(seconds=60)


def test_excluded_apps_and_pause_capture_nothing():
    beats = [beat(s, app="1Password") for s in range(0, 120, 30)]
    assert list(merge_heartbeats(beats, SETTINGS)) == []
    assert list(merge_heartbeats([beat(0), beat(30)], SETTINGS, paused=True)) == []
