"""Why each entry is on its matter, in a person's words; the day's flags, excluded
stretches (times only) and totals."""

from __future__ import annotations

from datetime import timedelta

from factories import T0, make_span
from review_support import CHEN, DAY, NOW, desk, seed

from app.review.actions import EntryEdit, add_entry, edit_entry
from app.review.explain import Teachers, phrase
from app.review.view import day_view
from tenths.records import Attribution, Correction
from tenths.store import Store

TZ = "America/Los_Angeles"


def view(store: Store, **kw: object):  # noqa: ANN201
    return day_view(store, 7, DAY, TZ, now=NOW, **kw)


def test_reasons_read_as_a_person_would_say_them_best_cue_first(store: Store) -> None:
    seed(store)
    chen = next(e for e in view(store).entries if e.id == "e-chen")
    assert chen.why == ("docket number 24STCV61783 on screen",
                        "you are on this matter's team")
    ortiz = next(e for e in view(store).entries if e.id == "e-ortiz")
    assert ortiz.why == ("Marta Ortiz named on screen", "the work around it was on this matter")


def test_a_learned_cue_cites_the_correction_that_taught_it() -> None:
    taught = Teachers.of([Correction("c1", "s9", 7, None, CHEN.id, T0 - timedelta(days=1))])
    said = phrase("alias:email", CHEN, make_span(1), taught, NOW, with_text=False)
    assert said == "an email address on screen, learned from your correction on Nov 1"
    assert phrase("memory", CHEN, make_span(1), Teachers.of([]), NOW, False) == (
        "like work you put on this matter (learned from your earlier work)")


def test_with_text_the_reason_names_whose_address_is_on_screen(store: Store) -> None:
    span = make_span(1, text="From: lena@chen.test")
    said = phrase("id:email", CHEN, span, Teachers.of([]), NOW, with_text=True)
    assert said == "email address of Lena Chen (client) on screen"


def test_a_moved_entry_says_you_put_it_there_and_a_manual_one_was_added_by_hand(
    store: Store,
) -> None:
    seed(store)
    edit_entry(desk(store), "e-ortiz", EntryEdit(case_id=1))
    add_entry(desk(store, 1), DAY, 2, 0.5, "Travel", "Travel to court.")  # type: ignore[arg-type]
    by_id = {e.id: e for e in view(store).entries}
    assert by_id["e-ortiz"].why == ("you put it here on Nov 2",)
    assert [e.why for e in by_id.values() if not e.spans] == [("added by hand",)]


def test_flags_group_spans_that_weigh_the_same_matters(store: Store) -> None:
    seed(store)
    extra = make_span(7, kind="browser", app="Chrome", window_title="News")
    store.activity.add_spans([extra])
    store.activity.save_attributions([Attribution("s7", None, 0.3, True, True, ("which matter?",),
                                                  "v1", ((1, 0.2), (2, 0.45), (None, 0.35)))])
    (flag,) = view(store).flags
    assert flag.span_ids == ("s6", "s7") and flag.minutes == 12.0
    assert [(s.matter, s.probability) for s in flag.suggestions] == [
        ("Chen v. Park", 0.3), ("Ortiz Estate", 0.4), ("No matter", 0.3)]


def test_excluded_stretches_show_times_only_and_are_not_captured_time(store: Store) -> None:
    seed(store)
    store.activity.add_spans([make_span(9, app="excluded", kind="app", window_title="",
                                        minutes=30)])
    day = view(store)
    (stretch,) = day.excluded
    assert (stretch.start.hour, stretch.start.minute) == (10, 30)  # Los Angeles
    assert set(vars(stretch)) == {"start", "end"}
    assert day.totals.captured_hours == day_view(store, 7, DAY, TZ, now=NOW).totals.captured_hours
    assert str(day.totals.captured_hours) == "0.60"


def test_totals_count_drafted_and_released_hours(store: Store) -> None:
    from app.review.actions import release

    seed(store)
    release(desk(store), ["e-chen"])
    totals = view(store).totals
    assert (str(totals.drafted_hours), str(totals.released_hours), totals.drafts,
            totals.released) == ("0.50", "0.30", 1, 1)
