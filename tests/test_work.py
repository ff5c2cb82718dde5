"""The work model (pipeline/work.py): how likely a span is matter work, from its words."""

import pytest
from factories import make_span
from test_combiner import synthetic_examples

from pipeline.combiner import load_combiner
from pipeline.rules import RULES
from pipeline.training import export, fit_combiner, fit_work
from pipeline.work import WorkModel, kind_says_work

WORK = ["Lease amendment redline - Word", "Deposition outline - Word", "Motion to compel draft",
        "Custody schedule exchange - Outlook", "Settlement agreement markup"]
OWN = ["Team lunch order - Chrome", "Holiday party RSVP", "Benefits enrollment portal",
       "Weekend weather forecast", "Firm newsletter - winter"]


@pytest.fixture(scope="module")
def work() -> WorkModel:
    titles = WORK + OWN
    spans = [make_span(i, window_title=t, kind="browser", app="Chrome")
             for i, t in enumerate(titles * 3)]
    return fit_work(spans, [t in WORK for t in titles * 3])


def test_words_of_matter_work_score_above_the_firm_s_own_time(work):
    draft, lunch = work.probabilities([make_span(50, window_title="Redline of the lease draft"),
                                       make_span(51, window_title="Lunch order for the party")])
    assert draft > 0.5 > lunch


def test_a_saved_work_model_loads_alike_and_a_tampered_file_is_refused(work, tmp_path):
    path = tmp_path / "work.npz"
    sha = work.save(path)
    spans = [make_span(60, window_title=t) for t in WORK[:2] + OWN[:2]]
    assert WorkModel.load(path, sha).probabilities(spans) == pytest.approx(
        work.probabilities(spans), abs=1e-6)
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(ValueError, match="sha256"):
        WorkModel.load(path, sha)


def test_a_combiner_loads_with_the_work_model_it_was_exported_with(work, tmp_path):
    model, combiner = fit_combiner(synthetic_examples(), "w-1", max_leak=0.02, kind="linear")
    export(model, combiner, tmp_path, work=work)
    loaded = load_combiner(tmp_path)
    span = make_span(70, window_title=OWN[0])
    assert loaded.work.probabilities([span]) == pytest.approx(work.probabilities([span]))
    export(model, combiner, tmp_path / "plain")
    assert load_combiner(tmp_path / "plain").work is None


def test_without_a_work_model_the_span_s_kind_says_whether_it_is_work():
    assert kind_says_work(make_span(1, kind="document"), RULES) == 1.0
    assert kind_says_work(make_span(2, kind="browser", url="https://shop.example/cart"),
                          RULES) == 0.0
