"""A federal district court's world: judges, clerks, law firms and their attorneys, parties
that come back case after case (the United States, a city, an insurer, a big company), and
the cases a litigation firm has there, each with its caption, sides, counsel and the
outsiders (witnesses, experts) its entries will name."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from eval.generate3 import pools
from eval.generate3.people import company_name, company_root, slug, surname

COURTS = (
    ("ilnd", "Northern District of Illinois", "Chicago"),
    ("txsd", "Southern District of Texas", "Houston"),
    ("paed", "Eastern District of Pennsylvania", "Philadelphia"),
    ("njd", "District of New Jersey", "Newark"),
    ("waw", "Western District of Washington", "Seattle"),
    ("cod", "District of Colorado", "Denver"),
    ("mdd", "District of Maryland", "Baltimore"),
)

FIRM_WORDS = ("Harrow", "Quill", "Ashby", "Pell", "Marchbank", "Storrow", "Vane", "Oldfield",
              "Carrick", "Lydgate", "Brunell", "Fairweather", "Gaskell", "Hollis", "Keating",
              "Lowther", "Mabry", "Nettleton", "Prescott", "Redmayne", "Stroud", "Tolliver")


@dataclass(frozen=True)
class Attorney:
    first: str
    last: str
    firm: str
    email: str

    @property
    def filer(self) -> str:  # how CM/ECF names the attorney who filed
        return f"{self.last}, {self.first}"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Party:
    name: str  # as in the caption and the filer line
    short: str  # as in a short caption
    person: bool
    first: str = ""
    last: str = ""


@dataclass(frozen=True)
class CaseKind:
    key: str
    nature: str
    cause: str
    practice_area: str
    office: str  # "cv" or "cr"


KINDS = (
    CaseKind("civil_rights", "440 Civil Rights: Other", "42:1983 Civil Rights Act",
             "Civil Rights", "cv"),
    CaseKind("employment", "442 Civil Rights: Jobs", "42:2000e Job Discrimination (Employment)",
             "Employment", "cv"),
    CaseKind("contract", "190 Contract: Other", "28:1332 Diversity-Breach of Contract",
             "Commercial Litigation", "cv"),
    CaseKind("insurance", "110 Insurance", "28:1332 Diversity-Insurance Contract",
             "Insurance", "cv"),
    CaseKind("ip", "830 Patent", "35:271 Patent Infringement", "Intellectual Property", "cv"),
    CaseKind("consumer", "480 Consumer Credit", "15:1692 Fair Debt Collection Act",
             "Consumer", "cv"),
    CaseKind("social_security", "863 Social Security: DIWC/DIWW",
             "42:405 Review of HHS Decision (DIWC)", "Social Security", "cv"),
    CaseKind("criminal", "", "18:1343 Wire Fraud", "Criminal Defense", "cr"),
    CaseKind("securities", "850 Securities/Commodities",
             "15:78m(a) Securities Exchange Act", "Securities", "cv"),
    CaseKind("habeas", "530 Habeas Corpus (General)", "28:2241 Petition for Writ of Habeas "
             "Corpus (federal)", "Criminal Defense", "cv"),
)
_KIND_WEIGHTS = (14, 12, 16, 8, 6, 9, 10, 8, 4, 4)


@dataclass(frozen=True)
class Case:
    case_id: int
    caption: str
    number: str  # known to MyCase, masked on screen
    kind: CaseKind
    plaintiffs: tuple[Party, ...]
    defendants: tuple[Party, ...]
    ours: str  # "plaintiffs" or "defendants": the side the firm is on
    our_counsel: tuple[Attorney, ...]
    their_counsel: tuple[Attorney, ...]
    judge: str
    magistrate: str
    outsiders: tuple[str, ...]  # witnesses, experts, deponents: in no MyCase record
    terms: tuple[str, ...]  # what this case is about, as exhibits and motions name it
    weight: float
    first_day: int
    first_doc: int


@dataclass(frozen=True)
class Court:
    code: str
    district: str
    city: str
    judges: tuple[str, ...]
    magistrates: tuple[str, ...]
    clerks: tuple[str, ...]
    reporters: tuple[str, ...]
    firm_name: str
    our_attorneys: tuple[Attorney, ...]
    other_firms: tuple[tuple[Attorney, ...], ...]  # biggest first: they appear most
    government: dict[str, tuple[Attorney, ...]]


def _name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    for _ in range(500):
        first, last = rng.choice(pools.FIRST_NAMES), surname(rng)
        if f"{first} {last}" not in used:
            used.add(f"{first} {last}")
            return first, last
    return rng.choice(pools.FIRST_NAMES), rng.choice(pools.LAST_NAMES) + "-" + \
        rng.choice(pools.LAST_NAMES)


def _attorneys(rng: random.Random, firm: str, domain: str, count: int,
               used: set[str]) -> tuple[Attorney, ...]:
    out = []
    for _ in range(count):
        first, last = _name(rng, used)
        out.append(Attorney(first, last, firm, f"{first[0].lower()}{last.lower()}@{domain}"))
    return tuple(out)


def make_court(rng: random.Random, used: set[str]) -> Court:
    code, district, city = rng.choice(COURTS)
    judge = lambda: " ".join(_name(rng, used))  # noqa: E731
    words = list(FIRM_WORDS)
    rng.shuffle(words)
    firm_name = f"{words[0]} {words[1]} LLP"
    ours = _attorneys(rng, firm_name, f"{words[0].lower()}{words[1].lower()}.com",
                      rng.randint(30, 50), used)
    others = []
    names: set[str] = {firm_name}
    target = rng.randint(50, 80)
    while len(others) < target:
        a, b = surname(rng), surname(rng)
        name = rng.choice((f"{a} & {b} LLP", f"{a} {b} PC", f"Law Office of "
                           f"{rng.choice(pools.FIRST_NAMES)} {a}", f"{a} LLP", f"{a} {b} LLC"))
        if name in names:
            continue
        names.add(name)
        size = 1 if name.startswith("Law Office") else rng.randint(2, 10)
        others.append(_attorneys(rng, name, f"{slug(a)}{slug(b)}.com", size, used))
    others.sort(key=len, reverse=True)
    government = {
        "usao": _attorneys(rng, "U.S. Attorney's Office", "usdoj.gov", 6, used),
        "ssa": _attorneys(rng, "Social Security Administration, Office of the General Counsel",
                          "ssa.gov", 3, used),
        "city": _attorneys(rng, f"City of {city} Department of Law", "cityofx.gov", 4, used),
    }
    return Court(
        code=code, district=district, city=city,
        judges=tuple(judge() for _ in range(rng.randint(10, 14))),
        magistrates=tuple(judge() for _ in range(rng.randint(5, 7))),
        clerks=tuple("".join(rng.choice(string.ascii_lowercase) for _ in range(3))
                     for _ in range(9)),
        reporters=tuple(judge() for _ in range(5)),
        firm_name=firm_name, our_attorneys=ours, other_firms=tuple(others),
        government=government)


def _person(rng: random.Random, used: set[str]) -> Party:
    first, last = _name(rng, used)
    return Party(f"{first} {last}", last, True, first, last)


def _company(rng: random.Random, used: set[str]) -> Party:
    name = company_name(rng, used)
    if not name.endswith((".", "LLC", "GmbH", "AG", "plc", "LLP")):
        name += rng.choice((", Inc.", " LLC", " Corporation", ", Inc."))
    return Party(name, name, False)


@dataclass(frozen=True)
class RepeatParties:
    usa: Party
    commissioner: Party
    cities: tuple[Party, ...]
    insurers: tuple[Party, ...]
    collectors: tuple[Party, ...]
    corporations: tuple[Party, ...]


def repeat_parties(rng: random.Random, court: Court, used: set[str]) -> RepeatParties:
    return RepeatParties(
        usa=Party("United States of America", "USA", False),
        commissioner=Party("Commissioner of Social Security", "Commissioner of Social Security",
                           False),
        cities=(Party(f"City of {court.city}", f"City of {court.city}", False),
                Party(f"County of {rng.choice(pools.LAST_NAMES)}", "County", False)),
        insurers=tuple(Party(f"{r} Mutual Insurance Company", f"{r} Mutual Insurance Company",
                             False) for r in (company_root(rng) for _ in range(3))),
        collectors=tuple(Party(f"{r} Recovery Services, LLC", f"{r} Recovery Services, LLC",
                               False) for r in (company_root(rng) for _ in range(3))),
        corporations=tuple(_company(rng, used) for _ in range(6)),
    )


def _sides(rng: random.Random, kind: str, rep: RepeatParties,
           used: set[str]) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    person = lambda: _person(rng, used)  # noqa: E731
    company = lambda: _company(rng, used)  # noqa: E731
    if kind == "civil_rights":
        officers = tuple(Party(f"Officer {p.first} {p.last}", p.last, True, p.first, p.last)
                         for p in (person() for _ in range(rng.randint(0, 2))))
        return (person(),), (rng.choice(rep.cities), *officers)
    if kind == "employment":
        return (person(),), (rng.choice(rep.corporations) if rng.random() < 0.5 else company(),)
    if kind == "contract":
        left = rng.choice(rep.corporations) if rng.random() < 0.3 else company()
        return (left,), (company(),) if rng.random() < 0.7 else (company(), company())
    if kind == "insurance":
        return ((person(),) if rng.random() < 0.5 else (company(),)), (rng.choice(rep.insurers),)
    if kind == "ip":
        return (company(),), (rng.choice(rep.corporations) if rng.random() < 0.4 else company(),)
    if kind == "consumer":
        return (person(),), (rng.choice(rep.collectors),)
    if kind == "social_security":
        return (person(),), (rep.commissioner,)
    if kind == "criminal":
        return (rep.usa,), (person(),)
    if kind == "securities":
        return (person(), person()), (company(), person())
    return (person(),), (Party(f"Warden, {rng.choice(pools.LAST_NAMES)} Correctional "
                               f"Institution", "Warden", False), rep.usa)


def caption(kind: str, plaintiffs: tuple[Party, ...], defendants: tuple[Party, ...]) -> str:
    if kind == "securities":
        return f"In re {defendants[0].name.split(',')[0]} Securities Litigation"
    left = plaintiffs[0].short
    if kind == "criminal":
        left = "USA"
    right = defendants[0].short if defendants[0].person else defendants[0].name
    tail = " et al" if len(defendants) > 1 else ""
    return f"{left} v. {right}{tail}"


_TERMS = {
    "civil_rights": ("arrest on {d}", "use of force", "body-worn camera footage",
                     "{c} precinct", "incident report"),
    "employment": ("termination on {d}", "EEOC charge", "performance reviews",
                   "{c} warehouse", "personnel file"),
    "contract": ("Supply Agreement dated {d}", "Master Services Agreement", "purchase orders",
                 "{c} facility", "invoices"),
    "insurance": ("Policy No. [masked]", "claim file", "coverage letter", "{c} property",
                  "loss of {d}"),
    "ip": ("the '{n} patent", "claim construction", "accused products", "{p} device",
           "prior art references"),
    "consumer": ("collection letter dated {d}", "credit report", "account statements",
                 "validation notice"),
    "social_security": ("administrative record", "ALJ decision of {d}",
                        "residual functional capacity", "medical opinion evidence"),
    "criminal": ("Indictment", "discovery material", "forfeiture allegation",
                 "Presentence Investigation Report", "{c} bank accounts"),
    "securities": ("class period", "lead plaintiff", "consolidated complaint",
                   "{p} offering documents", "loss causation"),
    "habeas": ("petition under 28 U.S.C. 2241", "sentence computation", "BOP records",
               "{c} detention center"),
}


def _our_counsel(rng: random.Random, court: Court, group: int) -> tuple[Attorney, ...]:
    """The firm's lawyers on a case: from the practice group of its kind, now and then
    with a partner from elsewhere in the firm."""
    members = [a for i, a in enumerate(court.our_attorneys) if i % len(KINDS) == group]
    chosen = rng.sample(members, min(len(members), rng.randint(1, 2)))
    if rng.random() < 0.3:
        extra = rng.choice(court.our_attorneys)
        if extra not in chosen:
            chosen.append(extra)
    return tuple(chosen)


def make_cases(rng: random.Random, court: Court, count: int, days: int,
               used: set[str]) -> tuple[list[Case], RepeatParties]:
    rep = repeat_parties(rng, court, used)
    ids = rng.sample(range(100_000, 999_999), count)
    captions: set[str] = set()
    exponent = rng.uniform(0.35, 0.6)  # how much the busiest cases dominate
    cases = []
    for index in range(count):
        kind = rng.choices(KINDS, weights=_KIND_WEIGHTS)[0]
        for _ in range(50):
            plaintiffs, defendants = _sides(rng, kind.key, rep, used)
            text = caption(kind.key, plaintiffs, defendants)
            if text not in captions:
                break
        captions.add(text)
        ours = "defendants" if kind.key == "criminal" else "plaintiffs" if kind.key in (
            "social_security", "habeas", "consumer") else rng.choice(("plaintiffs", "defendants"))
        opponent_is = defendants if ours == "plaintiffs" else plaintiffs
        if opponent_is[0] is rep.usa or kind.key == "habeas":
            theirs = court.government["usao"]
        elif opponent_is[0] is rep.commissioner:
            theirs = court.government["ssa"]
        elif opponent_is[0] in rep.cities:
            theirs = court.government["city"]
        else:  # the big firms take most of the work
            theirs = court.other_firms[min(len(court.other_firms) - 1,
                                           int(rng.expovariate(0.12)))]
        year = rng.choice((2021, 2022, 2023, 2024, 2025))
        judge_initials = "".join(w[0] for w in rng.choice(court.judges).split()).upper()
        terms = tuple(t.format(d=f"{rng.choice(('January', 'March', 'June', 'October'))} "
                                 f"{rng.randint(1, 28)}, {year - 1}",
                               c=rng.choice(pools.CITIES), n=rng.randint(100, 999),
                               p=rng.choice(pools.PRODUCTS))
                      for t in _TERMS[kind.key])
        outsiders = tuple(" ".join(_name(rng, used)) for _ in range(rng.randint(1, 4)))
        cases.append(Case(
            case_id=ids[index], caption=text,
            number=f"{rng.randint(1, 4)}:{year % 100:02d}-{kind.office}-"
                   f"{rng.randint(100, 9999):05d}-{judge_initials}",
            kind=kind, plaintiffs=plaintiffs, defendants=defendants, ours=ours,
            our_counsel=_our_counsel(rng, court, KINDS.index(kind)),
            their_counsel=tuple(rng.sample(theirs, min(len(theirs), rng.randint(1, 3)))),
            judge=rng.choice(court.judges), magistrate=rng.choice(court.magistrates),
            outsiders=outsiders, terms=terms,
            weight=1.0 / (index + 1) ** exponent,
            first_day=0 if rng.random() < 0.7 else rng.randint(0, max(0, days - 10)),
            first_doc=1 if rng.random() < 0.2 else rng.randint(5, 160)))
    rng.shuffle(cases)
    return cases, rep
