"""The demo: a real day from replayed capture to (emulated) MyCase.

Starts the MyCase emulator on 127.0.0.1 seeded with a fixture's firm,
connects through the OAuth authorization-code flow, syncs the case list into
a fresh store, replays one timekeeper's day, attributes and drafts it,
releases the entries, pushes them, and shows what MyCase now holds.
"""

from __future__ import annotations

import json
import secrets
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

from app.day import refresh_day
from capture.replay import read_spans
from pipeline.attribute import Encoder
from pipeline.combiner import load_combiner
from sync.client.http import MyCaseClient, MyCaseConfig
from sync.client.tokens import MemoryTokenStore
from sync.emulator import serve
from sync.engine import pull, push_released
from sync.normalize import entry_from_api
from tenths.records import Entry, EntryStatus, Span
from tenths.settings import Settings
from tenths.store import Store

REDIRECT_URI = "http://127.0.0.1:8765/callback"


@dataclass(frozen=True)
class DemoResult:
    user: int
    day: date
    spans: int
    entries: list[Entry]
    matter_names: dict[int, str]
    remote_today: list[dict[str, object]]
    abstained: int
    nonmatter: int
    seconds: float


def connect(client: MyCaseClient) -> None:
    """The authorization-code flow, with the emulator standing in for the browser login."""
    state = secrets.token_urlsafe(8)
    answer = httpx.get(client.authorization_url(state), follow_redirects=False, timeout=10)
    if not answer.is_redirect:
        raise RuntimeError(f"MyCase login answered {answer.status_code}, not a redirect")
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    if query.get("state") != [state]:
        raise RuntimeError("OAuth state mismatch")
    client.exchange_code(query["code"][0])


def _busiest_day(spans: list[Span], tz: str) -> tuple[int, date]:
    from zoneinfo import ZoneInfo

    counts = Counter((s.user, s.start.astimezone(ZoneInfo(tz)).date()) for s in spans)
    first_day = min(d for _, d in counts)
    user = max((u for u, d in counts if d == first_day), key=lambda u: counts[(u, first_day)])
    return user, first_day


def run_demo(fixture: Path, settings: Settings, encoder: Encoder | None) -> DemoResult:
    started = time.perf_counter()
    firm = json.loads((fixture / "firm.json").read_text(encoding="utf-8"))
    spans = list(read_spans(fixture / "activities.jsonl"))
    tz = settings.billing.timezone
    user, day = _busiest_day(spans, tz)
    with tempfile.TemporaryDirectory(prefix="tenths-demo-") as tmp, serve(firm) as mycase:
        mycase.admin.set_login_user(user)
        config = MyCaseConfig(mycase.api_url, mycase.auth_url, "tenths", "tenths-secret",
                              REDIRECT_URI)
        with MyCaseClient(config, MemoryTokenStore()) as client, Store.open(
            Path(tmp) / f"user-{user}.duckdb"
        ) as store:
            connect(client)
            pull(client, store)
            store.activity.add_spans(s for s in spans if s.user == user)
            now = datetime.now(UTC)
            refreshed = refresh_day(store, user, day, settings, now=now, encoder=encoder,
                                    combiner=load_combiner())
            drafts = refreshed.drafts
            matters = {m.id: m for m in store.catalog.matters()}
            # The lawyer reviews and releases every entry worth a tenth or more.
            store.entries.save(e.replace(status=EntryStatus.RELEASED) for e in drafts if e.hours > 0)
            push_released(client, store, now)
            entries = store.entries.list(user=user, day=day)
            remote_today = [
                r for r in client.time_entries(updated_after=now)
                if entry_from_api(r).staff_id == user
            ]
    return DemoResult(
        user=user,
        day=day,
        spans=refreshed.spans,
        entries=entries,
        matter_names={m: matters[m].name for m in {e.case_id for e in entries}},
        remote_today=remote_today,
        abstained=refreshed.abstained,
        nonmatter=refreshed.nonmatter,
        seconds=time.perf_counter() - started,
    )
