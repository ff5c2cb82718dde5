"""Attribution: each span of a day → a matter, "no matter", or an honest "which matter?".

``attribute_day(spans, knowledge, engine)`` decides one timekeeper's day from what
the laptop knows (``pipeline.knowledge.Knowledge``) and returns the decisions, the
feature rows the combiner weighed for each span, and the lessons the day taught.
It changes nothing: the caller applies the lessons (``knowledge.learn``). A span
goes through three stages, each a function:

1. ``gather``: what its own words say (identifiers, names, learned aliases), and
   ``score``: one named feature row per candidate matter, weighed by the combiner;
2. continuity: spans with little of their own are carried by their neighbours (a
   Westlaw search between two emails on one matter belongs to that matter);
3. the embedding model, only for spans the first two leave in doubt; then
   ``decide``: a matter, no matter, or ask, from the combiner's probabilities mixed
   with the content learner's as far as this laptop's reviewed days trust each
   (``blended``, ``pipeline.blend``).

A sure decision teaches the rest of the day (a new adjuster's first email makes her
name the matter's alias): the spans whose evidence that changes are looked at again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Protocol

import numpy as np

from pipeline.activities import is_research
from pipeline.blend import Blend, top
from pipeline.combiner import DEFAULT_COMBINER, AnyCombiner
from pipeline.content import NOTHING, Guess
from pipeline.entities import EntityExtractor
from pipeline.features import REASON_FEATURES, FeatureRow
from pipeline.knowledge import (
    Aged,
    Corrected,
    Decided,
    Knowledge,
    Learning,
    Lesson,
    Lessons,
    Observed,
    Predicted,
    Settled,
    Withdrawn,
)
from pipeline.rules import RULES, Rules, in_force
from pipeline.signals import Evidence, gather, span_text
from pipeline.work import kind_says_work
from tenths.records import Attribution, Correction, Span, SpanKind
from tenths.settings import AttributionSettings


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class Outcome(StrEnum):
    MATTER = "matter"  # billed to the matter named
    NO_MATTER = "no matter"  # the firm's own time, or the timekeeper's
    ASK = "ask"  # "which matter?": left for the review


@dataclass(frozen=True)
class Engine:
    """What attribution runs with, made once by the caller: the combiner, the embedding
    model (None when off, or when the combiner gives its features no weight), the
    entity recogniser (None: corrections teach no names it alone finds), the settings
    and the rules."""

    combiner: AnyCombiner = DEFAULT_COMBINER
    encoder: Encoder | None = None
    entities: EntityExtractor | None = None
    settings: AttributionSettings = field(default_factory=AttributionSettings)
    rules: Rules = RULES
    # The profiles' embeddings, by the profiles' texts: computed once, on first need.
    _profile_vectors: dict[tuple[str, ...], np.ndarray] = field(
        default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.combiner.uses_embeddings:
            object.__setattr__(self, "encoder", None)

    def embed(self, spans: Sequence[Span]) -> np.ndarray:
        assert self.encoder is not None
        return self.encoder.encode([span_text(s)[: self.rules.embed_chars] for s in spans])

    def profile_matrix(self, knowledge: Knowledge) -> np.ndarray:
        texts = tuple(p.text for p in knowledge.profiles.values())
        if texts not in self._profile_vectors:
            assert self.encoder is not None
            self._profile_vectors[texts] = self.encoder.encode(list(texts))
        return self._profile_vectors[texts]


@dataclass(frozen=True)
class Weighed:
    """What the combiner weighed for one span: its candidates, one row each, and what
    learned non-matter memory or an announcement added to "no matter"."""

    candidates: tuple[int, ...]
    rows: tuple[FeatureRow, ...]
    none_boost: float


@dataclass(frozen=True)
class Scored:
    weighed: Weighed
    probs: list[float]
    none_prob: float
    none_reason: str | None  # why "no matter" was boosted

    def top(self) -> tuple[int | None, float]:
        """The likeliest matter, even where "no matter" is likelier still."""
        if not self.weighed.candidates:
            return None, 0.0
        i = int(np.argmax(self.probs))
        return self.weighed.candidates[i], self.probs[i]

    def best(self) -> tuple[int | None, float]:
        """The likeliest matter, or None where "no matter" is likelier."""
        case, p = self.top()
        return (case, p) if case is not None and p >= self.none_prob else (None, self.none_prob)

    def answers(self) -> dict[int | None, float]:
        """Every answer's probability: each candidate's, and "no matter"'s (None)."""
        return {**dict(zip(self.weighed.candidates, self.probs, strict=True)),
                None: self.none_prob}

    def ranked(self, n: int = 3) -> tuple[tuple[int | None, float], ...]:
        """The `n` likeliest answers, "no matter" (None) among them, best first: what a
        "which matter?" flag offers at review."""
        pairs = sorted(self.answers().items(), key=lambda cp: -cp[1])
        return tuple((c, float(min(max(p, 0.0), 1.0))) for c, p in pairs[:n])


@dataclass(frozen=True)
class DayResult:
    attributions: list[Attribution]  # in the spans' start order
    weighed: dict[str, Weighed]  # span id → what the combiner weighed for it
    lessons: tuple[Lesson, ...]  # what the day taught, for ``Knowledge.learn`` (``Lessons``)
    embedded: int  # spans the embedding model ran on
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # span id → its embedding


_RESULT_LIST = re.compile(r"^\s*1\.\s", re.M)
_FIELD_LABEL = re.compile(r"^[A-Za-z]{1,12}:\s*")  # "Search: ", OCR's "Searcb:" too


def work_text(span: Span) -> str:
    """The words that say what kind of work a span is. On a research page only the query
    counts, the first line under the service's masthead ("Search: chain of custody blood
    alcohol"): the numbered results are other people's cases, and the service's own words
    ("Westlaw", "Jurisdiction: CO State & Federal") are on every page, whatever the work."""
    if not is_research(span) or not in_force().uses("research_query"):
        return span_text(span)
    results = _RESULT_LIST.search(span.text)
    head = span.text[: results.start()] if results else span.text
    lines = [line.strip() for line in head.splitlines()[1:] if line.strip()]
    return _FIELD_LABEL.sub("", lines[0]) if lines else ""


def evidence(span: Span, k: Knowledge) -> Evidence:
    """Stage 1: what the span's own words say about each matter, given what is known."""
    return gather(span, k.index, k.firm_names, k.memory.misleading, k.memory.common_words,
                  k.memory.contradicted)


@dataclass(frozen=True)
class _Context:
    """What a span is scored in, beyond its own words."""

    area: dict[str, float]  # the practice areas its words sound like
    neighbours: dict[int, float]  # its neighbours' belief in each matter
    recent: dict[int, float]  # each matter's share of recent work
    today: dict[int, float]  # each matter's share of today's confident first decisions
    content: Guess = NOTHING  # what the content learner makes of its words
    work: float = 1.0  # how likely it is matter work at all (pipeline/work.py)
    following: dict[int, float] = field(default_factory=dict)  # the next span's belief
    vector: np.ndarray | None = None  # its embedding, when it was in doubt


def score(span: Span, ev: Evidence, ctx: _Context, k: Knowledge, engine: Engine) -> Scored:
    """Stage 2: a feature row per candidate matter, and the combiner's probabilities."""
    rules = engine.rules
    remembered = k.memory.recall(ev)
    cands = [m for m, _ in ev.ranked()[: rules.max_candidates]]
    # Each matter once (the remembered one is often a neighbours' favourite too): a
    # matter listed twice would split its probability between its two rows.
    nearby = sorted(ctx.neighbours, key=ctx.neighbours.get, reverse=True)
    guess = ctx.content
    extra = [m for m in dict.fromkeys((remembered, *nearby[: rules.nearby_candidates],
                                       *guess.top(rules.content_candidates)))
             if m is not None and m not in cands and m in k.profiles]
    embed_sim: dict[int, float] = {}
    knn: dict[int, float] = {}
    vector = ctx.vector
    if vector is not None:
        matter_ids = list(k.profiles)
        matrix = engine.profile_matrix(k)
        sims = matrix @ vector
        for j in np.argsort(-sims)[: rules.embed_top]:
            embed_sim[matter_ids[j]] = float(sims[j])
        knn = k.memory.nearest(vector)
        extra += [m for m in dict.fromkeys((*embed_sim, *knn)) if m not in cands and m not in extra]
    cands = cands + extra
    if vector is not None and cands:
        sims = matrix[[matter_ids.index(m) for m in cands]] @ vector
        embed_sim = {m: float(s) for m, s in zip(cands, sims, strict=True)}
    own_total = sum(ev.scores.values())
    internal = 1.0 if ev.emails and all(map(k.memory.at_firm, ev.emails)) else 0.0
    research = 1.0 if span.kind == SpanKind.BROWSER and is_research(span) else 0.0
    conversation = 1.0 if span.kind in _CONVERSATIONS else 0.0
    rows = []
    for m in cands:
        own = ev.scores.get(m, 0.0)
        best_other = max((v for c, v in ev.scores.items() if c != m), default=0.0)
        rows.append(FeatureRow(
            score=own,
            id_score=min(ev.id_hits.get(m, 0.0), rules.id_hits_cap),
            memory=1.0 if remembered == m else 0.0,
            staff=1.0 if m in k.my_matters else 0.0,
            neighbours=ctx.neighbours.get(m, 0.0),
            embedding=embed_sim[m] - rules.embed_offset if m in embed_sim else 0.0,
            knn=knn.get(m, 0.0),
            rank_gap=own - best_other,
            neighbours_idle=(1.0 - ctx.work) * ctx.neighbours.get(m, 0.0),
            no_own=0.0 if ev.scores else 1.0,
            share=own / own_total if own_total else 0.0,
            strongest=ev.strongest.get(m, 0.0),
            recent=ctx.recent.get(m, 0.0),
            today=ctx.today.get(m, 0.0),
            work=ctx.work,
            internal=internal,
            alias=ev.aliases.get(m, 0.0),
            firm_people=float(min(ev.firm_people, rules.firm_people_cap)),
            area=k.areas.fit_of(ctx.area, m),
            following=ctx.following.get(m, 0.0),
            research=research,
            conversation=conversation,
        ))
    none_boost = k.memory.nonmatter_boost(ev)
    none_reason = "learned non-matter" if none_boost else None
    if internal and ev.to_group and not ev.id_hits and none_boost < rules.nonmatter_boost:
        # A firm-wide announcement is the firm's own time, whatever matter the emails
        # around it were about.
        none_boost, none_reason = rules.nonmatter_boost, "firm-wide announcement"
    probs, none_prob = engine.combiner.probabilities(rows, none_boost)
    return Scored(Weighed(tuple(cands), tuple(rows), none_boost), probs, none_prob, none_reason)


def outcome(scored: Scored, abstain_below: float,
            earned: Callable[[float], float] = float) -> tuple[Outcome, int | None, float]:
    """Stage 3: the outcome, the matter (for MATTER) and the confidence (``earned``: the
    chance the laptop's record gives an answer of that probability)."""
    case, confidence = scored.best()
    confidence = earned(float(min(max(confidence, 0.0), 1.0)))
    if case is None:
        if scored.none_reason and confidence >= abstain_below:
            return Outcome.NO_MATTER, None, confidence
        return Outcome.ASK, None, confidence
    if confidence < abstain_below:
        return Outcome.ASK, case, confidence
    return Outcome.MATTER, case, confidence


def blended(scored: Scored, guess: Guess, blend: Blend) -> Scored:
    """The combiner's probabilities mixed with the content learner's as this laptop's
    reviews taught (``pipeline.blend``); the combiner's own while it decides alone."""
    if blend.identity or not guess.probabilities:
        return scored
    answers = [*scored.weighed.candidates, None]
    mixed = blend.mix(scored.answers(), guess.probabilities, answers)
    reason = scored.none_reason
    if reason is None and max(guess.probabilities, key=guess.probabilities.__getitem__) is None:
        reason = "like the spans you reviewed as no matter"
    return Scored(scored.weighed, mixed[:-1], mixed[-1], reason)


def decide(span: Span, ev: Evidence, scored: Scored, combiner: AnyCombiner,
           blend: Blend, rules: Rules) -> Attribution:
    """The decision as the stored record, with its reasons. Its confidence is the
    combiner's own until the laptop's reviews calibrate it (``Blend.confidence``); from
    then on it is what they say such an answer earns, and an answer more likely wrong
    than right is asked instead."""
    if blend.calibrated:
        result, case, confidence = outcome(
            scored, rules.ask_below, lambda p: blend.confidence(p, span.kind.value))
    else:
        result, case, confidence = outcome(scored, combiner.abstain_below)
    version, ranked = combiner.version, scored.ranked()
    if case is None:
        reasons = ("no matter evidence",) + ((scored.none_reason,) if scored.none_reason else ())
        if result is Outcome.NO_MATTER:
            return Attribution(span.id, None, confidence, False, False, reasons, version, ranked)
        return Attribution(span.id, None, confidence, True, True, reasons, version, ranked)
    row = scored.weighed.rows[scored.weighed.candidates.index(case)]
    reasons = ev.reasons.get(case, ()) + tuple(
        name for name in REASON_FEATURES if getattr(row, name) > 0)
    if result is Outcome.ASK:
        return Attribution(span.id, None, confidence, True, True, ("which matter?",) + reasons,
                           version, ranked)
    return Attribution(span.id, case, confidence, False, True, reasons, version, ranked)


def decided(span: Span, decision: Attribution, ev: Evidence, k: Knowledge,
            rules: Rules) -> list[Lesson]:
    """What a decision teaches, until a correction: it counts as recent work; a sure one
    resting on the span's own evidence also teaches its thread and new parties. One
    resting on its neighbours alone (a newsletter between two emails of a matter) is a
    guess about context: it teaches nothing."""
    case = decision.predicted_case
    if case is None:
        return []
    own = ev.scores.get(case, 0.0) > 0 or k.memory.recall(ev) == case
    return [Decided(span, case, decision.confidence >= rules.confirm and own, ev.voted_terms,
                    work_text(span))]


_CONVERSATIONS = frozenset({SpanKind.CALL, SpanKind.MEETING, SpanKind.CHAT})


def following_belief(spans: Sequence[Span], beliefs: Sequence[Scored],
                     rules: Rules) -> list[dict[int, float]]:
    """For each span, the belief of the span right after it, when that one starts within
    the gap of one piece of work: the email that follows up on a call says what it was
    about."""
    if not rules.uses("neighbours"):
        return [{} for _ in spans]
    after: list[dict[int, float]] = []
    for i, span in enumerate(spans):
        case, p = beliefs[i + 1].top() if i + 1 < len(spans) else (None, 0.0)
        near = case is not None and (
            (spans[i + 1].start - span.end).total_seconds() <= rules.neighbour_gap_s)
        after.append({case: p} if near else {})
    return after


def neighbour_support(spans: Sequence[Span], beliefs: Sequence[Scored],
                      evidence: Sequence[Evidence], strangers: Sequence[set[str]],
                      window: int, rules: Rules) -> list[dict[int, float]]:
    """For each span, the belief of the spans around it, nearer counting more, of the
    day's other spans in the same email thread or document, and of those written to or
    by the same stranger (an address first met today that no matter knows: a mediator
    who introduced herself this morning is on one matter's work all day)."""
    if not rules.uses("neighbours"):
        return [{} for _ in spans]
    threads: dict[str, list[int]] = {}
    met: dict[str, list[int]] = {}
    for i, ev in enumerate(evidence):
        if ev.thread:
            threads.setdefault(ev.thread, []).append(i)
        if len(strangers[i]) <= rules.max_strangers:  # not an inbox of many senders
            for address in strangers[i]:
                met.setdefault(address, []).append(i)
    support: list[dict[int, float]] = []
    for i, span in enumerate(spans):
        belief: dict[int, float] = {}
        same_thread = threads.get(evidence[i].thread or "", [])
        for j in same_thread:
            case, p = beliefs[j].top()
            if j != i and case is not None:
                belief[case] = belief.get(case, 0.0) + p
        # Only a span with no matter of its own: a stranger's email that names one
        # (opposing counsel, met on two matters the same morning) keeps to it.
        same_stranger = ({j for a in strangers[i] for j in met.get(a, ())}
                         if not evidence[i].scores and rules.uses("same_stranger") else set())
        for j in sorted(same_stranger - {i, *same_thread}):
            case, p = beliefs[j].best()
            if case is not None:
                belief[case] = belief.get(case, 0.0) + p
        for direction in (-1, 1):
            prev = span
            for step in range(1, window + 1):
                j = i + direction * step
                if not 0 <= j < len(spans):
                    break
                other = spans[j]
                gap = (span.start - other.end if direction < 0 else other.start - prev.end)
                if abs(gap.total_seconds()) > rules.neighbour_gap_s:
                    break
                prev = other
                case, p = beliefs[j].top()
                if case is not None:
                    belief[case] = belief.get(case, 0.0) + p / step
        cap = rules.neighbour_cap
        support.append({m: min(v, cap) / cap for m, v in belief.items()})
    return support


def attribute_day(spans: Sequence[Span], knowledge: Knowledge, engine: Engine) -> DayResult:
    """Attribute one day's spans of one timekeeper; ``knowledge`` is not changed."""
    rules = engine.rules
    spans = sorted(spans, key=lambda s: (s.start, s.id))
    if not spans:
        return DayResult([], {}, (), 0)
    day = spans[0].start.date()  # one day for all: a late evening is past midnight in UTC
    # A span decided again first takes back what its last decision taught.
    lessons: list[Lesson] = [Aged(day), *(Withdrawn(s.id) for s in spans), Settled(),
                             *(Observed(knowledge.memory.observation(s), day) for s in spans),
                             Settled(chrome_only=True)]
    learning = Learning(knowledge)
    for lesson in lessons:
        learning.apply(lesson)
    k = learning.now()
    found = [evidence(s, k) for s in spans]
    strangers = [k.memory.strangers(ev.emails, day) for ev in found]
    areas = [k.areas.posterior(work_text(s), k.memory.chrome_words) for s in spans]
    total_recent = sum(k.recent.values())
    recent = ({m: n / total_recent for m, n in k.recent.items()}
              if total_recent and rules.uses("recent_work") else {})
    guesses = (k.content.guess(spans) if rules.uses("content_learner")
               else [NOTHING] * len(spans))
    blend = k.record.blend()
    work = (engine.combiner.work.probabilities(spans) if engine.combiner.work is not None
            else [kind_says_work(s, rules) for s in spans])
    scored = [score(s, ev, _Context(areas[i], {}, recent, {}, guesses[i], work[i]), k, engine)
              for i, (s, ev) in enumerate(zip(spans, found, strict=True))]
    firsts = [sc.best() for sc in scored]
    confident = Counter(m for m, p in firsts if m is not None and p >= rules.confident)
    today = {m: n / len(spans) for m, n in confident.items()} if rules.uses("recent_work") else {}
    contexts = [_Context(areas[i], {}, recent, today, guesses[i], work[i])
                for i in range(len(spans))]

    def spread(every: bool = False) -> None:
        """Each span scored again in what its neighbours now believe (``every``: each
        span; else those whose neighbours' belief changed)."""
        support = neighbour_support(spans, scored, found, strangers,
                                    engine.settings.neighbour_window, rules)
        after = following_belief(spans, scored, rules)
        for i, s in enumerate(spans):
            if every or (support[i], after[i]) != (contexts[i].neighbours, contexts[i].following):
                contexts[i] = replace(contexts[i], neighbours=support[i], following=after[i])
                scored[i] = score(s, found[i], contexts[i], k, engine)

    for round_ in range(rules.support_rounds):  # belief spreads one neighbourhood a round
        spread(every=round_ == 0)  # the first pass scored without today's share of work
    doubtful = [i for i, sc in enumerate(scored) if sc.best()[1] < rules.doubt]
    vectors: dict[str, np.ndarray] = {}
    if engine.encoder is not None and doubtful:
        for i, vector in zip(doubtful, engine.embed([spans[i] for i in doubtful]), strict=True):
            vectors[spans[i].id] = vector
            contexts[i] = replace(contexts[i], vector=vector)
            scored[i] = score(spans[i], found[i], contexts[i], k, engine)
        spread()  # what the embedding made of the doubtful spans reaches their neighbours
    def decision(i: int) -> Attribution:
        return decide(spans[i], found[i], blended(scored[i], guesses[i], blend), engine.combiner,
                      blend, rules)

    decisions = [decision(i) for i in range(len(spans))]

    def learn(new: list[Lesson]) -> None:
        for lesson in new:
            learning.apply(lesson)
        lessons.extend(new)

    for i, span in enumerate(spans):  # each sees what the sure decisions before it taught
        learn(decided(span, decisions[i], found[i], learning.now(), rules))
    revision = learning.now().revision
    learn([Settled()])
    k = learning.now()
    if k.revision != revision:  # today's sure decisions taught something: a second look
        again = {i: ev for i, span in enumerate(spans) if not k.memory.confirmed(span.id)
                 and (ev := evidence(span, k)).scores != found[i].scores}
        found = [again.get(i, ev) for i, ev in enumerate(found)]
        for i in sorted(again):
            k = learning.now()
            scored[i] = score(spans[i], found[i], contexts[i], k, engine)
            decisions[i] = decision(i)
            # (Taking back an unconfirmed decision changes nothing ``decided`` reads.)
            learn([Withdrawn(spans[i].id), *decided(spans[i], decisions[i], found[i], k, rules)])
    learn([Predicted(s.id, top(sc.answers()), top(guesses[i].probabilities), s.kind.value)
           for i, (s, sc) in enumerate(zip(spans, scored, strict=True))])
    return DayResult(decisions, {s.id: sc.weighed for s, sc in zip(spans, scored, strict=True)},
                     Lessons(lessons, knowledge, learning.done()), len(vectors), vectors)


def correction_lesson(span: Span, correction: Correction, k: Knowledge,
                      engine: Engine, vector: np.ndarray | None = None) -> Corrected:
    """What a timekeeper's correction teaches: the span's embedding (for the nearest-
    neighbour vote; ``vector`` when the day's attribution embedded it already), the
    terms it showed, and the parties the entity recogniser finds on it (not on a research
    page, which names other people's cases)."""
    if vector is None and engine.encoder is not None:
        vector = engine.embed([span])[0]
    parties: frozenset[str] = frozenset()
    if engine.entities is not None and not (span.kind == SpanKind.BROWSER and is_research(span)):
        engine.entities.add_parties(k.parties)
        # A single word the NER calls a person or a firm is as often an OCR slip
        # ("Octobcr") or a word of the screen ("Denied"): only names of two words or more.
        parties = frozenset(e.term for e in engine.entities.extract(span_text(span))
                            if e.label in ("PERSON", "ORG") and e.source == "ner"
                            and " " in e.term.value)
    return Corrected(span, correction, vector, evidence(span, k).voted_terms, parties,
                     work_text(span))
