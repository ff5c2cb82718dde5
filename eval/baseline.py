"""The plain online baseline every fixture is also scored with (`tenths eval --baseline`).

TF-IDF over a span's words (window title, screen text, URL, path; words and word
pairs) and a logistic regression, retrained at each day's end on the spans of the
days before, for each user alone. It learns exactly what the end-of-day review tells
the pipeline: each reviewed span is labelled with its matter, or with "no matter"
(a correction says so for the ones the review changed; the others were accepted).
It never abstains once it has seen two labels; on a user's first day, or while it
knows a single label only, it abstains. Its confidence is the regression's
probability of the label it chose.

It is a yardstick, not a part of the product: nothing here is tuned, and tenths must
beat it on every fixture.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from capture.replay import read_spans
from eval.metrics import Prediction, compute_metrics
from eval.truth import by_user_and_day, read_truth
from tenths.records import Attribution, Span

NO_MATTER = -1  # the label of personal and firm-internal time
VERSION = "baseline-tfidf-lr"


@dataclass(frozen=True)
class BaselineResult:
    metrics: dict[str, float | int]
    predictions: list[Prediction]
    fixture: str


def span_words(span: Span) -> str:
    return "\n".join(part for part in (span.window_title, span.text, span.url or "",
                                       span.path or "") if part)


def _fit(texts: list[str], labels: list[int]) -> tuple[TfidfVectorizer, LogisticRegression]:
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    features = vectorizer.fit_transform(texts)
    model = LogisticRegression(max_iter=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(features, labels)
    return vectorizer, model


def _decide(spans: list[Span], vectorizer: TfidfVectorizer | None,
            model: LogisticRegression | None) -> list[Attribution]:
    if vectorizer is None or model is None:
        return [Attribution(s.id, None, 0.0, True, True, ("baseline: nothing learned yet",),
                            VERSION) for s in spans]
    out = []
    table = model.predict_proba(vectorizer.transform([span_words(s) for s in spans]))
    for span, probabilities in zip(spans, table, strict=True):
        best = int(probabilities.argmax())
        label, confidence = int(model.classes_[best]), float(probabilities[best])
        confidence = min(max(confidence, 0.0), 1.0)
        if label == NO_MATTER:
            out.append(Attribution(span.id, None, confidence, False, False, ("baseline",),
                                   VERSION))
        else:
            out.append(Attribution(span.id, label, confidence, False, True, ("baseline",),
                                   VERSION))
    return out


def run_baseline(fixture: Path) -> BaselineResult:
    """Replay the fixture day by day, per user, as the eval harness does."""
    spans = list(read_spans(fixture / "activities.jsonl"))
    truths = read_truth(fixture / "activities.jsonl")
    by_user_day = by_user_and_day(spans, truths)

    predictions: list[Prediction] = []
    for user in sorted(by_user_day):
        texts: list[str] = []
        labels: list[int] = []
        vectorizer: TfidfVectorizer | None = None
        model: LogisticRegression | None = None
        for day_index, day in enumerate(sorted(by_user_day[user])):
            day_spans = sorted(by_user_day[user][day], key=lambda s: (s.start, s.id))
            for span, decided in zip(day_spans, _decide(day_spans, vectorizer, model),
                                     strict=True):
                predictions.append(Prediction(truths[span.id], decided, day_index))
            # The day's review: every span ends up labelled (corrected or accepted).
            for span in day_spans:
                case = truths[span.id].case_id
                texts.append(span_words(span))
                labels.append(NO_MATTER if case is None else case)
            if len(set(labels)) >= 2:
                vectorizer, model = _fit(texts, labels)
    return BaselineResult(compute_metrics(predictions), predictions, fixture.name)
