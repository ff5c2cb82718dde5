"""The undo journal: what each review action changed, so the last one can be taken back.

A ``Change`` keeps the entries as they were before the action (to put back), the ids
of the entries it made (to delete), each touched entry's ``updated_at`` as the action
left it (to see whether something else changed it since: a sync, a later edit), the
attributions as they were and the corrections it recorded (marked undone on undo).

The journal lives in the user's own store, in the small key/value table
(``store.sync_state``) under ``review.undo.<user>``, written in the action's own
transaction, so an undo survives a restart of the service and works from the CLI. It
holds ids, numbers and the entries' own fields (narratives the timekeeper will bill),
never captured text. Only the last ``DEPTH`` changes are kept.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from tenths.records import Attribution, Entry, EntryStatus
from tenths.store import Store

DEPTH = 20


@dataclass(frozen=True)
class Change:
    id: str
    kind: str  # edit, split, merge, add, answer, release, unrelease
    user: int
    day: date
    made_at: datetime
    before: tuple[Entry, ...] = ()  # the entries as they were (put back on undo)
    created: tuple[str, ...] = ()  # entries the action made (deleted on undo)
    after: tuple[tuple[str, str], ...] = ()  # (entry id, stamp_of) as the action left them
    attributions: tuple[Attribution, ...] = ()  # the spans' attributions as they were
    corrections: tuple[str, ...] = ()  # the corrections it recorded
    redraft: bool = False  # the day was drafted again after it (and is again on undo)


def _key(user: int) -> str:
    return f"review.undo.{user}"


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, EntryStatus):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _entry_json(e: Entry) -> dict[str, object]:
    return {f.name: _plain(getattr(e, f.name)) for f in dataclasses.fields(e)}


def _entry_from(d: dict) -> Entry:
    return Entry(**{**d, "entry_date": date.fromisoformat(d["entry_date"]),
                    "hours": Decimal(d["hours"]), "rate": Decimal(d["rate"]),
                    "span_ids": tuple(d["span_ids"]), "status": EntryStatus(d["status"]),
                    "updated_at": datetime.fromisoformat(d["updated_at"])})


def _attribution_json(a: Attribution) -> dict[str, object]:
    return {f.name: _plain(getattr(a, f.name)) for f in dataclasses.fields(a)}


def _attribution_from(d: dict) -> Attribution:
    return Attribution(**{**d, "reasons": tuple(d["reasons"]),
                          "candidates": tuple((c, p) for c, p in d["candidates"])})


def to_json(change: Change) -> dict[str, object]:
    return {
        "id": change.id, "kind": change.kind, "user": change.user,
        "day": change.day.isoformat(), "made_at": change.made_at.isoformat(),
        "before": [_entry_json(e) for e in change.before], "created": list(change.created),
        "after": [list(a) for a in change.after],
        "attributions": [_attribution_json(a) for a in change.attributions],
        "corrections": list(change.corrections), "redraft": change.redraft,
    }


def from_json(d: dict) -> Change:
    return Change(
        id=d["id"], kind=d["kind"], user=d["user"], day=date.fromisoformat(d["day"]),
        made_at=datetime.fromisoformat(d["made_at"]),
        before=tuple(_entry_from(e) for e in d["before"]), created=tuple(d["created"]),
        after=tuple((i, s) for i, s in d["after"]),
        attributions=tuple(_attribution_from(a) for a in d["attributions"]),
        corrections=tuple(d["corrections"]), redraft=bool(d["redraft"]),
    )


def changes(store: Store, user: int) -> list[Change]:
    """The journal, oldest first."""
    raw = store.sync_state.get(_key(user))
    return [from_json(d) for d in json.loads(raw)] if raw else []


def push(store: Store, change: Change) -> None:
    """Add ``change`` (call inside the action's transaction)."""
    kept = [*changes(store, change.user), change][-DEPTH:]
    store.sync_state.set(_key(change.user), json.dumps([to_json(c) for c in kept]))


def pop(store: Store, user: int) -> Change | None:
    """Take the last change off the journal (call inside the undo's transaction)."""
    kept = changes(store, user)
    if not kept:
        return None
    last = kept.pop()
    store.sync_state.set(_key(user), json.dumps([to_json(c) for c in kept]))
    return last
