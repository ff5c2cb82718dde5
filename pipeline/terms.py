"""What the cheap signals look spans up by: a ``Term``, a kind and a value.

A term is what a screen may show of a matter: a name (``name_key`` words), an
identifier (a docket number, an email, a phone...), or where the work happens (an
email thread, a document, a site, an app's window). ``str(term)`` is
``kind:value``, for JSON and for exports.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class TermKind(StrEnum):
    NAME = "name"  # a name or phrase, as name_key words ("dana okafor")
    EMAIL = "email"  # a canonical address
    DOMAIN = "domain"  # a company's own mail domain
    PHONE = "phone"  # ten digits
    DOCKET = "docket"  # a docket-shaped code: case, claim, matter numbers
    A_NUMBER = "a_number"  # an alien registration number
    RECEIPT = "receipt"  # a USCIS receipt number
    THREAD = "thread"  # an email subject
    DOC = "doc"  # a document's name
    SITE = "site"  # a site and its first path segment
    CONTEXT = "context"  # an app and its window title (meetings, chats, apps)


class Term(NamedTuple):
    kind: TermKind
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"

    @classmethod
    def parse(cls, text: str) -> Term:
        kind, _, value = text.partition(":")
        return cls(TermKind(kind), value)

    @property
    def is_name(self) -> bool:
        return self.kind is TermKind.NAME or self.kind == TermKind.NAME


def name(value: str) -> Term:
    return Term(TermKind.NAME, value)


class Found(NamedTuple):
    """A term where a screen showed it: in the window's title, which says what the window
    is about, or in its content; and whether the screen named many matters in their own
    records' words (``crowded``: a list of messages, of calls, of files). The review votes
    on each place apart: a matter's name in an inbox's list of messages may belong to
    other matters' work while the same name in the title of the message open, or alone in
    a chat, does not. ``str`` is the term's, after ``title|`` when in the title and after
    ``crowded|`` when the screen was crowded."""

    term: Term
    in_title: bool = False
    crowded: bool = False

    def __str__(self) -> str:
        return (_CROWDED if self.crowded else "") + (_TITLED if self.in_title else "") + str(self.term)

    @classmethod
    def parse(cls, text: str) -> Found:
        crowded = text.startswith(_CROWDED)
        text = text.removeprefix(_CROWDED)
        return cls(Term.parse(text.removeprefix(_TITLED)), text.startswith(_TITLED), crowded)


_TITLED = "title|"
_CROWDED = "crowded|"
