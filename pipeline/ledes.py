"""LEDES 1998B export of released entries.

The format (LEDES Oversight Committee, 1998B): a plain-text file whose first
line is ``LEDES1998B[]``, whose second line names the 24 fields below, and
whose every other line is one invoice line item; fields are separated by ``|``
and every line ends with ``[]``. Dates are ``YYYYMMDD``; amounts carry two
decimals; a fee line's type is ``F``, its units are hours and its unit cost the
hourly rate. Only billable entries that are released (or later) are exported:
a draft or a non-billable entry never reaches a client's bill.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from tenths.records import Entry, EntryStatus, Matter, Staff

HEADER = "LEDES1998B[]"
FIELDS: tuple[str, ...] = (
    "INVOICE_DATE", "INVOICE_NUMBER", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "INVOICE_TOTAL",
    "BILLING_START_DATE", "BILLING_END_DATE", "INVOICE_DESCRIPTION", "LINE_ITEM_NUMBER",
    "EXP/FEE/INV_ADJ_TYPE", "LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_ADJUSTMENT_AMOUNT",
    "LINE_ITEM_TOTAL", "LINE_ITEM_DATE", "LINE_ITEM_TASK_CODE", "LINE_ITEM_EXPENSE_CODE",
    "LINE_ITEM_ACTIVITY_CODE", "TIMEKEEPER_ID", "LINE_ITEM_DESCRIPTION", "LAW_FIRM_ID",
    "LINE_ITEM_UNIT_COST", "TIMEKEEPER_NAME", "TIMEKEEPER_CLASSIFICATION", "CLIENT_MATTER_ID",
)
EXPORTED = frozenset({EntryStatus.RELEASED, EntryStatus.SYNCED, EntryStatus.INVOICED})
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Invoice:
    """What LEDES needs that entries do not carry."""

    number: str
    invoice_date: date
    law_firm_id: str  # the firm's tax id, as the client's e-billing system knows it
    description: str = "For professional services rendered"


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _clean(text: str) -> str:
    """A field may hold neither the separator nor the line end."""
    return " ".join(text.replace("|", "/").replace("[]", "").split())


def _classification(staff: Staff | None) -> str:
    kind = (staff.type if staff else "").lower()
    title = (staff.title if staff else "").lower()
    if "partner" in title:
        return "PT"
    if "paralegal" in title or "paralegal" in kind:
        return "PL"
    if "associate" in title or "lawyer" in kind or "attorney" in kind:
        return "AS"
    return "OT"


def export_ledes(entries: Iterable[Entry], matters: Mapping[int, Matter],
                 staff: Mapping[int, Staff], invoice: Invoice) -> str:
    """The LEDES 1998B text of the billable released entries, one invoice per matter."""
    chosen = sorted((e for e in entries if e.status in EXPORTED and e.billable and e.hours > 0),
                    key=lambda e: (e.case_id, e.entry_date, e.id))
    by_matter: dict[int, list[Entry]] = {}
    for e in chosen:
        by_matter.setdefault(e.case_id, []).append(e)
    lines = [HEADER, "|".join(FIELDS) + "[]"]
    for case_id, items in by_matter.items():
        matter = matters.get(case_id)
        client_id = str((matter.client_ids or matter.company_ids or ("",))[0]) if matter else ""
        total = sum((e.hours * e.rate).quantize(CENT, rounding=ROUND_HALF_UP) for e in items)
        start, end = min(e.entry_date for e in items), max(e.entry_date for e in items)
        for n, e in enumerate(items, start=1):
            person = staff.get(e.user)
            row: Sequence[str] = (
                _date(invoice.invoice_date), _clean(invoice.number), client_id, str(case_id),
                _money(Decimal(total)), _date(start), _date(end), _clean(invoice.description),
                str(n), "F", _money(e.hours), "0.00",
                _money(e.hours * e.rate), _date(e.entry_date), e.task_code, "",
                e.activity_code, str(e.user), _clean(e.description), _clean(invoice.law_firm_id),
                _money(e.rate),
                _clean(f"{person.last_name}, {person.first_name}") if person else "",
                _classification(person), _clean(matter.case_number) if matter else "",
            )
            lines.append("|".join(row) + "[]")
    return "\n".join(lines) + "\n"


def parse_ledes(text: str) -> list[dict[str, str]]:
    """The line items of a LEDES 1998B text, checked against the field list."""
    lines = text.splitlines()
    if not lines or lines[0] != HEADER:
        raise ValueError("LEDES 1998B: the first line must be LEDES1998B[]")
    if len(lines) < 2 or lines[1] != "|".join(FIELDS) + "[]":
        raise ValueError("LEDES 1998B: the second line must name the 24 fields")
    out = []
    for number, line in enumerate(lines[2:], start=3):
        if not line.endswith("[]"):
            raise ValueError(f"LEDES 1998B line {number}: must end with []")
        values = line[:-2].split("|")
        if len(values) != len(FIELDS):
            raise ValueError(f"LEDES 1998B line {number}: {len(values)} fields, not 24")
        out.append(dict(zip(FIELDS, values, strict=True)))
    return out
