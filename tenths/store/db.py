"""Opening the store: one DuckDB file per user, migrated on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tenths.errors import StoreError
from tenths.store.migrations import MIGRATIONS, Migration


class Database:
    """A DuckDB connection with the schema brought up to date."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self._depth = 0
        con.execute("SET TimeZone = 'UTC'")
        self.migrate(MIGRATIONS)

    @classmethod
    def open(cls, path: str | Path) -> Database:
        target = str(path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            return cls(duckdb.connect(target))
        except duckdb.Error as exc:
            raise StoreError(f"{target}: cannot open the store ({exc.__class__.__name__})") from exc

    def close(self) -> None:
        self.con.close()

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
