"""What one timekeeper's laptop knows, as one frozen value: ``Knowledge``.

It holds the firm's matters as profiles, the term index the cheap signals look
spans up in (MyCase's terms and the aliases learned here), the thread memory,
the practice-area counts and the recent work. It is built once by ``fit`` from
the store (the synced case list, then every decided span and correction
replayed), saved as JSON a person can read and diff, and loaded at the next
start instead of replaying history.

It never changes. ``learn(lessons)`` returns a new ``Knowledge``: the lessons
(a day's observations and confident decisions, a correction, an undo) are
applied in order by ``_apply``, the one place anything is learned.

==============  ================================================================
lesson          what applying it does
==============  ================================================================
Aged            earlier days' work counts for less, once per day that passed
Withdrawn       takes back what the last decision on a span taught (it is decided again)
Settled         drops learned aliases that turned out common (``chrome_only``, after the
                day's observations: those its spans show to be an app's menus); re-weights
                the index
Observed        counts what a span shows (furniture vs parties; who was met when)
Decided         a decision counts as recent work; a sure one with its own evidence
                teaches its thread, site and the parties nobody knew yet
Predicted       what the combiner and the content learner said of a span, kept until its
                review (``pipeline.blend``: how far each is trusted is fitted from that)
Reviewed        a span the review left alone: its decision was accepted; the content
                learner learns its words for that matter (or for no matter)
AcceptedBefore  the spans started before a moment were looked at for acceptance
Corrected       the timekeeper's answer: takes back the span's decision, teaches the
                right one (aliases, thread, places, the span's words for its area and
                for the content learner)
Undone          takes a correction back, and everything it taught
==============  ================================================================
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import numpy as np

from pipeline.areas import AreaModel
from pipeline.blend import Opinion, TrackRecord
from pipeline.content import ContentLearner
from pipeline.identifiers import canonical_email
from pipeline.learning import LearnedMemory, Observation, Taught, own_source
from pipeline.profiles import (
    MatterProfile,
    TermIndex,
    add_distinctive_phrases,
    build_profile,
    drop_everyday_names,
    drop_firm_terms,
    everyday_words,
    party_words,
)
from pipeline.rules import RULES
from pipeline.terms import Found, Term, TermKind
from pipeline.text import name_key
from tenths.records import Correction, Matter, RemoteEntry, Span, Staff

T = TypeVar("T")
FORMAT = "tenths-knowledge/3"


# -- lessons -------------------------------------------------------------------------


@dataclass(frozen=True)
class Aged:
    day: date


@dataclass(frozen=True)
class Withdrawn:
    span_id: str


@dataclass(frozen=True)
class Settled:
    chrome_only: bool = False  # drop only what the day's observations show is app chrome


@dataclass(frozen=True)
class Observed:
    seen: Observation  # what the span shows
    day: date


@dataclass(frozen=True)
class Decided:
    span: Span
    case_id: int
    teaches: bool  # sure, and resting on the span's own evidence
    terms: frozenset[Found]  # the terms that counted on the span, and where
    work_text: str  # the words that say what kind of work it is


@dataclass(frozen=True)
class Predicted:
    span_id: str
    model: Opinion  # the combiner's likeliest answers
    content: Opinion  # the content learner's
    source: str = ""  # the span's kind: the record calibrates each kind apart


@dataclass(frozen=True)
class Reviewed:
    span: Span
    case_id: int | None  # the accepted decision's matter (None: no matter)


@dataclass(frozen=True)
class AcceptedBefore:
    moment: datetime  # the spans started before it were looked at for acceptance


@dataclass(frozen=True)
class Corrected:
    span: Span
    correction: Correction
    vector: np.ndarray | None  # the span's embedding, for the nearest-neighbour vote
    terms: frozenset[Found]  # the terms that counted on the span, and where
    parties: frozenset[Term]  # people and firms the entity recogniser found on it
    work_text: str


@dataclass(frozen=True)
class Undone:
    correction: Correction


Lesson = (Aged | Withdrawn | Settled | Observed | Decided | Predicted | Reviewed
          | AcceptedBefore | Corrected | Undone)


class Lessons(tuple):
    """A day's lessons, in order, and what they make of the knowledge they came from
    (applying them is a pure function: ``Knowledge.learn`` returns ``result`` for
    ``base`` instead of applying them again)."""

    base: Knowledge
    result: Knowledge

    def __new__(cls, lessons: Iterable[Lesson], base: Knowledge, result: Knowledge) -> Lessons:
        new = super().__new__(cls, lessons)
        new.base, new.result = base, result
        return new


def firm_keys(staff: Iterable[Staff]) -> frozenset[Term]:
    """The firm's own people: their names and emails are never a matter's alias."""
    keys: set[Term] = set()
    for member in staff:
        keys.add(Term(TermKind.NAME, name_key(member.name)))
        if member.email:
            keys.add(Term(TermKind.EMAIL, canonical_email(member.email)))
    return frozenset(keys)


@dataclass(frozen=True)
class Knowledge:
    user: int
    profiles: Mapping[int, MatterProfile]  # open matters, in the case list's order
    my_matters: frozenset[int]  # the matters the timekeeper is staffed on
    firm_names: frozenset[Term]  # the firm's own people, as name terms
    memory: LearnedMemory  # the term index and everything learned (never changed in place)
    areas: AreaModel
    recent: Mapping[int, float] = field(default_factory=dict)  # decayed spans per matter
    recent_day: date | None = None
    decided: Mapping[str, int] = field(default_factory=dict)  # span → its decision's matter
    catalog: str = ""  # fingerprint of the case list, history and staff it was built on
    content: ContentLearner = field(default_factory=ContentLearner)  # reviewed spans' words
    record: TrackRecord = field(default_factory=TrackRecord)  # opinions and their reviews
    # Spans started before it were looked at for acceptance (``history.accept_reviewed``);
    # None: none was, as after a replay of the history.
    accepted_before: datetime | None = None

    @property
    def index(self) -> TermIndex:
        return self.memory.index

    @property
    def revision(self) -> int:
        """Changes whenever a lesson re-weighted the term index."""
        return self.memory.revision

    @property
    def parties(self) -> Sequence[Term]:
        """The parties corrections taught, for the entity ruler."""
        return self.memory.parties

    @property
    def corrections(self) -> frozenset[str]:
        """The ids of the corrections learned (and not undone)."""
        return self.memory.corrections()

    def taught(self) -> list[Taught]:
        """What corrections taught (the laptop's own confident decisions are not listed)."""
        return self.memory.taught()

    # -- building --------------------------------------------------------------------
    @classmethod
    def base(cls, user: int, matters: Sequence[Matter], history: Sequence[RemoteEntry] = (),
             stop_keys: frozenset[Term] = frozenset(), catalog: str = "") -> Knowledge:
        """What the synced case list alone says: nothing learned yet."""
        by_case: dict[int, list[RemoteEntry]] = {}
        for entry in history:
            by_case.setdefault(entry.case_id, []).append(entry)
        profiles = {m.id: build_profile(m, by_case.get(m.id, ()))
                    for m in matters if m.status != "closed"}
        add_distinctive_phrases(profiles.values())
        firm_names = frozenset(k for k in stop_keys if k.kind == TermKind.NAME)
        drop_firm_terms(profiles.values(), firm_names)
        everyday = everyday_words(profiles.values(), history)
        drop_everyday_names(profiles.values(), everyday)
        index = TermIndex()
        for profile in profiles.values():
            index.add_profile(profile)
        longest = max((len(name_key(c.name).split()) for m in matters for c in m.contacts),
                      default=0)
        memory = LearnedMemory(index, stop_keys, everyday, longest)
        index.freeze()
        names = party_words(matters)
        names |= {w for k in firm_names for w in k.value.split()}
        areas = AreaModel({m: p.matter.practice_area for m, p in profiles.items()}, names)
        for m, p in profiles.items():
            areas.add(f"matter:{m}", m, p.matter.description)
        for entry in history:
            areas.add(f"entry:{entry.id}", entry.case_id, entry.description)
        mine = frozenset(m for m, p in profiles.items() if user in p.staff_ids)
        return cls(user, profiles, mine, firm_names, memory, areas, catalog=catalog)

    # -- learning --------------------------------------------------------------------
    def learn(self, lessons: Iterable[Lesson]) -> Knowledge:
        """A new ``Knowledge``: this one with ``lessons`` applied in order. (A day's
        ``Lessons`` remember what they make of the knowledge they were drawn from, which
        ``attribute_day`` worked out already: that is returned, not worked out again.)"""
        if isinstance(lessons, Lessons) and lessons.base is self:
            return lessons.result
        work = Learning(self)
        for lesson in lessons:
            work.apply(lesson)
        return work.done()

    def learn_each(self, items: Iterable[T],
                   lessons_for: Callable[[Knowledge, T], Iterable[Lesson]]) -> Knowledge:
        """A new ``Knowledge``: for each item in turn, the lessons ``lessons_for`` makes of it
        from the knowledge as the previous items left it (a replay of history, a day's
        corrections in order)."""
        work = Learning(self)
        for item in items:
            for lesson in lessons_for(work.now(), item):
                work.apply(lesson)
        return work.done()

    # -- saving ----------------------------------------------------------------------
    def _state(self) -> dict:
        return {
            "format": FORMAT, "user": self.user, "catalog": self.catalog,
            "recent": list(self.recent.items()),
            "recent_day": self.recent_day.isoformat() if self.recent_day else None,
            "decided": list(self.decided.items()),
            "memory": self.memory.to_state(), "areas": self.areas.to_state(),
            "content": self.content.to_state(), "record": self.record.to_state(),
            "accepted_before": (self.accepted_before.isoformat()
                                if self.accepted_before else None),
        }

    def to_json(self) -> str:
        return json.dumps(self._state())

    def save(self, path: Path) -> None:
        """Write the knowledge as JSON (atomically: a crash leaves the last one whole;
        written as it is encoded, never held whole as one string). It holds names and
        addresses read off the screen: it stays on the laptop."""
        tmp = path.with_suffix(path.suffix + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the owner's alone
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(self._state(), out)
        tmp.replace(path)


    def with_state(self, text: str) -> Knowledge:
        """This base knowledge with the learned state saved in ``text``."""
        data = json.loads(text)
        if data.get("format") != FORMAT or data["user"] != self.user:
            raise ValueError("knowledge: another format or another timekeeper's")
        if data["catalog"] != self.catalog:
            raise ValueError("knowledge: built on another case list")
        return Knowledge(
            self.user, self.profiles, self.my_matters, self.firm_names,
            self.memory.load_state(data["memory"]), self.areas.load_state(data["areas"]),
            Counter({int(m): float(n) for m, n in data["recent"]}),
            date.fromisoformat(data["recent_day"]) if data["recent_day"] else None,
            {s: int(m) for s, m in data["decided"]}, self.catalog,
            ContentLearner.from_state(data["content"]), TrackRecord.from_state(data["record"]),
            datetime.fromisoformat(data["accepted_before"])
            if data.get("accepted_before") else None)


def catalog_fingerprint(matters: Sequence[Matter], history: Sequence[RemoteEntry],
                        staff: Iterable[Staff]) -> str:
    """A hash of what the base knowledge is built from: a saved knowledge is loaded only
    over the same case list, history and staff."""
    parts = [repr(m) for m in matters] + [repr(e) for e in history]
    parts += sorted(repr(s) for s in staff)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class Learning:
    """Lessons being applied, in order, to a working copy of one ``Knowledge`` (which is
    not changed). ``now()`` is the knowledge as the lessons so far left it, to read
    between lessons (a day's decisions each see what the sure ones before them taught);
    it is valid until the next ``apply``. ``done()`` is the new ``Knowledge``, after which
    the ``Learning`` is not used again."""

    def __init__(self, knowledge: Knowledge):
        self.base = knowledge
        self.memory = knowledge.memory.copy()
        self.areas = knowledge.areas.copy()
        self.recent: Counter[int] = Counter(knowledge.recent)
        self.recent_day = knowledge.recent_day
        self.decided = dict(knowledge.decided)
        self.content = knowledge.content.copy()
        self.record = knowledge.record.copy()
        self.accepted_before = knowledge.accepted_before

    def now(self) -> Knowledge:
        return self.done()

    def done(self) -> Knowledge:
        k = self.base
        return Knowledge(k.user, k.profiles, k.my_matters, k.firm_names, self.memory, self.areas,
                         self.recent, self.recent_day, self.decided, k.catalog, self.content,
                         self.record, self.accepted_before)

    def apply(self, lesson: Lesson) -> None:
        match lesson:
            case Aged(day):
                if self.recent_day is not None and day > self.recent_day:
                    factor = RULES.recent_decay ** (day - self.recent_day).days
                    self.recent = Counter({m: n * factor for m, n in self.recent.items()
                                           if n * factor > RULES.recent_floor})
                if self.recent_day is None or day > self.recent_day:
                    self.recent_day = day
            case Withdrawn(span_id):
                self._shift(self.decided.pop(span_id, None), None)
                self.memory.withdraw(span_id)
                self.areas.remove(own_source(span_id))
            case Settled(chrome_only):
                self.memory.refresh(chrome_only)
            case Observed(seen, day):
                self.memory.observe(seen, day)
            case Decided(span, case, teaches, terms, text):
                self.decided[span.id] = case
                self.recent[case] += 1.0
                if teaches:
                    self.memory.confirm(span, case, terms)
                    self.areas.add(own_source(span.id), case, text)
            case Predicted(span_id, model, content, source):
                self.record.predicted(span_id, model, content, source)
            case Reviewed(span, case):
                self.content.learn(span, case)
                self.record.answered(span.id, case)
            case AcceptedBefore(moment):
                self.accepted_before = moment
            case Corrected(span, correction, vector, terms, parties, text):
                self.memory.learn(span, correction, vector, terms, parties)
                self.content.learn(span, correction.to_case_id)
                self.record.answered(span.id, correction.to_case_id)
                self.areas.remove(own_source(span.id))
                if correction.to_case_id is not None:
                    self.areas.add(correction.id, correction.to_case_id, text)
                self._shift(correction.from_case_id, correction.to_case_id)
            case Undone(correction):
                self.memory.unlearn(correction)
                self.content.forget(correction.span_id)
                self.record.unanswered(correction.span_id)
                self.areas.remove(correction.id)
                self._shift(correction.to_case_id, correction.from_case_id)

    def _shift(self, away: int | None, to: int | None) -> None:
        if away is not None:
            self.recent[away] = max(self.recent[away] - 1.0, 0.0)
        if to is not None:
            self.recent[to] += 1.0
