"""The content learner: what a timekeeper's reviewed spans say about their matters.

Every reviewed span teaches it. A span the review corrected is labelled by the
correction; one it left alone was accepted (the end-of-day review corrects every
other one), and is labelled by its decision. It reads no screen layout, so no app's
chrome can break it: a span's words (window title, URL, path, screen text) are
lowercased, cut into words and word pairs, and hashed. Only the hashed counts are
kept, never the text, so it outlives the rolling deletion of raw text and its saved
form says nothing a person could read back.

It is a complement naive Bayes over TF-IDF-weighted counts (Rennie et al., 2003),
refitted from its examples when it is next asked after learning: count-based, so a
word or pair weighs by how specific it is across the timekeeper's matters (an inverse
document frequency over the reviewed spans, and the per-matter complement counts);
and cheap to refit, since a laptop holds a few thousand reviewed spans. A span
reviewed again (a later correction) replaces what it taught; an undone correction
forgets it: what a later correction contradicts is forgotten. The oldest examples go
beyond ``MAX_EXAMPLES``.

It works on a copy while lessons are applied (``copy``), like the rest of what a
laptop learns (``pipeline.knowledge``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.naive_bayes import ComplementNB

from tenths.records import Span

NO_MATTER = -1  # the label of personal and firm-internal time
N_FEATURES = 2**18
TEXT_CHARS = 3000  # a long mail body says what it is about in its first screens
MAX_EXAMPLES = 20_000  # a laptop's last months of reviewed work
ALPHA = 0.3  # additive smoothing of the complement counts

_HASHER = HashingVectorizer(n_features=N_FEATURES, ngram_range=(1, 2), alternate_sign=False,
                            norm=None, lowercase=True, dtype=np.float32,
                            token_pattern=r"(?u)\b[^\W\d_]{2,}\b")


def span_words(span: Span) -> str:
    """The words of a span the learner reads, capped."""
    parts = (span.window_title, span.url or "", span.path or "", span.text)
    return "\n".join(p for p in parts if p)[:TEXT_CHARS]


def hashed(spans: Sequence[Span]) -> sparse.csr_matrix:
    """Word and word-pair counts of each span, hashed (the learner's only view of text)."""
    return _HASHER.transform([span_words(s) for s in spans]).tocsr()


@dataclass(frozen=True)
class Example:
    label: int  # a case id, or NO_MATTER
    indices: np.ndarray  # hashed word ids (int32)
    counts: np.ndarray  # their counts (float32)


@dataclass(frozen=True)
class Guess:
    """What the learner makes of one span: each label's probability (None: no matter)
    and how many reviewed spans of each matter it learned from."""

    probabilities: dict[int | None, float]
    examples: dict[int, int]

    def top(self, n: int) -> list[int]:
        """The ``n`` likeliest matters (never "no matter")."""
        matters = [m for m in self.probabilities if m is not None]
        return sorted(matters, key=lambda m: -self.probabilities[m])[:n]


NOTHING = Guess({}, {})


class ContentLearner:
    """One timekeeper's content learner; see the module docstring."""

    def __init__(self, examples: dict[str, Example] | None = None):
        self.examples: dict[str, Example] = dict(examples or {})  # span id → what it taught
        self._fitted: tuple[TfidfTransformer, ComplementNB, dict[int, int], np.ndarray] | None = None
        self._stale = True

    def copy(self) -> ContentLearner:
        twin = ContentLearner(self.examples)
        twin._fitted, twin._stale = self._fitted, self._stale
        return twin

    # -- learning ----------------------------------------------------------------------
    def learn(self, span: Span, case_id: int | None) -> None:
        """A reviewed span and its matter (None: no matter)."""
        row = hashed([span])
        self._stale |= self.examples.pop(span.id, None) is not None  # reviewed again: once, last
        if not row.nnz:  # no words (purged, or never read): nothing to learn
            return
        self.examples[span.id] = Example(NO_MATTER if case_id is None else int(case_id),
                                         row.indices.astype(np.int32),
                                         row.data.astype(np.float32))
        while len(self.examples) > MAX_EXAMPLES:
            del self.examples[next(iter(self.examples))]
        self._stale = True

    def forget(self, span_id: str) -> None:
        if self.examples.pop(span_id, None) is not None:
            self._stale = True

    def knows(self, span_id: str) -> bool:
        return span_id in self.examples

    # -- guessing ----------------------------------------------------------------------
    def guess(self, spans: Sequence[Span]) -> list[Guess]:
        """Each span's probabilities over the labels learned; ``NOTHING`` until two labels
        are known."""
        fitted = self._fit()
        if fitted is None or not spans:
            return [NOTHING for _ in spans]
        tfidf, model, sizes, vocabulary = fitted
        table = model.predict_proba(tfidf.transform(_compact(hashed(spans), vocabulary)))
        keys = [None if c == NO_MATTER else int(c) for c in model.classes_]
        return [Guess(dict(zip(keys, map(float, row), strict=True)), sizes) for row in table]

    def _fit(self) -> tuple[TfidfTransformer, ComplementNB, dict[int, int], np.ndarray] | None:
        if not self._stale:
            return self._fitted
        self._stale, self._fitted = False, None
        labels = [e.label for e in self.examples.values()]
        if len(set(labels)) < 2:
            return None
        matrix = _matrix(self.examples.values())
        vocabulary = np.unique(matrix.indices)  # the hashed words seen: the model's columns
        matrix = _compact(matrix, vocabulary)
        tfidf = TfidfTransformer(sublinear_tf=True).fit(matrix)
        model = ComplementNB(alpha=ALPHA).fit(tfidf.transform(matrix), labels)
        sizes: dict[int, int] = {}
        for label in labels:
            if label != NO_MATTER:
                sizes[label] = sizes.get(label, 0) + 1
        self._fitted = (tfidf, model, sizes, vocabulary)
        return self._fitted

    # -- a saved form --------------------------------------------------------------------
    def to_state(self) -> list:
        return [[span_id, e.label, e.indices.tolist(), e.counts.tolist()]
                for span_id, e in self.examples.items()]

    @classmethod
    def from_state(cls, state: list) -> ContentLearner:
        return cls({span_id: Example(int(label), np.asarray(indices, np.int32),
                                     np.asarray(counts, np.float32))
                    for span_id, label, indices, counts in state})


def _matrix(examples: Sequence[Example] | object) -> sparse.csr_matrix:
    rows = list(examples)  # type: ignore[call-overload]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(e.indices) for e in rows])
    indices = np.concatenate([e.indices for e in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([e.counts for e in rows]) if rows else np.zeros(0, np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), N_FEATURES))


def _compact(matrix: sparse.csr_matrix, vocabulary: np.ndarray) -> sparse.csr_matrix:
    """``matrix`` over the ``vocabulary``'s columns only (a word never reviewed says nothing
    about any matter): the model's tables stay the size of what was learned."""
    matrix = matrix.tocoo()
    where = np.searchsorted(vocabulary, matrix.col)
    where = np.minimum(where, len(vocabulary) - 1)
    known = vocabulary[where] == matrix.col
    return sparse.csr_matrix((matrix.data[known], (matrix.row[known], where[known])),
                             shape=(matrix.shape[0], len(vocabulary)))
