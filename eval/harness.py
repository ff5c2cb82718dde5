"""The eval harness: replay a labelled fixture day by day, as FIXTURES.md prescribes.

1. ``firm.json`` goes into a fresh store through the sync's own normalisation.
2. Per user (one laptop each) and per calendar day, the day's spans, without
   their truth, go to the attribution pipeline in start order.
3. At day end every span whose prediction differs from the truth is corrected
   through the review API, and the pipeline may learn from that alone.
4. Metrics over all days.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dtime
from pathlib import Path

from capture.replay import read_spans
from eval.metrics import Prediction, compute_metrics
from eval.truth import Truth, read_truth
from pipeline.attribute import Attributor, Encoder
from pipeline.combiner import DEFAULT_COMBINER, AnyCombiner
from pipeline.review import correct
from sync.normalize import load_firm_json
from tenths.records import Span
from tenths.store import Store


@dataclass(frozen=True)
class EvalResult:
    metrics: dict[str, float | int]
    predictions: list[Prediction]
    fixture: str


def run_eval(
    fixture: Path,
    encoder: Encoder | None = None,
    combiner: AnyCombiner = DEFAULT_COMBINER,
    progress: Callable[[str], None] | None = None,
    trace: list | None = None,
) -> EvalResult:
    snapshot = load_firm_json(fixture / "firm.json")
    spans = list(read_spans(fixture / "activities.jsonl"))
    truths = read_truth(fixture / "activities.jsonl")

    by_user_day: dict[int, dict[object, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for span in spans:
        by_user_day[span.user][truths[span.id].local_day].append(span)

    predictions: list[Prediction] = []
    pipeline_seconds = 0.0
    embedded = 0
    for user in sorted(by_user_day):
        store = Store.open(":memory:")
        snapshot.save_to(store)
        store.activity.add_spans(s for day in by_user_day[user].values() for s in day)
        attributor = Attributor.from_store(store, user, encoder, combiner)
        attributor.trace = trace
        for day_index, day in enumerate(sorted(by_user_day[user])):
            day_spans = by_user_day[user][day]
            started = time.perf_counter()
            attributions = attributor.attribute_day(day_spans)
            pipeline_seconds += time.perf_counter() - started
            store.activity.save_attributions(attributions)
            review_time = datetime.combine(day, dtime(23, 0), UTC)  # type: ignore[arg-type]
            for span, attribution in zip(
                sorted(day_spans, key=lambda s: (s.start, s.id)), attributions, strict=True
            ):
                truth: Truth = truths[span.id]
                predictions.append(Prediction(truth, attribution, day_index))
                if attribution.abstained or attribution.case_id != truth.case_id:
                    correct(store, attributor, span, attribution, truth.case_id, review_time)
            if progress:
                progress(f"user {user} day {day_index + 1}")
        embedded += attributor.embedded
        store.close()

    metrics = compute_metrics(predictions)
    metrics["spans_per_second"] = round(len(predictions) / max(pipeline_seconds, 1e-9), 1)
    metrics["embedded_fraction"] = round(embedded / max(len(predictions), 1), 3)
    return EvalResult(metrics, predictions, fixture.name)
