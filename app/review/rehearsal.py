"""A replayed day, served for review as the real service serves it: the MyCase
emulator seeded with a fixture's firm, a store connected to it (OAuth, case list)
holding one timekeeper's replayed day, attributed and drafted, and the service's
local API on 127.0.0.1 over that store (with a syncer to the emulator).

The end-to-end browser tests and `tenths bench review` stand on it. Nothing here
sleeps to pass: the API is waited for with a deadline.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import uvicorn

from app.api.build import create_api
from app.day import refresh_day
from app.demo import REDIRECT_URI, _busiest_day, connect
from app.runtime import RuntimeFiles
from app.server import bind
from app.service import Service
from capture.heartbeats import SpanBuilder
from capture.replay import read_spans
from pipeline.attribute import Encoder
from pipeline.combiner import load_combiner
from sync.client.http import MyCaseClient, MyCaseConfig
from sync.client.tokens import MemoryTokenStore
from sync.emulator import serve
from sync.emulator.server import ServedEmulator
from sync.engine import SyncEngine, pull
from tenths.records import Span
from tenths.settings import Settings, StoreSettings
from tenths.store import Store

READY_S = 20.0


@dataclass(frozen=True)
class Rehearsal:
    mycase: ServedEmulator
    client: MyCaseClient
    store: Store
    service: Service
    user: int
    day: date
    token: str
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self) -> str:
        """The review page with a fresh one-time code in the fragment, as `tenths review`
        opens it (the page trades the code for a session token)."""
        import httpx

        answer = httpx.post(f"{self.url}/v1/session/code",
                            headers={"Authorization": f"Bearer {self.token}"}, timeout=10)
        answer.raise_for_status()
        return f"{self.url}/review#code={answer.json()['code']}&day={self.day.isoformat()}"


@contextmanager
def serve_api(service: Service, token: str) -> Iterator[int]:
    """The service's API on 127.0.0.1 (a free port) in a thread, until the block ends."""
    sock = bind(0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_api(service, token, port), log_level="warning",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name="review-api")
    thread.start()
    deadline = time.monotonic() + READY_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API did not start")
        time.sleep(0.02)  # polling a real server's start, with a deadline
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(READY_S)
        sock.close()


@contextmanager
def rehearse(fixture: Path, folder: Path, settings: Settings | None = None, *,
             encoder: Encoder | None = None,
             more_spans: Callable[[int, date], Sequence[Span]] | None = None,
             ) -> Iterator[Rehearsal]:
    """Serve ``fixture``'s busiest first day for review, with the store in ``folder``.
    ``more_spans`` adds spans of the timekeeper's own to the day (a bigger day)."""
    settings = replace(settings or Settings(), store=StoreSettings(folder))
    firm = json.loads((fixture / "firm.json").read_text(encoding="utf-8"))
    spans = list(read_spans(fixture / "activities.jsonl"))
    user, day = _busiest_day(spans, settings.billing.timezone)
    combiner = load_combiner()

    def refresher(store: Store, d: date, now: datetime) -> object:
        return refresh_day(store, user, d, settings, now=now, encoder=encoder,
                           combiner=combiner)

    with serve(firm) as mycase:
        mycase.admin.set_login_user(user)
        config = MyCaseConfig(mycase.api_url, mycase.auth_url, "tenths", "tenths-secret",
                              REDIRECT_URI)
        with MyCaseClient(config, MemoryTokenStore()) as client, \
                Store.open(settings.store.path_for(user)) as store:
            connect(client)
            pull(client, store)
            store.activity.add_spans(s for s in spans if s.user == user)
            if more_spans is not None:
                store.activity.add_spans(more_spans(user, day))
            refresher(store, day, datetime.now(UTC))
            service = Service(settings, user, store, SpanBuilder(settings.capture),
                              RuntimeFiles(folder / "service"), refresher=refresher,
                              syncer=lambda s: SyncEngine(client, s).sync())
            token = secrets.token_urlsafe(24)
            with serve_api(service, token) as port:
                yield Rehearsal(mycase, client, store, service, user, day, token, port)
