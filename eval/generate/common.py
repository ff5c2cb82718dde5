"""Shared pieces of on-screen text: dates, signatures, paths, subjects."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .practice import AREAS
from .profiles import Profile
from .world import Matter, Person, StaffMember, World


@dataclass(frozen=True)
class Rendered:
    app: str
    kind: str
    title: str
    text: str
    url: str | None = None
    path: str | None = None


@dataclass
class Ctx:
    rng: random.Random
    profile: Profile
    world: World
    user: StaffMember
    moment: dt.datetime  # when the span starts (aware)


def sent_line(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    ampm = "AM" if moment.hour < 12 else "PM"
    return (
        f"{moment.strftime('%A, %B')} {moment.day}, {moment.year} {hour}:{moment.minute:02d} {ampm}"
    )


def short_date(day: dt.date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def fill(ctx: Ctx, sentence: str) -> str:
    day = ctx.moment.date() + dt.timedelta(days=ctx.rng.randint(1, 9))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    amount = f"${ctx.rng.randint(2, 180) * 250:,}.00"
    return sentence.format(weekday=f"{day.strftime('%A')}, {short_date(day)}", amount=amount)


def sentences(ctx: Ctx, m: Matter, n: int) -> list[str]:
    pool = AREAS[m.area].sentences
    return [fill(ctx, s) for s in ctx.rng.sample(pool, k=min(n, len(pool)))]


def topic(ctx: Ctx, m: Matter) -> str:
    return ctx.rng.choice(m.topics)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def mr(p: Person, rng: random.Random) -> str:
    """How a letter or e-mail addresses someone formally."""
    if p.honorific:
        return f"{p.honorific} {p.last}"
    return p.full if rng.random() < 0.7 else p.first


def display(p: Person) -> str:
    if not p.first:
        return p.email
    return f"{p.full} <{p.email}>" if p.email else p.full


def outside_signature(p: Person, rng: random.Random) -> str:
    if p.role == "client":
        return rng.choice(
            (p.first, p.full, f"{p.first}\nSent from my iPhone", f"{p.full}\n{p.phone}")
        )
    lines = [p.formal]
    if p.role == "opposing counsel":
        lines.append("Partner" if len(p.last) % 3 == 0 else "Associate Attorney")
    elif p.role and p.role not in (
        "client",
        "client contact",
        "witness",
        "beneficiary",
        "former coworker",
        "sponsor",
    ):
        lines.append(cap(p.role))
    if p.org:
        lines.append(p.org)
    lines.append(f"Direct: {p.phone}")
    lines.append(p.email)
    if p.role == "opposing counsel" or rng.random() < 0.3:
        lines.append(
            "CONFIDENTIALITY NOTICE: This e-mail may contain privileged or "
            "confidential information. If you received it in error, please delete it."
        )
    return "\n".join(lines)


def staff_signature(world: World, s: StaffMember) -> str:
    return "\n".join(
        (s.full, s.title, world.firm_name, world.firm_address, f"T {world.firm_phone}", s.email)
    )


def staff_person(s: StaffMember) -> Person:
    return Person(first=s.first, last=s.last, email=s.email, phone=s.phone, role="staff")


def colleague(ctx: Ctx, m: Matter | None) -> StaffMember:
    options = [sid for sid in (m.staff_ids if m else ()) if sid != ctx.user.id]
    if not options:
        options = [s.id for s in ctx.world.staff if s.id != ctx.user.id]
    return ctx.world.staff_member(ctx.rng.choice(options))


def case_number_ref(m: Matter) -> str:
    if m.court_kind == "immigration":
        return f"A-Number {m.case_number}"
    if m.court_kind == "agency":
        return m.case_number
    return f"Case No. {m.case_number}"


def firm_subject(ctx: Ctx, m: Matter, subject_topic: str, with_id: bool) -> str:
    """An e-mail subject as this firm's lawyers write it."""
    habit = ctx.profile.subject_habit
    if not with_id:
        return cap(subject_topic)
    if habit == "case_number" and m.case_number:
        return ctx.rng.choice(
            (f"{m.short} - {m.case_number} - {subject_topic}", f"{m.case_number}: {subject_topic}")
        )
    if habit == "matter_number":
        return f"[{m.matter_no}] {m.client_last} - {subject_topic}"
    return f"{m.client_last} - {subject_topic}"


def file_stem(ctx: Ctx, m: Matter, doc: str, named: bool) -> str:
    version = ctx.rng.randint(1, 6)
    if not named:
        return ctx.rng.choice((f"{doc} v{version}", f"{doc} DRAFT", doc.replace(" ", "_")))
    if ctx.profile.path_habit == "matter_number":
        return f"{m.matter_no} {doc} v{version}"
    return ctx.rng.choice((f"{doc}_{m.client_last}_v{version}", f"{m.client_last} - {doc}"))


def matter_dir(ctx: Ctx, m: Matter) -> str:
    habit = ctx.profile.path_habit
    user_dir = ctx.user.user_dir
    if habit == "last_first":
        return f"S:\\Clients\\{m.folder}"
    if habit == "matter_number":
        firm_word = ctx.world.firm_name.split(" ")[0]
        return f"C:\\Users\\{user_dir}\\OneDrive - {firm_word}\\Matters\\{m.folder}"
    return f"C:\\Users\\{user_dir}\\Documents\\Matters\\{m.folder}"


# surnames no person in a fixture has, so research pages never name a party
_AUTHORITY_NAMES = (
    "Abelard",
    "Birkett",
    "Carden",
    "Dunning",
    "Ellery",
    "Farrow",
    "Gaskell",
    "Humbert",
    "Ivers",
    "Jory",
    "Kemble",
    "Lisle",
    "Merriam",
    "Noyes",
    "Orme",
    "Pellow",
    "Rudd",
    "Stroud",
    "Tolley",
    "Wray",
)
_AUTHORITY_ENTITIES = (
    "Consolidated Freightways",
    "Acme Storage Co.",
    "County of Marlin",
    "Union Mutual Assurance",
    "Lakeside Hospital Assn.",
    "State Farmers Exch.",
)


def invented_authority(rng: random.Random) -> str:
    """An invented case citation (no real case, no client surname)."""
    a = rng.choice(_AUTHORITY_NAMES)
    b = rng.choice(_AUTHORITY_NAMES + _AUTHORITY_ENTITIES)
    reporter = rng.choice(
        ("Cal.App.5th", "P.3d", "F.4th", "F.Supp.3d", "Ill.App.3d", "N.E.3d", "Colo.App.")
    )
    year, volume, page = rng.randint(2004, 2023), rng.randint(1, 999), rng.randint(1, 1400)
    return f"{a} v. {b} ({year}) {volume} {reporter} {page}"
