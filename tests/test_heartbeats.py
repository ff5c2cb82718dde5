from dataclasses import replace
from datetime import timedelta

from factories import T0

from capture.heartbeats import Heartbeat, SpanBuilder, merge_heartbeats
from tenths.settings import CaptureSettings

SETTINGS = CaptureSettings(pulsetime_seconds=60, idle_minutes=5)


def at(sec: float):
    return T0 + timedelta(seconds=sec)


def beat(sec, title="Draft.docx - Word", idle=0.0, app="Microsoft Word", text="words", **kw):
    return Heartbeat(at(sec), 7, app, kw.pop("kind", "document"), title, text,
                     idle_seconds=idle, source=kw.pop("source", "x11"), **kw)


def meeting(sec, title="Deposition prep", app="Calendar"):
    return Heartbeat(at(sec), 7, app, "meeting", title, "", source="calendar")


def ticking(start, stop, step=5, last_input=None, **kw):
    """Screen beats every ``step`` s; input stopped at ``last_input`` (None: always input)."""
    return [beat(s, idle=0.0 if last_input is None or s < last_input else s - last_input, **kw)
            for s in range(start, stop, step)]


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
    assert first.end == at(60)
    assert second.seconds == 30


def test_idle_time_is_not_counted():
    beats = [beat(0), beat(30), beat(60), beat(400, idle=340)]
    [span] = merge_heartbeats(beats, SETTINGS)
    assert span.end == at(60)


def test_idle_cuts_the_span_back_to_the_last_input_not_to_the_last_beat():
    # Input stops at 100; beats keep coming every 5 s until idle reaches the cutoff at 400.
    beats = ticking(0, 420, last_input=100)
    builder = SpanBuilder(SETTINGS)
    closed = [s for b in beats for s in builder.feed(b)]
    [span] = closed
    assert (span.start, span.end) == (at(0), at(100))
    assert builder.flush(at(420)) == []


def test_a_span_closed_before_the_idle_cutoff_is_held_and_cut_back_too():
    # Input stops at 100; at 200 a window opens by itself (no input); idle reached at 400.
    beats = ticking(0, 200, last_input=100) + ticking(200, 420, last_input=100, title="Popup")
    spans = list(merge_heartbeats(beats, SETTINGS))
    assert [(s.window_title, s.start, s.end) for s in spans] == [
        ("Draft.docx - Word", at(0), at(100))
    ]


def test_a_short_pause_in_input_is_counted():
    beats = ticking(0, 200, last_input=100) + ticking(200, 300)
    [span] = merge_heartbeats(beats, SETTINGS)
    assert (span.start, span.end) == (at(0), at(295))


def test_a_locked_screen_is_idle_at_once():
    beats = ticking(0, 100) + [beat(s, idle=s - 95, locked=True) for s in range(100, 160, 5)]
    beats += ticking(160, 200)
    first, second = merge_heartbeats(beats, SETTINGS)
    assert (first.start, first.end) == (at(0), at(95))
    assert (second.start, second.end) == (at(160), at(195))


def test_pause_closes_the_open_span_and_ignores_beats_until_resume():
    builder = SpanBuilder(SETTINGS)
    for b in ticking(0, 60):
        assert builder.feed(b) == []
    [span] = builder.pause(at(57))
    assert (span.start, span.end) == (at(0), at(57))
    assert all(builder.feed(b) == [] for b in ticking(60, 300))
    builder.resume()
    for b in ticking(300, 330):
        builder.feed(b)
    [after] = builder.flush(at(325))
    assert (after.start, after.end) == (at(300), at(325))


def test_paused_merge_captures_nothing():
    assert list(merge_heartbeats([beat(0), beat(30)], SETTINGS, paused=True)) == []


def test_an_excluded_app_keeps_only_its_times():
    beats = ticking(0, 60) + ticking(60, 120, app="1Password", title="Chase login", text="pw")
    beats += ticking(120, 150)
    spans = list(merge_heartbeats(beats, SETTINGS))
    assert [(s.app, s.start, s.end) for s in spans] == [
        ("Microsoft Word", at(0), at(60)), ("excluded", at(60), at(120)),
        ("Microsoft Word", at(120), at(145)),
    ]
    hidden = spans[1]
    assert (hidden.kind, hidden.window_title, hidden.text, hidden.url, hidden.path) == (
        "app", "", "", None, None)
    assert "Chase" not in hidden.id and len(hidden.id) == 16


def test_an_excluded_process_name_is_matched_case_insensitively():
    beats = ticking(0, 30, app="Vault", process="keepassxc", text="secret")
    [span] = merge_heartbeats(beats, SETTINGS)
    assert (span.app, span.text) == ("excluded", "")


def test_a_title_pattern_excludes_private_browsing_and_personal_gmail():
    for title in ("New Tab - Mozilla Firefox Private Browsing",
                  "Inbox (3) - someone@gmail.com - Gmail"):
        [span] = merge_heartbeats(ticking(0, 30, app="firefox", kind="browser", title=title),
                                  SETTINGS)
        assert (span.app, span.window_title) == ("excluded", "")


def test_a_firm_mailbox_in_gmail_is_not_excluded():
    title = "Inbox - jo@firm-example.com - Firm Example Mail"
    [span] = merge_heartbeats(ticking(0, 30, app="firefox", kind="browser", title=title),
                              SETTINGS)
    assert span.window_title == title


def test_a_bank_url_excludes_the_window_that_shows_it():
    # The window title alone is harmless; the browser extension's URL names the bank.
    screen = ticking(0, 60, app="chromium", kind="browser", title="Accounts - Chromium",
                     text="balance 1,234.56")
    tab = Heartbeat(at(1), 7, "chromium", "browser", "Accounts", "",
                    url="https://secure.chase.com/web/auth", source="browser")
    beats = sorted([*screen, tab], key=lambda b: b.at)
    [span] = merge_heartbeats(beats, SETTINGS)
    assert (span.app, span.window_title, span.text, span.url) == ("excluded", "", "", None)


def test_an_excluded_url_host_matches_subdomains_only():
    from capture.exclusions import host_excluded
    hosts = ("chase.com",)
    assert host_excluded("https://secure.chase.com/x", hosts)
    assert host_excluded("https://chase.com", hosts)
    assert not host_excluded("https://purchase.com", hosts)
    assert not host_excluded(None, hosts)


def test_sources_merge_into_one_timeline():
    word = ticking(0, 120, title="Lease-Amendment.docx - LibreOffice Writer", app="libreoffice")
    saved = Heartbeat(at(42), 7, "Files", "document", "Lease-Amendment.docx", "",
                      path="/home/jo/Documents/Lease-Amendment.docx", source="files")
    other = Heartbeat(at(43), 7, "Files", "document", "Budget.xlsx", "",
                      path="/home/jo/Documents/Budget.xlsx", source="files")
    call = [meeting(s) for s in range(120, 300, 30)] + [meeting(280, app="")]
    mail = ticking(300, 360, app="Thunderbird", kind="email", title="Inbox - Thunderbird")
    beats = sorted([*word, saved, other, *call, *mail], key=lambda b: b.at)
    spans = sorted(merge_heartbeats(beats, SETTINGS), key=lambda s: s.start)
    assert [(s.kind, s.start, s.end, s.path) for s in spans] == [
        ("document", at(0), at(120), "/home/jo/Documents/Lease-Amendment.docx"),
        ("meeting", at(120), at(280), None),
        ("email", at(300), at(355), None),
    ]


def test_a_meeting_in_progress_is_not_idle():
    # Away from the desk for the meeting: the screen's idle clock runs past the cutoff.
    screen = ticking(0, 600, step=10, last_input=50)
    beats = sorted([*screen, *(meeting(s) for s in range(60, 600, 30))], key=lambda b: b.at)
    spans = list(merge_heartbeats(beats, SETTINGS))
    assert [(s.kind, s.start, s.end) for s in spans] == [
        ("document", at(0), at(50)), ("meeting", at(60), at(590)),
    ]


def test_a_call_in_progress_is_not_idle_and_takes_the_time_from_the_screen():
    calls = [Heartbeat(at(s), 7, "Softphone", "call", "Call with +1 555 0100", "",
                       source="calls") for s in range(100, 500, 30)]
    calls.append(Heartbeat(at(495), 7, "", "call", "", "", source="calls"))
    screen = ticking(0, 600, step=10, last_input=150)
    spans = list(merge_heartbeats(sorted([*screen, *calls], key=lambda b: b.at), SETTINGS))
    assert [(s.kind, s.start, s.end) for s in spans] == [
        ("document", at(0), at(100)), ("call", at(100), at(495)),
    ]


def test_a_file_saved_while_the_screen_is_idle_makes_no_span():
    screen = ticking(0, 700, step=10, last_input=10)
    sync = [Heartbeat(at(s), 7, "Files", "document", "x.docx", "", path="/d/x.docx",
                      source="files") for s in (400, 401, 430)]
    spans = list(merge_heartbeats(sorted([*screen, *sync], key=lambda b: b.at), SETTINGS))
    assert [(s.start, s.end) for s in spans] == [(at(0), at(10))]


def test_the_span_keeps_the_fullest_reading_of_the_screen():
    beats = [beat(0, text=""), beat(5, text="Lease amendment"), beat(10, text="Lease")]
    [span] = merge_heartbeats(beats, SETTINGS)
    assert span.text == "Lease amendment"


def test_feeding_the_same_beats_again_gives_the_same_span_ids():
    beats = ticking(0, 100) + ticking(100, 200, title="Other")
    first = [s.id for s in merge_heartbeats(beats, SETTINGS)]
    again = [s.id for s in merge_heartbeats(beats, SETTINGS)]
    assert first == again and len(set(first)) == 2


def test_a_late_beat_is_dropped_and_counted():
    builder = SpanBuilder(SETTINGS)  # polls every 5 s
    builder.feed(beat(30))
    assert builder.feed(beat(5)) == []
    assert builder.dropped_late == 1


def test_a_beat_polled_a_moment_before_the_last_counts_as_now():
    builder = SpanBuilder(SETTINGS)
    builder.feed(beat(10))
    [first] = builder.feed(beat(20, title="Other"))
    assert builder.feed(beat(17, title="Other")) == []  # another watcher's, a tick later
    [second] = builder.flush(at(30))
    assert builder.dropped_late == 0
    assert (first.end, second.start, second.end) == (at(20), at(20), at(30))


def test_nothing_focused_ends_the_span():
    beats = ticking(0, 50) + [replace(beat(50), app="", window_title="", text="")]
    [span] = merge_heartbeats(beats, SETTINGS)
    assert span.end == at(50)


def test_a_silent_presence_source_ends_its_span_a_pulsetime_later():
    beats = sorted([*(meeting(s) for s in range(0, 100, 30)), *ticking(95, 200)],
                   key=lambda b: b.at)
    first, second = merge_heartbeats(beats, SETTINGS)
    assert (first.kind, first.end) == ("meeting", at(90))
    assert (second.kind, second.start) == ("document", at(155))


def test_a_tab_reported_before_its_window_title_changed_still_excludes_it():
    before = ticking(0, 10, app="chromium", kind="browser", title="News - Chromium")
    tab = Heartbeat(at(11), 7, "chromium", "browser", "Accounts", "",
                    url="https://www.chase.com/", source="browser")
    bank = ticking(15, 40, app="chromium", kind="browser", title="Accounts - Chromium",
                   text="balance 1,234.56")
    first, second = merge_heartbeats([*before, tab, *bank], SETTINGS)
    assert (first.window_title, second.app, second.text) == ("News - Chromium", "excluded", "")


def test_a_tab_gives_its_url_to_the_window_that_shows_it():
    tab = Heartbeat(at(3), 7, "chromium", "browser", "Docket 24-117", "",
                    url="https://courts.example/docket/24-117", source="browser")
    window = ticking(0, 30, app="chromium", kind="browser", title="Docket 24-117 - Chromium")
    [span] = merge_heartbeats(sorted([tab, *window], key=lambda b: b.at), SETTINGS)
    assert (span.app, span.url) == ("chromium", "https://courts.example/docket/24-117")


def test_without_a_window_watcher_tabs_make_spans_of_their_own():
    tabs = [Heartbeat(at(s), 7, "chromium", "browser", "Docket 24-117", "",
                      url="https://courts.example/docket/24-117", source="browser")
            for s in range(0, 60, 10)]
    [span] = merge_heartbeats(tabs, SETTINGS)
    assert (span.kind, span.seconds, span.url) == ("browser", 50, tabs[0].url)
