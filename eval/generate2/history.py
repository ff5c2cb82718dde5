"""Earlier time entries: what the firm already billed, with narratives that name outsiders."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .records import Case, Party, World


@dataclass(frozen=True)
class PastEntry:
    id: int
    case_id: int
    staff_id: int
    date: dt.date
    activity: str
    description: str
    hours: float
    rate: str
    billable: bool
    invoice_id: int | None


def _party_phrase(p: Party) -> str:
    if p.role == "judge":
        return f"Judge {p.name.last}"
    if p.role == "opposing_counsel":
        return f"opposing counsel {p.name.full}"
    if p.role == "adjuster":
        return f"adjuster {p.name.full} ({p.org})"
    return f"{p.name.full}"


def narrative(case: Case, world: World, rng: random.Random) -> tuple[str, str]:
    """An activity name and a narrative a timekeeper would have written for this matter."""
    contacts = world.contacts(case)
    who = rng.choice(contacts)[0] if contacts else None
    client = (who.first if rng.random() < 0.5 else f"{who.first} {who.last}") if who else "client"
    doc = rng.choice(case.docs)
    topic = rng.choice(case.topics)
    forms: list[tuple[str, str]] = [
        ("Email", f"Email to {client} re: {doc.lower()} and next steps."),
        ("Email", f"Review emails from {client}; respond re: open questions."),
        ("Telephone Call", f"Telephone conference with {client} re: status and strategy."),
        ("Draft/Revise", f"Draft and revise {doc}."),
        ("Draft/Revise", f"Revise {doc} per comments; circulate internally."),
        ("Legal Research", f"Research re: {topic}."),
        ("Review Documents", f"Review documents produced; update {doc.lower()}."),
        ("Case Management", "Update file; calendar deadlines."),
        ("Client Conference", f"Meet with {client} to review {doc.lower()}."),
    ]
    if case.filed and rng.random() < 0.3:
        forms.append(("Filing", f"Finalize and e-file {doc} in {case.number}."))
    for p in case.parties:
        phrase = _party_phrase(p)
        if p.role == "judge":
            forms.append(("Court Appearance", f"Prepare for and attend status hearing before {phrase}."))
        elif p.role == "opposing_counsel":
            forms += [("Telephone Call", f"Call with {phrase} re: discovery schedule."),
                      ("Email", f"Email exchange with {phrase} re: {doc.lower()}.")]
        else:
            forms.append(("Telephone Call", f"Telephone call with {p.role.replace('_', ' ')} {phrase} re: {doc.lower()}."))
    return rng.choice(forms)


def build_history(world: World, rates: dict[tuple[int, int], str | None], rng: random.Random) -> tuple[PastEntry, ...]:
    start = dt.date.fromisoformat(world.profile.start_date)
    # Busy matters get more entries; closed matters only older ones.
    weights = [rng.uniform(0.3, 3.0) for _ in world.cases]
    ids = sorted(rng.sample(range(70_000_000, 79_999_999), world.profile.n_history))
    invoice_base = rng.randint(4000, 9000)
    drafts = []
    for _ in range(world.profile.n_history):
        case = rng.choices(world.cases, weights=weights)[0]
        staff_id = rng.choice(case.staff_ids)
        back = rng.randint(1, 80)
        if case.closed:
            back = max(back, (start - dt.date.fromisoformat(case.closed)).days + rng.randint(0, 40))
        date = start - dt.timedelta(days=back)
        while date.weekday() >= 5:
            date -= dt.timedelta(days=1)
        activity, text = narrative(case, world, rng)
        staff = world.staff_by_id(staff_id)
        rate = rates.get((case.id, staff_id)) or f"{float(staff.rate):.1f}"
        billable = case.billing_type != "pro_bono" and rng.random() > 0.04
        invoiced = back > 30 and rng.random() < 0.75
        drafts.append((date, case.id, staff_id, activity, text, round(rng.choice(
            (0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.2, 1.5, 2.0, 2.5, 3.4)), 1), rate, billable,
            invoice_base + (case.id % 997) * 4 + back // 30 if invoiced else None))
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    return tuple(PastEntry(i, c, s, d, a, t, h, r, b, inv)
                 for i, (d, c, s, a, t, h, r, b, inv) in zip(ids, drafts, strict=True))
