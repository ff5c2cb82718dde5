"""What a laptop learns (from corrections, its sure decisions and what its screens show), on small invented matters: each test pins one behaviour."""

import re
import zlib
from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest
from factories import T0, make_contact, make_matter, make_remote_entry, make_span, make_staff
from laptop import HOLLIS, MATTERS, Laptop, correction

from pipeline.attribute import (
    decided,
    evidence,
)
from pipeline.knowledge import Observed, Settled, firm_keys
from pipeline.rules import RULES
from tenths.records import Attribution, Staff


@pytest.fixture
def attributor():
    return Laptop()


def test_a_correction_teaches_a_new_party_and_undo_forgets_it(attributor):
    first = make_span(1, text="Adjuster Priya Venkataraman called about the claim")
    attributor.attribute_day([first])
    fix = correction(first, 1)
    attributor.learn(first, fix)
    later = make_span(2, offset_min=60 * 24, text="Voicemail from Priya Venkataraman")
    [a] = attributor.attribute_day([later])
    assert a.case_id == 1
    assert "alias:name" in a.reasons
    attributor.unlearn(fix)
    [b] = attributor.attribute_day([later])
    assert b.case_id is None


def test_a_firms_own_matter_number_in_a_title_is_learned_from_a_correction(attributor):
    reply = make_span(1, window_title="RE: 48213-002 Lease questions - Message (HTML)",
                      text="Inbox / 48213-005 Other matter / 48213-002 Lease questions")
    attributor.attribute_day([reply])
    attributor.learn(reply, correction(reply, 2))
    assert attributor.named("48213-002").get(2) == "alias"
    assert 2 not in attributor.named("48213-005")  # only the title's, not a list's


def test_a_date_or_a_clock_in_a_title_is_no_matter_number(attributor):
    doc = make_span(1, kind="document", app="Word", text="Draft",
                    window_title="2026-03-27 - Lease Rider.docx - Word 00:22:35")
    attributor.attribute_day([doc])
    attributor.learn(doc, correction(doc, 2))
    assert 2 not in attributor.named("2026-03-27")
    assert 2 not in attributor.named("00:22:35")


def test_a_correction_to_no_matter_is_learned_for_the_site(attributor):
    personal = make_span(1, kind="browser", app="Chrome", window_title="Headlines",
                         url="https://news.example.test/today")
    attributor.learn(personal, correction(personal, None))
    [a] = attributor.attribute_day([make_span(2, kind="browser", app="Chrome",
                                              window_title="Sports",
                                              url="https://news.example.test/sports")])
    assert (a.case_id, a.abstained, a.billable) == (None, False, False)


def test_a_confident_decision_makes_an_unknown_party_an_alias_until_corrected(attributor):
    first = make_span(1, window_title="24STCV-01234 status",
                      text="Spoke with adjuster Ottoline Brackenridge about the claim")
    [a] = attributor.attribute_day([first])
    assert a.case_id == 1 and a.confidence >= 0.9
    assert attributor.named("ottoline brackenridge").get(1) == "alias"
    # The timekeeper says the span was the estate's: what the decision taught is taken back.
    attributor.learn(first, correction(first, 2))
    assert 1 not in attributor.named("ottoline brackenridge")
    assert attributor.named("ottoline brackenridge").get(2) == "alias"


@pytest.mark.parametrize("kind, text", [
    ("email", "From: Ottoline Brackenridge <obrack@claims.test>\nI am the new adjuster"),
    ("call", "Incoming call\nOttoline Brackenridge\n(619) 555-0199\nNotes: new adjuster"),
], ids=["an email's sender", "a call's caller"])
def test_a_party_introduced_with_an_address_is_learned_on_a_busy_first_day(attributor, kind,
                                                                              text):
    introduced = make_span(1, kind=kind, window_title="24STCV-01234 - new adjuster", text=text)
    # Her given name is on every screen of that morning: by word count alone, furniture.
    replies = [make_span(i, window_title=f"Follow-up {i}",
                         text=f"Hi Ottoline,\nItem {i} attached.") for i in range(2, 8)]
    attributor.attribute_day([introduced, *replies])
    assert 1 in attributor.named("ottoline brackenridge")


def test_a_person_shown_with_their_own_address_is_settled_by_one_decision(attributor):
    introduced = make_span(1, window_title="24STCV-01234 - new adjuster",
                           text="From: Ottoline Brackenridge <obrack@claims.test>\n"
                                "I am the adjuster now handling this claim. Dr. Imre Valdis "
                                "examined the plaintiff.")
    attributor.attribute_day([introduced])
    assert attributor.named("ottoline brackenridge").get(1) == "settled"
    assert attributor.named("imre valdis").get(1) == "alias"  # only named
    # The decision was wrong after all: what it taught goes.
    attributor.learn(introduced, correction(introduced, None))
    attributor.settle()
    assert 1 not in attributor.named("ottoline brackenridge")


def _three_days_with_the_adjuster(attributor, text="Spoke with adjuster Ottoline Brackenridge"):
    """Three days, each with a confident decision for matter 1 naming a new adjuster."""
    spans = [make_span(i, offset_min=60 * 24 * i, window_title=f"24STCV-01234 item {i}", text=text)
             for i in (1, 2, 3)]
    for span in spans:
        [a] = attributor.attribute_day([span])
        assert a.case_id == 1 and a.confidence >= 0.9
    attributor.settle()
    return spans


def test_an_alias_three_decisions_taught_is_settled_until_one_is_corrected(attributor):
    spans = _three_days_with_the_adjuster(attributor)
    assert attributor.named("ottoline brackenridge").get(1) == "settled"
    call = make_span(9, offset_min=60 * 24 * 5, kind="call", app="RingCentral",
                     window_title="Call with Ottoline Brackenridge", text="Incoming call")
    assert attributor.evidence(call).aliases == {1: 3.0}
    # One of the three was not matter work after all: the alias is a fresh one again.
    attributor.learn(spans[2], correction(spans[2], None))
    attributor.settle()
    assert attributor.named("ottoline brackenridge").get(1) == "alias"
    assert attributor.evidence(call).aliases[1] == 1.5


def test_a_settled_alias_counts_as_fresh_where_another_matter_is_named(attributor):
    _three_days_with_the_adjuster(attributor)
    # The adjuster may handle the estate's claim too: the span names the estate's client.
    both = make_span(9, offset_min=60 * 24 * 5,
                     text="Ottoline Brackenridge asked about Marguerite Hollis's inventory")
    assert attributor.evidence(both).aliases == {1: 1.5}


def test_a_word_of_a_settled_name_that_another_matter_uses_does_not_unsettle_it():
    # "Ottoline" is a word of the lease's description, and part of the adjuster's name.
    lease = make_matter(4, "Pemberton Lease", description="Lease of the Ottoline premises",
                        practice_area="Real Estate")
    attributor = Laptop([*MATTERS, lease])
    _three_days_with_the_adjuster(attributor)
    call = make_span(9, offset_min=60 * 24 * 5, kind="call", app="RingCentral",
                     window_title="Call with Ottoline Brackenridge", text="Incoming call")
    evidence = attributor.evidence(call)
    assert 4 not in evidence.scores  # the lease's word, inside another's name, names nothing
    assert evidence.aliases == {1: 3.0}


def test_a_settled_name_stays_settled_beside_a_companys_main_line_of_another_matter():
    # The adjuster's employer is a company contact of the estate: its switchboard is on
    # every call and signature of its people, and names the estate no more than they do.
    pell = make_contact(41, "Pell Claims Services", kind="company", phones=("(619) 555-0100",))
    attributor = Laptop([MATTERS[0], replace(MATTERS[1], contacts=(HOLLIS, pell)),
                                MATTERS[2]])
    _three_days_with_the_adjuster(attributor)
    call = make_span(9, offset_min=60 * 24 * 5, kind="call", app="RingCentral",
                     window_title="Call with Ottoline Brackenridge",
                     text="Incoming call\nOttoline Brackenridge\n(619) 555-0100")
    evidence = attributor.evidence(call)
    assert evidence.scores[2] == 1.0  # the company's line
    assert evidence.aliases == {1: 3.0}


def _confirm_surely(attributor, span, case, reason):
    """The attributor's own decision for ``case`` at 0.97, resting on ``reason``, confirmed."""
    sure = Attribution(span.id, case, 0.97, False, True, (reason,))
    k = attributor.knowledge
    attributor.knowledge = k.learn([*decided(span, sure, evidence(span, k), k, RULES), Settled()])


def test_the_apps_own_name_is_not_learned_as_a_party(attributor):
    span = make_span(1, kind="document", app="Adobe Acrobat Pro",
                     window_title="Notice of ruling.pdf - Adobe Acrobat Pro",
                     text="Served on Ottoline Brackenridge")
    attributor.corrected(span, 2)
    attributor.attribute_day([make_span(2, offset_min=60 * 24)])
    assert attributor.named("ottoline brackenridge").get(2) == "alias"
    assert 2 not in attributor.named("adobe acrobat pro")
    assert 2 not in attributor.named("adobe acrobat")


def test_the_menu_on_every_window_of_one_app_is_not_learned_as_a_party(attributor):
    # One app's menu line is on each of its windows, but the app is a small part of the
    # day: by the share of all the day's spans alone, it is no furniture.
    menu = "Feed Threads Rooms Directory Files"
    chats = [make_span(i, offset_min=i, kind="chat", app="Huddle", window_title=f"Huddle {i}",
                       text=f"{menu}\nWho {i} 10:0{i}\nCan you send me the draft?")
             for i in range(6)]
    chats[0] = replace(chats[0], text=f"{menu}\nOttoline Brackenridge 10:00\nSigned.")
    notes = [make_span(100 + i, offset_min=10 + i, kind="document", app="Notepad",
                       window_title=f"notes {i}.txt", text=f"page {i} of the outline")
             for i in range(150)]
    attributor.attribute_day(chats + notes)
    attributor.learn(chats[0], correction(chats[0], 2))
    assert attributor.named("Ottoline Brackenridge").get(2) == "alias"
    assert 2 not in attributor.named(menu)


def test_a_menu_taught_before_its_app_was_seen_often_stops_counting_once_it_is(attributor):
    # On the first morning the app had one window: its menu line looked like a name.
    menu = "Feed Threads Rooms Directory Files"
    first = make_span(1, kind="chat", app="Huddle", window_title="Huddle", text=f"{menu}\nSigned.")
    attributor.attribute_day([first])
    attributor.learn(first, correction(first, 2))
    assert attributor.named(menu).get(2) == "alias"
    # The next day's first look already knows the line is on each of the app's windows.
    later = [make_span(10 + i, offset_min=24 * 60 + i, kind="chat", app="Huddle",
                       window_title=f"Huddle {i}", text=f"{menu}\nCan you send me the draft?")
             for i in range(6)]
    attributor.attribute_day(later)
    assert all(attributor.row(span.id, 2) is None for span in later)


def test_a_confident_decision_on_a_web_page_does_not_teach_the_sites_name(attributor):
    page = make_span(1, kind="browser", app="Google Chrome",
                     window_title="Okafor verdict upheld - The Harbour Ledger - Google Chrome",
                     text="The Harbour Ledger\nOkafor verdict upheld\nQuoted: Ottoline Brackenridge")
    _confirm_surely(attributor, page, 1, "short:name")
    assert attributor.named("ottoline brackenridge").get(1) == "alias"
    assert 1 not in attributor.named("harbour ledger")


def test_a_name_taught_for_two_matters_tells_neither_apart(attributor):
    first = make_span(1, text="Tentative Rulings posted; call Ottoline Brackenridge")
    second = make_span(2, text="Tentative Rulings posted; call Perpetua Okonjo")
    attributor.attribute_day([first, second])
    attributor.learn(first, correction(first, 1, "c1"))
    attributor.learn(second, correction(second, 2, "c2"))
    attributor.attribute_day([make_span(3, offset_min=60 * 24)])
    assert attributor.named("ottoline brackenridge").get(1) == "alias"
    assert attributor.named("perpetua okonjo").get(2) == "alias"
    assert 1 not in attributor.named("tentative rulings")
    assert 2 not in attributor.named("tentative rulings")


def test_a_learned_alias_found_with_another_matters_work_tells_neither_apart(attributor):
    # The first morning's confident decision taught the meeting's host as a party; the
    # next meeting, decided for another matter, has the same host: neither keeps the name.
    host = "Hosted by Ottoline Brackenridge"
    first = make_span(1, kind="meeting", window_title="Zoom Meeting",
                      text=f"24STCV-01234 deposition prep\n{host}")
    [a] = attributor.attribute_day([first])
    assert a.case_id == 1 and a.confidence >= 0.9
    assert attributor.named("ottoline brackenridge").get(1) == "alias"
    second = make_span(2, offset_min=60 * 24, kind="meeting", window_title="Zoom Meeting",
                       text=f"In re Estate of Marguerite Hollis, PR-2024-00917\n{host}")
    [b] = attributor.attribute_day([second])
    assert b.case_id == 2 and b.confidence >= 0.9
    attributor.attribute_day([make_span(3, offset_min=2 * 60 * 24)])
    assert 1 not in attributor.named("ottoline brackenridge")
    assert 2 not in attributor.named("ottoline brackenridge")


def test_a_name_learned_from_the_screen_ends_at_a_line_break_or_a_wide_gap(attributor):
    # A signature's name line and title line are two fields, as are a form's label and value.
    span = make_span(1, window_title="24STCV-01234 - lab report",
                     text="Regards,\nMeera Montiel\nDeputy District Attorney\n"
                          "Reviewed By  Quentin Ashdown")
    [a] = attributor.attribute_day([span])
    assert a.case_id == 1 and a.confidence >= 0.9
    assert attributor.named("meera montiel").get(1) == "alias"
    assert attributor.named("quentin ashdown").get(1) == "alias"
    for junk in ("montiel deputy", "by quentin"):
        assert 1 not in attributor.named(f"{junk}")


def test_a_hyphenated_given_name_is_part_of_the_name(attributor):
    span = make_span(1, window_title="24STCV-01234 - witness list",
                     text="Witnesses: Jae-won Jablonski and Jean-Luc Moreau")
    attributor.attribute_day([span])
    assert attributor.named("jae won jablonski").get(1) == "alias"
    assert attributor.named("jean luc moreau").get(1) == "alias"


def test_a_row_of_buttons_names_no_party(attributor):
    span = make_span(1, kind="meeting", window_title="Zoom Meeting",
                     text="24STCV-01234 deposition prep\nParticipants (2)\n"
                          "Mute  Stop Video  Share Screen  Leave")
    [a] = attributor.attribute_day([span])
    assert a.case_id == 1 and a.confidence >= 0.9
    for buttons in ("stop video", "share screen", "video share"):
        assert 1 not in attributor.named(f"{buttons}")


def test_a_toolbar_on_one_line_teaches_none_of_its_word_pairs(attributor):
    # Its buttons a single space apart: one run of capitalised words, longer than any
    # client's or company's name in MyCase (three words here).
    span = make_span(1, kind="call", window_title="Call | Teams",
                     text="00:12:09 Mute Record Share Notes Camera Hold Leave\n"
                          "Ottoline Brackenridge")
    attributor.corrected(span, 2)
    assert attributor.named("ottoline brackenridge").get(2) == "alias"
    for buttons in ("mute record", "share notes", "camera hold", "hold leave"):
        assert 2 not in attributor.named(f"{buttons}")


def test_the_firms_address_misread_by_ocr_is_not_learned_as_a_party():
    attributor = Laptop(MATTERS, stop_keys=firm_keys([make_staff(7)]))
    span = make_span(1, text="To: Rowan Testperson <r0wan@example.test>, Ottoline Brackenridge "
                             "<ottoline@adjusters.test>")
    attributor.corrected(span, 2)
    assert attributor.named("ottoline@adjusters.test").get(2) == "alias"
    assert 2 not in attributor.named("r0wan@example.test")


def test_a_name_run_made_of_everyday_words_is_not_learned():
    history = [make_remote_entry(i, case, f"Review Purchase Agreement for matter {case}")
               for i, case in enumerate((1, 2, 3))]
    attributor = Laptop(MATTERS, history)
    span = make_span(1, text="Purchase Agreement draft; call Ottoline Brackenridge")
    attributor.corrected(span, 2)
    assert 2 not in attributor.named("purchase agreement")
    assert attributor.named("ottoline brackenridge").get(2) == "alias"


def test_a_task_written_in_capitals_in_past_narratives_is_no_party_of_the_matter():
    history = [make_remote_entry(i, case, f"Revise Privilege Log for matter {case}")
               for i, case in enumerate((1, 2, 3))]
    history.append(make_remote_entry(4, 2, "Call with Ramona Quell re: Revise Privilege Log"))
    attributor = Laptop(MATTERS, history)
    assert 2 not in attributor.named("Revise Privilege Log")
    assert attributor.named("Ramona Quell").get(2) == "party"


def test_a_new_party_whose_names_other_people_bear_in_the_narratives_is_learned():
    # "Kwame" and "Quinlan" are in the records of three matters, as other people's names:
    # they are names, not the firm's everyday words, and the new coordinator is learned.
    history = [make_remote_entry(1, 1, "Appear before Hon. Kwame Quintero at the hearing."),
               make_remote_entry(2, 2, "Call with Kwame Yadav re: the title commitment."),
               make_remote_entry(3, 3, "Mediation session with Zainab Quinlan."),
               make_remote_entry(4, 1, "Review statement from Dr. Ansel Quinlan."),
               make_remote_entry(5, 2, "Email Desmond Quinlan and Kwame Yadav.")]
    attributor = Laptop(MATTERS, history)
    span = make_span(1, kind="call", app="RingCentral", window_title="Call with Kwame Quinlan",
                     text="Incoming call\nKwame Quinlan\nNotes: new parenting coordinator")
    attributor.corrected(span, 2)
    assert attributor.named("kwame quinlan").get(2) == "alias"


def test_a_new_party_who_shares_a_given_name_with_a_judge_of_many_matters_is_learned():
    # "Ottilie" is in the records of three matters (one judge), so it is an everyday word of
    # the firm's; a name run with a word the records do not use ("Brandvold") is still a name.
    history = [make_remote_entry(i, case, "Appear before Hon. Ottilie Whitfield at hearing.")
               for i, case in enumerate((1, 2, 3))]
    attributor = Laptop(MATTERS, history)
    span = make_span(1, text="From: Ottilie Brandvold <ottilieb@mediators.test>\nHi Rowan,")
    attributor.corrected(span, 2)
    assert 2 in attributor.named("ottilie brandvold")


def test_a_site_section_corrected_to_no_matter_leaves_the_rest_of_the_site(attributor):
    timesheet = make_span(1, kind="browser", app="Chrome", window_title="Timesheet | MyCase",
                          url="https://app.mycase.example/time_entries")
    attributor.attribute_day([timesheet])
    attributor.learn(timesheet, correction(timesheet, None))
    case_page = make_span(2, offset_min=60 * 24, kind="browser", app="Chrome",
                          window_title="24STCV-01234 | MyCase",
                          url="https://app.mycase.example/cases/1")
    [page] = attributor.attribute_day([case_page])
    assert page.case_id == 1
    again = make_span(3, offset_min=60 * 24 + 20, kind="browser", app="Chrome",
                      window_title="Timesheet | MyCase", url="https://app.mycase.example/time_entries")
    [a] = attributor.attribute_day([again])
    assert (a.case_id, a.billable) == (None, False)


def test_spacy_finds_the_party_a_correction_teaches():
    from pipeline.entities import EntityExtractor, load_model

    attributor = Laptop(MATTERS, entities=EntityExtractor.from_matters(MATTERS, load_model()))
    span = make_span(1, text="Left a voicemail for Ottoline Brackenridge of Quillfeather Surveying.")
    attributor.corrected(span, 2)
    assert attributor.named("ottoline brackenridge").get(2) == "alias"
    # What only the recogniser found is a party too, and goes to the entity ruler.
    [party] = attributor.knowledge.parties
    assert attributor.named(party.value).get(2) == "alias"


def test_a_correction_teaches_no_part_of_a_name_mycase_gives_a_matter():
    cleaners = make_contact(61, "Ostrander Cleaning Services", kind="company")
    lease = make_matter(61, "Ostrander Cleaning Services - Lease", (cleaners,),
                        practice_area="Real Estate")
    attributor = Laptop([*MATTERS, lease])
    span = make_span(1, text="Invoice from Cleaning Services\nCall Wilhelmina Pargeter about "
                             "the estate inventory; Ostrander Cleaning Services cleared the house.")
    attributor.corrected(span, 2)
    assert attributor.named("wilhelmina pargeter").get(2) == "alias"
    assert 2 not in attributor.named("cleaning services")
    assert 2 not in attributor.named("ostrander cleaning services")


def test_the_street_after_a_captions_dash_is_not_the_partys_short_name():
    sale = make_matter(5, "Wendell Ulford - Purchase of 8970 Kestrel Blvd", (),
                       practice_area="Real Estate")
    attributor = Laptop([*MATTERS, sale])
    assert attributor.named("ulford").get(5) == "short"
    assert 5 not in attributor.named("blvd")


def test_a_surname_inside_another_cases_caption_on_screen_is_that_case_not_the_matter():
    attributor = Laptop()
    results = make_span(1, kind="browser", app="Firefox", window_title="probate search | Westlaw",
                        text="1. Hollis v. Ridgeback Mutual Ins. Co., 2001 IL App (1st) 209697")
    assert 2 not in attributor.evidence(results).scores
    letter = make_span(2, text="Letter to the Hollis family about the estate")
    assert 2 in attributor.evidence(letter).scores


def test_a_surname_in_someone_elses_name_and_in_their_broken_address_is_not_the_matter():
    attributor = Laptop()
    # OCR lost the address's dot: its words are on screen in lower case, not as a name.
    letter = make_span(1, text="Ravindra Hollis <ravindra hollis@quillfeather.test>\n"
                               "Following up on the survey.\nThanks,\nRavindra Hollis")
    assert 2 not in attributor.evidence(letter).scores
    about = make_span(2, text="Ravindra Hollis <ravindra hollis@quillfeather.test>\n"
                              "Following up on Hollis and the estate accounting.")
    assert 2 in attributor.evidence(about).scores


def test_a_description_word_that_is_a_staff_members_name_points_nowhere():
    staff = [make_staff(7), Staff(8, "Imogen", "Harrowgate", "ih@firm.test", "Lawyer", "Partner",
                                  True, None, T0)]
    lease = make_matter(5, "Ivyport Home Care, Inc. - Lease", (),
                        description="Lease for Ivyport; contact Imogen at the landlord.")
    attributor = Laptop([*MATTERS, lease], stop_keys=firm_keys(staff))
    assert 5 not in attributor.named("imogen")
    assert attributor.named("ivyport").get(5) == "short"


def test_a_weak_term_found_on_other_matters_work_stops_counting():
    staffed = make_matter(5, "Nadia Testclient - Lease", (), description="Lease of a clinic.",
                          practice_area="Real Estate")
    attributor = Laptop([*MATTERS, staffed])
    assert attributor.named("clinic").get(5) == "detail1"
    day = [make_span(i, text=f"24STCV-01234 clinic records {i}") for i in range(1, 6)]
    day += [make_span(i, text=f"Subject: filler {i}") for i in range(6, 60)]  # not everywhere
    decisions = attributor.attribute_day(day)
    assert all(a.case_id == 1 and a.confidence >= 0.9 for a in decisions[:5])
    attributor.settle()
    assert not attributor.evidence(make_span(99, text="clinic invoice")).scores.get(5)


def test_a_case_number_on_other_matters_work_stops_counting_and_the_rest_still_count():
    attributor = Laptop()
    listed = "Inbox / PR-2024-00917 - Inventory / Quick question {i}"
    assert attributor.evidence(make_span(99, text="PR-2024-00917")).scores.get(2)
    for i in range(1, 1 + RULES.misleading_spans):  # the inbox's list; the work was matter 1's
        span = make_span(i, text=listed.format(i=i))
        attributor.learn(span, correction(span, 1, cid=f"c{i}"))
    attributor.settle()
    assert not attributor.evidence(make_span(99, text="PR-2024-00917")).scores.get(2)
    assert attributor.evidence(make_span(98, text="24STCV01234")).scores.get(1)
    assert attributor.evidence(make_span(97, text="EP-2025-0042")).scores.get(3)


def test_a_case_number_that_misleads_in_an_inbox_list_still_counts_in_a_window_title():
    attributor = Laptop()
    listed = "Inbox / PR-2024-00917 - Inventory / Quick question {i}"
    for i in range(1, 1 + RULES.misleading_spans):  # the inbox's list; the work was matter 1's
        span = make_span(i, window_title="Inbox - Mail", text=listed.format(i=i))
        attributor.learn(span, correction(span, 1, cid=f"c{i}"))
    attributor.settle()
    assert not attributor.evidence(make_span(99, text="PR-2024-00917")).scores.get(2)
    opened = make_span(98, window_title="RE: PR-2024-00917 - Inventory - Message", text="See below.")
    assert attributor.evidence(opened).scores.get(2)


def test_a_case_number_that_misleads_in_a_list_of_many_matters_still_counts_alone():
    attributor = Laptop()
    listed = "Inbox\n24STCV-01234 rulings\nPR-2024-00917 inventory\nEP-2025-0042 filing {i}"
    for i in range(1, 1 + RULES.misleading_spans):  # the list; the work was matter 1's
        span = make_span(i, text=listed.format(i=i))
        attributor.learn(span, correction(span, 1, cid=f"c{i}"))
    attributor.settle()
    crowded = make_span(99, text=listed.format(i=99))
    assert 2 not in attributor.evidence(crowded).scores
    assert attributor.evidence(make_span(98, text="Can you pull PR-2024-00917?")).scores.get(2)


def test_a_decision_resting_on_its_neighbours_alone_teaches_nothing(attributor):
    newsletter = make_span(2, kind="document", app="Microsoft Word",
                           window_title="Client Newsletter - Winter.docx - Word",
                           text="Five things to review. Ask Ottoline Brackenridge.")
    _confirm_surely(attributor, newsletter, 2, "neighbours")
    assert 2 not in attributor.named("ottoline brackenridge")
    assert attributor.remembered(replace(newsletter, id="s9")) is None
    letter = make_span(3, window_title="PR-2024-00917 letter to Ottoline Brackenridge")
    _confirm_surely(attributor, letter, 2, "neighbours")
    assert attributor.named("ottoline brackenridge").get(2) == "alias"


def test_a_subject_many_matters_use_recalls_the_thread_of_its_correspondent(attributor):
    def email(i, sender):
        return make_span(i, offset_min=10 * i, window_title="RE: Quick question - Message (HTML)",
                         text=f"From: {sender}\nSubject: RE: Quick question\n\nSee below.")
    for i, (sender, case) in enumerate([("ann@clients.test", 1), ("bo@clients.test", 2)],
                                       start=1):
        span = email(i, sender)
        attributor.learn(span, correction(span, case, cid=f"c{i}"))
    recall = attributor.remembered
    assert recall(email(7, "bo@clients.test")) == 2
    assert recall(email(8, "ann@clients.test")) == 1
    # Nobody known on screen: the subject alone is two matters', so it says nothing.
    assert recall(email(9, "cy@clients.test")) is None


def test_a_matter_both_remembered_and_around_is_one_candidate(attributor):
    # The thread is the estate's, and so are the emails around it: one row for the estate,
    # not two splitting its probability.
    reply = make_span(3, offset_min=10, window_title="RE: Quick question - Message (HTML)",
                      text="Subject: RE: Quick question\n\nSee below.")
    attributor.learn(reply, correction(reply, 2))
    estate = [make_span(i, offset_min=10 * i, window_title=f"PR-2024-00917 inventory {i}")
              for i in (1, 2, 4, 5)]
    later = replace(reply, id="s6", start=estate[1].start + timedelta(minutes=10),
                    end=estate[1].end + timedelta(minutes=10))
    decisions = attributor.attribute_day([*estate, later])
    candidates = attributor.weighed["s6"].candidates
    assert 2 in candidates and len(candidates) == len(set(candidates))
    assert next(a for a in decisions if a.span_id == "s6").case_id == 2


def test_a_stranger_met_today_carries_their_matter_to_their_other_work_that_day():
    # The mediator's introduction names no matter of its own, but sits between two emails of
    # the estate; four hours later a letter to her names nothing at all.
    estate = [make_span(i, offset_min=5 * i, window_title=f"RE: PR-2024-00917 inventory {i}")
              for i in (1, 3)]
    intro = make_span(2, offset_min=10, text="From: Ottilie Brandvold <ottilieb@mediators.test>\n\n"
                      "My name is Ottilie Brandvold and I am the mediator now handling this.")
    letter = make_span(4, offset_min=260, kind="document", app="Microsoft Word",
                       window_title="Letter to Brandvold.docx - Word",
                       text="VIA EMAIL\nOttilie Brandvold\nottilieb@mediators.test\nDear Ms. Brandvold:")
    met_today = Laptop()
    day = [*estate[:1], intro, *estate[1:], letter]
    met_today.attribute_day(day)
    assert _neighbours_of(met_today, "s4", 2) > 0
    met_today.attribute_day(day)  # the day decided again: she was still met that day
    assert _neighbours_of(met_today, "s4", 2) > 0
    # Met on an earlier day, she may be on any matter's work: no link.
    met_before = Laptop()
    seen = met_before.knowledge.memory.observation(replace(intro, id="s0"))
    met_before.knowledge = met_before.knowledge.learn(
        [Observed(seen, intro.start.date() - timedelta(days=1))])
    met_before.attribute_day([*estate[:1], intro, *estate[1:], letter])
    assert _neighbours_of(met_before, "s4", 2) == 0
    # A span that names its own matter keeps to it (opposing counsel of two matters).
    own = replace(letter, window_title="24STCV-01234 letter to Brandvold.docx - Word")
    named = Laptop()
    named.attribute_day([*estate[:1], intro, *estate[1:], own])
    assert _neighbours_of(named, "s4", 2) == 0


class _WordsEncoder:
    """An embedding by shared words: texts of one matter's vocabulary are close."""

    def encode(self, texts):
        rows = np.zeros((len(texts), 256))
        for i, text in enumerate(texts):
            for word in re.findall(r"[a-z]{4,}", text.lower()):
                rows[i, zlib.crc32(word.encode()) % 256] += 1.0
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


def test_what_the_embedding_makes_of_a_span_reaches_the_span_after_it():
    # One client, two matters. The draft's name leans to the trust, its words to the injury
    # claim: only the embedding weighs the words. The call right after it shows nothing and
    # leans on the draft as the embedding left it, not as the names alone had it.
    reyes = make_contact(51, "Ana Reyes")
    injury = make_matter(51, "Reyes v. Harbor Freight Lines", (reyes,),
                         practice_area="Personal Injury")
    trust = make_matter(52, "Reyes Family Trust", (reyes,), practice_area="Estate Planning")
    draft = make_span(1, kind="document", app="Microsoft Word", window_title="Draft.docx - Word",
                      text="Reyes Family: personal injury")
    call = make_span(2, offset_min=7, kind="call", app="Zoom", window_title="Zoom Meeting",
                     text="")
    laptop = Laptop([injury, trust])
    laptop.attribute_day([draft, call])
    assert laptop.row("s2", 52) is not None  # by names alone, the draft is the trust's
    laptop = Laptop([injury, trust])
    laptop.engine = replace(laptop.engine, encoder=_WordsEncoder())
    laptop.attribute_day([draft, call])
    assert laptop.row("s2", 51).neighbours > 0
    assert laptop.row("s2", 52) is None or laptop.row("s2", 52).neighbours == 0


def test_a_matters_word_inside_someone_elses_name_does_not_name_the_matter():
    dental = make_contact(41, "Pinecrest Dental Group", kind="company")
    jolene = make_contact(42, "Jolene Okonkwo")
    matter = make_matter(41, "Okonkwo v. Pinecrest Dental Group", (jolene, dental),
                         description="Wage claim for Jolene at the Millbrook clinic")
    attributor = Laptop([*MATTERS, matter])
    assert attributor.named("pinecrest").get(41) == "short"
    assert attributor.named("jolene").get(41) == "detail1"

    def scores(text):
        return attributor.evidence(make_span(1, text=text)).scores.get(41, 0.0)

    assert scores("Accounts Overview - Pinecrest Credit Union") == 0
    assert scores("Dear Jolene Rocha:") == 0
    # The matter's own words around it, or the word alone, still count.
    assert scores("Pinecrest Dental hygienist schedules") > 0
    assert scores("Pinecrest sent the schedules") > 0
    assert scores("Jolene Rocha and Pinecrest") > 0



def _neighbours_of(attributor, span_id, case):
    row = attributor.row(span_id, case)
    return row.neighbours if row else 0.0
