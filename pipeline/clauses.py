"""What a span's work was about, read from its title, path, URL and header fields.

Each span becomes a ``Work``: a category (draft, review, communicate, research,
appear), the channel it came through, the party on the other side (by role and
name where known), a topic (a subject without mail prefixes, an agenda, a
search) and a document (by its cleaned name). Only titles, paths, URLs and
labelled header lines ("Subject:", "From:", "Agenda:") are read, never the
body of a screen.

Everything that reaches a clause is checked: window and app chrome is learned
(``pipeline.chrome``), a segment that only names the matter or an identifier is
dropped (the entry already says which matter), and every word must be in the
firm's vocabulary or general English (``pipeline.vocabulary``). A phrase with a
misread word is repaired from a clean phrase of the same day when one is within
a few characters of it, or else left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from rapidfuzz import fuzz, process

from pipeline.chrome import Chrome
from pipeline.vocabulary import Vocabulary, tokens
from tenths.records import Matter, Span

# -- records -------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """Who was on the other side: a role ("client", "opposing counsel", "colleague",
    "court") and the name as the firm writes it ("" when unknown)."""

    role: str
    name: str = ""


@dataclass(frozen=True)
class Work:
    span_id: str
    category: str  # draft | review | communicate | research | appear
    channel: str  # the span's kind: email, call, meeting, chat, document, browser, app
    party: Party | None = None
    topic: str = ""
    document: str = ""

    @property
    def key(self) -> str:
        """Spans with the same key are one task."""
        who = self.party.name or self.party.role if self.party else ""
        what = self.document or self.topic
        return f"{self.category}|{self.channel if self.category == 'communicate' else ''}|" \
               f"{fold(who)}|{fold(what)}"


@dataclass(frozen=True)
class People:
    """Who the firm knows, by folded name and by email address."""

    by_name: Mapping[str, Party] = field(default_factory=dict)
    by_email: Mapping[str, Party] = field(default_factory=dict)
    by_phone: Mapping[str, Party] = field(default_factory=dict)  # last ten digits
    self_names: frozenset[str] = frozenset()
    self_emails: frozenset[str] = frozenset()
    firm_domains: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reader:
    """What reading a span needs, built once per day."""

    vocabulary: Vocabulary
    chrome: Chrome
    people: People
    phrases: Sequence[str] = ()  # clean phrases of the day, to repair a misread one


# -- text helpers --------------------------------------------------------------

MAIL_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|antw|r|i|enc|res)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_SEPARATORS = re.compile(r"\s+[-\u2013\u2014|]\s+|\s*\|\s*|_+|:\s+|\s+-\s*$")
_EXTENSION = re.compile(r"\.(?:docx?|docm|pdf|xlsx?|xlsm|pptx?|txt|rtf|msg|eml|csv|odt)\b", re.I)
_VERSION = re.compile(
    r"^(?:v(?:er)?\.?\s*\d+|rev\.?\s*\d*|draft|final|clean|redline|copy|\(\d+\)|\d+)$", re.I)
_VERSION_WORDS = re.compile(r"\b(?:v\d+|DRAFT|FINAL|CLEAN|REDLINE)\b")
_IDENTIFIER = re.compile(r"\d[\d:/._-]*\d|\d{4,}")
_LABELLED = re.compile(r"^\s*(subject|agenda|topic|regarding|re|notes?)\s*:\s*(.+?)\s*$",
                       re.I | re.M)
_ADDRESS = re.compile(r"^\s*(from|to|cc)\s*:\s*(.*)$", re.I | re.M)
_MAILBOX = re.compile(r"^\s*\"?([^<>\"@]*?)\"?\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$|^\s*([^\s@<>]+@[^\s@<>]+)\s*$")
_LAWYERISH = re.compile(r"\b(?:law|llp|attorneys?|counsel|esq|lawyers?|legal)\b", re.I)
_PAGE = re.compile(r"^\s*page\s+\d+(?:\s+of\s+\d+)?\s*$", re.I)
_PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)")
_QUERY_KEYS = ("q", "query", "searchtext", "search", "text", "terms")


def fold(text: str) -> str:
    return " ".join(w.lower() for w in tokens(text))


def segments(text: str) -> list[str]:
    return [s.strip(" .,;") for s in _SEPARATORS.split(text) if s and s.strip(" .,;")]


def _matter_words(matter: Matter) -> frozenset[str]:
    texts = [matter.name, *(c.name for c in matter.contacts)]
    return frozenset(w.lower() for t in texts for w in tokens(t))


def _only_matter(segment: str, matter_words: frozenset[str], case_number: str) -> bool:
    """The segment names the matter or an identifier and nothing else."""
    if case_number and re.sub(r"\W", "", case_number).lower() in re.sub(r"\W", "", segment).lower():
        rest = segment.lower().replace(case_number.lower(), "")
        if not tokens(rest):
            return True
    words = [w.lower() for w in tokens(segment)]
    if not words:
        return True  # digits, dates, codes alone
    filler = {"v", "vs", "in", "re", "of", "the", "estate", "marriage", "and", "matter"}
    return all(w in matter_words or w in filler for w in words) and any(
        w in matter_words for w in words)


def _strip_chrome(segment: str, chrome: frozenset[str]) -> str:
    """Drop chrome words from the edges of a segment ('Call with' + a name)."""
    words = segment.split()
    while words and fold(words[0]) in chrome | {""}:
        words.pop(0)
    while words and fold(words[-1]) in chrome | {""}:
        words.pop()
    if words and all(fold(w) in chrome for w in words if fold(w)):
        return ""
    return " ".join(words)


def _title_case(text: str) -> str:
    """An all-caps heading in title case ('CHILD SUPPORT WORKSHEET')."""
    if text.isupper():
        small = {"of", "and", "for", "to", "in", "on", "the", "a", "an", "re", "with"}
        return " ".join(w.lower() if i and w.lower() in small else w.capitalize()
                        for i, w in enumerate(text.split()))
    return text


# -- reading a span ------------------------------------------------------------


def clean_phrase(text: str, matter: Matter, span: Span, reader: Reader) -> str:
    """A title, subject or file name without chrome, matter-only segments,
    identifiers, versions and extensions; "" when nothing clean is left."""
    text = MAIL_PREFIX.sub("", _EXTENSION.sub("", text))
    chrome = reader.chrome.of(span)
    matter_words = _matter_words(matter)
    kept = []
    for seg in segments(text):
        if "@" in seg or _VERSION.match(seg):
            continue
        seg = _VERSION_WORDS.sub("", seg).strip(" -")
        seg = _strip_chrome(seg, chrome)
        if not seg or _only_matter(seg, matter_words, matter.case_number):
            continue
        if _IDENTIFIER.fullmatch(seg.replace(" ", "")):
            continue
        kept.append(seg)
    phrase = " ".join(kept).strip()
    phrase = re.sub(r"\s+", " ", phrase)
    return repair(phrase, reader) if phrase else ""


def repair(phrase: str, reader: Reader) -> str:
    """The phrase if all its words are known; else a clean phrase of the day a few
    characters from it (OCR's 'deposition ot 30(b)(6) witness' for 'deposition of
    30(b)(6) witness'); else ""."""
    if reader.vocabulary.clean(phrase):
        return phrase
    if reader.phrases:
        best = process.extractOne(phrase, reader.phrases, scorer=fuzz.ratio,
                                  processor=str.lower, score_cutoff=88)
        if best and reader.vocabulary.clean(best[0]):
            return best[0]
    return ""


def _labelled(span: Span, *labels: str) -> list[str]:
    return [m.group(2) for m in _LABELLED.finditer(span.text) if m.group(1).lower() in labels]


def _mailboxes(value: str) -> list[tuple[str, str]]:
    out = []
    for part in re.split(r";|,(?=[^>]*(?:<|$))", value):
        m = _MAILBOX.match(part)
        if m:
            out.append(((m.group(1) or "").strip(), (m.group(2) or m.group(3) or "").lower()))
        elif part.strip():
            out.append((part.strip(), ""))
    return out


def _name_keys(name: str) -> list[str]:
    """'Olamide Baxter', 'Baxter, Olamide' and 'Baxter, O.' as lookup keys."""
    name = re.sub(r"\([^)]*\)", "", name).strip()
    if "," in name:
        last, _, first = name.partition(",")
        words = [*tokens(first), *last.split()]
    else:
        words = name.split()
    words = [w.strip(".").lower() for w in words if w.strip(".")]
    if not words:
        return []
    keys = [" ".join(words)]
    if len(words) == 2 and len(words[1]) == 1:  # 'KESHURST C': surname, initial
        words = [words[1], words[0]]
    if len(words) >= 2:
        keys.append(f"{words[0][0]} {words[-1]}")
    return keys


def _lookup(name: str, people: People) -> Party | None:
    for key in _name_keys(name):
        if key in people.by_name:
            return people.by_name[key]
    return None


def _verified_name(name: str, email: str, reader: Reader) -> bool:
    """A name not known to the firm is trusted when it is a proper name (a word not
    in the English dictionary) whose words are all readable, and its address, if
    any, agrees with its surname."""
    words = tokens(re.sub(r"\([^)]*\)", "", name))
    if len(words) < 2 or not all(w[0].isupper() and len(w) > 1 for w in words):
        return False
    english = reader.vocabulary.english
    if all(english.known(w) for w in words):
        return False  # 'WIRELESS CALLER', 'Zoom Meeting': words, not a name
    if any(not w.isalpha() for w in words) or re.search(r"\d", name):
        return False
    local = email.split("@")[0].lower() if email else ""
    return not local or words[-1].lower() in local or words[0].lower() in local


def _party(name: str, email: str, span: Span, reader: Reader, lines_after: str = "") -> Party | None:
    people = reader.people
    if email and email in people.by_email:
        return people.by_email[email]
    known = _lookup(name, people) if name else None
    if known is not None:
        return known
    domain = email.split("@")[-1] if email else ""
    if domain and domain in people.firm_domains:
        return Party("colleague", name if _verified_name(name, email, reader) else "")
    if not name or not _verified_name(name, email, reader):
        return None
    clean = re.sub(r"\s*\([^)]*\)", "", name).strip()
    org = " ".join(re.findall(r"\(([^)]*)\)", name)) + " " + lines_after
    role = "opposing counsel" if _LAWYERISH.search(org) else ""
    return Party(role, clean)


def _is_self(name: str, email: str, people: People) -> bool:
    return (email and email in people.self_emails) or any(
        k in people.self_names for k in _name_keys(name))


def _signature(text: str, name: str) -> str:
    """The few lines after the last place a name appears (a signature block)."""
    at = text.rfind(name) if name else -1
    return " ".join(text[at:].splitlines()[1:4]) if at >= 0 else ""


def _mail_party(span: Span, reader: Reader) -> Party | None:
    fields: dict[str, list[tuple[str, str]]] = {}
    for m in _ADDRESS.finditer(span.text):
        fields.setdefault(m.group(1).lower(), []).extend(_mailboxes(m.group(2)))
    senders = fields.get("from", [])
    if senders and not _is_self(*senders[0], reader.people):
        name, email = senders[0]
        return _party(name, email, span, reader, _signature(span.text, name))
    for name, email in fields.get("to", []) + fields.get("cc", []):
        if not _is_self(name, email, reader.people):
            return _party(name, email, span, reader)
    return None


def _screen_party(span: Span, reader: Reader, matter: Matter) -> Party | None:
    """The other side of a call, meeting or chat: a name in the title once chrome is
    gone, else a known person among the first lines of the screen."""
    chrome = reader.chrome.of(span)
    for number in _PHONE.findall(f"{span.window_title}\n{span.text}"):
        digits = re.sub(r"\D", "", number)[-10:]
        if digits in reader.people.by_phone:
            return reader.people.by_phone[digits]
    for seg in segments(span.window_title):
        seg = _strip_chrome(seg, chrome)
        if not seg or _is_self(seg, "", reader.people):
            continue
        party = _party(seg, "", span, reader)
        if party is not None:
            return party
    for line in span.text.splitlines()[:8]:
        line = _strip_chrome(line.strip(), chrome)
        if line and not _is_self(line, "", reader.people) and len(line.split()) <= 5:
            known = _lookup(line, reader.people)
            if known is not None and known.role != "colleague":
                return known
    for line in span.text.splitlines()[:8]:
        line = _strip_chrome(line.strip(), chrome)
        if line and not _is_self(line, "", reader.people):
            known = _lookup(line, reader.people)
            if known is not None:
                return known
    for line in span.text.splitlines()[:8]:
        line = line.strip()
        if line and len(line.split()) <= 4 and not _is_self(line, "", reader.people) \
                and _verified_name(line, "", reader):
            return Party("", line)
    return None


def _search_query(span: Span) -> str:
    if not span.url:
        return ""
    query = parse_qs(urlsplit(span.url).query)
    for key, values in query.items():
        if key.lower() in _QUERY_KEYS and values and values[0].strip():
            return values[0].strip()
    return ""


def _heading(span: Span, matter: Matter, reader: Reader) -> str:
    """A document's own heading: a short line near the top, in title or upper case,
    every word readable ('Deposition Outline', 'CHILD SUPPORT WORKSHEET')."""
    for line in span.text.splitlines()[:12]:
        line = line.strip()
        words = tokens(line)
        if not line or _PAGE.match(line) or not 1 <= len(words) <= 8 or line.endswith((".", ":")):
            continue
        if re.search(r"\d", line) or not all(w[0].isupper() for w in words if len(w) > 3):
            continue
        if words[0].lower() in reader.vocabulary.english.stop_words:
            continue  # 'VIA EMAIL', 'RE: ...': a letter's furniture, not its name
        phrase = clean_phrase(line, matter, span, reader)
        if phrase and len(tokens(phrase)) >= 2 and _lookup(phrase, reader.people) is None:
            return _title_case(phrase)
    return ""


_STAMP = re.compile(r"\d{6,}|\d{4}[-_.]\d{2}[-_.]\d{2}")


def _document(span: Span, matter: Matter, reader: Reader) -> str:
    name = re.split(r"[\\/]", span.path)[-1] if span.path else span.window_title
    phrase = _title_case(clean_phrase(name, matter, span, reader))
    if _STAMP.search(name) and len(tokens(phrase)) <= 1:
        phrase = ""  # 'Scan_20241104_1341', 'IMG_2024-11-04': named by a device, not a person
    return phrase or _heading(span, matter, reader)


def _topic(span: Span, matter: Matter, reader: Reader) -> str:
    for text in _labelled(span, "subject", "agenda", "topic", "regarding", "re", "note", "notes"):
        text = re.sub(r"^(?:re|regarding)\b[:\s]*", "", text.split(";")[0].strip(), flags=re.I)
        words = text.split()
        if words and words[0].lower().endswith("ed") and reader.vocabulary.english.lemmas_of(
                words[0], "verb"):
            text = " ".join(words[1:])  # "discussed deed to trust"
        phrase = clean_phrase(text, matter, span, reader)
        if phrase:
            return phrase
    return ""


_HEARING = re.compile(r"\b(?:hearing|trial|conference|calendar|arraignment)\b", re.I)


def _caption_topic(line: str, matter: Matter, span: Span, reader: Reader) -> str:
    """What follows the matter's name on a line that names the matter ('Okafor v.
    Brightline - IME scheduling'); "" when the line does not name the matter."""
    matter_words = _matter_words(matter)
    parts = segments(line)
    if not any(_only_matter(p, matter_words, matter.case_number) for p in parts):
        return ""
    return clean_phrase(line, matter, span, reader)


def read_work(span: Span, matter: Matter, reader: Reader, research: bool) -> Work:
    """The work a span shows, on ``matter`` (``research``: a legal research service)."""
    kind = span.kind
    if kind in ("email", "chat"):
        party = _mail_party(span, reader) if kind == "email" else _screen_party(span, reader, matter)
        topic = _topic(span, matter, reader)
        if not topic and kind == "email":
            topic = clean_phrase(span.window_title, matter, span, reader)
        return Work(span.id, "communicate", kind, party, topic)
    if kind in ("call", "meeting"):
        party = _screen_party(span, reader, matter)
        topic = _topic(span, matter, reader)
        hearing = next((seg for seg in segments(f"{span.window_title} - {span.text[:200]}")
                        if _HEARING.search(seg)), "")
        if hearing:
            what = repair(_strip_chrome(hearing, reader.chrome.of(span)), reader)
            return Work(span.id, "appear", kind, party, "", what or "hearing")
        if not topic and span.text:
            topic = _caption_topic(span.text.splitlines()[0], matter, span, reader)
            if topic and (_lookup(topic, reader.people) is not None or (
                    party and party.name and fold(party.name) in fold(topic))):
                topic = ""
        return Work(span.id, "communicate", kind, party, topic)
    if kind == "document":
        editable = not (span.app.lower().startswith("adobe") or (span.path or "").lower().endswith(
            ".pdf") or ".pdf" in span.window_title.lower())
        return Work(span.id, "draft" if editable else "review", kind, None, "",
                    _document(span, matter, reader))
    if kind == "browser":
        query = _search_query(span)
        if research or query:
            topic = repair(query, reader) if query else ""
            return Work(span.id, "research", kind, None, topic)
        return Work(span.id, "review", kind, None, "",
                    clean_phrase(span.window_title, matter, span, reader))
    return Work(span.id, "review", kind, None, "", clean_phrase(span.window_title, matter, span,
                                                                reader))


def day_phrases(spans: Sequence[Span], vocabulary: Vocabulary) -> list[str]:
    """The day's clean labelled phrases (subjects, agendas), to repair misread ones."""
    out: dict[str, None] = {}
    for span in spans:
        first = span.text.splitlines()[0] if span.text else ""
        for text in [*_labelled(span, "subject", "agenda", "topic"), span.window_title, first]:
            text = MAIL_PREFIX.sub("", text)
            for seg in segments(text):
                if len(tokens(seg)) >= 2 and vocabulary.clean(seg):
                    out[seg] = None
    return list(out)
