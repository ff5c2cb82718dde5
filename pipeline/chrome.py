"""Window and app chrome: the words that frame a screen rather than say what is on it.

Learned, not listed. A word is chrome for an app (and kind of span) when it is
in the titles of at least half of that app's spans and those spans belong to at
least two different matters (or none): "Zoom Meeting" on every Zoom call,
"Chat" on every Teams chat, "Call with" on every softphone call, "Message" and
"HTML" on every mail window, "Scan" on every scanned PDF. The app's own name
("Microsoft Teams", "Adobe Acrobat Pro") is chrome in its titles as well. A
word that names the work ("Deposition", "Motion") is in a few titles of many
matters, never in most titles of one app, so it stays.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pipeline.vocabulary import tokens
from tenths.records import Span


@dataclass(frozen=True)
class ChromeRules:
    """The two numbers of the chrome rule (see the module docstring)."""

    min_share: float = 0.5  # of an app's spans whose titles carry the word
    min_matters: int = 2  # distinct matters (or none) among those spans


def app_key(span: Span) -> str:
    return f"{span.app.lower()}|{span.kind}"


@dataclass(frozen=True)
class Chrome:
    """Per app key, the words of its chrome (lower case)."""

    words: Mapping[str, frozenset[str]]

    def of(self, span: Span) -> frozenset[str]:
        own = frozenset(w.lower() for w in tokens(span.app))
        return own | self.words.get(app_key(span), frozenset())

    def merged(self, other: Chrome) -> Chrome:
        keys = set(self.words) | set(other.words)
        return Chrome({k: self.words.get(k, frozenset()) | other.words.get(k, frozenset())
                       for k in keys})


EMPTY = Chrome({})


def learn_chrome(
    spans: Iterable[Span], case_of: Mapping[str, int | None], rules: ChromeRules = ChromeRules()
) -> Chrome:
    """Learn the chrome of each app from spans and the matter each belongs to."""
    count: dict[str, int] = defaultdict(int)
    seen: dict[str, dict[str, set[object]]] = defaultdict(lambda: defaultdict(set))
    carried: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for span in spans:
        key = app_key(span)
        count[key] += 1
        for word in {w.lower() for w in tokens(span.window_title)}:
            carried[key][word] += 1
            seen[key][word].add(case_of.get(span.id))
    words = {
        key: frozenset(
            w for w, n in carried[key].items()
            if n >= rules.min_share * count[key] and len(seen[key][w]) >= rules.min_matters
        )
        for key in count
    }
    return Chrome({k: v for k, v in words.items() if v})
