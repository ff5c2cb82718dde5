"""Printing the eval: the metrics table, breakdowns and the worst mistakes.

Only ids, kinds, cues and reason codes are printed: never the captured text,
which on a real laptop is privileged client information.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eval.harness import EvalResult
from eval.metrics import breakdown, mistakes
from eval.targets import TARGETS, meets


def print_result(result: EvalResult, console: Console, worst: int = 10) -> None:
    table = Table(title=f"eval: {result.fixture}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    for key, value in result.metrics.items():
        target = TARGETS.get(key)
        mark = ""
        if target:
            op, bound = target
            mark = f"{op} {bound} {'ok' if meets(key, value) else 'MISS'}"
        table.add_row(key, str(value), mark)
    console.print(table)

    kinds = Table(title="matter spans by kind")
    for col in ("kind", "spans", "accuracy", "coverage"):
        kinds.add_column(col, justify="right" if col != "kind" else "left")
    for kind, row in breakdown(result.predictions, "kind").items():
        kinds.add_row(kind, str(row["spans"]), str(row["accuracy"]), str(row["coverage"]))
    console.print(kinds)

    wrong = Table(title=f"worst mis-attributions (confident and wrong, top {worst})")
    for col in ("span", "kind", "truth", "predicted", "conf", "cue", "reasons"):
        wrong.add_column(col)
    for p in mistakes(result.predictions, worst):
        wrong.add_row(
            p.truth.span_id, p.truth.kind, str(p.truth.case_id), str(p.predicted),
            f"{p.attribution.confidence:.2f}", p.truth.cue, ",".join(p.attribution.reasons[:4]),
        )
    console.print(wrong)


def print_baseline(ours: dict[str, float | int], baseline: dict[str, float | int],
                   console: Console) -> None:
    """tenths beside the plain online baseline (eval/baseline.py) on the same fixture."""
    table = Table(title="tenths against the online TF-IDF + logistic-regression baseline")
    for col in ("metric", "tenths", "baseline"):
        table.add_column(col, justify="right" if col != "metric" else "left")
    for key in ("accuracy", "coverage", "selective_accuracy", "minutes_accuracy",
                "nonbillable_leak", "new_party_first_accuracy", "new_party_repeat_accuracy",
                "ece", "confident_wrong"):
        if key in ours or key in baseline:
            table.add_row(key, str(ours.get(key, "")), str(baseline.get(key, "")))
    console.print(table)


def write_json(result: EvalResult, path: Path,
               baseline: dict[str, float | int] | None = None) -> None:
    """The metrics of FIXTURES.md (and, when scored, the baseline's under "baseline")."""
    path.parent.mkdir(parents=True, exist_ok=True)
    metrics: dict[str, object] = dict(result.metrics)
    if baseline is not None:
        metrics["baseline"] = baseline
    path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


def write_decisions(result: EvalResult, path: Path) -> None:
    """Every span's decision, one JSON line each, in replay order: ids and numbers only,
    so two runs can be compared decision for decision."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for p in result.predictions:
            a = p.attribution
            out.write(json.dumps({
                "span": a.span_id, "case": a.case_id, "abstained": a.abstained,
                "billable": a.billable, "confidence": a.confidence,
                "reasons": list(a.reasons), "model": a.model_version,
                "candidates": [list(c) for c in a.candidates],
            }) + "\n")
