"""Retraining the combiner from labelled streams, and comparing it with the current one.

Labelled streams are fixtures in the FIXTURES.md format (the generated tuning
firms, or corrections exported by the billing team and written in that
format). The replay follows the eval protocol, so the features seen in
training are the ones the laptop computes, corrections and all.

A stream named ``FIRM@VARIANT`` is a variant of the fixture ``FIRM`` beside it
(``eval/variants.py``: ``names-only``, ``masked``, ``bare``), written to a temporary
folder for the run: firms whose MyCase knows matters only by name, or whose screens
show no case number, so the combiner also learns what the other signals are worth
when the cheap ones are missing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from capture.replay import read_spans
from eval.harness import run_eval
from eval.targets import worse_on
from eval.truth import read_truth
from pipeline.attribute import Encoder
from pipeline.combiner import AnyCombiner, load_combiner, with_work
from pipeline.training import (
    Example,
    calibrate,
    examples_from_trace,
    export,
    fit_combiner,
    fit_work,
    out_of_fold_logits,
    point_current,
)
from pipeline.work import WorkModel

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The firms a shipped model is trained on (eval/fixtures/README.md): four of each
# generator, so that no one generator's screens are all it knows. The second generator's
# tuning firms (ashford, mesquite) are left out, to stay honest yardsticks. The
# held-out firm is never trained or tuned on: it is only reported.
TRAINING: tuple[Path, ...] = tuple(FIXTURES / name for name in (
    "harbor", "summit", "cove", "ridge", "metro-12", "suburban-24", "boutique-31", "boutique-32"))
HELD_OUT: tuple[Path, ...] = (FIXTURES / "juniper",)
# The firms a new model must be worse on no target of to become current: those of each
# generator that no model is trained on. A model that fits one generator's screens
# better and the other's worse stays out.
COMPARED: tuple[Path, ...] = (*HELD_OUT, FIXTURES / "ashford", FIXTURES / "mesquite")


@dataclass(frozen=True)
class Comparison:
    fixture: str
    before: dict[str, float | int]
    after: dict[str, float | int]


@contextmanager
def materialised(fixtures: Sequence[Path]) -> Iterator[list[Path]]:
    """The fixtures as directories: a ``FIRM@VARIANT`` written to a temporary folder."""
    from eval.variants import write_variant

    with tempfile.TemporaryDirectory(prefix="tenths-variants-") as tmp:
        out = []
        for fixture in fixtures:
            if "@" in fixture.name:
                firm, variant = fixture.name.split("@", 1)
                write_variant(variant, fixture.parent / firm, Path(tmp) / fixture.name)
                fixture = Path(tmp) / fixture.name
            out.append(fixture)
        yield out


def fit_work_on(fixtures: Sequence[Path]) -> WorkModel:
    """The work model fitted on the fixtures' spans: each a matter's or not, by its truth."""
    spans: list = []
    for fixture in fixtures:
        spans += read_spans(fixture / "activities.jsonl")
    truths = {k: t.case_id for f in fixtures
              for k, t in read_truth(f / "activities.jsonl").items()}
    return fit_work(spans, [truths[s.id] is not None for s in spans])


def collect(fixtures: Sequence[Path], encoder: Encoder | None, combiner: AnyCombiner,
            nlp: object | None = None) -> list[Example]:
    examples: list[Example] = []
    for fixture in fixtures:
        trace: list = []
        run_eval(fixture, encoder=encoder, combiner=combiner, trace=trace, nlp=nlp)
        truths = {k: t.case_id for k, t in read_truth(fixture / "activities.jsonl").items()}
        examples += examples_from_trace(trace, truths)
    return examples


def regressions(comparisons: Sequence[Comparison]) -> list[str]:
    """Where the new model is worse than the current one on a target metric."""
    return [f"{c.fixture}: {change}" for c in comparisons for change in worse_on(c.before, c.after)]


def retrain(
    train: Sequence[Path],
    compare: Sequence[Path],
    encoder: Encoder | None,
    current: AnyCombiner,
    version: str,
    out_dir: Path,
    rounds: int = 3,
    max_leak: float = 0.02,
    precision: float = 0.98,
    kind: str = "trees",
    extra: Sequence[Example] = (),
    force: bool = False,
) -> tuple[AnyCombiner, list[Comparison]]:
    """Fit a new combiner (features re-collected with each round's model), export it,
    and evaluate old and new on ``compare``. ``current.json`` is pointed at the new
    model only when it is worse than the current one on no target metric of any
    compared fixture (``regressions``), or when ``force`` says so.

    ``extra`` (timekeepers' exported corrections, ``examples_from_exports``) is added to
    every round's examples. The final calibration is on the labelled streams alone:
    corrections are the spans the laptop got wrong, not a fair sample of a day."""
    with materialised([*train, *compare]) as paths:
        return _retrain(paths[: len(train)], paths[len(train):], encoder, current, version,
                        out_dir, rounds, max_leak, precision, kind, extra, force)


def _retrain(train: Sequence[Path], compare: Sequence[Path], encoder: Encoder | None,
             current: AnyCombiner, version: str, out_dir: Path, rounds: int, max_leak: float,
             precision: float, kind: str, extra: Sequence[Example],
             force: bool) -> tuple[AnyCombiner, list[Comparison]]:
    from pipeline.entities import load_model

    nlp = load_model()  # once, for every replay
    work = fit_work_on(train)
    # Each firm is replayed with a work model fitted without it, as the shipped model
    # meets a firm it never saw: one fitted on its own spans would be trusted too far.
    unseen = {f: fit_work_on([g for g in train if g != f]) if len(train) > 1 else work
              for f in train}

    def replay(fixture: Path, combiner: AnyCombiner) -> list[Example]:
        return collect([fixture], encoder, with_work(combiner, unseen[fixture]), nlp)

    model_in_use = current
    for _ in range(rounds):
        examples = [ex for f in train for ex in replay(f, model_in_use)] + list(extra)
        model, combiner = fit_combiner(examples, version, max_leak=max_leak, precision=precision,
                                       kind=kind)
        export(model, combiner, out_dir, make_current=False, work=work)
        model_in_use = load_combiner(out_dir, combiner.version)
    # The calibration again, on what the final model itself makes of the streams, each
    # firm's logits from a model fit without it: the shipped model meets firms it never saw.
    groups = [replay(fixture, model_in_use) for fixture in train]
    logits = out_of_fold_logits(groups, kind, extra) if len(groups) > 1 else None
    combiner = calibrate(model, combiner, [ex for g in groups for ex in g], max_leak, precision,
                         logits=logits)
    export(model, combiner, out_dir, make_current=False, work=work)
    model_in_use = load_combiner(out_dir, combiner.version)
    comparisons = [
        Comparison(
            fixture.name,
            run_eval(fixture, encoder=encoder, combiner=current, nlp=nlp).metrics,
            run_eval(fixture, encoder=encoder, combiner=model_in_use, nlp=nlp).metrics,
        )
        for fixture in compare
    ]
    if force or not regressions(comparisons):
        point_current(out_dir, model_in_use.version)
    return model_in_use, comparisons
