"""How a matter's MyCase record becomes the names its work is recognised by."""

import pytest
from factories import make_contact, make_matter

from pipeline.profiles import TermIndex, build_profile, caption_parties, span_name_runs
from pipeline.terms import name


@pytest.mark.parametrize(("caption", "parties"), [
    ("Okafor v. Brightline Logistics, Inc.", ["Okafor", "Brightline Logistics, Inc"]),
    # adversus: the firm's client first, the party it defends against second
    ("Larchmont adv. Tomas Ferris", ["Larchmont", "Tomas Ferris"]),
    ("Quist / Harwell Logistics LLC Severance Review", ["Quist", "Harwell Logistics LLC"]),
    ("Imke Sollers - EEOC Charge v. Dunmore Dental Group", ["Imke Sollers",
                                                            "Dunmore Dental Group"]),
    ("Sollers, Imke - MVA 11/22/2024", ["Imke Sollers"]),
    ("Pemberton v. Ashgrove Apartments, Corp.", ["Pemberton", "Ashgrove Apartments, Corp"]),
    ("Wendell Ulford - Purchase of 8970 Kestrel Dr", ["Wendell Ulford"]),
    ("In re Estate of Odile Marchetti", ["Odile Marchetti"]),
    ("In re Marriage of Layla Vance and Soo Yoon", ["Layla Vance", "Soo Yoon"]),
    ("In re Marriage of Mirela and Tove Lindqvar", ["Mirela and Tove Lindqvar"]),
    ("Efua and Kofi Brannagh Trust", ["Efua and Kofi Brannagh Trust"]),
    ("Greenland Retail Corporation et al v. Ironbark", ["Greenland Retail Corporation",
                                                         "Ironbark"]),
])
def test_caption_parties_are_read_however_the_firm_writes_its_matters(caption, parties):
    assert caption_parties(caption) == parties


def test_a_company_is_written_short_by_its_first_word_and_a_person_by_the_surname():
    matter = make_matter(5, "Fenwick Bakery & Cafe adv. Deepa Joshi", ())
    terms = build_profile(matter).terms
    assert terms[name("fenwick")] == "short"
    assert terms[name("joshi")] == "short"
    assert name("cafe") not in terms


def test_a_client_company_is_known_by_its_first_word_whatever_the_caption_says():
    client = make_contact(3, "Larchmont Veterinary Clinic", kind="company")
    matter = make_matter(5, "Premises claim (Ferris)", (client,))
    assert build_profile(matter).terms[name("larchmont")] == "short"


def _two_okafor_matters() -> TermIndex:
    """An index of two matters of one client."""
    index = TermIndex()
    for matter in (make_matter(1, "Okafor v. Brightline Logistics, Inc.",
                               (make_contact(11, "Dana Okafor"),), case_number="24STCV01234"),
                   make_matter(2, "Okafor Family Trust", (make_contact(12, "Dana Okafor"),))):
        index.add_profile(build_profile(matter))
    return index.freeze()


def test_a_lookup_answers_in_one_order_whatever_order_it_is_asked_in():
    # Sets of words iterate in another order in every process (Python salts its string
    # hashes): the scores summed from a lookup, and ties between matters, must not.
    index = _two_okafor_matters()
    runs = sorted(span_name_runs("Dana Okafor on the Okafor v Brightline trust", index.max_words))
    forward = index.lookup([], runs)
    backward = index.lookup([], list(reversed(runs)))
    assert list(forward.items()) == list(backward.items()) and len(forward) == 2


def test_a_copied_term_index_and_its_original_change_apart():
    index = TermIndex()
    index.add_term(name("mira tanaka"), 1, "alias")
    index.add_term(name("harbor freight"), 2, "alias")
    copy = index.copy()
    copy.add_term(name("mira tanaka"), 2, "alias")
    copy.remove_term(name("harbor freight"), 2)
    index.add_term(name("harbor freight"), 3, "alias")
    assert index.holders(name("mira tanaka")) == {1: "alias"}
    assert index.holders(name("harbor freight")) == {2: "alias", 3: "alias"}
    assert copy.holders(name("mira tanaka")) == {1: "alias", 2: "alias"}
    assert not copy.known(name("harbor freight"))
    copy.add_term(name("harbor freight"), 4, "alias")  # again, after it was dropped
    assert copy.holders(name("harbor freight")) == {4: "alias"}


def test_a_freeze_after_a_few_changes_weighs_as_a_freeze_from_scratch():
    index = _two_okafor_matters()
    changed = index.copy()
    changed.add_term(name("mira tanaka of the harbor mediation group"), 1, "alias")
    changed.add_term(name("dana okafor"), 3, "alias")  # a third holder: shared three ways
    changed.remove_term(name("brightline"), 1)
    changed.remove_term(name("okafor family trust"), 2)
    changed.freeze()
    scratch = TermIndex.from_state(changed.to_state()).freeze()
    assert changed.weights == scratch.weights and changed.max_words == scratch.max_words == 7
    for matter_id in (1, 2, 3):
        assert changed.name_words(matter_id) == scratch.name_words(matter_id)
    assert "tanaka" in changed.name_words(1) and "okafor" in changed.name_words(3)
    assert index.name_words(3) == frozenset() and index.max_words < 7  # the original is as it was
