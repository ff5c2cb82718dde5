"""The sync engine's saved state in the store: links, intents and conflicts.

Tables from store migration 2 (`sync_links`, `sync_intents`, `sync_conflicts`).
Every method that writes joins the caller's transaction when there is one, so
the executor can move an entry, its link and its intent in one commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sync.plan import Conflict, Link, SyncFields
from tenths.store.catalog import bulk_insert
from tenths.store.db import Database

_LINK_COLUMNS = (("entry_id", "VARCHAR"), ("remote_id", "BIGINT"), ("base", "VARCHAR"),
                 ("base_hash", "VARCHAR"), ("synced_at", "TIMESTAMPTZ"))
_INTENT_COLUMNS = (("entry_id", "VARCHAR"), ("kind", "VARCHAR"), ("fields", "VARCHAR"),
                   ("old_remote_id", "BIGINT"), ("new_remote_id", "BIGINT"),
                   ("started_at", "TIMESTAMPTZ"))


@dataclass(frozen=True, slots=True)
class Intent:
    """A write to MyCase recorded before it is sent (kind "create" or "replace")."""

    entry_id: str
    kind: str
    fields: SyncFields
    old_remote_id: int | None
    new_remote_id: int | None
    started_at: datetime


@dataclass(frozen=True, slots=True)
class OpenConflict(Conflict):
    """A planner's Conflict as the ledger keeps it, with when it was first seen."""

    detected_at: datetime


def _fields(text: str | None) -> SyncFields | None:
    return SyncFields.from_json(text) if text else None


class Ledger:
    def __init__(self, db: Database):
        self.db = db

    # -- links -----------------------------------------------------------------
    def links(self) -> dict[str, Link]:
        rows = self.db.con.execute("SELECT entry_id, remote_id, base FROM sync_links").fetchall()
        return {r[0]: Link(r[0], r[1], SyncFields.from_json(r[2])) for r in rows}

    def link(self, entry_id: str) -> Link | None:
        row = self.db.con.execute(
            "SELECT entry_id, remote_id, base FROM sync_links WHERE entry_id = ?", [entry_id]
        ).fetchone()
        return Link(row[0], row[1], SyncFields.from_json(row[2])) if row else None

    def linked_remote_ids(self) -> set[int]:
        return {r[0] for r in self.db.con.execute("SELECT remote_id FROM sync_links").fetchall()}

    def set_link(self, link: Link, now: datetime) -> None:
        self.set_links([link], now)

    def set_links(self, links: Iterable[Link], now: datetime) -> None:
        """Set many links in one statement (a batch of creates settles at once)."""
        rows = [(k.entry_id, k.remote_id, k.base.to_json(), k.base.digest, now) for k in links]
        if rows:
            with self.db.transaction() as con:
                bulk_insert(con, "sync_links", _LINK_COLUMNS, rows)

    def drop_link(self, entry_id: str) -> None:
        with self.db.transaction() as con:
            con.execute("DELETE FROM sync_links WHERE entry_id = ?", [entry_id])

    # -- intents ---------------------------------------------------------------
    def intents(self) -> list[Intent]:
        rows = self.db.con.execute(
            "SELECT entry_id, kind, fields, old_remote_id, new_remote_id, started_at "
            "FROM sync_intents ORDER BY started_at, entry_id"
        ).fetchall()
        return [Intent(r[0], r[1], SyncFields.from_json(r[2]), r[3], r[4], r[5]) for r in rows]

    def record_intent(self, intent: Intent) -> None:
        self.record_intents([intent])

    def record_intents(self, intents: Iterable[Intent]) -> None:
        rows = [(i.entry_id, i.kind, i.fields.to_json(), i.old_remote_id, i.new_remote_id,
                 i.started_at) for i in intents]
        if rows:
            with self.db.transaction() as con:
                bulk_insert(con, "sync_intents", _INTENT_COLUMNS, rows)

    def drop_intent(self, entry_id: str) -> None:
        self.drop_intents([entry_id])

    def drop_intents(self, entry_ids: Iterable[str]) -> None:
        ids = list(entry_ids)
        if ids:
            with self.db.transaction() as con:
                con.execute(
                    "DELETE FROM sync_intents WHERE entry_id IN (SELECT unnest(?::VARCHAR[]))",
                    [ids],
                )

    # -- conflicts ---------------------------------------------------------------
    def conflicts(self) -> list[OpenConflict]:
        rows = self.db.con.execute(
            "SELECT entry_id, remote_id, reason, fields, base, local, remote, detected_at "
            "FROM sync_conflicts ORDER BY detected_at, entry_id"
        ).fetchall()
        return [OpenConflict(r[0], r[1], r[2], tuple(r[3] or ()), _fields(r[4]), _fields(r[5]),
                             _fields(r[6]), r[7]) for r in rows]

    def conflicted_ids(self) -> set[str]:
        return {r[0] for r in self.db.con.execute("SELECT entry_id FROM sync_conflicts").fetchall()}

    def record_conflict(self, c: Conflict, now: datetime) -> None:
        def text(f: SyncFields | None) -> str | None:
            return f.to_json() if f is not None else None

        with self.db.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO sync_conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [c.entry_id, c.remote_id, c.reason, list(c.fields), text(c.base), text(c.local),
                 text(c.remote), now],
            )

    def drop_conflict(self, entry_id: str) -> None:
        with self.db.transaction() as con:
            con.execute("DELETE FROM sync_conflicts WHERE entry_id = ?", [entry_id])

    def forget(self, entry_ids: Iterable[str]) -> None:
        ids = list(entry_ids)
        if ids:
            with self.db.transaction() as con:
                for table in ("sync_links", "sync_intents"):
                    con.execute(
                        f"DELETE FROM {table} WHERE entry_id IN (SELECT unnest(?::VARCHAR[]))",
                        [ids],
                    )


def dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
