"""Workflows: the small runs of spans a timekeeper's day is made of, each labelled with its matter."""

from __future__ import annotations

import random

from . import apps
from .content import (
    SHEETS,
    doc_page,
    docket_lines,
    file_name,
    file_path,
    search_results,
    sheet_rows,
    signature,
)
from .desk import Desk, Draft, Thread
from .records import Case, Party
from .screens import Mail, inbox_only, mail_screen


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _billable(case: Case) -> bool:
    return case.billing_type != "pro_bono"


def _span(d: Desk, screen, minutes: float, case: Case | None, cue: str, party: Party | None = None) -> Draft:
    return Draft(screen, minutes, case.id if case else None, _billable(case) if case else False, cue,
                 party.name.full if party else None)


def _mail(d: Desk, m: Mail, compose: bool = False):
    p = d.world.profile
    return mail_screen(d.mail_app, m, d.rows(m.subject), d.me, p.firm_name.split()[0], d.browser, d.rng, compose)


def _new_party(d: Desk, case: Case) -> tuple[Party | None, bool]:
    """The matter's new outsider, and whether this span introduces them (met for the first time)."""
    if case.id not in d.owned or not case.new_parties:
        return None, False
    np_ = case.new_parties[0]
    if case.id in d.met:
        return (np_, False) if d.rng.random() < 0.6 else (None, False)
    if d.rng.random() < 0.35:
        d.met[case.id] = np_
        return np_, True
    return None, False


def email_work(d: Desk, case: Case) -> list[Draft]:
    rng = d.rng
    t = d.thread(case, d.world.profile.generic_subject_rate)
    party, intro = _new_party(d, case)
    extra, cc = None, ()
    if party is not None:
        if intro:
            extra = f"I am copying {party.name.full} of {party.org}, who will be handling this going forward."
            cc = (party.email,)
        elif rng.random() < 0.5:
            t = Thread(case, rng.choice(("Scheduling", "Following up", f"{party.org} - records", "Our call")),
                       True, (party.name.full, party.email, party.role))
            d.threads[case.id] = t
        else:
            extra = f"{party.name.full} will join the call as well."
    cue = "generic_subject" if t.generic else "subject"
    m = d.incoming(t, extra, cc)
    out = [_span(d, _mail(d, m), rng.uniform(0.6, 5), case, cue, party)]
    if rng.random() < 0.55:
        r = d.reply(t, extra if party is not None and rng.random() < 0.5 else None)
        mentions = party if party is not None and extra and extra in r.body else None
        out.append(_span(d, _mail(d, r, compose=True), rng.uniform(1.5, 9), case, cue, mentions))
    return out


def call_work(d: Desk, case: Case) -> list[Draft]:
    rng = d.rng
    p = d.world.profile
    app = _weighted(rng, p.call_apps)
    party, intro = _new_party(d, case)
    people = d.correspondents(case)
    who = rng.choice(people)
    names = [d.user.name.full, who[0]]
    if party is not None:
        names.append(f"{party.name.full} ({party.org})" if intro else party.name.full)
    meeting = rng.random() < 0.3
    topic = rng.choice((f"{case.handle} - {case.stage}", f"Call re {case.handle}", who[0], "Catch up", "Call"))
    minutes = rng.randint(6, 50)
    notes = (f"Meeting notes: {rng.choice(case.docs)}",) if meeting and rng.random() < 0.5 else ()
    screen = apps.call(app, topic, tuple(names), minutes, notes, rng, meeting)
    out = [_span(d, screen, minutes, case, "call_participant", party)]
    if rng.random() < 0.6:  # the follow-up note, often under a subject that names nothing
        t = Thread(case, rng.choice(("Thanks for your time today", "Following up on our call", "Next steps", "As discussed")),
                   True, who)
        t.last_line = "Thanks for the call."
        r = d.reply(t, f"{party.name.full} will send the records directly." if party is not None else None)
        out.append(_span(d, _mail(d, r, compose=True), rng.uniform(2, 10), case, "after_call",
                         party if party is not None else None))
    return out


def _research(d: Desk, case: Case) -> Draft:
    rng = d.rng
    p = d.world.profile
    site = _weighted(rng, tuple(x for x in p.research if x[0] in ("westlaw", "lexis", "scholar")) or (("scholar", 1.0),))
    query = rng.choice(case.topics)
    client_id = None
    if site in ("westlaw", "lexis") and rng.random() < 0.45:
        client_id = rng.choice((case.matter_no, f"{case.matter_no} {case.handle}", case.handle.upper()))
    screen = apps.research(site, query, search_results(query, p.state, rng), client_id, p.state, d.browser)
    return _span(d, screen, rng.uniform(2, 14), case, "research_client_id" if client_id else "neighbour")


def _doc_span(d: Desk, case: Case, doc: str, name: str, path: str | None, party: Party | None) -> Draft:
    rng = d.rng
    pages = rng.randint(2, 24)
    page = 1 if rng.random() < 0.35 else rng.randint(2, pages)
    body = doc_page(case, doc, page, d.world, rng, party)
    if name.endswith(".xlsx"):
        screen = apps.excel(name, path, sheet_rows(case, doc, d.day, rng), rng.choice(("Sheet1", "Summary", "Detail")))
    elif name.endswith(".pdf"):
        screen = apps.pdf(d.world.profile.pdf_app, name, path, body, page, pages)
    else:
        screen = apps.word(name, path, body, page, pages, rng)
    return _span(d, screen, rng.uniform(3, 30), case, "document", party)


def drafting_work(d: Desk, case: Case) -> list[Draft]:
    rng = d.rng
    p = d.world.profile
    doc = rng.choice(case.docs)
    ext = "xlsx" if doc in SHEETS else "pdf" if rng.random() < 0.25 else "docx"
    name = file_name(case, doc, p.doc_naming, d.day, rng, ext)
    path = file_path(case, name, p.doc_root, d.user, d.world, rng)
    party = d.met.get(case.id) if rng.random() < 0.3 else None
    out: list[Draft] = []
    for _ in range(rng.randint(1, 4)):
        out.append(_doc_span(d, case, doc, name, path, party))
        if rng.random() < 0.4:
            out.append(_research(d, case))
        if rng.random() < p.interrupt_rate:
            other = d.pick_case()
            if other.id != case.id:
                out += email_work(d, other)[:1]
    return out


def court_work(d: Desk, case: Case) -> list[Draft]:
    rng = d.rng
    p = d.world.profile
    judge = next((x.name.full for x in case.parties if x.role == "judge"), "")
    shown = case.name if rng.random() < 0.7 else case.name.split(" v. ")[0] + " v. " + "et al."
    screen = apps.court_site(p.efiling, p.state, case.number, shown, docket_lines(case, d.day, rng), judge, d.browser, rng)
    out = [_span(d, screen, rng.uniform(2, 10), case, "court_number")]
    if rng.random() < 0.5:
        doc = rng.choice(case.docs)
        name = f"{rng.randint(1, 80)}-{rng.randint(0, 3)}.pdf" if rng.random() < 0.4 else file_name(case, doc, p.doc_naming, d.day, rng, "pdf")
        out.append(_doc_span(d, case, doc, name, None, None))
    return out


def records_work(d: Desk, case: Case) -> list[Draft]:
    """Looking someone up: the county recorder for a party, or the bar for opposing counsel."""
    rng = d.rng
    p = d.world.profile
    oc = next((x for x in case.parties if x.role == "opposing_counsel"), None)
    if oc is not None and rng.random() < 0.5:
        return [_span(d, apps.bar_lookup(p.state, oc.name.full, oc.org, d.browser, rng), rng.uniform(1, 4), case, "counsel")]
    names = tuple(n.full for n, _ in d.world.contacts(case))[:2] or (case.handle,)
    return [_span(d, apps.county_records(p.state, names, d.browser, rng), rng.uniform(2, 8), case, "client_name")]


def folder_work(d: Desk, case: Case) -> list[Draft]:
    """Looking through the matter's folder for a file."""
    rng = d.rng
    p = d.world.profile
    names = tuple(file_name(case, doc, p.doc_naming, d.day, rng, rng.choice(("docx", "pdf"))) for doc in case.docs)
    path = file_path(case, names[0], p.doc_root, d.user, d.world, random.Random(rng.random())) or names[0]
    folder = path.rsplit("\\" if "\\" in path else "/", 1)[0] if ("\\" in path or "/" in path) else case.handle
    screen = apps.file_browser(p.doc_root == "mac_home", folder, names, rng)
    return [_span(d, screen, rng.uniform(0.5, 3), case, "file_names")]


def mycase_work(d: Desk, case: Case) -> list[Draft]:
    rng = d.rng
    p = d.world.profile
    lines = (case.name, f"Case number: {case.number or '-'}", f"Practice area: {case.area}", f"Stage: {case.stage}",
             "Items & Info  Documents  Calendar  Time & Billing  Messages  Notes")
    url_id = case.id if rng.random() < 0.5 else None
    return [_span(d, apps.mycase("court_cases", lines, case.name, p.firm_slug, d.browser, url_id), rng.uniform(1, 5), case, "mycase")]


def chat_work(d: Desk, case: Case) -> list[Draft]:
    rng = d.rng
    p = d.world.profile
    mates = [s for s in d.world.staff if s.id != d.user.id and s.id in case.staff_ids] or [s for s in d.world.staff if s.id != d.user.id]
    mate = rng.choice(mates)
    doc = rng.choice(case.docs)
    ask = rng.choice((f"Can you pull the {case.handle} {doc.lower()}?", f"Did the {doc.lower()} go out?",
                      "Do you have a minute to talk about the call this morning?",
                      f"{case.handle} client called, wants a call back today", "Filed. Stamped copy is in the folder."))
    msgs = (f"{mate.name.first} {mate.name.last}  {rng.randint(8, 17)}:{rng.randint(10, 59)}", ask, "",
            f"{d.user.name.first}  ok, on it", "thanks!")
    channel = None if rng.random() < 0.8 else "litigation"
    cue = "chat_handle" if case.handle in ask else "neighbour"
    return [_span(d, apps.chat(p.chat_app, mate.name.full, channel, msgs, p.firm_name.split()[0]), rng.uniform(0.5, 4), case, cue)]


def off_work(d: Desk) -> list[Draft]:
    """Time that must never reach a bill: personal browsing, firm admin, CLE, inbox triage."""
    rng = d.rng
    p = d.world.profile
    what = rng.choice(("news", "shopping", "benefits", "lunch", "cle", "weather", "banking", "intranet",
                       "announce", "triage", "timesheet", "cle_webinar"))
    if what == "announce":
        managing = d.world.staff[0]
        subject = rng.choice(("Office closed Friday - building maintenance", "Reminder: time entries due Friday 5 pm",
                              "Welcome our new paralegal", "Holiday party RSVP", "IT: phishing test results"))
        m = Mail(managing.name.full, managing.email, ("All Staff",), (), subject, d.now(received=True),
                 ("All,", "", "Please see below and reach out with any questions.", *signature(managing, d.world)))
        d.remember(m)
        return [_span(d, _mail(d, m), rng.uniform(0.5, 3), None, "firm_internal")]
    if what == "triage":
        screen = inbox_only(d.mail_app, d.rows(), d.me, p.firm_name.split()[0], d.browser, rng)
        return [_span(d, screen, rng.uniform(0.5, 3), None, "inbox_triage")]
    if what == "timesheet":
        lines = ("Time Entries  This week", *(f"{c.name[:34]}  {rng.randint(1, 30) / 10:.1f}  {rng.choice(d.world.activity_names)}"
                                             for c in rng.sample(d.caseload, min(5, len(d.caseload)))))
        return [_span(d, apps.mycase("time_entries", lines, "Time Entries", p.firm_slug, d.browser, None), rng.uniform(2, 10), None, "timesheet")]
    if what == "cle_webinar":
        app = _weighted(rng, p.call_apps)
        screen = apps.call(app, "CLE: Ethics of Generative AI in Legal Practice", ("Presenter", "Q&A", "Attendees (212)"),
                           rng.randint(20, 60), (), rng, True)
        return [_span(d, screen, rng.uniform(20, 55), None, "cle")]
    return [_span(d, apps.off_page(what, d.browser, rng), rng.uniform(1, 12), None, "personal")]


WORK = (("email", 0.34, email_work), ("call", 0.14, call_work), ("draft", 0.24, drafting_work),
        ("court", 0.07, court_work), ("records", 0.04, records_work), ("mycase", 0.06, mycase_work),
        ("chat", 0.09, chat_work), ("folder", 0.03, folder_work))


def next_task(d: Desk) -> list[Draft]:
    rng = d.rng
    if rng.random() < d.world.profile.personal_rate:
        return off_work(d)
    case = d.pick_case()
    options = [(n, w, f) for n, w, f in WORK if n != "court" or case.filed]
    _, _, fn = rng.choices(options, weights=[w for _, w, _ in options])[0]
    return fn(d, case)
