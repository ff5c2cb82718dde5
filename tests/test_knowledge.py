"""A laptop's knowledge: never changed in place, saved and loaded whole, refitted when stale."""

from dataclasses import replace
from datetime import timedelta

import pytest
from factories import T0, make_span, make_staff
from laptop import BRIGHT, HOLLIS, MATTERS, OKAFOR, Laptop, correction

from pipeline.attribute import Engine, attribute_day, correction_lesson
from pipeline.combiner import DEFAULT_COMBINER, Combiner
from pipeline.features import DECLARED, FEATURES, FeatureRow
from pipeline.history import fit, knowledge_path, load, load_or_fit
from pipeline.review import correct, undo
from tenths.store import Store

DAY = [
    make_span(1, window_title="24STCV-01234 minute order"),
    make_span(2, text="Spoke with adjuster Ottoline Brackenridge about the 24STCV01234 claim"),
    make_span(3, kind="browser", app="Chrome", window_title="Headlines",
              url="https://news.example.test/today"),
]
LATER = [make_span(4, offset_min=60 * 24, kind="call", app="RingCentral",
                   window_title="Call with Ottoline Brackenridge", text="Incoming call")]


def test_attributing_a_day_changes_nothing_until_its_lessons_are_applied():
    laptop = Laptop()
    before = laptop.knowledge.to_json()
    result = attribute_day(DAY, laptop.knowledge, laptop.engine)
    assert laptop.knowledge.to_json() == before
    assert result.lessons and [a.span_id for a in result.attributions] == ["s1", "s2", "s3"]
    # The same day, the same knowledge: the same decisions.
    assert attribute_day(DAY, laptop.knowledge, laptop.engine).attributions == result.attributions
    learned = laptop.knowledge.learn(result.lessons)
    assert learned.to_json() != before
    # What the day worked out is what applying its lessons one by one gives.
    assert laptop.knowledge.learn(list(result.lessons)).to_json() == learned.to_json()


def test_feature_rows_are_named_from_one_declaration():
    assert FeatureRow._fields == FEATURES == tuple(name for name, _ in DECLARED)
    laptop = Laptop()
    laptop.attribute_day(DAY[:1])
    row = laptop.row("s1", 1)
    assert row.id_score > 0 and row.score >= row.id_score
    assert dict(zip(FEATURES, DEFAULT_COMBINER.weights, strict=True))["memory"] == 2.5
    assert Combiner.from_json(DEFAULT_COMBINER.to_json()) == DEFAULT_COMBINER


@pytest.fixture
def store(tmp_path):  # noqa: ANN201 - a store with one reviewed day
    with Store.open(tmp_path / "user-7.duckdb") as store:
        store.catalog.save_staff([make_staff()])
        store.catalog.save_contacts([OKAFOR, BRIGHT, HOLLIS])
        store.catalog.save_matters(MATTERS)
        store.activity.add_spans([*DAY, *LATER])
        yield store


def _review_day(store, path):  # noqa: ANN001, ANN202
    """A day attributed, saved, one span corrected, the knowledge saved: a laptop's evening."""
    engine = Engine()
    knowledge = fit(store, 7, engine)
    result = attribute_day(DAY, knowledge, engine)
    knowledge = knowledge.learn(result.lessons)
    store.activity.save_attributions(result.attributions)
    fix = correct(store, DAY[2], result.attributions[2], None, T0 + timedelta(hours=8),
                  result.weighed["s3"])
    knowledge = knowledge.learn([correction_lesson(DAY[2], fix, knowledge, engine)])
    knowledge.save(knowledge_path(path))
    return engine, knowledge


def test_a_saved_knowledge_loads_whole_and_decides_the_next_day_alike(store, tmp_path):
    path = tmp_path / "user-7.duckdb"
    engine, knowledge = _review_day(store, path)
    loaded = load(store, 7, knowledge_path(path))
    assert loaded.to_json() == knowledge.to_json()
    assert knowledge_path(path).stat().st_mode & 0o777 == 0o600  # names read off screens
    assert (attribute_day(LATER, loaded, engine).attributions
            == attribute_day(LATER, knowledge, engine).attributions)
    [call] = attribute_day(LATER, loaded, engine).attributions
    assert call.case_id == 1  # the adjuster the first day's sure decision taught


def test_a_knowledge_saved_before_a_correction_catches_up_and_after_an_undo_is_refitted(
        store, tmp_path):
    path = tmp_path / "user-7.duckdb"
    engine, _ = _review_day(store, path)
    late = correct(store, DAY[0], None, 2, T0 + timedelta(hours=9))
    with pytest.raises(ValueError, match="correction"):
        load(store, 7, knowledge_path(path))
    caught_up = load_or_fit(store, 7, engine, knowledge_path(path))
    assert late.id in caught_up.corrections
    assert load(store, 7, knowledge_path(path)).to_json() == caught_up.to_json()  # and saved
    undo(store, late)
    refitted = load_or_fit(store, 7, engine, knowledge_path(path))
    assert late.id not in refitted.corrections
    assert refitted.to_json() == fit(store, 7, engine).to_json()


def test_a_knowledge_is_not_loaded_over_another_case_list(store, tmp_path):
    path = tmp_path / "user-7.duckdb"
    _review_day(store, path)
    store.catalog.save_matters([replace(MATTERS[1], case_number="PR-2024-00918")])  # synced
    with pytest.raises(ValueError, match="case list"):
        load(store, 7, knowledge_path(path))


def test_an_undone_correction_takes_back_what_it_taught():
    laptop = Laptop()
    first = make_span(1, text="Adjuster Priya Venkataraman called about the claim")
    laptop.attribute_day([first])
    before = laptop.knowledge
    fix = correction(first, 1)
    laptop.learn(first, fix)
    assert fix.id in laptop.knowledge.corrections and fix.id not in before.corrections
    laptop.unlearn(fix)
    assert laptop.knowledge.corrections == before.corrections
    assert not laptop.knowledge.taught()
