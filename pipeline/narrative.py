"""Narratives in the firm's voice: one jinja2 template per kind of work.

A template gets the subjects, documents and research topics the spans show,
cleaned of mail and file decorations, never the body text of a screen.
Firms replace a template by putting their own file of the same name in a
directory they pass as ``template_dir``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote_plus

import jinja2

from pipeline.signals import SUBJECT_LINE, SUBJECT_PREFIX, TITLE_SUFFIX
from tenths.records import Matter, Span

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
MAX_ITEMS = 3
_EXT = re.compile(r"\.(docx?|pdf|xlsx?|pptx?|txt|rtf|msg)$", re.I)
_SEARCH_QUERY = re.compile(r"(?:[?&](?:q|query|searchText|search)=)([^&#]+)", re.I)


def make_environment(template_dir: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.FileSystemLoader(BUILTIN_TEMPLATES))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,  # plain text for MyCase, not HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=False,
    )


def _subject(span: Span) -> str:
    line = SUBJECT_LINE.search(span.text) if span.kind == "email" else None
    subject = line.group(1) if line else TITLE_SUFFIX.sub("", span.window_title)
    if not line and subject.lower().startswith("inbox"):
        return ""
    return SUBJECT_PREFIX.sub("", subject).strip()


def _document(span: Span) -> str:
    name = re.split(r"[\\/]", span.path)[-1] if span.path else TITLE_SUFFIX.sub("", span.window_title)
    name = _EXT.sub("", name.strip())
    return re.sub(r"[_]+", " ", name).strip()


def _topic(span: Span) -> str:
    if span.url:
        match = _SEARCH_QUERY.search(span.url)
        if match:
            return unquote_plus(match.group(1)).strip()
    return ""


def _unique(items: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item.lower() not in {s.lower() for s in seen}:
            seen[item] = None
    return list(seen)[:MAX_ITEMS]


def short_caption(matter: Matter) -> str:
    return re.sub(r",?\s+(Inc|LLC|LLP|Ltd|Corp)\.?$", "", matter.name).strip()


def render_narrative(
    env: jinja2.Environment, work_type: str, matter: Matter, spans: Sequence[Span]
) -> str:
    context = {
        "matter": matter.name,
        "matter_short": short_caption(matter),
        "count": len(spans),
        "subjects": _unique([_subject(s) for s in spans if s.kind in ("email", "call", "meeting", "chat")]),
        "documents": _unique([_document(s) for s in spans if s.kind == "document"]),
        "topics": _unique([_topic(s) for s in spans]),
    }
    template = env.get_template(f"{work_type}.j2")
    return " ".join(template.render(context).split())
