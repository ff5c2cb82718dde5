"""Fitting the combiner (data team only: needs the `train` extra, never the laptop).

Training rows come from replaying labelled streams through the attributor
with tracing on: for every span, the candidate matters it weighed and their
features. A scikit-learn logistic regression learns which candidate is right;
the "no matter" score and a temperature are then fit on the same examples so
the softmax over candidates and "no matter" is calibrated. The result is
saved twice: as ONNX (what the laptop runs, through onnxruntime) and as JSON
(what a person reads and diffs).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from pipeline.combiner import FEATURES, Combiner


@dataclass(frozen=True)
class Example:
    candidates: list[int]
    features: list[list[float]]
    none_boost: float
    truth: int | None  # the right case, or None for non-matter time

    @property
    def target(self) -> int:
        """Index of the right candidate, or -1 when "no matter" is the best answer."""
        return self.candidates.index(self.truth) if self.truth in self.candidates else -1


def examples_from_trace(trace: Sequence[tuple], truths: dict[str, int | None]) -> list[Example]:
    return [
        Example(list(cands), [list(f) for f in feats], boost, truths[span_id])
        for span_id, cands, feats, boost in trace
        if span_id in truths
    ]


def _nll(examples: Sequence[Example], logits: list[np.ndarray], none: float, temp: float) -> float:
    total = 0.0
    for ex, z in zip(examples, logits, strict=True):
        scores = np.append(z, none + ex.none_boost) / temp
        scores -= scores.max()
        log_norm = np.log(np.exp(scores).sum())
        total -= scores[ex.target] - log_norm  # target -1 picks "no matter" (last)
    return total / max(len(examples), 1)


def _decisions(examples, logits, none, temp):  # noqa: ANN001, ANN202
    """For each example: (picked candidate index or -1, its probability)."""
    out = []
    for ex, z in zip(examples, logits, strict=True):
        scores = np.append(z, none + ex.none_boost) / temp
        probs = np.exp(scores - scores.max())
        probs /= probs.sum()
        i = int(np.argmax(probs))
        out.append((-1 if i == len(z) else i, float(probs[i])))
    return out


def _leak(examples, logits, none, temp, abstain_below) -> float:  # noqa: ANN001
    """Share of non-matter examples that would be billed to a case."""
    picks = _decisions(examples, logits, none, temp)
    nonmatter = [(ex, d) for ex, d in zip(examples, picks, strict=True) if ex.truth is None]
    leaked = sum(1 for _, (i, p) in nonmatter if i >= 0 and p >= abstain_below)
    return leaked / max(len(nonmatter), 1)


def _threshold_for_precision(examples, logits, none, temp, precision) -> float:  # noqa: ANN001
    """The lowest abstain threshold whose selective accuracy on matter work reaches
    ``precision`` (never below 0.5: a coin flip is not an answer)."""
    picks = [
        (p, i >= 0 and i == ex.target)
        for ex, (i, p) in zip(examples, _decisions(examples, logits, none, temp), strict=True)
        if ex.truth is not None and i >= 0
    ]
    for threshold in np.arange(0.5, 0.96, 0.01):
        kept = [right for p, right in picks if p >= threshold]
        if kept and sum(kept) / len(kept) >= precision:
            return float(threshold)
    return 0.95


def fit_combiner(  # noqa: ANN201
    examples: Sequence[Example],
    version: str,
    c: float = 1.0,
    max_leak: float = 0.01,
    precision: float = 0.98,
    abstain_below: float = 0.5,
):
    """Fit the logistic regression, then the softmax's "no matter" score and temperature
    (lowest log-loss that bills at most ``max_leak`` of non-matter time in training), then
    the abstain threshold that reaches ``precision``; return (model, combiner)."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for ex in examples:
        for i, f in enumerate(ex.features):
            rows.append(f)
            labels.append(int(i == ex.target))
    x = np.asarray(rows, dtype=np.float32)
    y = np.asarray(labels)
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    weights, bias = model.coef_[0], float(model.intercept_[0])
    logits = [
        (np.asarray(ex.features, dtype=np.float64) @ weights + bias) if ex.features else np.zeros(0)
        for ex in examples
    ]
    best = (np.inf, 0.0, 1.0)
    fallback = (np.inf, 0.0, 1.0)
    for none in np.arange(-4.0, 8.01, 0.5):
        for temp in np.arange(0.5, 3.01, 0.25):
            loss = _nll(examples, logits, float(none), float(temp))
            leak = _leak(examples, logits, float(none), float(temp), abstain_below)
            if leak <= max_leak and loss < best[0]:
                best = (loss, float(none), float(temp))
            if (leak, loss) < fallback:
                fallback = (leak, float(none), float(temp))
    _, none, temp = best if np.isfinite(best[0]) else fallback
    threshold = _threshold_for_precision(examples, logits, none, temp, precision)
    combiner = Combiner(
        weights=tuple(float(w) for w in weights),
        bias=bias,
        none_score=round(none, 4),
        temperature=round(temp, 4),
        abstain_below=round(threshold, 3),
        version=version,
        notes={"examples": str(len(examples)), "rows": str(len(rows)),
               "nll": f"{best[0]:.4f}"},
    )
    return model, combiner


def export(model: object, combiner: Combiner, out_dir: Path) -> tuple[Path, Path]:
    """Write ``combiner-<version>.onnx`` and ``.json`` and point ``current.json`` at them."""
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_model = convert_sklearn(
        model,
        initial_types=[("features", FloatTensorType([None, len(FEATURES)]))],
        options={id(model): {"zipmap": False}},
        target_opset=17,
    )
    onnx_path = out_dir / f"combiner-{combiner.version}.onnx"
    payload = onnx_model.SerializeToString()
    onnx_path.write_bytes(payload)
    combiner = replace(combiner, notes={**combiner.notes,
                                        "onnx_sha256": hashlib.sha256(payload).hexdigest()})
    json_path = out_dir / f"combiner-{combiner.version}.json"
    json_path.write_text(combiner.to_json() + "\n", encoding="utf-8")
    (out_dir / "current.json").write_text(
        json.dumps({"version": combiner.version}, indent=2) + "\n", encoding="utf-8"
    )
    return onnx_path, json_path
