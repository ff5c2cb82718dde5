"""Activity codes: the kind of work a span shows → one of the firm's activity names.

MyCase carries free-text activity names, not UTBMS codes; the firm's own list
is synced. Each kind of span has words that the firm's name for it is likely
to contain; the first of the firm's names that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tenths.records import Span

RESEARCH_HOSTS = re.compile(
    r"westlaw|lexis|casetext|scholar\.google|courtlistener|fastcase|bloomberglaw|law\.cornell",
    re.I,
)

# Work type → patterns a firm's activity name for it may match, most specific first.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "research": (r"research",),
    "email": (r"e-?mail", r"correspond", r"communicat"),
    "document": (r"draft", r"revis", r"prepar", r"review"),
    "review": (r"review", r"analy"),
    "call": (r"tele", r"phone", r"call", r"conference"),
    "meeting": (r"meet", r"conference", r"consult"),
    "court": (r"court", r"hearing", r"appear"),
    "other": (r"other", r"general", r"misc"),
}


def is_research(span: Span) -> bool:
    """Whether the span is a page of a legal research service (Westlaw, Lexis ...)."""
    return bool(span.url and RESEARCH_HOSTS.search(span.url))


def work_type(span: Span) -> str:
    """What kind of work a span is, for the activity name and the narrative."""
    if span.kind == "browser":
        return "research" if is_research(span) else "review"
    if span.kind == "document":
        if span.app.lower().startswith("adobe") or (span.path or "").lower().endswith(".pdf"):
            return "review"
        return "document"
    if span.kind in ("call", "meeting", "email"):
        return span.kind
    if span.kind == "chat":
        return "email"
    return "other"


def activity_name(kind: str, names: Sequence[str]) -> str:
    """The firm's activity name for a work type (``names`` as synced from MyCase)."""
    for pattern in _PATTERNS.get(kind, ()) + _PATTERNS["other"]:
        for name in names:
            if re.search(pattern, name, re.I):
                return name
    return names[0] if names else kind.title()
