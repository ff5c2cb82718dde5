"""What corrections teach: aliases, thread memory, non-matter places, near neighbours.

A correction says "this span belongs to that matter" (or to none). The names,
numbers, emails and phones on the span become aliases of the matter, so the
next span that names the same witness goes to the right place; the span's
email thread or document is remembered; and its embedding is kept for a
nearest-neighbour vote. Undoing a correction takes back exactly what it
taught. Everything learned can be listed (``taught``) for export.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from pipeline.activities import RESEARCH_HOSTS, is_research
from pipeline.identifiers import find_identifiers
from pipeline.parties import Firm, alias_keys, chrome_names, introduced, title_codes
from pipeline.profiles import LEARNED_KINDS, TermIndex
from pipeline.rules import RULES, in_force
from pipeline.signals import Evidence, context_key, site_key, span_text, thread_key
from pipeline.terms import Found, Term, TermKind
from pipeline.text import words
from tenths.records import Correction, Span, SpanKind

# The numbers are the rules' (pipeline/rules.py): what furniture is (a name, email or
# phone on more of a timekeeper's spans than ``common_spans`` or ``common_fraction`` of
# them: a signature, a letterhead, a greeting); when a weak profile term is on every
# screen (``everywhere_*``: the firm's street in each signature) or any term, recorded or
# learned, misleads (found on ``misleading_spans`` spans decided for other matters, twice
# as many as its own: "Lease", an adjuster of many claims, a case number in an inbox's
# list); when an alias is settled (``settled_refs`` decisions taught it: it weighs what a
# docket number does); the share of a thread's decisions that recalls it (``thread_share``).
KNN_MIN_COSINE = RULES.knn_min_cosine
COMMON_SPANS = RULES.common_spans
COMMON_FRACTION = RULES.common_fraction
APP_CHROME_SHARE = RULES.app_chrome_share
NONMATTER_BOOST = RULES.nonmatter_boost
THREAD_SHARE = RULES.thread_share
EVERYWHERE_FRACTION = RULES.everywhere_fraction
EVERYWHERE_SPANS = RULES.everywhere_spans
MISLEADING_SPANS = RULES.misleading_spans
SETTLED_REFS = RULES.settled_refs



@dataclass(frozen=True)
class Taught:
    """One thing a lesson taught: a term now points at a matter (or at none)."""

    correction_id: str
    key: Term
    case_id: int | None
    kind: str  # alias | thread | place | nonmatter


@dataclass(frozen=True)
class Observation:
    """What one span shows, as ``LearnedMemory.observe`` counts it: its alias-able keys,
    the people it shows with their own address or number, and its words."""

    span_id: str
    keys: frozenset[Term]
    people: frozenset[Term]
    words: frozenset[str]
    window: str = ""  # the app and the span's kind: "Mail|email", "Chat|chat"


def own_source(span_id: str) -> str:
    """The lesson key of the attributor's own decision on a span."""
    return "own:" + span_id


def _with(thread: Term, email: str) -> Term:
    """The term of a thread with one correspondent."""
    return Term(thread.kind, f"{thread.value}|{email}")


def _sites(site: Term | None) -> tuple[Term, ...]:
    """A site section and its whole site are places of their own (news.example/sports and
    news.example; app.mycase.com/time_entries but not all of app.mycase.com), unless the
    site is a research service used for every matter."""
    if not site or RESEARCH_HOSTS.search(site.value):
        return ()
    return (site, Term(site.kind, site.value.split("/", 1)[0]))


class LearnedMemory:
    """The learned part of a timekeeper's knowledge, as the one place lessons are applied
    (``pipeline.knowledge``). Only ``Knowledge`` changes it, and always on a ``copy``."""

    def __init__(self, index: TermIndex, stop_keys: frozenset[Term] = frozenset(),
                 common_words: frozenset[str] = frozenset(), longest_name: int = 0):
        self.index = index
        self.stop_keys = stop_keys
        self.firm = Firm(stop_keys, longest_name)
        self.common_words = common_words  # the firm's everyday words: a run of them is no name
        # Runs of words inside the names MyCase gives matters: the records explain them.
        self.recorded_runs = index.recorded_runs()
        self._seen: Counter[Term] = Counter()  # spans each alias-able term was on
        self._words_seen: Counter[str] = Counter()  # spans each word was on
        self._window_spans: Counter[str] = Counter()  # spans of each app's kind of window
        self._words_in_window: Counter[tuple[str, str]] = Counter()  # (window, word) → spans
        # Names shown with their own address or number: people, whatever words they share
        # with the screen's furniture ("Jorgensen" of several correspondents).
        self._people: set[Term] = set()
        self._first_met: dict[str, date] = {}  # outside address → the day a span first showed it
        self._observed: set[str] = set()  # the spans counted (a day decided again counts once)
        self._spans_seen = 0
        # (terms, words, words of an app's chrome), cached
        self._furniture: tuple[set[Term], set[str], set[str]] | None = None
        self.lessons: dict[str, list[Taught]] = {}
        self._threads: dict[Term, Counter[int]] = defaultdict(Counter)
        self._nonmatter: Counter[Term] = Counter()  # places corrected to no matter
        self._matter_places: Counter[Term] = Counter()  # places of matter work
        self._alias_refs: Counter[tuple[Term, int]] = Counter()
        self._vectors: list[tuple[str, int, np.ndarray]] = []
        # Decisions and corrections as votes on the terms that counted on their spans:
        # source → [(term where seen, whether the term points at the span's matter)].
        self._votes: dict[str, list[tuple[Found, bool]]] = {}
        self._tally: dict[Found, list[int]] = defaultdict(lambda: [0, 0])  # → [for, against]
        # The terms ``misleading`` flags, worked out at each refresh from the tally then.
        self._misleading: frozenset[Found] = frozenset()
        self._dirty = False
        self.revision = 0  # how many times a refresh re-weighted the index
        # The parties corrections taught (name keys): they go into the entity ruler.
        self.parties: list[Term] = []

    def copy(self) -> LearnedMemory:
        """A copy that shares nothing mutable with this one."""
        new = copy.copy(self)
        new.index = self.index.copy()
        new._seen, new._words_seen = Counter(self._seen), Counter(self._words_seen)
        new._window_spans = Counter(self._window_spans)
        new._words_in_window = Counter(self._words_in_window)
        new._people, new._observed = set(self._people), set(self._observed)
        new._first_met, new.lessons, new._votes = (dict(self._first_met), dict(self.lessons),
                                                   dict(self._votes))
        new._threads = defaultdict(Counter, {k: Counter(v) for k, v in self._threads.items()})
        new._nonmatter, new._matter_places = Counter(self._nonmatter), Counter(self._matter_places)
        new._alias_refs = Counter(self._alias_refs)
        new._vectors = list(self._vectors)
        new._tally = defaultdict(lambda: [0, 0], {k: list(v) for k, v in self._tally.items()})
        new.parties = list(self.parties)
        return new

    def to_state(self) -> dict:
        """Everything learned, as plain data (JSON): a start loads it instead of replaying."""
        return {
            "index": self.index.to_state(),
            "seen": [[str(k), n] for k, n in self._seen.items()],
            "words_seen": list(self._words_seen.items()),
            "window_spans": list(self._window_spans.items()),
            "words_in_window": [[a, w, n] for (a, w), n in self._words_in_window.items()],
            "people": sorted(map(str, self._people)), "observed": sorted(self._observed),
            "first_met": [[e, d.isoformat()] for e, d in self._first_met.items()],
            "spans_seen": self._spans_seen,
            "lessons": [[src, [[str(x.key), x.case_id, x.kind] for x in ls]]
                        for src, ls in self.lessons.items()],
            "threads": [[str(k), list(c.items())] for k, c in self._threads.items()],
            "nonmatter": [[str(k), n] for k, n in self._nonmatter.items()],
            "matter_places": [[str(k), n] for k, n in self._matter_places.items()],
            "alias_refs": [[str(k), m, n] for (k, m), n in self._alias_refs.items()],
            "vectors": [[src, m, v.dtype.str, v.tolist()] for src, m, v in self._vectors],
            "votes": [[src, [[str(t), a] for t, a in vs]] for src, vs in self._votes.items()],
            "tally": [[str(t), v] for t, v in self._tally.items()],
            "misleading": sorted(map(str, self._misleading)),
            "dirty": self._dirty, "revision": self.revision, "parties": list(map(str, self.parties)),
        }

    def load_state(self, state: dict) -> LearnedMemory:
        """This memory's firm (its own people, everyday words) with what ``state`` learned."""
        new = LearnedMemory(TermIndex.from_state(state["index"]), self.stop_keys,
                            self.common_words, self.firm.longest_name)
        new._seen = Counter({Term.parse(k): n for k, n in state["seen"]})
        new._words_seen = Counter(dict(state["words_seen"]))
        # (A memory saved before windows were counted has none: it counts from now.)
        new._window_spans = Counter(dict(state.get("window_spans", [])))
        new._words_in_window = Counter({(a, w): n
                                        for a, w, n in state.get("words_in_window", [])})
        new._people, new._observed = set(map(Term.parse, state["people"])), set(state["observed"])
        new._first_met = {e: date.fromisoformat(d) for e, d in state["first_met"]}
        new._spans_seen = state["spans_seen"]
        new.lessons = {src: [Taught(src, Term.parse(k), m, kind) for k, m, kind in ls]
                       for src, ls in state["lessons"]}
        new._threads = defaultdict(Counter, {Term.parse(k): Counter(dict(c))
                                             for k, c in state["threads"]})
        new._nonmatter = Counter({Term.parse(k): n for k, n in state["nonmatter"]})
        new._matter_places = Counter({Term.parse(k): n for k, n in state["matter_places"]})
        new._alias_refs = Counter({(Term.parse(k), m): n for k, m, n in state["alias_refs"]})
        new._vectors = [(src, m, np.asarray(v, dtype=np.dtype(t))) for src, m, t, v in state["vectors"]]
        new._votes = {src: [(Found.parse(t), a) for t, a in vs] for src, vs in state["votes"]}
        new._tally = defaultdict(lambda: [0, 0], {Found.parse(t): list(v)
                                                  for t, v in state["tally"]})
        new._misleading = frozenset(map(Found.parse, state["misleading"]))
        new._dirty, new.revision = state["dirty"], state["revision"]
        new.parties = list(map(Term.parse, state["parties"]))
        return new

    # -- teaching ----------------------------------------------------------
    def learn(self, span: Span, correction: Correction, vector: np.ndarray | None,
              terms: frozenset[Found] = frozenset(), parties: frozenset[Term] = frozenset()) -> None:
        """A timekeeper's correction: it takes back what the attributor's own decision on
        the span taught, and teaches the right answer (``terms``: the terms that counted on
        the span, which pointed at that answer or not; ``parties``: the people and
        firms the entity recogniser found on it)."""
        self.withdraw(span.id)
        self.lessons[correction.id] = self._teach(correction.id, span, correction.to_case_id,
                                                  vector, only_new=False, parties=parties)
        self._vote(correction.id, terms, correction.to_case_id)

    def confirm(self, span: Span, case_id: int, terms: frozenset[Found] = frozenset()) -> None:
        """The attributor's own confident decision: it keeps the span's thread or document
        with the matter and makes the parties nobody knew yet the matter's aliases, until a
        correction of the span says otherwise."""
        key = own_source(span.id)
        if key not in self.lessons:
            self.lessons[key] = self._teach(key, span, case_id, None, only_new=True)
            self._vote(key, terms, case_id)

    def _vote(self, source: str, terms: frozenset[Found], case: int | None) -> None:
        votes = [(t, case is not None and self.index.kind_of(t.term, case) is not None)
                 for t in terms]
        self._votes[source] = votes
        for term, agrees in votes:
            self._tally[term][0 if agrees else 1] += 1

    def contradicted(self, key: Found) -> bool:
        """Whether any term (a caption, a docket number, a client's phone, an alias),
        where it is (in a window's title or content), was found there on work that
        belonged to other matters twice as often as to its own: the case number in an
        inbox's list of messages, a number shared by a client and a timekeeper's
        signature."""
        return key in self._misleading

    def misleading(self, key: Found) -> bool:
        """Whether a weak profile term should not count: it is on every screen, or the
        work it was found on belonged to other matters (decided with confidence or
        corrected) twice as often as to its own."""
        if self.contradicted(key):
            return True
        term = key.term
        if term.kind != TermKind.NAME:
            # Only a name's words are counted on screens (a short number of a description,
            # a "detail" docket term, is never "on every screen"), as before Term.
            return False
        limit = self._seen_limit(EVERYWHERE_SPANS, EVERYWHERE_FRACTION)
        return all(self._words_seen[w] > limit for w in term.value.split())

    def confirmed(self, span_id: str) -> bool:
        """Whether the attributor's own decision on the span was confirmed (taught)."""
        return own_source(span_id) in self.lessons

    def withdraw(self, span_id: str) -> None:
        """Take back what the attributor's own decision on a span taught."""
        self._forget(own_source(span_id))

    def _teach(self, source: str, span: Span, case: int | None, vector: np.ndarray | None,
               only_new: bool, parties: frozenset[Term] = frozenset()) -> list[Taught]:
        lessons: list[Taught] = []
        thread = thread_key(span)
        places = [k for k in (thread, *_sites(site_key(span)), context_key(span)) if k]
        if case is None:
            for key in places:
                self._nonmatter[key] += 1
                lessons.append(Taught(source, key, None, "nonmatter"))
            return lessons
        for key in places:
            self._matter_places[key] += 1
            lessons.append(Taught(source, key, case, "place"))
        if thread:
            # The thread, and the thread with each correspondent: "Quick question" is the
            # subject of many matters' threads, each with its own client.
            for key in (thread, *(_with(thread, e) for e in self._correspondents(span))):
                self._threads[key][case] += 1
                lessons.append(Taught(source, key, case, "thread"))
        # A research page names the parties of other people's cases: learn none of it.
        research = span.kind == SpanKind.BROWSER and is_research(span)
        keys = set() if research else set(self._could_be_parties(span))
        if not research and not only_new:
            found = parties - self.stop_keys
            keys |= found
            self.parties += sorted(p for p in found if not self._is_furniture(p)
                                   and p not in self.parties)
        chrome = chrome_names(span, sites=only_new) if in_force().uses("window_chrome") else ""
        for key in keys:
            # Part of a name in MyCase's records is no new party: it is that matter's, as
            # the records say, or (a generic "Cleaning Services") several's.
            if self._is_furniture(key) or (key.kind == TermKind.NAME and (
                    f" {key.value} " in chrome or key.value in self.recorded_runs)):
                continue
            # A confident decision teaches only what nobody knew yet; but a key that is
            # no more than another matter's learned alias ("Stop Video", "Adobe Acrobat
            # Pro" taught on the first morning) is now found with this matter's work as
            # well: taught for both, it tells neither apart (``refresh`` drops it).
            if only_new and self.index.known(key) and not self._learned_only(key):
                continue
            self._alias_refs[(key, case)] += 1
            refs, kind = self._alias_refs[(key, case)], self.index.kind_of(key, case)
            settled = refs >= self._settled_refs(key)
            if (refs == 1 and kind is None) or (settled and kind == "alias"):
                self.index.add_term(key, case, "settled" if settled else "alias")
                self._dirty = True
            lessons.append(Taught(source, key, case, "alias"))
        if vector is not None:
            self._vectors.append((source, case, vector))
        return lessons

    def _settled_refs(self, key: Term) -> int:
        """How many decisions settle an alias: one, for a person shown with their own
        address or number (the name is as good as the address); else ``SETTLED_REFS``."""
        return 1 if key in self._people else SETTLED_REFS

    def _learned_only(self, key: Term) -> bool:
        """Whether every matter the key points at learned it here (none has it from MyCase)."""
        return all(kind in LEARNED_KINDS for kind in self.index.holders(key).values())

    def unlearn(self, correction: Correction) -> None:
        self._forget(correction.id)

    def _forget(self, source: str) -> None:
        for lesson in self.lessons.pop(source, []):
            if lesson.kind == "nonmatter":
                self._nonmatter[lesson.key] -= 1
            elif lesson.kind == "place":
                self._matter_places[lesson.key] -= 1
            elif lesson.kind == "thread" and lesson.case_id is not None:
                self._threads[lesson.key][lesson.case_id] -= 1
            elif lesson.kind == "alias" and lesson.case_id is not None:
                ref = (lesson.key, lesson.case_id)
                self._alias_refs[ref] -= 1
                kind = self.index.kind_of(*ref)
                if self._alias_refs[ref] <= 0 and kind in LEARNED_KINDS:
                    self.index.remove_term(*ref)
                    self._dirty = True
                elif self._alias_refs[ref] < self._settled_refs(lesson.key) and kind == "settled":
                    self.index.add_term(*ref, "alias")
                    self._dirty = True
        self._vectors = [v for v in self._vectors if v[0] != source]
        for term, agrees in self._votes.pop(source, []):
            self._tally[term][0 if agrees else 1] -= 1

    def observation(self, span: Span) -> Observation:
        """What a span shows that ``observe`` counts (it reads only the firm's own people
        and domains, which never change)."""
        return Observation(span.id, self._could_be_parties(span),
                           introduced(self.firm, span_text(span)),
                           frozenset(words(span_text(span))), f"{span.app}|{span.kind.value}")

    def _could_be_parties(self, span: Span) -> frozenset[Term]:
        """What a span shows that a lesson may teach as a matter's alias: its names, outside
        addresses and phones, and the codes of its title."""
        return alias_keys(self.firm, span_text(span)) | title_codes(span.window_title)

    def observe(self, seen: Observation, day: date) -> None:
        """Count what a span of ``day`` shows (no label needed) to tell parties from
        furniture, and note the day each outside address was first met."""
        if seen.span_id in self._observed:
            return
        self._observed.add(seen.span_id)
        self._spans_seen += 1
        self._seen.update(seen.keys)
        self._window_spans[seen.window] += 1
        self._words_in_window.update((seen.window, word) for word in seen.words)
        for key in seen.keys:
            if key.kind == TermKind.EMAIL:
                self._first_met.setdefault(key.value, day)
        self._people.update(seen.people)
        self._words_seen.update(seen.words)
        self._furniture = None

    def _seen_limit(self, spans: int, fraction: float) -> float:
        """Seen on more spans than this (at least ``spans``, or ``fraction`` of all the
        spans observed) is seen everywhere."""
        return max(spans, fraction * self._spans_seen)

    def _furniture_sets(self) -> tuple[set[Term], set[str], set[str]]:
        """The keys and the words on too many spans, and each app's chrome words (words on
        most of its windows of one kind: its chats, its documents, whatever they are
        about); counted once after each observation."""
        if self._furniture is None:
            limit = self._seen_limit(COMMON_SPANS, COMMON_FRACTION)
            chrome = {w for (window, w), n in self._words_in_window.items()
                      if n > max(COMMON_SPANS, APP_CHROME_SHARE * self._window_spans[window])}
            self._furniture = ({k for k, n in self._seen.items() if n > limit},
                               {w for w, n in self._words_seen.items() if n > limit}, chrome)
        return self._furniture

    @property
    def chrome_words(self) -> frozenset[str]:
        """The words of the apps' own chrome: on most of an app's windows of one kind."""
        if not in_force().uses("furniture"):
            return frozenset()
        return frozenset(self._furniture_sets()[2])

    def _is_chrome(self, key: Term) -> bool:
        """A name run made only of an app's chrome words (its menus and tabs), and not a
        person shown with their own address or number."""
        if not in_force().uses("furniture") or key.kind != TermKind.NAME or key in self._people:
            return False
        chrome = self._furniture_sets()[2]
        return all(w in chrome for w in key.value.split())

    def _is_furniture(self, key: Term) -> bool:
        """A key seen on too many spans (a signature, a letterhead), a name run with a word
        of every screen in it ("Stop Video", "Hi Ottilie"), one made only of the firm's
        everyday words ("Sale Agreement"), or app chrome (``_is_chrome``), is not a party;
        unless the run is a person shown with their own address or number, whose words a
        new party's first busy day puts on many screens ("Femi" on seven spans of one
        morning)."""
        if not in_force().uses("furniture"):
            return False
        keys, common, _ = self._furniture_sets()
        if key in keys:
            return True
        if key.kind != TermKind.NAME or key in self._people:
            return False
        tokens = key.value.split()
        return (any(w in common for w in tokens) or all(w in self.common_words for w in tokens)
                or self._is_chrome(key))

    # -- recall ------------------------------------------------------------
    def refresh(self, chrome_only: bool = False) -> bool:
        """Drop aliases that turned out to be common, and re-weight the index; whether
        the index changed. A key taught for two matters or more at once ("Tentative
        Rulings" of a court's site, the district attorney's address) tells none of them
        apart: it is dropped for all. With ``chrome_only`` (a day's first look, once its
        spans are observed) only aliases made of an app's chrome words are dropped: a new
        party on many of that day's screens would look common too, so the rest waits for
        the day's end."""
        matters = Counter(key for (key, _), refs in self._alias_refs.items() if refs > 0)
        for (key, case), refs in self._alias_refs.items():
            dropped = (self._is_chrome(key) if chrome_only
                       else matters[key] > 1 or self._is_furniture(key))
            if refs > 0 and dropped and self.index.kind_of(key, case) in LEARNED_KINDS:
                self.index.remove_term(key, case)
                self._dirty = True
        self._misleading = frozenset(
            t for t, (agree, against) in self._tally.items()
            if against >= MISLEADING_SPANS and against >= RULES.misleading_ratio * agree)
        if not self._dirty:
            return False
        self.index.freeze()
        self._dirty = False
        self.revision += 1
        return True

    def recall(self, ev: Evidence) -> int | None:
        """The matter this span's thread or document was decided for (by corrections or
        confident decisions), if one holds at least ``THREAD_SHARE`` of them: first the
        thread with this span's correspondents, then the subject alone. A subject that
        several matters' threads share ("Documents") recalls none by itself."""
        if ev.thread is None or not in_force().uses("thread_memory"):
            return None
        with_people: Counter[int] = Counter()
        for email in ev.emails:
            with_people.update(self._threads.get(_with(ev.thread, email), Counter()))
        for counts in (+with_people, +self._threads.get(ev.thread, Counter())):
            if counts:
                case, n = counts.most_common(1)[0]
                if n >= THREAD_SHARE * counts.total():
                    return case
        return None

    def at_firm(self, address: str) -> bool:
        """Whether an address is at one of the firm's own mail domains."""
        return self.firm.at_firm(address)

    def _correspondents(self, span: Span) -> set[str]:
        """The addresses on an email outside the firm's own domains."""
        return {i.key for i in find_identifiers(span_text(span))
                if i.kind == "email" and not self.at_firm(i.key)}

    def strangers(self, addresses: Iterable[str], day: date) -> set[str]:
        """The addresses (a span's) outside the firm that no matter knows and no span of a
        day before ``day`` showed: people met for the first time that day."""
        return {e for e in addresses if not self.at_firm(e) and self._first_met.get(e, day) >= day
                and not self.index.known(Term(TermKind.EMAIL, e))}

    def nonmatter_boost(self, ev: Evidence) -> float:
        """How much "no matter" gains from places (a thread, a site, a meeting title) that
        were corrected to no matter more often than they held matter work."""
        if ev.id_hits or not in_force().uses("nonmatter_places"):
            return 0.0
        share = max((self._nonmatter[k] / (self._nonmatter[k] + self._matter_places[k])
                     for k in (ev.thread, *_sites(ev.site), ev.context)
                     if k and self._nonmatter[k] > 0),
                    default=0.0)
        return NONMATTER_BOOST * share if share > RULES.nonmatter_share else 0.0

    def nearest(self, vector: np.ndarray) -> dict[int, float]:
        """Corrected spans close to this one: {matter: cosine above the threshold}."""
        best: dict[int, float] = {}
        for _, case, other in self._vectors:
            cos = float(other @ vector)
            if cos >= KNN_MIN_COSINE and cos - KNN_MIN_COSINE > best.get(case, -1.0):
                best[case] = cos - KNN_MIN_COSINE
        return {m: v * RULES.knn_scale for m, v in best.items()}

    def corrections(self) -> frozenset[str]:
        """The corrections learned from (and not undone)."""
        return frozenset(source for source in self.lessons if not source.startswith("own:"))

    def taught(self) -> list[Taught]:
        """What corrections taught (the attributor's own confirmations are not listed)."""
        return [lesson for source, lessons in self.lessons.items() if not source.startswith("own:")
                for lesson in lessons]
