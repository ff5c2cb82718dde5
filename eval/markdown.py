"""The eval as a markdown report with plots, for the data team.

Plots: coverage against accuracy as the abstain threshold moves, a
reliability diagram, accuracy per day and per kind of span. Then the
mis-attributions, by id and cue only (never captured text).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from eval.harness import EvalResult  # noqa: E402
from eval.metrics import ECE_BINS, Prediction, breakdown, mistakes  # noqa: E402


def coverage_curve(preds: list[Prediction]) -> list[tuple[float, float, float]]:
    """(threshold, coverage, selective accuracy) as the abstain threshold rises."""
    matter = [p for p in preds if p.matter_work]
    points = []
    for step in range(0, 20):
        threshold = step / 20
        kept = [p for p in matter
                if p.predicted is not None and p.attribution.confidence >= threshold]
        if not kept:
            break
        right = sum(p.predicted == p.truth.case_id for p in kept)
        points.append((threshold, len(kept) / len(matter), right / len(kept)))
    return points


def reliability(preds: list[Prediction]) -> list[tuple[float, float, int]]:
    decided = [p for p in preds if not p.attribution.abstained]
    rows = []
    for b in range(ECE_BINS):
        members = [p for p in decided
                   if min(int(p.attribution.confidence * ECE_BINS), ECE_BINS - 1) == b]
        if members:
            conf = sum(p.attribution.confidence for p in members) / len(members)
            acc = sum(p.right for p in members) / len(members)
            rows.append((conf, acc, len(members)))
    return rows


def _plot(result: EvalResult, out_dir: Path, stem: str) -> list[str]:
    preds = result.predictions
    names = []
    fig, axes = plt.subplots(2, 2, figsize=(10, 8))
    curve = coverage_curve(preds)
    axes[0][0].plot([c for _, c, _ in curve], [a for _, _, a in curve], marker="o")
    axes[0][0].set(xlabel="coverage", ylabel="selective accuracy", title="coverage vs accuracy")
    rel = reliability(preds)
    axes[0][1].plot([0, 1], [0, 1], linestyle="--", color="grey")
    axes[0][1].scatter([c for c, _, _ in rel], [a for _, a, _ in rel],
                       s=[max(10, n / 5) for _, _, n in rel])
    axes[0][1].set(xlabel="confidence", ylabel="accuracy", title="reliability")
    days = breakdown(preds, "day")
    axes[1][0].bar(list(days), [v["accuracy"] for v in days.values()])
    axes[1][0].set(xlabel="day", ylabel="accuracy", title="accuracy per day", ylim=(0, 1))
    kinds = breakdown(preds, "kind")
    axes[1][1].bar(list(kinds), [v["accuracy"] for v in kinds.values()])
    axes[1][1].set(ylabel="accuracy", title="accuracy per kind", ylim=(0, 1))
    fig.tight_layout()
    name = f"{stem}-plots.png"
    fig.savefig(out_dir / name, dpi=80)
    plt.close(fig)
    names.append(name)
    return names


def write_report(result: EvalResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    images = _plot(result, path.parent, path.stem)
    lines = [f"# Attribution eval: {result.fixture}", "", "| metric | value |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in result.metrics.items()]
    lines += ["", *[f"![plots]({name})" for name in images], ""]
    for key in ("kind", "cue", "day"):
        lines += [f"## By {key}", "", f"| {key} | spans | accuracy | coverage |",
                  "| --- | --- | --- | --- |"]
        for label, row in breakdown(result.predictions, key).items():
            lines.append(f"| {label} | {row['spans']} | {row['accuracy']} | {row['coverage']} |")
        lines.append("")
    lines += ["## Mis-attributions (confident first)", "",
              "| span | kind | truth | predicted | confidence | cue | reasons |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for p in mistakes(result.predictions, 50):
        lines.append(
            f"| {p.truth.span_id} | {p.truth.kind} | {p.truth.case_id} | {p.predicted} | "
            f"{p.attribution.confidence:.2f} | {p.truth.cue} | {', '.join(p.attribution.reasons)} |"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
