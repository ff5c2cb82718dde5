"""A replay source: spans read from a fixture's ``activities.jsonl``.

The ``truth`` of each line is never read here: it belongs to the eval
harness alone, and what this module yields carries no trace of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from tenths.errors import InputError, RecordError
from tenths.records import Span, parse_time

_STRINGS = ("id", "app", "kind", "window_title", "text")
_OPTIONAL = ("url", "path")


def span_from_line(obj: object) -> Span:
    """Build a span from one parsed line; raises RecordError naming the field."""
    if not isinstance(obj, dict):
        raise RecordError("line: expected a JSON object")
    for name in _STRINGS:
        if not isinstance(obj.get(name), str):
            raise RecordError(f"{name}: expected a string")
    for name in _OPTIONAL:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise RecordError(f"{name}: expected a string or null")
    user = obj.get("user")
    if not isinstance(user, int) or isinstance(user, bool):
        raise RecordError("user: expected an integer staff id")
    return Span(
        id=obj["id"],
        user=user,
        start=parse_time(obj.get("start"), "start"),
        end=parse_time(obj.get("end"), "end"),
        app=obj["app"],
        kind=obj["kind"],
        window_title=obj["window_title"],
        text=obj["text"],
        url=obj.get("url"),
        path=obj.get("path"),
    )


def read_spans(path: Path) -> Iterator[Span]:
    """Yield the spans of an ``activities.jsonl`` file, checking every line."""
    seen: set[str] = set()
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not JSON ({exc.msg})", line=number) from exc
            try:
                span = span_from_line(obj)
            except RecordError as exc:
                raise InputError(str(path), str(exc), line=number) from exc
            if span.id in seen:
                raise InputError(str(path), f"duplicate id {span.id!r}", line=number, field="id")
            seen.add(span.id)
            yield span
