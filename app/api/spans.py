"""A day's spans (the words on screen only when asked), and purging raw text."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter, Query

from app.api.deps import ServiceDep
from app.api.models import PurgeIn, PurgeOut, SpanOut

router = APIRouter(tags=["spans"])


@router.get("/days/{day}/spans", summary="A day's spans: app, title, URL or path, times")
def day_spans(
    day: date, service: ServiceDep,
    text: bool = Query(False, description="include the words on screen"),  # noqa: B008
) -> list[SpanOut]:
    return [SpanOut(**asdict(v)) for v in service.spans(day, text)]


@router.post("/purge", summary="Delete raw captured text now")
def purge(service: ServiceDep, body: PurgeIn | None = None) -> PurgeOut:
    report = service.purge(everything=bool(body and body.everything))
    return PurgeOut(purged=report.purged, days_attributed=list(report.days_attributed),
                    cutoff=report.cutoff)
