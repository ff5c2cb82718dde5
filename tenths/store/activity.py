"""Captured spans, their attributions, and the timekeeper's corrections."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tenths.records import Attribution, Correction, Span
from tenths.store.db import Database

_SPAN_COLUMNS = 'id, "user", start, "end", app, kind, window_title, text, url, path'
_ATTRIBUTION_COLUMNS = (
    "span_id, case_id, confidence, abstained, billable, reasons, model_version, "
    "candidate_cases, candidate_probabilities"
)
_CORRECTION_COLUMNS = (
    'id, span_id, "user", from_case_id, to_case_id, made_at, undone, '
    "candidates, features, none_boost, feature_names"
)


class Activity:
    def __init__(self, db: Database):
        self.db = db

    # -- spans ------------------------------------------------------------
    def add_spans(self, spans: Iterable[Span]) -> int:
        """Add spans; a span id already stored is left as it was."""
        rows = [
            (s.id, s.user, s.start, s.end, s.app, s.kind, s.window_title, s.text, s.url, s.path)
            for s in spans
        ]
        if rows:
            with self.db.transaction() as con:
                con.executemany(
                    f"INSERT OR IGNORE INTO spans ({_SPAN_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
        return len(rows)

    def spans(
        self, user: int, day: date | None = None, tz: str = "UTC", ids: Iterable[str] | None = None,
        *, since: datetime | None = None, before: datetime | None = None,
    ) -> list[Span]:
        """``user``'s spans in start order: those of ``day`` (in ``tz``), of ``ids``, or
        started from ``since`` and before ``before``; all of them without a filter."""
        if day is not None:
            since = datetime.combine(day, time(0), ZoneInfo(tz))
            before = since + timedelta(days=1)
        sql = f'SELECT {_SPAN_COLUMNS} FROM spans WHERE "user" = ?'
        params: list[object] = [user]
        if since is not None:
            sql += " AND start >= ?"
            params.append(since)
        if before is not None:
            sql += " AND start < ?"
            params.append(before)
        if ids is not None:
            wanted = list(ids)
            if not wanted:
                return []
            sql += " AND id IN (SELECT unnest(?))"
            params.append(wanted)
        rows = self.db.con.execute(sql + " ORDER BY start, id", params).fetchall()
        return [Span(*r[:7], r[7] or "", r[8], r[9]) for r in rows]

    def purge_text(self, before: datetime, now: datetime, *, attributed_only: bool = True) -> int:
        """Delete the raw captured text (words on screen, title, URL, path) of spans that
        ended before ``before``; return how many spans were purged. The span's times, app
        and kind stay, and so do its attribution and the entries drafted from it.

        By default a span waits until it is attributed: its words are what finds its
        matter, and a span purged first could only ever be left for review. The service
        attributes the days that still hold unattributed spans past the window before it
        purges (``unattributed_days``), so nothing keeps its text for long. With
        ``attributed_only=False`` every span is purged (``tenths purge --all``).
        """
        sql = """
            UPDATE spans SET text = '', window_title = '', url = NULL, path = NULL,
                text_purged_at = ?
            WHERE "end" < ? AND text_purged_at IS NULL
            """
        if attributed_only:
            sql += " AND id IN (SELECT span_id FROM attributions)"
        with self.db.transaction() as con:
            count = con.execute(sql, [now, before]).fetchone()
        return int(count[0]) if count else 0

    def unattributed_days(self, user: int, before: datetime, tz: str) -> list[date]:
        """The days (in ``tz``) of ``user``'s spans that ended before ``before``, still hold
        their text and have no attribution: what must be attributed before a purge."""
        rows = self.db.con.execute(
            """
            SELECT DISTINCT start FROM spans
            WHERE "user" = ? AND "end" < ? AND text_purged_at IS NULL
              AND id NOT IN (SELECT span_id FROM attributions)
            """,
            [user, before],
        ).fetchall()
        zone = ZoneInfo(tz)
        return sorted({r[0].astimezone(zone).date() for r in rows})

    # -- attributions -----------------------------------------------------
    def save_attributions(self, attributions: Iterable[Attribution]) -> None:
        rows = [
            (a.span_id, a.case_id, a.confidence, a.abstained, a.billable, list(a.reasons),
             a.model_version, [c for c, _ in a.candidates], [p for _, p in a.candidates])
            for a in attributions
        ]
        if rows:
            with self.db.transaction() as con:
                con.executemany(
                    f"INSERT OR REPLACE INTO attributions ({_ATTRIBUTION_COLUMNS}) "
                    "VALUES (?,?,?,?,?,?,?,?,?)", rows
                )

    def attributions(self, span_ids: Iterable[str]) -> dict[str, Attribution]:
        wanted = list(span_ids)
        if not wanted:
            return {}
        rows = self.db.con.execute(
            f"SELECT {_ATTRIBUTION_COLUMNS} FROM attributions "
            "WHERE span_id IN (SELECT unnest(?))", [wanted]
        ).fetchall()
        return {r[0]: Attribution(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ()), r[6] or "",
                                  tuple(zip(r[7] or (), r[8] or (), strict=True)))
                for r in rows}

    # -- corrections ------------------------------------------------------
    def add_correction(self, correction: Correction) -> None:
        c = correction
        with self.db.transaction() as con:
            con.execute(
                f"INSERT INTO corrections ({_CORRECTION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [c.id, c.span_id, c.user, c.from_case_id, c.to_case_id, c.made_at, c.undone,
                 _listed(c.candidates), _listed(c.features), c.none_boost,
                 _listed(c.feature_names)],
            )

    def undo_correction(self, correction_id: str) -> None:
        with self.db.transaction() as con:
            con.execute("UPDATE corrections SET undone = true WHERE id = ?", [correction_id])

    def corrections(self, user: int, include_undone: bool = False) -> list[Correction]:
        sql = f'SELECT {_CORRECTION_COLUMNS} FROM corrections WHERE "user" = ?'
        if not include_undone:
            sql += " AND NOT undone"
        rows = self.db.con.execute(sql + " ORDER BY made_at, id", [user]).fetchall()
        return [Correction(*r) for r in rows]


def _listed(value: tuple | None) -> list | None:
    """A tuple (of tuples) as the nested list DuckDB stores in a LIST column."""
    if value is None:
        return None
    return [_listed(v) if isinstance(v, tuple) else v for v in value]
