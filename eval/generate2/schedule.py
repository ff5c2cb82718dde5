"""Lay each timekeeper's workflows out over ten working days, in local time with offsets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .apps import BROWSERS
from .desk import Desk, Draft
from .records import Case, World
from .screens import Row, Screen
from .tasks import next_task

DAYS = 10


@dataclass(frozen=True)
class Timed:
    user: int
    start: dt.datetime
    end: dt.datetime
    draft: Draft


def workdays(first: dt.date, n: int) -> list[dt.date]:
    out, day = [], first
    while len(out) < n:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def screen_words(s: Screen) -> str:
    return "\n".join((s.title, *s.header, *(line for pane in s.panes for line in pane), *s.footer))


def _caseloads(world: World, rng: random.Random) -> dict[int, list[Case]]:
    open_cases = [c for c in world.cases if c.status == "open"]
    loads: dict[int, list[Case]] = {}
    for uid in world.users:
        mine = [c for c in open_cases if uid in c.staff_ids]
        others = [c for c in open_cases if c not in mine]
        extra = rng.sample(others, min(len(others), max(0, 14 - len(mine)) + rng.randint(0, 3)))
        loads[uid] = mine + extra
    return loads


def _owners(world: World, loads: dict[int, list[Case]]) -> dict[int, set[int]]:
    """Each new outsider is met on one laptop only: by the first timekeeper whose caseload holds the matter."""
    owned: dict[int, set[int]] = {u: set() for u in world.users}
    for case in world.cases:
        if not case.new_parties:
            continue
        for uid in world.users:
            if case in loads[uid]:
                owned[uid].add(case.id)
                break
    return owned


def _mark_new_party(d: Desk, draft: Draft) -> Draft:
    """A span of the matter that shows a met outsider's name is labelled with them, however it came to show it."""
    if draft.new_party is not None or draft.case_id not in d.met:
        return draft
    party = d.met[draft.case_id]
    if party.name.full in screen_words(draft.screen):
        return dataclasses.replace(draft, new_party=party.name.full)
    return draft


def _prime_inbox(d: Desk) -> None:
    """Last week's mail, so the first morning's message list is not empty."""
    for case in d.rng.sample(d.caseload, min(8, len(d.caseload))):
        people = d.correspondents(case)
        who = d.rng.choice(people)[0] if people else case.handle
        d.inbox.append(Row(who, f"{case.handle} - {d.rng.choice(case.docs)}", d.rng.choice(("Thu", "Fri", "Wed")),
                           "Please see attached and let me know."))


def _day(desk: Desk, tz: ZoneInfo, uid: int, target: int, rng: random.Random) -> list[Timed]:
    """Work through tasks from the morning on, each span starting where the last ended (plus idle gaps).

    The desk's clock is where the day has got to, so a message shows a time just before it is read.
    Wall-clock arithmetic keeps 9:00 at 9:00 across a DST change; the offset comes from the zone."""
    day = desk.day
    desk.clock = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=rng.randint(0, 90))
    lunch_at = dt.datetime.combine(day, dt.time(11, 45)) + dt.timedelta(minutes=rng.randint(0, 75))
    lunch = dt.timedelta(minutes=rng.randint(20, 60))
    out: list[Timed] = []
    lunched = False
    home = dt.datetime.combine(day, dt.time(19, 15)) + dt.timedelta(minutes=rng.randint(0, 60))
    while len(out) < target and desk.clock < home:
        for draft in [_mark_new_party(desk, x) for x in next_task(desk)]:
            clock = desk.clock + dt.timedelta(minutes=rng.choice((0.05, 0.1, 0.3, 0.5, 1, 1, 2, 4, 9, 18)))
            if not lunched and clock >= lunch_at:
                clock += lunch
                lunched = True
            end = clock + dt.timedelta(seconds=max(15, round(draft.minutes * 0.9 * 60)))
            out.append(Timed(uid, clock.replace(microsecond=0, tzinfo=tz), end.replace(microsecond=0, tzinfo=tz), draft))
            desk.clock = end.replace(microsecond=0)
    return out


def build_stream(world: World, seed: int) -> list[Timed]:
    p = world.profile
    tz = ZoneInfo(p.tz)
    setup = random.Random(f"{seed}:desks")
    loads = _caseloads(world, setup)
    owned = _owners(world, loads)
    days = workdays(dt.date.fromisoformat(p.start_date), DAYS)
    out: list[Timed] = []
    for uid in world.users:
        rng = random.Random(f"{seed}:user:{uid}")
        mail_app = rng.choices([a for a, _ in p.mail_apps], weights=[w for _, w in p.mail_apps])[0]
        browser = rng.choice(BROWSERS if mail_app != "apple_mail" else ("Safari", "Google Chrome"))
        desk = Desk(world, world.staff_by_id(uid), rng, mail_app, browser, loads[uid], owned[uid])
        _prime_inbox(desk)
        for day in days:
            desk.new_day(day)
            out += _day(desk, tz, uid, rng.randint(*p.spans_per_day), rng)
    out.sort(key=lambda t: (t.start, t.user))
    return out
