"""Cheap signals: what a span's own words say about each matter.

Everything here is a dictionary look-up or a regular expression; the
embedding model runs later, and only where these leave doubt.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import parse_qsl, urlsplit

from pipeline.activities import is_research
from pipeline.identifiers import find_identifiers
from pipeline.profiles import (
    LEARNED_KINDS,
    WEAK_KINDS,
    TermIndex,
    cited_cases,
    name_runs,
    span_name_runs,
)
from pipeline.rules import RULES, in_force
from pipeline.terms import Found, Term, TermKind
from pipeline.text import STOPWORDS, name_key, words
from tenths.records import Span, SpanKind

SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|fw|fwd|aw)\s*:\s*)+", re.I)
TITLE_SUFFIX = re.compile(
    r"\s+-\s+(?:Message \(HTML\)|Message \(Plain Text\)|Word|Excel|Adobe Acrobat.*|"
    r"Microsoft Outlook|Outlook|PowerPoint|Google Chrome|Microsoft\u200b? Edge|Zoom|"
    r"Microsoft Teams)\s*$",
    re.I,
)
SUBJECT_LINE = re.compile(r"^Subject:\s*(.+)$", re.M)
_VERSION = re.compile(r"(?:[\s_-]+(?:v\d+|final|draft|redline|clean|\d{1,2}))+$", re.I)
# An email to a group of the whole firm rather than to people ("To: All Staff"; OCR's "A11").
_TO_GROUP = re.compile(
    r"^To:\s*(?:A[lI1]{2}(?:[ -][A-Za-z&]+){0,3}|Everyone|Entire Firm)(?:\s*<[^>\n]+>)?\s*$",
    re.M | re.I)


def thread_key(span: Span) -> Term | None:
    """What keeps a matter across spans: an email subject, a document's name."""
    if span.kind == SpanKind.EMAIL:
        # The Subject: line on screen names the thread even in an inbox view, whose
        # title ("Inbox - me@firm - Outlook") names nothing.
        line = SUBJECT_LINE.search(span.text)
        titles = in_force().uses("window_titles")
        if line:
            subject = line.group(1)
        elif titles and span.window_title.lower().startswith("inbox"):
            return None
        else:
            subject = TITLE_SUFFIX.sub("", span.window_title) if titles else span.window_title
        subject = SUBJECT_PREFIX.sub("", subject)
        key = name_key(subject)
        return Term(TermKind.THREAD, key) if len(key) >= RULES.min_thread_chars else None
    if span.kind == SpanKind.DOCUMENT:
        source = span.path or span.window_title
        stem = re.split(r"[\\/]", source)[-1]
        if in_force().uses("window_titles"):
            stem = TITLE_SUFFIX.sub("", stem)
        stem = re.sub(r"\.(docx?|pdf|xlsx?|pptx?|txt|rtf|msg)$", "", stem, flags=re.I)
        stem = _VERSION.sub("", stem)
        key = name_key(stem)
        return Term(TermKind.DOC, key) if len(key) >= RULES.min_doc_chars else None
    return None


def site_key(span: Span) -> Term | None:
    """A site and its first path segment: app.mycase.com/time_entries is not /cases."""
    if not span.url:
        return None
    parts = urlsplit(span.url)
    host = (parts.hostname or "").removeprefix("www.")
    section = parts.path.strip("/").split("/", 1)[0]
    return Term(TermKind.SITE, f"{host}/{section}") if host else None


def context_key(span: Span) -> Term | None:
    """For meetings, chats and other apps: the app and window title ("Weekly staff
    meeting", "Spotify Premium"), which recur for the same non-matter activity."""
    if span.kind in (SpanKind.MEETING, SpanKind.CHAT, SpanKind.APP):
        key = name_key(f"{span.app} {span.window_title}")
        return Term(TermKind.CONTEXT, key) if key else None
    return None


@dataclass(frozen=True)
class Evidence:
    """The matters a span's own content points at, and why."""

    span_id: str
    scores: dict[int, float]
    reasons: dict[int, tuple[str, ...]]
    id_hits: dict[int, float] = field(default_factory=dict)
    strongest: dict[int, float] = field(default_factory=dict)  # the heaviest single term
    aliases: dict[int, float] = field(default_factory=dict)  # the part of it learned here
    # The terms that counted, where (in the title; on a crowded screen): the review votes
    # on each (learning.py).
    voted_terms: frozenset[Found] = frozenset()
    emails: frozenset[str] = frozenset()  # addresses on screen
    firm_people: int = 0  # the firm's own people named on screen
    to_group: bool = False  # an email to a group of the whole firm ("To: All Staff")
    thread: Term | None = None
    site: Term | None = None
    context: Term | None = None

    def ranked(self) -> list[tuple[int, float]]:
        return sorted(self.scores.items(), key=lambda kv: (-kv[1], kv[0]))


def span_text(span: Span) -> str:
    """The words a span is judged by: its title, path, address and the focus of its text,
    without OCR's specks inside words (``unspecked``)."""
    return unspecked("\n".join(p for p in (span.window_title, span.path or "",
                                           span.url or "", focus(span.text)) if p))


# An opening quote between two letters: no typesetting puts one there ("motion", not
# "mo\u2018tion"), so it is a speck OCR read as a quote, splitting the word in two.
_SPECK = re.compile(r"(?<=[^\W\d_])\u2018(?=[^\W\d_])")


def unspecked(text: str) -> str:
    return _SPECK.sub("", text) if "\u2018" in text else text


# A row's time of day or weekday, as a list of messages, calls or chats stamps each row.
_STAMP = re.compile(r"\b\d{1,2}[:;.]\d{2}(?:\s?[AaPp][Mm])?\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
# "Name <address>": the sender of a message that is open, whatever the mail client (OCR
# may break the address: "<dana_okafor @example.test>"); or, where the sender's line is
# lost, a field of its header with an address ("To: me@firm.example", OCR's "o: ...").
_OPEN_MESSAGE = re.compile(r"<[^<>\n]*@[^<>\n]*>"
                           r"|^\W{0,2}[A-Za-z]{0,4}\s*:\s*\S+(?: \S+)? ?@ ?[\w-]+(?:\.[\w-]+)+")
_HEADER_FIELD = re.compile(r"\s*(?:From|To|Cc|Sent|Date|Subject)\s*:", re.I)


def focus(text: str) -> str:
    """A screen's text without the list above the message that is open in it: where the
    message's first header line (a sender or recipient shown with an address, or a field:
    "From:", "To:") follows a list of ``list_rows`` rows or more, each stamped with a time
    (an inbox beside its reading pane), the text from the line above that one (the
    message's subject) on. The list names other matters' messages; the open one is the
    work. Any other text is all focus, as is a message whose own header comes before any
    list (its quoted thread's senders and times are below it)."""
    return _focus(text) if in_force().uses("open_message") else text


@lru_cache(maxsize=4096)
def _focus(text: str) -> str:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        # A message's own header ("From:", "To:") is above any quote.
        if _OPEN_MESSAGE.search(line) or _HEADER_FIELD.match(line):
            if sum(1 for row in lines[:i] if _STAMP.search(row)) >= RULES.list_rows:
                return "\n".join(lines[max(i - 1, 0):])
            return text
    return text


def searched(span: Span) -> str:
    """What a page's title and address say was searched for ("q=medical+lien+reduction")."""
    query = " ".join(v for _, v in parse_qsl(urlsplit(span.url or "").query))
    return f"{span.window_title}\n{query}"


def _inside(key: Term, run: Term) -> bool:
    """Whether a name term is the name run ``run`` or a run of words within it."""
    return key.kind == TermKind.NAME and f" {key.value} " in f" {run.value} "


_LETTERS = re.compile(r"[^\W\d_]+")


def _capitalised(text: str) -> Counter[str]:
    """How often each word is written with a capital on screen: a name's mentions. The
    same word in lower case is inside an address or a link ("ravindra hollis@..." once
    OCR drops the dot), or an everyday word, not a mention of someone."""
    return Counter(w for token in _LETTERS.findall(text) if token[0].isupper()
                   for w in words(token))


def _never(key: Found) -> bool:
    return False


def _always_inside(word: str, runs: list[str], counts: Counter[str],
                   encloses: Callable[[str], bool]) -> bool:
    """Whether every time ``word`` is written as a name on screen (``counts``) it is
    inside a name run (``runs``) that ``encloses`` says is someone or something else's."""
    inside = sum(run.split().count(word) for run in runs if encloses(run))
    return inside > 0 and inside >= counts[word]


def _in_other_names(word: str, runs: list[str], counts: Counter[str], own: frozenset[str],
                    everyday: frozenset[str]) -> bool:
    """Whether every time ``word`` is on screen it is inside the name of someone or
    something else: a run whose other words are neither the matter's (``own``) nor the
    firm's everyday words ("Pinecrest" in "Pinecrest Credit Union" is not "Pinecrest
    Dental Group"; "Jolene" in "Jolene Rocha" is not the client Jolene Okonkwo)."""
    def encloses(run: str) -> bool:
        others = [t for t in run.split() if t != word and t not in STOPWORDS]
        return bool(others) and not any(t in own or t in everyday for t in others)

    return _always_inside(word, runs, counts, encloses)


def _in_firm_names(word: str, runs: list[str], counts: Counter[str],
                   firm_names: frozenset[Term]) -> bool:
    """Whether every time ``word`` is on screen it is inside the name of one of the firm's
    own people: "Hollis" in "Call with Imogen Hollis", where Imogen Hollis is a colleague
    and Hollis also a client's name."""
    holders = [f" {f.value} " for f in firm_names if word in f.value.split()]
    return _always_inside(word, runs, counts,
                          lambda run: any(h in f" {run} " for h in holders))


@lru_cache(maxsize=64)
def _firm_words(firm_names: frozenset[Term]) -> frozenset[str]:
    """The words of the firm's own people's names."""
    return frozenset(w for f in firm_names for w in f.value.split())


def _identifier_keys(text: str) -> tuple[set[Term], set[str]]:
    """The terms of the identifiers in ``text``, and its email addresses."""
    keys: set[Term] = set()
    emails: set[str] = set()
    for ident in find_identifiers(text):
        if ident.kind == "email":
            emails.add(ident.key)
            keys.add(Term(TermKind.EMAIL, ident.key))
            keys.add(Term(TermKind.DOMAIN, ident.key.rsplit("@", 1)[-1]))
        elif ident.kind == "phone":
            keys.add(Term(TermKind.PHONE, ident.key))
        else:
            keys.add(Term(TermKind(ident.kind), ident.key))
            keys.add(Term(TermKind.DOCKET, ident.key))
    return keys, emails


def _in_title(key: Term, title_ids: set[Term], title_words: str) -> bool:
    """Whether a window's title shows the term: one of its identifiers (``title_ids``),
    or a run of its words (``title_words``, padded with spaces)."""
    return f" {key.value} " in title_words if key.kind == TermKind.NAME else key in title_ids


# The family (``pipeline.rules.FAMILIES``) of each kind of profile term.
_KIND_FAMILY = {"id": "identifiers", "caption": "captions_names", "full_name": "captions_names",
                "short": "captions_names", "surname": "captions_names",
                "detail": "description_details", "detail1": "description_details",
                "party": "narrative_parties", "domain": "company_domains",
                "alias": "learned_aliases", "settled": "learned_aliases"}


def gather(span: Span, index: TermIndex, firm_names: frozenset[Term] = frozenset(),
           misleading: Callable[[Found], bool] = _never,
           everyday: frozenset[str] = frozenset(),
           contradicted: Callable[[Found], bool] = _never) -> Evidence:
    """Look the span's identifiers and names up in the term index, and count the firm's
    own people (``firm_names``, name terms) among the names. A weak profile term
    (a short name, a description word, a name from past narratives) that ``misleading``
    flags (furniture of every screen, or found on other matters' work) does not count;
    nor does a single word of one that is on screen only inside other names (a person's,
    a company's, another case's caption), nor a single word of any kind that is on screen
    only inside a colleague's name. Nor does any other term, of MyCase's records
    or learned here, that ``contradicted`` flags: a caption or docket number in the list
    of an inbox is on many other matters' work.
    Both judge a term where it was found: in the window's title or in its content."""
    rules = in_force()
    off_kinds = {kind for kind, family in _KIND_FAMILY.items() if not rules.uses(family)}
    text = span_text(span)
    keys, emails = _identifier_keys(text)
    research = is_research(span)
    # A research page's results are other people's cases: of its names only those of the
    # search itself count, as its title and address carry it.
    word_runs = span_name_runs(
        searched(span) if research and rules.uses("research_results") else text,
        index.max_words)
    thread = thread_key(span)
    site = site_key(span)
    if thread:
        keys.add(thread)
    scores: dict[int, float] = defaultdict(float)
    id_hits: dict[int, float] = defaultdict(float)
    strongest: dict[int, float] = defaultdict(float)
    aliases: dict[int, float] = defaultdict(float)
    reasons: dict[int, list[str]] = defaultdict(list)
    voted: set[Found] = set()
    # The title's identifiers and words (not its runs: the run cache keeps the day's texts).
    title_ids = _identifier_keys(span.window_title)[0]
    title_words = f" {' '.join(words(span.window_title))} "
    counted: dict[int, list[tuple[Term, float, str]]] = {}
    # The screen's name runs and how often each word is written as a name on it, found
    # when first needed.
    on_screen = cache(lambda: (name_runs(text) + cited_cases(text), _capitalised(text)))
    looked = index.lookup(keys, word_runs)
    crowded = sum(1 for m, terms in looked.items()
                  if any(index.kind_of(key, m) not in LEARNED_KINDS for key, _ in terms)
                  ) >= RULES.crowded_matters
    for matter_id, terms in looked.items():
        # A longer name subsumes the words inside it: count "dana okafor", not also "okafor".
        # The run keeps the strongest weight among the names inside it ("lachlan hadley"
        # as a description phrase still counts as much as "hadley" the caption party).
        names = sorted((t for t in terms if t[0].kind == TermKind.NAME),
                       key=lambda t: -len(t[0].value))
        kept: list[tuple[Term, float]] = [t for t in terms if t[0].kind != TermKind.NAME]
        runs: list[tuple[Term, float]] = []
        for key, weight in names:
            outer = next((i for i, (run, _) in enumerate(runs) if _inside(key, run)), None)
            if outer is None:
                runs.append((key, weight))
            elif weight > runs[outer][1]:
                runs[outer] = (key, weight)
        kept += runs
        counted[matter_id] = []
        for key, weight in kept:
            kind = index.kind_of(key, matter_id) or "?"
            found = Found(key, _in_title(key, title_ids, title_words), crowded)
            if kind in off_kinds:
                continue
            if (research and kind == "detail" and key.kind != TermKind.NAME
                    and rules.uses("research_details")):
                continue  # a reporter's volume or page ("972 F.Supp.3d 543"), not "Unit 543"
            if (key.kind == TermKind.NAME and key.value in _firm_words(firm_names)
                    and rules.uses("other_names")):
                if _in_firm_names(key.value, *on_screen(), firm_names):
                    continue
            if kind in WEAK_KINDS:
                if rules.uses("misleading_terms") and misleading(found):
                    continue
                if (key.kind == TermKind.NAME and " " not in key.value
                        and rules.uses("other_names")):
                    if _in_other_names(key.value, *on_screen(), index.name_words(matter_id),
                                       everyday):
                        continue
            elif rules.uses("misleading_terms") and contradicted(found):
                continue
            voted.add(found)
            counted[matter_id].append((key, weight, kind))
    # The matters the span names in words of their own records (MyCase's, not learned here),
    # other than words of a learned name on it ("Ottilie", a description word of one matter,
    # inside "Ottilie Ferreira", a party learned for another), and other than a company's
    # mail domain or main line, which every one of its people's messages and calls shows.
    learned = [key for terms in counted.values() for key, _, kind in terms
               if kind in LEARNED_KINDS and key.kind == TermKind.NAME]
    recorded = {m for m, terms in counted.items()
                if any(kind not in LEARNED_KINDS and kind != "domain"
                       and not any(_inside(key, run) for run in learned)
                       for key, _, kind in terms)}
    for matter_id, terms in counted.items():
        alias_total = 0.0
        for key, weight, kind in terms:
            if kind == "settled" and recorded - {matter_id}:
                # A party learned with one matter's work, on a span that names another
                # matter in its own words, may be a party of both (the district attorney):
                # there the alias counts as a fresh one.
                weight *= RULES.weights["alias"] / RULES.weights["settled"]
            if kind in LEARNED_KINDS:
                # Learned aliases add up to at most a docket number's worth.
                weight = min(weight, RULES.alias_cap - alias_total)
                alias_total += weight
                aliases[matter_id] += weight
            scores[matter_id] += weight
            strongest[matter_id] = max(strongest[matter_id], weight)
            if kind == "id":
                id_hits[matter_id] += weight
            reasons[matter_id].append(f"{kind}:{key.kind}")
    return Evidence(
        span_id=span.id,
        scores=dict(scores),
        reasons={m: tuple(r) for m, r in reasons.items()},
        id_hits=dict(id_hits),
        strongest=dict(strongest),
        aliases=dict(aliases),
        voted_terms=frozenset(voted),
        emails=frozenset(emails),
        firm_people=sum(1 for f in firm_names if f.value in word_runs),
        to_group=(span.kind == SpanKind.EMAIL and rules.uses("firm_announcement")
                  and bool(_TO_GROUP.search(span.text))),
        thread=thread,
        site=site,
        context=context_key(span),
    )
