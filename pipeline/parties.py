"""Who a span shows that could be a party: the names on it, its outside correspondents and
phones, and the people it shows with their own address or number.

All of it depends only on the text and the firm's own people (``Firm``), which no lesson
changes, so a span read when it is observed and again when its decision teaches is read
once: the answers are kept for the recent texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.identifiers import EMAIL, PHONE, canonical_email, find_identifiers, short_number
from pipeline.profiles import names_in
from pipeline.rules import in_force
from pipeline.terms import Term, TermKind, name
from pipeline.text import name_key, without_toolbars
from tenths.records import Span, SpanKind

_TITLE_PARTS = re.compile(r"\s+[-|\u2013\u2014]\s+")  # "Page - Site - Browser", "Page | Site"
_NUMBER_STARTS = frozenset("+(0123456789OlI")  # how a phone's line can begin, OCR's slips too
# A person shown with their own address: "Femi Strand <femis@outlook.com>".
_ADDRESSED = re.compile(r"(?:^|[<>,;:])([^\n<>,;:]+)<(" + EMAIL.pattern + r")>", re.M)


@dataclass(frozen=True)
class Firm:
    """The firm's own people: their names and addresses are never a party's. And the
    longest name, in words, of a client or company MyCase holds (0: none known): a run of
    capitalised words longer than that is a toolbar or a heading, not one name."""

    stop_keys: frozenset[Term]
    longest_name: int = 0

    @property
    def domains(self) -> frozenset[str]:
        """The firm's own mail domains: an address there is staff, however OCR spells it."""
        return _domains(self.stop_keys)

    def at_firm(self, address: str) -> bool:
        return address.rsplit("@", 1)[-1] in self.domains


@lru_cache(maxsize=64)
def _domains(stop_keys: frozenset[Term]) -> frozenset[str]:
    return frozenset(k.value.rsplit("@", 1)[-1] for k in stop_keys if k.kind == TermKind.EMAIL)


def name_keys(text: str, firm: Firm) -> set[Term]:
    """The names in ``text`` that are not the firm's own people, as name terms."""
    keys: set[Term] = set()
    for run in names_in(text):
        if name(run) in firm.stop_keys:
            continue
        # "Adjuster Priya Venkataraman" is met later as "Priya Venkataraman": keep
        # the whole run and each pair of words in it; but not the pairs of a run longer
        # than any name (a row of buttons: "Mute Record Share Notes Camera Leave"), which
        # would each point at the matter the run was first corrected to.
        tokens = run.split()
        keys.add(name(run))
        if (not firm.longest_name or len(tokens) <= firm.longest_name
                or not in_force().uses("long_runs")):
            keys.update(name(" ".join(tokens[i : i + 2])) for i in range(len(tokens) - 1))
    return keys


def alias_keys(firm: Firm, text: str) -> frozenset[Term]:
    """The names (less toolbars' buttons), outside addresses and phones on a span's text:
    what could be a party's (kept for the recent texts, under the rules in force)."""
    rules = in_force()
    return _alias_keys(firm, text, rules.uses("toolbar_stripping"), rules.uses("long_runs"),
                       rules.uses("ocr_email_rn"), rules.uses("ocr_lookalikes"))


@lru_cache(maxsize=4096)
def _alias_keys(firm: Firm, text: str, toolbars: bool, *_rules: bool) -> frozenset[Term]:
    keys = name_keys(without_toolbars(text) if toolbars else text, firm)
    keys.update(Term(TermKind.EMAIL, i.key) for i in find_identifiers(text)
                if i.kind == "email" and not firm.at_firm(i.key))
    keys.update(Term(TermKind.PHONE, i.key) for i in find_identifiers(text) if i.kind == "phone")
    return frozenset(keys - firm.stop_keys)


# A date or a clock in a title ("2026-03-27 - Lease.docx", "041226 - Lease.docx", a
# call's "00:22:35"): no code.
_DATE_OR_TIME = re.compile(
    r"\b(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d\d|\d{1,2}:\d{2}(?::\d{2})?)\b")


def title_codes(title: str) -> frozenset[Term]:
    """The codes a window's title shows, as docket terms: a firm's own client-matter number
    MyCase may not hold ("RE: 16167-004 Halloran / Disclosures", "48213-002 Lease.docx").
    Only the title's: it names what the window is about, where a list of messages in its
    content shows other matters' numbers too."""
    title = _DATE_OR_TIME.sub(" ", title)
    return frozenset(Term(TermKind.DOCKET, i.key) for i in find_identifiers(title)
                     if i.kind not in ("email", "phone") and not short_number(i.key))


def introduced(firm: Firm, text: str) -> frozenset[Term]:
    """The names of people a span shows with their own address or number, outside the
    firm: an email's correspondents, and a call's caller (the line above a line that holds
    a number alone)."""
    named = [m.group(1) for m in _ADDRESSED.finditer(text)
             if not firm.at_firm(canonical_email(m.group(2)))] if "<" in text else []
    if in_force().uses("call_screen_name"):
        lines = [line.strip() for line in text.splitlines()]
        named += [above for above, line in zip(lines, lines[1:], strict=False)
                  if line[:1] in _NUMBER_STARTS and PHONE.fullmatch(line)]
    return frozenset(name_keys("\n".join(named), firm))


def chrome_names(span: Span, sites: bool) -> str:
    """The names a window shows of itself, as one padded string of name keys: the app's
    ("Adobe Acrobat Pro", "RingCentral") and, with ``sites``, a web page's site's after its
    title ("Storm system expected ... - The Metro Ledger - Google Chrome"). A confident
    decision on a news page of a busy morning does not make the paper a party."""
    names = [span.app]
    if sites and span.kind == SpanKind.BROWSER:
        names += _TITLE_PARTS.split(span.window_title)[1:]
    return " " + " | ".join(name_key(n) for n in names) + " "
