"""Rule families switched off (``Rules.without``), for ``tenths eval --ablate``: each switch
changes what the pipeline does on a small invented span, and none crashes."""

from dataclasses import replace

import pytest
from factories import make_matter, make_remote_entry, make_span
from laptop import MATTERS, Laptop, correction

from eval.ablate import Ablation
from pipeline.attribute import work_text
from pipeline.identifiers import canonical_email, canonical_phone
from pipeline.knowledge import Reviewed
from pipeline.parties import Firm, alias_keys, introduced
from pipeline.rules import FAMILIES, RULES, in_force, rules_in_force
from pipeline.signals import thread_key

DAY = 60 * 24  # minutes


def _laptop(matters=MATTERS, history=()):
    """A laptop whose engine runs with the rules in force."""
    laptop = Laptop(matters, history)
    laptop.engine = replace(laptop.engine, rules=in_force())
    return laptop


def _scores(text, matters=MATTERS, history=(), **span):
    return _laptop(matters, history).evidence(make_span(1, text=text, **span)).scores


def identifiers():
    return _scores("Minute order in 24STCV-01234").get(1, 0.0)


def captions_names():
    return _scores("Call with Marguerite Hollis").get(2, 0.0)


def description_details():
    lease = make_matter(4, "Pemberton Lease", description="Lease of the Quarrystone premises")
    return _scores("Quarrystone premises walkthrough", [*MATTERS, lease]).get(4, 0.0)


def narrative_parties():
    history = [make_remote_entry(1, 1, "Call with adjuster Priya Venkataraman re claim")]
    return _scores("Voicemail from Priya Venkataraman", history=history).get(1, 0.0)


def company_domains():
    return _scores("From: paralegal@brightline-logistics.test").get(1, 0.0)


def learned_aliases():
    laptop = _laptop()
    first = make_span(1, text="Ottoline Brackenridge asked about PR-2024-00917")
    laptop.attribute_day([first])
    laptop.learn(first, correction(first, 2))
    return laptop.named("ottoline brackenridge")


def misleading_terms():
    # "Hollis" (the estate client's surname) on every screen of the day: furniture.
    laptop = _laptop()
    laptop.attribute_day([make_span(i, text=f"Hollis Street office note {i}")
                          for i in range(1, 13)])
    return laptop.named("hollis")


def other_names():
    return _scores("Lunch with Ansel Hollis tomorrow").get(2, 0.0)


def research_details():
    deal = make_matter(4, "Pemberton Purchase", description="Purchase Agreement No. 2820")
    return _scores("Results: 2820 Cal. App. 4th", [*MATTERS, deal], kind="browser",
                   url="https://next.westlaw.example/search").get(4, 0.0)


def research_results():
    return _scores("Cases (212)\n1. Okafor v. Brightline Logistics (2021)", kind="browser",
                   window_title="lien reduction | Westlaw",
                   url="https://next.westlaw.example/search?q=lien+reduction").get(1, 0.0)


def window_titles():
    return thread_key(make_span(1, window_title="Quarterly budget - Message (HTML)"))


def thread_memory():
    laptop = _laptop()
    first = make_span(1, window_title="Closing binder questions", text="Hi all")
    laptop.attribute_day([first])
    laptop.learn(first, correction(first, 2))
    return laptop.remembered(make_span(2, offset_min=DAY, window_title="RE: Closing binder questions"))


def nonmatter_places():
    laptop = _laptop()
    page = make_span(1, kind="browser", app="Chrome", window_title="Scores",
                     url="https://sports.example/scores")
    laptop.attribute_day([page])
    laptop.learn(page, correction(page, None))
    later = make_span(2, offset_min=DAY, kind="browser", app="Chrome", window_title="Scores",
                      url="https://sports.example/scores")
    return laptop.knowledge.memory.nonmatter_boost(laptop.evidence(later))


def furniture():
    laptop = _laptop()
    spans = [make_span(i, text=f"Quentin Marlow wrote note {i}") for i in range(1, 8)]
    laptop.attribute_day(spans)
    laptop.learn(spans[0], correction(spans[0], 2))
    return laptop.named("quentin marlow")


def window_chrome():
    laptop = _laptop()
    span = make_span(1, kind="document", app="Adobe Acrobat Pro",
                     window_title="Notice of ruling.pdf - Adobe Acrobat Pro",
                     text="Served on Ottoline Brackenridge")
    laptop.attribute_day([span])
    laptop.learn(span, correction(span, 2))
    return laptop.named("adobe acrobat pro")


def toolbar_stripping():
    return alias_keys(Firm(frozenset()), "Mute  Stop Video  Share Screen  Leave")


def long_runs():
    return alias_keys(Firm(frozenset(), 3), "Mute Record Share Notes Camera Hold Leave")


def call_screen_name():
    return introduced(Firm(frozenset()), "Incoming call\nQuentin Marlow\n(619) 555-0199")


def ocr_email_rn():
    return canonical_email("dana.okafor@exarnple.test")


def ocr_lookalikes():
    return canonical_phone("(72O) 555-0l54"), canonical_email("gmai1.c0m")


def research_query():
    return work_text(make_span(1, kind="browser", app="Chrome",
                               url="https://next.westlaw.example/search",
                               text="Westlaw\nSearch: chain of custody\n1. People v. Doe"))


def firm_announcement():
    return _laptop().evidence(make_span(1, text="To: All Staff\nOffice closed Friday")).to_group


def neighbours():
    laptop = _laptop()
    spans = [
        make_span(1, window_title="RE: PR-2024-00917 inventory - Message (HTML)"),
        make_span(2, kind="browser", app="Google Chrome", window_title="Westlaw - search results",
                  url="https://next.westlaw.example/search?q=spousal+property+petition"),
        make_span(3, window_title="RE: PR-2024-00917 appraisal - Message (HTML)"),
    ]
    laptop.attribute_day(spans)
    row = laptop.row("s2", 2)
    return row.neighbours if row else 0.0


def same_stranger():
    laptop = _laptop()
    intro = make_span(1, text="From: Ottilie Brandvold <ottilieb@mediators.test>\n"
                      "Re PR-2024-00917: I am the mediator now.")
    letter = make_span(2, offset_min=300, kind="document", app="Microsoft Word",
                       window_title="Letter to Brandvold.docx - Word",
                       text="VIA EMAIL\nottilieb@mediators.test\nDear Ms. Brandvold:")
    laptop.attribute_day([intro, letter])
    row = laptop.row("s2", 2)
    return row.neighbours if row else 0.0


def recent_work():
    laptop = _laptop()
    laptop.attribute_day([make_span(i, window_title=f"24STCV-01234 item {i}") for i in (1, 2)])
    # "Dana Okafor" is the client of matters 1 and 3.
    later = make_span(3, offset_min=DAY, window_title="Call with Dana Okafor")
    laptop.attribute_day([later])
    row = laptop.row("s3", 1)
    return (row.recent, row.today) if row else None


def practice_areas():
    history = [make_remote_entry(1, 1, "Deposition of the treating physician on damages"),
               make_remote_entry(2, 2, "Inventory and appraisal of the decedent's estate")]
    return _laptop(history=history).knowledge.areas.posterior("appraisal of the estate")


def content_learner():
    laptop = _laptop()
    reviewed = [make_span(1, window_title="Notes", text="geotechnical soil boring report"),
                make_span(2, window_title="Notes", text="inventory of household furniture")]
    laptop.attribute_day(reviewed)
    laptop.knowledge = laptop.knowledge.learn([Reviewed(reviewed[0], 1), Reviewed(reviewed[1], 2)])
    laptop.attribute_day([make_span(3, offset_min=DAY, window_title="Notes",
                                    text="geotechnical soil boring report")])
    return laptop.row("s3", 1) is not None


def open_message():
    return _scores("Una Pirrie 9:12 AM\n24STCV-01234 dates\nRex Moyo 8:40 AM\nLunch\n"
                   "Ada Kerr Fri\nParking\nInventory\nMarguerite Hollis <mh@example.test>"
                   ).get(1, 0.0)


CASES = {f.__name__: f for f in (
    identifiers, captions_names, description_details, narrative_parties, company_domains,
    learned_aliases, misleading_terms, other_names, research_details, research_results,
    window_titles,
    thread_memory, nonmatter_places, furniture, window_chrome, toolbar_stripping, long_runs,
    call_screen_name, ocr_email_rn, ocr_lookalikes, research_query, open_message,
    firm_announcement,
    neighbours, same_stranger, recent_work, practice_areas, content_learner)}


def test_every_family_has_a_case_here():
    assert set(CASES) == set(FAMILIES)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_switching_a_family_off_changes_what_the_pipeline_does(family):
    with rules_in_force(RULES):
        on = CASES[family]()
    with rules_in_force(RULES.without(family)):
        off = CASES[family]()
    assert on != off


def test_a_family_switched_off_is_on_again_outside_the_block():
    with rules_in_force(RULES.without("ocr_email_rn")):
        assert not in_force().uses("ocr_email_rn")
    assert in_force().uses("ocr_email_rn")
    assert canonical_email("x@exarnple.test") == "x@example.test"


def test_an_unknown_family_is_an_error():
    with pytest.raises(ValueError, match="unknown rule families: toolbarz"):
        RULES.without("toolbarz")
    with pytest.raises(KeyError):
        RULES.uses("toolbarz")


def test_an_ablation_reports_the_change_when_a_family_is_off():
    result = Ablation("firm", {"accuracy": 0.95, "nonbillable_leak": 0.01},
                      {"neighbours": {"accuracy": 0.9, "nonbillable_leak": 0.02}})
    assert result.change("neighbours") == {"accuracy": -0.05, "nonbillable_leak": 0.01}
    assert result.earns("neighbours") == pytest.approx(0.05)
    assert result.to_dict()["families"]["neighbours"]["change"]["accuracy"] == -0.05

