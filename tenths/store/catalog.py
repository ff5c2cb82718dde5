"""The synced case list: staff, matters, contacts, rates, activity names, MyCase entries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tenths.records import Contact, Matter, MatterStaff, RemoteEntry, Staff
from tenths.store.db import Database


class Catalog:
    """What MyCase knows, as last synced. Writes are upserts by MyCase id."""

    def __init__(self, db: Database):
        self.db = db

    # -- writes -----------------------------------------------------------
    def save_staff(self, staff: Iterable[Staff]) -> int:
        rows = [
            (s.id, s.first_name, s.last_name, s.email, s.type, s.title, s.active,
             s.default_hourly_rate, s.updated_at)
            for s in staff
        ]
        if rows:
            with self.db.transaction() as con:
                con.executemany("INSERT OR REPLACE INTO staff VALUES (?,?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def save_contacts(self, contacts: Iterable[Contact]) -> int:
        rows = [
            (c.kind, c.id, c.name, c.email, list(c.phones), c.address, list(c.case_ids),
             c.updated_at)
            for c in contacts
        ]
        if rows:
            with self.db.transaction() as con:
                con.executemany("INSERT OR REPLACE INTO contacts VALUES (?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def save_matters(self, matters: Iterable[Matter]) -> int:
        """Save cases with their staff and case rates (contacts are saved on their own)."""
        matters = list(matters)
        if not matters:
            return 0
        with self.db.transaction() as con:
            con.executemany(
                "INSERT OR REPLACE INTO cases VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (m.id, m.name, m.case_number, m.description, m.practice_area, m.case_stage,
                     m.status, m.billing_type, m.opened_date, list(m.client_ids),
                     list(m.company_ids), m.updated_at)
                    for m in matters
                ],
            )
            con.executemany("DELETE FROM case_staff WHERE case_id = ?", [(m.id,) for m in matters])
            staff_rows = [
                (m.id, s.staff_id, s.lead_lawyer, s.originating_lawyer, s.case_rate)
                for m in matters
                for s in m.staff
            ]
            if staff_rows:
                con.executemany("INSERT INTO case_staff VALUES (?,?,?,?,?)", staff_rows)
        return len(matters)

    def save_activity_names(self, names: Iterable[str]) -> int:
        rows = [(n,) for n in dict.fromkeys(names) if n]
        with self.db.transaction() as con:
            con.execute("DELETE FROM activity_names")
            if rows:
                con.executemany("INSERT INTO activity_names VALUES (?)", rows)
        return len(rows)

    def save_remote_entries(self, entries: Iterable[RemoteEntry]) -> int:
        rows = [
            (e.id, e.case_id, e.staff_id, e.entry_date, e.hours, e.rate, e.activity_name,
             e.description, e.billable, list(e.invoice_ids), e.created_at, e.updated_at)
            for e in entries
        ]
        if rows:
            with self.db.transaction() as con:
                con.executemany(
                    "INSERT OR REPLACE INTO remote_entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows
                )
        return len(rows)

    def delete_remote_entries(self, ids: Sequence[int]) -> None:
        if ids:
            with self.db.transaction() as con:
                con.executemany("DELETE FROM remote_entries WHERE id = ?", [(i,) for i in ids])

    # -- reads ------------------------------------------------------------
    def staff(self) -> dict[int, Staff]:
        rows = self.db.con.execute("SELECT * FROM staff ORDER BY id").fetchall()
        return {r[0]: Staff(*r) for r in rows}

    def contacts(self) -> dict[tuple[str, int], Contact]:
        rows = self.db.con.execute(
            "SELECT id, kind, name, email, phones, address, case_ids, updated_at FROM contacts"
        ).fetchall()
        return {
            (r[1], r[0]): Contact(r[0], r[1], r[2] or "", r[3] or "", tuple(r[4] or ()),
                                  r[5] or "", tuple(r[6] or ()), r[7])
            for r in rows
        }

    def matters(self, status: str | None = None) -> list[Matter]:
        """Every case with its staff, case rates and known contacts folded in."""
        contacts = self.contacts()
        staff_rows = self.db.con.execute(
            "SELECT case_id, staff_id, lead_lawyer, originating_lawyer, case_rate FROM case_staff"
        ).fetchall()
        by_case: dict[int, list[MatterStaff]] = {}
        for case_id, staff_id, lead, orig, rate in staff_rows:
            by_case.setdefault(case_id, []).append(
                MatterStaff(staff_id, bool(lead), bool(orig), rate)
            )
        sql = "SELECT * FROM cases" + (" WHERE status = ?" if status else "") + " ORDER BY id"
        rows = self.db.con.execute(sql, [status] if status else []).fetchall()
        matters = []
        for r in rows:
            client_ids, company_ids = tuple(r[9] or ()), tuple(r[10] or ())
            linked = tuple(
                contacts[key]
                for key in [("client", i) for i in client_ids] + [("company", i) for i in company_ids]
                if key in contacts
            )
            matters.append(
                Matter(r[0], r[1], r[2] or "", r[3] or "", r[4] or "", r[5] or "", r[6] or "",
                       r[7] or "", r[8], client_ids, company_ids,
                       tuple(sorted(by_case.get(r[0], []), key=lambda s: s.staff_id)),
                       linked, r[11])
            )
        return matters

    def activity_names(self) -> list[str]:
        return [r[0] for r in self.db.con.execute("SELECT name FROM activity_names").fetchall()]

    def remote_entries(self, case_id: int | None = None) -> list[RemoteEntry]:
        sql = "SELECT * FROM remote_entries" + (" WHERE case_id = ?" if case_id else "")
        rows = self.db.con.execute(sql + " ORDER BY id", [case_id] if case_id else []).fetchall()
        return [RemoteEntry(*r[:9], tuple(r[9] or ()), r[10], r[11]) for r in rows]

    def remote_entry_ids(self) -> set[int]:
        return {r[0] for r in self.db.con.execute("SELECT id FROM remote_entries").fetchall()}
