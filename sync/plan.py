"""The pure planner: local entries x MyCase entries x last-synced state -> actions.

A three-way diff per entry, as vdirsyncer does it. For each local entry the
ledger keeps the MyCase id and the fields as last synced (the *base*). With L
the local entry, B the base and R the MyCase entry under the linked id:

| local            | link | MyCase                | action                                 |
| ---------------- | ---- | --------------------- | -------------------------------------- |
| released, new    | -    |                       | Create                                 |
| L == B           | yes  | R == B                | nothing                                |
| L != B           | yes  | R == B                | Replace (create new, delete old)       |
| L == B           | yes  | R != B                | PullEdit                               |
| L != B           | yes  | R != B                | merge per field (policy), else Conflict |
| any              | yes  | R invoiced            | Freeze (local edits kept as a Conflict) |
| draft (unrelease)| yes  | R not invoiced        | DeleteRemote, entry stays a draft      |
|                  |      | (R != B: PullEdit first: the draft takes MyCase's edit, merged |
|                  |      | with its own per field; the same field changed on both: Conflict) |
| L == B           | yes  | gone                  | PullDelete                             |
| L != B           | yes  | gone                  | Conflict                               |
| gone             | yes  | R not invoiced        | DeleteRemote (R != B: Conflict)        |
| gone             | yes  | R invoiced            | Freeze (restores the billed entry)     |
| gone / draft     | yes  | gone                  | Unlink                                 |

An entry with an open conflict is left alone until the user resolves it,
except that invoicing still freezes it. The planner reads nothing and writes
nothing; the executor (`sync.execute`) runs what it returns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import get_type_hints

from tenths.records import Entry, EntryStatus, RemoteEntry


@dataclass(frozen=True, slots=True)
class SyncFields:
    """The fields of a time entry that the two systems share: the one list of them.

    Each is a field of `RemoteEntry` under the same name and of `Entry` under the
    same name or the one in `ENTRY_NAMES` (a test holds the three together), so
    everything below is derived from this declaration."""

    case_id: int
    staff_id: int
    entry_date: date
    hours: Decimal
    rate: Decimal
    activity_name: str
    description: str
    billable: bool

    @classmethod
    def of_entry(cls, entry: Entry) -> SyncFields:
        return cls(*(getattr(entry, ENTRY_NAMES.get(n, n)) for n in FIELD_NAMES))

    @classmethod
    def of_remote(cls, remote: RemoteEntry) -> SyncFields:
        return cls(*(getattr(remote, n) for n in FIELD_NAMES))

    def to_json(self) -> str:
        """Canonical JSON: money normalised, so 450.00 and "450.0" are the same."""
        return json.dumps({n: _encode(getattr(self, n)) for n in FIELD_NAMES},
                          sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SyncFields:
        d = json.loads(text)
        return cls(*(_DECODE[n](d[n]) if n in _DECODE else d[n] for n in FIELD_NAMES))

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()[:32]

    def same(self, other: SyncFields) -> bool:
        return self.to_json() == other.to_json()

    def differing(self, other: SyncFields) -> tuple[str, ...]:
        return tuple(n for n in FIELD_NAMES if not _eq(getattr(self, n), getattr(other, n)))

    def apply_to(self, entry: Entry) -> Entry:
        """The local entry carrying these fields (its own id, spans and status kept)."""
        return entry.replace(**{ENTRY_NAMES.get(n, n): getattr(self, n) for n in FIELD_NAMES})


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(SyncFields))
ENTRY_NAMES = {"staff_id": "user"}  # SyncFields name -> Entry name, where they differ


def _encode(value: object) -> object:
    if isinstance(value, Decimal):
        return _money(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


_TYPES = get_type_hints(SyncFields)
_DECODE = {name: {date: date.fromisoformat, Decimal: Decimal}[kind]
           for name, kind in _TYPES.items() if kind in (date, Decimal)}


def _money(value: Decimal) -> str:
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "") else text


def _eq(a: object, b: object) -> bool:
    return a == b  # Decimal("450.00") == Decimal("450.0"): money compares by value


@dataclass(frozen=True, slots=True)
class Link:
    """A local entry's MyCase id and the fields as last synced (the base)."""

    entry_id: str
    remote_id: int
    base: SyncFields


# --- the conflict policy ------------------------------------------------------


class Side(StrEnum):
    LOCAL = "local"
    REMOTE = "remote"
    ASK = "ask"  # cannot be decided: shown to the user


ConflictPolicy = Callable[[str], Side]


def default_policy(field: str) -> Side:
    """When both sides changed the same field to different values.

    - hours, rate, billable: MyCase wins. A change there is the billing
      manager's write-down or rate decision, made where the firm bills.
    - every other field (case, staff, date, activity, narrative): ask. Moving
      time between matters or rewriting a narrative cannot be merged by rule.

    A field changed on one side only always takes that side's value.
    """
    return Side.REMOTE if field in {"hours", "rate", "billable"} else Side.ASK


def merge(
    base: SyncFields, local: SyncFields, remote: SyncFields, policy: ConflictPolicy
) -> tuple[SyncFields | None, tuple[str, ...]]:
    """The per-field three-way merge: (merged, ()) or (None, fields to ask about)."""
    values: dict[str, object] = {}
    ask: list[str] = []
    for name in FIELD_NAMES:
        b, l_, r = getattr(base, name), getattr(local, name), getattr(remote, name)
        if _eq(l_, r) or _eq(r, b):
            values[name] = l_
        elif _eq(l_, b):
            values[name] = r
        else:
            side = policy(name)
            if side is Side.ASK:
                ask.append(name)
            values[name] = l_ if side is Side.LOCAL else r
    if ask:
        return None, tuple(ask)
    return SyncFields(**values), ()  # type: ignore[arg-type]


# --- actions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Create:
    entry_id: str
    fields: SyncFields


@dataclass(frozen=True, slots=True)
class Replace:
    """Push `fields` as a new MyCase entry, then delete `old_remote_id`.
    `local` is set when the local entry must take `fields` too (a merge)."""

    entry_id: str
    old_remote_id: int
    fields: SyncFields
    local: bool = False


@dataclass(frozen=True, slots=True)
class DeleteRemote:
    """Delete the MyCase entry; `unrelease`: the local entry stays as a draft."""

    entry_id: str
    remote_id: int
    unrelease: bool


@dataclass(frozen=True, slots=True)
class PullEdit:
    entry_id: str
    remote: RemoteEntry
    fields: SyncFields  # what the local entry takes (the remote's, or a merge equal to it)


@dataclass(frozen=True, slots=True)
class PullDelete:
    entry_id: str
    remote_id: int


@dataclass(frozen=True, slots=True)
class Freeze:
    """MyCase billed it: the local entry takes the billed values, status invoiced.
    `refused` names the local change that could not be applied (kept as a conflict)."""

    entry_id: str
    remote: RemoteEntry
    refused: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    entry_id: str
    remote_id: int | None
    reason: str
    fields: tuple[str, ...]
    base: SyncFields | None
    local: SyncFields | None
    remote: SyncFields | None


@dataclass(frozen=True, slots=True)
class Unlink:
    entry_id: str


Action = Create | Replace | DeleteRemote | PullEdit | PullDelete | Freeze | Conflict | Unlink
WRITES_TO_MYCASE = (Create, Replace, DeleteRemote)


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]

    def count(self, kind: type) -> int:
        return sum(isinstance(a, kind) for a in self.actions)

    def summary(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for action in self.actions:
            name = type(action).__name__
            out[name] = out.get(name, 0) + 1
        return out

    def __len__(self) -> int:
        return len(self.actions)


_WANTED = frozenset({EntryStatus.RELEASED, EntryStatus.SYNCED, EntryStatus.INVOICED})


def plan(
    entries: Iterable[Entry],
    remotes: Mapping[int, RemoteEntry],
    links: Mapping[str, Link],
    conflicted: Iterable[str] = (),
    policy: ConflictPolicy = default_policy,
) -> Plan:
    """Every action that brings tenths and MyCase together. Pure.

    `remotes` holds the MyCase entries under linked ids as last pulled; a
    linked id absent from it was deleted in MyCase (seen by a full id scan).
    """
    local = {e.id: e for e in entries}
    open_conflicts = set(conflicted)
    actions: list[Action] = []
    for entry_id in sorted(local.keys() | links.keys()):
        action = _plan_one(local.get(entry_id), links.get(entry_id), remotes,
                           entry_id in open_conflicts, policy)
        if action is not None:
            actions.append(action)
    return Plan(tuple(actions))


def _plan_one(
    entry: Entry | None,
    link: Link | None,
    remotes: Mapping[int, RemoteEntry],
    conflicted: bool,
    policy: ConflictPolicy,
) -> Action | None:
    if link is None:
        wants = entry is not None and entry.status in (EntryStatus.RELEASED, EntryStatus.SYNCED)
        if wants and entry is not None and entry.hours > 0 and not conflicted:
            return Create(entry.id, SyncFields.of_entry(entry))
        return None
    remote = remotes.get(link.remote_id)
    if remote is not None and remote.invoiced:
        return _freeze(entry, link, remote)
    if conflicted:
        return None
    wanted = entry is not None and entry.status in _WANTED
    if remote is None:
        if not wanted:
            return Unlink(link.entry_id)
        assert entry is not None
        mine = SyncFields.of_entry(entry)
        if mine.same(link.base):
            return PullDelete(entry.id, link.remote_id)
        return Conflict(entry.id, link.remote_id, "edited in tenths, deleted in MyCase",
                        mine.differing(link.base), link.base, mine, None)
    theirs = SyncFields.of_remote(remote)
    if not wanted:
        # Unreleased (a draft) or deleted in tenths: take it out of MyCase, but first
        # bring an edit made there into the draft (merged with the draft's own edits),
        # or ask when the entry is gone here or both sides changed the same field.
        if not theirs.same(link.base):
            if entry is None:
                return Conflict(link.entry_id, link.remote_id,
                                "deleted in tenths, edited in MyCase",
                                theirs.differing(link.base), link.base, None, theirs)
            mine = SyncFields.of_entry(entry)
            if mine.same(link.base) or mine.same(theirs):
                return PullEdit(entry.id, remote, theirs)
            merged, ask = merge(link.base, mine, theirs, policy)
            if merged is None:
                return Conflict(entry.id, link.remote_id,
                                "unreleased and edited in tenths, edited in MyCase", ask,
                                link.base, mine, theirs)
            return PullEdit(entry.id, remote, merged)
        return DeleteRemote(link.entry_id, link.remote_id, unrelease=entry is not None)
    assert entry is not None
    mine = SyncFields.of_entry(entry)
    local_changed = not mine.same(link.base)
    remote_changed = not theirs.same(link.base)
    if entry.status is EntryStatus.INVOICED and not remote.invoiced:
        # The invoice was taken off in MyCase: the entry is live again.
        return PullEdit(entry.id, remote, theirs)
    if not local_changed and not remote_changed:
        return None
    if local_changed and not remote_changed:
        return Replace(entry.id, link.remote_id, mine)
    if remote_changed and not local_changed:
        return PullEdit(entry.id, remote, theirs)
    merged, ask = merge(link.base, mine, theirs, policy)
    if merged is None:
        return Conflict(entry.id, link.remote_id, "edited in both tenths and MyCase", ask,
                        link.base, mine, theirs)
    if merged.same(theirs):
        return PullEdit(entry.id, remote, merged)
    return Replace(entry.id, link.remote_id, merged, local=not merged.same(mine))


def _freeze(entry: Entry | None, link: Link, remote: RemoteEntry) -> Freeze | None:
    theirs = SyncFields.of_remote(remote)
    if entry is None:
        return Freeze(link.entry_id, remote, "deleted in tenths")
    if entry.status is EntryStatus.DRAFT:
        return Freeze(entry.id, remote, "unreleased in tenths")
    mine = SyncFields.of_entry(entry)
    if entry.status is EntryStatus.INVOICED and mine.same(theirs) and link.base.same(theirs):
        return None
    refused = None if mine.same(link.base) or mine.same(theirs) else "edited in tenths"
    return Freeze(entry.id, remote, refused)


# --- the mass-deletion guard ---------------------------------------------------------


@dataclass(frozen=True)
class DeletionGuard:
    """Refuse a plan (or a scan) that would delete more than `fraction` of what is
    linked, once more than `floor` deletions are involved: an emptied store or a
    wrong account looks exactly like "the user deleted everything"."""

    fraction: float = 0.5
    floor: int = 10

    def allows(self, deletions: int, total: int) -> bool:
        return deletions <= self.floor or deletions <= self.fraction * max(total, 1)


def deletions_in(plan_: Plan) -> int:
    """MyCase entries the plan deletes because tenths no longer has them
    (unrelease and replace are deliberate, one entry at a time, and not counted)."""
    return sum(isinstance(a, DeleteRemote) and not a.unrelease for a in plan_.actions) + sum(
        isinstance(a, PullDelete) for a in plan_.actions
    )


def link_for(entry_id: str, remote: RemoteEntry) -> Link:
    return Link(entry_id, remote.id, SyncFields.of_remote(remote))
