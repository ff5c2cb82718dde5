"""The engine against the emulator over HTTP: lost creates, crashes, guards, webhooks."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from engine_support import Rig, entry

from sync.emulator import EmulatorSettings, WebhookDelivery
from sync.emulator.settings import FaultSettings
from sync.engine import unrelease
from sync.ledger import Ledger
from sync.plan import DeletionGuard
from sync.pullers import MassDeletionRefused, apply_webhook
from tenths.records import EntryStatus

SEEDED = {1001, 1002, 1003, 1004, 1005}


@pytest.fixture
def rig():  # noqa: ANN201
    with ExitStack() as stack:
        yield Rig(stack)


class Crash(BaseException):
    pass


def test_a_lost_create_is_found_not_repeated(rig: Rig) -> None:
    rig.store.entries.save([entry(n, clock=rig.clock) for n in range(3)])
    rig.emulator.admin.arm_faults(lost_answers=3)
    report = rig.engine().sync()
    assert report.pushed.created == 3 and report.pushed.recovered == 3
    assert len(rig.remote()) == 8


def test_a_replace_interrupted_after_the_create_is_finished_on_restart(rig: Rig) -> None:
    rig.store.entries.save([entry(1, clock=rig.clock)])
    rig.engine().sync()
    old = rig.store.entries.get("e1")
    assert old is not None and old.remote_id is not None
    rig.store.entries.save([old.replace(description="better")])

    def hook(step: str) -> None:
        if step == "created":
            raise Crash(step)

    with pytest.raises(Crash):
        rig.engine(hook=hook).sync()
    assert len(rig.remote()) == 7  # old and new both there for now
    rig.engine().sync()
    remote = rig.remote()
    new = rig.store.entries.get("e1")
    assert new is not None and old.remote_id not in remote
    assert len(remote) == 6 and remote[new.remote_id]["description"] == "better"


def test_a_resumed_replace_does_not_delete_an_entry_edited_in_mycase_since(rig: Rig) -> None:
    # Edited here, the replace dies after its create; before the restart someone edits
    # the old entry in MyCase. Finishing the replace would delete that edit unseen: the
    # new entry is taken back out instead, and both edits are shown as a conflict.
    rig.store.entries.save([entry(1, clock=rig.clock)])
    rig.engine().sync()
    old = rig.store.entries.get("e1")
    assert old is not None and old.remote_id is not None
    rig.store.entries.save([old.replace(description="ours", edited=True)])

    def hook(step: str) -> None:
        if step == "created":
            raise Crash(step)

    with pytest.raises(Crash):
        rig.engine(hook=hook).sync()
    rig.clock.advance(1)
    rig.emulator.admin.edit_time_entry(old.remote_id, {"description": "theirs"})
    rig.engine().sync(full=True)
    remote = rig.remote()
    assert set(remote) - SEEDED == {old.remote_id}  # the edited entry stays, alone
    assert remote[old.remote_id]["description"] == "theirs"
    [conflict] = Ledger(rig.store.db).conflicts()
    assert conflict.local is not None and conflict.local.description == "ours"
    assert conflict.remote is not None and conflict.remote.description == "theirs"
    assert rig.store.entries.get("e1").description == "ours"  # type: ignore[union-attr]


def test_invoiced_entry_is_frozen_and_unrelease_is_refused(rig: Rig) -> None:
    rig.store.entries.save([entry(1, clock=rig.clock)])
    rig.engine().sync()
    rid = rig.store.entries.get("e1").remote_id  # type: ignore[union-attr]
    rig.emulator.admin.create_invoice([rid])
    rig.engine().sync()
    frozen = rig.store.entries.get("e1")
    assert frozen is not None and frozen.status is EntryStatus.INVOICED
    rig.store.entries.save([frozen.replace(status=EntryStatus.DRAFT, description="nope")])
    rig.engine().sync()
    assert rig.remote()[rid]["description"] == "work 1"
    [conflict] = Ledger(rig.store.db).conflicts()
    assert conflict.local is not None and conflict.local.description == "nope"
    assert rig.store.entries.get("e1").status is EntryStatus.INVOICED  # type: ignore[union-attr]


def test_mass_deletion_in_mycase_is_refused(rig: Rig) -> None:
    rig.store.entries.save([entry(n, clock=rig.clock) for n in range(4)])
    rig.engine().sync()
    for rid in list(rig.remote()):
        rig.emulator.admin.delete_time_entry(rid)
    with pytest.raises(MassDeletionRefused):
        rig.engine(guard=DeletionGuard(fraction=0.5, floor=2)).sync(full=True)
    assert len(Ledger(rig.store.db).links()) == 4  # nothing was deleted here


def test_webhook_deliveries_keep_cases_fresh() -> None:
    deliveries: list[WebhookDelivery] = []
    with ExitStack() as stack:
        _webhooks(Rig(stack, deliver=deliveries.append), deliveries)


def _webhooks(rig: Rig, deliveries: list[WebhookDelivery]) -> None:
    rig.engine().sync()
    rig.engine().puller.subscribe("http://127.0.0.1:9/hooks", ("case",))
    rig.emulator.admin.upsert("cases", {"id": 101, "name": "Renamed matter"})
    [delivery] = deliveries
    apply_webhook(rig.store, delivery.body, delivery.headers["X-MyCase-Signature"])
    names = {m.id: m.name for m in rig.store.catalog.matters()}
    assert names[101] == "Renamed matter"


def test_two_identical_entries_with_both_answers_lost_are_two_records(rig: Rig) -> None:
    # Same case, staff, day, hours, rate, activity and narrative: a manual entry typed twice.
    twins = [entry(n, description="call with client", clock=rig.clock) for n in (1, 2)]
    rig.store.entries.save(twins)
    rig.emulator.admin.arm_faults(lost_answers=2)
    report = rig.engine().sync()
    assert report.pushed.created == 2 and report.pushed.recovered == 2
    first, second = (rig.store.entries.get(e.id) for e in twins)
    assert first is not None and second is not None
    assert first.remote_id != second.remote_id
    ours = {link.remote_id for link in Ledger(rig.store.db).links().values()}
    assert ours == {first.remote_id, second.remote_id}
    assert len(rig.remote()) == 7  # five seeded and exactly our two
    # Unreleasing one deletes exactly its own record, and no orphan stays in MyCase.
    unrelease(rig.store, "e2", rig.clock.now())
    rig.engine().sync(full=True)
    assert set(rig.remote()) - SEEDED == {first.remote_id}


def test_a_503_on_create_is_waited_out_and_the_run_settles_in_one_go() -> None:
    # Maintenance: half the answers are 503. MyCase did not act on them, so nothing is
    # searched for as a lost create, and one sync pushes everything exactly once.
    settings = EmulatorSettings(faults=FaultSettings(
        seed=1, server_error_probability=0.5, server_error_status=503))
    with ExitStack() as stack:
        rig = Rig(stack, settings=settings)
        rig.store.entries.save([entry(n, clock=rig.clock) for n in range(20)])
        report = rig.engine().sync()
        assert report.pushed.created == 20 and report.pushed.recovered == 0
        assert len(rig.remote()) == 5 + 20
        assert rig.engine().status().nothing_pending


def test_an_entry_deleted_in_mycase_this_week_is_gone_after_the_next_plain_sync(
    rig: Rig,
) -> None:
    rig.store.entries.save([entry(n, clock=rig.clock) for n in range(3)])
    rig.engine().sync(full=True)
    gone = rig.store.entries.get("e1")
    assert gone is not None and gone.remote_id is not None
    before = rig.client.attempts
    rig.engine().sync()  # nothing changed: the cost of a plain, incremental sync
    plain = rig.client.attempts - before
    rig.clock.advance(60)
    rig.emulator.admin.delete_time_entry(gone.remote_id)
    before = rig.client.attempts
    report = rig.engine().sync()  # no full scan due: a plain, incremental sync
    assert not report.pulled.full_scan and report.pulled.deleted == 1
    assert rig.store.entries.get("e1") is None
    assert {e.id for e in rig.store.entries.list()} == {"e0", "e2"}
    # The recent days' changes fit the page a plain sync reads anyway: the check costs
    # one GET, for the entry that did not come back.
    assert rig.client.attempts - before == plain + 1
