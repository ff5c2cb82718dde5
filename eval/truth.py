"""The labels of a fixture, read apart from the spans so they never reach the pipeline."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tenths.errors import InputError
from tenths.records import Span, parse_time


@dataclass(frozen=True, slots=True)
class Truth:
    span_id: str
    case_id: int | None
    billable: bool
    local_day: date  # the calendar day of ``start`` in its own UTC offset
    minutes: float
    kind: str
    cue: str = ""
    new_party: str = ""


def by_user_and_day(spans: Iterable[Span],
                    truths: Mapping[str, Truth]) -> dict[int, dict[date, list[Span]]]:
    """Each timekeeper's spans by the calendar day of their start, in stream order: how
    the protocol replays a fixture (one laptop a user, one day at a time)."""
    grouped: dict[int, dict[date, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for span in spans:
        grouped[span.user][truths[span.id].local_day].append(span)
    return grouped


def read_truth(path: Path) -> dict[str, Truth]:
    truths: dict[str, Truth] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            obj = json.loads(line)
            label = obj.get("truth")
            if not isinstance(label, dict):
                raise InputError(str(path), "expected an object", line=number, field="truth")
            case_id = label.get("case_id")
            if case_id is not None and (not isinstance(case_id, int) or isinstance(case_id, bool)):
                raise InputError(str(path), "expected an integer or null", number, "truth.case_id")
            if not isinstance(label.get("billable"), bool):
                raise InputError(str(path), "expected true or false", number, "truth.billable")
            start, end = parse_time(obj["start"], "start"), parse_time(obj["end"], "end")
            truths[obj["id"]] = Truth(
                span_id=obj["id"],
                case_id=case_id,
                billable=label["billable"],
                local_day=date.fromisoformat(obj["start"][:10]),
                minutes=(end - start).total_seconds() / 60.0,
                kind=obj.get("kind", ""),
                cue=str(label.get("cue") or ""),
                new_party=str(label.get("new_party") or ""),
            )
    return truths
