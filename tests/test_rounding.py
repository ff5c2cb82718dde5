"""Grouping and rounding at the edges: midnight, overlaps, idle cuts, 0.1 against 0.25,
up against nearest, the minimum entry, and the never-more-than-worked bound."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from factories import T0, make_matter, make_span, make_staff
from hypothesis import given
from hypothesis import strategies as st

from pipeline.draft import DraftContext, draft_day
from pipeline.narrative import make_environment
from pipeline.rounding import RoundingRule, billed_hours, ceiling_hours, within_bound
from tenths.errors import SettingsError
from tenths.records import Attribution
from tenths.settings import BillingSettings

NAMES = ["Email", "Draft/Revise", "Legal Research", "Telephone Call", "Meeting", "Other"]
DAY = date(2026, 11, 2)
TENTH_UP = RoundingRule(Decimal("0.1"), "up", Decimal("0.1"))


def _ctx(**billing: object) -> DraftContext:
    matters = {1: make_matter(1, "Okafor v. Brightline Logistics, Inc."),
               2: make_matter(2, "Chen v. Park")}
    return DraftContext(matters, {7: make_staff()}, NAMES, Decimal("250"), make_environment(),
                        BillingSettings(**billing))  # type: ignore[arg-type]


def _on(case_id: int | None, *spans, billable: bool = True) -> dict[str, Attribution]:
    return {s.id: Attribution(s.id, case_id, 0.9, False, billable) for s in spans}


# -- rounding ------------------------------------------------------------------


def test_a_tenth_up_covers_the_minutes_and_no_more():
    assert billed_hours(6 * 60, TENTH_UP) == Decimal("0.10")
    assert billed_hours(6 * 60 + 1, TENTH_UP) == Decimal("0.20")
    assert billed_hours(84 * 60, TENTH_UP) == Decimal("1.40")  # Chen v. Park: 25 + 45 + 14


def test_a_quarter_hour_up_and_to_nearest():
    up = RoundingRule(Decimal("0.25"), "up", Decimal("0"))
    nearest = RoundingRule(Decimal("0.25"), "nearest", Decimal("0"))
    assert billed_hours(16 * 60, up) == Decimal("0.50")
    assert billed_hours(16 * 60, nearest) == Decimal("0.25")
    assert billed_hours(23 * 60, nearest) == Decimal("0.50")  # 0.383 h: nearer 0.5
    assert billed_hours(22 * 60, nearest) == Decimal("0.25")  # 0.367 h: nearer 0.25


def test_the_same_minutes_in_tenths_and_in_quarters():
    minutes = 20 * 60
    assert billed_hours(minutes, TENTH_UP) == Decimal("0.40")
    assert billed_hours(minutes, RoundingRule(Decimal("0.25"), "up", Decimal("0"))) == Decimal("0.50")


def test_nearest_never_rounds_an_entry_to_nothing():
    nearest = RoundingRule(Decimal("0.1"), "nearest", Decimal("0"))
    assert billed_hours(90, nearest) == Decimal("0.10")  # 1.5 minutes: one tenth, not 0.00


def test_a_minimum_entry_is_capped_by_the_bound():
    rule = RoundingRule(Decimal("0.1"), "up", Decimal("0.3"))
    assert billed_hours(12 * 60, rule) == Decimal("0.20")  # not 0.3: 0.1 h above 12 minutes
    assert billed_hours(30 * 60, rule) == Decimal("0.50")
    nearest = RoundingRule(Decimal("0.1"), "nearest", Decimal("0.2"))
    assert billed_hours(7 * 60, nearest) == Decimal("0.20")  # minimum applies within the cap


def test_bad_rounding_rules_are_refused():
    with pytest.raises(SettingsError):
        RoundingRule(Decimal("0"), "up", Decimal("0"))
    with pytest.raises(SettingsError):
        RoundingRule(Decimal("0.1"), "sideways", Decimal("0"))


@given(
    seconds=st.integers(min_value=1, max_value=12 * 3600),
    increment=st.sampled_from([Decimal("0.1"), Decimal("0.25")]),
    mode=st.sampled_from(["up", "nearest"]),
    minimum=st.sampled_from([Decimal("0"), Decimal("0.1"), Decimal("0.25"), Decimal("1")]),
)
def test_no_entry_bills_an_increment_above_the_minutes_worked(seconds, increment, mode, minimum):
    hours = billed_hours(seconds, RoundingRule(increment, mode, minimum))
    worked = Decimal(seconds) / 3600
    assert hours > 0
    assert hours - worked < increment  # ABA 93-379: never a whole increment over
    assert hours <= ceiling_hours(seconds, increment)
    assert within_bound(seconds, hours, increment)


# -- grouping at the edges -----------------------------------------------------


def test_a_span_over_midnight_belongs_whole_to_the_day_it_started():
    late = datetime(2026, 11, 3, 7, 40, tzinfo=UTC)  # 23:40 in Los Angeles on Nov 2
    span = make_span(1, start=late, end=late + timedelta(minutes=50))
    after_midnight = make_span(2, start=late + timedelta(minutes=60),
                               end=late + timedelta(minutes=70))
    said = _on(1, span, after_midnight)
    (entry,) = draft_day(7, DAY, [span, after_midnight], said, _ctx(), T0)
    assert entry.span_ids == ("s1",) and entry.worked_seconds == 50 * 60
    assert entry.hours == Decimal("0.90")
    (next_day,) = draft_day(7, date(2026, 11, 3), [span, after_midnight], said, _ctx(), T0)
    assert next_day.span_ids == ("s2",)


def test_overlapping_spans_on_two_matters_count_their_minutes_once():
    call = make_span(1, minutes=20, offset_min=0, kind="call", app="RingCentral",
                     window_title="Call with Dana Okafor")
    doc = make_span(2, minutes=20, offset_min=10, kind="document", app="Microsoft Word",
                    window_title="Lease Review.docx - Word")
    said = {**_on(1, call), **_on(2, doc)}
    entries = draft_day(7, DAY, [call, doc], said, _ctx(), T0)
    assert sum(e.worked_seconds for e in entries) == 30 * 60  # 0:00-0:30, not 40 minutes
    assert {e.case_id: e.worked_seconds for e in entries} == {1: 20 * 60, 2: 10 * 60}


def test_an_idle_cut_inside_a_block_is_not_billed():
    # Capture cut 25 idle minutes out of an hour at the same document: two spans.
    before = make_span(1, minutes=20, offset_min=0, kind="document", app="Microsoft Word",
                       window_title="Demand Letter.docx - Word")
    after = make_span(2, minutes=15, offset_min=45, kind="document", app="Microsoft Word",
                      window_title="Demand Letter.docx - Word")
    (entry,) = draft_day(7, DAY, [before, after], _on(1, before, after), _ctx(), T0)
    assert entry.worked_seconds == 35 * 60 and entry.hours == Decimal("0.60")


def test_rounding_happens_once_per_entry_not_per_span():
    spans = [make_span(i, minutes=7, offset_min=i * 10, window_title="RE: Deposition dates")
             for i in range(1, 4)]
    (entry,) = draft_day(7, DAY, spans, _on(1, *spans), _ctx(), T0)
    assert entry.hours == Decimal("0.40")  # 21 minutes; per span it would be 0.6


def test_quarter_hours_and_nearest_come_from_the_settings():
    spans = [make_span(1, minutes=16)]
    (up,) = draft_day(7, DAY, spans, _on(1, *spans), _ctx(increment_hours=Decimal("0.25")), T0)
    (near,) = draft_day(7, DAY, spans, _on(1, *spans),
                        _ctx(increment_hours=Decimal("0.25"), rounding="nearest"), T0)
    assert (up.hours, near.hours) == (Decimal("0.50"), Decimal("0.25"))


def test_a_short_task_folds_into_its_neighbour_and_no_entry_is_zero():
    doc = make_span(1, minutes=30, offset_min=0, kind="document", app="Microsoft Word",
                    window_title="Motion to Compel.docx - Word")
    glance = make_span(2, minutes=1.5, offset_min=31, kind="browser", app="Google Chrome",
                       window_title="Docket - Google Chrome", url="https://court.example.test/d")
    (entry,) = draft_day(7, DAY, [doc, glance], _on(1, doc, glance), _ctx(), T0)
    assert entry.span_ids == ("s1", "s2") and ";" not in entry.description
    lone = make_span(3, minutes=2)
    (small,) = draft_day(7, DAY, [lone], _on(2, lone), _ctx(), T0)
    assert small.hours == Decimal("0.10")


def test_per_task_entries_for_a_client_that_forbids_block_billing():
    chen = make_matter(2, "Chen v. Park", client_ids=(55,))
    review = make_span(1, minutes=25, offset_min=0, kind="document", app="Adobe Acrobat",
                       window_title="Motion to Dismiss.pdf - Adobe Acrobat Pro")
    redline = make_span(2, minutes=45, offset_min=30, kind="document", app="Microsoft Word",
                        window_title="Settlement Agreement_redline.docx - Word")
    call = make_span(3, minutes=14, offset_min=80, kind="call", app="RingCentral",
                     window_title="Call with Jordan Chen")
    said = _on(2, review, redline, call)
    ctx = _ctx()
    ctx = replace(ctx, matters={**ctx.matters, 2: chen})
    (block,) = draft_day(7, DAY, [review, redline, call], said, ctx, T0)
    assert block.hours == Decimal("1.40") and block.description.count(";") == 2
    per_task = replace(ctx, billing=BillingSettings(per_task_clients=("55",)))
    entries = draft_day(7, DAY, [review, redline, call], said, per_task, T0)
    assert sorted(e.hours for e in entries) == [Decimal("0.30"), Decimal("0.50"), Decimal("0.80")]
    assert len({e.id for e in entries}) == 3


def test_non_billable_time_is_kept_apart_or_dropped():
    work = make_span(1, minutes=20)
    invoice_question = make_span(2, minutes=10, offset_min=40, window_title="Question about invoice")
    said = {**_on(1, work), **_on(1, invoice_question, billable=False)}
    kept = draft_day(7, DAY, [work, invoice_question], said, _ctx(), T0)
    assert sorted((e.billable, e.worked_seconds) for e in kept) == [(False, 600), (True, 1200)]
    dropped = draft_day(7, DAY, [work, invoice_question], said, _ctx(nonbillable="drop"), T0)
    assert [(e.billable, e.worked_seconds) for e in dropped] == [(True, 1200)]
    personal = make_span(3, minutes=30, offset_min=60, kind="browser", app="Google Chrome",
                         window_title="Scores", url="https://sports.example.test")
    assert all("s3" not in e.span_ids
               for e in draft_day(7, DAY, [personal], _on(None, personal, billable=False),
                                  _ctx(), T0))
