"""The attribution targets every fixture is held to, and which of them a result misses.

`tenths eval --targets` exits non-zero on a miss, and `make test` runs it on every
fixture of the project's own; `tenths retrain` keeps the current model when a new
one is worse on any of them. A metric a fixture does not have (no new-party spans,
say) is not a miss.
"""

from __future__ import annotations

from collections.abc import Mapping

TARGETS: dict[str, tuple[str, float]] = {
    "accuracy": (">=", 0.95),
    "coverage": (">=", 0.95),
    "selective_accuracy": (">=", 0.98),
    "nonbillable_leak": ("<=", 0.02),
    "new_party_repeat_accuracy": (">=", 0.95),
    "ece": ("<=", 0.05),
    "confident_wrong": ("<=", 0.01),
}


def meets(key: str, value: float) -> bool:
    op, bound = TARGETS[key]
    return value >= bound if op == ">=" else value <= bound


def misses(metrics: Mapping[str, float | int]) -> list[str]:
    """The targets `metrics` misses, as readable lines (empty when all are met)."""
    out = []
    for key, (op, bound) in TARGETS.items():
        if key in metrics and not meets(key, float(metrics[key])):
            out.append(f"{key} {metrics[key]} (target {op} {bound})")
    return out


def worse_on(before: Mapping[str, float | int], after: Mapping[str, float | int],
             tolerance: float = 0.0) -> list[str]:
    """The targets on which `after` is worse than `before` (beyond `tolerance`)."""
    out = []
    for key, (op, _) in TARGETS.items():
        if key not in before or key not in after:
            continue
        change = float(after[key]) - float(before[key])
        if (op == ">=" and change < -tolerance) or (op == "<=" and change > tolerance):
            out.append(f"{key} {before[key]} -> {after[key]}")
    return out
