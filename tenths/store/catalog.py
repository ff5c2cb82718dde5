"""The synced case list: staff, matters, contacts, rates, activity names, MyCase entries."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb
import numpy as np

from tenths.records import Contact, Matter, MatterStaff, RemoteEntry, Staff
from tenths.store.db import Database

# DuckDB's executemany costs milliseconds a row, and binding Python lists as
# parameters is slow too. Columns are handed over as numpy arrays instead (text
# for anything but plain integers and booleans), scanned by DuckDB and cast in
# SQL: 50,000 rows in a fraction of a second.
_bulk_names = itertools.count()


def _column(values: Sequence[object], kind: str) -> tuple[np.ndarray, str]:
    """One column as an array DuckDB scans fast, and the SQL that casts it back."""
    has_none = any(v is None for v in values)
    if kind in ("BIGINT", "BOOLEAN") and not has_none:
        dtype = np.int64 if kind == "BIGINT" else np.bool_
        return np.array(values, dtype=dtype), "{}"
    if kind == "TIMESTAMPTZ" and not has_none:
        # Microseconds since the epoch (exact: well inside a double's 53 bits).
        micros = [round(v.timestamp() * 1_000_000) for v in values]  # type: ignore[attr-defined]
        return np.array(micros, dtype=np.int64), "CAST(make_timestamp({}) AS TIMESTAMPTZ)"
    if kind == "DATE" and not has_none:
        days = [v.toordinal() for v in values]  # type: ignore[attr-defined]
        return np.array(days, dtype=np.int64), "(DATE '0001-01-01' + CAST({} - 1 AS INTEGER))"
    texts = np.empty(len(values), dtype=object)
    if kind.endswith("[]"):
        if kind == "VARCHAR[]":
            texts[:] = [None if v is None else json.dumps(list(v)) for v in values]  # type: ignore[call-overload]
            return texts, f"CAST(from_json({{}}, '[\"VARCHAR\"]') AS {kind})"
        texts[:] = [None if v is None else str(list(v)) for v in values]  # type: ignore[call-overload]
    elif kind == "VARCHAR":
        texts[:] = list(values)
        return texts, "{}"
    elif kind in ("DATE", "TIMESTAMPTZ"):
        texts[:] = [None if v is None else v.isoformat() for v in values]  # type: ignore[attr-defined]
    elif kind == "BOOLEAN":
        texts[:] = [None if v is None else ("true" if v else "false") for v in values]
    else:
        texts[:] = [None if v is None else str(v) for v in values]
    return texts, f"CAST({{}} AS {kind})"


def bulk_insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[tuple],
    *,
    replace: bool = True,
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order; each column ``(name, SQL type)``)."""
    if not rows:
        return
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    data: dict[str, np.ndarray] = {}
    select = []
    for i, ((_, kind), values) in enumerate(zip(columns, zip(*rows, strict=True),
                                              strict=True)):
        array, sql = _column(values, kind)
        data[f"c{i}"] = array
        select.append(sql.format(f"c{i}"))
    view = f"_bulk_{next(_bulk_names)}"
    names = ", ".join(name for name, _ in columns)
    # A fetchone() elsewhere leaves a result open, and DuckDB refuses to register a
    # view over an open result: run (and finish) a trivial statement first.
    con.execute("SELECT 1").fetchall()
    con.register(view, data)
    try:
        con.execute(f"{verb} INTO {table} ({names}) SELECT {', '.join(select)} FROM {view}")
    finally:
        con.unregister(view)


_STAFF = (("id", "BIGINT"), ("first_name", "VARCHAR"), ("last_name", "VARCHAR"),
          ("email", "VARCHAR"), ("type", "VARCHAR"), ("title", "VARCHAR"),
          ("active", "BOOLEAN"), ("default_hourly_rate", "DECIMAL(12, 2)"),
          ("updated_at", "TIMESTAMPTZ"))
_CONTACTS = (("kind", "VARCHAR"), ("id", "BIGINT"), ("name", "VARCHAR"), ("email", "VARCHAR"),
             ("phones", "VARCHAR[]"), ("address", "VARCHAR"), ("case_ids", "BIGINT[]"),
             ("updated_at", "TIMESTAMPTZ"))
_CASES = (("id", "BIGINT"), ("name", "VARCHAR"), ("case_number", "VARCHAR"),
          ("description", "VARCHAR"), ("practice_area", "VARCHAR"), ("case_stage", "VARCHAR"),
          ("status", "VARCHAR"), ("billing_type", "VARCHAR"), ("opened_date", "DATE"),
          ("client_ids", "BIGINT[]"), ("company_ids", "BIGINT[]"), ("updated_at", "TIMESTAMPTZ"))
_CASE_STAFF = (("case_id", "BIGINT"), ("staff_id", "BIGINT"), ("lead_lawyer", "BOOLEAN"),
               ("originating_lawyer", "BOOLEAN"), ("case_rate", "DECIMAL(12, 2)"))
REMOTE_ENTRY_COLUMNS = (
    ("id", "BIGINT"), ("case_id", "BIGINT"), ("staff_id", "BIGINT"), ("entry_date", "DATE"),
    ("hours", "DECIMAL(10, 2)"), ("rate", "DECIMAL(12, 2)"), ("activity_name", "VARCHAR"),
    ("description", "VARCHAR"), ("billable", "BOOLEAN"), ("invoice_ids", "BIGINT[]"),
    ("created_at", "TIMESTAMPTZ"), ("updated_at", "TIMESTAMPTZ"))


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
                bulk_insert(con, "staff", _STAFF, rows)
        return len(rows)

    def save_contacts(self, contacts: Iterable[Contact]) -> int:
        rows = [
            (c.kind, c.id, c.name, c.email, list(c.phones), c.address, list(c.case_ids),
             c.updated_at)
            for c in contacts
        ]
        if rows:
            with self.db.transaction() as con:
                bulk_insert(con, "contacts", _CONTACTS, rows)
        return len(rows)

    def save_matters(self, matters: Iterable[Matter]) -> int:
        """Save cases with their staff and case rates (contacts are saved on their own)."""
        matters = list(matters)
        if not matters:
            return 0
        with self.db.transaction() as con:
            bulk_insert(
                con,
                "cases",
                _CASES,
                [
                    (m.id, m.name, m.case_number, m.description, m.practice_area, m.case_stage,
                     m.status, m.billing_type, m.opened_date, list(m.client_ids),
                     list(m.company_ids), m.updated_at)
                    for m in matters
                ],
            )
            con.execute(
                "DELETE FROM case_staff WHERE case_id IN (SELECT unnest(?::BIGINT[]))",
                [[m.id for m in matters]],
            )
            staff_rows = [
                (m.id, s.staff_id, s.lead_lawyer, s.originating_lawyer, s.case_rate)
                for m in matters
                for s in m.staff
            ]
            if staff_rows:
                bulk_insert(con, "case_staff", _CASE_STAFF, staff_rows, replace=False)
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
                bulk_insert(con, "remote_entries", REMOTE_ENTRY_COLUMNS, rows)
        return len(rows)

    def delete_remote_entries(self, ids: Sequence[int]) -> None:
        if ids:
            with self.db.transaction() as con:
                con.execute(
                    "DELETE FROM remote_entries WHERE id IN (SELECT unnest(?::BIGINT[]))",
                    [list(ids)],
                )

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

    def remote_entries_by_id(self, ids: Iterable[int] | None = None) -> dict[int, RemoteEntry]:
        """MyCase entries as last pulled, by id (all, or those of ``ids``)."""
        if ids is None:
            rows = self.db.con.execute("SELECT * FROM remote_entries").fetchall()
        else:
            rows = self.db.con.execute(
                "SELECT * FROM remote_entries WHERE id IN (SELECT unnest(?::BIGINT[]))",
                [list(ids)],
            ).fetchall()
        return {r[0]: RemoteEntry(*r[:9], tuple(r[9] or ()), r[10], r[11]) for r in rows}

    def remote_entry_stamps(self) -> dict[int, object]:
        """id -> updated_at of every MyCase entry held (to skip unchanged rows on a pull)."""
        rows = self.db.con.execute("SELECT id, updated_at FROM remote_entries").fetchall()
        return dict(rows)

    def delete_missing(self, table: str, kind: str | None, seen: Iterable[int]) -> list[int]:
        """Delete rows of ``table`` (staff, cases, contacts of ``kind``) whose id was not seen."""
        where = " AND kind = ?" if kind else ""
        params: list[object] = [list(seen)] + ([kind] if kind else [])
        sql = f"SELECT id FROM {table} WHERE id NOT IN (SELECT unnest(?::BIGINT[])){where}"
        gone = [r[0] for r in self.db.con.execute(sql, params).fetchall()]
        self.delete_ids(table, gone, kind)
        return gone

    def delete_ids(self, table: str, ids: Sequence[int], kind: str | None = None) -> None:
        """Delete staff, cases (with their staff rows) or contacts of ``kind`` by id."""
        if table not in {"staff", "cases", "contacts"} or not ids:
            return
        where = " AND kind = ?" if kind else ""
        with self.db.transaction() as con:
            con.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT unnest(?::BIGINT[])){where}",
                [list(ids)] + ([kind] if kind else []),
            )
            if table == "cases":
                con.execute(
                    "DELETE FROM case_staff WHERE case_id IN (SELECT unnest(?::BIGINT[]))",
                    [list(ids)],
                )

    def remote_entry_ids(self, updated_since: datetime | None = None) -> set[int]:
        """The MyCase entries held (only those MyCase last changed at or after
        `updated_since`, when given)."""
        if updated_since is None:
            rows = self.db.con.execute("SELECT id FROM remote_entries").fetchall()
        else:
            rows = self.db.con.execute(
                "SELECT id FROM remote_entries WHERE updated_at >= ?", [updated_since]
            ).fetchall()
        return {r[0] for r in rows}
