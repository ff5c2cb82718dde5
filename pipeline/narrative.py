"""Narratives in the firm's voice: each task a clause that starts with a verb.

A clause is rendered by the jinja2 template ``clause.j2`` from what the work
was about (``pipeline.clauses.Work``: party, topic, document) and a head in the
firm's voice (``pipeline.style``: the nearest past or edited narrative's head,
the firm's most common one, or the built-in one below). ``entry.j2`` joins an
entry's clauses. Templates are looked up matter first, then user, then firm,
then the built-in ones: ``<root>/matters/<case id>/``, ``<root>/users/<staff
id>/``, ``<root>/``, where ``root`` is ``[billing].templates_dir``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from pipeline.clauses import Party, Work
from pipeline.style import Style
from pipeline.vocabulary import Vocabulary

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
MAX_CLAUSES = 5

# Built-in heads, by the clause's shape and the work's category (and channel).
_PARTY_HEADS = {"call": "Telephone conference", "email": "Correspond", "chat": "Confer",
                "meeting": "Confer"}
_TOPIC_HEADS = {"research": "Research", "appear": "Attend hearing", "review": "Review",
                "draft": "Draft", **_PARTY_HEADS, "email": "Review correspondence"}
_OBJECT_HEADS = {"draft": "Draft and revise", "review": "Review", "research": "Research",
                 "appear": "Attend"}
_FALLBACKS = {"call": "Telephone conference", "email": "Review correspondence",
              "chat": "Confer with colleague", "meeting": "Attend conference",
              "draft": "Draft and revise documents", "review": "Review file",
              "research": "Conduct legal research", "appear": "Attend hearing"}


def make_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The firm-level environment: ``template_dir`` first, then the built-in templates."""
    return _environment((template_dir,) if template_dir is not None else ())


def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(d) for d in dirs if d.is_dir()]
    loaders.append(jinja2.FileSystemLoader(BUILTIN_TEMPLATES))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,  # plain text for MyCase, not HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=False,
    )


@lru_cache(maxsize=256)
def environment_for(root: Path | None, user: int, case_id: int) -> jinja2.Environment:
    """Templates of the matter, then the user, then the firm, then built-in."""
    if root is None:
        return _environment(())
    return _environment((root / "matters" / str(case_id), root / "users" / str(user), root))


@dataclass(frozen=True)
class Voice:
    """What rendering needs: the learned style and the vocabulary that checks it."""

    style: Style
    vocabulary: Vocabulary


def _party_text(party: Party, style: Style) -> str:
    if party.role == "client":
        return "client" if style.client_word or not party.name else f"client {party.name}"
    if party.role == "opposing counsel":
        word = style.word("opposing counsel")
        return f"{word} {party.name}".strip()
    if party.role == "court":
        return "the court"
    return party.name


def _lower_first(text: str, vocabulary: Vocabulary, every: bool = False) -> str:
    """Lower-case the first word (``every``: each word) when it is an ordinary English
    word in title case, not a name or an acronym."""
    words = text.split(" ")
    for i, word in enumerate(words if every else words[:1]):
        if word[:1].isupper() and not word.isupper() and word.isalpha() \
                and vocabulary.english.known(word) and word.lower() not in vocabulary.names:
            words[i] = word.lower()
    return " ".join(words)


def render_clause(env: jinja2.Environment, work: Work, activity: str, voice: Voice,
                  case_id: int | None = None) -> str:
    style, vocabulary = voice.style, voice.vocabulary
    party = _party_text(work.party, style) if work.party else ""
    topic = work.topic
    if topic and style.lower_topics:
        topic = _lower_first(topic, vocabulary, every=True)
    content = " ".join([party, topic, work.document])
    if work.category == "appear":
        shape, builtin = "object", "Attend"
    elif party:
        shape, builtin = "party", _PARTY_HEADS.get(work.channel, "Confer")
    elif work.document:
        shape, builtin = "object", _OBJECT_HEADS.get(work.category, "Review")
    elif topic:
        shape, builtin = "topic", _TOPIC_HEADS.get(
            work.category if work.category != "communicate" else work.channel, "Review")
    else:
        shape, builtin = "", ""
    head = (style.head(activity, shape, content, vocabulary, case_id) if shape else None) or builtin
    text = env.get_template("clause.j2").render(
        category=work.category, channel=work.channel, head=head, party=party, topic=topic,
        document=work.document, fallback=_FALLBACKS.get(
            work.category if work.category != "communicate" else work.channel, "Review file"),
        re=style.word("regarding"), **{"with": style.word("with")},
    )
    return " ".join(text.split())


def render_entry(env: jinja2.Environment, clauses: Sequence[str], voice: Voice) -> str:
    """Join an entry's clauses (duplicates once, at most ``MAX_CLAUSES``)."""
    seen: dict[str, None] = {}
    for clause in clauses:
        if clause and clause.lower() not in {c.lower() for c in seen}:
            seen[clause] = None
    kept = list(seen)[:MAX_CLAUSES]
    shaped = []
    for i, clause in enumerate(kept):
        clause = clause[0].upper() + clause[1:]
        if i and voice.style.lower_after_semicolon:
            clause = _lower_first(clause, voice.vocabulary)
        shaped.append(clause)
    text = env.get_template("entry.j2").render(clauses=shaped)
    return " ".join(text.split())
