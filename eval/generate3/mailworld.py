"""A mailbox's world: its firm, its owner(s) and its folders, each with its own content.

A folder is built once: its name as people file ("Hendricks lease", "Vendor - Orion"),
its outside parties, correspondents (some of them shared with other folders), a topic
vocabulary ordered so that it drifts over the folder's life, recurring amounts, a
Zipf-like weight and the days it is active.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from eval.generate3 import pools
from eval.generate3.mailtopics import MATTER_KINDS, TOPICS, Topic
from eval.generate3.people import (
    EXTERNAL_TITLES,
    FIRM_TITLES,
    Org,
    Person,
    company_name,
    make_org,
    make_person,
    surname,
)


@dataclass(frozen=True)
class Folder:
    key: int  # position in the user's folder list
    owner: int  # index of the user whose mailbox holds it
    name: str
    topic: Topic
    case_id: int | None
    weight: float
    first_day: int
    last_day: int
    slots: dict[str, tuple[str, ...]]  # fillers for the template slots ({E}, {F}, ...)
    jargon: tuple[str, ...]  # in the order the folder's work moves through them
    people: tuple[Person, ...]  # correspondents, most frequent first
    insiders: tuple[Person, ...]  # colleagues at the firm who work on it


@dataclass(frozen=True)
class Firm:
    name: str
    domain: str
    address: str
    org: Org
    users: tuple[Person, ...]
    colleagues: tuple[Person, ...]


def make_firm(rng: random.Random, users: int, used: set[str]) -> Firm:
    name = rng.choice(pools.FIRM_NAMES)
    org = make_org(rng, name)
    org = Org(name=org.name, domain=re.sub(r"\..*$", ".law", org.domain), city=org.city,
              phone_prefix=org.phone_prefix, disclaimer=pools.DISCLAIMER)
    street = f"{rng.randint(10, 990)} {rng.choice(pools.STREETS)} {rng.choice(pools.STREET_TYPES)}"
    owners = tuple(make_person(rng, org, ("Partner", "Senior Associate", "Counsel"), used)
                   for _ in range(users))
    colleagues = tuple(make_person(rng, org, FIRM_TITLES, used) for _ in range(9))
    return Firm(name=name, domain=org.domain, address=f"{street}, {org.city}", org=org,
                users=owners, colleagues=colleagues)


def amount(rng: random.Random) -> str:
    value = rng.choice((rng.randint(1, 99) * 250, rng.randint(10, 990) * 1000,
                        rng.randint(11, 95) * 100_000))
    currency = rng.choice(("$", "$", "$", "EUR ", "£", "USD "))
    if rng.random() < 0.2 and value >= 100_000:
        return f"{currency}{value / 1_000_000:.1f}m"
    return f"{currency}{value:,}" + (".00" if rng.random() < 0.2 else "")


def _fill_name(rng: random.Random, topic: Topic, used_companies: set[str]) -> tuple[str, dict]:
    shape = rng.choice(topic.names)
    values = {
        "L": surname(rng),
        "K": rng.choice(pools.CODENAMES),
        "R": rng.choice(pools.PRODUCTS),
        "T": f"{rng.randint(2, 480)} {rng.choice(pools.STREETS)} "
             f"{rng.choice(pools.STREET_TYPES)}",
        "G": rng.choice(pools.AGENCIES),
        "C": rng.choice(pools.CITIES),
        "Y": str(rng.choice((2024, 2025, 2026))),
    }
    company = company_name(rng, used_companies)
    values["O"] = company.split()[0] if len(company.split()[0]) > 3 else company.split()[0] \
        + " " + company.split()[1]
    values["O2"] = company_name(rng, used_companies).split()[0]
    name = shape
    for key in ("O2", "L", "K", "R", "T", "G", "C", "Y", "O"):
        name = name.replace("{" + key + "}", values[key])
    values["company"] = company
    values["shape"] = shape
    return name, values


def _slots(rng: random.Random, values: dict, topic: Topic, used_companies: set[str],
           insiders: tuple[Person, ...], people: tuple[Person, ...]) -> dict:
    shape = values["shape"]
    words = [values[k] for k in ("L", "O", "K", "R", "T", "G", "C") if "{" + k + "}" in shape]
    if not words:  # a plain name like "Tax": the folder is about someone not in its name
        words = [surname(rng)]
    company = values["company"]
    other = company_name(rng, used_companies)
    places = [values["T"], values["C"], values["R"], f"Project {values['K']}",
              f"Suite {rng.randint(100, 950)}"]
    rng.shuffle(places)
    persons = [p.first for p in people[:4]] + [p.first for p in insiders[:2]]
    return {
        "E": (company, company, values["O"], other.split()[0]),
        "F": tuple(words),
        "P": tuple(places[:2]),
        "Q": (other, company_name(rng, used_companies)),
        "A": tuple(amount(rng) for _ in range(3)),
        "W": tuple(persons) or (rng.choice(pools.FIRST_NAMES),),
        "C": (values["C"], rng.choice(pools.CITIES)),
    }


def _people(rng: random.Random, topic: Topic, company: str, shared: list[Person],
            client_people: tuple[Person, ...], used_names: set[str]) -> tuple[Person, ...]:
    if topic.kind == "personal":
        return tuple(make_person(rng, None, (), used_names) for _ in range(rng.randint(2, 5)))
    if topic.kind == "newsletter":
        out = []
        for _ in range(rng.randint(3, 7)):
            org = make_org(rng, rng.choice(("Legal", "Law", "Bar", "Counsel", "Docket",
                                            "Compliance")) + " " + rng.choice(
                ("Daily", "Weekly", "Insider", "Briefing", "Review", "Digest", "Wire")))
            sender = Person(first=org.name.split()[0], last=org.name.split()[1],
                            email=f"{rng.choice(('news', 'newsletter', 'noreply', 'editors'))}"
                                  f"@{org.domain}", title="", org=org, phone="")
            out.append(sender)
        return tuple(out)
    counterparty = make_org(rng, company)
    people = [make_person(rng, counterparty, EXTERNAL_TITLES, used_names)
              for _ in range(rng.randint(1, 3))]
    people += list(client_people)
    if topic.kind == "admin":
        people = people[:1]
    for person in shared:  # brokers, accountants, local counsel: seen in several folders
        if rng.random() < 1.5 / len(shared):
            people.append(person)
    rng.shuffle(people)
    return tuple(people)


def make_folders(rng: random.Random, firm: Firm, owner: int, count: int, days: int,
                 case_ids: list[int], used_names: set[str], used_companies: set[str],
                 taken: set[str], shared: list[Person]) -> list[Folder]:
    """``count`` folders for one mailbox; about a fifth are not matters (personal,
    newsletters, firm admin). ``case_ids`` is consumed for the matter folders."""
    nonmatter = max(2, round(count * rng.uniform(0.15, 0.25)))
    kinds = [rng.choice(("personal", "newsletter", "admin", "admin"))
             for _ in range(nonmatter)]
    kinds += [rng.choice(MATTER_KINDS) for _ in range(count - nonmatter)]
    rng.shuffle(kinds)
    ranks = list(range(count))
    rng.shuffle(ranks)
    exponent = rng.uniform(0.9, 1.15)
    clients: list[tuple[Person, ...]] = []
    folders: list[Folder] = []
    for key, kind in enumerate(kinds):
        topic = TOPICS[kind]
        for _ in range(100):
            name, values = _fill_name(rng, topic, used_companies)
            if name not in taken:
                break
        else:
            name = f"{name} {key}"
        taken.add(name)
        if kind in ("personal", "newsletter", "admin") or not clients or rng.random() < 0.6:
            client_org = make_org(rng, company_name(rng, used_companies))
            client = tuple(make_person(rng, client_org, EXTERNAL_TITLES, used_names)
                           for _ in range(rng.randint(1, 2)))
            if topic.matter:
                clients.append(client)
        else:  # another matter for a client the mailbox already works for
            client = rng.choice(clients)
        people = _people(rng, topic, values["company"], shared, client, used_names)
        insiders = tuple(rng.sample(firm.colleagues, rng.randint(1, 3)))
        weight = 1.0 / (ranks[key] + 1) ** exponent
        if kind == "newsletter":  # bulk mail: several a day, every day
            weight = max(weight, 0.15) * 2.0
        span = days if ranks[key] < count // 5 else max(6, int(days * rng.uniform(0.15, 1.0)))
        first = 0 if span >= days else rng.randint(0, days - span)
        if rng.random() < 0.3:
            first = 0
        jargon = list(topic.jargon)
        rng.shuffle(jargon)
        folders.append(Folder(
            key=key, owner=owner, name=name, topic=topic,
            case_id=case_ids.pop() if topic.matter else None, weight=weight,
            first_day=first, last_day=min(days - 1, first + span - 1),
            slots=_slots(rng, values, topic, used_companies, insiders, people),
            jargon=tuple(jargon[:rng.randint(6, min(12, len(jargon)))]),
            people=people, insiders=insiders))
    return folders
