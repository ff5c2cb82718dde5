"""The MyCase snapshot: the world as the v1 API would serve it (shared/MYCASE_API.md)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from .history import PastEntry
from .records import World

FORMAT = "tenths-fixture/1"


def case_rates(world: World, rng: random.Random) -> dict[tuple[int, int], str | None]:
    """Per-case rates: most staff bill their default; some matters carry a negotiated rate."""
    out: dict[tuple[int, int], str | None] = {}
    for case in world.cases:
        discount = rng.random() < 0.2 and case.billing_type in ("hourly", "mixed")
        for sid in case.staff_ids:
            rate = world.staff_by_id(sid).rate
            out[(case.id, sid)] = f"{round(rate * 0.85 / 5) * 5:.1f}" if discount else None
    return out


def _stamp(day: dt.date, tz: ZoneInfo, rng: random.Random) -> str:
    moment = dt.datetime.combine(day, dt.time(rng.randint(7, 19), rng.randint(0, 59), rng.randint(0, 59)), tz)
    return moment.isoformat()


def firm_json(world: World, history: tuple[PastEntry, ...], rates: dict[tuple[int, int], str | None],
              rng: random.Random) -> dict[str, Any]:
    p = world.profile
    tz = ZoneInfo(p.tz)
    start = dt.date.fromisoformat(p.start_date)
    old = start - dt.timedelta(days=900)
    staff = [{
        "id": s.id, "email": s.email, "first_name": s.name.first, "middle_initial": "", "last_name": s.name.last,
        "cell_phone_number": "", "work_phone_number": f"({p.area_code}) 555-01{i:02d}", "home_phone_number": "",
        "type": s.type, "title": s.title, "active": True, "default_hourly_rate": float(s.rate),
        "created_at": _stamp(old, tz, rng), "updated_at": _stamp(start - dt.timedelta(days=30), tz, rng),
    } for i, s in enumerate(world.staff)]
    cases_of_client: dict[int, list[int]] = {}
    cases_of_company: dict[int, list[int]] = {}
    for c in world.cases:
        for i in c.client_ids:
            cases_of_client.setdefault(i, []).append(c.id)
        for i in c.company_ids:
            cases_of_company.setdefault(i, []).append(c.id)
    clients = [{
        "id": c.id, "email": c.email, "first_name": c.name.first, "middle_name": "", "last_name": c.name.last,
        "address": {"address1": c.address[0], "address2": "", "city": c.address[1], "state": c.address[2],
                    "zip_code": c.address[3], "country": "US"},
        "cell_phone_number": c.cell, "work_phone_number": "", "home_phone_number": "", "fax_phone_number": "",
        "notes": "", "birthdate": f"{rng.randint(1948, 2001)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "archived": False, "cases": [{"id": i} for i in cases_of_client.get(c.id, [])],
        "custom_field_values": [], "created_at": _stamp(old, tz, rng), "updated_at": _stamp(old, tz, rng),
    } for c in world.clients]
    companies = [{
        "id": c.id, "name": c.name, "email": c.email, "website": c.website, "main_phone_number": c.phone,
        "fax_phone_number": "", "address": {"address1": "", "address2": "", "city": "", "state": p.state,
                                             "zip_code": "", "country": "US"},
        "notes": "", "cases": [{"id": i} for i in cases_of_company.get(c.id, [])], "clients": [],
        "archived": False, "custom_field_values": [], "created_at": _stamp(old, tz, rng),
        "updated_at": _stamp(old, tz, rng),
    } for c in world.companies]
    cases = []
    for c in world.cases:
        billing = (c.client_ids[0] if c.client_ids else None)
        cases.append({
            "id": c.id, "name": c.name, "case_number": c.number, "description": c.description,
            "opened_date": c.opened, "closed_date": c.closed, "sol_date": None, "practice_area": c.area,
            "case_stage": c.stage, "status": c.status, "outstanding_balance": round(rng.uniform(0, 9000), 2),
            "billing_contact": {"id": billing} if billing else None, "billing_type": c.billing_type,
            "clients": [{"id": i} for i in c.client_ids], "companies": [{"id": i} for i in c.company_ids],
            "staff": [{"id": s, "lead_lawyer": s == c.lead, "originating_lawyer": s == c.lead,
                       "case_rate": rates[(c.id, s)]} for s in c.staff_ids],
            "custom_field_values": [], "office": {"id": 1, "name": "Main Office"},
            "created_at": _stamp(dt.date.fromisoformat(c.opened), tz, rng),
            "updated_at": _stamp(start - dt.timedelta(days=rng.randint(1, 20)), tz, rng),
        })
    entries = [{
        "id": e.id, "activity_name": e.activity, "description": e.description, "billable": e.billable,
        "entry_date": e.date.isoformat(), "rate": e.rate, "hours": e.hours, "flat_fee": False,
        "case": {"id": e.case_id}, "staff": {"id": e.staff_id},
        "invoices": [{"id": e.invoice_id}] if e.invoice_id else [], "custom_field_values": [],
        "created_at": _stamp(e.date, tz, rng), "updated_at": _stamp(e.date, tz, rng),
    } for e in history]
    return {
        "format": FORMAT,
        "firm": {"name": p.firm_name, "url": f"https://{p.firm_slug}.mycase.example"},
        "staff": staff, "clients": clients, "companies": companies, "cases": cases,
        "activity_names": list(world.activity_names), "time_entries": entries,
    }
