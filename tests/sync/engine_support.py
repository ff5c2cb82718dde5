"""A sync rig for engine tests: the emulator over real HTTP on 127.0.0.1, a
manual clock shared by both sides, a client, and an in-memory store."""

from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from decimal import Decimal
from typing import Any

from mycase_support import PARTNER, REDIRECT_URI, small_firm

from sync.client import ManualClock, MemoryTokenStore, MyCaseClient, MyCaseConfig
from sync.emulator import Emulator, EmulatorSettings, WebhookDelivery, serve_emulator
from sync.engine import SyncEngine
from sync.execute import Hook
from sync.plan import DeletionGuard
from tenths.records import Entry, EntryStatus
from tenths.store import Store

CASES = (101, 102)
ACTIVITIES = ("Research", "Drafting", "Call")


class Rig:
    """Owns its servers and connections; `close()` (or the ExitStack) stops them."""

    def __init__(self, stack: ExitStack, firm: dict[str, Any] | None = None,
                 settings: EmulatorSettings | None = None,
                 deliver: Callable[[WebhookDelivery], None] = lambda delivery: None) -> None:
        self.clock = ManualClock()
        self.emulator = Emulator(firm or small_firm(), settings, clock=self.clock.now,
                                 sleep=self.clock.sleep, deliver=deliver)
        self.served = stack.enter_context(serve_emulator(self.emulator))
        self.store = Store.open()
        stack.callback(self.store.close)
        self.client = MyCaseClient(
            MyCaseConfig(self.served.api_url, self.served.auth_url, "tenths", "tenths-secret",
                         REDIRECT_URI, timeout_seconds=10),
            MemoryTokenStore(), clock=self.clock, rng=random.Random(3),
        )
        stack.enter_context(self.client)
        self.client.exchange_code(self.emulator.admin.authorize(PARTNER, REDIRECT_URI))

    def engine(self, hook: Hook | None = None, **options: Any) -> SyncEngine:
        """A fresh engine over the same store, as after a restart."""
        options.setdefault("guard", DeletionGuard(fraction=1.0, floor=10_000))
        return SyncEngine(self.client, self.store, now=self.clock.now, hook=hook, **options)

    def remote(self) -> dict[int, dict[str, Any]]:
        return {e["id"]: e for e in self.emulator.admin.snapshot()["time_entries"]}


def entry(n: int, *, case_id: int = 101, hours: str = "1.0", status: EntryStatus =
          EntryStatus.RELEASED, description: str | None = None, clock: ManualClock) -> Entry:
    return Entry(
        id=f"e{n}", user=PARTNER, case_id=case_id, entry_date=date(2026, 5, 4),
        worked_seconds=3600, hours=Decimal(hours), rate=Decimal("500"),
        activity_name="Research", description=description or f"work {n}", billable=True,
        span_ids=(), status=status, updated_at=clock.now(),
    )
