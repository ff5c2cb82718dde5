"""The day as the review page shows it: drafts by matter with the spans behind them
(title and times; words only on request), the "which matter?" flags with their three
suggestions, the excluded stretches (times only) and the day's totals.

Times are given in the billing timezone, so the page shows the firm's clock whatever
the browser's. Only the store's own user's records are read: drafts are private to
their timekeeper until released.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.review.explain import Teachers, explain
from capture.exclusions import EXCLUDED
from pipeline.grouping import worked_seconds
from tenths.records import Attribution, EntryStatus, Matter, Span
from tenths.store import Store

SETTLED = (EntryStatus.RELEASED, EntryStatus.SYNCED, EntryStatus.INVOICED)
HOUR = Decimal(3600)


@dataclass(frozen=True)
class SpanLine:
    id: str
    start: datetime
    end: datetime
    app: str
    kind: str
    title: str
    text: str | None = None  # the words on screen, only when asked


@dataclass(frozen=True)
class EntryCard:
    id: str
    case_id: int
    matter: str
    case_number: str
    entry_date: date
    worked_minutes: float
    hours: Decimal
    rate: Decimal
    activity_name: str
    description: str
    billable: bool
    status: str
    remote_id: int | None
    edited: bool
    task_code: str
    activity_code: str
    why: tuple[str, ...]
    spans: tuple[SpanLine, ...]


@dataclass(frozen=True)
class Suggestion:
    case_id: int | None  # None: no matter (personal or firm time)
    matter: str
    probability: float


@dataclass(frozen=True)
class Flag:
    """Spans left for the timekeeper ("which matter?") that weigh the same matters."""

    id: str
    span_ids: tuple[str, ...]
    minutes: float
    suggestions: tuple[Suggestion, ...]
    spans: tuple[SpanLine, ...]


@dataclass(frozen=True)
class Stretch:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Totals:
    captured_hours: Decimal  # on screen, overlaps counted once, excluded stretches left out
    drafted_hours: Decimal  # every entry of the day
    released_hours: Decimal  # released, synced or invoiced
    drafts: int
    released: int


@dataclass(frozen=True)
class MatterRef:
    id: int
    name: str
    case_number: str


@dataclass(frozen=True)
class DayView:
    user: int
    day: date
    timezone: str
    paused: bool
    entries: tuple[EntryCard, ...]
    flags: tuple[Flag, ...]
    excluded: tuple[Stretch, ...]
    totals: Totals
    matters: tuple[MatterRef, ...]
    activities: tuple[str, ...]
    can_undo: bool = False


def _line(span: Span, tz: ZoneInfo, with_text: bool) -> SpanLine:
    return SpanLine(span.id, span.start.astimezone(tz), span.end.astimezone(tz), span.app,
                    span.kind, span.window_title, span.text if with_text else None)


def _hours(seconds: float) -> Decimal:
    return (Decimal(int(seconds)) / HOUR).quantize(Decimal("0.01"))


def flags_of(spans: Sequence[Span], attributions: Mapping[str, Attribution],
             matters: Mapping[int, Matter], tz: ZoneInfo, with_text: bool) -> list[Flag]:
    """The day's abstained spans, one flag per set of weighed matters (the same three
    suggestions), with the mean probability of each."""
    groups: dict[tuple[int | None, ...], list[Span]] = {}
    for span in spans:
        a = attributions.get(span.id)
        if a is not None and a.abstained:
            groups.setdefault(tuple(c for c, _ in a.candidates), []).append(span)
    flags = []
    for cases, members in groups.items():
        probs = [dict(attributions[s.id].candidates) for s in members]
        suggestions = tuple(
            Suggestion(c, "No matter" if c is None else
                       (matters[c].name if c in matters else f"case {c}"),
                       round(sum(p.get(c, 0.0) for p in probs) / len(probs), 3))
            for c in cases)
        seconds = sum(s.seconds for s in members)
        flags.append(Flag(members[0].id, tuple(s.id for s in members), round(seconds / 60, 1),
                          suggestions, tuple(_line(s, tz, with_text) for s in members)))
    return sorted(flags, key=lambda f: f.spans[0].start)


def day_view(store: Store, user: int, day: date, timezone: str, *, paused: bool = False,
             now: datetime, with_text: bool = False, can_undo: bool = False) -> DayView:
    tz = ZoneInfo(timezone)
    spans = store.activity.spans(user, day=day, tz=timezone)
    by_id = {s.id: s for s in spans}
    entries = store.entries.list(user=user, day=day)
    wanted = set(by_id) | {i for e in entries for i in e.span_ids}
    missing = wanted - set(by_id)
    if missing:  # an entry's span that started the evening before (capture's day)
        by_id.update({s.id: s for s in store.activity.spans(user, ids=missing)})
    attributions = store.activity.attributions(wanted)
    matters = {m.id: m for m in store.catalog.matters()}
    teachers = Teachers.of(store.activity.corrections(user), timezone)
    cards = []
    for e in entries:
        matter = matters.get(e.case_id)
        cards.append(EntryCard(
            e.id, e.case_id, matter.name if matter else f"case {e.case_id}",
            matter.case_number if matter else "", e.entry_date,
            round(e.worked_seconds / 60, 1), e.hours, e.rate, e.activity_name, e.description,
            e.billable, e.status.value, e.remote_id, e.edited, e.task_code, e.activity_code,
            explain(e, matter, by_id, attributions, teachers, now, with_text),
            tuple(_line(by_id[i], tz, with_text)
                  for i in sorted(e.span_ids, key=lambda i: by_id[i].start if i in by_id
                                  else now) if i in by_id)))
    cards.sort(key=lambda c: (c.matter.lower(), c.spans[0].start.isoformat()
                              if c.spans else "~", c.id))
    shown = [s for s in spans if s.app != EXCLUDED]
    excluded = [Stretch(s.start.astimezone(tz), s.end.astimezone(tz))
                for s in spans if s.app == EXCLUDED]
    settled = [e for e in entries if e.status in SETTLED]
    totals = Totals(_hours(sum(worked_seconds(shown).values())),
                    sum((e.hours for e in entries), Decimal("0.00")),
                    sum((e.hours for e in settled), Decimal("0.00")),
                    sum(e.status is EntryStatus.DRAFT for e in entries), len(settled))
    return DayView(
        user, day, timezone, paused, tuple(cards),
        tuple(flags_of(spans, attributions, matters, tz, with_text)), tuple(excluded), totals,
        tuple(MatterRef(m.id, m.name, m.case_number)
              for m in sorted(matters.values(), key=lambda m: m.name.lower())
              if m.status != "closed"),
        tuple(store.catalog.activity_names()), can_undo)


def entry_spans(store: Store, user: int, entry_id: str, timezone: str,
                with_text: bool) -> tuple[SpanLine, ...]:
    """The spans behind one entry (with their words when asked: text is privileged)."""
    entry = store.entries.get(entry_id)
    if entry is None or entry.user != user:
        return ()
    tz = ZoneInfo(timezone)
    return tuple(_line(s, tz, with_text)
                 for s in store.activity.spans(user, ids=entry.span_ids))
