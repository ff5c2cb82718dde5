"""The store: one DuckDB file per user, the one place records are kept."""

from __future__ import annotations

from pathlib import Path

from tenths.store.activity import Activity
from tenths.store.catalog import Catalog
from tenths.store.db import Database
from tenths.store.entries import Entries, SyncState


class Store:
    """The store of one user's laptop; open it once and pass it down."""

    def __init__(self, db: Database):
        self.db = db
        self.catalog = Catalog(db)
        self.activity = Activity(db)
        self.entries = Entries(db)
        self.sync_state = SyncState(db)

    @classmethod
    def open(cls, path: str | Path = ":memory:") -> Store:
        return cls(Database.open(path))

    def transaction(self):  # noqa: ANN201 - a context manager from Database
        return self.db.transaction()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Store"]
