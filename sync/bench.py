"""`tenths bench sync`: a first and an incremental sync against a big emulated firm.

The emulator runs in its own process (`python -m sync.emulator`) on 127.0.0.1,
seeded with a generated firm of 5,000 cases, 8,000 clients and companies and
50,000 time entries, so that the numbers are the sync's own (CPU, RSS). The
local store starts with `local_entries` released entries of one timekeeper.

- first sync: a full pull of everything, and the push of the released entries;
- incremental: 100 changes (40 edits made in MyCase, 30 local edits of synced
  entries, 30 newly released entries), then one sync;
- deletions: a sync with nothing changed, then 10 of this week's entries deleted
  in MyCase and a sync that is not a full scan: the difference in requests is
  what seeing recent deletions costs between full scans.

The client paces itself by MyCase's own rule (at most 25 requests in a sliding
second, each counted until a second after its answer: `SlidingWindow`), so time
spent storing a page is made up by the requests after it; the emulator enforces
25 in any second and answers 429 over it, and every attempt, retries included,
counts.

Prints JSON: first_sync_s, first_sync_requests, first_sync_429 (answers of 429:
pacing should make it 0), ratio_to_rate_limit (wall time / (requests / 25)),
incremental_s, incremental_requests, idle_sync_requests, recent_deletions_found,
recent_deletions_extra_requests, peak_rss_mb.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from sync.client import (
    MemoryTokenStore,
    MyCaseClient,
    MyCaseConfig,
    SlidingWindow,
    SystemClock,
)
from sync.engine import SyncEngine
from tenths.records import Entry, EntryStatus
from tenths.store import Store

RATE_LIMIT = 25
ACTIVITIES = ("Research", "Drafting", "Call", "Meeting", "Review", "Court appearance")
REDIRECT_URI = "http://127.0.0.1:8765/callback"


def generate_firm(
    cases: int = 5000, clients: int = 5000, companies: int = 3000, entries: int = 50_000,
    staff: int = 40, seed: int = 7,
) -> dict[str, Any]:
    """A synthetic firm.json (tenths-fixture/1); no real names or text."""
    rng = random.Random(seed)
    base = datetime(2025, 1, 1, tzinfo=UTC)

    def stamp(i: int) -> str:
        return (base + timedelta(minutes=i)).isoformat().replace("+00:00", "Z")

    staff_rows = [
        {"id": i, "first_name": f"S{i}", "last_name": "Staff", "email": f"s{i}@firm.test",
         "type": "Attorney", "title": "", "active": True,
         "default_hourly_rate": float(200 + 10 * (i % 30))}
        for i in range(1, staff + 1)
    ]
    client_rows = [
        {"id": 100_000 + i, "first_name": f"C{i}", "last_name": "Client",
         "email": f"c{i}@client.test", "cases": [{"id": 10_000 + (i % cases)}],
         "created_at": stamp(i), "updated_at": stamp(i)}
        for i in range(clients)
    ]
    company_rows = [
        {"id": 200_000 + i, "name": f"Company {i}", "cases": [{"id": 10_000 + (i % cases)}],
         "created_at": stamp(i), "updated_at": stamp(i)}
        for i in range(companies)
    ]
    case_rows = [
        {"id": 10_000 + i, "name": f"Matter {i}", "case_number": f"M-{i:05d}",
         "status": "open" if i % 5 else "closed", "practice_area": "Litigation",
         "clients": [{"id": 100_000 + i}] if i < clients else [],
         "companies": [{"id": 200_000 + i}] if i < companies else [],
         "staff": [{"id": 1 + (i % staff), "lead_lawyer": True, "originating_lawyer": False,
                    "case_rate": "500.0" if i % 3 == 0 else None}],
         "created_at": stamp(i), "updated_at": stamp(i)}
        for i in range(cases)
    ]
    entry_rows = []
    for i in range(entries):
        day = date(2025, 1, 1) + timedelta(days=i % 400)
        entry_rows.append({
            "id": 1_000_000 + i, "activity_name": rng.choice(ACTIVITIES),
            "description": f"work item {i}", "billable": True, "entry_date": day.isoformat(),
            "rate": "300.0", "hours": round(rng.randint(1, 40) / 10, 1), "flat_fee": False,
            "case": {"id": 10_000 + rng.randrange(cases)},
            "staff": {"id": 1 + rng.randrange(staff)},
            "invoices": [], "custom_field_values": [],
            "created_at": stamp(i), "updated_at": stamp(i),
        })
    return {
        "format": "tenths-fixture/1", "firm": {"name": "Bench LLP", "url": "https://bench.test"},
        "staff": staff_rows, "clients": client_rows, "companies": company_rows,
        "cases": case_rows, "activity_names": list(ACTIVITIES), "time_entries": entry_rows,
    }


@dataclass(frozen=True)
class RunningEmulator:
    api_url: str
    auth_url: str
    admin_url: str


@contextmanager
def emulator_process(firm_path: Path) -> Iterator[RunningEmulator]:
    """`python -m sync.emulator` on a free 127.0.0.1 port, stopped when the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.emulator", "--firm", str(firm_path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        urls: dict[str, str] = {}
        assert proc.stdout is not None
        while len(urls) < 3:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError("the emulator did not start")
            key, _, value = line.strip().partition(" ")
            urls[key] = value.strip()
        yield RunningEmulator(urls["api_url"], urls["auth_url"], urls["admin_url"])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _local_entry(n: int, user: int, case_id: int, now: datetime) -> Entry:
    return Entry(
        id=f"bench-{n}", user=user, case_id=case_id, entry_date=date(2026, 5, 4),
        worked_seconds=1800, hours=Decimal("0.5"), rate=Decimal(500),
        activity_name="Drafting", description=f"local item {n}", billable=True, span_ids=(),
        status=EntryStatus.RELEASED, updated_at=now,
    )


def run_bench(
    cases: int = 5000, contacts: int = 8000, entries: int = 50_000,
    local_entries: int = 60, window_seconds: float = 1.01,
) -> dict[str, float | int]:
    firm = generate_firm(cases=cases, clients=contacts * 5 // 8,
                         companies=contacts - contacts * 5 // 8, entries=entries)
    user = 1
    clock = SystemClock()
    with tempfile.TemporaryDirectory(prefix="tenths-bench-") as tmp:
        firm_path = Path(tmp) / "firm.json"
        firm_path.write_text(json.dumps(firm), encoding="utf-8")
        del firm
        with emulator_process(firm_path) as emu, httpx.Client(timeout=30) as admin:
            code = admin.post(f"{emu.admin_url}/authorize",
                              json={"staff_id": user, "redirect_uri": REDIRECT_URI})
            config = MyCaseConfig(emu.api_url, emu.auth_url, "tenths", "tenths-secret",
                                  REDIRECT_URI)
            # MyCase's rule kept on this side: 25 in any `window_seconds`, counted from
            # each answer (the emulator still enforces 25 in any one second).
            pacer = SlidingWindow(clock, limit=RATE_LIMIT, window=window_seconds)
            with MyCaseClient(config, MemoryTokenStore(), clock=clock, pacer=pacer) as client, \
                    Store.open(Path(tmp) / "bench.duckdb") as store:
                client.exchange_code(code.json()["code"])
                now = datetime.now(UTC)
                store.entries.save(_local_entry(n, user, 10_000 + n, now)
                                   for n in range(local_entries))
                engine = SyncEngine(client, store)
                before = client.attempts
                started = time.perf_counter()
                engine.sync(full=True)
                first_s = time.perf_counter() - started
                first_requests = client.attempts - before
                first_429 = client.throttled

                rng = random.Random(11)
                for entry_id in rng.sample(range(1_000_000, 1_000_000 + entries), 40):
                    admin.patch(f"{emu.admin_url}/time_entries/{entry_id}",
                                json={"description": f"edited in MyCase {entry_id}"})
                synced = store.entries.list(status=EntryStatus.SYNCED)
                for entry in rng.sample(synced, min(30, len(synced))):
                    store.entries.save([entry.replace(hours=Decimal("0.7"))])
                store.entries.save(_local_entry(local_entries + n, user, 10_000 + n, now)
                                   for n in range(30))
                before = client.attempts
                started = time.perf_counter()
                engine.sync(full=False)
                incremental_s = time.perf_counter() - started
                incremental_requests = client.attempts - before

                before = client.attempts
                engine.sync(full=False)
                idle_requests = client.attempts - before
                ours = [e.remote_id for e in store.entries.list(status=EntryStatus.SYNCED)]
                for remote_id in ours[:10]:
                    admin.delete(f"{emu.admin_url}/time_entries/{remote_id}")
                before = client.attempts
                found = engine.sync(full=False).pulled.deleted
                deletion_requests = client.attempts - before
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "first_sync_s": round(first_s, 2),
        "first_sync_requests": first_requests,
        "first_sync_429": first_429,
        "ratio_to_rate_limit": round(first_s / (first_requests / RATE_LIMIT), 2),
        "incremental_s": round(incremental_s, 2),
        "incremental_requests": incremental_requests,
        "idle_sync_requests": idle_requests,
        "recent_deletions_found": found,
        "recent_deletions_extra_requests": deletion_requests - idle_requests,
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }
