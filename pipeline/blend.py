"""How far to trust each opinion on this laptop, fitted from its own reviewed days.

Two opinions reach a decision: the combiner's (the firm-wide model, fitted on labelled
firms) and the content learner's (this timekeeper's reviewed words). How good each is
depends on the data source: where screens name their matter the combiner is nearly
always right; in a mailbox whose matters MyCase knows only by name, the words the
timekeeper reviewed say more. The review says which was right: every reviewed span
(corrected, or left alone and so accepted) is an out-of-sample check of what both
said about it before the review. ``TrackRecord`` keeps, for each span decided, both
opinions as they were; once reviewed, with the answer. ``Blend`` is fitted from that
record alone:
- ``weight``: the combiner's share in a mixture of the two opinions' probabilities,
  the one with the lowest log-loss over the record;
- ``none_bias``: how far the mixture's "no matter" is discounted, where the record
  shows it said for want of evidence (``_fit_none_bias``);
- the confidence a decision earns on this laptop: Platt's scaling of the mixture's
  probability of the answer chosen to how often such answers were right, fitted for
  each data source (a span's kind) held towards the laptop's fit over all its spans.
  Measured on the second generator's firms, where emails and web pages are right far
  less often than documents: one scaling for all spans left their answers
  overconfident (ashford: leak 0.120, ECE 0.104); one for each kind, 0.093 and 0.085,
  with 0.9 points of accuracy lost to questions; the first generator's firms and the
  mailboxes moved by under 0.2 points.

Once fitted, that confidence is what a decision reports, and an answer it gives less
than even odds is asked instead (``Rules.ask_below``). Measured on the first
generator's firms, the second's and a mailbox whose folders MyCase knows only by
name: asking below the combiner's own threshold (0.73) on this scale cost the second
generator's firms coverage (ashford 0.67 -> 0.54); a threshold fitted per laptop did
too (0.68 -> 0.39). At even odds the mailbox went 0.76 -> 0.88 in accuracy, the first
generator's firms gained half a point, the second's moved by under one. (Sharpening
the content learner's probabilities by a power fitted on the record moved three
mailboxes by under half a point either way, so it is not done.)

Until ``MIN_REVIEWED`` spans are reviewed the combiner decides alone, as calibrated
when it was fitted. The content learner has no opinion on a laptop's first day, so
until ``MIN_REVIEWED`` spans it had an opinion on are reviewed, the combiner still
decides alone, with the confidence its own reviewed answers earned (calibrated from the
second day, not the third). Only the newest ``MAX_RECORD`` reviewed spans count: the
record follows the timekeeper's work as it changes, and the laptop as it learns. A
laptop's first days, before it knows the matters' people and threads, are wrong far
more often than its later ones; a record that keeps them too long holds its confidence
down for weeks after it has learned. Measured on three mailboxes whose matters MyCase
knows only by name and a docket set (a few thousand spans each): keeping the newest
800 rather than 3000 raised accuracy by 0.2-0.5 points on three, with ECE lower on
two; 400 raised the first mailbox by 1.1 but took its nonbillable leak over 0.02, 200
did less than 400. The two generators' firms (a few hundred reviewed spans a
timekeeper) are unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

Opinion = tuple[tuple[int | None, float], ...]  # (matter or None for no matter, probability)

# Fewer reviewed spans than this say too little to refit anything. A day's review (25-60
# spans a timekeeper) is enough: the Gaussian priors hold a small record's fit near the
# combiner's own. Measured against 100 on d0e3e71's code (a list-screen rule since
# reverted was in place on both sides): the second generator's confident wrong answers
# (>= 0.95) fell from 5-6% of decided spans to 3%, ashford's ECE 0.072 -> 0.039 and
# mesquite's 0.073 -> 0.053; two mailboxes gained 2 and 4 points of accuracy, mesquite
# lost half a point, the first generator's firms gained up to 0.2.
MIN_REVIEWED = 25
MAX_RECORD = 800  # the newest reviewed spans the fit reads: some three weeks of work
MAX_PENDING = 3000  # decided spans awaiting review: a late review of an old day still counts
TOP = 6  # answers of each opinion kept per span
WEIGHTS = np.linspace(0.0, 1.0, 11)


def top(probabilities: Mapping[int | None, float], n: int = TOP) -> Opinion:
    """An opinion's ``n`` likeliest answers, best first."""
    ranked = sorted(probabilities.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or 0))
    return tuple((k, round(float(p), 6)) for k, p in ranked[:n])


@dataclass(frozen=True)
class Blend:
    weight: float = 1.0  # the combiner's share; the content learner has the rest
    reviewed: int = 0  # the reviewed spans it was fitted on
    # The decision's confidence as this laptop's record says it turns out:
    # logit(confidence) = slope * logit(probability of the answer) + shift.
    slope: float = 1.0
    shift: float = 0.0
    # The mixture's "no matter" as the record says it should be read: times e ** this,
    # the rest scaled to keep the sum (never above 0: see ``_fit_none_bias``).
    none_bias: float = 0.0
    # Each data source's own (source, slope, shift): a span's kind (email, document,
    # call...), whose decisions the record may show to earn more or less than the rest.
    sources: tuple[tuple[str, float, float], ...] = ()

    @property
    def identity(self) -> bool:
        return self.weight == 1.0 and self.none_bias == 0.0

    @property
    def calibrated(self) -> bool:
        """Fitted on enough of the laptop's reviews to say what its confidence earns."""
        return self.reviewed >= MIN_REVIEWED

    def confidence(self, probability: float, source: str = "") -> float:
        """How often a decision with this blended probability was right on this laptop,
        on spans of ``source``."""
        slope, shift = next(((a, b) for s, a, b in self.sources if s == source),
                            (self.slope, self.shift))
        if slope == 1.0 and shift == 0.0:
            return probability
        return float(_sigmoid(slope * _logit(probability) + shift))

    def mix(self, model: Mapping[int | None, float], content: Mapping[int | None, float],
            answers: list[int | None]) -> list[float]:
        """The blended probability of each of ``answers`` (the rest of the mass is on
        answers not listed)."""
        if self.identity or not content:
            return [model.get(a, 0.0) for a in answers]
        w = self.weight
        mixed = {k: w * model.get(k, 0.0) + (1 - w) * content.get(k, 0.0)
                 for k in {*model, *content}}
        none = mixed.get(None, 0.0)
        scale = 1.0 / (1.0 - none + none * np.exp(self.none_bias))
        mixed[None] = none * np.exp(self.none_bias)
        return [float(mixed.get(a, 0.0) * scale) for a in answers]


@dataclass(frozen=True)
class Seen:
    """Both opinions on one span as they were at its decision, and the review's answer."""

    model: Opinion
    content: Opinion
    label: int | None
    source: str = ""  # the span's kind


class TrackRecord:
    """The opinions on each decided span, and how the reviewed ones turned out. Changed in
    place only on a working copy (``copy``), like the rest of what a laptop learns."""

    def __init__(self, pending: dict[str, tuple[Opinion, Opinion, str]] | None = None,
                 reviewed: dict[str, Seen] | None = None):
        self.pending = dict(pending or {})  # span id → (model, content, source), unreviewed
        self.reviewed = dict(reviewed or {})  # span id → Seen, oldest first
        self._blend: Blend | None = None

    def copy(self) -> TrackRecord:
        twin = TrackRecord(self.pending, self.reviewed)
        twin._blend = self._blend
        return twin

    def predicted(self, span_id: str, model: Opinion, content: Opinion, source: str = "") -> None:
        self.pending.pop(span_id, None)
        self.pending[span_id] = (model, content, source)
        while len(self.pending) > MAX_PENDING:  # flags never answered do not pile up
            del self.pending[next(iter(self.pending))]

    def answered(self, span_id: str, label: int | None) -> None:
        """The review's answer for a span (its decision accepted, or its correction)."""
        opinions = self.pending.pop(span_id, None)
        if opinions is None:
            previous = self.reviewed.get(span_id)  # corrected again: same opinions
            if previous is None:
                return
            opinions = (previous.model, previous.content, previous.source)
        model, content, source = opinions
        self.reviewed.pop(span_id, None)
        self.reviewed[span_id] = Seen(model, content, label, source)
        while len(self.reviewed) > MAX_RECORD:
            del self.reviewed[next(iter(self.reviewed))]
        self._blend = None

    def unanswered(self, span_id: str) -> None:
        """A correction was undone: the span's answer is no longer known."""
        if self.reviewed.pop(span_id, None) is not None:
            self._blend = None

    def blend(self) -> Blend:
        if self._blend is None:
            self._blend = fit_blend(list(self.reviewed.values()))
        return self._blend

    def to_state(self) -> dict:
        return {"pending": [[s, _pairs(m), _pairs(c), source]
                            for s, (m, c, source) in self.pending.items()],
                "reviewed": [[s, _pairs(x.model), _pairs(x.content), x.label, x.source]
                             for s, x in self.reviewed.items()]}

    @classmethod
    def from_state(cls, state: dict) -> TrackRecord:
        # A record saved before sources were kept has none ("").
        return cls({s: (_opinion(m), _opinion(c), str(rest[0]) if rest else "")
                    for s, m, c, *rest in state["pending"]},
                   {s: Seen(_opinion(m), _opinion(c), label, str(rest[0]) if rest else "")
                    for s, m, c, label, *rest in state["reviewed"]})


def _pairs(opinion: Opinion) -> list:
    return [[k, p] for k, p in opinion]


def _opinion(pairs: list) -> Opinion:
    return tuple((None if k is None else int(k), float(p)) for k, p in pairs)


def fit_blend(record: list[Seen]) -> Blend:
    """The weight with the lowest log-loss over the record, and the confidence the
    mixture then earns; the combiner alone until ``MIN_REVIEWED`` spans the content
    learner had an opinion on are reviewed (``_confidence_only``)."""
    usable = [s for s in record if s.content]
    if len(usable) < MIN_REVIEWED:
        return _confidence_only(record)
    model, content, label = _table(usable)
    # The weight is fitted where an opinion listed the answer: a span
    # whose answer neither listed (a matter no signal knew yet) says nothing of how to
    # weigh them, and its near-zero probability would drown the rest.
    listed = label < model.shape[1] - 1
    best = (np.inf, 1.0)
    for w in WEIGHTS:
        mixed = w * model[listed] + (1 - w) * content[listed]
        picked = mixed[np.arange(len(mixed)), label[listed]]
        loss = float(-np.log(np.maximum(picked, 1e-12)).mean())
        if loss < best[0] - 1e-9:
            best = (loss, float(w))
    weight = best[1]
    mixed = weight * model + (1 - weight) * content
    none_bias = _fit_none_bias(mixed[listed, 0], label[listed] == 0)
    mixed[:, 0] *= np.exp(none_bias)
    mixed = mixed / mixed.sum(axis=1, keepdims=True)
    # Every reviewed span counts for the confidence: one whose answer neither opinion
    # listed was decided wrongly all the same.
    mixed = mixed[:, :-1]
    slope, shift, sources = _earned(mixed, label, usable)
    return Blend(round(weight, 3), len(usable), slope, shift, round(none_bias, 4), sources)


def _confidence_only(record: list[Seen]) -> Blend:
    """Before the content learner has had its say on enough reviewed spans: the
    combiner's opinion, unmixed, with the confidence the record says it earns (a
    laptop's first reviewed day already shows how far the firm-wide calibration fits
    its screens); as calibrated when it was fitted until ``MIN_REVIEWED`` spans are
    reviewed."""
    if len(record) < MIN_REVIEWED:
        return Blend(reviewed=len(record))
    model, _, label = _table(record)
    slope, shift, sources = _earned(model[:, :-1], label, record)
    return Blend(1.0, len(record), slope, shift, 0.0, sources)


def _earned(probabilities: np.ndarray, label: np.ndarray, record: list[Seen]
            ) -> tuple[float, float, tuple[tuple[str, float, float], ...]]:
    """What the answers chosen from ``probabilities`` earned on the record: Platt's
    (slope, shift) over all its spans, and each source's own, held towards that: a kind
    of span with few reviews earns what all the laptop's spans earn."""
    chosen = probabilities.argmax(axis=1)
    probability = probabilities[np.arange(len(probabilities)), chosen]
    right = chosen == label
    slope, shift = _platt(probability, right)
    source = np.array([s.source for s in record])
    sources = tuple((str(name), *(round(v, 4) for v in _platt(
        probability[source == name], right[source == name], centre=(slope, shift))))
        for name in sorted(set(source) - {""}))
    return round(slope, 4), round(shift, 4), sources


def _fit_none_bias(none: np.ndarray, was_none: np.ndarray, prior: float = 1.0) -> float:
    """How far the mixture's "no matter" (``none``: its probability on each span) should
    be discounted for the review's answers (``was_none``) to be likeliest: the log-odds
    factor b maximising the likelihood with "no matter" at none * e^b / (1 - none +
    none * e^b), held towards 0 by a Gaussian prior of weight ``prior``; by Newton's
    method. A combiner that never saw a firm's kind of screen reads "nothing I know" as
    "no matter" (a mailbox whose matters MyCase knows only by name, docket entries
    without numbers): there b comes out well below 0. It is never raised: a "no matter"
    with no reason behind it is asked, not answered, so raising it could only turn
    answers into questions, and how often answers are right is what the calibrated
    confidence already says."""
    odds = _logit(none)

    def loss(b: float) -> float:
        z = odds + b
        return float(np.logaddexp(0, z).sum() - z[was_none].sum() + prior / 2 * b * b)

    b = 0.0
    for _ in range(50):
        q = _sigmoid(odds + b)
        step = (float((q - was_none).sum()) + prior * b) / (float((q * (1 - q)).sum()) + prior)
        while loss(b - step) > loss(b) and abs(step) > 1e-10:
            step /= 2
        b -= step
        if abs(step) < 1e-8:
            break
    return min(b, 0.0)


def _logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _sigmoid(z: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _platt(probability: np.ndarray, right: np.ndarray, prior: float = 1.0,
           centre: tuple[float, float] = (1.0, 0.0)) -> tuple[float, float]:
    """Platt's scaling of ``probability`` to how often it was ``right``: the slope and
    shift of a logistic regression on its logit, held towards ``centre`` (by default no
    change: slope 1, shift 0) by a Gaussian prior of weight ``prior``; by Newton's
    method, each step halved until it lowers the loss."""
    x = np.column_stack([_logit(probability), np.ones(len(probability))])
    y = right.astype(float)
    held = np.array(centre, dtype=float)

    def loss(theta: np.ndarray) -> float:
        z = x @ theta
        return float(np.logaddexp(0, z).sum() - y @ z + prior / 2 * ((theta - held) ** 2).sum())

    theta = held.copy()
    for _ in range(50):
        p = _sigmoid(x @ theta)
        gradient = x.T @ (p - y) + prior * (theta - held)
        hessian = (x * (p * (1 - p))[:, None]).T @ x + prior * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        while loss(theta - step) > loss(theta) and np.abs(step).max() > 1e-10:
            step = step / 2
        theta = theta - step
        if np.abs(step).max() < 1e-8:
            break
    return float(theta[0]), float(theta[1])


def _table(record: list[Seen]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The record as aligned arrays: per span, each answer either opinion listed (column 0
    is "no matter", padding columns are 0), and the column of the review's answer (the
    last, an unlisted answer, when neither listed it)."""
    width = 1 + max(len({k for k, _ in (*s.model, *s.content)} - {None}) for s in record)
    model = np.zeros((len(record), width + 1))
    content = np.zeros((len(record), width + 1))
    label = np.full(len(record), width, dtype=int)
    for row, seen in enumerate(record):
        columns: dict[int | None, int] = {None: 0}
        for k, _ in (*seen.model, *seen.content):
            columns.setdefault(k, len(columns))
        for k, p in seen.model:
            model[row, columns[k]] = p
        for k, p in seen.content:
            content[row, columns[k]] = p
        label[row] = columns.get(seen.label, width)
    for table in (model, content):  # the mass of the answers not listed
        table[:, -1] = np.maximum(1.0 - table[:, :-1].sum(axis=1), 1e-9)
    return model, content, label
