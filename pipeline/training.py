"""Fitting the combiner (data team only: needs the `train` extra, never the laptop).

Training rows come from replaying labelled streams through the attributor
with tracing on: for every span, the candidate matters it weighed and their
features. A scikit-learn model (gradient-boosted trees by default, or a
logistic regression whose weights a person can read) learns which candidate
is right; the "no matter" score and a temperature are then fit on the same
examples so the softmax over candidates and "no matter" is calibrated. The
result is saved twice: the model as ONNX (what the laptop runs, through
onnxruntime) and its calibration as JSON (what a person reads and diffs).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pipeline.combiner import Combiner, as_logits
from pipeline.content import N_FEATURES, hashed_counts
from pipeline.features import EMBEDDING_FEATURES, FEATURES
from pipeline.work import WorkModel

if TYPE_CHECKING:
    from pipeline.attribute import Weighed
    from tenths.records import Span

# The work model's L2 penalty (scikit-learn's C): 0.3 and 1.0 scored alike across the
# generators (area under the ROC curve within 0.007 on eleven firms and three mailboxes).
WORK_C = 0.3


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


def examples_from_trace(trace: Sequence[tuple[str, Weighed]],
                        truths: dict[str, int | None]) -> list[Example]:
    """Examples from what the combiner weighed for each span (``DayResult.weighed``)."""
    return [
        Example(list(w.candidates), [list(row) for row in w.rows], w.none_boost, truths[span_id])
        for span_id, w in trace
        if span_id in truths
    ]


@dataclass(frozen=True)
class _Table:
    """Examples' candidate logits side by side (padded), "no matter" in the last column."""

    logits: np.ndarray  # [examples, most candidates + 1]; padding is -inf
    boost: np.ndarray  # learned non-matter boost per example
    target: np.ndarray  # column of the right answer ("no matter" is the last)
    matter: np.ndarray  # the truth is a matter

    @classmethod
    def build(cls, examples: Sequence[Example], logits: Sequence[np.ndarray]) -> _Table:
        width = max((len(z) for z in logits), default=0) + 1
        table = np.full((len(examples), width), -np.inf)
        for row, z in enumerate(logits):
            table[row, : len(z)] = z
        target = np.array([ex.target if ex.target >= 0 else width - 1 for ex in examples], int)
        return cls(table, np.array([ex.none_boost for ex in examples], float), target,
                   np.array([ex.truth is not None for ex in examples], bool))

    def probabilities(self, none: float, temp: float) -> np.ndarray:
        scores = self.logits.copy()
        scores[:, -1] = none + self.boost
        scores /= temp
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        return probs / probs.sum(axis=1, keepdims=True)

    def nll(self, none: float, temp: float) -> float:
        probs = self.probabilities(none, temp)
        picked = probs[np.arange(len(probs)), self.target]
        return float(-np.log(np.maximum(picked, 1e-300)).mean()) if len(probs) else 0.0

    def decisions(self, none: float, temp: float) -> tuple[np.ndarray, np.ndarray]:
        """The column each example picks (the last is "no matter") and its probability."""
        probs = self.probabilities(none, temp)
        pick = probs.argmax(axis=1)
        return pick, probs[np.arange(len(probs)), pick]

    def threshold(self, none: float, temp: float, precision: float, max_leak: float,
                  lowest: float = 0.5) -> float:
        """The lowest abstain threshold (never below ``lowest``: a coin flip is not an
        answer) whose selective accuracy on matter work reaches ``precision`` and which
        bills at most ``max_leak`` of non-matter time."""
        pick, p = self.decisions(none, temp)
        named = pick < self.logits.shape[1] - 1
        right = pick == self.target
        for threshold in np.arange(lowest, 0.991, 0.01):
            kept = named & (p >= threshold)
            matter_kept = right[kept & self.matter]
            leak = (kept & ~self.matter).sum() / max((~self.matter).sum(), 1)
            if len(matter_kept) and matter_kept.mean() >= precision and leak <= max_leak:
                return float(threshold)
        return 0.99


def _model_logits(model: object, examples: Sequence[Example]) -> list[np.ndarray]:
    """Each example's candidate logits, as the ONNX file will compute them."""
    x, _ = _rows(examples)
    if not len(x):
        return [np.zeros(0) for _ in examples]
    logits = as_logits(model.predict_proba(x)[:, 1])  # type: ignore[attr-defined]
    ends = np.cumsum([len(ex.features) for ex in examples])
    return np.split(logits, ends[:-1])


def _rows(examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate of every example as a feature row, labelled 1 if it is the answer."""
    rows = [f for ex in examples for f in ex.features]
    labels = [int(i == ex.target) for ex in examples for i in range(len(ex.features))]
    return np.asarray(rows, dtype=np.float32).reshape(-1, len(FEATURES)), np.asarray(labels)


def out_of_fold_logits(groups: Sequence[Sequence[Example]], kind: str = "trees",
                       extra: Sequence[Example] = ()) -> list[np.ndarray]:
    """Each group's candidate logits from a model fit on the other groups (and ``extra``):
    what the model makes of a firm it never saw, for an honest calibration."""
    logits: list[np.ndarray] = []
    for i, group in enumerate(groups):
        rest = [ex for j, other in enumerate(groups) if j != i for ex in other] + list(extra)
        logits += _model_logits(fit_model(*_rows(rest), kind), group)
    return logits


def fit_model(x: np.ndarray, y: np.ndarray, kind: str, c: float = 1.0) -> object:
    """The per-candidate classifier: "trees" (gradient boosting) or "linear"."""
    if kind == "linear":
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=c, max_iter=2000).fit(x, y)
    if kind == "trees":
        # Not HistGradientBoosting: skl2onnx 1.20 cannot convert it (a Python bool
        # lands in an ONNX int attribute for nodes without missing values).
        from sklearn.ensemble import GradientBoostingClassifier

        return GradientBoostingClassifier(
            n_estimators=150, learning_rate=0.08, max_depth=3, min_samples_leaf=30,
            subsample=0.8, random_state=0,
        ).fit(x, y)
    raise ValueError(f"model kind: {kind!r} is neither 'trees' nor 'linear'")


def fit_work(spans: Sequence[Span], is_work: Sequence[bool]) -> WorkModel:
    """The work model (``pipeline.work``): a logistic regression of whether each span was
    a matter's, over its hashed words as ``log(1 + count)``."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, columns, values = [], [], []
    for i, span in enumerate(spans):
        ids, counts = hashed_counts(span)
        rows.append(np.full(len(ids), i))
        columns.append(ids)
        values.append(np.log1p(counts))
    x = csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
                   shape=(len(spans), N_FEATURES))
    fitted = LogisticRegression(C=WORK_C, max_iter=2000).fit(x, np.asarray(is_work, int))
    return WorkModel(fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0]))


def fit_combiner(  # noqa: ANN201
    examples: Sequence[Example],
    version: str,
    c: float = 1.0,
    max_leak: float = 0.01,
    precision: float = 0.98,
    abstain_below: float = 0.5,
    kind: str = "trees",
):
    """Fit the per-candidate model, then calibrate it (``calibrate``); return (model,
    combiner)."""
    x, y = _rows(examples)
    model = fit_model(x, y, kind, c)
    embedding_columns = [FEATURES.index(f) for f in EMBEDDING_FEATURES]
    linear = kind == "linear"
    combiner = Combiner(
        weights=tuple(float(w) for w in model.coef_[0]) if linear else (),  # type: ignore[attr-defined]
        bias=float(model.intercept_[0]) if linear else 0.0,  # type: ignore[attr-defined]
        none_score=0.0,
        version=version,
        notes={"model": kind, "rows": str(len(x))},
        embeddings=None if linear else bool(len(x) and np.any(x[:, embedding_columns] != 0)),
    )
    return model, calibrate(model, combiner, examples, max_leak, precision, abstain_below)


def calibrate(
    model: object,
    combiner: Combiner,
    examples: Sequence[Example],
    max_leak: float = 0.01,
    precision: float = 0.98,
    abstain_below: float = 0.5,
    logits: Sequence[np.ndarray] | None = None,
) -> Combiner:
    """The "no matter" score and temperature with the lowest log-loss (calibrated
    probabilities), then the lowest abstain threshold that bills at most ``max_leak`` of
    non-matter time and reaches ``precision`` on matter work. Run it again on examples
    collected with the model in use, so that the calibration fits the features the model
    itself gives rise to (neighbours' beliefs). ``logits`` (``out_of_fold_logits``)
    replace the model's own, which are over-confident on the examples it was fit on."""
    table = _Table.build(examples, logits if logits is not None else _model_logits(model, examples))
    loss, none, temp = min(
        (table.nll(float(none), float(temp)), float(none), float(temp))
        for none in np.arange(-4.0, 8.01, 0.125)
        for temp in np.arange(0.5, 3.01, 0.0625)
    )
    return replace(
        combiner,
        none_score=round(none, 4),
        temperature=round(temp, 4),
        abstain_below=round(table.threshold(none, temp, precision, max_leak, abstain_below), 3),
        notes={**combiner.notes, "examples": str(len(examples)), "nll": f"{loss:.4f}"},
    )


def export(model: object, combiner: Combiner, out_dir: Path,
           make_current: bool = True, work: WorkModel | None = None) -> tuple[Path, Path]:
    """Write ``combiner-<version>.onnx`` and ``.json``, the work model it was trained
    with (``-work.npz``, when given), and (``make_current``) point ``current.json`` at
    them."""
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
    notes = {**combiner.notes, "onnx_sha256": hashlib.sha256(payload).hexdigest()}
    if work is not None:
        notes["work_sha256"] = work.save(out_dir / f"combiner-{combiner.version}-work.npz")
    combiner = replace(combiner, notes=notes)
    json_path = out_dir / f"combiner-{combiner.version}.json"
    json_path.write_text(combiner.to_json() + "\n", encoding="utf-8")
    if make_current:
        point_current(out_dir, combiner.version)
    return onnx_path, json_path


def point_current(out_dir: Path, version: str) -> None:
    """Make ``version`` the combiner the laptop loads from ``out_dir``."""
    (out_dir / "current.json").write_text(json.dumps({"version": version}, indent=2) + "\n",
                                          encoding="utf-8")


def examples_from_exports(
    paths: Sequence[Path], skipped: dict[str, int] | None = None
) -> list[Example]:
    """Training examples from exported corrections (``tenths corrections export``:
    Parquet or DuckDB files, read with DuckDB): each correction's candidates and
    feature rows, with the case the timekeeper chose as the truth.

    Rows are skipped (and counted, in ``skipped`` when given, and in a warning) when
    they carry no features, were computed with another FEATURES list, are malformed,
    were undone, or repeat a correction already read."""
    import logging

    import duckdb

    def literal(path: Path) -> str:
        return "'" + str(path).replace("'", "''") + "'"

    columns = "id, to_case_id, undone, candidates, features, none_boost, feature_names"
    counts = {"no_features": 0, "other_features": 0, "malformed": 0, "undone": 0,
              "duplicate": 0}
    examples: list[Example] = []
    seen: set[str] = set()
    con = duckdb.connect(":memory:")
    try:
        for path in map(Path, paths):
            if path.suffix.lower() == ".parquet":
                rows = con.execute(f"SELECT {columns} FROM read_parquet({literal(path)})").fetchall()
            elif path.suffix.lower() == ".duckdb":
                con.execute(f"ATTACH {literal(path)} AS export_file (READ_ONLY)")
                try:
                    rows = con.execute(
                        f"SELECT {columns} FROM export_file.corrections").fetchall()
                finally:
                    con.execute("DETACH export_file")
            else:
                raise ValueError(f"{path.name}: expected a .parquet or .duckdb export")
            for cid, truth, undone, cands, feats, boost, names in rows:
                if undone:
                    counts["undone"] += 1
                elif cands is None or feats is None or names is None:
                    counts["no_features"] += 1
                elif tuple(names) != FEATURES:
                    counts["other_features"] += 1
                elif len(cands) != len(feats) or any(len(r) != len(FEATURES) for r in feats):
                    counts["malformed"] += 1
                elif cid in seen:
                    counts["duplicate"] += 1
                else:
                    seen.add(cid)
                    examples.append(Example([int(c) for c in cands],
                                            [[float(x) for x in r] for r in feats],
                                            float(boost or 0.0),
                                            None if truth is None else int(truth)))
    finally:
        con.close()
    if skipped is not None:
        skipped.update(counts)
    if any(counts.values()):
        logging.getLogger(__name__).warning(
            "corrections: %d read, %d skipped (%s)", len(examples), sum(counts.values()),
            ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return examples
