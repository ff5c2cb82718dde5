"""Opening the store: one DuckDB file per user, migrated on open.

The store holds privileged client information, so only its owner may read it:
its directory is 0700 and its files (the database and DuckDB's write-ahead log)
0600. DuckDB creates the log next to the database whenever it writes, long after
the store was opened, so opening a store on disk also tightens the process's
umask (group and others get no bits on any file it creates from then on) instead
of restoring it; a store created by an older version is made private on open.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tenths.errors import StoreError
from tenths.store.migrations import MIGRATIONS, Migration

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private(path: Path) -> None:
    """Make a store file's directory 0700 and the file and its write-ahead log 0600
    (those that exist), and keep files the process creates later private too."""
    os.umask(os.umask(0o077) | 0o077)
    directory = path.parent
    try:
        directory.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        if stat.S_IMODE(directory.stat().st_mode) != PRIVATE_DIR:
            directory.chmod(PRIVATE_DIR)
        for file in (path, path.with_name(path.name + ".wal")):
            if file.exists() and stat.S_IMODE(file.stat().st_mode) != PRIVATE_FILE:
                file.chmod(PRIVATE_FILE)
    except OSError as exc:
        raise StoreError(f"{directory}: cannot make the store's folder private "
                         f"({exc.strerror}); give the store a folder of its own") from exc


def _in_utc(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The store keeps and compares times in UTC, whatever the machine's zone."""
    con.execute("SET TimeZone = 'UTC'")
    return con


class StoreInUse(StoreError):
    """Another process holds the store (DuckDB allows one writing process)."""


class Database:
    """A DuckDB connection with the schema brought up to date."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None = None):
        self.con = _in_utc(con)
        self.path = path  # None in memory
        self._depth = 0
        self.migrate(MIGRATIONS)

    @classmethod
    def open(cls, path: str | Path) -> Database:
        target = str(path)
        if target != ":memory:":
            make_private(Path(target))
        try:
            database = cls(duckdb.connect(target), None if target == ":memory:" else Path(target))
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreInUse(
                    f"{target}: the store is open in another process (DuckDB lets one "
                    "process write it); if the tenths service runs, use its commands or "
                    "stop it first (`tenths service status`)") from exc
            raise StoreError(f"{target}: cannot open the store ({exc.__class__.__name__})") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{target}: cannot open the store ({exc.__class__.__name__})") from exc
        if target != ":memory:":
            make_private(Path(target))
        return database

    def close(self) -> None:
        self.con.close()

    def compact(self) -> None:
        """Rewrite the file so that what was deleted or blanked leaves no trace on disk.

        DuckDB keeps the blocks an update or delete freed as free space in the file,
        old values and all, so purged text could still be read from the file's bytes
        (a backup, a stolen disk). The store is copied into a fresh file, which takes
        its place; the connection is reopened on it. Nothing else may use the store
        meanwhile (the service holds its lock)."""
        if self.path is None or self._depth:
            return
        fresh = self.path.with_name(self.path.name + ".compact")
        fresh.unlink(missing_ok=True)
        name = self.con.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        quoted = str(fresh).replace("'", "''")
        self.con.execute("CHECKPOINT")
        self.con.execute(f"ATTACH '{quoted}' AS tenths_compact")
        try:
            self.con.execute(f'COPY FROM DATABASE "{name}" TO tenths_compact')
        finally:
            self.con.execute("DETACH tenths_compact")
        self.con.close()
        os.replace(fresh, self.path)
        self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)
        make_private(self.path)
        self.con = _in_utc(duckdb.connect(str(self.path)))

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self._depth = 1
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")
        finally:
            self._depth = 0

    def applied_versions(self) -> list[int]:
        self.con.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL)
            """
        )
        rows = self.con.execute("SELECT version FROM schema_migrations ORDER BY version")
        return [row[0] for row in rows.fetchall()]

    def migrate(self, migrations: tuple[Migration, ...]) -> None:
        done = set(self.applied_versions())
        for migration in sorted(migrations, key=lambda m: m.version):
            if migration.version in done:
                continue
            with self.transaction() as con:
                migration.apply(con)
                con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.name, datetime.now(UTC)],
                )
