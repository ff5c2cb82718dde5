"""The sync engine: two-way sync of time entries with MyCase, plan then act.

One sync is: pull (the case list; time entries by watermark; a full id scan
when one is due), resume any write an earlier run left half done, plan
(`sync.plan.plan`, a pure three-way diff of the local entries, the MyCase
entries and the last-synced state kept in the ledger), guard against mass
deletion, and execute (`sync.execute.Executor`). See those modules for the
table of cases and for crash safety.

Conflict policy (per field; injected, `sync.plan.default_policy` by default).
A field changed on one side only takes that side's value. When both sides
changed the same field to different values:

- `hours`, `rate`, `billable`: MyCase wins (the billing manager's write-down or
  rate decision is made where the firm bills);
- `case`, `staff`, `entry_date`, `activity_name`, `description`: not decided;
  the entry becomes a conflict, left untouched on both sides and listed by
  `tenths sync --status` until `resolve_conflict` keeps one side.

Other rules:
- an entry with a non-empty `invoices` in MyCase is frozen on both sides: the
  local entry takes the billed values and status `invoiced`; a local edit or
  unrelease that could not be applied is kept as a conflict (never dropped);
- an entry deleted in MyCase is deleted in tenths, unless it was edited in
  tenths since the last sync (then: a conflict);
- an entry deleted in tenths (or unreleased) is deleted from MyCase, unless
  invoiced; unrelease leaves it as a draft;
- an edit in MyCase flows into the local entry; an edit in tenths replaces the
  MyCase entry (new id; MyCase has no update).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sync.client.http import MyCaseClient
from sync.errors import SyncError
from sync.execute import ExecReport, Executor, Hook, entry_from_remote, request_for
from sync.ledger import Ledger, OpenConflict
from sync.plan import (
    Action,
    ConflictPolicy,
    DeletionGuard,
    Link,
    Plan,
    SyncFields,
    default_policy,
    deletions_in,
    plan,
)
from sync.pullers import LAST_SCAN, MassDeletionRefused, Puller, PullReport
from tenths.records import Entry, EntryStatus
from tenths.store import Store

log = logging.getLogger("tenths.sync")

__all__ = [
    "MassDeletionRefused",
    "PullReport",
    "PushReport",
    "SyncEngine",
    "SyncStatus",
    "pull",
    "push_released",
    "request_for",
    "resolve_conflict",
    "unrelease",
]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PushReport:
    created: int
    recovered: int  # lost answers found again in MyCase instead of re-created
    replaced: int = 0
    deleted: int = 0
    conflicts: int = 0
    frozen: int = 0


@dataclass(frozen=True)
class SyncReport:
    pulled: PullReport
    pushed: PushReport
    plan: dict[str, int]


@dataclass(frozen=True)
class SyncStatus:
    pending: dict[str, int]  # planned actions by kind, as of the last pull
    unfinished: int  # writes recorded but not settled (an interrupted run)
    conflicts: tuple[OpenConflict, ...]
    frozen: int  # invoiced entries
    synced: int
    last_scan: str | None

    @property
    def nothing_pending(self) -> bool:
        return not self.pending and not self.unfinished


class SyncEngine:
    """Everything a sync needs, made once and passed in (no hidden I/O, no globals)."""

    def __init__(
        self,
        client: MyCaseClient,
        store: Store,
        *,
        now: Callable[[], datetime] = utc_now,
        policy: ConflictPolicy = default_policy,
        guard: DeletionGuard | None = None,
        full_scan_every: timedelta = timedelta(hours=6),
        allow_mass_delete: bool = False,
        hook: Hook | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.now = now
        self.policy = policy
        self.guard = guard or DeletionGuard()
        self.full_scan_every = full_scan_every
        self.allow_mass_delete = allow_mass_delete
        self.ledger = Ledger(store.db)
        self.puller = Puller(client, store, now, self.guard, allow_mass_delete)
        self.hook = hook

    def pull(self, full: bool | None = None) -> PullReport:
        if full is None:
            full = self.puller.scan_due(self.full_scan_every)
        # The case list is read in a thread while time entries are pulled, and
        # stored between two pages of entries once it is in; all store writes stay
        # on this thread (one DuckDB connection), in one transaction: a pull is
        # stored whole or not at all.
        marks = self.puller.catalog_marks(full)
        saved: tuple[int, int, int] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mycase-catalog") as pool, \
                self.store.transaction():
            catalog = pool.submit(self.puller.read_catalog, marks)

            def save_catalog_once_read() -> None:
                nonlocal saved
                if saved is None and catalog.done():
                    saved = self.puller.save_catalog(catalog.result(), marks, full)

            try:
                changed, deleted = self.puller.pull_entries(full, save_catalog_once_read)
            finally:
                catalog.result()  # wait for the reader (re-raises its error)
            save_catalog_once_read()
        assert saved is not None
        staff, contacts, matters = saved
        log.info("pulled staff=%d contacts=%d matters=%d entries=%d deleted=%d",
                 staff, contacts, matters, changed, deleted)
        return PullReport(staff, contacts, matters, changed, deleted, full)

    def plan(self) -> Plan:
        """The plan as of the last pull (no network)."""
        links = self.ledger.links()
        remotes = self.store.catalog.remote_entries_by_id(link.remote_id for link in
                                                          links.values())
        return plan(self.store.entries.list(), remotes, links, self.ledger.conflicted_ids(),
                    self.policy)

    def push(self, progress: Callable[[Action], None] | None = None,
             on_plan: Callable[[Plan], None] | None = None) -> PushReport:
        executor = Executor(self.client, self.store, self.now, self.hook)
        executor.resume()
        the_plan = self.plan()
        deletions = deletions_in(the_plan)
        if (not self.allow_mass_delete
                and not self.guard.allows(deletions, len(self.ledger.links()))):
            raise MassDeletionRefused("sync plan", deletions, len(self.ledger.links()))
        if on_plan is not None:
            on_plan(the_plan)
        report = executor.run(the_plan, progress)
        return _push_report(report)

    def sync(self, full: bool | None = None,
             progress: Callable[[Action], None] | None = None,
             on_plan: Callable[[Plan], None] | None = None) -> SyncReport:
        pulled = self.pull(full)
        summary: dict[str, int] = {}

        def keep(p: Plan) -> None:
            summary.update(p.summary())
            if on_plan is not None:
                on_plan(p)

        pushed = self.push(progress, keep)
        return SyncReport(pulled, pushed, summary)

    def status(self) -> SyncStatus:
        pending = {k: v for k, v in self.plan().summary().items() if k != "Conflict"}
        count = self.store.db.con.execute(
            "SELECT count(*) FILTER (WHERE status = 'invoiced'), "
            "count(*) FILTER (WHERE status = 'synced') FROM entries"
        ).fetchone()
        frozen, synced = (count or (0, 0))
        return SyncStatus(pending, len(self.ledger.intents()), tuple(self.ledger.conflicts()),
                          int(frozen or 0), int(synced or 0),
                          self.store.sync_state.get(LAST_SCAN))


def _push_report(r: ExecReport) -> PushReport:
    return PushReport(r.created, r.recovered, r.replaced, r.deleted, r.conflicts, r.frozen)


# --- what the user does -------------------------------------------------------------


class EntryFrozen(SyncError):
    """The entry is invoiced in MyCase and cannot be changed."""


class ConflictChanged(SyncError):
    """The conflict no longer shows the entry as it is; sync, then resolve."""


def unrelease(store: Store, entry_id: str, now: datetime) -> Entry:
    """Take an entry back to draft; the next sync removes it from MyCase. The lawyer
    reviewed it, so it stays as they left it: drafting the day again keeps it."""
    entry = store.entries.get(entry_id)
    if entry is None:
        raise SyncError(f"entry {entry_id}: not found")
    if entry.status is EntryStatus.INVOICED:
        raise EntryFrozen(f"entry {entry_id}: invoiced in MyCase, it stays as billed")
    draft = entry.replace(status=EntryStatus.DRAFT, edited=True, updated_at=now)
    store.entries.save([draft])
    return draft


def resolve_conflict(store: Store, entry_id: str, keep: str, now: datetime) -> None:
    """Settle a conflict by keeping one side ("local" or "remote").

    Resolution rebases the last-synced state onto MyCase's version, so that the
    next plan sees either nothing to do (keep remote) or a local edit to push
    (keep local).
    """
    if keep not in {"local", "remote"}:
        raise ValueError("keep must be 'local' or 'remote'")
    ledger = Ledger(store.db)
    link = ledger.link(entry_id)
    entry = store.entries.get(entry_id)
    shown = next((c for c in ledger.conflicts() if c.entry_id == entry_id), None)
    if shown is None:
        raise SyncError(f"entry {entry_id}: no open conflict")
    now_local = SyncFields.of_entry(entry) if entry is not None else None
    if keep == "remote" and shown.local is not None and (
        now_local is None or not now_local.same(shown.local)
    ):
        # The entry was edited again after the conflict was shown: keeping MyCase's
        # side would drop an edit the user has not seen. Sync first.
        raise ConflictChanged(f"entry {entry_id}: edited since the conflict; sync again")
    with store.transaction():
        remote = None
        if link is not None:
            remote = store.catalog.remote_entries_by_id([link.remote_id]).get(link.remote_id)
        if entry is not None and entry.status is EntryStatus.INVOICED and keep == "local":
            raise EntryFrozen(f"entry {entry_id}: invoiced in MyCase, only 'remote' is possible")
        if entry is None and remote is not None and keep == "remote":
            # Deleted here, edited in MyCase: keeping MyCase's side brings it back.
            theirs = SyncFields.of_remote(remote)
            store.entries.save([entry_from_remote(entry_id, remote, now).replace(
                status=EntryStatus.INVOICED if remote.invoiced else EntryStatus.SYNCED)])
            ledger.set_link(Link(entry_id, remote.id, theirs), now)
        elif remote is None:
            if keep == "remote":
                store.entries.delete([entry_id])
                ledger.forget([entry_id])
            else:
                ledger.drop_link(entry_id)
                if entry is not None:
                    store.entries.save([entry.replace(remote_id=None, updated_at=now)])
        else:
            theirs = SyncFields.of_remote(remote)
            ledger.set_link(Link(entry_id, remote.id, theirs), now)
            if keep == "remote" and entry is not None:
                store.entries.save([theirs.apply_to(entry).replace(updated_at=now)])
        ledger.drop_conflict(entry_id)


# --- the demo's calls (app/demo.py) ---------------------------------------------------


def pull(client: MyCaseClient, store: Store) -> PullReport:
    """Pull the case list and time entries (a full scan when one is due)."""
    return SyncEngine(client, store).pull()


def push_released(client: MyCaseClient, store: Store, now: datetime) -> PushReport:
    """Push what is pending (released entries first of all), as of `now`."""
    return SyncEngine(client, store, now=lambda: now).push()

