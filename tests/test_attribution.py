"""Attribution on small invented matters: each test pins one behaviour."""

from dataclasses import replace
from datetime import timedelta

import pytest
from factories import T0, make_contact, make_matter, make_remote_entry, make_span, make_staff
from laptop import BRIGHT, HOLLIS, MATTERS, OKAFOR, Laptop

from pipeline.attribute import (
    Engine,
    work_text,
)
from pipeline.combiner import DEFAULT_COMBINER
from pipeline.history import fit
from pipeline.knowledge import firm_keys
from tenths.records import Staff
from tenths.store import Store


@pytest.fixture
def attributor():
    return Laptop()


def test_a_case_number_decides_with_confidence(attributor):
    [a] = attributor.attribute_day([make_span(1, window_title="24STCV-01234 minute order")])
    assert (a.case_id, a.abstained) == (1, False)
    assert a.confidence > 0.9
    assert "id:docket" in a.reasons


def test_an_email_address_identifies_the_client(attributor):
    [a] = attributor.attribute_day([make_span(1, text="From: dana.okafor@example.test")])
    assert a.case_id == 1


def test_an_email_address_misread_by_ocr_still_identifies_the_client(attributor):
    [a] = attributor.attribute_day([make_span(1, text="From: dana.okafor@exarnple.test")])
    assert a.case_id == 1 and "id:email" in a.reasons


def test_an_opening_quote_ocr_read_inside_a_name_does_not_split_it(attributor):
    said = "Re: the estate\nRegarding {}: the inventory is attached."
    clean = attributor.evidence(make_span(1, text=said.format("Marguerite Hollis")))
    specked = attributor.evidence(make_span(2, text=said.format("Marguerite Ho\u2018llis")))
    assert specked.scores == clean.scores and clean.scores


def test_a_companys_main_line_weighs_what_its_domain_does_and_a_clients_phone_is_an_id():
    brightline = replace(BRIGHT, phones=("(619) 555-0100",))
    attributor = Laptop([replace(MATTERS[0], contacts=(OKAFOR, brightline)), *MATTERS[1:]])
    caller = make_span(1, kind="call", app="RingCentral", text="Incoming call\n(619) 555-0142")
    switchboard = make_span(2, text="Regards,\nUna Pirrie\nDirect: (619) 555-0100")
    assert attributor.evidence(caller).id_hits == {1: 3.0}
    assert attributor.evidence(switchboard).scores == {1: 1.0}
    assert attributor.evidence(switchboard).id_hits == {}


_INBOX = ("Inbox\nUna Pirrie 9:12 AM\n24STCV-01234 deposition dates\nSee attached\n"
          "Rex Moyo 8:40 AM\nLunch Friday?\nSee you there\nAda Kerr Fri\nParking\nNew passes\n")
_OPEN = ("PR-2024-00917 inventory\nMarguerite Hollis <mhollis@example.test>\nTo: me\n"
         "Tue 3/10/2026 2:12 PM\nThe inventory is attached.")


def test_an_inbox_beside_an_open_message_counts_the_open_message_not_the_list(attributor):
    ev = attributor.evidence(make_span(1, window_title="Inbox - Outlook", text=_INBOX + _OPEN))
    assert 2 in ev.scores and 1 not in ev.scores
    # Its sender's line lost, the open message is known by its "To:" line's address.
    shown = _OPEN.replace("Marguerite Hollis <mhollis@example.test>\nTo: me",
                          "To: me@firm.example")
    ev = attributor.evidence(make_span(2, window_title="Inbox - Outlook", text=_INBOX + shown))
    assert 2 in ev.scores and 1 not in ev.scores


def test_an_open_message_whose_header_gives_its_fields_counts_below_the_list(attributor):
    opened = ("PR-2024-00917 inventory\nFrom: Marguerite Hollis\nTo: me\n"
              "Tue 3/10/2026 2:12 PM\nThe inventory is attached.")
    ev = attributor.evidence(make_span(1, window_title="Inbox - Mail", text=_INBOX + opened))
    assert 2 in ev.scores and 1 not in ev.scores


def test_a_message_without_a_list_above_it_is_read_whole(attributor):
    # Its quoted thread carries times too, below its sender: none of it is dropped.
    text = _OPEN + "\nOn Mon 9:12 AM Una Pirrie <una@example.test> wrote:\n24STCV-01234 dates"
    ev = attributor.evidence(make_span(1, window_title="RE: inventory", text=text))
    assert {1, 2} <= ev.scores.keys()
    # Nor is one whose own header names no address in brackets, above times in its body.
    text = ("From: Una Pirrie\nTo: me\nSubject: 24STCV-01234 calls\nCalls at 9:00 AM,\n"
            "11:30 AM\nand 4:15 PM.\nOn Mon, Marguerite Hollis <mh@example.test> wrote:\n"
            "PR-2024-00917 inventory")
    ev = attributor.evidence(make_span(2, window_title="RE: calls", text=text))
    assert {1, 2} <= ev.scores.keys()


def test_a_shared_name_alone_is_not_enough(attributor):
    # "Dana Okafor" is the client on matters 1 and 3: the honest answer is "which matter?".
    [a] = attributor.attribute_day([make_span(1, window_title="Call with Dana Okafor")])
    assert a.abstained and a.case_id is None


def test_a_research_span_takes_its_neighbours_matter(attributor):
    spans = [
        make_span(1, window_title="RE: PR-2024-00917 inventory - Message (HTML)"),
        make_span(2, kind="browser", app="Google Chrome", window_title="Westlaw - search results",
                  url="https://next.westlaw.example/search?q=spousal+property+petition"),
        make_span(3, window_title="Hollis inventory and appraisal", text="Marguerite Hollis"),
    ]
    attributions = attributor.attribute_day(spans)
    assert [a.case_id for a in attributions] == [2, 2, 2]


def test_nothing_known_abstains_rather_than_guessing(attributor):
    [a] = attributor.attribute_day([make_span(1, kind="browser", app="Chrome",
                                              window_title="Weather forecast")])
    assert a.abstained


def test_a_client_is_met_without_the_middle_name_mycase_keeps():
    lachlan = make_contact(31, "Lachlan Jose Hadley")
    attributor = Laptop([make_matter(4, "Hadley v. Dungate Transit, Corp.", (lachlan,))])
    [a] = attributor.attribute_day([make_span(1, kind="meeting", window_title="Zoom Meeting",
                                              text="Call with Lachlan Hadley")])
    assert a.case_id == 4
    assert "full_name:name" in a.reasons


def test_a_party_introduced_this_morning_is_known_this_afternoon(attributor):
    introduced = make_span(1, window_title="24STCV-01234 - new adjuster",
                           text="My name is Ottoline Brackenridge and I am the adjuster now "
                                "handling this claim")
    call = make_span(2, offset_min=300, kind="call", app="RingCentral",
                     window_title="Call with Ottoline Brackenridge", text="Incoming call")
    [alone] = Laptop().attribute_day([call])
    assert alone.abstained
    first, later = attributor.attribute_day([introduced, call])
    assert first.case_id == 1 and first.confidence >= 0.9
    assert later.case_id == 1
    assert "alias:name" in later.reasons


def test_a_call_decided_from_its_neighbours_is_looked_at_again_once_the_day_taught():
    estate = [make_span(i, offset_min=5 * i,
                        window_title="RE: PR-2024-00917 inventory - Message (HTML)",
                        text="Marguerite Hollis inventory and appraisal")
              for i in (1, 2, 4, 5)]
    call = make_span(3, offset_min=15, kind="call", app="RingCentral",
                     window_title="Call with Ottoline Brackenridge", text="Incoming call")
    introduced = make_span(6, offset_min=300, window_title="24STCV-01234 - new adjuster",
                           text="My name is Ottoline Brackenridge and I am the adjuster now "
                                "handling this claim")
    day = [*estate[:2], call, *estate[2:]]
    # The hand-set weights, which bill a call between four emails of one matter to it
    # (how sure a trained model is of such a call changes with each retraining).
    guess = Laptop(MATTERS, combiner=DEFAULT_COMBINER).attribute_day(day)[2]
    assert guess.case_id == 2 and not guess.abstained  # its neighbours' matter
    attributor = Laptop(MATTERS, combiner=DEFAULT_COMBINER)
    decisions = attributor.attribute_day([*day, introduced])
    assert decisions[5].case_id == 1 and decisions[5].confidence >= 0.9
    # The adjuster's name now speaks for matter 1 against four neighbours for the estate:
    # the call is not billed to the estate on a guess any more.
    assert attributor.evidence(call).aliases == {1: 1.5}
    assert decisions[2].case_id != 2


def test_the_firms_own_people_on_screen_are_counted():
    staff = [make_staff(7), Staff(8, "Imogen", "Harrowgate", "ih@firm.test", "Lawyer", "Partner",
                                  True, None, T0)]
    attributor = Laptop(MATTERS, stop_keys=firm_keys(staff))
    meeting = make_span(1, kind="meeting", app="Microsoft Teams", window_title="Weekly staff meeting",
                        text="Participants: Rowan Testperson, Imogen Harrowgate\n"
                             "Agenda: holiday party, the Brightline Logistics file")
    attributor.attribute_day([meeting])
    rows = attributor.weighed[meeting.id].rows
    assert rows and {row.firm_people for row in rows} == {2.0}
    client = make_span(2, text="From: dana.okafor@example.test")
    attributor.attribute_day([client])
    rows = attributor.weighed[client.id].rows
    assert rows and {row.firm_people for row in rows} == {0.0}


def test_a_call_weighs_the_matter_of_the_email_that_follows_it_within_the_gap():
    attributor = Laptop(MATTERS)
    call = make_span(1, kind="call", app="RingCentral", window_title="Call", text="On call")
    after = make_span(2, offset_min=12, window_title="RE: PR-2024-00917 inventory - Message",
                      text="Following up on our call.")
    attributor.attribute_day([call, after])
    weighed = attributor.weighed[call.id]
    rows = dict(zip(weighed.candidates, weighed.rows, strict=True))
    assert rows[2].following > 0.5 and rows[2].conversation == 1.0
    later = replace(after, id="s3", start=after.start + timedelta(hours=3),
                    end=after.end + timedelta(hours=3))
    attributor.attribute_day([call, later])
    assert not any(row.following for row in attributor.weighed[call.id].rows)


def test_a_colleagues_surname_shared_with_a_caption_names_no_matter():
    # "Hollis v. Brightline": its caption party is one word, which a colleague's name
    # also holds.
    hollis = make_matter(4, "Hollis v. Brightline Logistics, Inc.", (), practice_area="Litigation")
    staff = [make_staff(7), Staff(8, "Imogen", "Hollis", "ih@firm.test", "Lawyer", "Partner",
                                  True, None, T0)]
    attributor = Laptop([*MATTERS, hollis], stop_keys=firm_keys(staff))
    call = make_span(1, kind="call", window_title="Call with Imogen Hollis", text="On call 00:12")
    assert 4 not in attributor.evidence(call).scores
    alone = make_span(2, kind="document", window_title="Hollis - brief.docx", text="Draft")
    assert 4 in attributor.evidence(alone).scores


@pytest.mark.parametrize("to", ["All Staff", "All Attorneys & Paralegals",
                                "All Staff <allstaff@firm.test>"])
def test_an_email_to_the_whole_firm_is_the_firms_own_time(to):
    staff = [make_staff(7), Staff(8, "Imogen", "Harrowgate", "ih@firm.test", "Lawyer", "Partner",
                                  True, None, T0)]
    attributor = Laptop(MATTERS, stop_keys=firm_keys(staff))
    around = [make_span(i, offset_min=7 * i, window_title=f"24STCV-01234 reply {i}")
              for i in (1, 3)]
    notice = make_span(2, offset_min=14, window_title="Office closure - Message (HTML)",
                       text=f"From: Imogen Harrowgate <ih@firm.test>\nTo: {to}\n"
                            "Subject: Office closure\n\nThe office closes early on Friday.")
    first, a, last = attributor.attribute_day([around[0], notice, around[1]])
    assert first.case_id == last.case_id == 1
    assert (a.case_id, a.abstained, a.billable) == (None, False, False)
    assert "firm-wide announcement" in a.reasons
    # Written to a person, the same words are no announcement.
    memo = replace(notice, id="s4", text=notice.text.replace(f"To: {to}", "To: Dana Okafor"))
    [b] = Laptop(MATTERS, stop_keys=firm_keys(staff)).attribute_day(
        [around[0], memo, around[1]])[1:2]
    assert "firm-wide announcement" not in b.reasons


def test_a_short_number_of_the_description_is_a_detail_not_an_identifier():
    sale = make_matter(5, "Rohan Petrov - Purchase of 3441 Quarry Pl", (),
                       description="Purchase of 3441 Quarry Pl. Escrow no. 4471-2210.",
                       practice_area="Real Estate")
    attributor = Laptop([*MATTERS, sale])
    bank = attributor.evidence(make_span(1, kind="browser", window_title="Accounts Overview",
                            text="Checking ...3441  $3,426.28"))
    assert not bank.id_hits
    escrow = attributor.evidence(make_span(2, text="Escrow 4471-2210 closing statement"))
    assert escrow.id_hits.get(5)
    # On a research service the short number is a reporter's volume or page.
    research = attributor.evidence(make_span(3, kind="browser",
                                             url="https://1.next.westlaw.com/Search",
                                             text="1. Merriam v. Abelard (2008) 972 F.Supp.3d 3441"))
    assert research.scores == {}
    street = attributor.evidence(make_span(4, kind="browser", url="https://maps.example.test/",
                              text="3441 Quarry Pl"))
    assert street.scores.get(5)


SIGNATURE = "Rowan Testperson\nPartner\n4305 Kestrel Blvd, Suite 1600, Denver, CO"


def test_the_firms_street_in_every_signature_stops_counting_for_the_matter_on_it():
    sale = make_matter(5, "Kamala Whitaker v. Copperline Builders, Inc.", (),
                       description="Property: 8823 Kestrel Blvd.", practice_area="Real Estate")
    attributor = Laptop([*MATTERS, sale])
    day = [make_span(i, text=f"Subject: note {i}\n{SIGNATURE}") for i in range(1, 13)]
    attributor.attribute_day(day)
    assert not attributor.evidence(day[0]).scores.get(5)
    own = make_span(20, offset_min=60 * 24, text=f"Whitaker lease on Kestrel Blvd\n{SIGNATURE}")
    assert attributor.evidence(own).scores.get(5)  # the party's own name still counts


def test_a_shared_surname_goes_to_the_matter_whose_kind_of_work_the_words_are():
    adeyemi = make_contact(31, "Fitzgerald Adeyemi")
    immigration = make_matter(31, "Matter of Adeyemi (I-751)", (adeyemi,),
                              description="Removal of conditions on residence; receipt notice.",
                              practice_area="Immigration")
    bankruptcy = make_matter(32, "In re Fitzgerald Adeyemi (Ch. 7)", (adeyemi,),
                             description="Chapter 7 petition; schedules; trustee; creditors.",
                             practice_area="Bankruptcy")
    history = [make_remote_entry(1, 32, "Prepare for 341 meeting of creditors with trustee."),
               make_remote_entry(2, 31, "Prepare client for interview; biometrics notice.")]
    attributor = Laptop([immigration, bankruptcy], history)
    span = make_span(1, text="Adeyemi - the trustee asked for bank statements before the 341 "
                             "meeting of creditors.")
    attributor.attribute_day([span])
    fit = {c: attributor.row(span.id, c).area for c in (31, 32)}
    assert fit[32] > 0.9 > 0.1 > fit[31]


def test_a_research_pages_kind_of_work_is_its_query_not_the_cases_it_lists():
    page = make_span(1, kind="browser", app="Microsoft Edge",
                     window_title="Westlaw Edge - search results",
                     url="https://1.next.westlaw.com/Search/Results.html",
                     text="Thomson Reuters Westlaw Edge\nSearch: chain of custody blood alcohol\n"
                          "Cases (401)\n1. Kemble v. County of Marlin (2016) 184 Ill.App.3d 700\n"
                          "   ...the lease was terminated...\n2. Merriam v. Farrow (2011)")
    assert work_text(page) == "chain of custody blood alcohol"  # not the service's words
    assert "Kemble" not in work_text(page) and "lease" not in work_text(page)
    email = make_span(2, text="Agenda:\n1. Kemble deposition\n2. lease")
    assert "Kemble" in work_text(email)


_RESULTS = ("Cases (212)\n1. Hollis v. Quarrystone Rail (2019)\n"
            "2. Okafor v. Brightline Logistics (2021)")


def _westlaw(i, query):
    return make_span(i, kind="browser", app="Chrome", window_title=f"{query} | Westlaw",
                     url=f"https://1.next.westlaw.com/Search/Results.html?query={query}",
                     text=_RESULTS)


def test_a_research_page_counts_the_names_searched_for_not_those_of_the_cases_it_lists(
        attributor):
    assert attributor.evidence(_westlaw(1, "medical+lien+reduction")).scores == {}
    assert 2 in attributor.evidence(_westlaw(2, "Marguerite+Hollis")).scores


def test_a_restarted_laptop_still_knows_whom_it_met_on_earlier_days():
    mediator = "ottilieb@mediators.test"
    yesterday = make_span(1, offset_min=-60 * 20, text=f"From: Ottilie Brandvold <{mediator}>")
    letter = make_span(2, kind="document", app="Microsoft Word", text=f"VIA EMAIL\n{mediator}")
    today = letter.start.date()
    with Store.open(":memory:") as store:
        store.catalog.save_staff([make_staff()])
        store.catalog.save_contacts([OKAFOR, BRIGHT, HOLLIS])
        store.catalog.save_matters(MATTERS)
        store.activity.add_spans([yesterday, letter])
        assert fit(store, 7, Engine()).memory.strangers({mediator}, today) == {mediator}
        store.activity.save_attributions(Laptop().attribute_day([yesterday]))
        assert fit(store, 7, Engine()).memory.strangers({mediator}, today) == set()


