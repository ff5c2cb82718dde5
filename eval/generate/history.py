"""The firm's time-entry history (TimeEntryResponse records before the stream)."""

from __future__ import annotations

import datetime as dt
import random

from .practice import AREAS
from .profiles import Profile
from .records import JSON, stamp
from .world import Matter, Person, World

_GENERIC = (
    ("Email", "Email exchange with client re: status and next steps."),
    ("Review Documents", "Review file; update task list."),
    ("Client Conference", "Conference with client re: strategy and timeline."),
    ("Draft/Revise", "Revise draft per client comments."),
    ("Legal Research", "Legal research re: {topic}."),
    ("Telephone Call", "Telephone call with client re: {topic}."),
    ("Case Management", "Calendar deadlines; update case plan."),
)


def _activity(narrative: str) -> str:
    lowered = narrative.lower()
    for word, activity in (
        ("appear", "Court Appearance"),
        ("attend mediation", "Meeting"),
        ("telephone", "Telephone Call"),
        ("call", "Telephone Call"),
        ("email", "Email"),
        ("correspondence", "Email"),
        ("draft", "Draft/Revise"),
        ("prepare", "Draft/Revise"),
        ("revise", "Draft/Revise"),
        ("research", "Legal Research"),
        ("conference", "Meeting"),
        ("review", "Review Documents"),
        ("jail visit", "Client Conference"),
    ):
        if word in lowered:
            return activity
    return "Review Documents"


def _describe(p: Person) -> str:
    label = p.formal
    if p.org and p.role in (
        "adjuster",
        "trust officer",
        "escrow officer",
        "title officer",
        "loan officer",
    ):
        return f"{label} ({p.org})"
    return label


def _narrative(rng: random.Random, m: Matter, party: Person | None) -> str:
    spec = AREAS[m.area]
    options = []
    for template in spec.narratives:
        if "{party}" in template and party is None:
            continue
        if "{oc}" in template and m.oc is None:
            continue
        if "{judge}" in template and m.judge is None:
            continue
        if party is not None and "{party}" not in template:
            continue
        options.append(template)
    if not options:
        template = rng.choice(_GENERIC)[1]
        return template.format(topic=rng.choice(m.topics))
    template = rng.choice(options)
    return template.format(
        party=_describe(party) if party else "",
        oc=m.oc.formal if m.oc else "",
        judge=m.judge.formal if m.judge else "",
    )


def _workday_before(rng: random.Random, start: dt.date, earliest: dt.date) -> dt.date:
    for _ in range(50):
        day = start - dt.timedelta(days=rng.randint(3, 160))
        if day.weekday() < 5 and day >= earliest:
            return day
    return start - dt.timedelta(days=3)  # the stream starts on a Monday: the Friday before


def time_entries(
    rng: random.Random, world: World, profile: Profile, cases: list[JSON]
) -> list[JSON]:
    case_rates = {(c["id"], s["id"]): s["case_rate"] for c in cases for s in c["staff"]}
    plan: list[tuple[Matter, Person | None]] = []
    for m in world.matters:
        for party in m.history_parties:
            if rng.random() < 0.85:
                plan.append((m, party))
    weights = [3.0 if m.open else 1.0 for m in world.matters]
    while len(plan) < profile.n_history_entries:
        m = rng.choices(world.matters, weights)[0]
        plan.append((m, None))
    entries: list[tuple[str, JSON]] = []
    invoice_ids: dict[tuple[int, str], int] = {}
    next_invoice = rng.randint(7100000, 7900000)
    for m, party in plan:
        staff = world.staff_member(rng.choice(m.staff_ids))
        day = _workday_before(
            rng, profile.start, max(m.opened, profile.start - dt.timedelta(days=160))
        )
        if rng.random() < 0.75:
            description = _narrative(rng, m, party)
            activity = _activity(description)
        else:
            activity, template = rng.choice(_GENERIC)
            description = template.format(topic=rng.choice(m.topics))
        if party is not None and party.formal not in description:
            description = (
                _narrative(rng, m, party)
                if rng.random() < 0.5
                else f"Telephone call with {_describe(party)} re: {rng.choice(m.topics)}."
            )
            activity = _activity(description)
        if activity == "Court Appearance" and staff.type != "Attorney":
            staff = world.staff_member(m.lead_id)  # only lawyers appear in court
        invoices: list[JSON] = []
        if (profile.start - day).days > 35 and rng.random() < 0.8:
            key = (m.case_id, day.strftime("%Y-%m"))
            if key not in invoice_ids:
                invoice_ids[key] = next_invoice
                next_invoice += rng.randint(1, 40)
            invoices.append({"id": invoice_ids[key]})
        case_rate = case_rates.get((m.case_id, staff.id))
        rate = float(case_rate) if case_rate else staff.rate
        created = stamp(rng, day, profile)
        entries.append(
            (
                created,
                {
                    "activity_name": activity,
                    "description": description,
                    "billable": rng.random() > 0.06,
                    "entry_date": day.isoformat(),
                    "rate": f"{rate:.1f}",
                    "hours": round(
                        rng.choice(
                            (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 2.5, 3.2)
                        ),
                        1,
                    ),
                    "flat_fee": False,
                    "case": {"id": m.case_id},
                    "staff": {"id": staff.id},
                    "invoices": invoices,
                    "custom_field_values": [],
                    "created_at": created,
                    "updated_at": created,
                },
            )
        )
    entries.sort(key=lambda pair: (pair[1]["entry_date"], pair[0]))
    out = []
    next_id = rng.randint(88000000, 88900000)
    for _, entry in entries:
        out.append({"id": next_id, **entry})
        next_id += rng.randint(1, 30)
    return out
