"""Writing a ``tenths-fixture/1`` directory: MyCase records and the span stream.

Records follow ``shared/MYCASE_API.md`` field names; spans follow ``shared/FIXTURES.md``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from eval.generate3 import pools
from eval.generate3.people import Person

FORMAT = "tenths-fixture/1"


@dataclass(frozen=True)
class SpanOut:
    """One line of ``activities.jsonl`` before ids are given."""
    user: int
    start: datetime
    end: datetime
    app: str
    kind: str
    window_title: str
    text: str
    url: str | None
    path: str | None
    case_id: int | None
    billable: bool
    cue: str
    new_party: str = ""


def working_days(first: date, count: int) -> list[date]:
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def day_starts(rng: random.Random, day: date, count: int,
               zone: timezone) -> list[datetime]:
    """When each of a working day's ``count`` spans begins, in order, spread over roughly
    07:45 to 19:30 local time with a lunch lull, at least half a minute apart."""
    begin = datetime(day.year, day.month, day.day, 7, 45, tzinfo=zone) + timedelta(
        minutes=rng.randint(0, 90))
    finish = datetime(day.year, day.month, day.day, 19, 30, tzinfo=zone) - timedelta(
        minutes=rng.randint(0, 150))
    length = (finish - begin).total_seconds()
    marks = []
    while len(marks) < count:
        mark = rng.random()
        if 0.4 < mark < 0.5 and rng.random() < 0.6:  # lunch
            continue
        marks.append(mark)
    starts, last = [], None
    for mark in sorted(marks):
        moment = (begin + timedelta(seconds=mark * length)).replace(microsecond=0)
        if last is not None and moment < last + timedelta(seconds=30):
            moment = last + timedelta(seconds=30)
        starts.append(moment)
        last = moment
    return starts


def staff_record(person: Person, staff_id: int, kind: str, rate: int, created: str) -> dict:
    return {
        "id": staff_id, "email": person.email, "first_name": person.first,
        "middle_initial": "", "last_name": person.last, "work_phone_number": person.phone,
        "cell_phone_number": "", "type": kind, "title": person.title, "active": True,
        "default_hourly_rate": rate, "created_at": created, "updated_at": created,
    }


def firm_json(firm_name: str, domain: str, staff: list[dict], clients: list[dict],
              companies: list[dict], cases: list[dict]) -> dict:
    return {
        "format": FORMAT,
        "firm": {"name": firm_name, "url": f"https://www.{domain}"},
        "staff": staff,
        "clients": clients,
        "companies": companies,
        "cases": cases,
        "activity_names": list(pools.ACTIVITY_NAMES),
        "time_entries": [],
    }


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def write_fixture(out_dir: Path, firm: dict, spans: list[SpanOut], prefix: str) -> None:
    """Write ``firm.json`` and ``activities.jsonl`` (spans in order of start, ids unique)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ordered = sorted(spans, key=lambda s: (s.start.astimezone(UTC), s.user))
    with (out_dir / "firm.json").open("w", encoding="utf-8") as handle:
        json.dump(firm, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    with (out_dir / "activities.jsonl").open("w", encoding="utf-8") as handle:
        for number, span in enumerate(ordered, start=1):
            truth: dict = {"case_id": span.case_id, "billable": span.billable}
            if span.new_party:
                truth["new_party"] = span.new_party
            if span.cue:
                truth["cue"] = span.cue
            line = {
                "id": f"{prefix}-{number:06d}", "user": span.user, "start": _iso(span.start),
                "end": _iso(span.end), "app": span.app, "kind": span.kind,
                "window_title": span.window_title, "text": span.text, "url": span.url,
                "path": span.path, "truth": truth,
            }
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
