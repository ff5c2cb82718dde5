"""Why an entry is on its matter, in a person's words.

An attribution's ``reasons`` name the kind of cue that decided it (``id:docket``,
``full_name:name``, ``alias:email``, ``neighbours``...), never its value. Each kind
maps to a phrase; the value comes from the matter's own record where it holds it
(its docket number, its caption, its clients' names and addresses), and from the
span's words only when the timekeeper asked to see text (``with_text``): which
client's address or name is on screen. Cues learned on this laptop say which
correction taught them ("learned from your correction on Dec 3"). An entry's reasons
are its spans' phrases, weighted by the time each span covers, best first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from pipeline.identifiers import find_identifiers, keys_for_case_number
from tenths.records import Attribution, Correction, Entry, Matter, Span

MOST = 3
LEARNED = {"alias", "settled"}
WHAT = {"name": "a name", "email": "an email address", "phone": "a phone number",
        "domain": "a mail domain", "thread": "the same email thread", "doc": "the same document",
        "site": "the same website", "context": "the same meeting or app",
        "docket": "a case number"}
# What the work around a span says, rather than what is on it: said after the screen's own cues.
CONTEXT = frozenset({"staff", "neighbours", "embedding", "knn"})
CONTEXT_WEIGHT = 0.25
PLAIN = {
    "staff": "you are on this matter's team",
    "neighbours": "the work around it was on this matter",
    "embedding": "its words read like this matter's work",
    "knn": "like your past entries on this matter",
    "firm-wide announcement": "a firm-wide announcement",
    "learned non-matter": "you marked work like it as no matter",
    "no matter evidence": "nothing on screen names a matter",
}


def day_label(when: datetime, zone: str = "UTC") -> str:
    """"Dec 3": the day as the timekeeper's clock (the billing timezone) shows it."""
    local = when.astimezone(ZoneInfo(zone))
    return f"{local:%b} {local.day}"


@dataclass(frozen=True)
class Teachers:
    """The timekeeper's corrections (not undone), as the explanations cite them."""

    by_case: Mapping[int | None, Sequence[Correction]]
    by_span: Mapping[str, Correction]
    zone: str = "UTC"

    @classmethod
    def of(cls, corrections: Sequence[Correction], zone: str = "UTC") -> Teachers:
        by_case: dict[int | None, list[Correction]] = {}
        by_span: dict[str, Correction] = {}
        for c in sorted(corrections, key=lambda c: c.made_at):
            by_case.setdefault(c.to_case_id, []).append(c)
            by_span[c.span_id] = c
        return cls(by_case, by_span, zone)

    def taught(self, case_id: int | None, before: datetime) -> str:
        earlier = [c for c in self.by_case.get(case_id, ()) if c.made_at <= before]
        if not earlier:
            return "learned from your earlier work"
        return f"learned from your correction on {day_label(earlier[-1].made_at, self.zone)}"


def _contacts_in(matter: Matter, text: str) -> list[str]:
    """The matter's clients and companies whose name, address or phone the text shows."""
    found = find_identifiers(text)
    emails = {i.key for i in found if i.kind == "email"}
    phones = {i.key for i in found if i.kind == "phone"}
    low = text.lower()
    out = []
    for c in matter.contacts:
        digits = {"".join(ch for ch in p if ch.isdigit())[-10:] for p in c.phones}
        if (c.email and c.email.lower() in emails) or digits & phones or (
                c.name and c.name.lower() in low):
            out.append(f"{c.name} ({'client' if c.kind == 'client' else 'company'})")
    return out


def _docket_on(matter: Matter, text: str) -> bool:
    keys = keys_for_case_number(matter.case_number)
    return any(f"docket:{i.key}" in keys or f"{i.kind}:{i.key}" in keys
               for i in find_identifiers(text))


def _one(matter: Matter, kind: str) -> str | None:
    names = [c.name for c in matter.contacts if c.kind == kind]
    return names[0] if len(names) == 1 else None


def phrase(reason: str, matter: Matter, span: Span | None, teachers: Teachers,
           when: datetime, with_text: bool) -> str | None:
    """One reason as a person would say it (None: not worth saying)."""
    if reason in PLAIN:
        return PLAIN[reason]
    if reason == "which matter?":
        return None
    if reason == "corrected by timekeeper":
        c = teachers.by_span.get(span.id) if span else None
        if c is None:
            return "you put it here"
        return f"you put it here on {day_label(c.made_at, teachers.zone)}"
    if reason == "memory":
        return f"like work you put on this matter ({teachers.taught(matter.id, when)})"
    kind, _, key = reason.partition(":")
    text = span_text(span) if with_text and span else ""
    who = ", ".join(_contacts_in(matter, text)) if text else ""
    if kind in LEARNED:
        return f"{WHAT.get(key, 'a cue')} on screen, {teachers.taught(matter.id, when)}"
    if kind == "id":
        if key in ("docket", "a_number", "receipt"):
            number = matter.case_number.strip()
            if number and (not text or _docket_on(matter, text)):
                return f"docket number {number} on screen"
            return "the matter's case number on screen"
        if key in ("email", "phone"):
            what = "email address" if key == "email" else "phone number"
            name = who or _one(matter, "client") or _one(matter, "company")
            return f"{what} of {name} on screen" if name else f"a party's {what} on screen"
    if kind == "domain":
        company = who or _one(matter, "company")
        return (f"{company}'s mail domain or main line" if company
                else "the company's mail domain or main line")
    if kind == "caption":
        return f"the caption \u201c{matter.name}\u201d on screen"
    if kind == "full_name":
        name = who or _one(matter, "client")
        return f"{name} named on screen" if name else "a client's full name on screen"
    if kind == "surname":
        return "the client's surname on screen"
    if kind == "short":
        return "a party's name from the caption on screen"
    if kind in ("detail", "detail1"):
        return "words from the matter's description on screen"
    if kind == "party":
        return "a person named in your past entries on this matter (judge, counsel, adjuster)"
    return None


def span_text(span: Span) -> str:
    return "\n".join(p for p in (span.window_title, span.path or "", span.url or "", span.text)
                     if p)


def explain(entry: Entry, matter: Matter | None, spans: Mapping[str, Span],
            attributions: Mapping[str, Attribution], teachers: Teachers, when: datetime,
            with_text: bool = False) -> tuple[str, ...]:
    """The reasons ``entry`` is on its matter, best first (at most ``MOST``)."""
    if not entry.span_ids:
        return ("added by hand",)
    if matter is None:
        return ("its matter is not in the case list",)
    weight: Counter[str] = Counter()
    context: set[str] = set()
    for span_id in entry.span_ids:
        a, span = attributions.get(span_id), spans.get(span_id)
        seconds = span.seconds if span else 1.0
        if a is None:
            continue
        if a.case_id != entry.case_id:  # moved with the entry: the timekeeper's choice
            weight["you moved it to this matter"] += seconds
            continue
        for reason in dict.fromkeys(a.reasons):
            said = phrase(reason, matter, span, teachers, when, with_text)
            if said:
                weight[said] += seconds * (CONTEXT_WEIGHT if reason in CONTEXT else 1.0)
                if reason in CONTEXT:
                    context.add(said)
    if not weight:
        return ("the work was on this matter",)
    ranked = [p for p, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    # What was on screen first; what the work around it says only to fill up.
    seen = [p for p in ranked if p not in context][:MOST]
    return tuple(seen + [p for p in ranked if p in context][:max(0, MOST - len(seen) - 1)]
                 or ranked[:1])
