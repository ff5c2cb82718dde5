"""Grouping a day's attributed spans into draft entries.

One entry per matter and activity for the day. Worked time is the span time
with overlaps removed (a minute is never counted twice) and idle already cut
by capture. Hours are in tenths: the day's total is its worked time rounded
up to the next tenth, and those tenths are shared among the entries by
largest remainder, so the day never bills a tenth more than that and no entry
is rounded up on its own. An entry whose share is nothing is kept as a draft
with 0.0 hours for the lawyer to fold in or drop; it is not released.

The service drafts each day again every few minutes. Work already in an entry
the lawyer released or edited (or that MyCase holds or billed) is settled:
drafting again leaves those entries alone and drafts only the spans no settled
entry holds, so later work on the same matter and day becomes a new draft. A draft's
id comes from its matter, activity and first span, never from the day alone,
so it cannot collide with a settled entry's.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import jinja2

from pipeline.activities import activity_name, work_type
from pipeline.narrative import render_narrative
from pipeline.rates import resolve_rate
from tenths.records import Attribution, Entry, EntryStatus, Matter, Span, Staff

TENTH_SECONDS = 360


@dataclass(frozen=True)
class DraftContext:
    """What drafting needs from the store and settings, gathered once."""

    matters: Mapping[int, Matter]
    staff: Mapping[int, Staff]
    activity_names: Sequence[str]
    firm_default_rate: Decimal
    env: jinja2.Environment


def worked_seconds(spans: Sequence[Span]) -> dict[str, int]:
    """Seconds each span adds to the day, overlaps with earlier spans removed."""
    out: dict[str, int] = {}
    covered_until: datetime | None = None
    for span in sorted(spans, key=lambda s: (s.start, s.id)):
        start = span.start if covered_until is None else max(span.start, covered_until)
        out[span.id] = max(0, int((span.end - start).total_seconds()))
        covered_until = span.end if covered_until is None else max(covered_until, span.end)
    return out


def allocate_tenths(seconds: Sequence[int]) -> list[int]:
    """Share ceil(total / 6 min) tenths among items by largest remainder."""
    total = math.ceil(sum(seconds) / TENTH_SECONDS)
    exact = [s / TENTH_SECONDS for s in seconds]
    shares = [math.floor(x) for x in exact]
    order = sorted(range(len(seconds)), key=lambda i: (-(exact[i] - shares[i]), -seconds[i], i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def entry_id(user: int, day: date, case_id: int, activity: str, first_span: str) -> str:
    key = f"{user}|{day.isoformat()}|{case_id}|{activity}|{first_span}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def draft_day(
    user: int,
    day: date,
    spans: Sequence[Span],
    attributions: Mapping[str, Attribution],
    ctx: DraftContext,
    now: datetime,
    existing: Sequence[Entry] = (),
) -> list[Entry]:
    """Draft the day's entries for one timekeeper from attributed spans.

    ``existing`` are the day's entries already in the store: the spans of the settled
    ones (released, synced, invoiced, edited by hand) are not drafted again.
    """
    taken = {span_id for e in existing if e.settled for span_id in e.span_ids}
    seconds = worked_seconds(spans)
    groups: dict[tuple[int, str], list[Span]] = defaultdict(list)
    kinds: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for span in spans:
        if span.id in taken:
            continue
        attribution = attributions.get(span.id)
        if attribution is None or attribution.predicted_case is None or not attribution.billable:
            continue
        if attribution.case_id not in ctx.matters:
            continue
        kind = work_type(span)
        name = activity_name(kind, ctx.activity_names)
        groups[(attribution.case_id, name)].append(span)
        kinds[(attribution.case_id, name)][kind] += seconds[span.id]
    keys = sorted(groups)
    group_seconds = [sum(seconds[s.id] for s in groups[k]) for k in keys]
    tenths = allocate_tenths(group_seconds)
    staff = ctx.staff.get(user)
    entries = []
    for key, worked, share in zip(keys, group_seconds, tenths, strict=True):
        case_id, name = key
        matter = ctx.matters[case_id]
        first = min(groups[key], key=lambda s: (s.start, s.id))
        main_kind = max(kinds[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
        entries.append(
            Entry(
                id=entry_id(user, day, case_id, name, first.id),
                user=user,
                case_id=case_id,
                entry_date=day,
                worked_seconds=worked,
                hours=Decimal(share) / 10,
                rate=resolve_rate(matter, staff, ctx.firm_default_rate),
                activity_name=name,
                description=render_narrative(ctx.env, main_kind, matter, groups[key]),
                billable=matter.billing_type != "pro_bono",
                span_ids=tuple(s.id for s in groups[key]),
                status=EntryStatus.DRAFT,
                updated_at=now,
            )
        )
    return entries
