"""Corrections for the data team: written out by DuckDB itself as Parquet or a DuckDB file.

An export holds ids, the user, times, the case a span was moved from and to, and
what the combiner weighed for it (candidate case ids, feature rows, the "no
matter" boost, the feature names). Never captured text: the spans table is not
read at all. ``pipeline.training.examples_from_exports`` reads exports back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from tenths.errors import StoreError
from tenths.store.db import Database

EXPORT_COLUMNS: tuple[str, ...] = (
    "id", "span_id", "user", "from_case_id", "to_case_id", "made_at", "undone",
    "candidates", "features", "none_boost", "feature_names",
)
FORMATS = (".parquet", ".duckdb")
TABLE = "corrections"  # the table a .duckdb export holds


def _literal(path: Path) -> str:
    """A path as an SQL string literal (COPY and ATTACH take no parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def _select(sources: Sequence[str], user: int | None, include_undone: bool) -> str:
    columns = ", ".join(f'"{c}"' for c in EXPORT_COLUMNS)
    where = ["true"]
    if user is not None:
        where.append(f'"user" = {int(user)}')
    if not include_undone:
        where.append("NOT undone")
    parts = [f"SELECT {columns} FROM {source} WHERE {' AND '.join(where)}" for source in sources]
    return " UNION ALL ".join(parts) + ' ORDER BY "user", made_at, id'


def _check_target(out: Path, sources: Sequence[Path], force: bool) -> str:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(f"{out.name}: the export is written as .parquet or .duckdb")
    if out.exists():
        if not force:
            raise StoreError(f"{out}: exists (--force replaces it)")
        if any(out.resolve() == Path(s).resolve() for s in sources):
            raise StoreError(f"{out}: is a store being exported; choose another file")
        if suffix == ".duckdb":
            try:
                con = duckdb.connect(str(out), read_only=True)
            except duckdb.Error as exc:
                raise StoreError(f"{out}: in use, or not a DuckDB file") from exc
            try:
                tables = {r[0] for r in con.execute(
                    "SELECT table_name FROM information_schema.tables").fetchall()}
            finally:
                con.close()
            if "schema_migrations" in tables:
                raise StoreError(f"{out}: is a tenths store, not an export")
    out.parent.mkdir(parents=True, exist_ok=True)
    return suffix


def _copy(con: duckdb.DuckDBPyConnection, select: str, out: Path, suffix: str) -> int:
    if suffix == ".parquet":
        con.execute(f"COPY ({select}) TO {_literal(out)} (FORMAT parquet)")
        row = con.execute(f"SELECT count(*) FROM read_parquet({_literal(out)})").fetchone()
    else:
        con.execute(f"ATTACH {_literal(out)} AS tenths_export")
        try:
            con.execute(f"CREATE OR REPLACE TABLE tenths_export.{TABLE} AS {select}")
            row = con.execute(f"SELECT count(*) FROM tenths_export.{TABLE}").fetchone()
        finally:
            con.execute("DETACH tenths_export")
    return int(row[0]) if row else 0


def export_corrections(
    db: Database, out: Path, user: int | None = None, include_undone: bool = False,
    force: bool = False,
) -> int:
    """Write one open store's corrections (one user's, or every user's it holds) to
    ``out`` (.parquet or .duckdb); return how many rows were written."""
    files = db.con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    suffix = _check_target(out, [Path(r[0]) for r in files if r[0]], force)
    return _copy(db.con, _select([TABLE], user, include_undone), out, suffix)


def export_store_files(
    stores: Sequence[Path], out: Path, user: int | None = None, include_undone: bool = False,
    force: bool = False,
) -> int:
    """Write the corrections of several store files (one per user) into one export."""
    if not stores:
        raise StoreError("no stores to export")
    suffix = _check_target(out, stores, force)
    for path in stores:
        if not Path(path).exists():
            raise StoreError(f"{path}: no such store")
        Database.open(path).close()  # brings its schema up to date
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET TimeZone = 'UTC'")
        for i, path in enumerate(stores):
            con.execute(f"ATTACH {_literal(Path(path))} AS store_{i} (READ_ONLY)")
        sources = [f"store_{i}.{TABLE}" for i in range(len(stores))]
        return _copy(con, _select(sources, user, include_undone), out, suffix)
    finally:
        con.close()
