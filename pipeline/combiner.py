"""The combiner: signals of each candidate matter → a calibrated probability.

Each candidate gets a score over its feature row (``pipeline.features``); a "no matter" option competes
with a score of its own; a softmax over them gives probabilities. The learned
model (gradient-boosted trees or a logistic regression, run from ONNX) scores
each candidate; its JSON twin holds the calibration (the "no matter" score,
a temperature, the abstain threshold). The hand-set linear weights below are
the starting point the first model is fit from.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from pipeline.digest import check_sha256
from pipeline.features import EMBEDDING_FEATURES, FEATURES, FeatureRow
from pipeline.work import WorkModel


@dataclass(frozen=True)
class Combiner:
    """Linear weights (empty for a tree model, whose scores only its ONNX file holds)
    and the calibration of the softmax over candidates and "no matter"."""

    weights: tuple[float, ...]
    bias: float
    none_score: float
    temperature: float = 1.0
    version: str = "heuristic-1"
    abstain_below: float = 0.5  # below this confidence: "which matter?"
    notes: dict[str, str] = field(default_factory=dict)
    embeddings: bool | None = None  # a tree model says whether it was trained with them
    # The work model it was trained with (pipeline/work.py): None for the hand-set one.
    work: WorkModel | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.weights and len(self.weights) != len(FEATURES):
            raise ValueError(f"weights: expected {len(FEATURES)} values, got {len(self.weights)}")
        if not self.weights and self.embeddings is None:
            raise ValueError("embeddings: a model without linear weights must say")

    @property
    def uses_embeddings(self) -> bool:
        """Whether the embedding features carry any weight: if not, the model is not run."""
        if self.embeddings is not None:
            return self.embeddings
        return any(self.weights[FEATURES.index(f)] != 0.0 for f in EMBEDDING_FEATURES)

    def logit(self, features: Sequence[float]) -> float:
        if not self.weights:
            raise ValueError(f"combiner {self.version}: a tree model runs from its ONNX file")
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
                "abstain_below": self.abstain_below,
                "embeddings": self.uses_embeddings,
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
                   data.get("temperature", 1.0), data["version"],
                   data.get("abstain_below", 0.5), data.get("notes", {}),
                   None if data["weights"] else data["embeddings"])

    @classmethod
    def load(cls, path: Path) -> Combiner:
        return cls.from_json(path.read_text(encoding="utf-8"))


DEFAULT_COMBINER = Combiner(  # hand-set: the starting point the first model was fit from
    weights=tuple(FeatureRow(
        score=1.2, id_score=0.5, memory=2.5, staff=0.6, neighbours=2.0, embedding=8.0, knn=6.0,
        rank_gap=0.6, neighbours_idle=-1.5, no_own=-0.5, share=1.0, strongest=0.5, recent=1.0,
        today=0.5, work=0.0, internal=0.0, alias=0.5, firm_people=0.0, area=0.5, following=0.5,
        research=0.0, conversation=0.0)),
    bias=0.0,
    none_score=1.6,
)


def as_logits(p: np.ndarray) -> np.ndarray:
    """A classifier's probabilities that candidates are right, as logits (kept finite)."""
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-9, 1 - 1e-9)
    return np.log(p) - np.log1p(-p)


COMBINER_DIR = Path(__file__).resolve().parent.parent / "models" / "combiner"


class OnnxCombiner:
    """The learned combiner as the laptop runs it: the regression in ONNX Runtime,
    the calibrated softmax from its JSON twin. No scikit-learn at run time."""

    def __init__(self, calibration: Combiner, onnx_path: Path):
        import onnxruntime as ort

        if expected := calibration.notes.get("onnx_sha256"):
            check_sha256(onnx_path, expected)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.calibration = calibration
        self.version = calibration.version
        self.abstain_below = calibration.abstain_below
        self.uses_embeddings = calibration.uses_embeddings
        self.work = calibration.work

    def probabilities(
        self, candidates: Sequence[Sequence[float]], none_boost: float = 0.0
    ) -> tuple[list[float], float]:
        c = self.calibration
        none = (c.none_score + none_boost) / c.temperature
        if not candidates:
            return [], 1.0
        p = self.session.run(["probabilities"], {"features": np.asarray(candidates, np.float32)})[0]
        logits = as_logits(p[:, 1]) / c.temperature
        top = max(none, float(logits.max()))
        exps = np.exp(logits - top)
        none_exp = math.exp(none - top)
        total = float(exps.sum()) + none_exp
        return [float(e / total) for e in exps], none_exp / total


def load_combiner(directory: Path = COMBINER_DIR, version: str | None = None) -> AnyCombiner:
    """A learned combiner with its work model: ``version``, else the current one, else
    the hand-set default when none was trained."""
    pointer = directory / "current.json"
    if version is None and not pointer.exists():
        return DEFAULT_COMBINER
    if version is None:
        version = json.loads(pointer.read_text(encoding="utf-8"))["version"]
    calibration = Combiner.load(directory / f"combiner-{version}.json")
    if "work_sha256" in calibration.notes:
        calibration = replace(calibration, work=WorkModel.load(
            directory / f"combiner-{version}-work.npz", calibration.notes["work_sha256"]))
    return OnnxCombiner(calibration, directory / f"combiner-{version}.onnx")


AnyCombiner = Combiner | OnnxCombiner


def with_work(combiner: AnyCombiner, work: WorkModel | None) -> AnyCombiner:
    """The combiner weighing another work model's probability: in training, a firm's
    replay sees one fitted without that firm."""
    if isinstance(combiner, Combiner):
        return replace(combiner, work=work)
    twin = copy.copy(combiner)
    twin.work = work
    return twin
