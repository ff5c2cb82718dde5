"""What the CLI asks of a store, done the same way by the service (behind the local
API) and by the CLI itself when no service runs: a day's spans, and purging raw text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tenths.records import Span
from tenths.settings import Settings
from tenths.store import Store


@dataclass(frozen=True)
class SpanView:
    """A span as listed to its timekeeper: the words on screen only when asked."""

    id: str
    start: datetime
    end: datetime
    app: str
    kind: str
    title: str
    url: str | None
    path: str | None
    text: str | None

    @classmethod
    def of(cls, span: Span, with_text: bool) -> SpanView:
        return cls(span.id, span.start, span.end, span.app, span.kind, span.window_title,
                   span.url, span.path, span.text if with_text else None)


def day_spans(store: Store, user: int, day: date, tz: str, with_text: bool) -> list[SpanView]:
    return [SpanView.of(s, with_text) for s in store.activity.spans(user, day=day, tz=tz)]


@dataclass(frozen=True)
class PurgeReport:
    purged: int  # spans whose raw text was deleted
    days_attributed: tuple[date, ...]  # days attributed first so their spans could go
    cutoff: datetime  # spans that ended before this were purged


def purge(
    store: Store, user: int, settings: Settings, now: datetime,
    refresh: Callable[[date], object], everything: bool = False,
) -> PurgeReport:
    """Delete raw text past ``[capture].retention_hours`` (or all of it, ``everything``).

    Days that still hold unattributed spans past the window are attributed first
    (``refresh``), so every span's words found its matter before they go; with
    ``everything`` the text goes now, attributed or not.
    """
    if everything:
        cutoff = now
        return PurgeReport(store.activity.purge_text(cutoff, now, attributed_only=False), (),
                           cutoff)
    cutoff = now - timedelta(hours=settings.capture.retention_hours)
    days = tuple(store.activity.unattributed_days(user, cutoff, settings.billing.timezone))
    for day in days:
        refresh(day)
    return PurgeReport(store.activity.purge_text(cutoff, now), days, cutoff)
