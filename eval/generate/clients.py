"""Who the firm's clients are, who is against them, and what their matters are called."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import courts
from .names import PERSONAL_DOMAINS, NameRegistry, slug, street_address
from .practice import AREAS
from .profiles import Profile
from .world import Person

_IMMIGRATION_FORMS = ("I-485", "I-130", "N-400", "I-751", "I-765", "I-589", "EOIR Removal")
_SITES = (
    "Riverside",
    "Eastgate",
    "Harbor Point",
    "Millbrook",
    "Ridgeview",
    "Stonebridge",
    "Lakeview",
)
_PI_DEFENDANTS = (
    "Logistics",
    "Grocers",
    "Property Management",
    "Transit",
    "Restaurants",
    "Apartments",
    "Distribution",
    "Construction",
)
_EMPLOYERS = (
    "Health Systems",
    "Manufacturing",
    "Staffing Services",
    "Hospitality Group",
    "Software",
    "Dental Group",
    "Home Care",
    "Auto Sales",
    "Distribution",
)


def _client_person(reg: NameRegistry, surname: str | None) -> Person:
    first, last = reg.person(surname, unique=True)
    rng = reg.rng
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{first[0]}{last}",
            f"{first}{last}{rng.randint(1, 99)}",
            f"{last}.{first}",
        )
    )
    return Person(
        first=first,
        last=last,
        email=f"{slug(local)}@{rng.choice(PERSONAL_DOMAINS)}",
        phone=reg.phone(),
        role="client",
    )


@dataclass
class CaseDraft:
    area: str
    client: Person
    company: str
    two_matters: bool = False
    shared: bool = False


def draft_clients(rng: random.Random, reg: NameRegistry, profile: Profile) -> list[CaseDraft]:
    areas = [a for a, _ in profile.practice_mix]
    weights = [w for _, w in profile.practice_mix]
    drafts: list[CaseDraft] = []
    for _ in range(profile.n_cases):
        area = rng.choices(areas, weights)[0]
        spec = AREAS[area]
        kind = spec.client_kind
        if kind == "either":
            kind = rng.choice(("person", "company"))
        reuse = [
            d
            for d in drafts
            if d.area != area and not d.two_matters and bool(d.company) == (kind == "company")
        ]
        if reuse and rng.random() < (0.09 if kind == "person" else 0.2):
            other = rng.choice(reuse)
            other.two_matters = True
            drafts.append(CaseDraft(area, other.client, other.company, two_matters=True))
            continue
        if kind == "company":
            company = reg.company()
            first, last = reg.person(unique=True)
            contact = Person(
                first=first,
                last=last,
                email=f"{slug(first[0] + last)}@{slug(company.split(' ')[0])}.com",
                phone=reg.phone(),
                org=company,
                role="client contact",
            )
            drafts.append(CaseDraft(area, contact, company))
            continue
        shared_with = [d for d in drafts if not d.company and d.area != area]
        if shared_with and rng.random() < 0.14:
            other = rng.choice(shared_with)
            other.shared = True
            drafts.append(CaseDraft(area, _client_person(reg, other.client.last), "", shared=True))
            continue
        drafts.append(CaseDraft(area, _client_person(reg, None), ""))
    return drafts


def opposing_party(
    rng: random.Random, reg: NameRegistry, area: str, draft: CaseDraft, court_kind: str
) -> tuple[str, str]:
    """(opposing party as written, short form) or ("", "")."""

    def company(kinds: tuple[str, ...]) -> tuple[str, str]:
        name = reg.company(kinds)
        short = name.replace(",", "").rsplit(" ", 1)[0]
        return name, short.split(" ")[0] if rng.random() < 0.5 else short

    def person() -> tuple[str, str]:
        first, last = reg.person(unique=True)
        return f"{first} {last}", last

    if area == "pi":
        return company(_PI_DEFENDANTS) if rng.random() < 0.75 else person()
    if area == "family":
        if rng.random() < 0.5:
            first, _ = reg.person(draft.client.last)
            return f"{first} {draft.client.last}", f"{first} {draft.client.last}"
        return person()
    if area == "business":
        return company(("Manufacturing", "Distribution", "Software", "Packaging", "Builders"))
    if area == "employment":
        return company(_EMPLOYERS) if not draft.company else person()
    if area == "realestate":
        return person() if court_kind in ("ud", "none") else company(("Realty", "Builders"))
    return "", ""


def caption(
    rng: random.Random,
    reg: NameRegistry,
    area: str,
    draft: CaseDraft,
    opposing: str,
    court_kind: str,
) -> tuple[str, str, str]:
    """(case name, short form, matter detail)."""
    c = draft.client
    client = draft.company or c.full
    client_word = draft.company.split(" ")[0] if draft.company else c.last
    opp_last = opposing.replace(",", "").split(" ")[-1] if opposing else ""
    if area == "pi":
        insurer_code = "".join(
            w[0]
            for w in rng.choice(
                ("Granite Shield", "Bluewater Casualty", "Evermark Mutual", "Crestmoor")
            ).split()
        )
        claim = f"{insurer_code}{rng.randint(20, 24)}-{rng.randint(1000000, 9999999)}"
        opp_word = (
            opposing.split(" ")[0] if "," in opposing or opposing.endswith("LLC") else opp_last
        )
        return f"{c.last} v. {opposing}", f"{c.last} v. {opp_word}", f"Claim No. {claim}"
    if area == "family":
        kids = [
            reg.rng.choice(
                (
                    "Leo",
                    "Ava",
                    "Mateo",
                    "Isla",
                    "Kai",
                    "Noa",
                    "Elias",
                    "Zuri",
                    "Theo",
                    "Lina",
                    "Omar",
                    "Sienna",
                )
            )
            for _ in range(rng.randint(1, 2))
        ]
        kids = list(dict.fromkeys(kids))
        detail = f"minor child{'ren' if len(kids) > 1 else ''} {' and '.join(kids)}"
        if opposing.endswith(c.last):
            return (f"In re Marriage of {c.first} and {opposing}", f"{c.last} dissolution", detail)
        return f"In re Marriage of {c.last} and {opp_last}", f"{c.last}/{opp_last}", detail
    if area == "criminal":
        return (
            f"People v. {c.full}",
            f"People v. {c.last}",
            f"Booking No. {rng.randint(5000000, 6999999)}",
        )
    if area == "immigration":
        form = rng.choice(_IMMIGRATION_FORMS)
        return (
            f"Matter of {c.last} ({form})",
            f"{c.last} {form}",
            f"Receipt No. {courts.receipt_number(rng)}",
        )
    if area == "probate":
        if court_kind == "none":
            return f"{c.full} - Estate Plan", f"{c.last} estate plan", street_address(rng)
        dec_first, _ = reg.person(c.last)
        return (
            f"In re Estate of {dec_first} {c.last}",
            f"Estate of {dec_first} {c.last}",
            f"decedent {dec_first} {c.last}",
        )
    if area == "business":
        opp_word = opposing.split(" ")[0]
        kind = rng.choice(
            ("Master Services Agreement", "Supply Agreement", "Distribution Agreement")
        )
        contract = f"{kind} No. {rng.randint(100, 9999)}"
        if rng.random() < 0.6:
            return f"{client} v. {opposing}", f"{client_word} v. {opp_word}", contract
        return f"{opposing} v. {client}", f"{opp_word} v. {client_word}", contract
    if area == "employment":
        place = rng.choice(_SITES)
        site = f"{place} {rng.choice(('facility', 'warehouse', 'clinic', 'store', 'office'))}"
        if draft.company:
            return f"{opposing} v. {client}", f"{opp_last} v. {client_word}", site
        opp_word = opposing.split(" ")[0]
        return f"{c.last} v. {opposing}", f"{c.last} v. {opp_word}", site
    if area == "realestate":
        address = street_address(rng)
        if court_kind == "none":
            verb = rng.choice(("Purchase of", "Sale of", "Lease of"))
            return f"{client} - {verb} {address}", f"{client_word} {address}", address
        return f"{client} v. {opposing}", f"{client_word} v. {opp_last}", address
    chapter = rng.choice(("7", "7", "13"))
    return (
        f"In re {c.full} (Ch. {chapter})",
        f"{c.last} Ch. {chapter}",
        f"Loan No. ending {rng.randint(1000, 9999)}",
    )


def folder(profile: Profile, draft: CaseDraft, matter_no: str, short: str) -> str:
    c = draft.client
    word = draft.company.replace(",", "") if draft.company else c.last
    if profile.path_habit == "matter_number":
        return f"{matter_no} {word.split(' ')[0]}"
    if profile.path_habit == "last_first":
        name = draft.company.replace(",", "") if draft.company else f"{c.last}, {c.first}"
        return f"{name}\\{AREAS[draft.area].name}"
    return short.replace("/", "-").replace(".", "")
