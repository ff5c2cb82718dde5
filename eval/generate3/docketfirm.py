"""What MyCase holds for the docket kind: each case's caption, number, parties (people as
clients, organisations as companies, shared across cases) and counsel (the firm's own as
staff, the other side's in the description)."""

from __future__ import annotations

import random
from datetime import date

from eval.generate3.docketworld import Case, Court
from eval.generate3.pools import CITIES, STREET_TYPES, STREETS

_STAGES = ("Pleadings", "Discovery", "Discovery", "Motions", "Trial preparation",
           "Settlement")


def _address(rng: random.Random) -> dict:
    return {"address1": f"{rng.randint(10, 999)} {rng.choice(STREETS)} "
                        f"{rng.choice(STREET_TYPES)}",
            "address2": "", "city": rng.choice(CITIES), "state": "", "zip_code":
            f"{rng.randint(10000, 99999)}", "country": "US"}


def _description(rng: random.Random, case: Case) -> str:
    parts = []
    if rng.random() < 0.75:
        counsel = "; ".join(f"{a.full} ({a.firm})" for a in case.their_counsel)
        side = "defendants" if case.ours == "plaintiffs" else "plaintiffs"
        parts.append(f"Opposing counsel for {side}: {counsel}.")
    if case.kind.nature and rng.random() < 0.5:
        parts.append(f"Nature of suit: {case.kind.nature}.")
    if rng.random() < 0.3:
        parts.append(f"Assigned to Judge {case.judge}.")
    return " ".join(parts)


def case_records(rng: random.Random, cases: list[Case], court: Court, staff_of: dict[str, int],
                 created: str, first_day: date) -> tuple[list[dict], list[dict], list[dict]]:
    """(clients, companies, cases) as MyCase serves them; one record per distinct party."""
    people: dict[str, dict] = {}
    companies: dict[str, dict] = {}
    client_ids = iter(rng.sample(range(1_000, 99_999), 4 * len(cases) + 10))
    company_ids = iter(rng.sample(range(100_000, 199_999), 4 * len(cases) + 10))
    records = []
    for case in cases:
        links_people, links_companies = [], []
        for party in case.plaintiffs + case.defendants:
            if party.person:
                record = people.get(party.name)
                if record is None:
                    record = people[party.name] = {
                        "id": next(client_ids), "email": "", "first_name": party.first,
                        "middle_name": "", "last_name": party.last,
                        "address": _address(rng), "cell_phone_number": "",
                        "work_phone_number": "", "home_phone_number": "",
                        "fax_phone_number": "", "notes": "", "birthdate": None,
                        "archived": False, "cases": [], "custom_field_values": [],
                        "created_at": created, "updated_at": created}
                record["cases"].append({"id": case.case_id})
                links_people.append({"id": record["id"]})
            else:
                record = companies.get(party.name)
                if record is None:
                    record = companies[party.name] = {
                        "id": next(company_ids), "name": party.name, "email": "",
                        "website": "", "main_phone_number": "", "fax_phone_number": "",
                        "address": _address(rng), "notes": "", "cases": [], "clients": [],
                        "archived": False, "custom_field_values": [],
                        "created_at": created, "updated_at": created}
                record["cases"].append({"id": case.case_id})
                links_companies.append({"id": record["id"]})
        opened = date(int("20" + case.number.split(":")[1][:2]), rng.randint(1, 12),
                      rng.randint(1, 28))
        opened = min(opened, first_day)
        records.append({
            "id": case.case_id, "name": case.caption, "case_number": case.number,
            "description": _description(rng, case), "opened_date": opened.isoformat(),
            "closed_date": None, "sol_date": None, "practice_area": case.kind.practice_area,
            "case_stage": rng.choice(_STAGES), "status": "open", "outstanding_balance": 0,
            "billing_type": "hourly", "clients": links_people, "companies": links_companies,
            "staff": [{"id": staff_of[a.email], "lead_lawyer": i == 0,
                       "originating_lawyer": i == 0, "case_rate": None}
                      for i, a in enumerate(case.our_counsel)],
            "custom_field_values": [], "created_at": f"{opened.isoformat()}T15:00:00Z",
            "updated_at": f"{first_day.isoformat()}T08:00:00Z"})
    return list(people.values()), list(companies.values()), records
