"""The words inside windows: document pages, file names, message bodies, search results."""

from __future__ import annotations

import datetime as dt
import random

from .names import POOLS, slug
from .records import Case, Party, Staff, World

FILLER = (
    "The parties dispute whether the notice provision was satisfied before the deadline.",
    "As set forth below, the record does not support the inference urged by the other side.",
    "Discovery to date has produced over four thousand pages, most of them duplicative.",
    "We reserve all rights and waive none by this correspondence.",
    "The timeline in the attached chronology is drawn from the produced records.",
    "Counsel met and conferred by telephone but could not resolve the issues.",
    "Please review the highlighted paragraphs and confirm the facts are accurate.",
    "The schedule contemplates written discovery closing in sixty days.",
    "Nothing in the agreement authorises unilateral termination on these facts.",
    "The calculation assumes the rates in effect on the date of the invoice.",
    "Accordingly, the request should be denied in its entirety.",
    "A copy of the relevant correspondence is attached as Exhibit C.",
)
DEAL_FILLER = (
    "Each member's capital contribution is set out on Schedule A.",
    "The closing is conditioned on delivery of the documents listed in Section 4.2.",
    "The trustee may distribute income and principal for health, education and support.",
    "Please sign where flagged and return the originals in the envelope provided.",
    "The lender's comments on the draft are reflected in the attached redline.",
    "Supporting evidence is indexed at Tabs 1 through 14.",
    "The beneficiary designations should be updated to name the trust.",
    "Transfer of the membership interests requires the consent of a majority in interest.",
    "We have not yet received the signed estoppel certificate from the tenant.",
    "The filing fee and biometrics fee are paid by separate checks.",
)
DEAL_AREAS = ("Estate Planning", "Real Estate", "Business Formation", "Immigration")
CAPTION_DOCS = ("Motion", "Complaint", "Answer", "Brief", "Petition", "Disclosures", "Responses", "Statement",
                "Stipulation", "Report", "Declaration")


def _cites(rng: random.Random, state: str, k: int) -> list[str]:
    out = []
    for _ in range(k):
        origin = rng.choice(sorted(POOLS))
        a = rng.choice(POOLS[origin][1])
        b = rng.choice(("Metro Transit Auth.", "Harlan Foods, Inc.", "City of Easton", "Quarry Mutual Ins. Co.",
                        "Brandt Mfg. Co.", "Selwyn Props., LLC", "County of Alden", "Ferris Bank, N.A."))
        year = rng.randint(1988, 2025)
        rep = {"IL": f"{year} IL App (1st) {rng.randint(150000, 250999)}", "AZ": f"{rng.randint(180, 258)} Ariz. {rng.randint(1, 600)} (App. {year})",
               "NY": f"{rng.randint(100, 230)} A.D.3d {rng.randint(1, 1500)} (1st Dep't {year})"}[state]
        out.append(f"{a} v. {b}, {rep}")
    return out


def search_results(query: str, state: str, rng: random.Random) -> tuple[str, ...]:
    words = query.split()
    lines: list[str] = []
    for i, cite in enumerate(_cites(rng, state, rng.randint(3, 5)), start=1):
        snippet = " ".join(rng.sample(words, k=min(3, len(words))))
        lines += [f"{i}. {cite}", f"... the court addressed {snippet} and held that {rng.choice(FILLER).lower()}"]
    return tuple(lines)


def file_name(case: Case, doc: str, profile_naming: str, day: dt.date, rng: random.Random, ext: str) -> str:
    version = rng.randint(1, 6)
    if profile_naming == "client_number":
        tail = rng.choice((f" v{version}", f" v{version}", " (FINAL)", f" v{version} clean", " redline"))
        return f"{case.matter_no} {case.handle} - {doc}{tail}.{ext}"
    if profile_naming == "date_first":
        tail = rng.choice((" FINAL", " DRAFT", "", f" v{version}", " signed"))
        stamp = (day - dt.timedelta(days=rng.randint(0, 20))).strftime(rng.choice(("%Y.%m.%d", "%Y-%m-%d", "%m%d%y")))
        who = case.handle if rng.random() < 0.8 else ""
        return f"{stamp} - {who + ' - ' if who else ''}{doc}{tail}.{ext}"
    tail = rng.choice((f"_v{version}", f"_v{version}", "_FINAL", "_clean", f"_v{version}_CM"))
    return f"{slug(case.handle).title()}_{doc.replace(' ', '_')}{tail}.{ext}"


def file_path(case: Case, name: str, root: str, user: Staff, world: World, rng: random.Random) -> str | None:
    if rng.random() < 0.4:
        return None
    login = (user.name.first[0] + slug(user.name.last)).lower()
    folder = rng.choice(("Pleadings", "Correspondence", "Discovery", "Drafts", "Research", "Client Docs"))
    if root == "shared_drive":
        client = case.handle
        return f"S:\\Clients\\{case.matter_no[:5]} {client}\\{case.matter_no} {case.name[:28].strip()}\\{folder}\\{name}"
    if root == "local_windows":
        if rng.random() < 0.35:
            return f"C:\\Users\\{login}\\Downloads\\{name}"
        return f"C:\\Users\\{login}\\Documents\\Clients\\{case.handle}\\{folder}\\{name}"
    if root == "mac_home":
        if rng.random() < 0.3:
            return f"/Users/{login}/Downloads/{name}"
        return f"/Users/{login}/Dropbox ({world.profile.firm_name.split()[0]})/Matters/{case.handle} - {case.area}/{name}"
    return f"https://{world.profile.firm_slug}.sharepoint.example/sites/Matters/{case.matter_no}/{name}"


def doc_page(case: Case, doc: str, page: int, world: World, rng: random.Random,
             party: Party | None) -> tuple[str, ...]:
    """One page of a document; page 1 of a court paper carries the caption, inner pages rarely name the matter."""
    lines: list[str] = []
    topic = rng.choice(case.topics)
    if page == 1 and case.filed and any(w in doc for w in CAPTION_DOCS):
        left, _, right = case.name.partition(" v. ")
        lines += [case.court.upper(), f"{left.strip()},", "Plaintiff," if right else "", "v." if right else "",
                  f"{right.strip()}," if right else "", "Defendant." if right else "", f"Case No. {case.number}",
                  doc.upper(), ""]
    elif page == 1:
        contacts = world.contacts(case)
        who = contacts[0][0].full if contacts else case.handle
        lines += [doc.upper(), f"Re: {who} / {case.name}" if rng.random() < 0.6 else f"Re: {case.handle}",
                  f"Matter No. {case.matter_no}" if rng.random() < 0.4 else "", ""]
    pool = DEAL_FILLER if case.area in DEAL_AREAS else FILLER
    for sentence in rng.sample(pool, rng.randint(5, 10)):
        if rng.random() < 0.25:
            sentence = f"The authority on {topic} points the same way."
        if rng.random() < 0.2 and case.opponent:
            sentence = f"{case.opponent.split(',')[0]} has not explained this. " + sentence
        if rng.random() < 0.15:
            sentence = f"{case.handle} " + sentence[0].lower() + sentence[1:]
        lines.append(sentence)
    if party is not None:
        lines.insert(min(len(lines), 3), f"{party.name.full} ({party.org}) confirmed the sequence of events.")
    if rng.random() < 0.6:
        lines.append(f"{page}")
    return tuple(line for line in lines if line is not None)


SHEETS = ("Damages Calculation", "Lien Summary", "Rent Ledger", "Cap Table", "Change Order Log", "Budget")


def sheet_rows(case: Case, doc: str, day: dt.date, rng: random.Random) -> tuple[str, ...]:
    """A spreadsheet's visible rows: a title row that may name the matter, then dated amounts."""
    title = rng.choice((f"{case.handle} - {doc}", doc, f"{case.matter_no} {doc}"))
    rows = [f"1  {title}", "2", "3  Date    Item    Amount    Running total"]
    total = 0.0
    for k in range(rng.randint(6, 14)):
        amount = round(rng.uniform(80, 9500), 2)
        total += amount
        when = day - dt.timedelta(days=rng.randint(5, 400))
        item = rng.choice(("Invoice", "Payment", "Wages", "Treatment", "Rent", "Change order", "Retainage", "Fees"))
        rows.append(f"{k + 4}  {when:%m/%d/%Y}    {item} {rng.randint(100, 999)}    ${amount:,.2f}    ${total:,.2f}")
    return tuple(rows)


def signature(user: Staff, world: World) -> tuple[str, ...]:
    p = world.profile
    return ("", user.name.full, user.title, p.firm_name, f"({p.area_code}) 555-01{user.id % 100:02d}",
            "CONFIDENTIALITY NOTICE: This message may contain privileged attorney-client information.")


def docket_lines(case: Case, day: dt.date, rng: random.Random) -> tuple[str, ...]:
    entries = ("MINUTE entry: status hearing held; discovery to close {d}.", "MOTION to compel by {a}.",
               "RESPONSE in opposition filed by {b}.", "ORDER granting in part motion for extension of time.",
               "NOTICE of appearance of counsel.", "STIPULATED protective order entered.")
    left, _, right = case.name.partition(" v. ")
    out = []
    for k in range(rng.randint(3, 6)):
        d = day - dt.timedelta(days=7 * (6 - k) + rng.randint(0, 5))
        out.append(f"{d:%m/%d/%Y}  {20 + k}  " + rng.choice(entries).format(
            d=(day + dt.timedelta(days=60)).strftime("%m/%d/%Y"), a=left.strip()[:30], b=(right or left).strip()[:30]))
    return tuple(out)
