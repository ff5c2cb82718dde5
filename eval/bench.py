"""`tenths bench attribution`: speed and memory of the attribution pipeline.

Prints numbers, asserts nothing. The figure that counts on a shared, noisy
machine is the ratio measured in one run: whole-pipeline spans per second
over MiniLM-alone sentences per second on the same spans' texts.
"""

from __future__ import annotations

import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from capture.replay import read_spans
from eval import warm_start
from pipeline.attribute import Encoder, Engine, attribute_day
from pipeline.combiner import AnyCombiner
from pipeline.embedding import Remembering
from pipeline.history import fit
from pipeline.rules import RULES
from pipeline.signals import span_text
from sync.normalize import load_firm_json
from tenths.records import Span
from tenths.store import Store


def bench_attribution(
    fixture: Path, encoder: Encoder, combiner: AnyCombiner, single: int = 200
) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tenths-bench-") as tmp:
        store = Path(tmp) / "history.duckdb"
        warm_start.prepare(fixture, store, encoder, combiner)
        start = warm_start.measure(fixture, store)
    return {**_throughput(fixture, encoder, combiner, single), **start}


def _throughput(
    fixture: Path, encoder: Encoder, combiner: AnyCombiner, single: int
) -> dict[str, float]:
    snapshot = load_firm_json(fixture / "firm.json")
    spans = list(read_spans(fixture / "activities.jsonl"))
    by_user_day: dict[int, dict[object, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for span in spans:
        by_user_day[span.user][span.start.date()].append(span)

    # The pipeline runs MiniLM as the app does, once on a text, each timekeeper's laptop
    # from empty; the comparison runs it on every span's text.
    model = encoder.encoder if isinstance(encoder, Remembering) else encoder
    pipeline_s = 0.0
    embedded = 0
    latencies: list[float] = []
    for user, days in sorted(by_user_day.items()):
        store = Store.open(":memory:")
        snapshot.save_to(store)
        engine = Engine(combiner, Remembering(model))
        knowledge = fit(store, user, engine)
        # Warm-up: a first span, and the profiles' vectors, which a laptop computes once
        # at start and again only when the case list changes, whether or not that first
        # span needed them.
        knowledge = knowledge.learn(
            attribute_day(next(iter(days.values()))[:1], knowledge, engine).lessons)
        if engine.encoder is not None:
            engine.profile_matrix(knowledge)
        for day in sorted(days):
            started = time.perf_counter()
            result = attribute_day(days[day], knowledge, engine)
            knowledge = knowledge.learn(result.lessons)
            pipeline_s += time.perf_counter() - started
            embedded += result.embedded
        # One span at a time, as new: its text not yet embedded, the profiles' vectors are.
        engine = Engine(combiner, Remembering(model))
        if engine.encoder is not None:
            engine.profile_matrix(knowledge)
        for span in [s for d in days.values() for s in d][: single // len(by_user_day)]:
            started = time.perf_counter()
            knowledge = knowledge.learn(attribute_day([span], knowledge, engine).lessons)
            latencies.append(time.perf_counter() - started)
        store.close()

    # The pipeline's own peak, before the comparison below runs the embedding model on
    # every span (its arena grows with the longest texts).
    pipeline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    texts = [span_text(s)[: RULES.embed_chars] for s in spans]
    started = time.perf_counter()
    model.encode(texts)
    embed_s = time.perf_counter() - started
    pipeline_rate = len(spans) / pipeline_s
    embed_rate = len(texts) / embed_s
    return {
        "spans": len(spans),
        "pipeline_spans_per_s": round(pipeline_rate, 1),
        "embed_only_per_s": round(embed_rate, 1),
        "ratio": round(pipeline_rate / embed_rate, 2),
        "embedded_fraction": round(embedded / len(spans), 3),
        "p95_ms": round(float(np.percentile(np.asarray(latencies) * 1000, 95)), 2),
        "pipeline_peak_rss_mb": round(pipeline_rss, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
