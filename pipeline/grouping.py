"""Grouping a day's attributed spans into tasks, and tasks into entries.

Worked time: each span adds the seconds no earlier span already covered, so
overlapping spans (a call over an open document) are never counted twice, and
the gaps between spans (idle time capture cut out) are never counted at all.

A task is the spans of one matter that show the same work: the same document,
the same thread or party, the same search. A task shorter than
``fold_below_seconds`` folds into the task on the same matter nearest to it in
time, so a 40-second glance at the docket becomes part of the motion it was
for rather than an entry or a clause of its own.

Entries: per matter and day (the tasks become the clauses of one narrative),
or one per task for clients whose guidelines forbid block billing. Billable
and non-billable work of a matter never share an entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from pipeline.clauses import Party, Work
from tenths.records import Span


def worked_seconds(spans: Sequence[Span]) -> dict[str, int]:
    """Seconds each span adds to the day, overlaps with earlier spans removed."""
    out: dict[str, int] = {}
    covered_until: datetime | None = None
    for span in sorted(spans, key=lambda s: (s.start, s.id)):
        start = span.start if covered_until is None else max(span.start, covered_until)
        out[span.id] = max(0, int((span.end - start).total_seconds()))
        covered_until = span.end if covered_until is None else max(covered_until, span.end)
    return out


@dataclass(frozen=True)
class Item:
    """One span to draft: where it goes and what it shows."""

    span: Span
    case_id: int
    billable: bool
    work: Work


@dataclass(frozen=True)
class Task:
    case_id: int
    billable: bool
    work: Work  # what the task shows (its longest span's reading, gaps filled by the others)
    span_ids: tuple[str, ...]
    seconds: int
    start: datetime
    works: tuple[tuple[Work, int], ...] = ()  # every span's reading and seconds


def _merge_work(works: Iterable[tuple[Work, int]]) -> Work:
    ordered = sorted(works, key=lambda ws: -ws[1])
    main = ordered[0][0]
    party: Party | None = main.party or next((w.party for w, _ in ordered if w.party), None)
    topic = main.topic or next((w.topic for w, _ in ordered if w.topic), "")
    document = main.document or next((w.document for w, _ in ordered if w.document), "")
    return replace(main, party=party, topic=topic, document=document)


def build_tasks(items: Sequence[Item], seconds: Mapping[str, int]) -> list[Task]:
    groups: dict[tuple[int, bool, str], list[Item]] = defaultdict(list)
    for item in items:
        groups[(item.case_id, item.billable, item.work.key)].append(item)
    tasks = []
    for (case_id, billable, _key), members in groups.items():
        members.sort(key=lambda i: (i.span.start, i.span.id))
        works = tuple((i.work, seconds[i.span.id]) for i in members)
        tasks.append(Task(case_id, billable, _merge_work(works), tuple(i.span.id for i in members),
                          sum(s for _, s in works), members[0].span.start, works))
    return sorted(tasks, key=lambda t: (t.start, t.span_ids[0]))


def _absorb(into: Task, small: Task) -> Task:
    spans = tuple(sorted(into.span_ids + small.span_ids))
    return replace(into, span_ids=spans, seconds=into.seconds + small.seconds,
                   start=min(into.start, small.start), works=into.works + small.works)


def fold_short(tasks: Sequence[Task], below_seconds: int) -> list[Task]:
    """Fold each task shorter than ``below_seconds`` into the task of the same matter
    (and billability) nearest to it in time; a matter's only task stays."""
    by_matter: dict[tuple[int, bool], list[Task]] = defaultdict(list)
    for task in tasks:
        by_matter[(task.case_id, task.billable)].append(task)
    out: list[Task] = []
    for group in by_matter.values():
        group = sorted(group, key=lambda t: t.start)
        while len(group) > 1:
            small = min(group, key=lambda t: (t.seconds, t.start))
            if small.seconds >= below_seconds:
                break
            i = group.index(small)
            others = [j for j in (i - 1, i + 1) if 0 <= j < len(group)]
            j = min(others, key=lambda k: abs((group[k].start - small.start).total_seconds()))
            group[j] = _absorb(group[j], small)
            del group[i]
        out.extend(group)
    return sorted(out, key=lambda t: (t.start, t.span_ids[0]))


def entry_groups(tasks: Sequence[Task], per_task: Mapping[int, bool]) -> list[list[Task]]:
    """Tasks grouped into entries: one per matter, billability and day, or one per task
    for matters whose client wants no block billing (``per_task[case_id]``)."""
    groups: dict[tuple[int, bool], list[Task]] = defaultdict(list)
    out: list[list[Task]] = []
    for task in tasks:
        if per_task.get(task.case_id, False):
            out.append([task])
        else:
            groups[(task.case_id, task.billable)].append(task)
    out.extend(groups.values())
    return sorted(out, key=lambda g: (g[0].case_id, not g[0].billable, g[0].start))
