"""Activity names: what the work was → one of the firm's own MyCase activity names.

MyCase carries free-text activity names, not UTBMS codes; the firm's own list
is synced. The work's category (draft/revise, review/analyze, communicate,
research, appear/attend, plan and prepare), and for communication its channel
and whom with, has words that the firm's name for it is likely to contain; the
first of the firm's names that matches wins. UTBMS codes are kept separately
(``pipeline.utbms``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tenths.records import Span

RESEARCH_HOSTS = re.compile(
    r"westlaw|lexis|casetext|scholar\.google|courtlistener|fastcase|bloomberglaw|law\.cornell",
    re.I,
)

_EMAIL = (r"e-?mail", r"correspond", r"communicat")
# (category, channel, role) → patterns a firm's activity name for it may match, most
# specific first; a missing channel or role falls back to the shorter key.
_PATTERNS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("communicate", "call"): (r"tele", r"phone", r"call"),
    ("communicate", "email"): _EMAIL,
    ("communicate", "chat"): _EMAIL,
    ("communicate", "meeting", "client"): (r"client\s+(?:conf|meet)", r"meet", r"conference"),
    ("communicate", "meeting"): (r"meet", r"conference", r"consult"),
    ("communicate",): (r"communicat", r"conference", r"meet"),
    ("draft",): (r"draft", r"revis", r"prepar"),
    ("review",): (r"review", r"analy"),
    ("research",): (r"research",),
    ("appear",): (r"court", r"appear", r"hearing", r"attend"),
    ("plan",): (r"prepar", r"plan", r"manage"),
    ("other",): (r"other", r"general", r"misc"),
}


def is_research(span: Span) -> bool:
    """Whether the span is a page of a legal research service (Westlaw, Lexis ...)."""
    return bool(span.url and RESEARCH_HOSTS.search(span.url))


def activity_name(category: str, names: Sequence[str], channel: str = "", role: str = "") -> str:
    """The firm's activity name for a kind of work (``names`` as synced from MyCase)."""
    keys = [(category, channel, role), (category, channel), (category,), ("other",)]
    for key in keys:
        for pattern in _PATTERNS.get(key, ()):
            for name in names:
                if re.search(pattern, name, re.I):
                    return name
    return names[0] if names else category.title()
