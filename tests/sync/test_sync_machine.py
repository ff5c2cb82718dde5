"""A Hypothesis state machine: local edits, MyCase edits and deletes, invoicing,
release, unrelease, crashes between executor steps and injected faults, over
real HTTP to the emulator on 127.0.0.1. After syncing until nothing is pending:

- every released entry is in MyCase exactly once, with the right fields;
- nothing invoiced changed;
- no edit was silently lost (each edit not yet synced is, afterwards, in tenths,
  in MyCase, or in an open conflict shown to the user).
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from engine_support import Rig, entry
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from mycase_support import PARTNER

from pipeline.draft import DraftContext, draft_day
from pipeline.narrative import make_environment
from sync.engine import ConflictChanged, resolve_conflict, unrelease
from sync.errors import SyncError
from sync.ledger import Ledger
from sync.plan import SyncFields
from tenths.records import Attribution, EntryStatus, Span

SEEDED = {1001, 1002, 1003, 1004, 1005}
DAY = date(2026, 5, 4)  # the day `entry()` writes, and the day the service drafts


class Crash(BaseException):
    """The process dies here (a BaseException: nothing tidies up after it)."""


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.stack = ExitStack()
        self.rig = Rig(self.stack)
        self.n = 0
        self.token = 0
        # Edit tokens not yet seen on both sides, by (side, entry id or MyCase id):
        # a newer edit on the same side of the same record supersedes the older one.
        self.pending: dict[tuple[str, object], str] = {}
        self.invoiced: dict[int, SyncFields] = {}
        # The day's captured work and its attributions, as the service would draft them.
        self.spans: list[Span] = []
        self.attributions: dict[str, Attribution] = {}

    def teardown(self) -> None:
        try:
            self.settle()
        finally:
            self.stack.close()

    # -- helpers --------------------------------------------------------------------
    def next_token(self, side: str, key: object) -> str:
        self.token += 1
        token = f"{side}{self.token}"
        self.pending[(side, key)] = token
        return token

    def drop_synced(self) -> None:
        """Forget tokens that are now in tenths and MyCase alike (through a sync)."""
        local = {e.description for e in self.rig.store.entries.list()}
        remote = {r["description"] for r in self.rig.remote().values()}
        both = local & remote
        self.pending = {k: v for k, v in self.pending.items() if v not in both}

    def linked(self) -> list[int]:
        remote = self.rig.remote()
        ids = sorted(link.remote_id for link in Ledger(self.rig.store.db).links().values())
        return [i for i in ids if i in remote and not remote[i]["invoices"]]

    # -- tenths side ------------------------------------------------------------------
    @initialize()
    def first_pull(self) -> None:
        self.rig.engine().sync(full=True)

    @rule(released=st.booleans(), case=st.sampled_from([101, 102]))
    def draft_entry(self, released: bool, case: int) -> None:
        self.n += 1
        status = EntryStatus.RELEASED if released else EntryStatus.DRAFT
        self.rig.store.entries.save([entry(self.n, case_id=case, status=status,
                                           clock=self.rig.clock)])

    @rule(case=st.sampled_from([101, 102]))
    def two_identical_manual_entries(self, case: int) -> None:
        """A manual entry typed twice: same case, day, hours, activity and narrative."""
        self.n += 2
        same = {"case_id": case, "description": f"manual {self.n}", "clock": self.rig.clock}
        self.rig.store.entries.save([entry(self.n - 1, **same), entry(self.n, **same)])

    @rule(case=st.sampled_from([101, 102]), minutes=st.sampled_from([0, 4, 12, 30]))
    def work_and_draft_the_day_again(self, case: int, minutes: int) -> None:
        """What the service does every few minutes: capture more work (none when 0),
        then draft the whole day again. Entries that are no longer drafts must come out
        exactly as they went in."""
        if minutes:
            start = datetime(2026, 5, 4, 16, tzinfo=UTC) + timedelta(minutes=45 * len(self.spans))
            span = Span(f"w{len(self.spans)}", PARTNER, start, start + timedelta(minutes=minutes),
                        "Microsoft Word", "document", "Brief.docx - Word", "")
            self.spans.append(span)
            self.attributions[span.id] = Attribution(span.id, case, 0.9, False, True)
        store = self.rig.store
        ctx = DraftContext({m.id: m for m in store.catalog.matters()}, store.catalog.staff(),
                           store.catalog.activity_names(), Decimal("250"), make_environment())
        existing = store.entries.list(user=PARTNER, day=DAY)
        drafts = draft_day(PARTNER, DAY, self.spans, self.attributions, ctx,
                           self.rig.clock.now(), existing=existing)
        store.entries.replace_drafts(PARTNER, DAY, drafts)
        for before in (e for e in existing if e.settled):
            assert store.entries.get(before.id) == before, before.id

    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        drafts = self.rig.store.entries.list(status=EntryStatus.DRAFT)
        if drafts:
            chosen = data.draw(st.sampled_from(drafts))
            self.rig.store.entries.save([chosen.replace(status=EntryStatus.RELEASED)])

    @rule(data=st.data(), hours=st.sampled_from(["0.3", "1.2", "2.5"]))
    def edit_locally(self, data: st.DataObject, hours: str) -> None:
        entries = self.rig.store.entries.list()
        if entries:
            chosen = data.draw(st.sampled_from(entries))
            token = self.next_token("L", chosen.id)
            self.rig.store.entries.save([chosen.replace(description=token, edited=True,
                                                        hours=Decimal(hours))])

    @rule(data=st.data())
    def unrelease_entry(self, data: st.DataObject) -> None:
        live = [e for e in self.rig.store.entries.list()
                if e.status in (EntryStatus.RELEASED, EntryStatus.SYNCED)]
        if live:
            chosen = data.draw(st.sampled_from(live))
            unrelease(self.rig.store, chosen.id, self.rig.clock.now())

    # -- MyCase side --------------------------------------------------------------------
    @rule(data=st.data(), hours=st.sampled_from([None, 0.5, 1.25]))
    def edit_in_mycase(self, data: st.DataObject, hours: float | None) -> None:
        ids = self.linked()
        if ids:
            rid = data.draw(st.sampled_from(ids))
            changes: dict[str, object] = {"description": self.next_token("R", rid)}
            if hours is not None:
                changes["hours"] = hours
            self.rig.clock.advance(1)
            self.rig.emulator.admin.edit_time_entry(rid, changes)

    @rule(data=st.data())
    def delete_in_mycase(self, data: st.DataObject) -> None:
        ids = self.linked()
        if ids:
            rid = data.draw(st.sampled_from(ids))
            self.pending.pop(("R", rid), None)  # the person deleted their own edit
            self.rig.emulator.admin.delete_time_entry(rid)

    @rule(data=st.data())
    def invoice_in_mycase(self, data: st.DataObject) -> None:
        ids = self.linked()
        if ids:
            rid = data.draw(st.sampled_from(ids))
            self.rig.emulator.admin.create_invoice([rid], status="sent")
            record = self.rig.remote()[rid]
            from sync.normalize import entry_from_api

            self.invoiced[rid] = SyncFields.of_remote(entry_from_api(record))

    # -- faults and crashes ------------------------------------------------------------
    @rule(lost=st.integers(0, 2), errors=st.integers(0, 2), throttled=st.integers(0, 2))
    def arm_faults(self, lost: int, errors: int, throttled: int) -> None:
        self.rig.emulator.admin.arm_faults(lost_answers=lost, server_errors=errors,
                                           too_many_requests=throttled)

    @rule(after=st.integers(1, 12))
    def sync_and_crash(self, after: int) -> None:
        steps = iter(range(after))

        def hook(step: str) -> None:
            if next(steps, None) is None:
                raise Crash(step)

        try:
            self.rig.engine(hook=hook).sync(full=True)
        except (Crash, SyncError):
            pass  # the next engine is rebuilt from the store, as after a restart
        self.drop_synced()

    @rule()
    def sync_once(self) -> None:
        try:
            self.rig.engine().sync(full=True)
        except SyncError:
            return
        self.drop_synced()

    @precondition(lambda self: bool(Ledger(self.rig.store.db).conflicted_ids()))
    @rule(data=st.data(), keep=st.sampled_from(["local", "remote"]))
    def resolve(self, data: st.DataObject, keep: str) -> None:
        shown = Ledger(self.rig.store.db).conflicts()
        conflicts = sorted(c.entry_id for c in shown)
        chosen = data.draw(st.sampled_from(conflicts))
        current = self.rig.store.entries.get(chosen)
        if keep == "local" and current is not None and current.status is EntryStatus.INVOICED:
            keep = "remote"
        try:
            resolve_conflict(self.rig.store, chosen, keep, self.rig.clock.now())
        except ConflictChanged:
            return  # edited since the conflict was shown: the next sync re-states it
        for c in shown:
            if c.entry_id == chosen:  # the user chose: the other side's edit goes
                dropped = {f.description for f in (c.local, c.remote) if f is not None}
                self.pending = {k: v for k, v in self.pending.items() if v not in dropped}

    @rule()
    def settle(self) -> None:
        """Sync until nothing is pending, then check the invariants."""
        engine = self.rig.engine()
        for _ in range(8):
            try:
                engine.sync(full=True)
            except SyncError:
                continue
            if engine.status().nothing_pending:
                break
        status = engine.status()
        assert status.nothing_pending, status.pending
        self.check(status)

    def check(self, status: object) -> None:
        store, remote = self.rig.store, self.rig.remote()
        ledger = Ledger(store.db)
        links = ledger.links()
        conflicted = ledger.conflicted_ids()
        linked_ids = [link.remote_id for link in links.values()]
        # Exactly once: MyCase holds our entries and nothing else of ours. (A link to
        # an entry deleted in MyCase stays only while its conflict is open.)
        assert len(linked_ids) == len(set(linked_ids))
        assert set(remote) - SEEDED == {i for i in linked_ids if i in remote}
        for entry_id, link in links.items():
            assert link.remote_id in remote or entry_id in conflicted, entry_id
        from sync.normalize import entry_from_api

        for e in store.entries.list():
            link = links.get(e.id)
            if e.status in (EntryStatus.SYNCED, EntryStatus.INVOICED):
                assert link is not None and e.remote_id == link.remote_id, e.id
            if e.status is EntryStatus.DRAFT and e.id not in conflicted:
                assert link is None, e.id
            if link is not None and e.id not in conflicted:
                theirs = SyncFields.of_remote(entry_from_api(remote[link.remote_id]))
                assert SyncFields.of_entry(e).same(theirs), e.id
        # Nothing invoiced changed.
        for rid, fields in self.invoiced.items():
            assert rid in remote and SyncFields.of_remote(entry_from_api(remote[rid])).same(
                fields)
        # No edit silently lost.
        seen = {e.description for e in store.entries.list()}
        seen |= {r["description"] for r in remote.values()}
        for c in ledger.conflicts():
            seen |= {f.description for f in (c.local, c.remote, c.base) if f is not None}
        lost = set(self.pending.values()) - seen
        assert not lost, lost
        self.pending.clear()


SyncMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=20, deadline=None,
    # No shrinking in the default run (it is slow over HTTP); the slow profile shrinks.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_sync_machine = SyncMachine.TestCase


@pytest.mark.slow
def test_sync_machine_long() -> None:
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(
        SyncMachine,
        settings=settings(max_examples=200, stateful_step_count=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow]),
    )
