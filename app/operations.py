"""What the CLI asks of a store, done the same way by the service (behind the local
API) and by the CLI itself when no service runs: a day's spans, and purging raw text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tenths.records import Span
from tenths.settings import Settings
from tenths.store import Store

log = logging.getLogger("tenths.service")
GRACE_HOURS = 24  # past the window, a span that could not be attributed waits this long


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
    (``refresh``), so every span's words found its matter before they go; a day
    that fails to be attributed holds up no other, and its text goes too once it is
    ``GRACE_HOURS`` past the window. With ``everything`` the text goes now,
    attributed or not. After a purge the store's file is rewritten, so the words
    leave the disk as well (``Database.compact``).
    """
    if everything:
        cutoff = now
        purged = store.activity.purge_text(cutoff, now, attributed_only=False)
        return _compacted(store, PurgeReport(purged, (), cutoff))
    cutoff = now - timedelta(hours=settings.capture.retention_hours)
    days = tuple(store.activity.unattributed_days(user, cutoff, settings.billing.timezone))
    attributed = []
    for day in days:
        try:  # one day that cannot be attributed holds up no other day's purge
            refresh(day)
        except Exception as exc:  # noqa: BLE001 - logged by class; the purge goes on
            log.warning("purge: attributing a day failed (%s)", type(exc).__name__)
        else:
            attributed.append(day)
    purged = store.activity.purge_text(cutoff, now)
    # A day that could not be attributed in a whole day more keeps its text no longer.
    purged += store.activity.purge_text(cutoff - timedelta(hours=GRACE_HOURS), now,
                                        attributed_only=False)
    return _compacted(store, PurgeReport(purged, tuple(attributed), cutoff))


def _compacted(store: Store, report: PurgeReport) -> PurgeReport:
    """Rewrite the store's file after a purge, so the purged words leave the disk too."""
    if report.purged:
        store.db.compact()
    return report
