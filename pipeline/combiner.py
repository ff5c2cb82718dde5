"""The combiner: signals of each candidate matter → a calibrated probability.

Each candidate gets a linear score over ``FEATURES``; a "no matter" option
competes with a score of its own; a softmax over them gives probabilities.
The weights are data (JSON in models/), learned by ``tenths retrain``; the
defaults below are the hand-set starting point the first model was fit from.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

FEATURES: tuple[str, ...] = (
    "score",  # summed term weights from the span's own words
    "id_score",  # the part of it from identifiers (numbers, emails, phones)
    "memory",  # the span's thread or document was decided for this matter before
    "staff",  # the timekeeper works on this matter
    "neighbours",  # nearby spans' local belief in this matter
    "embedding",  # cosine to the matter profile minus 0.35 (0 when not computed)
    "knn",  # cosine to a corrected span of this matter (0 when none is close)
    "rank_gap",  # score minus the best other candidate's score
)


@dataclass(frozen=True)
class Combiner:
    weights: tuple[float, ...]
    bias: float
    none_score: float
    temperature: float = 1.0
    version: str = "heuristic-1"
    notes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"weights: expected {len(FEATURES)} values, got {len(self.weights)}")

    def logit(self, features: Sequence[float]) -> float:
        return self.bias + sum(w * f for w, f in zip(self.weights, features, strict=True))

    def probabilities(
        self, candidates: Sequence[Sequence[float]], none_boost: float = 0.0
    ) -> tuple[list[float], float]:
        """Probabilities of each candidate and of "no matter"."""
        logits = [self.logit(f) / self.temperature for f in candidates]
        none = (self.none_score + none_boost) / self.temperature
        top = max([none, *logits])
        exps = [math.exp(z - top) for z in logits]
        none_exp = math.exp(none - top)
        total = sum(exps) + none_exp
        return [e / total for e in exps], none_exp / total

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": self.version,
                "features": list(FEATURES),
                "weights": list(self.weights),
                "bias": self.bias,
                "none_score": self.none_score,
                "temperature": self.temperature,
                "notes": self.notes,
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Combiner:
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ValueError("combiner: saved features differ from this version's FEATURES")
        return cls(tuple(data["weights"]), data["bias"], data["none_score"],
                   data.get("temperature", 1.0), data["version"], data.get("notes", {}))

    @classmethod
    def load(cls, path: Path) -> Combiner:
        return cls.from_json(path.read_text(encoding="utf-8"))


DEFAULT_COMBINER = Combiner(
    weights=(1.2, 0.5, 2.5, 0.6, 2.0, 8.0, 6.0, 0.6),
    bias=0.0,
    none_score=1.6,
)
