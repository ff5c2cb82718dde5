"""Calls from a softphone's call-log export (CSV).

Columns are found by their header, case-insensitively, under any of these names
(softphones name them differently; a file needs a start, a duration and a
number or a contact):

=========  ===========================================================
start      ``start``, ``started``, ``call time``, ``date/time``, ``timestamp``,
           or two columns ``date`` and ``time``
duration   ``duration``, ``talking``, ``talk time``, ``length``: seconds
           (``754``) or ``[h:]mm:ss`` (``0:12:34``)
number     ``number``, ``phone``, ``remote number``, ``from/to``, ``other party``
contact    ``contact``, ``name``, ``caller``, ``callee``, ``contact name``
direction  ``direction``, ``type``, ``status`` (``missed`` and ``rejected`` rows
           and calls of no duration are not calls worked)
=========  ===========================================================

A start with a UTC offset is taken as written; one without is local time of
the machine the softphone ran on (the ``local`` zone given). A bad row raises
``InputError`` naming the file, line and column.

An export is read after the calls: the heartbeats of a call are in the past
(one at its start, one every half pulsetime, an end marker at its end). They
make call spans through ``merge_heartbeats`` over the day's beats; a live
``SpanBuilder`` that has moved past them drops them as late. Live, a focused
softphone window is already a ``call`` span (``capture.kinds``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from capture.heartbeat import SOURCE_CALLS, Heartbeat
from tenths.errors import InputError
from tenths.settings import CaptureSettings

COLUMNS = {
    "start": ("start", "started", "call time", "date/time", "timestamp", "start time"),
    "duration": ("duration", "talking", "talk time", "length"),
    "number": ("number", "phone", "remote number", "from/to", "other party", "phone number"),
    "contact": ("contact", "name", "caller", "callee", "contact name"),
    "direction": ("direction", "type", "status"),
    "date": ("date",),
    "time": ("time",),
}
NOT_WORKED = ("missed", "rejected", "declined", "no answer", "busy", "failed")


@dataclass(frozen=True, slots=True)
class Call:
    start: datetime
    seconds: int
    number: str
    contact: str
    direction: str

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds)

    @property
    def title(self) -> str:
        who = " ".join(p for p in (self.contact, f"({self.number})" if self.number else "") if p)
        return f"Call with {who}" if who else "Call"


def _duration(text: str) -> int:
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    match = re.fullmatch(r"(?:(\d+):)?(\d{1,2}):(\d{2})", text)
    if not match:
        raise ValueError(f"duration {text!r} is neither seconds nor [h:]mm:ss")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _start(text: str, local: tzinfo) -> datetime:
    value = datetime.fromisoformat(text.strip().replace("/", "-"))
    return value if value.tzinfo is not None else value.replace(tzinfo=local)


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    found = {}
    for field, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                found[field] = names.index(alias)
                break
    return found


def parse_call_log(text: str, local: tzinfo, source: str = "call log") -> list[Call]:
    """The calls worked in one export, oldest first."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    cols = _columns(rows[0])
    has_start = "start" in cols or ("date" in cols and "time" in cols)
    if not has_start or "duration" not in cols or not ({"number", "contact"} & cols.keys()):
        raise InputError(source, "a call log needs start (or date and time), duration and "
                         "number or contact columns", line=1)
    calls = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str:
            i = cols.get(field)
            return row[i].strip() if i is not None and i < len(row) else ""

        direction = cell("direction")
        try:
            seconds = _duration(cell("duration") or "0")
        except ValueError as exc:
            raise InputError(source, str(exc), line=line, field="duration") from exc
        if seconds <= 0 or direction.lower() in NOT_WORKED:
            continue
        when = cell("start") or f"{cell('date')} {cell('time')}"
        try:
            start = _start(when, local)
        except ValueError as exc:
            raise InputError(source, f"start {when!r} is not a date and time", line=line,
                             field="start") from exc
        calls.append(Call(start, seconds, cell("number"), cell("contact"), direction))
    return sorted(calls, key=lambda c: c.start)


def call_beats(call: Call, user: int, pulsetime_s: float) -> list[Heartbeat]:
    """Beats covering the call: its start, every half pulsetime, an end marker."""
    step = timedelta(seconds=max(pulsetime_s / 2, 1.0))
    text = "\n".join(p for p in (call.contact, call.number, call.direction) if p)
    beats = []
    at = call.start
    while at < call.end:
        beats.append(Heartbeat(at, user, "Softphone", "call", call.title, text,
                               source=SOURCE_CALLS))
        at += step
    beats.append(Heartbeat(call.end, user, "Softphone", "call", call.title, text,
                           source=SOURCE_CALLS))
    beats.append(Heartbeat(call.end, user, "", "call", "", "", source=SOURCE_CALLS))
    return beats


class CallLogWatcher:
    name = SOURCE_CALLS

    def __init__(self, settings: CaptureSettings, user: int, *, local: tzinfo | None = None
                 ) -> None:
        self.user = user
        self.interval_s = settings.poll_interval_s
        self.pulsetime_s = settings.pulsetime_seconds
        self.paths = [Path(p).expanduser() for p in settings.call_log_paths]
        self.local = local or datetime.now().astimezone().tzinfo
        self._stamp: dict[Path, tuple[int, int]] = {}
        self._seen: set[tuple[datetime, int, str, str]] = set()

    def new_calls(self, now: datetime) -> list[Call]:
        """Calls ended by ``now`` in exports changed since the last look, each once."""
        found = []
        for path in self.paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            if self._stamp.get(path) == stamp:
                continue
            later = False
            for call in parse_call_log(path.read_text(encoding="utf-8-sig"), self.local,
                                       str(path)):
                key = (call.start, call.seconds, call.number, call.contact)
                if call.end > now:
                    later = True  # read the file again next time, whether or not it changes
                elif key not in self._seen:
                    self._seen.add(key)
                    found.append(call)
            if not later:
                self._stamp[path] = stamp
        return found

    def poll(self, now: datetime) -> list[Heartbeat]:
        return sorted(_flatten(call_beats(c, self.user, self.pulsetime_s)
                               for c in self.new_calls(now)), key=lambda b: b.at)

    def close(self) -> None:
        self._seen.clear()


def _flatten(groups: Iterable[list[Heartbeat]]) -> list[Heartbeat]:
    return [b for group in groups for b in group]
