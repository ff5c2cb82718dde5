"""Attribution: each span of a day → a matter, "no matter", or an honest "which matter?".

One ``Attributor`` serves one timekeeper (one laptop). It is built from the
synced case list and history, learns from that timekeeper's corrections, and
attributes a day's spans in three passes:

1. cheap signals per span (identifiers, names, learned aliases, thread memory);
2. continuity: spans with little of their own are carried by their neighbours
   (a Westlaw search between two emails on one matter belongs to that matter);
3. the embedding model, only for spans the first two leave in doubt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np

from pipeline.activities import is_research
from pipeline.areas import AreaModel
from pipeline.combiner import DEFAULT_COMBINER, AnyCombiner
from pipeline.entities import EntityExtractor
from pipeline.identifiers import canonical_email
from pipeline.learning import NONMATTER_BOOST, LearnedMemory, own_source
from pipeline.profiles import (
    MatterProfile,
    TermIndex,
    add_distinctive_phrases,
    build_profile,
    drop_firm_terms,
    everyday_words,
    party_words,
)
from pipeline.signals import Evidence, gather, span_text
from pipeline.text import name_key
from tenths.records import REVIEWED, Attribution, Correction, Matter, RemoteEntry, Span, Staff
from tenths.settings import AttributionSettings
from tenths.store import Store

MAX_CANDIDATES = 6
DOUBT = 0.6  # below this, the embedding model is asked
NEIGHBOUR_GAP_S = 45 * 60  # spans further apart than this are not neighbours
EMBED_OFFSET = 0.35
RECENT_DECAY = 0.6  # each day, earlier work counts this much less
CONFIDENT = 0.5  # a first-pass decision this sure counts towards "today"
SUPPORT_ROUNDS = 2
CONFIRM = 0.9  # a decision this sure teaches its thread and new parties (until corrected)
FIRM_PEOPLE_CAP = 4  # a staff meeting's attendees: more than this says nothing more
MAX_STRANGERS = 2  # a span showing more strangers than this (an inbox) links by none
WORK_KINDS = frozenset({"email", "document", "call", "meeting"})


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class _Scored:
    candidates: list[int]
    features: list[list[float]]
    probs: list[float]
    none_prob: float
    none_boost: float  # what learned non-matter memory or an announcement added to "no matter"
    none_reason: str | None  # why "no matter" was boosted

    def top(self) -> tuple[int | None, float]:
        """The likeliest matter, even where "no matter" is likelier still."""
        if not self.candidates:
            return None, 0.0
        i = int(np.argmax(self.probs))
        return self.candidates[i], self.probs[i]

    def best(self) -> tuple[int | None, float]:
        """The likeliest matter, or None where "no matter" is likelier."""
        case, p = self.top()
        return (case, p) if case is not None and p >= self.none_prob else (None, self.none_prob)

    def ranked(self, n: int = 3) -> tuple[tuple[int | None, float], ...]:
        """The `n` likeliest answers, "no matter" (None) among them, best first: what a
        "which matter?" flag offers at review."""
        pairs = [*zip(self.candidates, self.probs, strict=True), (None, self.none_prob)]
        pairs.sort(key=lambda cp: -cp[1])
        return tuple((c, float(min(max(p, 0.0), 1.0))) for c, p in pairs[:n])


_RESULT_LIST = re.compile(r"^\s*1\.\s", re.M)
_FIELD_LABEL = re.compile(r"^[A-Za-z]{1,12}:\s*")  # "Search: ", OCR's "Searcb:" too


def work_text(span: Span) -> str:
    """The words that say what kind of work a span is. On a research page only the query
    counts, the first line under the service's masthead ("Search: chain of custody blood
    alcohol"): the numbered results are other people's cases, and the service's own words
    ("Westlaw", "Jurisdiction: CO State & Federal") are on every page, whatever the work."""
    if not is_research(span):
        return span_text(span)
    results = _RESULT_LIST.search(span.text)
    head = span.text[: results.start()] if results else span.text
    lines = [line.strip() for line in head.splitlines()[1:] if line.strip()]
    return _FIELD_LABEL.sub("", lines[0]) if lines else ""


def firm_keys(staff: Iterable[Staff]) -> frozenset[str]:
    """The firm's own people: their names, emails and phones are never a matter's alias."""
    keys: set[str] = set()
    for member in staff:
        keys.add("name:" + name_key(member.name))
        if member.email:
            keys.add("email:" + canonical_email(member.email))
    return frozenset(keys)


class Attributor:
    def __init__(
        self,
        user: int,
        matters: Sequence[Matter],
        history: Sequence[RemoteEntry] = (),
        settings: AttributionSettings | None = None,
        encoder: Encoder | None = None,
        combiner: AnyCombiner = DEFAULT_COMBINER,
        stop_keys: frozenset[str] = frozenset(),
        entities: EntityExtractor | None = None,
    ):
        self.user = user
        self.settings = settings or AttributionSettings()
        # A combiner trained without the embedding features gives them no weight:
        # then the transformer is not run at all.
        self.encoder = encoder if combiner.uses_embeddings else None
        self.combiner = combiner
        by_case: dict[int, list[RemoteEntry]] = {}
        for entry in history:
            by_case.setdefault(entry.case_id, []).append(entry)
        self.profiles: dict[int, MatterProfile] = {
            m.id: build_profile(m, by_case.get(m.id, ())) for m in matters if m.status != "closed"
        }
        add_distinctive_phrases(self.profiles.values())
        self.firm_names = frozenset(k for k in stop_keys if k.startswith("name:"))
        drop_firm_terms(self.profiles.values(), self.firm_names)
        self.index = TermIndex()
        for profile in self.profiles.values():
            self.index.add_profile(profile)
        self.memory = LearnedMemory(self.index, stop_keys,
                                    everyday_words(self.profiles.values(), history), entities)
        self.index.freeze()
        names = party_words(matters)
        names |= {w for k in self.firm_names for w in k.removeprefix("name:").split()}
        self.areas = AreaModel({m: p.matter.practice_area for m, p in self.profiles.items()}, names)
        for m, p in self.profiles.items():
            self.areas.add(f"matter:{m}", m, p.matter.description)
        for entry in history:
            self.areas.add(f"entry:{entry.id}", entry.case_id, entry.description)
        self.my_matters = {m for m, p in self.profiles.items() if user in p.staff_ids}
        self._matter_ids = list(self.profiles)
        self._profile_vecs: np.ndarray | None = None
        self.embedded = 0  # spans the embedding model ran on (for benchmarks)
        self.recent: Counter[int] = Counter()  # decayed count of spans per matter
        self._recent_day: date | None = None
        self._decided: dict[str, int] = {}  # span → the matter its last decision named
        # When a list, every decision's candidates and features are appended to it
        # (span id, candidate ids, feature rows, none boost): training data for retrain.
        self.trace: list[tuple[str, list[int], list[list[float]], float]] | None = None
        # The last attribute_day call's spans → (candidate ids, feature rows, none boost):
        # what a correction of one of them keeps for the data team's retraining.
        self.last_features: dict[str, tuple[list[int], list[list[float]], float]] = {}

    @classmethod
    def from_store(
        cls,
        store: Store,
        user: int,
        encoder: Encoder | None = None,
        combiner: AnyCombiner = DEFAULT_COMBINER,
        settings: AttributionSettings | None = None,
        entities: bool = True,
    ) -> Attributor:
        """The attributor a timekeeper's laptop builds from its synced store, with what
        that timekeeper's past corrections taught replayed into it, and the spans already
        decided counted as seen (which names are on every screen, who was met when)."""
        matters = store.catalog.matters()
        attributor = cls(user, matters, store.catalog.remote_entries(), settings, encoder,
                         combiner, firm_keys(store.catalog.staff().values()),
                         EntityExtractor.from_matters(matters) if entities else None)
        spans = {s.id: s for s in store.activity.spans(user)}  # in start order
        decided = store.activity.attributions(spans)
        for span in spans.values():
            if span.id in decided:
                attributor.memory.observe(span, span.start.date())
        for span in spans.values():
            if span.id in decided and decided[span.id].model_version != REVIEWED:
                attributor._age(span.start.date())
                attributor._confirm(span, decided[span.id], attributor._gather(span))
        for correction in store.activity.corrections(user):
            if correction.span_id in spans:
                attributor.learn(spans[correction.span_id], correction)
        return attributor

    # -- recency -------------------------------------------------------------
    def _age(self, day: date) -> None:
        """Let earlier days' work count for less, once per day that passed."""
        if self._recent_day is not None and day > self._recent_day:
            factor = RECENT_DECAY ** (day - self._recent_day).days
            self.recent = Counter({m: n * factor for m, n in self.recent.items() if n * factor > 0.01})
        if self._recent_day is None or day > self._recent_day:
            self._recent_day = day

    # -- learning ----------------------------------------------------------
    def learn(self, span: Span, correction: Correction) -> None:
        """Take a timekeeper's correction: remember what decided it."""
        vector = self._embed([span])[0] if self.encoder is not None else None
        self.memory.learn(span, correction, vector, self._gather(span).weak_terms)
        self.areas.remove(own_source(span.id))
        if correction.to_case_id is not None:
            self.areas.add(correction.id, correction.to_case_id, work_text(span))
        self._shift_recent(correction.from_case_id, correction.to_case_id)

    def unlearn(self, correction: Correction) -> None:
        self.memory.unlearn(correction)
        self.areas.remove(correction.id)
        self._shift_recent(correction.to_case_id, correction.from_case_id)

    def _shift_recent(self, away: int | None, to: int | None) -> None:
        if away is not None:
            self.recent[away] = max(self.recent[away] - 1.0, 0.0)
        if to is not None:
            self.recent[to] += 1.0

    # -- attribution -------------------------------------------------------
    def attribute_day(self, spans: Sequence[Span]) -> list[Attribution]:
        """Attribute one day's spans (in start order) for this timekeeper."""
        spans = sorted(spans, key=lambda s: (s.start, s.id))
        if not spans:
            return []
        day = spans[0].start.date()  # one day for all: a late evening is past midnight in UTC
        self._age(day)
        for span in spans:  # a span decided again takes back what its last decision taught
            self._withdraw(span.id)
        self.memory.refresh()
        for span in spans:
            self.memory.observe(span, day)
        evidence = [self._gather(s) for s in spans]
        strangers = [self.memory.strangers(ev.emails, day) for ev in evidence]
        areas = [self.areas.posterior(work_text(s)) for s in spans]
        total_recent = sum(self.recent.values())
        recent = {m: n / total_recent for m, n in self.recent.items()} if total_recent else {}
        local = [self._score(s, ev, areas[i], {}, recent, {})
                 for i, (s, ev) in enumerate(zip(spans, evidence, strict=True))]
        firsts = [sc.best() for sc in local]
        confident = Counter(m for m, p in firsts if m is not None and p >= CONFIDENT)
        today = {m: n / len(spans) for m, n in confident.items()}
        scored = local
        for _ in range(SUPPORT_ROUNDS):  # belief spreads one neighbourhood a round
            support = self._neighbour_support(spans, scored, evidence, strangers)
            scored = [
                self._score(s, ev, areas[i], support[i], recent, today)
                for i, (s, ev) in enumerate(zip(spans, evidence, strict=True))
            ]
        doubtful = [i for i, sc in enumerate(scored) if sc.best()[1] < DOUBT]
        vectors: dict[int, np.ndarray] = {}
        if self.encoder is not None and doubtful:
            for i, vector in zip(doubtful, self._embed([spans[i] for i in doubtful]), strict=True):
                vectors[i] = vector
                scored[i] = self._score(spans[i], evidence[i], areas[i], support[i], recent, today,
                                        vector)
        decisions = [self._decide(s, ev, sc) for s, ev, sc in zip(spans, evidence, scored, strict=True)]
        for span, ev, decision in zip(spans, evidence, decisions, strict=True):
            self._confirm(span, decision, ev)
        if self.memory.refresh():  # today's confident decisions taught something
            for i in self._second_look(spans, evidence):
                scored[i] = self._score(spans[i], evidence[i], areas[i], support[i], recent, today,
                                        vectors.get(i))
                self._withdraw(spans[i].id)
                decisions[i] = self._decide(spans[i], evidence[i], scored[i])
                self._confirm(spans[i], decisions[i], evidence[i])
        self.last_features = {s.id: (sc.candidates, sc.features, sc.none_boost)
                              for s, sc in zip(spans, scored, strict=True)}
        if self.trace is not None:
            for s, sc in zip(spans, scored, strict=True):
                self.trace.append((s.id, sc.candidates, sc.features, sc.none_boost))
        return decisions

    def _second_look(self, spans: Sequence[Span], evidence: list[Evidence]) -> list[int]:
        """The spans to decide again, their evidence looked up anew (in place): a party
        introduced today with the matter named (a new adjuster's first email, decided with
        confidence) is the matter's alias for the rest of the day, so a later call with
        that adjuster has its own words to go on; so does a call decided from its neighbours
        alone. Spans whose decision taught something are not looked at again: they would
        find their own lessons."""
        again = []
        for i, span in enumerate(spans):
            if self.memory.confirmed(span.id):
                continue
            ev = self._gather(span)
            if ev.scores != evidence[i].scores:
                evidence[i] = ev
                again.append(i)
        return again

    def _gather(self, span: Span) -> Evidence:
        return gather(span, self.index, self.firm_names, self.memory.misleading,
                      self.memory.common_words)

    def _withdraw(self, span_id: str) -> None:
        self._shift_recent(self._decided.pop(span_id, None), None)
        self.memory.withdraw(span_id)
        self.areas.remove(own_source(span_id))

    def _confirm(self, span: Span, decision: Attribution, ev: Evidence) -> None:
        """What a decision adds to what the attributor knows, until a correction."""
        if decision.predicted_case is None:
            return
        self._decided[span.id] = decision.predicted_case
        self.recent[decision.predicted_case] += 1.0
        # A decision resting on its neighbours alone (a newsletter between two emails of a
        # matter) is a guess about context: it teaches nothing.
        own = ev.scores.get(decision.predicted_case, 0.0) > 0 or (
            self.memory.recall(ev) == decision.predicted_case)
        if decision.confidence >= CONFIRM and own:
            self.memory.confirm(span, decision.predicted_case, ev.weak_terms)
            self.areas.add(own_source(span.id), decision.predicted_case, work_text(span))

    def _score(
        self,
        span: Span,
        ev: Evidence,
        area: dict[str, float],
        neighbours: dict[int, float],
        recent: dict[int, float],
        today: dict[int, float],
        vector: np.ndarray | None = None,
    ) -> _Scored:
        remembered = self.memory.recall(ev)
        cands = [m for m, _ in ev.ranked()[:MAX_CANDIDATES]]
        # Each matter once (the remembered one is often a neighbours' favourite too): a
        # matter listed twice would split its probability between its two rows.
        nearby = sorted(neighbours, key=neighbours.get, reverse=True)[:2]
        extra = [m for m in dict.fromkeys((remembered, *nearby))
                 if m is not None and m not in cands and m in self.profiles]
        embed_sim: dict[int, float] = {}
        knn: dict[int, float] = {}
        if vector is not None:
            sims = self._profile_matrix() @ vector
            for j in np.argsort(-sims)[:3]:
                embed_sim[self._matter_ids[j]] = float(sims[j])
            knn = self.memory.nearest(vector)
            extra += [m for m in dict.fromkeys((*embed_sim, *knn)) if m not in cands and m not in extra]
        cands = cands + extra
        if vector is not None and cands:
            idx = [self._matter_ids.index(m) for m in cands]
            sims = self._profile_matrix()[idx] @ vector
            embed_sim = {m: float(s) for m, s in zip(cands, sims, strict=True)}
        worklike = span.kind in WORK_KINDS or is_research(span)
        no_own = 0.0 if ev.scores else 1.0
        own_total = sum(ev.scores.values())
        internal = 1.0 if ev.emails and all(map(self.memory.at_firm, ev.emails)) else 0.0
        features = []
        for m in cands:
            score = ev.scores.get(m, 0.0)
            best_other = max((v for k, v in ev.scores.items() if k != m), default=0.0)
            features.append([
                score,
                min(ev.id_hits.get(m, 0.0), 6.0),
                1.0 if remembered == m else 0.0,
                1.0 if m in self.my_matters else 0.0,
                neighbours.get(m, 0.0),
                embed_sim[m] - EMBED_OFFSET if m in embed_sim else 0.0,
                knn.get(m, 0.0),
                score - best_other,
                0.0 if worklike else neighbours.get(m, 0.0),
                no_own,
                score / own_total if own_total else 0.0,
                ev.strongest.get(m, 0.0),
                recent.get(m, 0.0),
                today.get(m, 0.0),
                1.0 if worklike else 0.0,
                internal,
                ev.aliases.get(m, 0.0),
                float(min(ev.firm_people, FIRM_PEOPLE_CAP)),
                self.areas.fit_of(area, m),
            ])
        none_boost = self.memory.nonmatter_boost(ev)
        none_reason = "learned non-matter" if none_boost else None
        if internal and ev.to_group and not ev.id_hits and none_boost < NONMATTER_BOOST:
            # A firm-wide announcement is the firm's own time, whatever matter the emails
            # around it were about.
            none_boost, none_reason = NONMATTER_BOOST, "firm-wide announcement"
        probs, none_prob = self.combiner.probabilities(features, none_boost)
        return _Scored(cands, features, probs, none_prob, none_boost, none_reason)

    def _neighbour_support(
        self, spans: Sequence[Span], beliefs: Sequence[_Scored], evidence: Sequence[Evidence],
        strangers: Sequence[set[str]],
    ) -> list[dict[int, float]]:
        """For each span, the belief of the spans around it, nearer counting more, of the
        day's other spans in the same email thread or document, and of those written to or
        by the same stranger (an address first met today that no matter knows: a mediator
        who introduced herself this morning is on one matter's work all day)."""
        window = self.settings.neighbour_window
        threads: dict[str, list[int]] = {}
        met: dict[str, list[int]] = {}
        for i, ev in enumerate(evidence):
            if ev.thread:
                threads.setdefault(ev.thread, []).append(i)
            if len(strangers[i]) <= MAX_STRANGERS:  # not an inbox of many senders
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
                             if not evidence[i].scores else set())
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
                    if abs(gap.total_seconds()) > NEIGHBOUR_GAP_S:
                        break
                    prev = other
                    case, p = beliefs[j].top()
                    if case is not None:
                        belief[case] = belief.get(case, 0.0) + p / step
            support.append({m: min(v, 2.0) / 2.0 for m, v in belief.items()})
        return support

    def _decide(self, span: Span, ev: Evidence, scored: _Scored) -> Attribution:
        case, confidence = scored.best()
        confidence = float(min(max(confidence, 0.0), 1.0))
        version = self.combiner.version
        ranked = scored.ranked()
        if case is None:
            reasons = ("no matter evidence",) + ((scored.none_reason,) if scored.none_reason else ())
            if scored.none_reason and confidence >= self.combiner.abstain_below:
                return Attribution(span.id, None, confidence, False, False, reasons, version, ranked)
            return Attribution(span.id, None, confidence, True, True, reasons, version, ranked)
        reasons = ev.reasons.get(case, ()) + tuple(
            name for name, value in zip(
                ("memory", "staff", "neighbours", "embedding", "knn"),
                scored.features[scored.candidates.index(case)][2:7],
                strict=True,
            ) if value > 0
        )
        if confidence < self.combiner.abstain_below:
            return Attribution(span.id, None, confidence, True, True, ("which matter?",) + reasons, version, ranked)
        return Attribution(span.id, case, confidence, False, True, reasons, version, ranked)

    # -- embeddings --------------------------------------------------------
    def _embed(self, spans: Sequence[Span]) -> np.ndarray:
        assert self.encoder is not None
        self.embedded += len(spans)
        return self.encoder.encode([span_text(s)[:1200] for s in spans])

    def _profile_matrix(self) -> np.ndarray:
        if self._profile_vecs is None:
            assert self.encoder is not None
            self._profile_vecs = self.encoder.encode([self.profiles[m].text for m in self._matter_ids])
        return self._profile_vecs
