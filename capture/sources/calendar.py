"""Meetings from calendar files: an event in progress is work, not idle.

``[capture].calendar_paths`` names ``.ics`` files or folders of them (an export
or a synced copy of the lawyer's calendar). A file is parsed again only when it
changes. An event counts as a meeting unless it is all-day (a date, not a
time), marked free (``TRANSP:TRANSPARENT``) or cancelled. Weekly and other
``RRULE`` repeats are expanded with dateutil, minus ``EXDATE`` and minus the
occurrences a ``RECURRENCE-ID`` event moved. A time with no zone ("floating")
is, as RFC 5545 says, local time: the ``local`` zone given (the machine's).

``CalendarWatcher.poll(now)`` returns a ``meeting`` heartbeat at ``now`` for
the meeting in progress (of overlapping ones, the one that began last; its
text: the summary, place, description, organiser and attendees), one at the
start of a meeting that began since the last poll, and an end marker (no app)
at the end of one that ended since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

import icalendar
from dateutil.rrule import rruleset, rrulestr

from capture.errors import CaptureError
from capture.heartbeat import SOURCE_CALENDAR, Heartbeat
from tenths.settings import CaptureSettings

LONGEST_MEETING = timedelta(hours=12)  # a longer "meeting" is a block of time, not one


@dataclass(frozen=True, slots=True)
class Meeting:
    uid: str
    start: datetime
    end: datetime
    summary: str
    text: str


@dataclass(frozen=True)
class _Event:
    uid: str
    start: datetime
    duration: timedelta
    summary: str
    text: str
    rules: rruleset | None
    moved: frozenset[datetime]  # occurrences an override moved elsewhere

    def occurrence_at(self, at: datetime) -> datetime | None:
        """The start of the occurrence in progress at ``at``, if any."""
        if self.rules is None:
            return self.start if self.start <= at < self.start + self.duration else None
        begin = self.rules.before(at, inc=True)
        while begin is not None and begin in self.moved:
            begin = self.rules.before(begin)
        if begin is not None and at < begin + self.duration:
            return begin
        return None


def _aware(value: datetime | date, local: tzinfo) -> datetime | None:
    if not isinstance(value, datetime):
        return None  # an all-day event
    return value if value.tzinfo is not None else value.replace(tzinfo=local)


def _text(event: icalendar.Event) -> str:
    parts = [str(event.get(k, "")) for k in ("summary", "location", "description")]
    people = event.get("attendee", [])
    people = people if isinstance(people, list) else [people]
    organizer = event.get("organizer")
    for person in ([organizer] if organizer is not None else []) + people:
        name = person.params.get("CN", "")
        address = str(person).removeprefix("mailto:").removeprefix("MAILTO:")
        parts.append(f"{name} <{address}>" if name else address)
    return "\n".join(p.strip() for p in parts if p and p.strip())


def parse_calendar(data: bytes, local: tzinfo) -> list[_Event]:
    """The meetings of one .ics file; raises CaptureError on a file that is not iCalendar."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise CaptureError(f"calendar: not an iCalendar file ({exc})") from exc
    overrides: dict[str, set[datetime]] = {}
    components = list(calendar.walk("VEVENT"))
    for comp in components:
        if comp.get("recurrence-id") is not None:
            moved = _aware(comp.decoded("recurrence-id"), local)
            if moved is not None:
                overrides.setdefault(str(comp.get("uid", "")), set()).add(moved)
    events = []
    for comp in components:
        if str(comp.get("transp", "")).upper() == "TRANSPARENT":
            continue
        if str(comp.get("status", "")).upper() == "CANCELLED":
            continue
        if comp.get("dtstart") is None:
            continue
        start = _aware(comp.decoded("dtstart"), local)
        if start is None:
            continue
        if comp.get("dtend") is not None:
            end = _aware(comp.decoded("dtend"), local)
            duration = (end - start) if end is not None else timedelta(0)
        elif comp.get("duration") is not None:
            duration = comp.decoded("duration")
        else:
            duration = timedelta(0)
        if not timedelta(0) < duration <= LONGEST_MEETING:
            continue
        uid = str(comp.get("uid", ""))
        rules = None
        if comp.get("rrule") is not None and comp.get("recurrence-id") is None:
            rules = rruleset()
            rules.rrule(rrulestr(comp.get("rrule").to_ical().decode(), dtstart=start))
            exdates = comp.get("exdate", [])
            for group in exdates if isinstance(exdates, list) else [exdates]:
                for ex in group.dts:
                    moved = _aware(ex.dt, local)
                    if moved is not None:
                        rules.exdate(moved)
        events.append(_Event(uid, start, duration, str(comp.get("summary", "")),
                             _text(comp), rules, frozenset(overrides.get(uid, ())
                                                           if rules is not None else ())))
    return events


def meetings_at(events: Iterable[_Event], at: datetime) -> list[Meeting]:
    """The meetings in progress at ``at``."""
    found = []
    for event in events:
        start = event.occurrence_at(at)
        if start is not None:
            found.append(Meeting(event.uid, start, start + event.duration, event.summary,
                                 event.text))
    return found


def _ics_files(paths: Iterable[str]) -> list[Path]:
    files = []
    for raw in paths:
        path = Path(raw).expanduser()
        files.extend(sorted(path.glob("*.ics")) if path.is_dir() else [path])
    return files


class CalendarWatcher:
    name = SOURCE_CALENDAR

    def __init__(self, settings: CaptureSettings, user: int, *, local: tzinfo | None = None
                 ) -> None:
        self.user = user
        self.interval_s = settings.poll_interval_s
        self.paths = settings.calendar_paths
        self.local = local or datetime.now().astimezone().tzinfo
        self._parsed: dict[Path, tuple[tuple[int, int], list[_Event]]] = {}
        self._open: Meeting | None = None
        self._last_poll: datetime | None = None

    def _events(self) -> list[_Event]:
        events: list[_Event] = []
        for path in _ics_files(self.paths):
            try:
                stat = path.stat()
            except OSError:
                continue  # a calendar being replaced by its sync
            key = (stat.st_mtime_ns, stat.st_size)
            cached = self._parsed.get(path)
            if cached is None or cached[0] != key:
                cached = (key, parse_calendar(path.read_bytes(), self.local))
                self._parsed[path] = cached
            events.extend(cached[1])
        return events

    def poll(self, now: datetime) -> list[Heartbeat]:
        beats = []
        # Of overlapping meetings, the one that began last is the one being attended.
        current = max(meetings_at(self._events(), now), key=lambda m: (m.start, m.uid),
                      default=None)
        previous = self._open
        if previous is not None and (current is None or (current.uid, current.start) != (
                previous.uid, previous.start)) and previous.end <= now:
            beats.append(Heartbeat(previous.end, self.user, "", "meeting", "", "",
                                   source=self.name))
        if current is not None:
            new = previous is None or (current.uid, current.start) != (previous.uid,
                                                                       previous.start)
            if new and self._last_poll is not None and current.start > self._last_poll:
                beats.append(self._beat(current, current.start))
            beats.append(self._beat(current, now))
        self._open = current
        self._last_poll = now
        return sorted(beats, key=lambda b: b.at)

    def _beat(self, meeting: Meeting, at: datetime) -> Heartbeat:
        return Heartbeat(at, self.user, "Calendar", "meeting", meeting.summary, meeting.text,
                         source=self.name)

    def close(self) -> None:
        self._parsed.clear()
