"""Text normalisation shared by the matching stages."""

from __future__ import annotations

import re
import unicodedata

from pipeline.rules import RULES

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_DROPPED = RULES.legal_suffixes | {"the"}  # name keys drop a legal form and "the"
STOPWORDS = RULES.stopwords


def fold(text: str) -> str:
    """Lowercase, strip accents; keep letters, digits and spaces."""
    if text.isascii():  # nothing to decompose (most screens): lower case is all
        return text.lower()
    # Only the letters outside ASCII (an OCR's curly quote, an accent) can be marks.
    return _NON_ASCII.sub(_unless_combining, unicodedata.normalize("NFKD", text)).lower()


def _unless_combining(match: re.Match[str]) -> str:
    """The character, or nothing for a combining mark NFKD split off ("é" = "e" + U+0301)."""
    return "" if unicodedata.combining(match.group()) else match.group()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def name_key(name: str) -> str:
    """A party or company name as a lookup key: folded words, legal suffixes dropped."""
    tokens = [t for t in words(name) if t not in _DROPPED]
    return " ".join(tokens)


def ngrams(tokens: list[str], max_n: int = 4) -> set[str]:
    grams: set[str] = set()
    for n in range(1, max_n + 1):
        for i in range(len(tokens) - n + 1):
            grams.add(" ".join(tokens[i : i + n]))
    return grams


_GAP = re.compile(r"\s{2,}")


def without_toolbars(text: str) -> str:
    """The text less its rows of buttons, tabs and menus: lines of three fields or more a
    wide gap apart ("Mute  Stop Video  Share Screen  Leave", "Local  Sports  Business"),
    whose words name no party."""
    return "\n".join(line for line in text.splitlines()
                     if len(_GAP.split(line.strip())) < RULES.toolbar_fields)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)
