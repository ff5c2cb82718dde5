"""The executor: runs a plan's actions against MyCase and the store, crash-safely.

Every write to MyCase is preceded by an intent committed to the store and
followed by one commit that moves the entry, its link and the catalog and
drops the intent. A process may die between any two steps (the `hook` is
called there, so tests can kill it); on the next run `resume` finishes each
recorded intent before anything is planned:

- a create whose answer never arrived is looked for in MyCase (same case,
  staff, date, hours, rate, activity, narrative and billable flag, updated since
  the intent less a skew allowance, not linked to any other entry) and adopted
  if found; only if it is not there is it created again, so a retry never makes
  a second bill line;
- a replace (MyCase has no update) creates the new entry, records its id, then
  deletes the old one; resumed, it finds the new one as above and finishes the
  delete (a 404 on the delete means an earlier attempt did it), unless the old
  one was edited in MyCase since in a way the new one does not carry: then the
  new one is taken back out and the next plan merges the two edits or shows a
  conflict (the intent was planned from an older pull, blind to that edit);
- a delete is idempotent and needs no intent.

If MyCase refuses to delete the old entry of a replace because it was billed in
the meantime (422), the new entry is deleted again and the old one is frozen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sync.client.http import MyCaseClient
from sync.client.models import TimeEntryRequest
from sync.errors import CreateOutcomeUnknown, NotFound, ValidationFailed
from sync.ledger import Intent, Ledger
from sync.normalize import entry_from_api
from sync.plan import (
    Action,
    Conflict,
    Create,
    DeleteRemote,
    Freeze,
    Link,
    Plan,
    PullDelete,
    PullEdit,
    Replace,
    SyncFields,
    Unlink,
)
from sync.pullers import SKEW
from tenths.records import Entry, EntryStatus, RemoteEntry
from tenths.store import Store

log = logging.getLogger("tenths.sync")
Hook = Callable[[str], None]
CREATE_ATTEMPTS = 3
CREATE_BATCH = 25


def request_for(fields: SyncFields) -> TimeEntryRequest:
    return TimeEntryRequest(
        case_id=fields.case_id,
        staff_id=fields.staff_id,
        entry_date=fields.entry_date,
        hours=fields.hours,
        rate=fields.rate,
        activity_name=fields.activity_name,
        description=fields.description,
        billable=fields.billable,
    )


@dataclass
class ExecReport:
    created: int = 0
    recovered: int = 0  # lost answers found again in MyCase instead of re-created
    replaced: int = 0
    deleted: int = 0
    pulled_edits: int = 0
    pulled_deletes: int = 0
    frozen: int = 0
    conflicts: int = 0
    failed: list[str] = field(default_factory=list)  # entry ids left for the next run


class Executor:
    def __init__(
        self,
        client: MyCaseClient,
        store: Store,
        now: Callable[[], datetime],
        hook: Hook | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.ledger = Ledger(store.db)
        self.now = now
        self.hook: Hook = hook or (lambda step: None)
        self.report = ExecReport()
        # MyCase records this run took for an entry but has not settled yet (a batch
        # settles at its end): a later lost create of the same fields must not adopt them.
        self.claimed: set[int] = set()

    # -- finding lost creates ---------------------------------------------------------
    def find_lost(self, intents: Iterable[Intent]) -> dict[str, RemoteEntry]:
        """The MyCase entries that lost-answer creates made, by entry id."""
        wanted = [i for i in intents if i.new_remote_id is None]
        if not wanted:
            return {}
        taken = self.ledger.linked_remote_ids()
        taken |= {i.old_remote_id for i in self.ledger.intents() if i.old_remote_id}
        taken |= {i.new_remote_id for i in self.ledger.intents() if i.new_remote_id}
        taken |= self.claimed
        since = min(i.started_at for i in wanted) - SKEW
        candidates: dict[str, list[RemoteEntry]] = {}
        for record in self.client.time_entries(updated_after=since):
            remote = entry_from_api(record)
            if remote.id not in taken:
                candidates.setdefault(SyncFields.of_remote(remote).to_json(), []).append(remote)
        found: dict[str, RemoteEntry] = {}
        for intent in wanted:
            pool = candidates.get(intent.fields.to_json(), [])
            pool = [r for r in pool if r.created_at >= intent.started_at - SKEW]
            if pool:
                remote = min(pool, key=lambda r: r.id)
                candidates[intent.fields.to_json()].remove(remote)
                found[intent.entry_id] = remote
        return found

    def _post(self, intent: Intent) -> RemoteEntry:
        """Create, never twice: after a lost answer, look before trying again."""
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            try:
                made = entry_from_api(self.client.create_time_entry(request_for(intent.fields)))
                self.claimed.add(made.id)
                return made
            except CreateOutcomeUnknown:
                self.hook("create-lost")
                found = self.find_lost([intent]).get(intent.entry_id)
                if found is not None:
                    self.claimed.add(found.id)
                    self.report.recovered += 1
                    return found
                if attempt == CREATE_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    # -- resuming intents ------------------------------------------------------------
    def resume(self) -> int:
        """Finish every write recorded but not settled by an earlier run."""
        intents = self.ledger.intents()
        if not intents:
            return 0
        found = self.find_lost(intents)
        for intent in intents:
            new_id = intent.new_remote_id
            remote = found.get(intent.entry_id)
            if remote is not None:
                self.report.recovered += 1
            elif new_id is not None:
                try:
                    remote = entry_from_api(self.client.get_time_entry(new_id))
                except NotFound:
                    remote = None
            if remote is None:
                # Nothing was created (or it is gone again): the next plan decides afresh.
                self.ledger.drop_intent(intent.entry_id)
                continue
            if intent.kind == "replace" and intent.old_remote_id is not None:
                edited = self._edited_since(intent)
                if edited is not None:
                    log.info("replace of %s: edited in MyCase since; withdrawing %s",
                             edited.id, remote.id)
                    self._withdraw(intent, remote, edited)
                    continue
                if not self._delete_old(intent, remote):
                    continue
            self._settle(intent, remote)
        log.info("resumed intents=%d", len(intents))
        return len(intents)

    # -- running a plan ---------------------------------------------------------------
    def run(self, plan: Plan, progress: Callable[[Action], None] | None = None) -> ExecReport:
        creates = [a for a in plan.actions if isinstance(a, Create)]
        for start in range(0, len(creates), CREATE_BATCH):
            batch = creates[start:start + CREATE_BATCH]
            self._create_batch(batch, progress)
        for action in plan.actions:
            if isinstance(action, Create):
                continue
            self.apply(action)
            if progress is not None:
                progress(action)
        return self.report

    def _create_batch(
        self, batch: list[Create], progress: Callable[[Action], None] | None
    ) -> None:
        """Creates in batches: the intents of a batch are committed together before any
        POST, and the results settled together (two commits a batch, not two a create)."""
        now = self.now()
        intents = [Intent(a.entry_id, "create", a.fields, None, None, now) for a in batch]
        self.ledger.record_intents(intents)
        self.hook("intent")
        done: list[tuple[Intent, RemoteEntry]] = []
        try:
            for action, intent in zip(batch, intents, strict=True):
                done.append((intent, self._post(intent)))
                self.hook("created")
                if progress is not None:
                    progress(action)
        except Exception:
            # Settle what was created before a later POST failed; the rest of the
            # intents stay for `resume`. (A crash settles nothing: `resume` finds them.)
            if done:
                self._settle_all(done)
                self.report.created += len(done)
            raise
        self._settle_all(done)
        self.report.created += len(done)

    def apply(self, action: Action) -> None:
        match action:
            case Create():
                self._create(action.entry_id, action.fields)
            case Replace():
                self._replace(action)
            case DeleteRemote():
                self._delete(action)
            case PullEdit():
                self._pull_edit(action)
            case PullDelete():
                with self.store.transaction():
                    self.store.entries.delete([action.entry_id])
                    self.ledger.forget([action.entry_id])
                self.report.pulled_deletes += 1
            case Freeze():
                self._freeze(action)
            case Conflict():
                self.ledger.record_conflict(action, self.now())
                self.report.conflicts += 1
            case Unlink():
                with self.store.transaction():
                    self.ledger.drop_link(action.entry_id)
                    entry = self.store.entries.get(action.entry_id)
                    if entry is not None:
                        self.store.entries.save([entry.replace(remote_id=None)])
        self.hook("applied")

    def _create(self, entry_id: str, fields: SyncFields) -> None:
        intent = Intent(entry_id, "create", fields, None, None, self.now())
        self.ledger.record_intent(intent)
        self.hook("intent")
        remote = self._post(intent)
        self.hook("created")
        self._settle(intent, remote)
        self.report.created += 1

    def _replace(self, action: Replace) -> None:
        intent = Intent(action.entry_id, "replace", action.fields, action.old_remote_id, None,
                        self.now())
        if action.local:
            # The merge changes the local entry too: keep it with the intent's fields.
            self._update_entry(action.entry_id, action.fields, None)
        self.ledger.record_intent(intent)
        self.hook("intent")
        remote = self._post(intent)
        self.hook("created")
        intent = Intent(intent.entry_id, intent.kind, intent.fields, intent.old_remote_id,
                        remote.id, intent.started_at)
        with self.store.transaction():
            self.ledger.record_intent(intent)
            self.store.catalog.save_remote_entries([remote])
        self.hook("recorded")
        if self._delete_old(intent, remote):
            self._settle(intent, remote)
            self.report.replaced += 1

    def _delete_old(self, intent: Intent, new: RemoteEntry) -> bool:
        """Delete the replaced entry. False if MyCase refused (billed meanwhile): then the
        new one is taken back out, and the old one is left to be frozen."""
        old_id = intent.old_remote_id
        assert old_id is not None
        try:
            self.client.delete_time_entry(old_id)
        except NotFound:
            pass
        except ValidationFailed:
            log.info("replace of %s refused: billed meanwhile; withdrawing %s", old_id, new.id)
            self._withdraw(intent, new, entry_from_api(self.client.get_time_entry(old_id)))
            return False
        self.hook("deleted")
        return True

    def _edited_since(self, intent: Intent) -> RemoteEntry | None:
        """The replaced entry as MyCase has it now if it was edited there in a way the
        replacement does not carry (a field changed since the last sync, to a value other
        than the one pushed); else None. A resumed replace was planned from an older
        pull: deleting the old entry unseen would lose such an edit."""
        link = self.ledger.link(intent.entry_id)
        if link is None or link.remote_id != intent.old_remote_id:
            return None
        try:
            old = entry_from_api(self.client.get_time_entry(link.remote_id))
        except NotFound:
            return None  # deleted already: by an earlier attempt, or in MyCase
        theirs = SyncFields.of_remote(old)
        changed_there = set(theirs.differing(link.base))
        return old if changed_there & set(theirs.differing(intent.fields)) else None

    def _withdraw(self, intent: Intent, new: RemoteEntry, old: RemoteEntry) -> None:
        """Take the new entry of a replace back out of MyCase and keep the old one, as
        MyCase has it now, for the next plan to decide on afresh."""
        try:
            self.client.delete_time_entry(new.id)
        except NotFound:
            pass
        with self.store.transaction():
            self.store.catalog.delete_remote_entries([new.id])
            self.store.catalog.save_remote_entries([old])
            self.ledger.drop_intent(intent.entry_id)

    def _settle(self, intent: Intent, remote: RemoteEntry) -> None:
        self._settle_all([(intent, remote)])

    def _settle_all(self, done: list[tuple[Intent, RemoteEntry]]) -> None:
        """One commit: the MyCase entries into the catalog, links set, entries marked
        synced, intents dropped."""
        now = self.now()
        with self.store.transaction():
            old = [i.old_remote_id for i, _ in done if i.old_remote_id is not None]
            self.store.catalog.delete_remote_entries(old)
            self.store.catalog.save_remote_entries([r for _, r in done])
            entries = {e.id: e for e in self.store.entries.list_ids([i.entry_id for i, _ in done])}
            updated = []
            for intent, remote in done:
                entry = entries.get(intent.entry_id)
                if entry is not None:
                    status = entry.status
                    if status in (EntryStatus.RELEASED, EntryStatus.SYNCED):
                        status = EntryStatus.SYNCED
                    updated.append(entry.replace(remote_id=remote.id, status=status,
                                                 updated_at=now))
            self.ledger.set_links([Link(i.entry_id, r.id, i.fields) for i, r in done], now)
            self.ledger.drop_intents(i.entry_id for i, _ in done)
            self.store.entries.save(updated)
        self.hook("settled")

    def _delete(self, action: DeleteRemote) -> None:
        try:
            self.client.delete_time_entry(action.remote_id)
        except NotFound:
            pass
        except ValidationFailed:
            # Billed since the last pull: read it back; the next plan freezes it.
            remote = entry_from_api(self.client.get_time_entry(action.remote_id))
            self.store.catalog.save_remote_entries([remote])
            return
        self.hook("deleted")
        with self.store.transaction():
            self.store.catalog.delete_remote_entries([action.remote_id])
            self.ledger.drop_link(action.entry_id)
            entry = self.store.entries.get(action.entry_id)
            if entry is not None:
                self.store.entries.save([entry.replace(remote_id=None, updated_at=self.now())])
        self.report.deleted += 1

    def _update_entry(
        self, entry_id: str, fields: SyncFields, status: EntryStatus | None,
        remote_id: int | None = None,
    ) -> None:
        entry = self.store.entries.get(entry_id)
        if entry is None:
            return
        changes: dict[str, object] = {"updated_at": self.now()}
        if status is not None:
            changes["status"] = status
        if remote_id is not None:
            changes["remote_id"] = remote_id
        self.store.entries.save([fields.apply_to(entry).replace(**changes)])

    def _pull_edit(self, action: PullEdit) -> None:
        remote = action.remote
        entry = self.store.entries.get(action.entry_id)
        status = EntryStatus.INVOICED if remote.invoiced else EntryStatus.SYNCED
        if entry is not None and entry.status is EntryStatus.DRAFT:
            status = EntryStatus.DRAFT
        with self.store.transaction():
            self._update_entry(action.entry_id, action.fields, status, remote.id)
            self.ledger.set_link(Link(action.entry_id, remote.id, SyncFields.of_remote(remote)),
                                 self.now())
        self.report.pulled_edits += 1

    def _freeze(self, action: Freeze) -> None:
        remote, now = action.remote, self.now()
        theirs = SyncFields.of_remote(remote)
        entry = self.store.entries.get(action.entry_id)
        link = self.ledger.link(action.entry_id)
        with self.store.transaction():
            if action.refused is not None:
                mine = SyncFields.of_entry(entry) if entry is not None else None
                self.ledger.record_conflict(
                    Conflict(action.entry_id, remote.id, f"invoiced in MyCase; {action.refused}",
                             mine.differing(theirs) if mine else (),
                             link.base if link else None, mine, theirs),
                    now,
                )
            if entry is None:
                entry = entry_from_remote(action.entry_id, remote, now)
            self.store.entries.save([theirs.apply_to(entry).replace(
                status=EntryStatus.INVOICED, remote_id=remote.id, updated_at=now)])
            self.ledger.set_link(Link(action.entry_id, remote.id, theirs), now)
        self.report.frozen += 1


def entry_from_remote(entry_id: str, remote: RemoteEntry, now: datetime) -> Entry:
    return Entry(
        id=entry_id, user=remote.staff_id, case_id=remote.case_id, entry_date=remote.entry_date,
        worked_seconds=int(remote.hours * Decimal(3600)), hours=remote.hours, rate=remote.rate,
        activity_name=remote.activity_name, description=remote.description,
        billable=remote.billable, span_ids=(), status=EntryStatus.INVOICED, remote_id=remote.id,
        updated_at=now,
    )
