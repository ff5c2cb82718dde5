"""Text normalisation shared by the matching stages."""

from __future__ import annotations

import re
import unicodedata

from pipeline.rules import RULES

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# The combining marks NFKD splits off a letter ("é" = "e" + U+0301): Unicode's blocks of
# combining diacritical marks.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_DROPPED = RULES.legal_suffixes | {"the"}  # name keys drop a legal form and "the"
STOPWORDS = RULES.stopwords


def fold(text: str) -> str:
    """Lowercase, strip accents; keep letters, digits and spaces."""
    if text.isascii():  # nothing to decompose (most screens): lower case is all
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


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
