"""Shared pieces of the MyCase contract suite: a small firm and the Target record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from sync.client import ManualClock
from sync.emulator import Emulator, WebhookDelivery

REDIRECT_URI = "http://127.0.0.1:8765/callback"
PARTNER, ASSOCIATE, PARALEGAL, FORMER = 1, 2, 3, 4


def small_firm() -> dict[str, Any]:
    """A firm.json dict: four staff, three cases, two clients, one company, some entries."""

    def entry(entry_id: int, case_id: int, staff_id: int, day: str, hours: float) -> dict[str, Any]:
        return {
            "id": entry_id,
            "activity_name": "Research",
            "description": f"entry {entry_id}",
            "billable": True,
            "entry_date": day,
            "rate": "450.0",
            "hours": hours,
            "flat_fee": False,
            "case": {"id": case_id},
            "staff": {"id": staff_id},
            "invoices": [],
            "custom_field_values": [],
            "created_at": f"{day}T17:00:00Z",
            "updated_at": f"{day}T17:00:00Z",
        }

    def staff(staff_id: int, first: str, rate: float, active: bool = True) -> dict[str, Any]:
        return {
            "id": staff_id,
            "first_name": first,
            "last_name": "Test",
            "email": f"{first}@x.test",
            "type": "Attorney",
            "title": "",
            "active": active,
            "default_hourly_rate": rate,
        }

    return {
        "format": "tenths-fixture/1",
        "firm": {"name": "Test & Test LLP", "url": "https://test.example"},
        "staff": [
            staff(PARTNER, "Pat", 450.0),
            staff(ASSOCIATE, "Alex", 300.0),
            staff(PARALEGAL, "Lee", 150.0),
            staff(FORMER, "Old", 200.0, active=False),
        ],
        "clients": [
            {"id": 11, "first_name": "Cam", "last_name": "Client", "cases": [{"id": 101}]},
            {"id": 12, "first_name": "Dee", "last_name": "Client", "cases": [{"id": 102}]},
        ],
        "companies": [{"id": 21, "name": "Acme Corp", "cases": [{"id": 103}]}],
        "cases": [
            {
                "id": 101,
                "name": "Client v. Other",
                "status": "open",
                "staff": [
                    {
                        "id": PARTNER,
                        "lead_lawyer": True,
                        "originating_lawyer": True,
                        "case_rate": "500.0",
                    }
                ],
            },
            {"id": 102, "name": "Estate of Dee", "status": "open", "staff": []},
            {"id": 103, "name": "Acme merger", "status": "closed", "staff": []},
        ],
        "activity_names": ["Research", "Drafting", "Call"],
        "time_entries": [
            entry(1001, 101, PARTNER, "2026-04-27", 1.5),
            entry(1002, 101, ASSOCIATE, "2026-04-28", 0.3),
            entry(1003, 102, PARTNER, "2026-04-29", 2.0),
            entry(1004, 103, ASSOCIATE, "2026-04-30", 0.1),
            entry(1005, 102, PARALEGAL, "2026-05-01", 4.0),
        ],
    }


@dataclass
class Target:
    """One implementation under contract: an emulator and how to reach it."""

    kind: str
    emulator: Emulator
    api_url: str
    auth_url: str
    admin_url: str
    transport: Callable[[], httpx.BaseTransport | None]  # a fresh transport per client
    clock: ManualClock
    deliveries: list[WebhookDelivery]

    def raw(self) -> httpx.Client:
        """A bare httpx client (no auth, no retries) for status-level assertions."""
        return httpx.Client(transport=self.transport(), follow_redirects=False)

    def bearer(self, staff_id: int = PARTNER) -> dict[str, str]:
        token = self.emulator.admin.issue_tokens(staff_id)["access_token"]
        return {"Authorization": f"Bearer {token}"}
