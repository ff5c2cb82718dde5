"""Turn the ``World`` into MyCase v1 API records (firm.json)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import courts
from .names import street_address
from .practice import ACTIVITY_NAMES, AREAS
from .profiles import Profile, utc_offset
from .world import Matter, Person, World

JSON = dict[str, Any]


def stamp(rng: random.Random, day: dt.date, profile: Profile) -> str:
    """An ISO 8601 timestamp with the firm's UTC offset on that day, in office hours."""
    moment = dt.datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(7, 18),
        rng.randint(0, 59),
        rng.randint(0, 59),
        tzinfo=utc_offset(day, profile.std_offset_hours),
    )
    return moment.isoformat()


def _address(rng: random.Random, profile: Profile) -> JSON:
    city, zip_prefix = rng.choice(courts.JURISDICTIONS[profile.jurisdiction].cities)
    return {
        "address1": street_address(rng),
        "address2": rng.choice(("", "", "", f"Apt {rng.randint(1, 40)}{rng.choice('ABC')}")),
        "city": city,
        "state": profile.jurisdiction,
        "zip_code": f"{zip_prefix}{rng.randint(10, 99)}",
        "country": "US",
    }


def staff_records(rng: random.Random, world: World, profile: Profile) -> list[JSON]:
    out = []
    for s in world.staff:
        created = stamp(rng, profile.start - dt.timedelta(days=rng.randint(400, 3000)), profile)
        out.append(
            {
                "id": s.id,
                "email": s.email,
                "first_name": s.first,
                "middle_initial": rng.choice(("", "", "A", "J", "M", "R")),
                "last_name": s.last,
                "cell_phone_number": s.phone,
                "work_phone_number": world.firm_phone,
                "home_phone_number": None,
                "type": s.type,
                "title": s.title,
                "active": True,
                "default_hourly_rate": s.rate,
                "created_at": created,
                "updated_at": created,
            }
        )
    return out


def _description(rng: random.Random, m: Matter, profile: Profile) -> str:
    spec = AREAS[m.area]
    parts = [f"{spec.name} matter for {m.client_display}."]
    if m.detail:
        label = "Property: " if m.detail[:1].isdigit() else ""
        parts.append(label + m.detail[0].upper() + m.detail[1:] + ".")
    if m.opposing and rng.random() < 0.5:
        parts.append(f"Adverse party: {m.opposing}.")
    if profile.path_habit == "matter_number" and rng.random() < 0.8:
        parts.insert(0, f"Firm matter no. {m.matter_no}.")
    return " ".join(parts)


def client_and_case_records(
    rng: random.Random, world: World, profile: Profile
) -> tuple[list[JSON], list[JSON], list[JSON]]:
    """(clients, companies, cases), cross-referenced both ways."""
    client_ids: dict[str, int] = {}
    clients: dict[int, JSON] = {}
    companies: dict[str, JSON] = {}
    next_client = rng.randint(41000000, 41900000)
    next_company = rng.randint(52000000, 52900000)
    cases: list[JSON] = []

    def client_record(p: Person) -> JSON:
        nonlocal next_client
        if p.full in client_ids:
            return clients[client_ids[p.full]]
        created = stamp(rng, profile.start - dt.timedelta(days=rng.randint(30, 1200)), profile)
        record: JSON = {
            "id": next_client,
            "email": p.email,
            "first_name": p.first,
            "middle_name": rng.choice(("", "", "", "Marie", "Jose", "Lee", "Ann", "K.")),
            "last_name": p.last,
            "address": _address(rng, profile),
            "cell_phone_number": p.phone,
            "work_phone_number": p.phone if p.role == "client contact" else None,
            "home_phone_number": None,
            "fax_phone_number": None,
            "notes": rng.choice(
                (
                    "",
                    "",
                    "Prefers email.",
                    "Prefers text messages.",
                    "Spanish-speaking; interpreter for meetings.",
                    "Call after 4 p.m.",
                )
            ),
            "birthdate": (
                dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 18000))
            ).isoformat(),
            "archived": False,
            "cases": [],
            "custom_field_values": [],
            "created_at": created,
            "updated_at": created,
        }
        client_ids[p.full] = next_client
        clients[next_client] = record
        next_client += rng.randint(5, 900)
        return record

    for m in world.matters:
        client = client_record(m.client)
        client["cases"].append({"id": m.case_id})
        company_ids: list[JSON] = []
        if m.client_company:
            if m.client_company not in companies:
                created = stamp(
                    rng, profile.start - dt.timedelta(days=rng.randint(30, 1500)), profile
                )
                domain = m.client.email.split("@")[1]
                companies[m.client_company] = {
                    "id": next_company,
                    "name": m.client_company,
                    "email": f"legal@{domain}",
                    "website": f"https://www.{domain}",
                    "main_phone_number": m.client.phone[:-2] + f"{rng.randint(0, 99):02d}",
                    "fax_phone_number": None,
                    "address": _address(rng, profile),
                    "notes": "",
                    "cases": [],
                    "clients": [{"id": client["id"]}],
                    "archived": False,
                    "custom_field_values": [],
                    "created_at": created,
                    "updated_at": created,
                }
                next_company += rng.randint(5, 900)
            company = companies[m.client_company]
            company["cases"].append({"id": m.case_id})
            company_ids.append({"id": company["id"]})
        cases.append(_case_record(rng, m, profile, client["id"], company_ids))
    return list(clients.values()), list(companies.values()), cases


def _case_record(
    rng: random.Random, m: Matter, profile: Profile, client_id: int, company_ids: list[JSON]
) -> JSON:
    spec = AREAS[m.area]
    opened = m.opened
    closed = None if m.open else (profile.start - dt.timedelta(days=rng.randint(1, 20))).isoformat()
    sol = (
        (opened + dt.timedelta(days=rng.randint(300, 700))).isoformat()
        if m.area in ("pi", "employment")
        else None
    )
    staff = []
    for i, sid in enumerate(m.staff_ids):
        staff.append(
            {
                "id": sid,
                "lead_lawyer": sid == m.lead_id,
                "originating_lawyer": i == 0 and rng.random() < 0.7,
                "case_rate": (
                    f"{rng.choice((295, 350, 395, 425, 450))}.0" if rng.random() < 0.12 else None
                ),
            }
        )
    stage = rng.choice(spec.stages)
    if m.court_kind == "none" and m.area == "probate":
        stage = rng.choice(("Planning", "Drafting", "Signing"))
    elif m.court_kind == "none" and stage in ("Litigation", "Discovery", "Petition Filed"):
        stage = spec.stages[0]
    created = stamp(rng, opened, profile)
    return {
        "id": m.case_id,
        "name": m.name,
        "case_number": m.case_number,
        "description": _description(rng, m, profile),
        "opened_date": opened.isoformat(),
        "closed_date": closed,
        "sol_date": sol,
        "practice_area": spec.name,
        "case_stage": stage,
        "status": "open" if m.open else "closed",
        "outstanding_balance": round(rng.choice((0.0, 0.0, rng.uniform(150, 18000))), 2),
        "billing_contact": {"id": client_id},
        "billing_type": rng.choice(spec.billing) if rng.random() > 0.03 else "pro_bono",
        "clients": [{"id": client_id}],
        "companies": company_ids,
        "staff": staff,
        "custom_field_values": [],
        "office": {"id": 1, "name": "Main Office"},
        "created_at": created,
        "updated_at": stamp(rng, profile.start - dt.timedelta(days=rng.randint(1, 20)), profile),
    }


def firm_json(rng: random.Random, world: World, profile: Profile) -> JSON:
    """firm.json without its history: ``history.time_entries`` fills "time_entries"."""
    clients, companies, cases = client_and_case_records(rng, world, profile)
    return {
        "format": "tenths-fixture/1",
        "firm": {"name": world.firm_name, "url": f"https://www.{world.firm_domain}"},
        "staff": staff_records(rng, world, profile),
        "clients": clients,
        "companies": companies,
        "cases": cases,
        "activity_names": list(ACTIVITY_NAMES),
        "time_entries": [],
    }
