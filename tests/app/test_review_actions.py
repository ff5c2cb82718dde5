"""Review actions on a stored day: each changes what it says, in one transaction, records
the corrections attribution learns from, and is taken back by undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from review_support import DAY, desk, draft, seed

from app.review import NotEditable, NothingToUndo, ReviewError, journal
from app.review.actions import (
    EntryEdit,
    add_entry,
    answer_flag,
    edit_entry,
    merge_entries,
    release,
    release_day,
    split_entry,
    undo,
    unrelease,
)
from tenths.records import REVIEWED, EntryStatus
from tenths.store import Store


@pytest.fixture
def day(store: Store) -> Store:
    seed(store)
    return store


def test_editing_hours_activity_and_narrative_marks_the_entry_edited(day: Store) -> None:
    out = edit_entry(desk(day), "e-chen", EntryEdit(hours=Decimal("0.4"), activity_name="Email",
                                                    description="Revise motion to compel."))
    got = day.entries.get("e-chen")
    assert got == out.entries[0]
    assert (got.hours, got.activity_name, got.description, got.edited) == (
        Decimal("0.40"), "Email", "Revise motion to compel.", True)
    assert day.activity.corrections(7) == []  # no matter changed: nothing to learn


def test_changing_the_matter_records_a_correction_per_span_and_undo_takes_them_back(
    day: Store,
) -> None:
    edit_entry(desk(day), "e-ortiz", EntryEdit(case_id=1))
    moved = day.entries.get("e-ortiz")
    assert moved.case_id == 1 and moved.edited
    corrections = day.activity.corrections(7)
    assert sorted(c.span_id for c in corrections) == ["s4", "s5"]
    assert {(c.from_case_id, c.to_case_id) for c in corrections} == {(2, 1)}
    decided = day.activity.attributions(["s4", "s5"])
    assert all(a.case_id == 1 and a.model_version == REVIEWED for a in decided.values())

    undo(desk(day, 1))
    assert day.activity.corrections(7) == []
    assert len(day.activity.corrections(7, include_undone=True)) == 2
    back = day.entries.get("e-ortiz")
    assert back.case_id == 2 and not back.edited
    assert {a.case_id for a in day.activity.attributions(["s4", "s5"]).values()} == {2}


def test_a_matter_not_in_the_case_list_is_refused_and_nothing_changes(day: Store) -> None:
    with pytest.raises(ReviewError, match="matter 99"):
        edit_entry(desk(day), "e-chen", EntryEdit(case_id=99))
    assert day.entries.get("e-chen").case_id == 1 and journal.changes(day, 7) == []


def test_split_by_spans_drafts_each_part_from_its_own_spans(day: Store) -> None:
    out = split_entry(desk(day), "e-chen", span_ids=["s3"])
    first, second = out.entries
    assert first.id == "e-chen" and first.span_ids == ("s1", "s2")
    assert second.span_ids == ("s3",) and second.case_id == 1
    assert (first.worked_seconds, second.worked_seconds) == (720, 360)
    assert (first.hours, second.hours) == (Decimal("0.20"), Decimal("0.10"))
    assert first.edited and second.edited
    assert first.description and second.description

    undo(desk(day, 1))
    assert [e.id for e in day.entries.list(user=7, day=DAY) if e.case_id == 1] == ["e-chen"]
    assert day.entries.get("e-chen").span_ids == ("s1", "s2", "s3")


def test_split_by_hours_makes_a_second_entry_without_spans(day: Store) -> None:
    first, second = split_entry(desk(day), "e-chen", hours=Decimal("0.1")).entries
    assert (first.hours, second.hours) == (Decimal("0.20"), Decimal("0.10"))
    assert first.worked_seconds + second.worked_seconds == 1080 and second.span_ids == ()


@pytest.mark.parametrize("kw", [{"span_ids": ["s1", "s2", "s3"]}, {"span_ids": ["s4"]},
                                {"hours": Decimal("0.3")}, {}])
def test_a_split_that_leaves_nothing_on_one_side_is_refused(day: Store, kw: dict) -> None:
    with pytest.raises(ReviewError):
        split_entry(desk(day), "e-chen", **kw)


def test_merge_joins_drafts_of_one_matter_and_day_and_undo_puts_them_back(day: Store) -> None:
    a, b = split_entry(desk(day), "e-chen", span_ids=["s3"]).entries
    merged = merge_entries(desk(day, 1), [a.id, b.id]).entries[0]
    assert merged.id == "e-chen" and merged.span_ids == ("s1", "s2", "s3")
    assert merged.hours == Decimal("0.30") and day.entries.get(b.id) is None
    undo(desk(day, 2))
    assert day.entries.get(b.id) is not None and day.entries.get("e-chen").span_ids == ("s1", "s2")


def test_merging_entries_of_two_matters_is_refused(day: Store) -> None:
    with pytest.raises(ReviewError, match="share matter"):
        merge_entries(desk(day), ["e-chen", "e-ortiz"])


def test_merge_of_a_manual_entry_sums_worked_time_and_joins_narratives(day: Store) -> None:
    manual = add_entry(desk(day), DAY, 2, Decimal("0.5"), "Meeting", "Confer with client.").entries[0]
    merged = merge_entries(desk(day, 1), ["e-ortiz", manual.id]).entries[0]
    assert merged.worked_seconds == 720 + 1800 and merged.hours == Decimal("0.70")
    assert merged.description == "Review inventory; confer with client."


def test_a_manual_entry_is_an_edited_draft_at_the_matters_rate(day: Store) -> None:
    entry = add_entry(desk(day), DAY, 2, Decimal("0.25"), "Travel", "Travel to court.").entries[0]
    assert entry.status is EntryStatus.DRAFT and entry.edited and entry.span_ids == ()
    assert entry.hours == Decimal("0.25") and entry.rate == Decimal("300")
    undo(desk(day, 1))
    assert day.entries.get(entry.id) is None


def test_answering_a_flag_records_corrections_then_drafts_the_day_again(day: Store) -> None:
    drafted = []
    out = answer_flag(desk(day, redraft=drafted.append), DAY, ["s6"], 2)
    assert drafted == [DAY]
    (c,) = day.activity.corrections(7)
    assert (c.span_id, c.from_case_id, c.to_case_id) == ("s6", None, 2)
    assert day.activity.attributions(["s6"])["s6"].case_id == 2
    assert out.change.redraft
    undo(desk(day, 1, redraft=drafted.append))
    assert drafted == [DAY, DAY] and day.activity.corrections(7) == []
    assert day.activity.attributions(["s6"])["s6"].abstained


def test_answering_a_flag_with_no_matter_is_a_correction_to_none(day: Store) -> None:
    answer_flag(desk(day), DAY, ["s6"], None)
    (c,) = day.activity.corrections(7)
    assert c.to_case_id is None
    a = day.activity.attributions(["s6"])["s6"]
    assert a.case_id is None and not a.abstained and not a.billable


def test_release_one_and_release_all_and_unrelease(day: Store) -> None:
    release(desk(day), ["e-chen"])
    assert day.entries.get("e-chen").status is EntryStatus.RELEASED
    release_day(desk(day, 1), DAY)
    assert {e.status for e in day.entries.list(user=7)} == {EntryStatus.RELEASED}
    unrelease(desk(day, 2), "e-chen")
    back = day.entries.get("e-chen")
    assert back.status is EntryStatus.DRAFT and back.edited
    undo(desk(day, 3))
    assert day.entries.get("e-chen").status is EntryStatus.RELEASED
    undo(desk(day, 4))
    assert day.entries.get("e-ortiz").status is EntryStatus.DRAFT


def test_a_zero_hour_draft_is_not_released(day: Store) -> None:
    day.entries.save([draft("e-zero", 2, ("s5",), 20, "0.00", "Review.")])
    with pytest.raises(ReviewError, match="0 h"):
        release(desk(day), ["e-zero"])
    assert release_day(desk(day), DAY).entries  # release all leaves it as a draft
    assert day.entries.get("e-zero").status is EntryStatus.DRAFT


def test_undoing_a_release_that_synced_since_unreleases_it(day: Store) -> None:
    release(desk(day), ["e-chen"])
    synced = day.entries.get("e-chen").replace(status=EntryStatus.SYNCED, remote_id=501)
    day.entries.save([synced])
    undo(desk(day, 1))
    got = day.entries.get("e-chen")
    assert got.status is EntryStatus.DRAFT and got.edited  # the next sync deletes it remotely


def test_an_edit_overtaken_by_an_invoice_is_not_undone(day: Store) -> None:
    edit_entry(desk(day), "e-chen", EntryEdit(hours=Decimal("0.5")))
    day.entries.save([day.entries.get("e-chen").replace(status=EntryStatus.INVOICED,
                                                        updated_at=day.entries.get("e-chen").updated_at.replace(year=2027))])
    with pytest.raises(NothingToUndo, match="changed since"):
        undo(desk(day, 1))


def test_invoiced_entries_are_frozen_and_released_ones_must_be_unreleased_to_split(
    day: Store,
) -> None:
    day.entries.save([day.entries.get("e-chen").replace(status=EntryStatus.INVOICED)])
    with pytest.raises(NotEditable):
        edit_entry(desk(day), "e-chen", EntryEdit(hours=Decimal("1")))
    release(desk(day), ["e-ortiz"])
    with pytest.raises(NotEditable, match="unrelease"):
        split_entry(desk(day, 1), "e-ortiz", hours=Decimal("0.1"))


def test_undo_with_an_empty_journal_says_so(day: Store) -> None:
    with pytest.raises(NothingToUndo):
        undo(desk(day))


def test_the_journal_keeps_the_last_changes_only(day: Store) -> None:
    for minute in range(journal.DEPTH + 3):
        edit_entry(desk(day, minute), "e-chen", EntryEdit(hours=Decimal(minute % 5 + 1)))
    assert len(journal.changes(day, 7)) == journal.DEPTH


def test_another_users_entry_is_not_found(day: Store) -> None:
    day.entries.save([draft("e-other", 1, (), 60, "0.1", "Theirs.").replace(user=8)])
    with pytest.raises(ReviewError, match="not found"):
        release(desk(day), ["e-other"])


def test_an_edited_draft_survives_drafting_the_day_again(day: Store) -> None:
    from app.day import refresh_day
    from tenths.settings import Settings

    edit_entry(desk(day), "e-chen", EntryEdit(description="Revise motion to compel."))
    refresh_day(day, 7, DAY, Settings(), now=desk(day, 1).now, encoder=None)
    kept = day.entries.get("e-chen")
    assert kept.description == "Revise motion to compel." and kept.edited
    others = [e for e in day.entries.list(user=7, day=DAY) if e.id != "e-chen"]
    assert not {s for e in others for s in e.span_ids} & set(kept.span_ids)


def test_split_and_merge_keep_the_words_a_person_wrote(day: Store) -> None:
    edit_entry(desk(day), "e-chen", EntryEdit(description="Revise motion to compel."))
    first, second = split_entry(desk(day, 1), "e-chen", span_ids=["s3"]).entries
    assert first.description == "Revise motion to compel."
    merged = merge_entries(desk(day, 2), [first.id, second.id]).entries[0]
    assert merged.description.startswith("Revise motion to compel;")
    assert merged.worked_seconds == 1080 and merged.hours == Decimal("0.30")


def test_a_write_down_survives_a_split_and_a_merge(day: Store) -> None:
    edit_entry(desk(day), "e-chen", EntryEdit(hours=Decimal("0.2")))
    first, second = split_entry(desk(day, 1), "e-chen", span_ids=["s3"]).entries
    assert (first.hours, second.hours) == (Decimal("0.10"), Decimal("0.10"))
    merged = merge_entries(desk(day, 2), [first.id, second.id]).entries[0]
    assert merged.hours == Decimal("0.20")


def test_joined_narratives_keep_each_clause_once_and_read_as_one_sentence() -> None:
    from app.review.actions import joined

    assert joined(["Review motion; Confer with client.", "Draft and revise brief; review motion.",
                   "Judge Alvarez hearing; LA Court Case Access."]) == (
        "Review motion; confer with client; draft and revise brief; Judge Alvarez hearing; "
        "LA Court Case Access.")
