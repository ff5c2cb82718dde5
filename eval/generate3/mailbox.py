"""The mailbox kind: one or two people's mail, day by day, filed in their folders.

Each folder is a matter known to MyCase by its name only, or personal, newsletter or
firm-admin mail that belongs to no case. Messages come in threads within their folder;
folders are busy in bursts; what is on screen is the message as a mail client shows it.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from eval.generate3.fixture import (
    SpanOut,
    day_starts,
    firm_json,
    staff_record,
    working_days,
    write_fixture,
)
from eval.generate3.mailtext import (
    Message,
    attachment,
    body,
    fill,
    invite,
    newsletter,
    one_liner,
)
from eval.generate3.mailworld import Firm, Folder, make_firm, make_folders
from eval.generate3.people import EXTERNAL_TITLES, Person, company_name, make_org, make_person
from eval.generate3.screens import CLIENTS, View, render


@dataclass
class _Thread:
    subject: str
    people: tuple[Person, ...]
    messages: list[Message] = field(default_factory=list)


@dataclass
class _FolderState:
    """What a folder has said so far: mutable, private to one generation run."""
    folder: Folder
    specific: float
    burst: float = 1.0
    threads: list[_Thread] = field(default_factory=list)


@dataclass(frozen=True)
class MailboxPlan:
    messages: int = 2000
    folders: int = 60  # a mailbox's folders, matters and others
    users: int = 1


def _pick(rng: random.Random, people: tuple[Person, ...]) -> Person:
    """Correspondents are Zipf-like: the first few write most."""
    return people[min(len(people) - 1, int(rng.expovariate(0.8)))]


def _subject_prefix(rng: random.Random, forward: bool) -> str:
    if forward:
        return rng.choice(("Fwd: ", "FW: ", "Fw: "))
    return rng.choice(("Re: ", "RE: ", "Re: ", "AW: ", "RE: RE: "))


def _compose(rng: random.Random, state: _FolderState, owner: Person, firm: Firm,
             when: datetime, progress: float, elsewhere: list[Message]) -> tuple[Message, str]:
    folder = state.folder
    kind = folder.topic.kind
    if kind == "newsletter":
        sender = _pick(rng, folder.people)
        subject, text = newsletter(folder, sender, when, rng, progress)
        return Message(folder.key, sender, (owner,), (), when, subject, text, (), "newsletter",
                       (), False), "newsletter"
    crowd = folder.people + (folder.insiders if kind != "personal" else ())
    if kind == "admin":
        crowd = folder.insiders + folder.people
    if rng.random() < 0.05 and kind != "personal":
        organiser = _pick(rng, crowd) if rng.random() < 0.7 else owner
        subject, text = invite(folder, organiser, when, rng, progress)
        guests = tuple(rng.sample(crowd, min(len(crowd), rng.randint(1, 4))))
        return Message(folder.key, organiser, (owner, *guests), (), when, subject, text, (),
                       "invite", (), organiser is owner), "invite"
    live = [t for t in state.threads[-6:]]
    if live and rng.random() < 0.7:
        thread = live[min(len(live) - 1, int(rng.expovariate(0.9)))]
        state.threads.remove(thread)
        state.threads.append(thread)
        forward = rng.random() < 0.08
        subject = _subject_prefix(rng, forward) + thread.subject
        cue = "thread"
    else:
        base = body_subject(rng, folder, progress, when)
        thread = _Thread(base, tuple(rng.sample(crowd, min(len(crowd), rng.randint(1, 3)))))
        state.threads.append(thread)
        forward, subject, cue = False, base, "new-thread"
    outgoing = rng.random() < 0.22
    sender = owner if outgoing else _pick(rng, thread.people)
    others = tuple(p for p in thread.people if p is not sender)
    to = others[:1] if outgoing and others else (owner,)
    cc = tuple(p for p in others if p not in to)[:3]
    if rng.random() < 0.12 and thread.messages:
        text, kind_out, cue = one_liner(sender, rng, firm.address), "oneliner", "one-liner"
    else:
        text = body(folder, sender, to, progress, rng, when, firm.address, state.specific)
        kind_out = "mail"
    if forward:
        text = rng.choice(("See below.", "FYI", "Forwarding for your files.", "Please see the "
                           "thread below.", "")) + "\n\n" + text
    quoted = tuple(reversed(thread.messages[-rng.randint(1, 3):])) if thread.messages else ()
    if elsewhere and rng.random() < 0.04:  # a reply that drags in another conversation
        quoted = quoted + (rng.choice(elsewhere[-40:]),)
        cue = "quoted-elsewhere"
    files = tuple(attachment(folder, progress, rng, when) for _ in range(
        rng.choice((0, 0, 0, 0, 1, 1, 2))))
    message = Message(folder.key, sender, to, cc, when, subject, text, quoted, kind_out, files,
                      outgoing)
    thread.messages.append(message)
    return message, cue


def body_subject(rng: random.Random, folder: Folder, progress: float, when: datetime) -> str:
    return fill(rng.choice(folder.topic.subjects), folder, progress, rng, when)


def _daily_counts(rng: random.Random, total: int, days: int) -> list[int]:
    weights = [rng.lognormvariate(0, 0.35) * (1.15 if d % 5 == 0 else 0.85 if d % 5 == 4
                                              else 1.0) for d in range(days)]
    scale = total / sum(weights)
    counts = [min(80, max(20, round(w * scale))) for w in weights]
    for index in rng.sample(range(days), days):  # settle the rounding on the total
        gap = total - sum(counts)
        if gap == 0:
            break
        counts[index] = min(80, max(20, counts[index] + gap))
    return counts


def _case_records(folders: list[Folder], staff_of: dict[int, int], created: str) -> list[dict]:
    """Names-only cases: the keys the format requires are there, and empty."""
    owners: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for folder in folders:
        if folder.case_id is None:
            continue
        names[folder.case_id] = folder.name
        owners.setdefault(folder.case_id, [])
        if staff_of[folder.owner] not in owners[folder.case_id]:
            owners[folder.case_id].append(staff_of[folder.owner])
    return [{
        "id": case_id, "name": names[case_id], "case_number": "", "description": "",
        "practice_area": "", "case_stage": "", "status": "open", "billing_type": "",
        "clients": [], "companies": [],
        "staff": [{"id": s, "lead_lawyer": i == 0, "originating_lawyer": False,
                   "case_rate": None} for i, s in enumerate(owners[case_id])],
        "created_at": created, "updated_at": created,
    } for case_id in sorted(names)]


@dataclass(frozen=True)
class MailboxWorld:
    firm: Firm
    folders: tuple[tuple[Folder, ...], ...]  # each user's folders
    calendar: tuple[date, ...]
    zone: timezone


def mailbox_world(rng: random.Random, plan: MailboxPlan) -> MailboxWorld:
    """The firm, each mailbox's folders and the working days, before any message."""
    used_names: set[str] = set()
    used_companies: set[str] = set()
    firm = make_firm(rng, plan.users, used_names)
    days = min(90, max(40, round(plan.messages / plan.users / rng.uniform(28, 48))))
    first_day = date(2025, 1, 6) + timedelta(days=7 * rng.randint(0, 30))
    calendar = working_days(first_day, days)
    zone = timezone(timedelta(hours=rng.choice((-8, -5, -5, 0, 1, 1, 2))))
    case_ids = rng.sample(range(10_000, 99_999), plan.folders * plan.users)
    shared = [make_person(rng, make_org(rng, company_name(rng, used_companies)),
                          EXTERNAL_TITLES, used_names) for _ in range(max(3, plan.folders // 4))]
    folders: list[Folder] = []
    per_owner: list[list[Folder]] = []
    for owner in range(plan.users):
        taken: set[str] = {f.name for f in folders}
        own = make_folders(rng, firm, owner, plan.folders, days, case_ids, used_names,
                           used_companies, taken, shared)
        if owner > 0:  # a few matters both people work on
            theirs = [f for f in per_owner[0] if f.case_id is not None]
            for index, folder in enumerate(own):
                if folder.case_id is not None and theirs and rng.random() < 0.12:
                    twin = theirs.pop(rng.randrange(len(theirs)))
                    own[index] = dataclasses.replace(
                        twin, key=folder.key, owner=owner, weight=folder.weight,
                        first_day=folder.first_day, last_day=folder.last_day)
        per_owner.append(own)
        folders += own
    return MailboxWorld(firm, tuple(tuple(f) for f in per_owner), tuple(calendar), zone)


def generate_mailbox(seed: int, plan: MailboxPlan) -> tuple[dict, list[SpanOut]]:
    """(firm.json, spans) of a mailbox fixture; the same seed gives the same fixture."""
    rng = random.Random(f"generate3-mailbox-{seed}")
    world = mailbox_world(rng, plan)
    firm, calendar, zone = world.firm, list(world.calendar), world.zone
    first_day = calendar[0]
    per_user = plan.messages // plan.users
    folders = [f for own in world.folders for f in own]
    staff_ids = rng.sample(range(100, 999), len(firm.users) + len(firm.colleagues))
    staff_of = {i: staff_ids[i] for i in range(len(firm.users))}
    created = f"{first_day.year - 3}-03-01T09:00:00Z"
    staff = [staff_record(p, staff_ids[i], "Attorney", rng.choice((350, 425, 480, 550)), created)
             for i, p in enumerate(firm.users)]
    staff += [staff_record(p, staff_ids[len(firm.users) + i],
                           "Paralegal" if p.title in ("Paralegal", "Legal Assistant")
                           else "Attorney", rng.choice((180, 250, 320, 400)), created)
              for i, p in enumerate(firm.colleagues)]
    cases = _case_records(folders, staff_of, created)
    rng.shuffle(cases)
    document = firm_json(firm.name, firm.domain, staff, [], [], cases)
    spans: list[SpanOut] = []
    for owner in range(plan.users):
        spans += _user_spans(rng, firm, owner, list(world.folders[owner]), calendar, zone,
                             per_user,
                             staff_of[owner])
    return document, spans


def _user_spans(rng: random.Random, firm: Firm, owner: int, folders: list[Folder],
                calendar: list[date], zone: timezone, total: int, staff_id: int) -> list[SpanOut]:
    person = firm.users[owner]
    states = [_FolderState(f, rng.uniform(0.3, 0.7)) for f in folders]
    primary = rng.choice(CLIENTS)
    names = tuple(f.name for f in folders)
    seen: dict[str, int] = {}
    history: list[Message] = []
    spans: list[SpanOut] = []
    for day_index, (day, count) in enumerate(zip(calendar, _daily_counts(rng, total,
                                                                        len(calendar)),
                                                 strict=True)):
        for state in states:
            state.burst = min(8.0, max(0.1, state.burst ** 0.6 * rng.lognormvariate(0, 0.7)))
        live = [s for s in states if s.folder.first_day <= day_index <= s.folder.last_day] \
            or states
        starts = day_starts(rng, day, count, zone)
        for position, start in enumerate(starts):
            state = rng.choices(live, weights=[s.folder.weight * s.burst for s in live])[0]
            folder = state.folder
            progress = (day_index - folder.first_day) / max(1, folder.last_day - folder.first_day)
            sent = start - timedelta(minutes=rng.choice((1, 3, 8, 25, 90, 240, 1500, 4000)))
            message, cue = _compose(rng, state, person, firm, sent, progress, history)
            history.append(message)
            client = primary if rng.random() < 0.75 else rng.choice(CLIENTS)
            view = View(person, folder.name, names, tuple(reversed(history[-7:-1])),
                        firm.name.split()[0])
            screen = render(client, message, view, rng)
            words = len(screen.text.split())
            seconds = 4 + words / rng.uniform(3.0, 7.0)
            if message.outgoing:
                seconds *= rng.uniform(1.5, 4.0)
            if message.kind == "oneliner":
                seconds = rng.uniform(3, 15)
            end = start + timedelta(seconds=min(900, round(seconds)))
            if position + 1 < len(starts):
                end = min(end, starts[position + 1] - timedelta(seconds=1))
            new_party = ""
            sender = message.sender
            if folder.topic.matter and not message.outgoing and sender.org is not None \
                    and not sender.email.endswith(firm.domain):
                seen[sender.email] = seen.get(sender.email, 0) + 1
                if seen[sender.email] <= 3:
                    new_party = sender.full
                    cue = "new_party_first" if seen[sender.email] == 1 else "new_party_repeat"
            spans.append(SpanOut(
                user=staff_id, start=start, end=end, app=screen.app, kind="email",
                window_title=screen.window_title, text=screen.text, url=screen.url, path=None,
                case_id=folder.case_id, billable=folder.case_id is not None,
                cue=cue, new_party=new_party))
    return spans


def write_mailbox(seed: int, plan: MailboxPlan, out_dir: Path) -> int:
    document, spans = generate_mailbox(seed, plan)
    write_fixture(out_dir, document, spans, f"m{seed}")
    return len(spans)
