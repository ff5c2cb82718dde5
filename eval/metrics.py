"""The metrics of FIXTURES.md, and the mistakes behind them.

Beside FIXTURES.md's keys, ``confident_wrong``: of the spans answered (a matter or no
matter, not asked), the share answered wrongly with a confidence of ``CONFIDENT`` or
more. A lawyer skims past such an answer at review; issue 19 holds it under 1% on
every fixture."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from eval.truth import Truth
from tenths.records import Attribution

ECE_BINS = 10
CONFIDENT = 0.95


@dataclass(frozen=True)
class Prediction:
    truth: Truth
    attribution: Attribution
    day_index: int

    @property
    def predicted(self) -> int | None:
        return self.attribution.predicted_case

    @property
    def matter_work(self) -> bool:
        return self.truth.case_id is not None

    @property
    def right(self) -> bool:
        """Exactly right: an abstention is never right."""
        return not self.attribution.abstained and self.predicted == self.truth.case_id


def _ratio(num: float, den: float) -> float:
    return round(num / den, 4) if den else 0.0


def expected_calibration_error(preds: list[Prediction]) -> float:
    decided = [p for p in preds if not p.attribution.abstained]
    if not decided:
        return 0.0
    bins: dict[int, list[Prediction]] = defaultdict(list)
    for p in decided:
        bins[min(int(p.attribution.confidence * ECE_BINS), ECE_BINS - 1)].append(p)
    total = 0.0
    for members in bins.values():
        confidence = sum(p.attribution.confidence for p in members) / len(members)
        accuracy = sum(p.right for p in members) / len(members)
        total += len(members) / len(decided) * abs(confidence - accuracy)
    return round(total, 4)


def compute_metrics(preds: list[Prediction]) -> dict[str, float | int]:
    matter = [p for p in preds if p.matter_work]
    decided = [p for p in matter if not p.attribution.abstained]
    nonmatter = [p for p in preds if not p.matter_work]
    minutes = sum(p.truth.minutes for p in matter)
    metrics: dict[str, float | int] = {
        "spans": len(preds),
        "accuracy": _ratio(sum(p.right for p in matter), len(matter)),
        "coverage": _ratio(len(decided), len(matter)),
        "selective_accuracy": _ratio(sum(p.right for p in decided), len(decided)),
        "minutes_accuracy": _ratio(sum(p.truth.minutes for p in matter if p.right), minutes),
        "nonbillable_leak": _ratio(sum(p.predicted is not None for p in nonmatter), len(nonmatter)),
    }
    for cue in ("new_party_first", "new_party_repeat"):
        cued = [p for p in matter if p.truth.cue == cue]
        if cued:
            metrics[f"{cue}_accuracy"] = _ratio(sum(p.right for p in cued), len(cued))
    metrics["ece"] = expected_calibration_error(preds)
    answered = [p for p in preds if not p.attribution.abstained]
    metrics["confident_wrong"] = _ratio(
        sum(not p.right and p.attribution.confidence >= CONFIDENT for p in answered),
        len(answered))
    return metrics


def breakdown(preds: list[Prediction], key: str) -> dict[str, dict[str, float]]:
    """Accuracy and coverage of matter spans grouped by ``day``, ``kind`` or ``cue``."""
    groups: dict[str, list[Prediction]] = defaultdict(list)
    for p in preds:
        if not p.matter_work:
            continue
        label = {"day": str(p.day_index + 1), "kind": p.truth.kind, "cue": p.truth.cue or "-"}[key]
        groups[label].append(p)
    return {
        label: {
            "spans": len(members),
            "accuracy": _ratio(sum(p.right for p in members), len(members)),
            "coverage": _ratio(sum(not p.attribution.abstained for p in members), len(members)),
        }
        for label, members in sorted(groups.items())
    }


def mistakes(preds: list[Prediction], limit: int = 15) -> list[Prediction]:
    """Confident wrong answers first: those are the ones that reach a bill."""
    wrong = [
        p for p in preds
        if not p.attribution.abstained and p.predicted != p.truth.case_id
    ]
    return sorted(wrong, key=lambda p: -p.attribution.confidence)[:limit]
