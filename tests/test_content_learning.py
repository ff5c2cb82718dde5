"""Reviewed spans teach the content learner, and its guesses reach attribution."""

from datetime import timedelta

from factories import T0, make_span, make_staff
from laptop import BRIGHT, HOLLIS, MATTERS, OKAFOR, Laptop, correction

from pipeline.attribute import attribute_day
from pipeline.history import accept_reviewed, fit
from pipeline.knowledge import Reviewed
from pipeline.review import correct
from tenths.records import Attribution
from tenths.store import Store

# Work whose screens name no party, number or address: only its words say which matter.
SOIL = "geotechnical soil boring report for the retaining wall"
PROBATE = "inventory and appraisal of household furniture and jewellery"
LUNCH = "lunch menu sandwiches delivery order"
NEXT_DAY = T0 + timedelta(days=1)


def _day_one() -> list:
    return [make_span(1, window_title="Notes", text=SOIL),
            make_span(2, window_title="Notes", text=PROBATE),
            make_span(3, kind="browser", app="Chrome", window_title="Order", text=LUNCH)]


def test_reviewed_spans_make_the_learners_likeliest_matter_a_candidate():
    laptop = Laptop()
    day = _day_one()
    laptop.attribute_day(day)
    laptop.knowledge = laptop.knowledge.learn(
        [Reviewed(day[0], 1), Reviewed(day[1], 2), Reviewed(day[2], None)])
    later = make_span(4, offset_min=60 * 24, window_title="Notes", text=SOIL)
    assert not laptop.evidence(later).scores  # nothing on it names a matter
    laptop.attribute_day([later])
    assert laptop.row("s4", 1) is not None
    [guess] = laptop.knowledge.content.guess([later])
    assert guess.top(1) == [1]


def test_a_correction_teaches_the_learner_and_its_undo_forgets():
    laptop = Laptop()
    day = _day_one()
    laptop.attribute_day(day)
    laptop.knowledge = laptop.knowledge.learn([Reviewed(day[2], None)])
    fix = correction(day[0], 3)
    laptop.learn(day[0], fix)
    assert laptop.knowledge.content.examples["s1"].label == 3
    laptop.unlearn(fix)
    assert not laptop.knowledge.content.knows("s1")


def test_days_before_today_teach_their_accepted_decisions_only(tmp_path):
    with Store.open(tmp_path / "user-7.duckdb") as store:
        store.catalog.save_staff([make_staff()])
        store.catalog.save_contacts([OKAFOR, BRIGHT, HOLLIS])
        store.catalog.save_matters(MATTERS)
        day = _day_one()
        today = make_span(9, offset_min=60 * 24, window_title="Notes", text=SOIL)
        store.activity.add_spans([*day, today])
        store.activity.save_attributions([
            Attribution("s1", 1, 0.97, False, True, ("reason",), "v"),  # left alone: accepted
            Attribution("s2", None, 0.4, True, True, ("which matter?",), "v"),  # a flag
            Attribution("s3", None, 0.9, False, False, ("no matter evidence",), "v"),
            Attribution("s9", 1, 0.9, False, True, ("reason",), "v"),  # today: not yet reviewed
        ])
        correct(store, day[1], None, 2, T0 + timedelta(hours=8))  # set at review
        laptop = Laptop()
        knowledge = accept_reviewed(store, 7, fit(store, 7, laptop.engine),
                                    NEXT_DAY.replace(hour=0, minute=0))
        content = knowledge.content
        assert content.examples["s1"].label == 1 and content.examples["s3"].label == -1
        assert content.knows("s2")  # from its correction, through fit
        assert not content.knows("s9")
        # Asked again, it teaches nothing twice.
        again = accept_reviewed(store, 7, knowledge, NEXT_DAY.replace(hour=0, minute=0))
        assert again.content.examples.keys() == content.examples.keys()


def test_acceptance_reads_on_from_where_it_stopped_and_an_earlier_day_moves_it_back(tmp_path):
    with Store.open(tmp_path / "user-7.duckdb") as store:
        store.catalog.save_staff([make_staff()])
        store.catalog.save_matters(MATTERS)
        day = _day_one()
        store.activity.add_spans(day)
        store.activity.save_attributions(
            [Attribution(s.id, 1, 0.97, False, True, ("reason",), "v") for s in day])
        laptop = Laptop()
        replayed = fit(store, 7, laptop.engine)
        assert replayed.accepted_before is None  # a replay looks at every span again
        midnight = NEXT_DAY.replace(hour=0, minute=0)
        knowledge = accept_reviewed(store, 7, replayed, midnight)
        assert knowledge.accepted_before == midnight
        assert knowledge.with_state(knowledge.to_json()).accepted_before == midnight
        # A call logged later for the first day, attributed when that day is refreshed.
        late = make_span(5, offset_min=120, kind="call", app="Phone", window_title="Call",
                         text=PROBATE)
        store.activity.add_spans([late])
        store.activity.save_attributions([Attribution("s5", 2, 0.9, False, True, (), "v")])
        assert not accept_reviewed(store, 7, knowledge, midnight).content.knows("s5")
        first_day = T0.replace(hour=0, minute=0)
        knowledge = accept_reviewed(store, 7, knowledge, first_day)
        assert knowledge.accepted_before == first_day
        knowledge = accept_reviewed(store, 7, knowledge, midnight)
        assert knowledge.content.examples["s5"].label == 2


def test_the_learner_is_saved_with_the_knowledge_and_guesses_alike_after_loading():
    laptop = Laptop()
    day = _day_one()
    laptop.attribute_day(day)
    laptop.knowledge = laptop.knowledge.learn(
        [Reviewed(day[0], 1), Reviewed(day[1], 2), Reviewed(day[2], None)])
    loaded = laptop.knowledge.with_state(laptop.knowledge.to_json())
    later = [make_span(4, offset_min=60 * 24, window_title="Notes", text=SOIL)]
    assert (attribute_day(later, loaded, laptop.engine).weighed
            == attribute_day(later, laptop.knowledge, laptop.engine).weighed)
