"""The activity stream: ten working days of each timekeeper's screen."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import noise, offmatter, sessions
from .common import Ctx
from .profiles import Profile, utc_offset, workdays
from .sessions import NewParty, Span, UserState
from .world import Matter, World


def active_matters(rng: random.Random, world: World, user: int) -> list[Matter]:
    """The user's open matters, busiest first (a few are hot, most are quiet)."""
    mine = [m for m in world.matters if m.open and user in m.staff_ids]
    scored = [
        (rng.paretovariate(1.3) * (2.0 if m.lead_id == user else 1.0), i, m)
        for i, m in enumerate(mine)
    ]
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [m for _, _, m in scored]


def _pick_matter(rng: random.Random, world: World, mine: list[Matter]) -> Matter:
    if rng.random() < 0.05:
        others = [m for m in world.matters if m.open and m not in mine]
        if others:
            return rng.choice(others)
    weights = [1.0 / (rank + 2) ** 0.9 for rank in range(len(mine))]
    return rng.choices(mine, weights)[0]


def _offmatter_block(ctx: Ctx, personal_share: float) -> list[Span]:
    spans = []
    for _ in range(ctx.rng.randint(1, 3)):
        if ctx.rng.random() < personal_share:
            rendered, cue = offmatter.personal(ctx)
        else:
            rendered, cue = offmatter.internal(ctx)
        hint = "research" if cue == "internal_cle" else rendered.kind
        spans.append(Span(rendered, None, False, cue, minutes_hint=hint))
    return spans


class _Day:
    """Lays one user's day out in time, block after block."""

    def __init__(self, rng: random.Random, profile: Profile, day: dt.date) -> None:
        self.rng = rng
        self.profile = profile
        tz = utc_offset(day, profile.std_offset_hours)
        hour, minute = profile.day_start
        self.now = dt.datetime(
            day.year, day.month, day.day, hour, minute, tzinfo=tz
        ) + dt.timedelta(minutes=rng.randint(0, 50), seconds=rng.randint(0, 59))
        self.end = self.now + dt.timedelta(hours=profile.day_hours, minutes=rng.randint(-45, 40))
        self.lunch = dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=tz) + dt.timedelta(
            minutes=rng.randint(-30, 60)
        )
        self.lunched = False
        self.out: list[tuple[dt.datetime, dt.datetime, Span]] = []

    def place(self, spans: list[Span]) -> None:
        for span in spans:
            seconds = sessions.duration_seconds(self.rng, span.minutes_hint, self.profile)
            start = self.now
            self.now = start + dt.timedelta(seconds=seconds)
            self.out.append((start, self.now, span))
            gap = (
                self.rng.randint(2, 90) if self.rng.random() < 0.85 else self.rng.randint(120, 900)
            )
            self.now += dt.timedelta(seconds=gap)

    def away(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes, seconds=self.rng.randint(0, 59))


def _user_days(
    rng: random.Random,
    world: World,
    profile: Profile,
    user: int,
    mine: list[Matter],
    events: list[NewParty],
) -> list[tuple[dt.datetime, dt.datetime, Span]]:
    state = UserState()
    staff = world.staff_member(user)
    placed: list[tuple[dt.datetime, dt.datetime, Span]] = []
    for index, day in enumerate(workdays(profile)):
        plan = _Day(rng, profile, day)
        ctx = Ctx(rng=rng, profile=profile, world=world, user=staff, moment=plan.now)
        due: list[tuple[float, NewParty, bool]] = []
        for event in events:
            if event.user != user:
                continue
            if event.intro_day == index:
                due.append((rng.uniform(0.05, 0.4), event, True))
            for r_day in event.repeat_days:
                if r_day == index:
                    due.append(
                        (
                            rng.uniform(0.45, 0.95)
                            if r_day == event.intro_day
                            else rng.uniform(0.0, 0.95),
                            event,
                            False,
                        )
                    )
        due.sort(key=lambda t: t[0])
        length = (plan.end - plan.now).total_seconds()
        day_start = plan.now
        court_done = staff.type != "Attorney" or rng.random() > 0.3
        while plan.now < plan.end:
            ctx.moment = plan.now
            if due and (plan.now - day_start).total_seconds() >= due[0][0] * length:
                _, event, first = due.pop(0)
                plan.place(
                    sessions.new_party_block(ctx, world.matter(event.case_id), event, first, state)
                )
            elif not plan.lunched and plan.now >= plan.lunch:
                plan.lunched = True
                if rng.random() < 0.7:
                    plan.place(_offmatter_block(ctx, personal_share=0.9))
                plan.away(rng.randint(20, 50))
            elif rng.random() < profile.offmatter_rate:
                plan.place(_offmatter_block(ctx, personal_share=0.45))
            elif not court_done and rng.random() < 0.04:
                court_done = True
                plan.away(rng.randint(60, 150))  # in court, away from the screen
            else:
                m = _pick_matter(rng, world, mine)
                plan.place(sessions.session(ctx, m, state))
        for _, event, first in due:  # anything the day ran out before
            ctx.moment = plan.now
            plan.place(
                sessions.new_party_block(ctx, world.matter(event.case_id), event, first, state)
            )
        placed.extend(plan.out)
    return placed


def _damage(rng: random.Random, profile: Profile, span: Span) -> tuple[str, str]:
    """(text, cue) after OCR damage and truncation; new-party spans are left clean."""
    text, cue = span.rendered.text, span.cue
    if span.new_party is not None:
        return text, cue
    if rng.random() < profile.ocr_rate:
        text = noise.ocr_damage(text, rng, profile.ocr_intensity)
        cue += "+ocr"
    if rng.random() < profile.trunc_rate:
        text = noise.truncate(text, rng)
        cue += "+cut"
    return text, cue


def build_stream(
    rng: random.Random, world: World, profile: Profile
) -> tuple[list[dict[str, Any]], list[NewParty]]:
    """The spans, sorted by start, and the new parties that were introduced."""
    active = {user: active_matters(rng, world, user) for user in world.timekeepers}
    assert world.registry is not None
    events = sessions.new_party_events(rng, world.registry, profile, world.timekeepers, active)
    rows: list[tuple[dt.datetime, int, dt.datetime, Span]] = []
    for user in world.timekeepers:
        for start, end, span in _user_days(rng, world, profile, user, active[user], events):
            rows.append((start, user, end, span))
    rows.sort(key=lambda r: (r[0], r[1]))
    out = []
    for i, (start, user, end, span) in enumerate(rows, 1):
        text, cue = _damage(rng, profile, span)
        truth: dict[str, Any] = {"case_id": span.case_id, "billable": span.billable}
        if span.new_party is not None:
            truth["new_party"] = span.new_party
        truth["cue"] = cue
        r = span.rendered
        out.append(
            {
                "id": f"{profile.name[0]}{i:05d}",
                "user": user,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "app": r.app,
                "kind": r.kind,
                "window_title": r.title,
                "text": text,
                "url": r.url,
                "path": r.path,
                "truth": truth,
            }
        )
    return out, events
