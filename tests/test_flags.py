"""A "which matter?" flag carries the matters the pipeline weighed, for the review page."""

from factories import make_contact, make_matter, make_span

from pipeline.attribute import Engine, attribute_day
from pipeline.knowledge import Knowledge

TWO_OKAFORS = [
    make_matter(1, "Okafor v. Brightline Logistics, Inc.", (make_contact(11, "Dana Okafor"),)),
    make_matter(3, "Okafor Family Trust", (make_contact(12, "Dana Okafor"),),
                practice_area="Estate Planning"),
]


def test_a_flag_offers_the_likeliest_matters_with_their_probabilities():
    [a] = attribute_day([make_span(1, window_title="Call with Dana Okafor")],
                        Knowledge.base(7, TWO_OKAFORS), Engine()).attributions
    assert a.abstained and a.case_id is None
    offered = [case for case, _ in a.candidates]
    assert {1, 3} <= set(offered) and len(offered) <= 3
    probabilities = [p for _, p in a.candidates]
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0.0 <= p <= 1.0 for p in probabilities)


def test_a_sure_decision_names_its_matter_first():
    [a] = attribute_day([make_span(1, window_title="Okafor v. Brightline Logistics - deposition outline")],
                        Knowledge.base(7, TWO_OKAFORS), Engine()).attributions
    assert not a.abstained and a.candidates[0][0] == a.case_id == 1
