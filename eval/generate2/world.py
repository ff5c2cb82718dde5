"""Build one invented firm: staff, clients, companies, matters and the outsiders around them."""

from __future__ import annotations

import datetime as dt
import random

from .areas import AREAS, COURTS, ROLE_ORGS, AreaSpec, case_number
from .names import (
    INSURERS,
    LAW_FIRM_STEMS,
    STREETS,
    CompanyBook,
    NameBook,
    PersonName,
    company_domain,
    email_for,
    personal_domain,
    phone,
    slug,
)
from .profiles import Profile
from .records import Case, Client, Company, Party, Staff, World

ACTIVITY_NAMES = (
    "Email", "Telephone Call", "Draft/Revise", "Legal Research", "Review Documents", "Meeting",
    "Court Appearance", "Deposition", "Filing", "Travel", "Client Conference", "Case Management",
)
CITIES = {"IL": ("Chicago", "Evanston", "Oak Park", "Cicero"),
          "AZ": ("Mesa", "Tempe", "Chandler", "Gilbert", "Scottsdale"),
          "NY": ("New York", "Brooklyn", "Queens", "Yonkers")}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _ids(rng: random.Random, lo: int, hi: int, k: int) -> list[int]:
    return sorted(rng.sample(range(lo, hi), k))


def _staff(profile: Profile, rng: random.Random, book: NameBook) -> tuple[list[Staff], list[int]]:
    domain = f"{profile.firm_slug}.example"
    plan = [("Attorney", "Partner", (495, 650))] * 3 + [("Attorney", "Associate", (285, 395))] * 3
    plan += [("Paralegal", "Paralegal", (150, 195))] * 2 + [("Staff", "Legal Assistant", (95, 120))]
    ids = _ids(rng, 20000, 29999, len(plan))
    style = rng.randint(0, 3)
    staff = []
    for sid, (kind, title, (lo, hi)) in zip(ids, plan, strict=True):
        name = book.person()
        staff.append(Staff(sid, name, email_for(name, domain, style), kind, title, rng.randrange(lo, hi + 1, 5)))
    users = [staff[0].id, staff[3].id, staff[4].id, staff[6].id][: profile.timekeepers]
    return staff, users


def _counsel(rng: random.Random, book: NameBook, n: int) -> list[Party]:
    firms = rng.sample(LAW_FIRM_STEMS, min(n, len(LAW_FIRM_STEMS)))
    out = []
    for i in range(n):
        firm = firms[i % len(firms)]
        name = book.person()
        domain = slug(firm)[:16] + "law.example"
        out.append(Party(name, "opposing_counsel", firm + " LLP", email_for(name, domain, i), phone(rng, "555")))
    return out


def _party(role: str, rng: random.Random, book: NameBook, profile: Profile, court: str, opponent: str) -> Party:
    name = book.person()
    if role == "adjuster":
        org = rng.choice(INSURERS)
    elif role in ("hr_manager", "employer_hr"):
        org = opponent
    elif role == "judge":
        org = court
    else:
        org = rng.choice(ROLE_ORGS.get(role, ("Independent",)))
    domain = slug(org)[:16] + ".example" if role != "judge" else "courts.example"
    return Party(name, role, org, email_for(name, domain, rng.randint(0, 3)), phone(rng, profile.area_code))


def _address(rng: random.Random, profile: Profile) -> tuple[str, str, str, str]:
    return (f"{rng.randint(10, 9899)} {rng.choice(STREETS)}", rng.choice(CITIES[profile.state]),
            profile.state, f"{rng.randint(10000, 99999):05d}")


def _case_name(spec: AreaSpec, rng: random.Random, client: str, person: PersonName | None,
               opp: str, opp_person: PersonName, book: NameBook, start: dt.date) -> str:
    form = rng.choice(spec.name_forms)
    date = (start - dt.timedelta(days=rng.randint(60, 500))).strftime("%m/%d/%Y")
    return form.format(
        cl=client, cll=person.last if person else client.split()[0], clf=person.first if person else "",
        opp=opp, oppf=opp_person.full, street=f"{rng.randint(100, 9999)} {rng.choice(STREETS)}",
        date=date, partner=book.person().first, decf=book.person().first,
    )


def build_world(profile: Profile, seed: int) -> World:
    rng = random.Random(seed)
    book = NameBook(rng)
    companies_book = CompanyBook(rng)
    start = dt.date.fromisoformat(profile.start_date)
    staff, users = _staff(profile, rng, book)
    counsel = _counsel(rng, book, 12)
    courts = COURTS[profile.state]
    judges: dict[str, list[Party]] = {}
    clients: list[Client] = []
    companies: list[Company] = []
    cases: list[Case] = []
    case_ids = _ids(rng, 10_000_000, 99_999_999, profile.n_cases)
    client_ids = iter(_ids(rng, 300_000, 399_999, profile.n_cases * 2))
    company_ids = iter(_ids(rng, 500_000, 599_999, profile.n_cases * 2))
    names_taken: set[str] = set()
    attorneys = [s for s in staff if s.type == "Attorney"]
    matter_base = rng.randint(10100, 18900)
    for k, cid in enumerate(case_ids):
        spec = AREAS[_weighted(rng, profile.areas)]
        person: PersonName | None = None
        reuse = rng.random() < 0.08
        if spec.client_kind == "person":
            if reuse and clients:
                cl = rng.choice(clients)
                person = cl.name
            else:
                person = book.person()
                cl = Client(next(client_ids), person, email_for(person, personal_domain(rng), rng.randint(0, 3)),
                            phone(rng, profile.area_code), _address(rng, profile))
                clients.append(cl)
            client_label, client_refs, company_refs = person.full, (cl.id,), ()
        else:
            if reuse and companies:
                co = rng.choice(companies)
            else:
                cname = companies_book.company()
                contact = book.person()
                dom = company_domain(cname)
                co = Company(next(company_ids), cname, f"info@{dom}", phone(rng, profile.area_code),
                             f"https://www.{dom}", contact, email_for(contact, dom, rng.randint(0, 3)))
                companies.append(co)
            client_label, client_refs, company_refs = co.name, (), (co.id,)
        opp_person = book.person()
        opponent = {"company": companies_book.company(), "person": opp_person.full,
                    "insurer": rng.choice(INSURERS), "state": "State", "none": ""}[spec.adverse]
        name = _case_name(spec, rng, client_label, person, opponent or client_label, opp_person, book, start)
        while name in names_taken:
            name += f" ({rng.randint(2, 9)})"
        names_taken.add(name)
        num_kind = rng.choice(spec.numbers)
        year = start.year - rng.choice((0, 0, 1, 1, 2))
        number = case_number(num_kind, profile.state, year, rng)
        court = courts.get(num_kind, courts.get("state_civil", ""))
        parties: list[Party] = []
        for role in spec.roles:
            if rng.random() < 0.35:
                continue
            if role == "judge" and number:
                pool = judges.setdefault(court, [])
                if len(pool) < 3 and (not pool or rng.random() < 0.5):
                    pool.append(_party("judge", rng, book, profile, court, opponent))
                parties.append(rng.choice(pool))
            elif role == "opposing_counsel":
                parties.append(rng.choice(counsel[: 6 + k % 6]))
            elif role != "judge":
                parties.append(_party(role, rng, book, profile, court, opponent))
        status = "open" if rng.random() < 0.88 else "closed"
        new_parties: tuple[Party, ...] = ()
        if status == "open" and rng.random() < 0.45:
            role = rng.choice([r for r in spec.roles if r not in ("judge", "opposing_counsel")] or ["witness"])
            new_parties = (_party(role, rng, book, profile, court, opponent),)
        lead = rng.choice(attorneys)
        team = {lead.id}
        for u in users:
            if rng.random() < (0.5 if u != users[0] else 0.35):
                team.add(u)
        if rng.random() < 0.5:
            team.add(rng.choice(staff).id)
        opened = start - dt.timedelta(days=rng.randint(20, 700))
        closed = (start - dt.timedelta(days=rng.randint(1, 15))).isoformat() if status == "closed" else None
        handle = person.last if person else client_label.split()[0]
        matter_no = f"{matter_base + k * 7:05d}-{rng.randint(1, 12):03d}"
        if not number and rng.random() < 0.5:
            number = matter_no  # a matter outside court: some firms keep their own file number here
        cases.append(Case(
            id=cid, name=name, number=number, filed=bool(num_kind), matter_no=matter_no,
            description=rng.choice(spec.descriptions).replace("{k}", str(rng.randint(80, 950))),
            area=spec.name, stage=rng.choice(spec.stages), status=status, billing_type=rng.choice(spec.billing),
            opened=opened.isoformat(), closed=closed, client_ids=client_refs, company_ids=company_refs,
            lead=lead.id, staff_ids=tuple(sorted(team)), handle=handle, opponent=opponent, court=court,
            parties=tuple(parties), new_parties=new_parties,
            topics=tuple(rng.sample(spec.topics, min(3, len(spec.topics)))),
            docs=tuple(rng.sample(spec.docs, min(3, len(spec.docs)))),
        ))
    # One pro bono matter where the areas allow it: time recorded but never billed.
    pro = next((i for i, c in enumerate(cases) if c.status == "open" and c.billing_type == "flat"), None)
    if pro is not None:
        c = cases[pro]
        cases[pro] = Case(**{**c.__dict__, "billing_type": "pro_bono"})
    return World(profile, tuple(staff), tuple(users), tuple(clients), tuple(companies), tuple(cases),
                 tuple(counsel), ACTIVITY_NAMES)


def case_rng(seed: int, salt: str) -> random.Random:
    """An independent stream for one stage, so adding draws to one stage leaves the others alone."""
    return random.Random(f"{seed}:{salt}")
