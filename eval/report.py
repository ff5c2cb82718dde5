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

TARGETS = {
    "accuracy": (">=", 0.95),
    "coverage": (">=", 0.95),
    "selective_accuracy": (">=", 0.98),
    "nonbillable_leak": ("<=", 0.02),
    "new_party_repeat_accuracy": (">=", 0.95),
    "ece": ("<=", 0.05),
}


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
            ok = value >= bound if op == ">=" else value <= bound
            mark = f"{op} {bound} {'ok' if ok else 'MISS'}"
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


def write_json(result: EvalResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result.metrics, indent=2) + "\n", encoding="utf-8")


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
            }) + "\n")
