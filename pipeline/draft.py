"""Drafting a day: attributed spans → entries a billing partner would sign.

``draft_day`` is the one entry point. For one timekeeper and day it:

1. keeps the spans that start on the day (in the billing timezone; a span over
   midnight belongs whole to the day it started, as capture stored it), are not
   in a settled entry, and are attributed to a matter (or, with
   ``internal_case_id``, non-matter time to the firm's internal case);
2. counts worked seconds with overlaps removed (``pipeline.grouping``);
3. reads what each span's work was (``pipeline.clauses``), with chrome learned
   from the day's titles merged with the context's;
4. groups spans into tasks, folds short tasks into their neighbours, and tasks
   into entries: per matter and day, or per task for clients that forbid block
   billing (``[billing].grouping``, ``per_task_clients``, ``per_day_clients``);
5. rounds each entry once (``pipeline.rounding``), names its activity in the
   firm's words with UTBMS codes, resolves its rate, and writes its narrative in
   the firm's voice (``pipeline.narrative``, ``pipeline.style``).

Non-billable time on a matter becomes a non-billable entry or is dropped
(``[billing].nonbillable``); it never shares an entry with billable time.

The service drafts each day again every few minutes. Work already in a settled
entry (released, synced, invoiced or edited by hand) is not drafted again, so
later work on the same matter and day becomes a new draft. A draft's id comes
from its matter, activity and first span, never from the day alone, so it
cannot collide with a settled entry's.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2

from pipeline.activities import activity_name, is_research
from pipeline.chrome import EMPTY, Chrome, learn_chrome
from pipeline.clauses import Party, People, Reader, day_phrases, read_work
from pipeline.grouping import Item, Task, build_tasks, entry_groups, fold_short, worked_seconds
from pipeline.narrative import Voice, environment_for, render_clause, render_entry
from pipeline.rates import resolve_rate
from pipeline.rounding import RoundingRule, billed_hours
from pipeline.style import Style
from pipeline.utbms import activity_code, task_code
from pipeline.vocabulary import Vocabulary
from tenths.records import Attribution, Entry, EntryStatus, Matter, RemoteEntry, Span, Staff
from tenths.settings import BillingSettings

__all__ = ["DraftContext", "draft_day", "entry_id", "worked_seconds"]


@dataclass(frozen=True)
class DraftContext:
    """What drafting needs from the store and settings, gathered once."""

    matters: Mapping[int, Matter]
    staff: Mapping[int, Staff]
    activity_names: Sequence[str]
    firm_default_rate: Decimal
    env: jinja2.Environment
    billing: BillingSettings = field(default_factory=BillingSettings)
    style: Style = field(default_factory=Style)
    chrome: Chrome = EMPTY  # learned from earlier days' spans, merged with the day's
    vocabulary: Vocabulary | None = None  # None: built from the matters, staff and style

    @classmethod
    def build(
        cls, matters: Iterable[Matter], staff: Mapping[int, Staff], activity_names: Sequence[str],
        billing: BillingSettings, history: Iterable[RemoteEntry] = (),
        edited: Iterable[Entry] = (), chrome: Chrome = EMPTY,
    ) -> DraftContext:
        """The context from synced records: style learned from ``history`` (the firm's
        past entries in MyCase) and ``edited`` (entries a person changed)."""
        from pipeline.style import fit_style

        matters = {m.id: m for m in matters}
        style = fit_style(((r.activity_name, r.description, r.case_id) for r in history),
                          ((e.activity_name, e.description, e.case_id) for e in edited))
        root = Path(billing.templates_dir).expanduser() if billing.templates_dir else None
        ctx = cls(matters, staff, activity_names, billing.firm_default_rate,
                  environment_for(root, 0, 0), billing, style, chrome)
        return ctx.with_vocabulary()

    def with_vocabulary(self) -> DraftContext:
        if self.vocabulary is not None:
            return self
        return _replace(self, vocabulary=firm_vocabulary(self.matters.values(), self.staff,
                                                         self.style))

    @property
    def rounding(self) -> RoundingRule:
        b = self.billing
        return RoundingRule(b.increment_hours, b.rounding, b.minimum_hours)

    def environment(self, user: int, case_id: int) -> jinja2.Environment:
        if not self.billing.templates_dir:
            return self.env
        return environment_for(Path(self.billing.templates_dir).expanduser(), user, case_id)


def _replace(ctx: DraftContext, **changes: object) -> DraftContext:
    from dataclasses import replace

    return replace(ctx, **changes)  # type: ignore[arg-type]


def firm_vocabulary(matters: Iterable[Matter], staff: Mapping[int, Staff], style: Style) -> Vocabulary:
    matters = list(matters)
    names = [c.name for m in matters for c in m.contacts] + [s.name for s in staff.values()]
    # Words a matter's description capitalises mid-sentence are names ('children Leo and Isla').
    names += [m.group(1) for d in (m.description for m in matters)
              for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]+)", d)]
    texts = [m.name for m in matters] + [m.description for m in matters]
    texts += [e.text for e in style.exemplars]
    return Vocabulary.from_texts(texts, names)


_NAMED = re.compile(r"\b(?:with|from|before)\s+((?:(?:Dr|Hon|Ms|Mr|Mrs)\.\s+)?"
                    r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2})")


def people_for(user: int, matter: Matter, ctx: DraftContext) -> People:
    """Who the firm knows, as seen from ``matter``: its clients, its people in past
    narratives, the firm's staff; and who the timekeeper is."""
    by_name: dict[str, Party] = {}
    by_email: dict[str, Party] = {}
    by_phone: dict[str, Party] = {}

    def add(name: str, party: Party) -> None:
        words = [w.strip(".").lower() for w in re.sub(r"^(?:Dr|Hon|Ms|Mr|Mrs)\.\s+", "", name).split()]
        if words:
            by_name.setdefault(" ".join(words), party)
            if len(words) >= 2:
                by_name.setdefault(f"{words[0][0]} {words[-1]}", party)

    for ex in ctx.style.exemplars:
        if ex.case_id == matter.id:
            for m in _NAMED.finditer(ex.text):
                add(m.group(1), Party("", m.group(1)))
    for s in ctx.staff.values():
        if s.id != user:
            add(s.name, Party("colleague", s.name))
            if s.email:
                by_email[s.email.lower()] = Party("colleague", s.name)
    for c in matter.contacts:
        party = Party("client", c.name) if c.kind == "client" else Party("", c.name)
        add(c.name, party)
        if c.email:
            by_email[c.email.lower()] = party
        for phone in c.phones:
            digits = re.sub(r"\D", "", phone)[-10:]
            if len(digits) == 10:
                by_phone[digits] = party
    me = ctx.staff.get(user)
    domains = frozenset(s.email.split("@")[-1].lower() for s in ctx.staff.values() if "@" in s.email)
    return People(by_name, by_email, by_phone,
                  frozenset({me.name.lower()} if me else ()),
                  frozenset({me.email.lower()} if me and me.email else ()), domains)


def entry_id(user: int, day: date, case_id: int, activity: str, first_span: str) -> str:
    key = f"{user}|{day.isoformat()}|{case_id}|{activity}|{first_span}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _per_task(matter: Matter, billing: BillingSettings) -> bool:
    parties = {str(i) for i in (*matter.client_ids, *matter.company_ids)}
    if parties & set(billing.per_task_clients):
        return True
    if parties & set(billing.per_day_clients):
        return False
    return billing.grouping == "task"


def _placement(a: Attribution | None, ctx: DraftContext) -> tuple[int, bool] | None:
    """(case id, billable) a span is drafted to, or None when it is not drafted."""
    if a is None or a.abstained:
        return None
    keep = ctx.billing.nonbillable == "keep"
    if a.case_id is None:
        internal = ctx.billing.internal_case_id
        return (internal, False) if keep and internal and internal in ctx.matters else None
    matter = ctx.matters.get(a.case_id)
    if matter is None:
        return None
    billable = a.billable and matter.billing_type != "pro_bono"
    if not billable and not keep:
        return None
    return a.case_id, billable


def _entry_activity(tasks: Sequence[Task], names: Sequence[str]) -> tuple[str, Task]:
    """The firm's activity name of an entry: that of the work it spent most time on."""
    weight: Counter[tuple[str, str, str]] = Counter()
    for t in tasks:
        for work, s in t.works:
            weight[(work.category, work.channel, work.party.role if work.party else "")] += s
    category, channel, role = max(weight.items(), key=lambda kv: (kv[1], kv[0]))[0]
    main = max(tasks, key=lambda t: (t.seconds, -t.start.timestamp()))
    return activity_name(category, names, channel, role), main


def _task_activity(task: Task, names: Sequence[str]) -> str:
    w = task.work
    return activity_name(w.category, names, w.channel, w.party.role if w.party else "")


def draft_day(
    user: int,
    day: date,
    spans: Sequence[Span],
    attributions: Mapping[str, Attribution],
    ctx: DraftContext,
    now: datetime,
    existing: Sequence[Entry] = (),
) -> list[Entry]:
    """Draft the day's entries for one timekeeper from attributed spans.

    ``existing`` are the day's entries already in the store: the spans of the settled
    ones (released, synced, invoiced, edited by hand) are not drafted again.
    """
    ctx = ctx.with_vocabulary()
    assert ctx.vocabulary is not None
    tz = ZoneInfo(ctx.billing.timezone)
    taken = {span_id for e in existing if e.settled for span_id in e.span_ids}
    today = [s for s in spans if s.start.astimezone(tz).date() == day]
    placed = {s.id: _placement(attributions.get(s.id), ctx) for s in today}
    counted = [s for s in today if s.id in taken or placed[s.id] is not None]
    seconds = worked_seconds(counted)  # settled spans cover their minutes too
    todo = [s for s in counted if s.id not in taken]
    case_of = {s.id: (placed[s.id] or (None, False))[0] for s in today}
    chrome = ctx.chrome.merged(learn_chrome(today, case_of))
    phrases = day_phrases(today, ctx.vocabulary)
    items = []
    readers: dict[int, Reader] = {}
    for span in todo:
        case_id, billable = placed[span.id]  # type: ignore[misc]
        matter = ctx.matters[case_id]
        if case_id not in readers:
            readers[case_id] = Reader(ctx.vocabulary, chrome, people_for(user, matter, ctx), phrases)
        work = read_work(span, matter, readers[case_id], is_research(span))
        items.append(Item(span, case_id, billable, work))
    tasks = fold_short(build_tasks(items, seconds), ctx.billing.fold_below_seconds)
    tasks = [t for t in tasks if t.seconds > 0]
    per_task = {c: _per_task(ctx.matters[c], ctx.billing) for c in {t.case_id for t in tasks}}
    staff = ctx.staff.get(user)
    voice = Voice(ctx.style, ctx.vocabulary)
    rule = ctx.rounding
    entries = []
    for group in entry_groups(tasks, per_task):
        worked = sum(t.seconds for t in group)
        if worked < ctx.billing.drop_below_seconds:
            continue
        case_id, billable = group[0].case_id, group[0].billable
        matter = ctx.matters[case_id]
        name, main = _entry_activity(group, ctx.activity_names)
        env = ctx.environment(user, case_id)
        clauses = [render_clause(env, t.work, _task_activity(t, ctx.activity_names), voice, case_id)
                   for t in sorted(group, key=lambda t: t.start)]
        spans_held = tuple(sorted(i for t in group for i in t.span_ids))
        first = min(spans_held, key=lambda i: (next(s.start for s in todo if s.id == i), i))
        about = " ".join(f"{t.work.topic} {t.work.document}" for t in group)
        entries.append(
            Entry(
                id=entry_id(user, day, case_id, name, first),
                user=user,
                case_id=case_id,
                entry_date=day,
                worked_seconds=worked,
                hours=billed_hours(worked, rule),
                rate=resolve_rate(matter, staff, ctx.firm_default_rate),
                activity_name=name,
                description=render_entry(env, clauses, voice),
                billable=billable,
                span_ids=spans_held,
                status=EntryStatus.DRAFT,
                updated_at=now,
                task_code=task_code(about),
                activity_code=activity_code(main.work.category,
                                            main.work.party.role if main.work.party else ""),
            )
        )
    return entries
