"""Small records built in code for tests: invented, never real client data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tenths.records import Contact, Matter, MatterStaff, RemoteEntry, Span, Staff

T0 = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)  # 09:00 in Los Angeles


def make_span(i: int, minutes: float = 6, offset_min: float | None = None, **kw: object) -> Span:
    start = T0 + timedelta(minutes=offset_min if offset_min is not None else i * 10)
    fields: dict[str, object] = dict(
        id=f"s{i}", user=7, start=start, end=start + timedelta(minutes=minutes),
        app="Microsoft Outlook", kind="email", window_title=f"Subject {i}", text="",
    )
    fields.update(kw)
    return Span(**fields)  # type: ignore[arg-type]


def make_contact(i: int, name: str, kind: str = "client", **kw: object) -> Contact:
    fields: dict[str, object] = dict(
        id=i, kind=kind, name=name, email="", phones=(), address="", case_ids=(), updated_at=T0
    )
    fields.update(kw)
    return Contact(**fields)  # type: ignore[arg-type]


def make_matter(i: int, name: str, contacts: tuple[Contact, ...] = (), **kw: object) -> Matter:
    fields: dict[str, object] = dict(
        id=i, name=name, case_number="", description="", practice_area="Personal Injury",
        case_stage="Discovery", status="open", billing_type="hourly", opened_date=None,
        client_ids=tuple(c.id for c in contacts if c.kind == "client"),
        company_ids=tuple(c.id for c in contacts if c.kind == "company"),
        staff=(MatterStaff(7, True, False, None),), contacts=contacts, updated_at=T0,
    )
    fields.update(kw)
    return Matter(**fields)  # type: ignore[arg-type]


def make_staff(i: int = 7, rate: str | None = "300") -> Staff:
    return Staff(i, "Rowan", "Testperson", "rowan@example.test", "Lawyer", "Associate", True,
                 Decimal(rate) if rate else None, T0)




def make_remote_entry(i: int, case_id: int, description: str) -> RemoteEntry:
    """A past time entry in MyCase, for profiles built from narratives."""
    return RemoteEntry(id=1000 + i, case_id=case_id, staff_id=7, entry_date=T0.date(),
                       hours=Decimal("0.5"), rate=Decimal("300"), activity_name="Review",
                       description=description, billable=True, invoice_ids=(),
                       created_at=T0, updated_at=T0)
