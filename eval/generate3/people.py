"""People and organisations: invented names, e-mail addresses and signature blocks."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from eval.generate3 import pools


@dataclass(frozen=True)
class Org:
    name: str
    domain: str
    city: str
    phone_prefix: str
    disclaimer: str


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str
    title: str
    org: Org | None  # None for a private address
    phone: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def surname(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(pools.LAST_NAMES)
    return rng.choice(pools.SURNAME_HEADS) + rng.choice(pools.SURNAME_TAILS)


def company_root(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(pools.COMPANY_ROOTS)
    return rng.choice(pools.ROOT_HEADS) + rng.choice(pools.ROOT_TAILS)


def company_name(rng: random.Random, used: set[str]) -> str:
    for _ in range(200):
        root = company_root(rng)
        name = f"{root} {rng.choice(pools.COMPANY_KINDS)}"
        if rng.random() < 0.6:
            name = f"{name} {rng.choice(pools.COMPANY_SUFFIXES)}"
        if name not in used:
            used.add(name)
            return name
    raise ValueError("company name pool exhausted")


def make_org(rng: random.Random, name: str) -> Org:
    words = [w for w in re.split(r"[^A-Za-z]+", name) if w and w not in
             ("Inc", "LLC", "Ltd", "GmbH", "S", "A", "B", "V", "Corp", "LLP", "plc", "AG")]
    stem = slug("".join(words[:2])) or "org"
    tld = rng.choice((".com", ".com", ".com", ".co.uk", ".de", ".nl", ".io", ".com.br", ".es"))
    return Org(name=name, domain=stem + tld, city=rng.choice(pools.CITIES),
               phone_prefix=f"+{rng.choice((1, 44, 49, 31, 351, 34, 81, 234, 55))} "
                            f"{rng.randint(20, 99)}",
               disclaimer=rng.choice(pools.EXTERNAL_DISCLAIMERS))


def _address(rng: random.Random, first: str, last: str, domain: str) -> str:
    first_s, last_s = slug(first), slug(last)
    shape = rng.choice(("{f}.{l}", "{f}.{l}", "{i}{l}", "{f}", "{f}{l}", "{f}_{l}", "{l}.{f}"))
    return shape.format(f=first_s, l=last_s, i=first_s[:1]) + "@" + domain


def make_person(rng: random.Random, org: Org | None, titles: tuple[str, ...],
                used: set[str]) -> Person:
    for _ in range(500):
        first, last = rng.choice(pools.FIRST_NAMES), surname(rng)
        if f"{first} {last}" not in used:
            break
    used.add(f"{first} {last}")
    domain = org.domain if org else rng.choice(pools.PERSONAL_PROVIDERS)
    address = _address(rng, first, last, domain)
    if org is None and rng.random() < 0.5:
        address = address.replace("@", f"{rng.randint(1, 99)}@")
    prefix = org.phone_prefix if org else f"+1 {rng.randint(200, 989)}"
    phone = f"{prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return Person(first=first, last=last, email=address, title=rng.choice(titles) if titles
                  else "", org=org, phone=phone)


EXTERNAL_TITLES = ("Director", "General Counsel", "CFO", "Managing Director", "Associate",
                   "Partner", "Senior Counsel", "VP Operations", "Paralegal", "Broker",
                   "Project Manager", "Controller", "Office Manager", "Head of Legal",
                   "Accountant", "Consultant", "CEO", "HR Business Partner")
FIRM_TITLES = ("Partner", "Associate", "Senior Associate", "Counsel", "Paralegal",
               "Legal Assistant", "Of Counsel")


def signature(person: Person, rng: random.Random, firm_address: str = "") -> str:
    """The block under a sign-off; its shape varies by sender but is stable per sender."""
    local = random.Random(person.email)  # the same person signs the same way every time
    lines = [person.full]
    if person.org is None:
        if local.random() < 0.4:
            lines.append("Sent from my iPhone")
            return lines[-1] if local.random() < 0.5 else "\n".join(lines)
        return person.first
    style = local.randrange(3)
    if style == 0:
        lines += [person.title, person.org.name]
        if firm_address:
            lines.append(firm_address)
        lines.append(f"T {person.phone} | {person.email}")
    elif style == 1:
        lines += [f"{person.title} | {person.org.name}", f"D: {person.phone}",
                  f"www.{person.org.domain}"]
    else:
        lines = [f"{person.full} | {person.title}", person.org.name, person.org.city,
                 person.phone]
    if rng.random() < 0.1:
        lines.insert(0, "--")
    return "\n".join(lines)
