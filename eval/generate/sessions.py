"""What a timekeeper does in one sitting: plans of spans and their rendering."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import special, text
from .common import Ctx, Rendered, display, sent_line, staff_person
from .firm import outside_person, role_org
from .names import NameRegistry
from .practice import AREAS
from .profiles import Profile
from .world import Matter, Person

# median minutes on screen, by kind of span
_MEDIAN_MINUTES = {
    "email": 3.0,
    "document": 9.0,
    "browser": 3.5,
    "call": 7.0,
    "meeting": 22.0,
    "chat": 1.5,
    "app": 1.5,
    "research": 11.0,
}

_CLIENT_CUES = ("client_name", "client_email", "client_phone", "client_last_name")


@dataclass(frozen=True)
class Span:
    """One rendered span before it is timed and serialised."""

    rendered: Rendered
    case_id: int | None
    billable: bool
    cue: str
    new_party: str | None = None
    minutes_hint: str = ""  # key into _MEDIAN_MINUTES


@dataclass(frozen=True)
class NewParty:
    user: int
    case_id: int
    party: Person
    intro_day: int
    repeat_days: tuple[int, ...]


@dataclass
class UserState:
    """What one timekeeper's screen has seen so far (threads are per mailbox)."""

    threads: dict[int, list[special.Thread]] = field(default_factory=dict)


def duration_seconds(rng: random.Random, hint: str, profile: Profile) -> int:
    median = _MEDIAN_MINUTES[hint] * profile.mean_span_minutes / 6.5
    minutes = min(40.0, max(1.0, rng.lognormvariate(0.0, 0.7) * median))
    return int(minutes * 60)


def _identifying(m: Matter) -> tuple[str, ...]:
    values = [m.client_last, m.name, m.short, m.detail, m.matter_no, m.opposing_short]
    if m.case_number:
        values.append(m.case_number)
    return tuple(v for v in values if v)


def _suffix(cue: str, m: Matter) -> str:
    if cue in _CLIENT_CUES and m.two_matters:
        cue += "+two_matters"
    if cue in ("client_last_name", "file_path", "matter_number") and m.shared_surname:
        cue += "+shared_surname"
    return cue


def ordinary_span(ctx: Ctx, m: Matter, state: UserState) -> Span:
    rng = ctx.rng
    threads = state.threads.get(m.case_id, [])
    if threads and rng.random() < 0.3:
        thread = rng.choice(threads)
        return Span(
            special.thread_reply(ctx, m, thread), m.case_id, True, thread.cue, minutes_hint="email"
        )
    if rng.random() < 0.012:
        return billing_question(ctx, m)
    cues = [(c, w) for c, w in ctx.profile.cue_weights if text.cue_available(m, c)]
    cue = rng.choices([c for c, _ in cues], [w for _, w in cues])[0]
    kind = rng.choice(text.CUE_KINDS[cue])
    if kind == "email":
        rendered, who, subject = text.email(ctx, m, cue)
        if cue not in ("judge",) and who.role != "staff":
            carries = any(v in subject for v in _identifying(m))
            state.threads.setdefault(m.case_id, []).append(
                special.Thread(
                    m.case_id, subject.removeprefix("RE: "), who, cue if carries else "thread"
                )
            )
    else:
        rendered = text.render(ctx, m, cue, kind)
    return Span(rendered, m.case_id, True, _suffix(cue, m), minutes_hint=kind)


def billing_question(ctx: Ctx, m: Matter) -> Span:
    """Non-billable work on a matter: the client asks about an invoice."""
    client = m.client
    body = (
        f"From: {display(client)}\nSent: {sent_line(ctx.moment)}\n"
        f"To: {display(staff_person(ctx.user))}\nSubject: Question about my invoice\n\n"
        "Hi, I received the latest invoice and had a question about two of the entries. "
        f"Could someone call me?\n\n{client.first}"
    )
    rendered = Rendered(
        "Microsoft Outlook", "email", "Question about my invoice - Message (HTML)", body
    )
    cue = "client_name+two_matters" if m.two_matters else "client_name"
    return Span(rendered, m.case_id, False, f"billing_admin:{cue}", minutes_hint="email")


def session(ctx: Ctx, m: Matter, state: UserState) -> list[Span]:
    """A sitting on one matter: a few spans, maybe research or a bare draft in between."""
    rng = ctx.rng
    n = min(8, 1 + int(rng.expovariate(1 / 2.6)))
    spans = [ordinary_span(ctx, m, state) for _ in range(n)]
    if n >= 3 and rng.random() < 0.5:
        spans[rng.randint(1, n - 2)] = Span(
            special.research(ctx, m), m.case_id, True, "neighbour_research", minutes_hint="research"
        )
    if n >= 4 and rng.random() < 0.25:
        i = rng.randint(1, n - 2)
        if spans[i].cue != "neighbour_research":
            spans[i] = Span(
                special.context_free(ctx, m),
                m.case_id,
                True,
                "neighbour_context",
                minutes_hint="document",
            )
    return spans


def new_party_events(
    rng: random.Random,
    reg: NameRegistry,
    profile: Profile,
    users: list[int],
    active: dict[int, list[Matter]],
) -> list[NewParty]:
    events: list[NewParty] = []
    taken: set[int] = set()
    for i in range(profile.n_new_parties):
        user = users[i % len(users)]
        options = [m for m in active[user] if m.case_id not in taken]
        m = rng.choice(options[: max(6, len(options) // 2)])
        taken.add(m.case_id)
        known = {p.role for p in m.history_parties}
        roles = [r for r in AREAS[m.area].roles if r not in known]
        if m.court_kind != "none" and m.area != "immigration":
            roles.append("opposing counsel")
        role = rng.choice(roles)
        org = reg.law_firm() if role == "opposing counsel" else role_org(reg, role)
        party = outside_person(reg, role, org)
        intro = rng.randint(0, 5)
        repeats = tuple(sorted(rng.randint(intro, 9) for _ in range(rng.randint(4, 7))))
        events.append(NewParty(user, m.case_id, party, intro, repeats))
    return events


def new_party_block(
    ctx: Ctx, m: Matter, event: NewParty, first: bool, state: UserState
) -> list[Span]:
    rng = ctx.rng
    name = event.party.full
    if first:
        rendered = special.new_party_first(ctx, m, event.party)
        spans = [
            Span(rendered, m.case_id, True, "new_party_first", name, minutes_hint=rendered.kind)
        ]
        if rng.random() < 0.5:
            spans.extend(ordinary_span(ctx, m, state) for _ in range(rng.randint(1, 2)))
        return spans
    rendered = special.new_party_repeat(ctx, m, event.party)
    spans = [Span(rendered, m.case_id, True, "new_party_repeat", name, minutes_hint=rendered.kind)]
    if rng.random() < 0.3:
        spans.append(ordinary_span(ctx, m, state))
    return spans
