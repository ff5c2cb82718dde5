"""Drafted time entries and the sync engine's saved state."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tenths.errors import StoreError
from tenths.records import Entry, EntryStatus
from tenths.store.catalog import bulk_insert
from tenths.store.db import Database

_COLUMNS = (
    'id, "user", case_id, entry_date, worked_seconds, hours, rate, activity_name, description, '
    "billable, span_ids, status, remote_id, updated_at, edited, task_code, activity_code"
)


_TYPED = (
    ("id", "VARCHAR"), ('"user"', "BIGINT"), ("case_id", "BIGINT"), ("entry_date", "DATE"),
    ("worked_seconds", "BIGINT"), ("hours", "DECIMAL(10, 2)"), ("rate", "DECIMAL(12, 2)"),
    ("activity_name", "VARCHAR"), ("description", "VARCHAR"), ("billable", "BOOLEAN"),
    ("span_ids", "VARCHAR[]"), ("status", "VARCHAR"), ("remote_id", "BIGINT"),
    ("updated_at", "TIMESTAMPTZ"), ("edited", "BOOLEAN"), ("task_code", "VARCHAR"),
    ("activity_code", "VARCHAR"),
)


def _entry(row: tuple) -> Entry:
    return Entry(*row[:10], tuple(row[10] or ()), EntryStatus(row[11]), row[12], row[13],
                 bool(row[14]), row[15] or "", row[16] or "")


class Entries:
    def __init__(self, db: Database):
        self.db = db

    def save(self, entries: Iterable[Entry]) -> int:
        rows = [
            (e.id, e.user, e.case_id, e.entry_date, e.worked_seconds, e.hours, e.rate,
             e.activity_name, e.description, e.billable, list(e.span_ids), e.status.value,
             e.remote_id, e.updated_at, e.edited, e.task_code, e.activity_code)
            for e in entries
        ]
        if rows:
            with self.db.transaction() as con:
                bulk_insert(con, "entries", _TYPED, rows)
        return len(rows)

    def replace_drafts(self, user: int, day: date, drafts: Iterable[Entry]) -> int:
        """Swap the day's machine-made drafts for new ones. A settled entry (released,
        synced, invoiced, or edited by hand) is never deleted or overwritten: a new draft
        bearing its id is refused (StoreError), and nothing changes."""
        drafts = list(drafts)
        if any(d.settled for d in drafts):
            raise StoreError("replace_drafts: only unedited drafts may be saved as drafts")
        with self.db.transaction() as con:
            clash = con.execute(
                "SELECT count(*) FROM entries WHERE (status <> ? OR edited) "
                "AND id IN (SELECT unnest(?::VARCHAR[]))",
                [EntryStatus.DRAFT.value, [d.id for d in drafts]],
            ).fetchone()
            if clash and clash[0]:
                raise StoreError(f"replace_drafts: {clash[0]} draft(s) would overwrite a "
                                 "released, synced, invoiced or edited entry")
            con.execute(
                'DELETE FROM entries WHERE "user" = ? AND entry_date = ? AND status = ? '
                "AND NOT edited",
                [user, day, EntryStatus.DRAFT.value],
            )
            return self.save(drafts)

    def get(self, entry_id: str) -> Entry | None:
        row = self.db.con.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE id = ?", [entry_id]
        ).fetchone()
        return _entry(row) if row else None

    def list_ids(self, entry_ids: Iterable[str]) -> list[Entry]:
        ids = list(entry_ids)
        if not ids:
            return []
        rows = self.db.con.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        return [_entry(r) for r in rows]

    def list(
        self, user: int | None = None, day: date | None = None,
        status: EntryStatus | None = None,
    ) -> list[Entry]:
        sql, params = f"SELECT {_COLUMNS} FROM entries WHERE true", []
        if user is not None:
            sql += ' AND "user" = ?'
            params.append(user)
        if day is not None:
            sql += " AND entry_date = ?"
            params.append(day)
        if status is not None:
            sql += " AND status = ?"
            params.append(status.value)
        rows = self.db.con.execute(sql + " ORDER BY entry_date, case_id, id", params).fetchall()
        return [_entry(r) for r in rows]


    def delete(self, entry_ids: Iterable[str]) -> None:
        ids = list(entry_ids)
        if ids:
            with self.db.transaction() as con:
                con.execute("DELETE FROM entries WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])


class SyncState:
    """Small key/value state of the sync engine (watermarks, cursors)."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str) -> str | None:
        row = self.db.con.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set(self, key: str, value: str) -> None:
        with self.db.transaction() as con:
            con.execute("INSERT OR REPLACE INTO sync_state VALUES (?, ?)", [key, value])

    def delete(self, key: str) -> None:
        with self.db.transaction() as con:
            con.execute("DELETE FROM sync_state WHERE key = ?", [key])
