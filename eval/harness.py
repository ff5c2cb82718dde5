"""The eval harness: replay a labelled fixture day by day, as FIXTURES.md prescribes.

1. ``firm.json`` goes into a fresh store through the sync's own normalisation.
2. Per user (one laptop each) and per calendar day, the day's spans, without
   their truth, go to the attribution pipeline in start order.
3. At day end every span whose prediction differs from the truth is corrected
   through the review API, and the pipeline may learn from that alone: from the
   corrections, and from the spans left alone, whose decisions were thereby accepted.
4. Metrics over all days.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dtime
from pathlib import Path

from capture.replay import read_spans
from eval.metrics import Prediction, compute_metrics
from eval.truth import Truth, by_user_and_day, read_truth
from pipeline.attribute import Encoder, Engine, Weighed, attribute_day, correction_lesson
from pipeline.combiner import DEFAULT_COMBINER, AnyCombiner
from pipeline.entities import EntityExtractor
from pipeline.history import fit
from pipeline.knowledge import Knowledge, Reviewed
from pipeline.review import correct
from pipeline.rules import Rules, in_force, rules_in_force
from sync.normalize import load_firm_json
from tenths.records import Correction, Span
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
    trace: list[tuple[str, Weighed]] | None = None,
    nlp: object | None = None,
    rules: Rules | None = None,
) -> EvalResult:
    """``trace``, when a list, receives what the combiner weighed for every span (span id,
    ``Weighed``): training data for retrain. ``nlp``: the spaCy model for the entity
    recogniser (loaded here once when not given). ``rules``: the rules to run with (some
    families switched off, for an ablation); those in force when not given."""
    if rules is not None and rules is not in_force():
        with rules_in_force(rules):
            return run_eval(fixture, encoder, combiner, progress, trace, nlp, rules)
    snapshot = load_firm_json(fixture / "firm.json")
    spans = list(read_spans(fixture / "activities.jsonl"))
    truths = read_truth(fixture / "activities.jsonl")
    if nlp is None:
        from pipeline.entities import load_model

        nlp = load_model()

    by_user_day = by_user_and_day(spans, truths)

    predictions: list[Prediction] = []
    pipeline_seconds = 0.0
    embedded = 0
    for user in sorted(by_user_day):
        store = Store.open(":memory:")
        snapshot.save_to(store)
        store.activity.add_spans(s for day in by_user_day[user].values() for s in day)
        # One laptop: its own entity ruler, which learns its timekeeper's parties.
        engine = Engine(combiner, encoder, EntityExtractor.from_matters(store.catalog.matters(), nlp),
                        rules=in_force())
        knowledge = fit(store, user, engine)
        for day_index, day in enumerate(sorted(by_user_day[user])):
            day_spans = by_user_day[user][day]
            started = time.perf_counter()
            result = attribute_day(day_spans, knowledge, engine)
            knowledge = knowledge.learn(result.lessons)
            pipeline_seconds += time.perf_counter() - started
            embedded += result.embedded
            store.activity.save_attributions(result.attributions)
            if trace is not None:
                trace.extend(result.weighed.items())
            review_time = datetime.combine(day, dtime(23, 0), UTC)  # type: ignore[arg-type]
            corrected: list[tuple[Span, Correction]] = []
            accepted: list[Reviewed] = []
            for span, attribution in zip(
                sorted(day_spans, key=lambda s: (s.start, s.id)), result.attributions, strict=True
            ):
                truth: Truth = truths[span.id]
                predictions.append(Prediction(truth, attribution, day_index))
                if attribution.abstained or attribution.case_id != truth.case_id:
                    corrected.append((span, correct(store, span, attribution, truth.case_id,
                                                    review_time, result.weighed[span.id])))
                else:
                    accepted.append(Reviewed(span, attribution.case_id))
            knowledge = _learn_corrections(knowledge.learn(accepted), corrected, engine,
                                           result.vectors)
            if engine.encoder is not None:
                embedded += sum(span.id not in result.vectors for span, _ in corrected)
            if progress:
                progress(f"user {user} day {day_index + 1}")
        store.close()

    metrics = compute_metrics(predictions)
    metrics["spans_per_second"] = round(len(predictions) / max(pipeline_seconds, 1e-9), 1)
    metrics["embedded_fraction"] = round(embedded / max(len(predictions), 1), 3)
    return EvalResult(metrics, predictions, fixture.name)


def _learn_corrections(knowledge: Knowledge, corrected: list[tuple[Span, Correction]],
                       engine: Engine, vectors: dict) -> Knowledge:
    """The day's corrections taught in review order, each read with what the ones before
    it taught (a span the day embedded is not embedded again)."""
    return knowledge.learn_each(corrected, lambda view, item: [
        correction_lesson(item[0], item[1], view, engine, vectors.get(item[0].id))])
