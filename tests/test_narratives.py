"""Narratives: verb-first clauses from cleaned names, no chrome, no misread words, the
firm's learned voice, and edits that later drafts follow."""

from datetime import date
from decimal import Decimal

from factories import T0, make_contact, make_matter, make_span, make_staff

from pipeline.chrome import learn_chrome
from pipeline.draft import DraftContext, draft_day
from pipeline.narrative import make_environment
from pipeline.style import clause_shape, fit_style
from pipeline.vocabulary import Vocabulary
from tenths.records import Attribution
from tenths.settings import BillingSettings

NAMES = ["Email", "Draft/Revise", "Legal Research", "Telephone Call", "Meeting",
         "Review Documents"]
DAY = date(2026, 11, 2)


def _draft(spans, case_id=1, style_history=(), edits=(), contacts=(), **billing):
    matter = make_matter(1, "Pinecrest Dental Group, Inc. v. Iron Creek Software, Co.",
                         contacts=contacts)
    other = make_matter(2, "Okafor v. Brightline Logistics, Inc.")
    style = fit_style(style_history, edits)
    ctx = DraftContext({1: matter, 2: other}, {7: make_staff()}, NAMES, Decimal("250"),
                       make_environment(), BillingSettings(**billing), style)
    said = {s.id: Attribution(s.id, case_id if not s.id.startswith("o") else 2, 0.9, False, True)
            for s in spans}
    return draft_day(7, DAY, spans, said, ctx, T0)


def test_a_document_is_named_by_its_cleaned_name():
    span = make_span(1, minutes=30, kind="document", app="Microsoft Word",
                     window_title="Pinecrest - Motion for Summary Judgment DRAFT v3.docx - Word")
    (entry,) = _draft([span])
    assert entry.description == "Draft and revise Motion for Summary Judgment."


def test_mail_prefixes_and_the_matters_own_name_leave_the_subject():
    span = make_span(1, minutes=12, text="From: Olamide Baxter <obaxter@okoro-law.example>\n"
                     "To: Rowan Testperson <rowan@example.test>\n"
                     "Subject: RE: FW: AW: Pinecrest v. Iron Creek - expert disclosures\n\n"
                     "Olamide Baxter\nPartner\nOkoro Ellison Law Group")
    (entry,) = _draft([span])
    assert "expert disclosures" in entry.description
    assert "RE:" not in entry.description and "Pinecrest" not in entry.description
    assert "opposing counsel Olamide Baxter" in entry.description


def test_chrome_learned_from_titles_never_reaches_a_clause():
    # The same app frames every call the same way, across matters.
    calls = [make_span(i, minutes=12, offset_min=i * 15, kind="call", app="Softphone",
                       window_title=title)
             for i, title in ((1, "Call with WIRELESS CALLER"), (2, "Call with Olamide Baxter"))]
    calls.append(make_span(9, minutes=12, offset_min=200, kind="call", app="Softphone",
                           window_title="Call with Dana Okafor"))
    calls[2] = calls[2].__class__(**{**{f: getattr(calls[2], f) for f in calls[2].__slots__},
                                     "id": "o9"})
    entries = _draft(calls)
    text = " ".join(e.description for e in entries)
    assert "WIRELESS" not in text and "CALLER" not in text and "Call with" not in text
    assert "Olamide Baxter" in text


def test_chrome_is_the_words_most_of_an_apps_titles_share_across_matters():
    spans = [make_span(1, app="Zoom", kind="meeting", window_title="Zoom Meeting"),
             make_span(2, app="Zoom", kind="meeting", window_title="Zoom Meeting"),
             make_span(3, app="Zoom", kind="meeting", window_title="Deposition prep")]
    chrome = learn_chrome(spans, {"s1": 1, "s2": 2, "s3": 1})
    assert chrome.of(spans[0]) >= {"zoom", "meeting"}
    assert "deposition" not in chrome.of(spans[0])


def test_a_misread_word_is_repaired_from_the_day_or_left_out():
    misread = make_span(1, minutes=10, text="From: Ines Zaman <izaman@oakpoint.example>\n"
                        "Subject: Harborlight v. Dunwater - deposition ot 30(b)(6) witness")
    clean = make_span(2, minutes=10, offset_min=30, kind="meeting", app="Zoom",
                      window_title="Zoom Meeting", text="Agenda: deposition of 30(b)(6) witness")
    (entry,) = _draft([misread, clean])
    assert " ot " not in entry.description
    assert "deposition of 30(b)(6) witness" in entry.description
    alone = make_span(3, minutes=10, window_title="Scan 20241104 - Document3 - qwzxv estimatte")
    (entry,) = _draft([alone])
    for bad in ("Document3", "qwzxv", "estimatte", "Scan", "various"):
        assert bad not in entry.description


def test_every_clause_starts_with_a_verb():
    vocabulary = Vocabulary.from_texts([])
    spans = [make_span(1, minutes=10, kind="browser", app="Google Chrome",
                       window_title="Westlaw", url="https://westlaw.example.test/s?query=laches"),
             make_span(2, minutes=10, offset_min=20, kind="document", app="Adobe Acrobat",
                       window_title="Expert Report.pdf - Adobe Acrobat Pro"),
             make_span(3, minutes=10, offset_min=40, kind="call", app="Phone",
                       window_title="Call with Olamide Baxter")]
    (entry,) = _draft(spans)
    for clause in entry.description.rstrip(".").split(";"):
        assert vocabulary.starts_with_verb(clause.strip()), clause


def test_the_firms_style_is_learned_from_its_past_narratives():
    history = [("Telephone Call", "Telephone call with client re: plea offer.", 1),
               ("Telephone Call", "Telephone call with Dr. Ana Ruiz re: records.", 2),
               ("Email", "Email exchange with client re: status and next steps.", 1),
               ("Email", "Email exchange with Kasimir Bascombe re: deposition scheduling.", 2)]
    style = fit_style(history)
    assert style.word("regarding") == "re:" and style.client_word and style.lower_topics
    client = make_contact(31, "Matthias Khatri", email="mkhatri@pinecrest.example")
    span = make_span(1, minutes=10, text="From: mkhatri@pinecrest.example\n"
                     "Subject: Document Production\n")
    (entry,) = _draft([span], style_history=history, contacts=(client,))
    assert entry.description == "Email exchange with client re: document production."


def test_an_edited_narrative_leads_later_drafts_of_similar_work():
    history = [("Email", "Email exchange with client re: status and next steps.", 1)] * 3
    span = make_span(1, minutes=10, text="From: Olamide Baxter <obaxter@okoro-law.example>\n"
                     "Subject: Protective order\n\nOlamide Baxter\nOkoro Ellison Law Group")
    (before,) = _draft([span], style_history=history)
    assert before.description.startswith("Email exchange with")
    edit = ("Email", "Negotiate with opposing counsel re: protective order terms.", 1)
    (after,) = _draft([span], style_history=history, edits=[edit])
    assert after.description.startswith("Negotiate with opposing counsel Olamide Baxter")


def test_clause_shapes():
    assert clause_shape("Telephone conference with X re: Y") == ("party", "Telephone conference")
    assert clause_shape("Legal research re: Y") == ("topic", "Legal research")
    assert clause_shape("Draft demand letter") == ("object", "Draft")


def test_templates_come_from_the_firm_user_and_matter_directories(tmp_path):
    (tmp_path / "matters" / "1").mkdir(parents=True)
    (tmp_path / "entry.j2").write_text("FIRM: {{ clauses | join(' / ') }}")
    (tmp_path / "matters" / "1" / "entry.j2").write_text("{{ clauses | join(' + ') }}.")
    spans = [make_span(1, minutes=10, kind="document", app="Microsoft Word",
                       window_title="Lease.docx - Word"),
             make_span(2, minutes=10, offset_min=20, kind="document", app="Microsoft Word",
                       window_title="Rent Ledger.docx - Word")]
    (entry,) = _draft(spans, templates_dir=str(tmp_path))
    assert entry.description == "Draft and revise Lease + Draft and revise Rent Ledger."
    others = [s.__class__(**{**{f: getattr(s, f) for f in s.__slots__}, "id": "o" + s.id})
              for s in spans]
    (firm,) = _draft(others, templates_dir=str(tmp_path))
    assert firm.description.startswith("FIRM: ")
