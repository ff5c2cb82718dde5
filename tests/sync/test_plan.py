"""The pure planner: one test per row of the table in sync/plan.py."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sync.plan import (
    Conflict,
    Create,
    DeleteRemote,
    DeletionGuard,
    Freeze,
    Link,
    PullDelete,
    PullEdit,
    Replace,
    Side,
    SyncFields,
    Unlink,
    merge,
    plan,
)
from tenths.records import Entry, EntryStatus, RemoteEntry

T = datetime(2026, 5, 4, 9, tzinfo=UTC)


def local(status: EntryStatus = EntryStatus.SYNCED, **changes: object) -> Entry:
    base = Entry("e1", 1, 101, date(2026, 5, 4), 3600, Decimal("1.0"), Decimal("500"),
                 "Research", "work", True, (), status, 7, T)
    return base.replace(**changes)


def remote(invoices: tuple[int, ...] = (), **changes: object) -> RemoteEntry:
    values = dict(id=7, case_id=101, staff_id=1, entry_date=date(2026, 5, 4),
                  hours=Decimal("1.0"), rate=Decimal("500.0"), activity_name="Research",
                  description="work", billable=True, invoice_ids=invoices, created_at=T,
                  updated_at=T)
    values.update(changes)
    return RemoteEntry(**values)  # type: ignore[arg-type]


LINK = Link("e1", 7, SyncFields.of_remote(remote()))


def one(entries: list[Entry], remotes: list[RemoteEntry], links: list[Link],
        conflicted: tuple[str, ...] = ()) -> object:
    actions = plan(entries, {r.id: r for r in remotes}, {k.entry_id: k for k in links},
                   conflicted).actions
    assert len(actions) <= 1
    return actions[0] if actions else None


def test_released_entry_is_created_and_a_draft_is_not() -> None:
    assert isinstance(one([local(EntryStatus.RELEASED, remote_id=None)], [], []), Create)
    assert one([local(EntryStatus.DRAFT, remote_id=None)], [], []) is None
    assert one([local(EntryStatus.RELEASED, remote_id=None, hours=Decimal(0))], [], []) is None


def test_in_sync_is_nothing_even_with_money_spelled_differently() -> None:
    assert one([local(rate=Decimal("500.00"))], [remote(rate=Decimal("500.0"))], [LINK]) is None


def test_local_edit_replaces_and_remote_edit_is_pulled() -> None:
    edited = one([local(description="better")], [remote()], [LINK])
    assert isinstance(edited, Replace) and edited.fields.description == "better"
    pulled = one([local()], [remote(hours=Decimal("0.8"))], [LINK])
    assert isinstance(pulled, PullEdit) and pulled.fields.hours == Decimal("0.8")


def test_both_edited_merges_by_field_and_asks_about_the_narrative() -> None:
    merged = one([local(description="better")], [remote(hours=Decimal("0.8"))], [LINK])
    assert isinstance(merged, Replace) and merged.local
    assert (merged.fields.description, merged.fields.hours) == ("better", Decimal("0.8"))
    money = one([local(hours=Decimal("2"))], [remote(hours=Decimal("0.8"))], [LINK])
    assert isinstance(money, PullEdit) and money.fields.hours == Decimal("0.8")  # MyCase wins
    asked = one([local(description="mine")], [remote(description="theirs")], [LINK])
    assert isinstance(asked, Conflict) and asked.fields == ("description",)


def test_invoiced_is_frozen_and_a_refused_edit_is_named() -> None:
    frozen = one([local(description="late edit")], [remote(invoices=(5,))], [LINK])
    assert isinstance(frozen, Freeze) and frozen.refused == "edited in tenths"
    unreleased = one([local(EntryStatus.DRAFT)], [remote(invoices=(5,))], [LINK])
    assert isinstance(unreleased, Freeze) and unreleased.refused == "unreleased in tenths"
    restored = one([], [remote(invoices=(5,))], [LINK])
    assert isinstance(restored, Freeze)
    settled = local(EntryStatus.INVOICED)
    assert one([settled], [remote(invoices=(5,))], [LINK]) is None
    # An open conflict does not keep an entry from being frozen.
    assert isinstance(one([local()], [remote(invoices=(5,))], [LINK], ("e1",)), Freeze)


def test_unrelease_and_local_delete_remove_from_mycase() -> None:
    unreleased = one([local(EntryStatus.DRAFT)], [remote()], [LINK])
    assert isinstance(unreleased, DeleteRemote) and unreleased.unrelease
    gone = one([], [remote()], [LINK])
    assert isinstance(gone, DeleteRemote) and not gone.unrelease


def test_deleted_in_mycase() -> None:
    assert isinstance(one([local()], [], [LINK]), PullDelete)
    assert isinstance(one([local(description="edited")], [], [LINK]), Conflict)
    assert isinstance(one([local(EntryStatus.DRAFT)], [], [LINK]), Unlink)
    assert isinstance(one([], [], [LINK]), Unlink)


def test_conflicted_entries_wait_for_the_user() -> None:
    assert one([local(description="mine")], [remote(description="x")], [LINK], ("e1",)) is None


def test_custom_policy_is_injected() -> None:
    base = SyncFields.of_remote(remote())
    mine = SyncFields.of_entry(local(description="mine"))
    theirs = SyncFields.of_remote(remote(description="theirs"))
    merged, ask = merge(base, mine, theirs, lambda field: Side.LOCAL)
    assert merged is not None and merged.description == "mine" and not ask


def test_deletion_guard() -> None:
    guard = DeletionGuard(fraction=0.5, floor=10)
    assert guard.allows(10, 11) and guard.allows(50, 100)
    assert not guard.allows(51, 100)


def test_an_unreleased_draft_keeps_its_own_edit_when_mycase_edited_too() -> None:
    # Edited here (narrative), unreleased, and edited in MyCase (hours): the draft
    # takes MyCase's hours and keeps its narrative; the delete comes next round.
    draft = local(EntryStatus.DRAFT, description="mine")
    pulled = one([draft], [remote(hours=Decimal("0.5"))], [LINK])
    assert isinstance(pulled, PullEdit)
    assert pulled.fields.description == "mine" and pulled.fields.hours == Decimal("0.5")
    # Both changed the narrative: nothing is overwritten, the user is asked.
    asked = one([draft], [remote(description="theirs")], [LINK])
    assert isinstance(asked, Conflict) and asked.fields == ("description",)
    assert asked.local is not None and asked.local.description == "mine"
    # Not edited here: the draft simply takes MyCase's edit.
    plain = one([local(EntryStatus.DRAFT)], [remote(description="theirs")], [LINK])
    assert isinstance(plain, PullEdit) and plain.fields.description == "theirs"
