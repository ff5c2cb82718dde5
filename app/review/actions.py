"""The review actions, each a function of a ``Desk`` (the store, whose day, when) and
its inputs, each in one transaction, each leaving a ``Change`` in the undo journal.

- ``edit_entry``: matter, hours, activity, narrative, billable. The entry is marked
  ``edited`` so drafting the day again keeps it; a new matter is a correction per span.
- ``split_entry``: by spans (the chosen spans become a second entry, each part drafted
  again from its own spans) or by hours (a second entry of that many hours, no spans).
- ``merge_entries``: drafts of one matter and day become one.
- ``add_entry``: a manual entry for work not done on a screen.
- ``answer_flag``: a "which matter?" flag's spans go to the chosen matter (or to no
  matter): a correction per span, then the day is drafted again.
- ``release`` / ``release_day``: drafts go to MyCase at the next sync (the sync engine
  never creates a duplicate). ``unrelease``: ``sync.engine.unrelease``.
- ``undo``: the last change, taken back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.review import NotEditable, NotFound, NothingToUndo, ReviewError, journal
from app.review.journal import Change
from app.review.teach import record_corrections
from pipeline.draft import DraftContext, draft_day
from pipeline.grouping import worked_seconds
from pipeline.narrative import make_environment
from pipeline.rates import resolve_rate
from pipeline.rounding import RoundingRule, billed_hours, ceiling_hours
from pipeline.utbms import task_code
from sync.engine import unrelease as sync_unrelease
from tenths.records import Attribution, Entry, EntryStatus
from tenths.settings import BillingSettings
from tenths.store import Store

HUNDREDTH = Decimal("0.01")
TITLES = frozenset({"Judge", "Justice", "Commissioner", "Mr", "Ms", "Mrs", "Dr", "Hon"})
MAX_HOURS = Decimal("24")


def _no_redraft(day: date) -> None:
    return None


@dataclass(frozen=True)
class Desk:
    """Where review actions happen: one timekeeper's store, at one moment."""

    store: Store
    user: int
    billing: BillingSettings
    now: datetime
    redraft: Callable[[date], object] = field(default=_no_redraft)  # draft a day again

    @property
    def rule(self) -> RoundingRule:
        b = self.billing
        return RoundingRule(b.increment_hours, b.rounding, b.minimum_hours)


@dataclass(frozen=True)
class EntryEdit:
    """What to change in an entry; None leaves a field as it is."""

    case_id: int | None = None
    hours: Decimal | None = None
    activity_name: str | None = None
    description: str | None = None
    billable: bool | None = None


@dataclass(frozen=True)
class Outcome:
    change: Change
    entries: tuple[Entry, ...]  # the entries the action made or changed


def stamp_of(entry: Entry) -> str:
    """What tells whether an entry changed since an action left it (a sync may change its
    status and MyCase id without touching ``updated_at``)."""
    return f"{entry.updated_at.isoformat()}|{entry.status.value}|{entry.remote_id}"


def _id(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]


def _entry(desk: Desk, entry_id: str) -> Entry:
    entry = desk.store.entries.get(entry_id)
    if entry is None or entry.user != desk.user:
        raise NotFound(f"entry {entry_id}: not found")
    return entry


def _draft(desk: Desk, entry_id: str, action: str) -> Entry:
    entry = _entry(desk, entry_id)
    if entry.status is not EntryStatus.DRAFT:
        raise NotEditable(f"entry {entry_id}: {entry.status.value}; unrelease it to {action} it")
    return entry


def _hours(value: Decimal, what: str) -> Decimal:
    hours = Decimal(value).quantize(HUNDREDTH)
    if hours < 0 or hours > MAX_HOURS:
        raise ReviewError(f"{what}: {hours} h is not between 0 and 24")
    return hours


def _matter(desk: Desk, case_id: int):  # noqa: ANN202 - Matter
    matter = next((m for m in desk.store.catalog.matters() if m.id == case_id), None)
    if matter is None:
        raise NotFound(f"matter {case_id}: not in the case list (sync first?)")
    return matter


def _commit(desk: Desk, kind: str, day: date, saved: Sequence[Entry], *,
            before: Sequence[Entry] = (), created: Sequence[str] = (),
            deleted: Sequence[str] = (), attributions: Sequence[Attribution] = (),
            corrections: Sequence[str] = (), redraft: bool = False) -> Outcome:
    """Save, delete and journal in the caller's transaction."""
    desk.store.entries.save(saved)
    desk.store.entries.delete(deleted)
    change = Change(_id(kind, desk.user, desk.now.isoformat(), *[e.id for e in saved]), kind,
                    desk.user, day, desk.now, tuple(before), tuple(created),
                    tuple((e.id, stamp_of(e)) for e in saved),
                    tuple(attributions), tuple(corrections), redraft)
    journal.push(desk.store, change)
    return Outcome(change, tuple(saved))


# --- edit -----------------------------------------------------------------------------


def edit_entry(desk: Desk, entry_id: str, edit: EntryEdit) -> Outcome:
    """Change an entry's matter, hours, activity, narrative or billable flag. A draft or a
    released entry may be edited (a synced one too: the next sync replaces it in MyCase);
    an invoiced one is frozen."""
    with desk.store.transaction():
        entry = _entry(desk, entry_id)
        if entry.status is EntryStatus.INVOICED:
            raise NotEditable(f"entry {entry_id}: invoiced in MyCase, it stays as billed")
        changes: dict[str, object] = {"edited": True, "updated_at": desk.now}
        made: list[str] = []
        was: dict[str, Attribution] = {}
        if edit.case_id is not None and edit.case_id != entry.case_id:
            matter = _matter(desk, edit.case_id)
            staff = desk.store.catalog.staff().get(desk.user)
            changes["case_id"] = matter.id
            changes["rate"] = resolve_rate(matter, staff, desk.billing.firm_default_rate)
            corrections, was = record_corrections(desk.store, desk.user, entry.span_ids,
                                                  matter.id, desk.now, entry.id)
            made = [c.id for c in corrections]
        if edit.hours is not None:
            changes["hours"] = _hours(edit.hours, f"entry {entry_id}")
        if edit.activity_name is not None:
            if not edit.activity_name.strip():
                raise ReviewError(f"entry {entry_id}: an activity needs a name")
            changes["activity_name"] = edit.activity_name.strip()
        if edit.description is not None:
            if not edit.description.strip():
                raise ReviewError(f"entry {entry_id}: a narrative cannot be empty")
            changes["description"] = edit.description.strip()
            changes["task_code"] = task_code(edit.description)
        if edit.billable is not None:
            changes["billable"] = edit.billable
        new = entry.replace(**changes)
        return _commit(desk, "edit", entry.entry_date, [new], before=[entry],
                       attributions=list(was.values()), corrections=made)


# --- split and merge --------------------------------------------------------------------


def _context(desk: Desk) -> DraftContext:
    catalog = desk.store.catalog
    return DraftContext({m.id: m for m in catalog.matters()}, catalog.staff(),
                        catalog.activity_names(), desk.billing.firm_default_rate,
                        make_environment(), desk.billing)


def _drafted(desk: Desk, entry: Entry, span_ids: Sequence[str], new_id: str,
             ctx: DraftContext) -> Entry:
    """``entry`` narrowed (or widened) to ``span_ids``: worked time, hours, activity and
    narrative drafted again from those spans alone, on the entry's matter."""
    spans = desk.store.activity.spans(desk.user, ids=span_ids)
    placed = {s.id: Attribution(s.id, entry.case_id, 1.0, False, entry.billable)
              for s in spans}
    drafted = draft_day(desk.user, entry.entry_date, spans, placed, ctx, desk.now)
    worked = sum(worked_seconds(spans).values())
    base = entry.replace(id=new_id, span_ids=tuple(sorted(span_ids)), worked_seconds=worked,
                         hours=billed_hours(worked, desk.rule), edited=True,
                         updated_at=desk.now)
    if len(drafted) != 1:  # too short to draft on its own: the entry's own words stay
        return base
    d = drafted[0]
    return base.replace(activity_name=d.activity_name, description=d.description,
                        task_code=d.task_code, activity_code=d.activity_code)


def split_entry(desk: Desk, entry_id: str, *, span_ids: Sequence[str] = (),
                hours: Decimal | None = None) -> Outcome:
    """Split a draft in two: the spans ``span_ids`` (some, not all, of its spans) become
    a second entry, or ``hours`` (less than the entry's) become a second entry without
    spans. Both parts are marked edited.

    By spans, the new part's worked time, hours and narrative come from its own spans;
    the first keeps the rest of the entry's hours (a write-down stays written down), and
    its narrative when a person wrote it (an edited entry), else one drafted again from
    the spans it keeps."""
    if bool(span_ids) == (hours is not None):
        raise ReviewError(f"entry {entry_id}: split by spans or by hours, one of the two")
    with desk.store.transaction():
        entry = _draft(desk, entry_id, "split")
        second_id = _id("split", entry.id, desk.now.isoformat())
        if span_ids:
            chosen = set(span_ids)
            if not chosen < set(entry.span_ids):
                raise ReviewError(f"entry {entry_id}: split off some of its own spans, "
                                  "not all and no others")
            ctx = _context(desk)
            second = _drafted(desk, entry, sorted(chosen), second_id, ctx)
            first = _drafted(desk, entry, [s for s in entry.span_ids if s not in chosen],
                             entry.id, ctx)
            # The entry's hours (a write-down, say) are shared, not drafted again: the
            # new part bills its own minutes, the first what is left, never more than one
            # increment above its minutes.
            rest = entry.hours - second.hours
            cap = ceiling_hours(first.worked_seconds, desk.rule.increment)
            first = first.replace(hours=min(rest if rest > 0 else first.hours, cap))
            if entry.edited:
                first = first.replace(activity_name=entry.activity_name,
                                      description=entry.description,
                                      task_code=entry.task_code,
                                      activity_code=entry.activity_code)
        else:
            part = _hours(hours or Decimal(0), f"entry {entry_id}")
            if not Decimal(0) < part < entry.hours:
                raise ReviewError(f"entry {entry_id}: split off more than 0 and less than "
                                  f"its {entry.hours} h")
            moved = round(entry.worked_seconds * float(part / entry.hours))
            first = entry.replace(hours=entry.hours - part,
                                  worked_seconds=entry.worked_seconds - moved, edited=True,
                                  updated_at=desk.now)
            second = entry.replace(id=second_id, hours=part, worked_seconds=moved,
                                   span_ids=(), edited=True, updated_at=desk.now)
        return _commit(desk, "split", entry.entry_date, [first, second], before=[entry],
                       created=[second.id])


def merge_entries(desk: Desk, entry_ids: Sequence[str]) -> Outcome:
    """Merge drafts of one matter and day into the first of them: its narrative joins
    theirs, clause by clause without repeats (so words a person wrote are kept), its
    worked time is theirs (spans counted once, overlaps removed) and its hours their
    sum, never more than one increment above the minutes worked."""
    ids = list(dict.fromkeys(entry_ids))
    if len(ids) < 2:
        raise ReviewError("merge: name two entries or more")
    with desk.store.transaction():
        parts = [_draft(desk, i, "merge") for i in ids]
        keys = {(e.case_id, e.entry_date, e.billable) for e in parts}
        if len(keys) != 1:
            raise ReviewError("merge: the entries must share matter, day and billable")
        first = parts[0]
        span_ids = tuple(sorted({s for e in parts for s in e.span_ids}))
        spans = desk.store.activity.spans(desk.user, ids=span_ids) if span_ids else []
        worked = sum(worked_seconds(spans).values()) + sum(
            e.worked_seconds for e in parts if not e.span_ids)
        text = joined(e.description for e in parts)
        # Their hours added up (a write-down stays written down), capped at one
        # increment above the minutes worked.
        hours = min(sum(e.hours for e in parts), ceiling_hours(worked, desk.rule.increment))
        merged = first.replace(span_ids=span_ids, worked_seconds=worked,
                               hours=hours.quantize(HUNDREDTH), description=text,
                               task_code=task_code(text), edited=True, updated_at=desk.now)
        return _commit(desk, "merge", first.entry_date, [merged], before=parts,
                       deleted=ids[1:])


def joined(narratives: Iterable[str]) -> str:
    """Narratives as one: their clauses in order, each once; a clause after the first
    starts lower case when it starts with a plain verb ("Draft and revise" -> "draft and
    revise"; "LA Court", "Ms. Baxter" stay)."""
    clauses = [c.strip().rstrip(".") for n in narratives for c in n.split(";")]
    out: list[str] = []
    seen: set[str] = set()
    for clause in clauses:
        if not clause or clause.lower() in seen:
            continue
        seen.add(clause.lower())
        head = clause.split()[0]
        if out and head[1:].islower() and head.isalpha() and head not in TITLES:
            clause = clause[0].lower() + clause[1:]
        out.append(clause)
    return "; ".join(out) + "."


# --- a manual entry ---------------------------------------------------------------------


def add_entry(desk: Desk, day: date, case_id: int, hours: Decimal, activity_name: str,
              description: str, billable: bool = True) -> Outcome:
    """A draft for work not done on a screen (a hallway conference, a drive to court)."""
    part = _hours(hours, "a manual entry")
    if part <= 0:
        raise ReviewError("a manual entry: hours must be more than 0")
    if not activity_name.strip() or not description.strip():
        raise ReviewError("a manual entry: it needs an activity and a narrative")
    with desk.store.transaction():
        matter = _matter(desk, case_id)
        staff = desk.store.catalog.staff().get(desk.user)
        entry = Entry(
            id=_id("manual", desk.user, day, case_id, desk.now.isoformat()), user=desk.user,
            case_id=case_id, entry_date=day, worked_seconds=int(part * 3600), hours=part,
            rate=resolve_rate(matter, staff, desk.billing.firm_default_rate),
            activity_name=activity_name.strip(), description=description.strip(),
            billable=billable, span_ids=(), edited=True, updated_at=desk.now,
            task_code=task_code(description))
        return _commit(desk, "add", day, [entry], created=[entry.id])


# --- a "which matter?" flag -------------------------------------------------------------


def answer_flag(desk: Desk, day: date, span_ids: Sequence[str], case_id: int | None) -> Outcome:
    """The flag's spans belong to ``case_id`` (None: to no matter): a correction per span,
    then the day is drafted again around it."""
    if not span_ids:
        raise ReviewError("a flag's answer needs its spans")
    with desk.store.transaction():
        mine = {s.id for s in desk.store.activity.spans(desk.user, ids=span_ids)}
        if mine != set(span_ids):
            raise NotFound("flag: some of its spans are not this timekeeper's")
        if case_id is not None:
            _matter(desk, case_id)
        corrections, was = record_corrections(desk.store, desk.user, span_ids, case_id,
                                              desk.now, "flag")
        change = Change(_id("answer", desk.user, desk.now.isoformat(), *span_ids), "answer",
                        desk.user, day, desk.now, attributions=tuple(was.values()),
                        corrections=tuple(c.id for c in corrections), redraft=True)
        journal.push(desk.store, change)
    desk.redraft(day)
    return Outcome(change, tuple(desk.store.entries.list(user=desk.user, day=day)))


# --- release and unrelease ----------------------------------------------------------------


def release(desk: Desk, entry_ids: Sequence[str]) -> Outcome:
    """Release drafts: the next sync sends them to MyCase (once: the sync engine links
    each entry to its MyCase id and never creates it twice)."""
    with desk.store.transaction():
        entries = [_entry(desk, i) for i in dict.fromkeys(entry_ids)]
        drafts = [e for e in entries if e.status is EntryStatus.DRAFT]
        empty = [e.id for e in drafts if e.hours <= 0]
        if empty:
            raise ReviewError(f"entry {empty[0]}: 0 h; edit its hours before releasing it")
        if not drafts:
            raise ReviewError("release: nothing to release (already released)")
        day = drafts[0].entry_date
        out = [e.replace(status=EntryStatus.RELEASED, updated_at=desk.now) for e in drafts]
        return _commit(desk, "release", day, out, before=drafts)


def release_day(desk: Desk, day: date) -> Outcome:
    """Release every draft of the day worth more than 0 h."""
    drafts = [e.id for e in desk.store.entries.list(user=desk.user, day=day,
                                                      status=EntryStatus.DRAFT)
              if e.hours > 0]
    return release(desk, drafts)


def unrelease(desk: Desk, entry_id: str) -> Outcome:
    """Back to a draft (``sync.engine.unrelease``); the next sync removes it from MyCase."""
    with desk.store.transaction():
        entry = _entry(desk, entry_id)
        if entry.status is EntryStatus.DRAFT:
            raise NotEditable(f"entry {entry_id}: a draft already")
        draft = sync_unrelease(desk.store, entry_id, desk.now)
        return _commit(desk, "unrelease", entry.entry_date, [draft], before=[entry])


# --- undo ---------------------------------------------------------------------------------


def undo(desk: Desk) -> Change:
    """Take the last change back: its entries as they were, the entries it made gone, its
    attributions put back and its corrections marked undone (attribution unlearns them),
    the day drafted again when the change had drafted it. A release that has synced since
    is unreleased (the next sync deletes it in MyCase); a change overtaken otherwise (an
    entry invoiced or edited since) is not undone."""
    with desk.store.transaction():
        change = journal.pop(desk.store, desk.user)
        if change is None:
            raise NothingToUndo("nothing to undo")
        left = dict(change.after)
        now_ = {e.id: e for e in desk.store.entries.list_ids(left)}
        before = {e.id: e for e in change.before}
        restore: list[Entry] = []
        for entry_id, stamp in left.items():
            current = now_.get(entry_id)
            if current is not None and stamp_of(current) == stamp:
                if entry_id in before:
                    restore.append(before[entry_id])
                continue
            if (change.kind == "release" and current is not None
                    and current.status is EntryStatus.SYNCED):
                restore.append(sync_unrelease(desk.store, entry_id, desk.now))
                continue
            if (change.kind == "unrelease" and current is not None
                    and current.status is EntryStatus.DRAFT):
                restore.append(current.replace(status=EntryStatus.RELEASED, updated_at=desk.now))
                continue
            raise NothingToUndo(f"the last {change.kind} cannot be undone: entry {entry_id} "
                                "changed since")
        gone = [i for i in before if i not in left]  # merged away: put back
        restore += [before[i] for i in gone]
        desk.store.entries.delete(change.created)
        desk.store.entries.save(restore)
        desk.store.activity.save_attributions(change.attributions)
        for correction_id in change.corrections:
            desk.store.activity.undo_correction(correction_id)
    if change.redraft:
        desk.redraft(change.day)
    return change
