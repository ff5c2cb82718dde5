"""The review page's routes: the day as reviewed, and every review action.

Each action runs under the service's store lock, in one transaction
(``app.review.actions``), and answers with the day as it now is, so the page
draws what the store holds. A refused action answers 404 (no such entry), 409 (its
state forbids it, or nothing to undo) or 422 (bad input), with a message that names
the entry, never captured text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse, PlainTextResponse

from app.api.deps import ServiceDep
from app.review import NotEditable, NotFound, NothingToUndo, ReviewError, actions, journal
from app.review.admin import UserDay, firm_days, store_users
from app.review.inputs import AnswerIn, EditIn, ManualIn, MergeIn, SplitIn, SyncOut
from app.review.ledes import ledes_text
from app.review.view import DayView, SpanLine, day_view, entry_spans
from app.service import Service
from pipeline.ledes import Invoice

router = APIRouter(tags=["review"])
page = APIRouter(include_in_schema=False)
WEB = Path(__file__).resolve().parent.parent / "web"
# The page is its own files only: no inline script, no other origin, never framed.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "connect-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
T = TypeVar("T")


def _desk(service: Service) -> actions.Desk:
    now = service.clock()
    return actions.Desk(service.store, service.user, service.settings.billing, now,
                        lambda day: service.refresher(service.store, day, now))


def _view(service: Service, day: date, text: bool = False) -> DayView:
    return day_view(service.store, service.user, day, service.settings.billing.timezone,
                    paused=service.paused, now=service.clock(), with_text=text,
                    can_undo=bool(journal.changes(service.store, service.user)))


def _act(service: Service, act: Callable[[actions.Desk], T]) -> T:
    with service.lock:
        try:
            return act(_desk(service))
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from exc
        except (NotEditable, NothingToUndo) as exc:
            raise HTTPException(409, str(exc)) from exc
        except ReviewError as exc:
            raise HTTPException(422, str(exc)) from exc


def _after(service: Service, outcome: actions.Outcome) -> DayView:
    with service.lock:
        return _view(service, outcome.change.day)


@router.get("/days/{day}/review", summary="The day as the review page shows it")
def review_day(day: date, service: ServiceDep,
               text: bool = Query(False, description="include the words on screen")  # noqa: B008
               ) -> DayView:
    with service.lock:
        return _view(service, day, text)


@router.get("/entries/{entry_id}/spans", summary="The spans behind one entry")
def spans_of(entry_id: str, service: ServiceDep,
             text: bool = Query(False, description="include the words on screen")  # noqa: B008
             ) -> list[SpanLine]:
    with service.lock:
        return list(entry_spans(service.store, service.user, entry_id,
                                service.settings.billing.timezone, text))


@router.post("/entries/{entry_id}/edit", summary="Change matter, hours, activity, narrative")
def edit(entry_id: str, body: EditIn, service: ServiceDep) -> DayView:
    change = actions.EntryEdit(**body.model_dump())
    return _after(service, _act(service, lambda d: actions.edit_entry(d, entry_id, change)))


@router.post("/entries/{entry_id}/split", summary="Split a draft by spans or by hours")
def split(entry_id: str, body: SplitIn, service: ServiceDep) -> DayView:
    return _after(service, _act(service, lambda d: actions.split_entry(
        d, entry_id, span_ids=body.span_ids, hours=body.hours)))


@router.post("/entries/merge", summary="Merge drafts of one matter and day")
def merge(body: MergeIn, service: ServiceDep) -> DayView:
    return _after(service, _act(service, lambda d: actions.merge_entries(d, body.entry_ids)))


@router.post("/days/{day}/entries", summary="Add a manual entry")
def add(day: date, body: ManualIn, service: ServiceDep) -> DayView:
    return _after(service, _act(service, lambda d: actions.add_entry(
        d, day, body.case_id, body.hours, body.activity_name, body.description, body.billable)))


@router.post("/days/{day}/flags/answer", summary="Answer a 'which matter?' flag")
def answer(day: date, body: AnswerIn, service: ServiceDep) -> DayView:
    return _after(service, _act(service, lambda d: actions.answer_flag(
        d, day, body.span_ids, body.case_id)))


@router.post("/entries/{entry_id}/release", summary="Release one draft")
def release(entry_id: str, service: ServiceDep) -> DayView:
    return _after(service, _act(service, lambda d: actions.release(d, [entry_id])))


@router.post("/days/{day}/release", summary="Release every draft of the day")
def release_day(day: date, service: ServiceDep) -> DayView:
    return _after(service, _act(service, lambda d: actions.release_day(d, day)))


@router.post("/entries/{entry_id}/unrelease", summary="Take a released entry back to draft")
def unrelease(entry_id: str, service: ServiceDep) -> DayView:
    return _after(service, _act(service, lambda d: actions.unrelease(d, entry_id)))


@router.post("/undo", summary="Undo the last review action")
def undo(service: ServiceDep) -> DayView:
    change = _act(service, actions.undo)
    with service.lock:
        return _view(service, change.day)


@router.post("/sync", summary="Sync with MyCase now (when connected)")
def sync_now(service: ServiceDep) -> SyncOut:
    if "sync" not in service.jobs:
        return SyncOut(ran=False)
    job = service.run_job("sync", service.clock())
    return SyncOut(ran=True, error=job.last_error, result=dict(job.last_result))


@router.get("/admin/days/{day}", summary="Hours captured, drafted, released per user (only)")
def admin_day(day: date, service: ServiceDep) -> list[UserDay]:
    with service.lock:
        return firm_days(store_users(service.settings.store.data_dir), day,
                         service.settings.billing.timezone,
                         held=(service.user, service.store.db.con))


@router.get("/ledes", summary="LEDES 1998B of released entries", response_class=PlainTextResponse)
def ledes(service: ServiceDep, start: date, end: date,
          invoice_number: str = Query("1", max_length=64),  # noqa: B008
          invoice_date: date | None = None,
          law_firm_id: str = Query("", max_length=64)) -> PlainTextResponse:  # noqa: B008
    invoice = Invoice(invoice_number, invoice_date or end, law_firm_id)
    with service.lock:
        text, _ = ledes_text(service.store, service.user, start, end, invoice)
    return PlainTextResponse(text)


@page.get("/review")
def review_page() -> FileResponse:
    return FileResponse(WEB / "review.html", media_type="text/html", headers=PAGE_HEADERS)


@page.get("/review/static/{name}")
def review_static(name: str) -> FileResponse:
    files = {p.name: p for p in WEB.iterdir() if p.suffix in (".js", ".css", ".txt")}
    if name not in files:
        raise HTTPException(404, "no such file")
    kind = {".js": "text/javascript", ".css": "text/css", ".txt": "text/plain"}
    return FileResponse(files[name], media_type=kind[files[name].suffix], headers=PAGE_HEADERS)
