"""`tenths bench refresh`: the service's day refresh, replayed as a day is captured.

The service attributes and drafts the day again every ``refresh_minutes``
(``app.day.DayRefresher``). This replays one fixture timekeeper's busiest day
through the service's own refresher: every ``every`` minutes of captured time, the
spans that ended since are stored and the day is refreshed. It prints, as JSON:

- ``refreshes`` and ``spans``;
- ``model_texts``: the texts the embedding model ran on, over all refreshes
  (each span in doubt and each matter's profile needs one run, not one per refresh);
- ``model_s``, ``refresh_s`` (all refreshes) and ``refresh_p95_ms`` (one refresh).

A benchmark: it measures, it never passes or fails.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from app.day import DayRefresher
from capture.replay import read_spans
from sync.normalize import load_firm_json
from tenths.settings import Settings, StoreSettings
from tenths.store import Store


class _Timed:
    """The embedding model, counted: texts it ran on and the seconds it took."""

    def __init__(self, model: object) -> None:
        self.model = model
        self.texts = 0
        self.seconds = 0.0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        started = time.perf_counter()
        out = self.model.encode(texts)  # type: ignore[attr-defined]
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return out


def bench_refresh(fixture: Path, every: float = 5.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tenths-bench-") as tmp:
        settings = Settings(store=StoreSettings(data_dir=Path(tmp)))
        tz = ZoneInfo(settings.billing.timezone)
        spans = list(read_spans(fixture / "activities.jsonl"))
        (user, day), _ = Counter(
            (s.user, s.start.astimezone(tz).date()) for s in spans).most_common(1)[0]
        todays = sorted((s for s in spans
                         if s.user == user and s.start.astimezone(tz).date() == day),
                        key=lambda s: s.end)
        refresher = DayRefresher(settings, user)
        encoder, _ = refresher.models()
        model = _Timed(encoder.encoder)  # type: ignore[union-attr]
        encoder.encoder = model  # type: ignore[union-attr]
        store = Store.open(":memory:")
        load_firm_json(fixture / "firm.json").save_to(store)
        times: list[float] = []
        now, stored = todays[0].end, 0
        while stored < len(todays):
            now += timedelta(minutes=every)
            arrived = [s for s in todays[stored:] if s.end <= now]
            if not arrived:
                continue
            store.activity.add_spans(arrived)
            stored += len(arrived)
            started = time.perf_counter()
            refresher(store, day, now)
            times.append(time.perf_counter() - started)
        store.close()
    return {
        "spans": len(todays),
        "refreshes": len(times),
        "model_texts": model.texts,
        "model_s": round(model.seconds, 2),
        "refresh_s": round(sum(times), 2),
        "refresh_p95_ms": round(float(np.percentile(np.asarray(times) * 1000, 95)), 1),
    }
