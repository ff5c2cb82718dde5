"""What the review page reads of a day: its entries and its spans' attributions."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from app.api.deps import ServiceDep
from app.api.models import AttributionOut, EntryOut

router = APIRouter(tags=["review"])


@router.get("/days/{day}/entries", summary="A day's entries (drafts and settled)")
def day_entries(day: date, service: ServiceDep) -> list[EntryOut]:
    return [
        EntryOut(id=e.id, case_id=e.case_id, entry_date=e.entry_date,
                 worked_seconds=e.worked_seconds, hours=e.hours, rate=e.rate,
                 activity_name=e.activity_name, description=e.description, billable=e.billable,
                 span_ids=list(e.span_ids), status=e.status.value, remote_id=e.remote_id,
                 updated_at=e.updated_at, edited=e.edited)
        for e in service.entries(day)
    ]


@router.get("/days/{day}/attributions", summary="Which matter each of a day's spans went to")
def day_attributions(day: date, service: ServiceDep) -> list[AttributionOut]:
    return [
        AttributionOut(span_id=a.span_id, case_id=a.case_id, confidence=a.confidence,
                       abstained=a.abstained, billable=a.billable, reasons=list(a.reasons),
                       model_version=a.model_version)
        for a in service.attributions(day)
    ]


@router.post("/days/{day}/refresh", summary="Attribute and draft a day now")
def refresh(day: date, service: ServiceDep) -> list[EntryOut]:
    service.refresh_day(day)
    return day_entries(day, service)
