"""The firm's voice, learned from the narratives already in MyCase.

``fit_style`` reads past time entries (``RemoteEntry``: on connection, the
firm's history; later, what sync pulls back) and learns, per activity name:

- the heads the firm puts before a party ("Telephone conference" with ...),
  before a topic ("Legal research" re: ...) and before a document ("Draft" ...),
  keeping only heads that start with a verb;
- its abbreviations: "re:" or "regarding", "w/" or "with", "OC" or "opposing
  counsel", and whether it calls a client "client";
- whether topics after "re:" start in lower case, and clauses after ";" too;
- the narratives themselves, as exemplars: a draft clause takes the head of the
  nearest past narrative of the same activity and shape.

An edited narrative (a billing manager's change, pulled back by sync or made
on the review page) is an exemplar with priority: the nearest edited exemplar
wins over the firm's history whenever it is near enough, so later drafts of
similar work follow the edit. What is learned is plain JSON (``to_json``).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.vocabulary import Vocabulary, tokens

# Spellings of the same thing a firm chooses between: (what tenths says, variants).
VARIANTS: dict[str, tuple[str, ...]] = {
    "regarding": ("re:", "regarding", "concerning", "RE:"),
    "with": ("with", "w/"),
    "opposing counsel": ("opposing counsel", "OC", "counsel"),
}
_WITH = re.compile(r"\s+(?:with|w/)\s+", re.I)
_RE = re.compile(r"\s+(?:re:|regarding|concerning|RE:)\s+")
_FROM = re.compile(r"\s+from\s+", re.I)
SHAPES = ("party", "topic", "object")


@dataclass(frozen=True)
class StyleRules:
    """How near an exemplar must be to lend its head (token Jaccard)."""

    exemplar_similarity: float = 0.25
    edit_similarity: float = 0.15  # an edited exemplar lends from further away
    generic_share: float = 0.25  # see Style._generic


@dataclass(frozen=True)
class Exemplar:
    activity: str
    text: str
    case_id: int | None = None
    edited: bool = False


def clause_shape(clause: str) -> tuple[str, str]:
    """(shape, head) of a narrative clause: 'Telephone conference with X re: Y' is
    ('party', 'Telephone conference'); 'Legal research re: Y' is ('topic', 'Legal
    research'); 'Draft demand letter' is ('object', 'Draft')."""
    clause = clause.strip().rstrip(".")
    with_at = _WITH.search(clause)
    re_at = _RE.search(clause)
    if with_at and (not re_at or with_at.start() < re_at.start()):
        return "party", clause[: with_at.start()].strip()
    if re_at:
        return "topic", clause[: re_at.start()].strip()
    words = clause.split()
    return "object", words[0] if words else ""


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in tokens(text) if len(w) > 2)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True)
class Style:
    """What was learned (see the module docstring). Empty: the built-in voice."""

    heads: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)  # tenths' word -> the firm's
    client_word: bool = False  # the firm writes "client", not the client's name
    lower_topics: bool = False
    lower_after_semicolon: bool = False
    exemplars: tuple[Exemplar, ...] = ()
    rules: StyleRules = StyleRules()

    def word(self, ours: str) -> str:
        return self.words.get(ours, ours)

    def _generic(self, activity: str, shape: str, head: str, content: frozenset[str]) -> bool:
        """A head may carry no fact of its own: each word after the verb is in the
        clause's content or in at least ``generic_share`` of the firm's heads for the
        activity and shape ('exchange' in 'Email exchange'; not 'mediation session')."""
        counts = self.heads.get(activity, {}).get(shape, {})
        total = sum(counts.values())
        for word in tokens(head)[1:]:
            w = word.lower()
            if w in content:
                continue
            share = sum(n for h, n in counts.items() if w in {x.lower() for x in tokens(h)})
            if not total or share < self.rules.generic_share * total:
                return False
        return True

    def head(self, activity: str, shape: str, content: str, vocabulary: Vocabulary,
             case_id: int | None = None) -> str | None:
        """The head for a clause: the nearest edited exemplar's, else the nearest past
        narrative's, else the firm's most common one for the activity and shape."""
        want = _content_words(content)
        best: tuple[float, str] | None = None
        for ex in self.exemplars:
            if ex.activity != activity:
                continue
            for clause in ex.text.split(";"):
                ex_shape, head = clause_shape(clause)
                if ex_shape != shape or not vocabulary.starts_with_verb(head):
                    continue
                if not ex.edited and not self._generic(activity, shape, head, want):
                    continue
                sim = _jaccard(want, _content_words(clause))
                need = self.rules.edit_similarity if ex.edited else self.rules.exemplar_similarity
                if sim < need:
                    continue
                rank = sim + (1.0 if ex.edited else 0.0) + (0.1 if ex.case_id == case_id else 0.0)
                if best is None or rank > best[0]:
                    best = (rank, head)
        if best is not None:
            return best[1]
        counts = self.heads.get(activity, {}).get(shape, {})
        for head, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if vocabulary.starts_with_verb(head) and self._generic(activity, shape, head, want):
                return head
        return None

    def with_edits(self, edits: Iterable[Exemplar]) -> Style:
        """This style with more edited narratives as exemplars of priority."""
        extra = tuple(Exemplar(e.activity, e.text, e.case_id, True) for e in edits)
        return Style(self.heads, self.words, self.client_word, self.lower_topics,
                     self.lower_after_semicolon, extra + self.exemplars, self.rules)

    def to_json(self) -> str:
        return json.dumps({
            "heads": self.heads, "words": self.words, "client_word": self.client_word,
            "lower_topics": self.lower_topics,
            "lower_after_semicolon": self.lower_after_semicolon,
            "exemplars": [[e.activity, e.text, e.case_id, e.edited] for e in self.exemplars],
        }, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Style:
        data = json.loads(text)
        return cls(data["heads"], data["words"], data["client_word"], data["lower_topics"],
                   data["lower_after_semicolon"],
                   tuple(Exemplar(a, t, c, bool(e)) for a, t, c, e in data["exemplars"]))


def _majority(texts: list[str], variants: tuple[str, ...]) -> str | None:
    counts = Counter()
    for text in texts:
        for v in variants:
            pattern = r"(?<!\w)" + re.escape(v) + (r"(?!\w)" if v[-1].isalnum() else "")
            flags = 0 if v.isupper() or v[0].isupper() else re.I
            counts[v] += len(re.findall(pattern, text, flags))
    if not counts or counts.most_common(1)[0][1] == 0:
        return None
    return counts.most_common(1)[0][0]


def fit_style(history: Iterable[tuple[str, str, int | None]],
              edits: Iterable[tuple[str, str, int | None]] = (),
              rules: StyleRules = StyleRules()) -> Style:
    """Learn the firm's style from (activity name, narrative, case id) of past entries,
    and ``edits`` (narratives a billing manager changed) as exemplars with priority."""
    history = [(a, d.strip(), c) for a, d, c in history if d and d.strip()]
    edits = [(a, d.strip(), c) for a, d, c in edits if d and d.strip()]
    heads: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    texts = [d for _, d, _ in history + edits]
    topics_lower = topics = 0
    after_semi_lower = after_semi = 0
    client = named = 0
    for activity, text, _case in history + edits:
        parts = [p.strip() for p in text.rstrip(".").split(";") if p.strip()]
        for i, part in enumerate(parts):
            shape, head = clause_shape(part)
            if head:
                heads[activity][shape][head[0].upper() + head[1:]] += 1
            if i and part[0].isalpha():
                after_semi += 1
                after_semi_lower += part[0].islower()
            m = _RE.search(" " + part)
            if m:
                rest = (" " + part)[m.end():]
                if rest[:1].isalpha():
                    topics += 1
                    topics_lower += rest[:1].islower()
            w = _WITH.search(part)
            if w:
                after = part[w.end():]
                if re.match(r"client\b", after):
                    client += 1
                elif after[:1].isupper():
                    named += 1
    words = {}
    for ours, variants in VARIANTS.items():
        chosen = _majority(texts, variants)
        if chosen:
            words[ours] = chosen
    return Style(
        heads={a: {s: dict(c) for s, c in by.items()} for a, by in heads.items()},
        words=words,
        client_word=client > 0 and client >= named / 4,
        lower_topics=topics > 0 and topics_lower * 2 > topics,
        lower_after_semicolon=after_semi > 0 and after_semi_lower * 2 > after_semi,
        exemplars=tuple(Exemplar(a, d, c, True) for a, d, c in edits)
        + tuple(Exemplar(a, d, c, False) for a, d, c in history),
        rules=rules,
    )
