"""Build the firm: staff, outside-party pools and matters (``World``)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import courts
from .clients import caption, draft_clients, folder, opposing_party
from .names import PERSONAL_DOMAINS, NameRegistry, slug, street_address
from .practice import AREAS, PLANNING_DOCS, PLANNING_TOPICS
from .profiles import Profile
from .world import Matter, Person, StaffMember, World

_ROLE_HONORIFIC = {
    "treating physician": "Dr.",
    "accident reconstructionist": "Dr.",
    "toxicologist": "Dr.",
    "civil surgeon": "Dr.",
    "custody evaluator": "Dr.",
    "vocational expert": "Dr.",
    "country conditions expert": "Dr.",
}
_ROLE_ORG = {
    "adjuster": "insurer",
    "trust officer": "bank",
    "escrow officer": "escrow",
    "title officer": "title",
    "loan officer": "lender",
}


@dataclass
class _Pools:
    """Outside parties shared across matters (judges, opposing counsel)."""

    judges: dict[str, list[Person]] = field(default_factory=dict)
    counsel: list[Person] = field(default_factory=list)
    prosecutors: list[Person] = field(default_factory=list)


def outside_person(reg: NameRegistry, role: str, org: str, domain: str = "") -> Person:
    first, last = reg.person()
    if not domain:
        domain = slug(org) + ".com" if org else reg.rng.choice(PERSONAL_DOMAINS)
    local = reg.rng.choice((f"{first[0]}{last}", f"{first}.{last}", f"{first}{last[0]}"))
    return Person(
        first=first,
        last=last,
        email=f"{slug(local)}@{domain}",
        phone=reg.phone(),
        org=org,
        role=role,
        honorific=_ROLE_HONORIFIC.get(role, ""),
    )


def role_org(reg: NameRegistry, role: str) -> str:
    kind = _ROLE_ORG.get(role)
    if kind == "insurer":
        from .names import INSURERS

        return reg.rng.choice(INSURERS)
    if kind == "bank":
        return reg.org(("Trust Company", "Bank", "Private Bank"))
    if kind in ("escrow", "title"):
        return reg.org(("Title & Escrow", "Escrow Services", "Title Company"))
    if kind == "lender":
        return reg.org(("Home Loans", "Mortgage", "Lending"))
    if role in (
        "mediator",
        "forensic accountant",
        "damages expert",
        "appraiser",
        "CPA",
        "e-discovery vendor",
        "defense investigator",
        "certified translator",
    ):
        return reg.org(("Consulting", "Advisors", "Resolution Services", "Group"))
    return ""


def _build_staff(
    rng: random.Random, reg: NameRegistry, profile: Profile, domain: str
) -> list[StaffMember]:
    staff: list[StaffMember] = []
    next_id = rng.randint(21000000, 21900000)
    plan = (
        [("Attorney", "Partner")] * min(2, profile.n_attorneys)
        + [
            ("Attorney", rng.choice(("Associate", "Senior Associate", "Of Counsel")))
            for _ in range(profile.n_attorneys - 2)
        ]
        + [
            ("Paralegal", rng.choice(("Paralegal", "Senior Paralegal")))
            for _ in range(profile.n_paralegals)
        ]
        + [("Staff", "Legal Assistant") for _ in range(profile.n_assistants)]
    )
    for kind, title in plan:
        first, last = reg.person()
        rate = {
            "Partner": rng.choice((525.0, 550.0, 600.0, 650.0)),
            "Of Counsel": 475.0,
            "Senior Associate": 425.0,
            "Associate": rng.choice((325.0, 350.0, 375.0)),
            "Senior Paralegal": 195.0,
            "Paralegal": rng.choice((165.0, 175.0)),
            "Legal Assistant": 125.0,
        }[title]
        user_dir = (
            slug(first[0] + last)
            if profile.user_dir_style == "initials"
            else f"{slug(first)}.{slug(last)}"
        )
        staff.append(
            StaffMember(
                id=next_id,
                first=first,
                last=last,
                email=f"{slug(first[0] + last)}@{domain}",
                phone=reg.phone(),
                type=kind,
                title=title,
                rate=rate,
                user_dir=user_dir,
            )
        )
        next_id += rng.randint(3, 4000)
    return staff


def _build_pools(rng: random.Random, reg: NameRegistry, profile: Profile) -> _Pools:
    pools = _Pools()
    for kind, count in (("state", 9), ("federal", 4), ("bankruptcy", 3)):
        judges = []
        for _ in range(count):
            first, last = reg.person()
            judges.append(
                Person(
                    first=first,
                    last=last,
                    email="",
                    phone="",
                    org=f"Dept. {rng.randint(2, 98)}" if kind == "state" else "Chambers",
                    role="judge",
                    honorific="Hon.",
                )
            )
        pools.judges[kind] = judges
    firms = [reg.law_firm() for _ in range(10)]
    for _ in range(18):
        firm = rng.choice(firms)
        pools.counsel.append(
            outside_person(reg, "opposing counsel", firm, slug(firm.split(" ")[0]) + "law.com")
        )
    juris = courts.JURISDICTIONS[profile.jurisdiction]
    office = (
        "Office of the District Attorney"
        if juris.prosecutor_title.startswith("Deputy")
        else "Cook County State's Attorney's Office"
    )
    for _ in range(5):
        pools.prosecutors.append(
            outside_person(reg, juris.prosecutor_title, office, "da." + slug(juris.county) + ".gov")
        )
    return pools


def _pick_judge(rng: random.Random, pools: _Pools, court_kind: str) -> Person:
    key = {"federal": "federal", "bankruptcy": "bankruptcy"}.get(court_kind, "state")
    judges = pools.judges[key]
    # a few judges hear most of the firm's cases
    return judges[min(int(rng.expovariate(0.45)), len(judges) - 1)]


def build_world(rng: random.Random, profile: Profile) -> World:
    reg = NameRegistry(rng=rng, area_codes=profile.area_codes)
    first_names = [reg.person() for _ in range(2)]
    firm_name = f"{first_names[0][1]} {first_names[1][1]} {rng.choice(('LLP', 'PC', 'Law Group'))}"
    domain = f"{slug(first_names[0][1])}{slug(first_names[1][1])}law.com"
    staff = _build_staff(rng, reg, profile, domain)
    attorneys = [s for s in staff if s.type == "Attorney"]
    paralegals = [s for s in staff if s.type == "Paralegal"]
    timekeepers = [s.id for s in attorneys[: profile.n_timekeepers - 1]] + [paralegals[0].id]
    pools = _build_pools(rng, reg, profile)
    juris = courts.JURISDICTIONS[profile.jurisdiction]
    matters: list[Matter] = []
    names_seen: set[str] = set()
    case_id = rng.randint(30500000, 31500000)
    seq: dict[int, int] = {}
    for draft in draft_clients(rng, reg, profile):
        spec = AREAS[draft.area]
        court_kind = rng.choice(spec.court_kinds)
        opened = profile.start - dt.timedelta(days=rng.randint(20, 900))
        seq[opened.year] = seq.get(opened.year, 0) + rng.randint(1, 9)
        matter_no = f"{opened.year}-{seq[opened.year]:04d}"
        judge = (
            _pick_judge(rng, pools, court_kind)
            if court_kind not in ("none", "immigration", "agency")
            and rng.random() < spec.judge_rate
            else None
        )
        number = (
            courts.case_number(
                rng,
                profile.jurisdiction,
                court_kind,
                opened.year,
                "".join(p[0] for p in (judge.first, judge.last, "X")) if judge else "ZZ",
            )
            if court_kind != "none"
            else ""
        )
        opposing, opp_short = opposing_party(rng, reg, draft.area, draft, court_kind)
        oc: Person | None = None
        if draft.area == "criminal":
            oc = rng.choice(pools.prosecutors)
        elif rng.random() < spec.oc_rate and (opposing or court_kind != "none"):
            oc = pools.counsel[min(int(rng.expovariate(0.12)), len(pools.counsel) - 1)]
        name, short, detail = caption(rng, reg, draft.area, draft, opposing, court_kind)
        while name in names_seen:
            name += " (II)"
        names_seen.add(name)
        roles = rng.sample(spec.roles, k=rng.randint(1, 2))
        parties = tuple(outside_person(reg, r, role_org(reg, r)) for r in roles)
        lead = rng.choices(attorneys, [3 if s.id in timekeepers else 1 for s in attorneys])[0]
        team = [lead.id]
        if rng.random() < 0.7:
            team.append(rng.choice(paralegals).id)
        if rng.random() < 0.25:
            team.append(rng.choice([a for a in attorneys if a.id != lead.id]).id)
        team = list(dict.fromkeys(team))
        planning = draft.area == "probate" and court_kind == "none"
        topics = PLANNING_TOPICS if planning else spec.topics
        docs = PLANNING_DOCS if planning else spec.docs
        matters.append(
            Matter(
                case_id=case_id,
                area=draft.area,
                name=name,
                short=short,
                case_number=number,
                court_kind=court_kind,
                court=courts.court_name(profile.jurisdiction, court_kind),
                matter_no=matter_no,
                opened=opened,
                folder=folder(profile, draft, matter_no, short),
                client=draft.client,
                client_company=draft.company,
                opposing=opposing,
                opposing_short=opp_short,
                oc=oc,
                judge=judge,
                history_parties=parties,
                detail=detail,
                staff_ids=tuple(team),
                lead_id=lead.id,
                open=rng.random() < 0.86,
                two_matters=draft.two_matters,
                shared_surname=draft.shared,
                topics=tuple(rng.sample(topics, k=min(6, len(topics)))),
                docs=tuple(rng.sample(docs, k=min(4, len(docs)))),
            )
        )
        case_id += rng.randint(7, 2500)
    city, zip_prefix = juris.cities[0]
    return World(
        firm_name=firm_name,
        firm_domain=domain,
        firm_address=f"{street_address(rng)}, Suite {rng.randint(2, 19)}00, {city}, "
        f"{juris.state} {zip_prefix}{rng.randint(10, 99)}",
        firm_phone=reg.phone(),
        staff=staff,
        timekeepers=timekeepers,
        matters=matters,
        registry=reg,
    )
