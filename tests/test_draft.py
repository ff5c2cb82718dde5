from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from factories import T0, make_matter, make_span, make_staff

from pipeline.activities import activity_name
from pipeline.draft import DraftContext, draft_day
from pipeline.grouping import worked_seconds
from pipeline.narrative import make_environment
from pipeline.rates import resolve_rate
from tenths.errors import StoreError
from tenths.records import Attribution, EntryStatus, MatterStaff

NAMES = ["Email", "Draft/Revise", "Legal Research", "Telephone Call", "Meeting", "Other"]


def test_overlapping_spans_are_not_counted_twice():
    a = make_span(1, minutes=10, offset_min=0)
    b = make_span(2, minutes=10, offset_min=5)  # overlaps the last 5 minutes of a
    assert worked_seconds([a, b]) == {"s1": 600, "s2": 300}


def test_rate_prefers_case_rate_then_staff_then_firm():
    staff = make_staff(7, rate="300")
    with_case_rate = make_matter(1, "A v. B", staff=(MatterStaff(7, True, False, Decimal("425")),))
    assert resolve_rate(with_case_rate, staff, Decimal("250")) == Decimal("425")
    assert resolve_rate(make_matter(2, "C v. D"), staff, Decimal("250")) == Decimal("300")
    assert resolve_rate(make_matter(2, "C v. D"), make_staff(7, rate=None), Decimal("250")) == Decimal("250")


def test_activity_names_follow_the_firms_list():
    assert activity_name("communicate", NAMES, "email") == "Email"
    assert activity_name("research", NAMES) == "Legal Research"
    assert activity_name("communicate", NAMES, "call") == "Telephone Call"
    assert activity_name("draft", ["Correspondence", "Drafting"]) == "Drafting"
    assert activity_name("communicate", ["Meeting", "Client Conference"], "meeting",
                         "client") == "Client Conference"


def test_a_day_drafts_one_entry_per_matter_whose_narrative_joins_its_tasks():
    matter = make_matter(1, "Okafor v. Brightline Logistics, Inc.")
    spans = [
        make_span(1, minutes=8, window_title="RE: Deposition dates - Message (HTML)"),
        make_span(2, minutes=5, window_title="RE: Deposition dates - Message (HTML)"),
        make_span(3, minutes=20, kind="document", app="Microsoft Word",
                  window_title="Demand Letter_v3.docx - Word", path="C:\\M\\Demand Letter_v3.docx"),
        make_span(4, minutes=30, kind="browser", app="Chrome", window_title="news",
                  url="https://news.example.test"),
    ]
    attributions = {
        "s1": Attribution("s1", 1, 0.9, False, True),
        "s2": Attribution("s2", 1, 0.9, False, True),
        "s3": Attribution("s3", 1, 0.9, False, True),
        "s4": Attribution("s4", None, 0.9, False, False),  # personal: never billed
    }
    ctx = DraftContext({1: matter}, {7: make_staff()}, NAMES, Decimal("250"), make_environment())
    (entry,) = draft_day(7, date(2026, 11, 2), spans, attributions, ctx, T0)
    assert entry.worked_seconds == 33 * 60
    assert entry.hours == Decimal("0.60")  # 33 minutes, rounded up once, for the entry
    assert entry.activity_name == "Draft/Revise"  # most of the time went to the letter
    assert "Deposition dates" in entry.description
    assert "Demand Letter" in entry.description and "v3" not in entry.description
    assert entry.description.count(";") == 1  # two tasks, two clauses
    assert entry.rate == Decimal("300")
    assert entry.activity_code == "A103" and entry.task_code
    # Drafting the same day again gives the same ids: re-drafting is idempotent.
    again = draft_day(7, date(2026, 11, 2), spans, attributions, ctx, T0 + timedelta(hours=1))
    assert [e.id for e in again] == [entry.id]
    assert isinstance(entry.updated_at, datetime)


def _day_ctx():
    matter = make_matter(1, "Okafor v. Brightline Logistics, Inc.")
    return DraftContext({1: matter}, {7: make_staff()}, NAMES, Decimal("250"), make_environment())


def test_drafting_a_day_again_never_touches_a_released_or_synced_entry(store):
    day = date(2026, 11, 2)
    ctx = _day_ctx()
    morning = [make_span(1, minutes=24, window_title="RE: Deposition dates - Message (HTML)")]
    said = {"s1": Attribution("s1", 1, 0.9, False, True)}
    (first,) = draft_day(7, day, morning, said, ctx, T0)
    store.entries.replace_drafts(7, day, [first])
    synced = first.replace(status=EntryStatus.SYNCED, remote_id=5001)
    store.entries.save([synced])

    # Later the same day: another 15 minutes of mail on the same matter, and the service
    # drafts the whole day again.
    later = [*morning, make_span(2, minutes=15, offset_min=60,
                                 window_title="RE: Deposition dates - Message (HTML)")]
    said["s2"] = Attribution("s2", 1, 0.9, False, True)
    existing = store.entries.list(user=7, day=day)
    again = draft_day(7, day, later, said, ctx, T0 + timedelta(hours=2), existing=existing)
    store.entries.replace_drafts(7, day, again)

    kept = store.entries.get(first.id)
    assert kept == synced  # untouched: still synced, same hours and MyCase id
    (new,) = again
    assert new.id != first.id and new.span_ids == ("s2",)  # the new work is a new draft
    assert new.hours == Decimal("0.30")
    assert {e.status for e in store.entries.list(user=7, day=day)} == {
        EntryStatus.SYNCED, EntryStatus.DRAFT}


def test_a_draft_may_never_overwrite_an_entry_the_lawyer_released(store):
    day = date(2026, 11, 2)
    spans = [make_span(1, minutes=24)]
    (draft,) = draft_day(7, day, spans, {"s1": Attribution("s1", 1, 0.9, False, True)},
                         _day_ctx(), T0)
    store.entries.save([draft.replace(status=EntryStatus.RELEASED)])
    with pytest.raises(StoreError):
        store.entries.replace_drafts(7, day, [draft])
    assert store.entries.get(draft.id).status == EntryStatus.RELEASED


def test_drafting_a_day_again_keeps_a_draft_the_lawyer_edited(store):
    day = date(2026, 11, 2)
    ctx = _day_ctx()
    spans = [make_span(1, minutes=24)]
    said = {"s1": Attribution("s1", 1, 0.9, False, True)}
    (draft,) = draft_day(7, day, spans, said, ctx, T0)
    store.entries.replace_drafts(7, day, [draft])
    mine = draft.replace(description="Prepare for deposition of Ms. Baxter.", edited=True)
    store.entries.save([mine])
    spans.append(make_span(2, minutes=12, offset_min=90))
    said["s2"] = Attribution("s2", 1, 0.9, False, True)
    again = draft_day(7, day, spans, said, ctx, T0 + timedelta(hours=2),
                      existing=store.entries.list(user=7, day=day))
    store.entries.replace_drafts(7, day, again)
    assert store.entries.get(draft.id) == mine
    assert [e.span_ids for e in again] == [("s2",)]
