"""The review, as the CLI reaches it: through the running service's API, or on the store
when no service runs (``app.backends.backend_for`` chooses). Both answer with the same
records (``DayView``), so `tenths entries` prints the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Protocol

import httpx
from pydantic import TypeAdapter

from app.review import actions, journal
from app.review.inputs import EditIn
from app.review.ledes import ledes_text
from app.review.view import DayView, day_view
from pipeline.ledes import Invoice
from tenths.settings import Settings
from tenths.store import Store

_VIEW = TypeAdapter(DayView)


class Reviewer(Protocol):
    def day(self, day: date, text: bool = False) -> DayView: ...

    def edit(self, entry_id: str, edit: EditIn) -> DayView: ...

    def release(self, entry_ids: list[str]) -> DayView: ...

    def release_day(self, day: date) -> DayView: ...

    def unrelease(self, entry_id: str) -> DayView: ...

    def undo(self) -> DayView: ...

    def ledes(self, start: date, end: date, invoice: Invoice) -> str: ...


class StoreReviewer:
    """No service runs: the actions run on the user's store, opened by the caller."""

    def __init__(self, store: Store, user: int, settings: Settings,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 redraft: Callable[[Store, date, datetime], object] | None = None):
        self.store = store
        self.user = user
        self.settings = settings
        self.clock = clock
        self.redraft = redraft

    def _desk(self) -> actions.Desk:
        now = self.clock()
        redraft = self.redraft
        if redraft is None:
            from app.day import DayRefresher

            redraft = DayRefresher(self.settings, self.user)
        return actions.Desk(self.store, self.user, self.settings.billing, now,
                            lambda day: redraft(self.store, day, now))

    def day(self, day: date, text: bool = False) -> DayView:
        return day_view(self.store, self.user, day, self.settings.billing.timezone,
                        now=self.clock(), with_text=text,
                        can_undo=bool(journal.changes(self.store, self.user)))

    def _after(self, outcome: actions.Outcome) -> DayView:
        return self.day(outcome.change.day)

    def edit(self, entry_id: str, edit: EditIn) -> DayView:
        change = actions.EntryEdit(**edit.model_dump())
        return self._after(actions.edit_entry(self._desk(), entry_id, change))

    def release(self, entry_ids: list[str]) -> DayView:
        return self._after(actions.release(self._desk(), entry_ids))

    def release_day(self, day: date) -> DayView:
        return self._after(actions.release_day(self._desk(), day))

    def unrelease(self, entry_id: str) -> DayView:
        return self._after(actions.unrelease(self._desk(), entry_id))

    def undo(self) -> DayView:
        return self.day(actions.undo(self._desk()).day)

    def ledes(self, start: date, end: date, invoice: Invoice) -> str:
        return ledes_text(self.store, self.user, start, end, invoice)[0]


class ApiReviewer:
    """The service runs: every call goes over its local API (``call`` is the client's
    request, which maps refusals to ``LocalApiError``)."""

    def __init__(self, call: Callable[..., httpx.Response]):
        self.call = call

    def _view(self, method: str, path: str, **kw: object) -> DayView:
        return _VIEW.validate_python(self.call(method, path, **kw).json())

    def day(self, day: date, text: bool = False) -> DayView:
        return self._view("GET", f"/days/{day.isoformat()}/review",
                          params={"text": "true" if text else "false"})

    def edit(self, entry_id: str, edit: EditIn) -> DayView:
        return self._view("POST", f"/entries/{entry_id}/edit",
                          json=edit.model_dump(mode="json", exclude_none=True))

    def release(self, entry_ids: list[str]) -> DayView:
        view = None
        for entry_id in entry_ids:
            view = self._view("POST", f"/entries/{entry_id}/release")
        assert view is not None
        return view

    def release_day(self, day: date) -> DayView:
        return self._view("POST", f"/days/{day.isoformat()}/release")

    def unrelease(self, entry_id: str) -> DayView:
        return self._view("POST", f"/entries/{entry_id}/unrelease")

    def undo(self) -> DayView:
        return self._view("POST", "/undo")

    def ledes(self, start: date, end: date, invoice: Invoice) -> str:
        return self.call("GET", "/ledes", params={
            "start": start.isoformat(), "end": end.isoformat(),
            "invoice_number": invoice.number, "invoice_date": invoice.invoice_date.isoformat(),
            "law_firm_id": invoice.law_firm_id}).text
