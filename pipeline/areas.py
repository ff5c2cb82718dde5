"""Which practice area a span's words sound like.

Three matters of one family (an I-751, a Chapter 7, a divorce) share a surname:
"Adeyemi - plan payments ... the 341 meeting of creditors ... the trustee" names
none of them apart, but its words are a bankruptcy's. A multinomial naive Bayes
over practice areas says so: word counts per area from the firm's records (the
matters' descriptions and the narratives of their past entries) and from the
work this timekeeper's laptop has seen attributed since (its confident
decisions and the timekeeper's corrections, each taken back when withdrawn).
Names are left out: a name says which matter, not which kind of work.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from pipeline.rules import RULES, in_force
from pipeline.text import STOPWORDS, words

SMOOTHING = RULES.area_smoothing
MIN_LENGTH = RULES.area_min_length


class AreaModel:
    def __init__(self, areas: Mapping[int, str], names: Iterable[str] = ()):
        self.areas = dict(areas)  # matter id → practice area
        self._skip = frozenset(STOPWORDS) | frozenset(names)
        self._counts: dict[str, Counter[str]] = defaultdict(Counter)
        self._totals: Counter[str] = Counter()
        self._vocabulary: Counter[str] = Counter()  # word → areas' counts summed
        self._sources: dict[str, tuple[str, frozenset[str]]] = {}

    def copy(self) -> AreaModel:
        new = AreaModel(self.areas)
        new._skip = self._skip
        new._counts = defaultdict(Counter, {a: Counter(c) for a, c in self._counts.items()})
        new._totals, new._vocabulary = Counter(self._totals), Counter(self._vocabulary)
        new._sources = dict(self._sources)
        return new

    def to_state(self) -> dict:
        """What the model counted, as plain data (JSON)."""
        return {"counts": [[a, list(c.items())] for a, c in self._counts.items()],
                "totals": list(self._totals.items()),
                "vocabulary": list(self._vocabulary.items()),
                "sources": [[s, a, sorted(w)] for s, (a, w) in self._sources.items()]}

    def load_state(self, state: dict) -> AreaModel:
        """This model (areas and skipped words as built) with the counts of ``state``."""
        new = AreaModel(self.areas)
        new._skip = self._skip
        new._counts = defaultdict(Counter, {a: Counter(dict(c)) for a, c in state["counts"]})
        new._totals = Counter(dict(state["totals"]))
        new._vocabulary = Counter(dict(state["vocabulary"]))
        new._sources = {s: (a, frozenset(w)) for s, a, w in state["sources"]}
        return new

    def topical(self, text: str) -> frozenset[str]:
        """The words of a text that can tell kinds of work apart."""
        return frozenset(w for w in words(text)
                         if len(w) >= MIN_LENGTH and not w.isdigit() and w not in self._skip)

    def add(self, source: str, case_id: int, text: str) -> None:
        """Count a text's words for its matter's area (once per source)."""
        area = self.areas.get(case_id)
        if not area or source in self._sources:
            return
        seen = self.topical(text)
        self._sources[source] = (area, seen)
        self._counts[area].update(seen)
        self._totals[area] += len(seen)
        self._vocabulary.update(seen)

    def remove(self, source: str) -> None:
        area, seen = self._sources.pop(source, ("", frozenset()))
        if not area:
            return
        self._counts[area].subtract(seen)
        self._totals[area] -= len(seen)
        self._vocabulary.subtract(seen)

    def posterior(self, text: str, chrome: frozenset[str] = frozenset()) -> dict[str, float]:
        """P(area | the text's words), each area equally likely beforehand. The
        log-likelihood is divided by the square root of the words counted, so that a long
        e-mail is not a thousand times surer than a short one. The words of the apps'
        own chrome (``chrome``: "Insert", "Mailings", the timekeeper's own folder) say
        nothing of the work, only which areas' work the laptop has seen most in that app."""
        if not in_force().uses("practice_areas"):
            return {}
        areas = [a for a, n in self._totals.items() if n > 0]
        known = [w for w in self.topical(text) if self._vocabulary[w] > 0 and w not in chrome]
        if len(areas) < 2 or not known:
            return {}
        size = sum(1 for n in self._vocabulary.values() if n > 0)
        scale = 1.0 / math.sqrt(len(known))
        logs = {
            a: scale * math.fsum(math.log((self._counts[a][w] + SMOOTHING)
                                          / (self._totals[a] + SMOOTHING * size)) for w in known)
            for a in areas
        }
        top = max(logs.values())
        exps = {a: math.exp(v - top) for a, v in logs.items()}
        total = sum(exps.values())
        return {a: e / total for a, e in exps.items()}

    def fit_of(self, posterior: Mapping[str, float], case_id: int) -> float:
        """How well a matter's area fits a span, given the span's ``posterior``: 0 when the
        model has nothing to say."""
        return posterior.get(self.areas.get(case_id, ""), 0.0)
