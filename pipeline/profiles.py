"""Matter profiles and the term index that the cheap signals look spans up in.

A profile gathers what identifies a matter: its caption and number, its
clients' and companies' names, emails and phones, the people named in the
narratives of its past time entries, and what corrections taught. The index
maps each term to the matters it points at, weighted by how specific it is:
a docket number names one matter, a surname shared by three clients names
none of them on its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.entities import PERSON, party_label
from pipeline.identifiers import (
    CODE,
    canonical_email,
    canonical_phone,
    keys_for_case_number,
    short_number,
)
from pipeline.rules import RULES
from pipeline.terms import Term, TermKind, name
from pipeline.text import STOPWORDS, name_key, ngrams, words
from tenths.records import Matter, RemoteEntry

WEIGHTS = RULES.weights  # how much one occurrence of a term says, before it is shared

# The kinds of term that name a matter only loosely: one can be screen furniture (the
# firm's own street in every signature) or belong to other matters' work as well.
WEAK_KINDS = frozenset({"short", "surname", "detail", "detail1", "party"})
# The kinds of term learned on this laptop rather than synced from MyCase.
LEARNED_KINDS = frozenset({"alias", "settled"})

# The words between a caption's parties: "Okafor v. Brightline", "Larchmont adv. Ferris"
# (adversus: the firm's client first), "Quist / Harwell Logistics LLC Severance Review".
_CAPTION_SPLIT = re.compile(r"\s+(?:v\.?|vs\.?|versus|adv\.?|/)\s+", re.I)
# "Wendell Ulford - Purchase of 8970 Kestrel Dr": the party is before the dash, what
# follows describes the work (the street's words are details, never the party's short name).
_CAPTION_TOPIC = re.compile(r"\s+[-\u2013\u2014]\s+")
_CAPTION_PREFIX = re.compile(
    r"^(?:in\s+re(?:\s+the)?(?:\s+(?:estate|marriage|matter|guardianship|conservatorship)"
    r"\s+of)?|(?:the\s+)?matter\s+of|estate\s+of|people\s+v\.?|state\s+v\.?)\s+",
    re.I,
)
_PARENS = re.compile(r"\([^)]*\)")
_COMPANY_ENDS = RULES.legal_suffixes | RULES.company_words
# Names as timekeepers write them in narratives: "Judge Alvarez", "Dana Whitfield".
_TITLE = ("(?:" + "|".join(sorted((t.capitalize() for t in RULES.honorifics), key=len,
                                   reverse=True)) + r")\.?")
_TITLE_WORDS = RULES.honorifics
# A name's words are one space apart: a line break or a wide gap on a screen separates
# fields ("Meera Montiel" / "Deputy District Attorney"; a toolbar's "Stop Video  Share").
# A hyphenated given name is written either way ("Jae-won", "Jean-Luc").
_NAMED = re.compile(
    r"\b(?:" + _TITLE + r" )?"
    r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?(?: [A-Z]\.)?(?: [A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?)+"
)
_TITLES = re.compile("^" + _TITLE + r"\s+")
# A case caption on a line: capitalised words, "v." or "vs.", capitalised words.
_CAPITALISED = r"[A-Z][\w'&-]*\.?(?: [A-Z&][\w'&-]*\.?,?)*"
_CITED = re.compile(rf"\b{_CAPITALISED} vs?\. {_CAPITALISED}")


def caption_parties(caption: str) -> list[str]:
    """The party names in a caption such as "Okafor v. Brightline Logistics, Inc.". Each
    party's name ends where a dash starts the work's topic ("Imke Sollers - EEOC Charge
    v. Dunmore Dental Group") or after a company's legal form ("Harwell Logistics LLC
    Severance Review"); a person filed surname first ("Sollers, Imke") is turned round;
    two people each named in full and joined by "and" are two parties."""
    text = _CAPTION_PREFIX.sub("", _PARENS.sub(" ", caption).strip())
    parties = []
    for part in _CAPTION_SPLIT.split(text):
        party = _CAPTION_TOPIC.split(part.strip(), maxsplit=1)[0]
        tokens = party.split()
        ends = [i + 1 for i, t in enumerate(tokens) if i and _bare(t) in _COMPANY_ENDS]
        tokens = tokens[: ends[0]] if ends else tokens
        parties += [_given_first(p).strip(" ,.;") for p in _people(" ".join(tokens))]
    return [p for p in parties if p]


def _people(party: str) -> list[str]:
    """Two people a caption joins with "and" ("In re Marriage of Layla Vance and Soo Yoon"),
    each named in full, are two parties; "Mirela and Tove Lindqvar" (one surname for
    both) and "Efua and Kofi Brannagh Trust" stay one."""
    sides = party.split(" and ")
    if len(sides) == 2 and all(len(side.split()) >= 2 and party_label(side) == PERSON
                               for side in sides):
        return sides
    return [party]


def _bare(token: str) -> str:
    return token.strip(" ,.;").lower()


def _given_first(party: str) -> str:
    """A person filed surname first, "Sollers, Imke", is Imke Sollers; a company with a
    comma before its legal form, "Ashgrove Apartments, Corp.", stays as it is."""
    head, comma, rest = party.partition(",")
    if not comma or "," in rest:
        return party
    if all(1 <= len(side.split()) <= 2 and party_label(side) == PERSON for side in (head, rest)):
        return f"{rest.strip()} {head.strip()}"
    return party


def _is_company(party: str) -> bool:
    """Whether a party is a company, written short by its first word rather than its last:
    its name ends in a legal form or a word such as "Group", or joins names with "&"
    ("Fenwick Bakery & Cafe")."""
    tokens = party.split()
    return len(tokens) > 1 and ("&" in tokens or _bare(tokens[-1]) in _COMPANY_ENDS)


def name_runs(text: str) -> list[str]:
    """Capitalised name sequences (two words or more) in ``text``, as keys, each time it
    occurs."""
    found = []
    for match in _NAMED.finditer(text):
        name = _TITLES.sub("", match.group(0)).strip()
        key = name_key(name)
        if len(key.split()) >= 2 and not set(key.split()) <= STOPWORDS:
            found.append(key)
    return found


def cited_cases(text: str) -> list[str]:
    """The cases a screen names by caption ("Tran v. Ridgeback Mutual Ins. Co.", a search
    result or a citation), as keys, each time one occurs."""
    return [name_key(m.group(0)) for m in _CITED.finditer(text)]


def names_in(text: str) -> set[str]:
    """Capitalised name sequences (two words or more) in a narrative."""
    return set(name_runs(text))


def _usable(key: str) -> bool:
    tokens = key.split()
    if not tokens or all(t in STOPWORDS for t in tokens):
        return False
    return not (len(tokens) == 1 and (len(tokens[0]) < RULES.name_min_chars
                                      or tokens[0].isdigit()))


@dataclass
class MatterProfile:
    """What identifies one matter; ``terms`` maps a term to its kind."""

    matter: Matter
    terms: dict[Term, str] = field(default_factory=dict)
    narrative_names: set[str] = field(default_factory=set)
    phrases: set[str] = field(default_factory=set)  # caption and description n-grams
    staff_ids: frozenset[int] = frozenset()

    def add(self, key: Term, kind: str) -> None:
        if not key.value:
            return
        # (``_usable`` reads the term as written, ``kind:value``, as it always has: a single
        # short word's length counts its kind's prefix too.)
        if kind not in ("id", "domain") and not _usable(str(key)):
            return
        current = self.terms.get(key)
        if current is None or WEIGHTS[kind] > WEIGHTS[current]:
            self.terms[key] = kind

    @property
    def text(self) -> str:
        """The profile as prose, for the embedding model."""
        m = self.matter
        people = ", ".join(sorted({c.name for c in m.contacts if c.name}))
        named = ", ".join(sorted(self.narrative_names)[: RULES.profile_names_shown])
        return (f"{m.name}. {m.practice_area}. {m.description} Clients: {people}. "
                f"Also involved: {named}.")


def build_profile(matter: Matter, history: Iterable[RemoteEntry] = ()) -> MatterProfile:
    profile = MatterProfile(matter=matter, staff_ids=matter.staff_ids)
    for key in keys_for_case_number(matter.case_number):
        profile.add(key, "id")
    profile.add(name(name_key(matter.name)), "caption")
    shorts = []
    for party in caption_parties(matter.name):
        key = name_key(party)
        profile.add(name(key), "full_name")
        if key:
            # "Pinecrest Dental Group" is "Pinecrest"; "Nikolai Boateng" is "Boateng".
            short = key.split()[0] if _is_company(party) else key.split()[-1]
            shorts.append(short)
            profile.add(name(short), "short")
    if len(shorts) == 2:
        profile.add(name(f"{shorts[0]} v {shorts[1]}"), "caption")
    for code in CODE.findall(matter.description):
        # A bare number of a few digits ("3441 Quarry Pl", "Agreement No. 2820") is met
        # on bank pages and in amounts as often as on the matter: a detail, not an id.
        kind = "detail" if short_number(code) else "id"
        for key in keys_for_case_number(code):
            profile.add(key, kind)
    profile.phrases = {
        g for g in ngrams(words(f"{matter.name} {matter.description}"), 3)
        if not set(g.split()) <= STOPWORDS and not g.isdigit()
    }
    for contact in matter.contacts:
        key = name_key(contact.name)
        profile.add(name(key), "full_name")
        parts = key.split()
        if contact.kind == "client" and len(parts) >= 2:
            profile.add(name(parts[-1]), "surname")
        if contact.kind == "company" and len(parts) >= 2:
            # MyCase says it is a company: written short by its first word, as a caption's
            # company is ("Larchmont" for Larchmont Veterinary Clinic), whatever the
            # caption calls the matter.
            profile.add(name(parts[0]), "short")
        if contact.kind == "client" and len(parts) >= 3:
            # MyCase keeps middle names; people are written "first last".
            profile.add(name(f"{parts[0]} {parts[-1]}"), "full_name")
        if contact.email:
            email = canonical_email(contact.email)
            profile.add(Term(TermKind.EMAIL, email), "id")
            domain = email.rsplit("@", 1)[-1]
            if contact.kind == "company" and domain not in RULES.generic_domains:
                profile.add(Term(TermKind.DOMAIN, domain), "domain")
        for phone in contact.phones:
            number = canonical_phone(phone)
            if number:
                # A company's number is its switchboard: anybody there calls from it, and
                # signs with it, about any matter. It says what the company's domain does.
                profile.add(Term(TermKind.PHONE, number),
                            "domain" if contact.kind == "company" else "id")
    for entry in history:
        for person in names_in(entry.description):
            profile.narrative_names.add(person)
            profile.add(name(person), "party")
    return profile


def add_distinctive_phrases(profiles: Iterable[MatterProfile]) -> None:
    """Give each profile the caption and description phrases no other matter shares."""
    profiles = list(profiles)
    counts: Counter[str] = Counter(g for p in profiles for g in p.phrases)
    for profile in profiles:
        for gram in profile.phrases:
            if counts[gram] != 1:
                continue
            if " " in gram:
                profile.add(name(gram), "detail")
            elif len(gram) >= RULES.detail1_min_chars and not gram.isdigit():
                profile.add(name(gram), "detail1")


def drop_everyday_names(profiles: Iterable[MatterProfile], everyday: frozenset[str]) -> None:
    """A past narrative's capitalised run made only of the firm's everyday words names a
    task or a document ("Revise Privilege Log", "Closing Checklist"), not a person or a
    firm: it is no party of the matter (as such a run is no alias, ``LearnedMemory``)."""
    for profile in profiles:
        profile.terms = {key: kind for key, kind in profile.terms.items()
                         if not (kind == "party" and set(key.value.split()) <= everyday)}


def drop_firm_terms(profiles: Iterable[MatterProfile], firm_names: frozenset[Term]) -> None:
    """The firm's own people are on every screen: their names are no matter's term, nor
    is a description word or narrative name made only of their names' words ("Hollis")."""
    tokens = {t for key in firm_names for t in key.value.split()}
    for profile in profiles:
        profile.terms = {
            key: kind for key, kind in profile.terms.items()
            if key not in firm_names
            and not (kind in ("detail", "detail1", "party") and key.kind == TermKind.NAME
                     and set(key.value.split()) <= tokens)
        }


EVERYDAY_MATTERS = RULES.everyday_matters
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def proper_words(texts: Iterable[str]) -> set[str]:
    """Words of names in prose: written with a capital inside a sentence, never in lower
    case, and met beside two different capitalised words at least, as a given name meets
    many surnames and a surname many given names ("Kwame Quintero", "Kwame Yadav"). A
    defined term reads the same each time ("Purchase Agreement"), an everyday word is
    also written in lower case ("hearing"), and a sentence's first word proves nothing."""
    lower: set[str] = set()
    partners: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        run: list[str] = []
        end = 0
        for match in _TOKEN.finditer(text):
            token, gap = match.group(0), text[end : match.start()]
            initial = _starts_sentence(text[: match.start()])
            if run and (gap.strip(" -") or token[0].islower() or initial):
                _pair(run, partners)
                run = []
            if token[0].islower():
                lower.update(words(token))
            elif not initial:
                run += [w for w in words(token) if w not in _TITLE_WORDS]
            end = match.end()
        _pair(run, partners)
    return {w for w, others in partners.items() if len(others) >= 2} - lower


def _starts_sentence(before: str) -> bool:
    """Whether a word after ``before`` opens a sentence ("Hon." and "Dr." close none)."""
    before = before.rstrip()
    if not before:
        return True
    if before[-1] == ".":
        last = words(before[-12:])
        return not last or last[-1] not in _TITLE_WORDS
    return before[-1] in ";:!?"


def _pair(run: list[str], partners: dict[str, set[str]]) -> None:
    for w in run:
        partners[w].update(o for o in run if o != w)


def party_words(matters: Iterable[Matter]) -> set[str]:
    """The words of the names MyCase holds for matters: their contacts and caption parties."""
    return ({w for m in matters for c in m.contacts for w in words(c.name)}
            | {w for m in matters for p in caption_parties(m.name) for w in words(p)})


def everyday_words(profiles: Iterable[MatterProfile], history: Iterable[RemoteEntry]) -> frozenset[str]:
    """Words of the firm's records (captions, descriptions, past narratives) found with
    many matters, less the words of names: those MyCase holds, and those the narratives
    and descriptions write as names ("Hon. Kwame Quintero", "Zainab Quinlan"): "agreement",
    "hearing"."""
    by_word: dict[str, set[int]] = defaultdict(set)
    prose: list[str] = []
    for entry in history:
        prose.append(entry.description)
        for w in set(words(entry.description)):
            by_word[w].add(entry.case_id)
    matters = [profile.matter for profile in profiles]
    for m in matters:
        prose.append(m.description)
        for w in set(words(f"{m.name} {m.description} {m.practice_area}")):
            by_word[w].add(m.id)
    names = party_words(matters) | proper_words(prose)
    return frozenset(w for w, cases in by_word.items()
                     if len(cases) >= EVERYDAY_MATTERS and w not in names)


class TermIndex:
    """term → {matter id: weight}, with weights shared among the matters a term names."""

    def __init__(self) -> None:
        # Copied on write: a copy shares each term's holders until one of the two changes
        # them (a day's learning copies the index many times and changes a few terms).
        self._kinds: dict[Term, dict[int, str]] = {}
        self._owned: set[Term] = set()  # the terms whose holders no other index shares
        # The terms changed since the weights were computed (None: the weights are not
        # this index's, all must be computed): ``freeze`` re-weights only those.
        self._changed: set[Term] | None = None
        self.weights: dict[Term, dict[int, float]] = {}
        self.max_words = 1
        self._name_words: dict[int, frozenset[str]] = {}  # matter → the words of its names
        self._names: dict[str, tuple[Term, dict[int, float]]] = {}  # name value → its weights

    def copy(self) -> TermIndex:
        new = TermIndex()
        new._kinds = dict(self._kinds)
        self._owned = set()
        new._changed = None if self._changed is None else set(self._changed)
        new.weights, new.max_words, new._name_words = self.weights, self.max_words, self._name_words
        new._names = self._names
        return new

    def to_state(self) -> dict:
        """The index as plain data (JSON): each term's holders and kinds, and the weights
        in force (a refresh re-weights; terms learned since wait for the next one)."""
        return {"kinds": [[str(k), [[m, kind] for m, kind in v.items()]]
                          for k, v in self._kinds.items()],
                "weights": [[str(k), [[m, w] for m, w in v.items()]]
                            for k, v in self.weights.items()],
                "max_words": self.max_words,
                "name_words": [[m, sorted(w)] for m, w in self._name_words.items()]}

    @classmethod
    def from_state(cls, state: dict) -> TermIndex:
        new = cls()
        new._kinds = {Term.parse(k): {int(m): kind for m, kind in v} for k, v in state["kinds"]}
        new._owned = set(new._kinds)
        new.weights = {Term.parse(k): {int(m): float(w) for m, w in v}
                       for k, v in state["weights"]}
        new.max_words = int(state["max_words"])
        new._name_words = {int(m): frozenset(w) for m, w in state["name_words"]}
        new._names = _names_of(new.weights)
        return new

    def add_profile(self, profile: MatterProfile) -> None:
        for key, kind in profile.terms.items():
            self._holders(key)[profile.matter.id] = kind

    def add_term(self, key: Term, matter_id: int, kind: str) -> None:
        self._holders(key)[matter_id] = kind

    def remove_term(self, key: Term, matter_id: int) -> None:
        if key in self._kinds:
            holders = self._holders(key)
            holders.pop(matter_id, None)
            if not holders:
                del self._kinds[key]
                self._owned.discard(key)

    def _holders(self, key: Term) -> dict[int, str]:
        """The term's holders, this index's own to change."""
        if self._changed is not None:
            self._changed.add(key)
        if key not in self._owned:
            self._kinds[key] = dict(self._kinds.get(key, {}))
            self._owned.add(key)
        return self._kinds[key]

    def freeze(self) -> TermIndex:
        """Recompute shared weights after profiles or terms changed: those of the terms
        changed since the last time (a day's lessons change a few of thousands), or of
        every term when the weights are not this index's own yet."""
        every = self._changed is None
        weights, names = ({}, {}) if every else (dict(self.weights), dict(self._names))
        touched: set[int] = set()  # the matters whose names changed
        for key in self._kinds if every else self._changed:
            holders = self._kinds.get(key)
            if key.kind == TermKind.NAME:
                touched.update(self.weights.get(key, ()))
                touched.update(holders or ())
            if holders:
                weights[key] = {m: WEIGHTS[k] / len(holders) for m, k in holders.items()}
                if key.kind == TermKind.NAME:
                    names[key.value] = (key, weights[key])
            else:
                weights.pop(key, None)
                if key.kind == TermKind.NAME:
                    names.pop(key.value, None)
        kept = {} if every else {m: w for m, w in self._name_words.items() if m not in touched}
        self.weights, self._names = weights, names
        self._name_words = {**kept, **_name_words(names.values(), touched)}
        self.max_words = max((len(value.split()) for value in names), default=1)
        self._changed = set()
        return self

    def recorded_runs(self) -> frozenset[str]:
        """Every run of two words or more inside a name that MyCase's records (not this
        laptop's learning) give a matter: "cleaning services" of "ostrander cleaning
        services"."""
        runs: set[str] = set()
        for key, holders in self._kinds.items():
            if key.kind == TermKind.NAME and not set(holders.values()) <= LEARNED_KINDS:
                tokens = key.value.split()
                runs.update(" ".join(tokens[i:j]) for i in range(len(tokens))
                            for j in range(i + 2, len(tokens) + 1))
        return frozenset(runs)

    def name_words(self, matter_id: int) -> frozenset[str]:
        """Every word of the names and phrases that point at the matter."""
        return self._name_words.get(matter_id, frozenset())

    def known(self, key: Term) -> bool:
        """Whether the term points at any matter."""
        return key in self._kinds

    def holders(self, key: Term) -> Mapping[int, str]:
        """The matters the term points at, with the kind of term it is for each."""
        return self._kinds.get(key, {})

    def kind_of(self, key: Term, matter_id: int) -> str | None:
        return self._kinds.get(key, {}).get(matter_id)

    def lookup(self, keys: Iterable[Term], names: Iterable[str] = ()
               ) -> Mapping[int, list[tuple[Term, float]]]:
        """For each matter, the terms among ``keys`` (and the name terms of ``names``, the
        runs of a screen's words) that point at it, with weights."""
        hits: dict[int, list[tuple[Term, float]]] = defaultdict(list)
        for key in keys:
            for matter_id, weight in self.weights.get(key, {}).items():
                hits[matter_id].append((key, weight))
        for value in names:
            found = self._names.get(value)
            if found is not None:
                key, weights = found
                for matter_id, weight in weights.items():
                    hits[matter_id].append((key, weight))
        # In one order whatever the sets' (Python's string hashes change each run): the
        # scores summed from them, and ties between matters, come out the same every run.
        return {m: sorted(hits[m]) for m in sorted(hits)}


def _name_words(names: Iterable[tuple[Term, dict[int, float]]],
                only: set[int]) -> dict[int, frozenset[str]]:
    """The name words of each of the matters ``only``."""
    words: dict[int, set[str]] = defaultdict(set)
    for key, holders in names:
        for matter_id in holders:
            if matter_id in only:
                words[matter_id].update(key.value.split())
    return {m: frozenset(w) for m, w in words.items()}


def _names_of(weights: Mapping[Term, dict[int, float]]) -> dict[str, tuple[Term, dict[int, float]]]:
    """The name terms by their words: a screen's runs are looked up by value, without a
    term made for each of the thousands of runs that name nothing."""
    return {k.value: (k, w) for k, w in weights.items() if k.kind == TermKind.NAME}


@lru_cache(maxsize=512)
def span_name_runs(text: str, max_words: int) -> frozenset[str]:
    """Every run of one to ``max_words`` words, as name values (kept for a day's worth
    of texts: the day's spans are looked up again once the day taught new aliases)."""
    tokens = words(text)
    runs = set()
    for n in range(1, max_words + 1):
        for i in range(len(tokens) - n + 1):
            runs.add(" ".join(tokens[i : i + n]))
    return frozenset(runs)
