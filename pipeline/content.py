"""The content learner: what a timekeeper's reviewed spans say about their matters.

Every reviewed span teaches it. A span the review corrected is labelled by the
correction; one it left alone was accepted (the end-of-day review corrects every
other one), and is labelled by its decision. It reads no screen layout, so no app's
chrome can break it: a span's words (window title, URL, path, screen text) are
lowercased, cut into words and word pairs, and hashed. Only the hashed counts are
kept, never the text, so it outlives the rolling deletion of raw text and its saved
form says nothing a person could read back.

It is a complement naive Bayes over TF-IDF-weighted counts (Rennie et al., 2003; the
arithmetic of scikit-learn's ``TfidfTransformer(sublinear_tf=True)`` and
``ComplementNB``, written out in NumPy so that the laptop loads neither scikit-learn
nor SciPy, about 66 MB), refitted from its examples when it is next asked after
learning: count-based, so a
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

import base64
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.signals import span_text
from tenths.records import Span

NO_MATTER = -1  # the label of personal and firm-internal time
N_FEATURES = 2**18
TEXT_CHARS = 3000  # a long mail body says what it is about in its first screens
MAX_EXAMPLES = 20_000  # a laptop's last months of reviewed work
ALPHA = 0.3  # additive smoothing of the complement counts
_WORD = re.compile(r"\b[^\W\d_]{2,}\b")


def hashed_counts(span: Span) -> tuple[np.ndarray, np.ndarray]:
    """The span's words and word pairs, lowercased and hashed (CRC-32, stable across
    processes), as sorted ids and their counts: the learner's only view of text."""
    words = _WORD.findall(span_text(span)[:TEXT_CHARS].lower())
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    ids = np.fromiter((zlib.crc32(g.encode()) % N_FEATURES for g in grams), np.int64,
                      len(grams))
    unique, counts = np.unique(ids, return_counts=True)
    return unique.astype(np.int32), counts.astype(np.float32)


@dataclass(frozen=True)
class Example:
    label: int  # a case id, or NO_MATTER
    indices: np.ndarray  # hashed word ids (int32, sorted)
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


@dataclass(frozen=True)
class _Model:
    vocabulary: np.ndarray  # the hashed ids seen in the examples, sorted: the columns
    idf: np.ndarray  # per column
    weights: np.ndarray  # [labels, columns]: minus the log complement probabilities
    labels: tuple[int | None, ...]
    sizes: dict[int, int]  # reviewed spans per matter

    def guess(self, rows: Sequence[tuple[np.ndarray, np.ndarray]]) -> list[Guess]:
        row_ids, columns, values = _tfidf(rows, self.vocabulary, self.idf)
        scores = np.zeros((len(rows), len(self.labels)))
        np.add.at(scores, row_ids, values[:, None] * self.weights[:, columns].T)
        if len(self.labels) == 1:
            return [Guess({self.labels[0]: 1.0}, self.sizes) for _ in rows]
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        return [Guess(dict(zip(self.labels, map(float, row), strict=True)), self.sizes)
                for row in probs]


class ContentLearner:
    """One timekeeper's content learner; see the module docstring."""

    def __init__(self, examples: dict[str, Example] | None = None):
        self.examples: dict[str, Example] = dict(examples or {})  # span id → what it taught
        self._fitted: _Model | None = None
        self._stale = True

    def copy(self) -> ContentLearner:
        twin = ContentLearner(self.examples)
        twin._fitted, twin._stale = self._fitted, self._stale
        return twin

    # -- learning ----------------------------------------------------------------------
    def learn(self, span: Span, case_id: int | None) -> None:
        """A reviewed span and its matter (None: no matter)."""
        indices, counts = hashed_counts(span)
        self._stale |= self.examples.pop(span.id, None) is not None  # reviewed again: once, last
        if not len(indices):  # no words (purged, or never read): nothing to learn
            return
        self.examples[span.id] = Example(NO_MATTER if case_id is None else int(case_id),
                                         indices, counts)
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
        model = self._fit()
        if model is None or not spans:
            return [NOTHING for _ in spans]
        return model.guess([hashed_counts(s) for s in spans])

    def _fit(self) -> _Model | None:
        if not self._stale:
            return self._fitted
        self._stale, self._fitted = False, None
        examples = list(self.examples.values())
        labels = sorted({e.label for e in examples})
        if len(labels) < 2:
            return None
        rows = [(e.indices, e.counts) for e in examples]
        # Each example's ids are distinct: counting them over all examples is each hashed
        # word's document frequency, for the smoothed inverse document frequency.
        vocabulary, df = np.unique(np.concatenate([e.indices for e in examples]),
                                   return_counts=True)
        idf = np.log((1 + len(examples)) / (1 + df)) + 1.0
        row_ids, columns, values = _tfidf(rows, vocabulary, idf)
        label_of = np.searchsorted(labels, [e.label for e in examples])
        # [labels, vocabulary] in float32, worked in place: with sixty matters and a
        # hundred thousand hashed words, each such table in float64 is 50 MB.
        weights = np.zeros((len(labels), len(vocabulary)), np.float32)
        np.add.at(weights, (label_of[row_ids], columns), values)
        np.subtract(weights.sum(axis=0) + ALPHA, weights, out=weights)  # the complement
        weights /= weights.sum(axis=1, keepdims=True)
        np.log(weights, out=weights)
        np.negative(weights, out=weights)
        sizes: dict[int, int] = {}
        for e in examples:
            if e.label != NO_MATTER:
                sizes[e.label] = sizes.get(e.label, 0) + 1
        self._fitted = _Model(vocabulary, idf, weights,
                              tuple(None if c == NO_MATTER else int(c) for c in labels), sizes)
        return self._fitted

    # -- a saved form --------------------------------------------------------------------
    def to_state(self) -> list:
        """Each example's hashed ids and counts as base64 of their little-endian bytes: a
        few thousand reviewed spans as lists of numbers would cost the laptop tens of
        megabytes each time the knowledge is saved."""
        return [[span_id, e.label, _packed(e.indices, "<i4"), _packed(e.counts, "<f4")]
                for span_id, e in self.examples.items()]

    @classmethod
    def from_state(cls, state: Iterable) -> ContentLearner:
        return cls({span_id: Example(int(label), _unpacked(indices, "<i4", np.int32),
                                     _unpacked(counts, "<f4", np.float32))
                    for span_id, label, indices, counts in state})


def _packed(values: np.ndarray, dtype: str) -> str:
    return base64.b64encode(values.astype(dtype).tobytes()).decode("ascii")


def _unpacked(text: str, dtype: str, native: type) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).astype(native)


def _tfidf(rows: Sequence[tuple[np.ndarray, np.ndarray]], vocabulary: np.ndarray,
           idf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of (ids, counts) as TF-IDF entries over ``vocabulary`` (ids never reviewed say
    nothing about any matter and are dropped): sublinear counts, each row of unit length.
    Returns (row, column, value) arrays."""
    row_ids, columns, values = [], [], []
    for r, (ids, counts) in enumerate(rows):
        where = np.minimum(np.searchsorted(vocabulary, ids), len(vocabulary) - 1)
        known = vocabulary[where] == ids
        v = (1.0 + np.log(counts[known])) * idf[where[known]]
        norm = float(np.sqrt((v * v).sum()))
        if norm:
            row_ids.append(np.full(len(v), r))
            columns.append(where[known])
            values.append(v / norm)
    if not values:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    return np.concatenate(row_ids), np.concatenate(columns), np.concatenate(values)
