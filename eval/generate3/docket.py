"""The docket kind: a litigation firm's docketing clerk reads new docket entries of the
firm's federal cases, on the court's CM/ECF site or as the court's e-mail notice, with
docket numbers masked. MyCase knows each case's caption, parties and counsel.

With ``DocketPlan.notices``, every entry comes as the court's e-mail notice and the notice
shows the case number, as CM/ECF's do: with the judge's initials MyCase keeps, or without."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from eval.generate3 import docketentries as entries
from eval.generate3.docketfirm import case_records
from eval.generate3.docketworld import Attorney, Case, Court, Party, make_cases, make_court
from eval.generate3.fixture import (
    SpanOut,
    day_starts,
    firm_json,
    staff_record,
    working_days,
    write_fixture,
)
from eval.generate3.noise import cut, ocr
from eval.generate3.people import FIRM_TITLES, Org, Person

MASK = "[case no. masked]"


@dataclass(frozen=True)
class DocketPlan:
    entries: int = 3000
    cases: int = 150
    users: int = 1
    notices: bool = False  # e-mail notices only, case numbers shown


@dataclass(frozen=True)
class Entry:
    case: Case
    number: int | None
    filed: date
    text: str
    filer: str  # the party named as filer, or ""
    filer_attorney: Attorney | None
    outsider: str


def _us(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def _side_phrase(rng: random.Random, parties: tuple[Party, ...], label: str) -> str:
    if len(parties) > 1 and rng.random() < 0.4:
        return f"{label}s " + ", ".join(p.name for p in parties)
    party = parties[0]
    return rng.choice((f"{label} {party.name}", party.name, party.name,
                       f"{label} {party.short}" if party.person else party.name))


def _templates(case: Case, number: int) -> tuple[str, ...]:
    if case.kind.key == "social_security":
        return entries.SOCIAL_SECURITY + entries.CIVIL[:12]
    if case.kind.key == "criminal":
        return entries.CRIMINAL
    return entries.CIVIL_EARLY if number <= 8 else entries.CIVIL


def make_entry(rng: random.Random, case: Case, number: int, day: date, court: Court) -> Entry:
    template = rng.choice(_templates(case, number))
    if number <= 8 and rng.random() < 0.3 and case.kind.key not in ("social_security",
                                                                        "criminal"):
        template = rng.choice(entries.CIVIL)
    filing_ours = rng.random() < 0.5
    side = case.plaintiffs if (case.ours == "plaintiffs") == filing_ours else case.defendants
    other = case.defendants if side is case.plaintiffs else case.plaintiffs
    label = "Plaintiff" if side is case.plaintiffs else "Defendant"
    mine = case.our_counsel if filing_ours else case.their_counsel
    theirs = case.their_counsel if filing_ours else case.our_counsel
    attorney, opposite = rng.choice(mine), rng.choice(theirs)
    outsider = rng.choice(case.outsiders) if "{out}" in template else ""
    dates = sorted(day + timedelta(days=rng.randint(7, 120)) for _ in range(3))
    past = day - timedelta(days=rng.randint(1, 30))
    values = {
        "filer": _side_phrase(rng, side, label),
        "atty": f"({attorney.filer})", "atty_short": attorney.filer,
        "attyname": attorney.full, "otherattyname": opposite.full,
        "otheratty": f"({rng.choice(case.their_counsel).filer})",
        "ouratty": f"({rng.choice(case.our_counsel).filer})",
        "side": side[0].name, "otherside": other[0].name,
        "def": case.defendants[0].name, "pl": case.plaintiffs[0].name,
        "defs": ", ".join(p.name for p in case.defendants),
        "pls": ", ".join(p.name for p in case.plaintiffs),
        "all": rng.choice(("All Plaintiffs, All Defendants", "All Parties",
                           ", ".join(p.name for p in case.plaintiffs + case.defendants))),
        "judge": case.judge, "mag": case.magistrate, "clerk": rng.choice(court.clerks),
        "reporter": rng.choice(court.reporters), "today": _us(day), "past": _us(past),
        "d1": _us(dates[0]), "d2": _us(dates[1]), "d3": _us(dates[2]),
        "time": f"{rng.choice((9, 10, 11, 2, 3, 4))}:{rng.choice(('00', '30'))} "
                f"{'AM' if rng.random() < 0.5 else 'PM'}",
        "room": f"{rng.randint(11, 25)}{rng.randint(0, 2)}{rng.randint(1, 9)}",
        "term": rng.choice(case.terms), "out": outsider,
        "r": str(max(1, number - rng.randint(1, 12))),
    }
    text = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)
    if "Set/Reset" in template or template.startswith(("Minute Entry", "MINUTE ORDER",
                                                       "ELECTRONIC ORDER")):
        shown_number = None
    else:
        shown_number = number
    named = values["filer"] if "{filer}" in template else ""
    return Entry(case, shown_number, day, text, named,
                 attorney if "atty}" in template else None, outsider)


def _row(entry: Entry) -> str:
    number = str(entry.number) if entry.number is not None else ""
    return f"{_us(entry.filed)}\t{number}\t{entry.text} (Entered: {_us(entry.filed)})"


def _header(case: Case, court: Court, filed: date) -> str:
    docket = "CRIMINAL" if case.kind.office == "cr" else "CIVIL"
    lines = ["U.S. District Court", f"{court.district} ({court.city})",
             f"{docket} DOCKET FOR CASE #: {MASK}", "", case.caption,
             f"Assigned to: Judge {case.judge}",
             f"Referred to: Magistrate Judge {case.magistrate}",
             f"Cause: {case.kind.cause}", f"Date Filed: {_us(filed)}"]
    if case.kind.nature:
        lines += ["Jury Demand: Plaintiff", f"Nature of Suit: {case.kind.nature}",
                  "Jurisdiction: Federal Question"]
    for role, parties in (("Plaintiff", case.plaintiffs), ("Defendant", case.defendants)):
        lawyers = case.our_counsel if (role == "Plaintiff") == (case.ours == "plaintiffs") \
            else case.their_counsel
        for party in parties:
            lines += [role, party.name, f"represented by {lawyers[0].full}",
                      lawyers[0].firm, f"Email: {lawyers[0].email}", "LEAD ATTORNEY",
                      "ATTORNEY TO BE NOTICED"]
    return "\n".join(lines)


def _event(text: str) -> str:
    words = []
    for word in text.split():
        if word.lower() in ("by", "re", "re:", "as", "filed", "signed", "for", "against") or \
                word.endswith((".", ":")):
            words.append(word.rstrip(".:"))
            break
        words.append(word)
    return " ".join(words[:6]).title()


def browser_span(rng: random.Random, entry: Entry, court: Court, earlier: list[Entry],
                 opened: date) -> tuple[str, str, str, str, bool]:
    browser = rng.choice(("Google Chrome", "Google Chrome", "Mozilla Firefox", "Microsoft Edge"))
    page = rng.choice(("Docket Report", "Docket Report", "Query", "History/Documents"))
    title = f"CM/ECF - U.S. District Court:{court.code}"
    if page != "Query" or rng.random() < 0.5:
        title += f" - {page}"
    url = f"https://ecf.{court.code}.uscourts.gov/cgi-bin/DktRpt.pl?{MASK}"
    parts = []
    header = rng.random() < 0.15
    if header:
        parts.append(_header(entry.case, court, opened))
    parts.append("Date Filed\t#\tDocket Text")
    nearby = [e for e in earlier[-3:] if e.case is entry.case]
    if nearby and rng.random() < 0.35:
        parts += [_row(e) for e in nearby[-rng.randint(1, len(nearby)):]]
    parts.append(_row(entry))
    if header and rng.random() < 0.5:
        parts.append("PACER Service Center\nTransaction Receipt")
    return browser, title, "\n".join(parts), url, header


NEF_BOILERPLATE = (
    "This is an automatic e-mail message generated by the CM/ECF system. Please DO NOT "
    "RESPOND to this e-mail because the mail box is unattended.\n***NOTE TO PUBLIC ACCESS "
    "USERS*** Judicial Conference of the United States policy permits attorneys of record "
    "and parties in a case (including pro se litigants) to receive one free electronic copy "
    "of all documents filed electronically, if receipt is required by law or directed by the "
    "filer. PACER access fees apply to all other users. To avoid later charges, download a "
    "copy of each document during this first viewing. However, if the referenced document "
    "is a transcript, the free copy and 30 page limit do not apply."
)


def email_span(rng: random.Random, entry: Entry, court: Court, reader: Person,
               when: datetime, shown: bool = False) -> tuple[str, str, str]:
    case = entry.case
    number = MASK
    if shown:  # "1:25-cv-07407-HA", or without the judge's initials
        number = case.number if rng.random() < 0.5 else case.number.rsplit("-", 1)[0]
    subject = f"Activity in Case {number} {case.caption} {_event(entry.text)}"
    who = entry.filer_attorney.filer if entry.filer_attorney else rng.choice(court.clerks)
    lines = [f"From: cmecf_notification@{court.code}.uscourts.gov",
             f"To: {reader.email}", f"Subject: {subject}",
             f"Date: {when:%a %m/%d/%Y %I:%M %p}", "", NEF_BOILERPLATE, "",
             "U.S. District Court", court.district, "Notice of Electronic Filing", "",
             f"The following transaction was entered by {who} on {_us(entry.filed)} at "
             f"{when:%I:%M %p} and filed on {_us(entry.filed)}",
             f"Case Name: {case.caption}", f"Case Number: {number}"]
    if entry.filer:
        lines.append(f"Filer: {entry.filer}")
    if entry.number is not None:
        lines.append(f"Document Number: {entry.number}")
    lines += ["", "Docket Text:", entry.text, "", f"{number} Notice has been electronically "
              "mailed to:", ""]
    for attorney in case.our_counsel + case.their_counsel:
        lines.append(f"{attorney.full}   {attorney.email}")
    title = rng.choice((f"{subject} - Message (HTML)", f"Inbox - {reader.email} - Outlook"))
    return "Microsoft Outlook", title, "\n".join(lines)


def _counts(rng: random.Random, total: int, days: int, users: int) -> list[int]:
    weights = [rng.lognormvariate(0, 0.3) for _ in range(days)]
    scale = total / users / sum(weights)
    counts = [max(15, round(w * scale)) for w in weights]
    counts[-1] = max(15, counts[-1] + total // users - sum(counts))
    return counts


def generate_docket(seed: int, plan: DocketPlan) -> tuple[dict, list[SpanOut]]:
    """(firm.json, spans) of a docket fixture; the same seed gives the same fixture."""
    rng = random.Random(f"generate3-docket-{seed}")
    used: set[str] = set()
    court = make_court(rng, used)
    days = min(90, max(40, round(plan.entries / plan.users / rng.uniform(40, 60))))
    calendar = working_days(date(2025, 1, 6) + timedelta(days=7 * rng.randint(0, 30)), days)
    zone = timezone(timedelta(hours=-5))
    cases, _ = make_cases(rng, court, plan.cases, days, used)
    firm_org = Org(court.firm_name, court.our_attorneys[0].email.split("@")[1], court.city,
                   "+1 312", "")
    readers = []
    for _ in range(plan.users):
        first, last = rng.choice(court.reporters).split()[0], rng.choice(court.judges).split()[-1]
        readers.append(Person(first, last + "-Reyes", f"docketing{len(readers) + 1}@"
                              f"{firm_org.domain}", "Docketing Clerk", firm_org, "+1 312 555 0100"))
    staff_ids = rng.sample(range(100, 999), len(court.our_attorneys) + plan.users)
    created = f"{calendar[0].year - 4}-02-01T09:00:00Z"
    staff, staff_of = [], {}
    for index, attorney in enumerate(court.our_attorneys):
        staff_of[attorney.email] = staff_ids[index]
        person = Person(attorney.first, attorney.last, attorney.email,
                        rng.choice(FIRM_TITLES[:4]), firm_org, "")
        staff.append(staff_record(person, staff_ids[index], "Attorney",
                                  rng.choice((395, 450, 525, 610, 720)), created))
    reader_ids = staff_ids[len(court.our_attorneys):]
    for reader, staff_id in zip(readers, reader_ids, strict=True):
        staff.append(staff_record(reader, staff_id, "Paralegal", 175, created))
    clients, companies, records = case_records(rng, cases, court, staff_of, created, calendar[0])
    rng.shuffle(records)
    document = firm_json(court.firm_name, firm_org.domain, staff, clients, companies, records)

    numbers = {c.case_id: c.first_doc for c in cases}
    burst = {c.case_id: 1.0 for c in cases}
    history: list[Entry] = []
    mentioned: dict[str, int] = {}
    spans: list[SpanOut] = []
    for reader, staff_id in zip(readers, reader_ids, strict=True):
        share = [c for i, c in enumerate(cases) if plan.users == 1 or i % plan.users ==
                 reader_ids.index(staff_id)]
        for day_index, (day, count) in enumerate(zip(calendar, _counts(rng, plan.entries, days,
                                                                       plan.users),
                                                     strict=True)):
            for case in share:
                burst[case.case_id] = min(6.0, max(0.15, burst[case.case_id] ** 0.5
                                                   * rng.lognormvariate(0, 0.8)))
            live = [c for c in share if c.first_day <= day_index]
            starts = day_starts(rng, day, count, zone)
            case, run = live[0], 0
            for position, start in enumerate(starts):
                if run == 0:  # a filing comes with its exhibits, notices and the order on it
                    case = rng.choices(live, weights=[c.weight * burst[c.case_id]
                                                      for c in live])[0]
                    run = min(5, 1 + int(rng.expovariate(1.1)))
                run -= 1
                entry = make_entry(rng, case, numbers[case.case_id], day, court)
                numbers[case.case_id] += 1
                if plan.notices or rng.random() < 0.45:  # counsel get a notice of each
                    app, title, text = email_span(rng, entry, court, reader, start,
                                                  plan.notices)
                    kind, url, cue = "email", None, "caption"
                else:
                    opened = calendar[0] - timedelta(days=30 * case.first_doc)
                    app, title, text, url, header = browser_span(rng, entry, court, history,
                                                                 opened)
                    kind = "browser"
                    named = any(p.name in entry.text for p in case.plaintiffs + case.defendants)
                    cue = "caption" if header else "party" if named else "no-party"
                history.append(entry)
                text = cut(text, rng.choice((1200, 1800, 2600, 4000)))
                if rng.random() < 0.3:
                    text = ocr(text, rng, rng.choice((0.005, 0.01, 0.03)))
                new_party = ""
                if entry.outsider:
                    mentioned[entry.outsider] = mentioned.get(entry.outsider, 0) + 1
                    new_party = entry.outsider
                    cue = "new_party_first" if mentioned[entry.outsider] == 1 \
                        else "new_party_repeat"
                seconds = 6 + len(text.split()) / rng.uniform(4, 9)
                end = start + timedelta(seconds=round(min(400, seconds)))
                if position + 1 < len(starts):
                    end = min(end, starts[position + 1] - timedelta(seconds=1))
                spans.append(SpanOut(
                    user=staff_id, start=start, end=end, app=app, kind=kind,
                    window_title=title, text=text, url=url, path=None, case_id=case.case_id,
                    billable=True, cue=cue, new_party=new_party))
    return document, spans


def write_docket(seed: int, plan: DocketPlan, out_dir: Path) -> int:
    document, spans = generate_docket(seed, plan)
    write_fixture(out_dir, document, spans, f"d{seed}")
    return len(spans)
