"""A small reviewed day in a store: two matters, spans, attributions, drafts (invented)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from factories import T0, make_contact, make_matter, make_span, make_staff

from app.review.actions import Desk
from tenths.records import Attribution, Entry
from tenths.settings import BillingSettings
from tenths.store import Store

DAY = date(2026, 11, 2)
NOW = T0 + timedelta(hours=9)
CHEN = make_matter(1, "Chen v. Park", (make_contact(11, "Lena Chen", email="lena@chen.test"),),
                   case_number="24STCV61783")
ORTIZ = make_matter(2, "Ortiz Estate", (make_contact(12, "Marta Ortiz"),))


def seed(store: Store) -> None:
    """Spans s1..s6 (6 minutes each, 10 apart): s1-s3 on Chen, s4-s5 on Ortiz, s6 a
    "which matter?" flag; one draft per matter."""
    store.catalog.save_staff([make_staff()])
    store.catalog.save_contacts([*CHEN.contacts, *ORTIZ.contacts])
    store.catalog.save_matters([CHEN, ORTIZ])
    store.catalog.save_activity_names(["Review Documents", "Email", "Draft/Revise"])
    spans = [make_span(i, kind="document", app="Writer",
                       window_title=f"Motion draft {i}.docx", text="24STCV61783 motion")
             for i in range(1, 7)]
    store.activity.add_spans(spans)
    store.activity.save_attributions(
        [Attribution(f"s{i}", 1, 0.95, False, True, ("id:docket", "staff"), "v1",
                     ((1, 0.95), (2, 0.03), (None, 0.02))) for i in (1, 2, 3)]
        + [Attribution(f"s{i}", 2, 0.9, False, True, ("full_name:name", "neighbours"), "v1",
                       ((2, 0.9), (1, 0.05), (None, 0.05))) for i in (4, 5)]
        + [Attribution("s6", None, 0.4, True, True, ("which matter?",), "v1",
                       ((1, 0.4), (2, 0.35), (None, 0.25)))])
    store.entries.save([
        draft("e-chen", 1, ("s1", "s2", "s3"), 1080, "0.30", "Review motion draft."),
        draft("e-ortiz", 2, ("s4", "s5"), 720, "0.20", "Review inventory."),
    ])


def draft(entry_id: str, case_id: int, span_ids: tuple[str, ...], seconds: int, hours: str,
          text: str) -> Entry:
    return Entry(id=entry_id, user=7, case_id=case_id, entry_date=DAY, worked_seconds=seconds,
                 hours=Decimal(hours), rate=Decimal("300"), activity_name="Review Documents",
                 description=text, billable=True, span_ids=span_ids, updated_at=T0)


def desk(store: Store, minutes: int = 0, redraft=None) -> Desk:  # noqa: ANN001
    kw = {"redraft": redraft} if redraft else {}
    return Desk(store, 7, BillingSettings(), NOW + timedelta(minutes=minutes), **kw)
