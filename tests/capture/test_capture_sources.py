from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from capture.heartbeat import Heartbeat
from capture.heartbeats import merge_heartbeats
from capture.sources.calendar import CalendarWatcher, meetings_at, parse_calendar
from capture.sources.calls import CallLogWatcher, call_beats, parse_call_log
from capture.sources.files import document_beat, file_event, is_document
from tenths.errors import InputError
from tenths.settings import CaptureSettings

LA = ZoneInfo("America/Los_Angeles")
T0 = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)  # 09:00 in Los Angeles
SETTINGS = CaptureSettings(pulsetime_seconds=60, idle_minutes=5)


def ics(*events: str) -> bytes:
    body = "\n".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT" for e in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//tenths tests//EN\n{body}\nEND:VCALENDAR\n".encode()


STANDUP = """
UID:standup
DTSTART;TZID=America/Los_Angeles:20261026T090000
DTEND;TZID=America/Los_Angeles:20261026T093000
RRULE:FREQ=WEEKLY;BYDAY=MO
EXDATE;TZID=America/Los_Angeles:20261109T090000
SUMMARY:Litigation team stand-up
"""
DEPOSITION = """
UID:depo
DTSTART:20261102T180000Z
DTEND:20261102T193000Z
SUMMARY:Deposition of Selin Zaman
LOCATION:Conference room B
ORGANIZER;CN=Jo Example:mailto:jo@firm-example.com
ATTENDEE;CN=Selin Zaman:mailto:selin@mediator-example.com
"""


def at(hh, mm=0, ss=0, day=2):
    return datetime(2026, 11, day, hh, mm, ss, tzinfo=LA)


# -- calendar -------------------------------------------------------------------------------

def test_a_meeting_in_progress_carries_its_people_and_place():
    events = parse_calendar(ics(DEPOSITION), LA)
    [meeting] = meetings_at(events, at(10, 30))
    assert meeting.summary == "Deposition of Selin Zaman"
    assert "Conference room B" in meeting.text
    assert "Selin Zaman <selin@mediator-example.com>" in meeting.text
    assert "Jo Example <jo@firm-example.com>" in meeting.text
    assert meetings_at(events, at(11, 30)) == []


def test_a_weekly_meeting_repeats_except_on_its_excluded_day():
    events = parse_calendar(ics(STANDUP), LA)
    assert [m.start for m in meetings_at(events, at(9, 10))] == [at(9)]
    assert meetings_at(events, at(9, 10, day=9)) == []  # EXDATE
    assert [m.start for m in meetings_at(events, at(9, 10, day=16))] == [at(9, day=16)]
    assert meetings_at(events, at(9, 40)) == []


def test_a_moved_occurrence_replaces_the_repeat():
    moved = """
UID:standup
RECURRENCE-ID;TZID=America/Los_Angeles:20261102T090000
DTSTART;TZID=America/Los_Angeles:20261102T140000
DTEND;TZID=America/Los_Angeles:20261102T143000
SUMMARY:Litigation team stand-up (moved)
"""
    events = parse_calendar(ics(STANDUP, moved), LA)
    assert meetings_at(events, at(9, 10)) == []
    [m] = meetings_at(events, at(14, 10))
    assert m.summary.endswith("(moved)")


def test_all_day_free_and_cancelled_events_are_not_meetings():
    events = parse_calendar(ics(
        "UID:a\nDTSTART;VALUE=DATE:20261102\nDTEND;VALUE=DATE:20261103\nSUMMARY:Trial week",
        "UID:b\nDTSTART:20261102T170000Z\nDTEND:20261102T180000Z\nTRANSP:TRANSPARENT\nSUMMARY:Hold",
        "UID:c\nDTSTART:20261102T170000Z\nDTEND:20261102T180000Z\nSTATUS:CANCELLED\nSUMMARY:X",
    ), LA)
    assert meetings_at(events, T0 + timedelta(minutes=10)) == []


def test_a_floating_time_is_local_time():
    events = parse_calendar(ics(
        "UID:f\nDTSTART:20261102T090000\nDTEND:20261102T100000\nSUMMARY:Call"), LA)
    assert [m.start for m in meetings_at(events, T0 + timedelta(minutes=5))] == [at(9)]


def test_the_calendar_watcher_marks_a_meeting_begun_and_ended_between_polls(tmp_path):
    (tmp_path / "work.ics").write_bytes(ics(DEPOSITION))
    settings = CaptureSettings(calendar_paths=(str(tmp_path),))
    watcher = CalendarWatcher(settings, 7, local=LA)
    assert watcher.poll(at(9, 59, 58)) == []
    [start, now] = watcher.poll(at(10, 0, 3))
    assert (start.at, now.at, start.kind, start.window_title) == (
        at(10), at(10, 0, 3), "meeting", "Deposition of Selin Zaman")
    assert len(watcher.poll(at(11, 29, 59))) == 1
    [end] = watcher.poll(at(11, 30, 4))
    assert (end.at, end.app, end.kind) == (at(11, 30), "", "meeting")


def test_a_meeting_from_the_calendar_keeps_time_while_the_screen_is_idle(tmp_path):
    (tmp_path / "work.ics").write_bytes(ics(DEPOSITION))
    watcher = CalendarWatcher(CaptureSettings(calendar_paths=(str(tmp_path),)), 7, local=LA)
    beats = []
    t = at(9, 55)
    while t <= at(11, 35):
        idle = max(0.0, (t - at(9, 58)).total_seconds())  # left the desk at 9:58
        if t > at(11, 31):
            idle = 0.0  # back
        beats.append(Heartbeat(t, 7, "Thunderbird", "email", "Inbox", "", idle_seconds=idle,
                               source="x11"))
        beats.extend(watcher.poll(t))
        t += timedelta(seconds=5)
    spans = sorted(merge_heartbeats(sorted(beats, key=lambda b: b.at), SETTINGS),
                   key=lambda s: s.start)
    assert [(s.kind, s.start, s.end) for s in spans] == [
        ("email", at(9, 55), at(9, 58)),
        ("meeting", at(10), at(11, 30)),
        ("email", at(11, 31, 5), at(11, 35)),
    ]


# -- call log -------------------------------------------------------------------------------

CALLS = """Date,Time,Type,Name,Number,Duration
2026-11-02,09:14:05,Outgoing,Selin Zaman,+1 555 0100,0:12:34
2026-11-02,10:02:00,Missed,Unknown,+1 555 0199,0:00:00
2026-11-02,11:30:00,Incoming,,+1 555 0142,95
"""


def test_a_call_log_export_gives_the_calls_worked():
    calls = parse_call_log(CALLS, LA)
    assert [(c.start, c.seconds, c.contact, c.number) for c in calls] == [
        (at(9, 14, 5), 754, "Selin Zaman", "+1 555 0100"),
        (at(11, 30), 95, "", "+1 555 0142"),
    ]
    assert calls[0].title == "Call with Selin Zaman (+1 555 0100)"


def test_a_start_with_an_offset_is_taken_as_written():
    text = "start,duration,contact\n2026-11-02T17:00:00+00:00,60,Jo\n"
    [call] = parse_call_log(text, LA)
    assert call.start == T0


def test_a_bad_row_names_the_line_and_column():
    with pytest.raises(InputError, match=r"calls.csv:3: duration"):
        parse_call_log("start,duration,number\n2026-11-02 09:00,60,1\n2026-11-02 10:00,ten,2\n",
                       LA, "calls.csv")
    with pytest.raises(InputError, match="needs start"):
        parse_call_log("when,who\n", LA, "calls.csv")


def test_a_call_makes_one_call_span_over_an_idle_screen():
    [call, _] = parse_call_log(CALLS, LA)
    screen = []
    t = at(9, 10)
    while t < at(9, 40):
        idle = max(0.0, (t - at(9, 12)).total_seconds())
        screen.append(Heartbeat(
            t, 7, "LibreOffice", "document", "Notes.odt", "", idle_seconds=idle, source="x11"))
        t += timedelta(seconds=10)
    beats = sorted(screen + call_beats(call, 7, 60), key=lambda b: b.at)
    spans = sorted(merge_heartbeats(beats, SETTINGS), key=lambda s: s.start)
    assert [(s.kind, s.start, s.end) for s in spans] == [
        ("document", at(9, 10), at(9, 12)),
        ("call", at(9, 14, 5), at(9, 26, 39)),
    ]
    assert "Selin Zaman" in spans[1].text


def test_the_call_log_watcher_reports_each_call_once(tmp_path):
    log = tmp_path / "calls.csv"
    log.write_text(CALLS, encoding="utf-8")
    watcher = CallLogWatcher(CaptureSettings(call_log_paths=(str(log),)), 7, local=LA)
    first = watcher.new_calls(at(10))
    assert [c.contact for c in first] == ["Selin Zaman"]  # the 11:30 call is yet to end
    assert [c.number for c in watcher.new_calls(at(12))] == ["+1 555 0142"]
    log.write_text(CALLS + "2026-11-02,13:00:00,Outgoing,Jo,+1 555 0101,30\n", encoding="utf-8")
    assert [c.contact for c in watcher.new_calls(at(14))] == ["Jo"]
    assert watcher.poll(at(15)) == []


# -- documents ------------------------------------------------------------------------------

def test_lock_temp_and_hidden_files_are_not_documents():
    assert is_document("/d/Lease Amendment.docx")
    for name in ("~$ase Amendment.docx", ".~lock.Lease.odt#", "x.docx.tmp", ".hidden.pdf",
                 "draft.txt~", "download.pdf.crdownload"):
        assert not is_document(f"/d/{name}"), name


def test_file_events_that_open_or_save_a_document():
    assert file_event(FileOpenedEvent("/d/a.pdf")) == ("opened", "/d/a.pdf")
    assert file_event(FileClosedEvent("/d/a.docx")) == ("saved", "/d/a.docx")
    assert file_event(FileModifiedEvent("/d/a.docx")) == ("saved", "/d/a.docx")
    assert file_event(FileMovedEvent("/d/.~tmp123", "/d/a.docx")) == ("saved", "/d/a.docx")
    assert file_event(DirModifiedEvent("/d")) is None
    assert file_event(FileModifiedEvent("/d/~$a.docx")) is None
    beat = document_beat("/d/a.docx", T0, 7)
    assert (beat.kind, beat.window_title, beat.path, beat.role) == (
        "document", "a.docx", "/d/a.docx", "annotation")


def test_the_file_watcher_sees_a_document_saved_in_a_watched_folder(tmp_path):
    import time

    from capture.sources.files import FileWatcher
    watcher = FileWatcher(CaptureSettings(document_folders=(str(tmp_path),)), 7,
                          clock=lambda: T0)
    try:
        (tmp_path / "Engagement Letter.docx").write_bytes(b"x")
        (tmp_path / "~$gagement Letter.docx").write_bytes(b"x")
        deadline = time.monotonic() + 10
        beats = []
        while not beats and time.monotonic() < deadline:
            beats = watcher.poll(T0 + timedelta(seconds=1))
            time.sleep(0.02)  # the observer thread is real; the outcome never rests on this
        assert [(b.window_title, b.path, b.at) for b in beats] == [
            ("Engagement Letter.docx", str(tmp_path / "Engagement Letter.docx"), T0)]
    finally:
        watcher.close()
