"""`start_s`: from process start to the first decision of a laptop that already has history.

``prepare`` replays a fixture's busiest timekeeper day by day into a DuckDB store on
disk, as the eval does (decisions saved, wrong ones corrected through the review
API), all but the last day. ``python -m eval.warm_start STORE USER FIXTURE`` is then a
fresh process that opens the store, gets ready to attribute, and decides the first
span of the last day; it prints, as JSON, the seconds since its own process started.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from datetime import time as dtime
from pathlib import Path

from capture.replay import read_spans
from eval.truth import read_truth
from sync.normalize import load_firm_json
from tenths.records import Span
from tenths.store import Store


def _days(fixture: Path) -> tuple[int, list[list[Span]]]:
    spans = list(read_spans(fixture / "activities.jsonl"))
    truths = read_truth(fixture / "activities.jsonl")
    user = Counter(s.user for s in spans).most_common(1)[0][0]
    days: dict[object, list[Span]] = defaultdict(list)
    for span in spans:
        if span.user == user:
            days[truths[span.id].local_day].append(span)
    return user, [days[d] for d in sorted(days)]  # type: ignore[type-var]


def prepare(fixture: Path, path: Path, encoder, combiner) -> int:  # noqa: ANN001
    """Write the store (history of every day but the last) and the knowledge saved after
    its last correction; return the user."""
    from pipeline.attribute import Engine, attribute_day, correction_lesson
    from pipeline.entities import EntityExtractor, load_model
    from pipeline.history import fit, knowledge_path
    from pipeline.review import correct

    truths = read_truth(fixture / "activities.jsonl")
    user, days = _days(fixture)
    with Store.open(path) as store:
        load_firm_json(fixture / "firm.json").save_to(store)
        store.activity.add_spans(s for day in days for s in day)
        engine = Engine(combiner, encoder,
                        EntityExtractor.from_matters(store.catalog.matters(), load_model()))
        knowledge = fit(store, user, engine)
        for day in days[:-1]:
            result = attribute_day(day, knowledge, engine)
            knowledge = knowledge.learn(result.lessons)
            store.activity.save_attributions(result.attributions)
            when = datetime.combine(truths[day[0].id].local_day, dtime(23, 0), UTC)  # type: ignore[arg-type]
            for span, a in zip(sorted(day, key=lambda s: (s.start, s.id)), result.attributions,
                               strict=True):
                if a.abstained or a.case_id != truths[span.id].case_id:
                    fix = correct(store, span, a, truths[span.id].case_id, when,
                                  result.weighed[span.id])
                    knowledge = knowledge.learn([correction_lesson(span, fix, knowledge, engine)])
        knowledge.save(knowledge_path(path))
    return user


def measure(fixture: Path, path: Path) -> dict[str, float]:
    """Run the fresh process and return its figures."""
    out = subprocess.run([sys.executable, "-m", "eval.warm_start", str(path), str(fixture)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _first_decision(store_path: Path, fixture: Path) -> dict[str, float]:
    import psutil

    started = psutil.Process().create_time()
    import tenths  # noqa: F401
    from pipeline.attribute import Engine, attribute_day
    from pipeline.combiner import load_combiner
    from pipeline.embedding import load_encoder
    from pipeline.history import knowledge_path, load

    user, days = _days(fixture)
    # No entity recogniser: only a correction needs it, and none comes before the first
    # decision (the service loads it after its start).
    engine = Engine(load_combiner(), load_encoder())
    with Store.open(store_path) as store:
        ready = time.time()
        knowledge = load(store, user, knowledge_path(store_path))
        loaded = time.time()
        attribute_day(days[-1][:1], knowledge, engine)
    done = time.time()
    return {"start_s": round(done - started, 3), "knowledge_s": round(loaded - ready, 3)}


if __name__ == "__main__":
    print(json.dumps(_first_decision(Path(sys.argv[1]), Path(sys.argv[2]))))
