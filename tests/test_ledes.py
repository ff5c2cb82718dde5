"""The LEDES 1998B export: the published header, 24 pipe-delimited fields, [] line ends,
YYYYMMDD dates, only billable released entries."""

from datetime import date
from decimal import Decimal

from factories import T0, make_matter, make_staff

from pipeline.ledes import FIELDS, HEADER, Invoice, export_ledes, parse_ledes
from tenths.records import Entry, EntryStatus

INVOICE = Invoice("INV-1001", date(2026, 12, 1), "95-1234567")


def _entry(i: int, status: EntryStatus, billable: bool = True, hours: str = "1.40") -> Entry:
    return Entry(id=f"e{i}", user=7, case_id=1, entry_date=date(2026, 11, i), worked_seconds=5040,
                 hours=Decimal(hours), rate=Decimal("300"), activity_name="Draft/Revise",
                 description="Review motion | redline agreement; call with client.",
                 billable=billable, span_ids=("s1",), status=status, updated_at=T0,
                 task_code="L240", activity_code="A103")


def test_the_export_follows_the_published_field_list():
    assert len(FIELDS) == 24 and FIELDS[0] == "INVOICE_DATE" and FIELDS[-1] == "CLIENT_MATTER_ID"
    matter = make_matter(1, "Chen v. Park", case_number="24STCV01234", client_ids=(55,))
    entries = [_entry(2, EntryStatus.RELEASED), _entry(3, EntryStatus.SYNCED, hours="0.30"),
               _entry(4, EntryStatus.DRAFT), _entry(5, EntryStatus.RELEASED, billable=False)]
    text = export_ledes(entries, {1: matter}, {7: make_staff()}, INVOICE)
    lines = text.splitlines()
    assert lines[0] == HEADER == "LEDES1998B[]"
    assert all(line.endswith("[]") for line in lines)
    items = parse_ledes(text)
    assert len(items) == 2  # the draft and the non-billable entry are not on the bill
    first = items[0]
    assert first["INVOICE_DATE"] == "20261201" and first["LINE_ITEM_DATE"] == "20261102"
    assert first["EXP/FEE/INV_ADJ_TYPE"] == "F"
    assert first["LINE_ITEM_NUMBER_OF_UNITS"] == "1.40" and first["LINE_ITEM_UNIT_COST"] == "300.00"
    assert first["LINE_ITEM_TOTAL"] == "420.00" and first["INVOICE_TOTAL"] == "510.00"
    assert first["LINE_ITEM_TASK_CODE"] == "L240" and first["LINE_ITEM_ACTIVITY_CODE"] == "A103"
    assert "|" not in first["LINE_ITEM_DESCRIPTION"]
    assert first["CLIENT_ID"] == "55" and first["CLIENT_MATTER_ID"] == "24STCV01234"
    assert first["TIMEKEEPER_NAME"] == "Testperson, Rowan"
    assert [i["LINE_ITEM_NUMBER"] for i in items] == ["1", "2"]
