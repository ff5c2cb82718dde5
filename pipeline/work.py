"""How likely a span is matter work at all, from its words: the firm-wide work model.

Whether a screen is work for a client (a draft, a call, a research page) or the firm's
own and the timekeeper's time (a newsletter, a webinar, a lunch order) is said by its
words, not its window's kind: a Word document may be the firm's newsletter, a Zoom
meeting a CLE webinar, a browser tab a brief or the weather. The work model is a
logistic regression over the words the content learner reads (``hashed_counts``: hashed
words and word pairs, as ``log(1 + count)``), fitted with the combiner on labelled firms
(``eval.retrain``), where each span's truth says whether it was a matter's. It ships
beside the combiner, which weighs its probability (the ``work`` feature) and was trained
on replays that saw it only out of fold.

Measured on both generators' firms before it was a feature (area under the ROC curve,
matter work against the rest, fitted on one generator's four training firms, scored on
the other's): fitted on the first generator, 0.85-0.87 on six firms of the second; on
the second, 0.93-0.96 on five of the first's; fitted on both, 0.66-0.87 on the third
generator's mailboxes. The window's kind alone (work kinds and research pages) scores
0.70-0.81 on the generated firms and 0.5 on mail. As combiner v7's feature, with v7
trained on both generators, the non-matter time billed fell from 0.083 and 0.102 to
0.019 and 0.054 on the second generator's tuning firms, and to 0 on the first's.

Without a fitted model (the hand-set combiner) a span of a work kind, or a research
page, counts as work (1.0) and any other as not (0.0).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.activities import is_research
from pipeline.content import N_FEATURES, hashed_counts
from pipeline.digest import check_sha256, file_sha256
from pipeline.rules import Rules
from tenths.records import Span


@dataclass(frozen=True, eq=False)
class WorkModel:
    weights: np.ndarray  # float32 [N_FEATURES]: each hashed word's weight
    bias: float

    def probabilities(self, spans: Sequence[Span]) -> list[float]:
        out = []
        for span in spans:
            ids, counts = hashed_counts(span)
            z = self.bias + float(self.weights[ids] @ np.log1p(counts))
            out.append(1.0 / (1.0 + np.exp(-z)))
        return out

    def save(self, path: Path) -> str:
        """Writes the model (its non-zero weights) and returns the file's sha256."""
        nonzero = np.flatnonzero(self.weights).astype(np.int32)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, ids=nonzero, weights=self.weights[nonzero],
                            bias=np.float64(self.bias))
        path.write_bytes(buffer.getvalue())
        return file_sha256(path)

    @classmethod
    def load(cls, path: Path, sha256: str) -> WorkModel:
        check_sha256(path, sha256)
        with np.load(path) as data:
            weights = np.zeros(N_FEATURES, np.float32)
            weights[data["ids"]] = data["weights"]
            return cls(weights, float(data["bias"]))


def kind_says_work(span: Span, rules: Rules) -> float:
    """Without a work model: 1.0 for a span of a work kind or a research page, else 0.0."""
    return 1.0 if span.kind in rules.work_kinds or is_research(span) else 0.0
