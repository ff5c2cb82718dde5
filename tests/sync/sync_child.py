"""A sync process for the SIGKILL test: `python sync_child.py API AUTH TOKENS STORE`.

Seeds the store with 500 released entries on its first run, then syncs, printing
one line per pushed entry (the parent kills it part way)."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sync.client import FileTokenStore, MyCaseClient, MyCaseConfig
from sync.engine import SyncEngine
from tenths.records import Entry, EntryStatus
from tenths.store import Store

COUNT = 500


def main(api: str, auth: str, tokens: str, path: str) -> int:
    config = MyCaseConfig(api, auth, "tenths", "tenths-secret", "http://127.0.0.1:8765/callback",
                          requests_per_second=500, burst=20, timeout_seconds=5)
    with MyCaseClient(config, FileTokenStore(Path(tokens))) as client, Store.open(path) as store:
        if not store.entries.list():
            now = datetime.now(UTC)
            store.entries.save(
                Entry(f"k{n}", 1, 101, date(2026, 5, 4), 360, Decimal("0.1"), Decimal("500"),
                      "Research", f"kill test {n}", True, (), EntryStatus.RELEASED, None, now)
                for n in range(COUNT)
            )
        print("ready", flush=True)

        def progress(action: object) -> None:
            print("pushed", flush=True)

        engine = SyncEngine(client, store)
        for _ in range(5):
            engine.sync(full=True, progress=progress)
            if engine.status().nothing_pending:
                break
        print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
