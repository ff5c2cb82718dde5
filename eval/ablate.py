"""What each hand-made rule family earns: ``tenths eval --ablate``.

For each fixture, the eval is run once with every rule in force and once more with each
family of ``pipeline.rules.FAMILIES`` switched off (``Rules.without``). A family's change
is the metric without it less the metric with everything: a family that helps has a
negative change in accuracy, coverage, selective accuracy and new-party repeat, and a
positive one in leak and ECE. Only numbers are reported, never a span's text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eval.harness import run_eval
from eval.targets import TARGETS
from pipeline.attribute import Encoder
from pipeline.combiner import DEFAULT_COMBINER, AnyCombiner
from pipeline.rules import FAMILIES, RULES, Rules

# The metrics an ablation compares (the targets'), and whether more is better.
METRICS: Mapping[str, bool] = {key: op == ">=" for key, (op, _) in TARGETS.items()}
SHORT = {"accuracy": "acc", "coverage": "cov", "selective_accuracy": "sel",
         "nonbillable_leak": "leak", "new_party_repeat_accuracy": "np_rep", "ece": "ece",
         "confident_wrong": "cw"}


@dataclass(frozen=True)
class Ablation:
    """One fixture's eval with every rule, and with each family switched off."""

    fixture: str
    full: Mapping[str, float]
    without: Mapping[str, Mapping[str, float]]  # family → metrics

    def change(self, family: str) -> dict[str, float]:
        """Each metric without the family less the metric with every rule (a metric the
        fixture does not have, such as new-party repeat on a firm without new parties,
        is left out)."""
        off = self.without[family]
        return {m: round(float(off[m]) - float(self.full[m]), 4)
                for m in METRICS if m in off and m in self.full}

    def earns(self, family: str) -> float:
        """What the family earns in accuracy: the accuracy with it less without it."""
        return -self.change(family).get("accuracy", 0.0)

    def to_dict(self) -> dict:
        return {"fixture": self.fixture, "full": dict(self.full),
                "families": {f: {"metrics": dict(m), "change": self.change(f)}
                             for f, m in self.without.items()}}


def _metrics(values: Mapping[str, float | int]) -> dict[str, float]:
    return {m: float(values[m]) for m in METRICS if m in values}


def ablate(fixtures: Sequence[Path], families: Iterable[str] = tuple(FAMILIES),
           encoder: Encoder | None = None, combiner: AnyCombiner = DEFAULT_COMBINER,
           rules: Rules = RULES, nlp: object | None = None,
           progress: Callable[[str], None] | None = None) -> list[Ablation]:
    """Each fixture's eval with ``rules``, then without each of ``families`` in turn. The
    spaCy model is loaded once for all runs when ``nlp`` is not given."""
    families = list(families)
    for family in families:
        rules.without(family)  # an unknown name fails here, before any run
    if nlp is None:
        from pipeline.entities import load_model

        nlp = load_model()
    full: dict[str, dict[str, float]] = {}
    for fixture in fixtures:
        full[fixture.name] = _metrics(run_eval(fixture, encoder, combiner, nlp=nlp,
                                               rules=rules).metrics)
        if progress:
            progress(f"{fixture.name}: all rules {json.dumps(full[fixture.name])}")
    # Family by family, each on every fixture: a sweep cut short has whole rows.
    without: dict[str, dict[str, dict[str, float]]] = {f.name: {} for f in fixtures}
    for family in families:
        for fixture in fixtures:
            metrics = _metrics(run_eval(fixture, encoder, combiner, nlp=nlp,
                                        rules=rules.without(family)).metrics)
            without[fixture.name][family] = metrics
            if progress:
                progress(f"{fixture.name}: without {family} {json.dumps(metrics)}")
    return [Ablation(f.name, full[f.name], without[f.name]) for f in fixtures]


def print_ablation(results: Sequence[Ablation], console: Console) -> None:
    """One row per family and fixture: each metric's change when the family is off."""
    table = Table(title="rule families: the change in each metric when switched off")
    table.add_column("family")
    table.add_column("fixture")
    for metric in METRICS:
        table.add_column(SHORT[metric], justify="right")
    for r in results:
        table.add_row("(all rules)", r.fixture,
                      *(f"{r.full[m]:.4f}" if m in r.full else "" for m in METRICS))
    families = list(dict.fromkeys(f for r in results for f in r.without))
    for family in families:
        for r in results:
            if family not in r.without:
                continue
            change = r.change(family)
            table.add_row(family, r.fixture, *(_signed(change.get(m), better)
                                               for m, better in METRICS.items()))
    console.print(table)


def _signed(value: float | None, more_is_better: bool) -> str:
    """A change, marked red where switching the family off makes the metric better (the
    family costs), green where it makes it worse (the family earns)."""
    if value is None:
        return ""
    if value == 0:
        return "0"
    costs = (value > 0) == more_is_better
    return f"[{'red' if costs else 'green'}]{value:+.4f}[/]"


def write_ablation(results: Sequence[Ablation], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"metrics": list(METRICS),
                                "fixtures": [r.to_dict() for r in results]}, indent=1) + "\n",
                    encoding="utf-8")
