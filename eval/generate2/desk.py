"""One timekeeper's working state while their days are generated: caseload, threads, inbox."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .content import signature
from .names import slug
from .records import Case, Party, Staff, World
from .screens import Mail, Row, Screen

GENERIC_SUBJECTS = ("Quick question", "Following up", "Checking in", "Documents", "Call tomorrow?",
                    "Your voicemail", "Signed copy", "Scan", "Update", "Next steps", "Time-sensitive",
                    "Per our conversation", "Re: this week")


@dataclass(frozen=True)
class Draft:
    """A span before it is placed in time and read back through OCR."""

    screen: Screen
    minutes: float
    case_id: int | None
    billable: bool
    cue: str
    new_party: str | None = None


@dataclass
class Thread:
    case: Case
    subject: str
    generic: bool
    correspondent: tuple[str, str, str]  # name, email, role
    messages: int = 0
    claim: str | None = None
    last_line: str = ""


@dataclass
class Desk:
    """Mutable while one user's stream is generated; nothing outside the generator sees it."""

    world: World
    user: Staff
    rng: random.Random
    mail_app: str
    browser: str
    caseload: list[Case]
    owned: set[int]  # matters whose new outsiders this user meets (one laptop each)
    threads: dict[int, Thread] = field(default_factory=dict)
    met: dict[int, Party] = field(default_factory=dict)  # case id -> new outsider already met
    inbox: list[Row] = field(default_factory=list)
    day: dt.date = dt.date(2000, 1, 1)
    hot: list[Case] = field(default_factory=list)
    clock: dt.datetime = dt.datetime(2000, 1, 1)  # local wall time, roughly where the day has got to

    @property
    def me(self) -> str:
        return self.user.email

    def now(self, received: bool = False) -> dt.datetime:
        """The time a message shows: the desk's clock for one being written, a while before it for one received."""
        if not received:
            return self.clock
        sent = self.clock - dt.timedelta(minutes=self.rng.randint(3, 240))
        floor = dt.datetime.combine(self.day, dt.time(6, 50))
        return sent if sent >= floor else floor - dt.timedelta(hours=self.rng.randint(10, 14))

    def pick_case(self) -> Case:
        pool = self.hot + self.caseload
        return self.rng.choice(pool)

    def new_day(self, day: dt.date) -> None:
        self.day = day
        self.clock = dt.datetime.combine(day, dt.time(8, 40))
        k = min(len(self.caseload), self.rng.randint(3, 5))
        self.hot = self.rng.sample(self.caseload, k) * 3

    def rows(self, exclude: str = "") -> tuple[Row, ...]:
        pool = [r for r in self.inbox[-14:] if r.subject != exclude]
        self.rng.shuffle(pool)
        return tuple(pool[: self.rng.randint(3, 7)])

    def remember(self, m: Mail) -> None:
        preview = next((b for b in m.body if len(b) > 25), "")
        self.inbox.append(Row(m.sender, m.subject, m.when.strftime("%I:%M %p").lstrip("0"), preview))

    def correspondents(self, case: Case) -> list[tuple[str, str, str]]:
        out = [(n.full, e, "client") for n, e in self.world.contacts(case)]
        out += [(p.name.full, p.email, p.role) for p in case.parties if p.role != "judge"]
        return out

    def thread(self, case: Case, rate: float) -> Thread:
        t = self.threads.get(case.id)
        if t is not None and self.rng.random() < 0.7:
            return t
        who = self.rng.choice(self.correspondents(case))
        generic = self.rng.random() < rate
        if generic:
            subject = self.rng.choice(GENERIC_SUBJECTS)
        else:
            doc = self.rng.choice(case.docs)
            subject = self.rng.choice((f"{case.name} - {doc}", f"{case.handle}: {doc}", f"{doc} ({case.handle})",
                                       f"{case.matter_no} {case.handle} / {doc}",
                                       f"{case.number} - {doc}" if case.number else f"{case.handle} - {doc}"))
        claim = f"{self.rng.randint(10, 99)}-{self.rng.randint(100000, 999999)}" if who[2] == "adjuster" else None
        t = Thread(case, subject, generic, who, claim=claim)
        self.threads[case.id] = t
        return t

    def incoming(self, t: Thread, extra: str | None = None, cc: tuple[str, ...] = ()) -> Mail:
        name, email, role = t.correspondent
        body = incoming_body(t, self.user, self.rng, extra)
        t.messages += 1
        subject = t.subject if t.messages == 1 else f"RE: {t.subject}"
        m = Mail(name, email, (self.me,), cc, subject, self.now(received=True), body, self._attachment(t))
        self.remember(m)
        return m

    def reply(self, t: Thread, extra: str | None = None) -> Mail:
        name, email, role = t.correspondent
        first = name.split()[0] if role == "client" else name
        lines = [f"Hi {first}," if role == "client" else f"{name.split()[-1]}," if role != "opposing_counsel" else "Counsel,", ""]
        lines.append(self.rng.choice((
            "Thanks for this. I will review and get back to you by end of day tomorrow.",
            "Following up on my note below. Let me know when you have a minute to talk.",
            "Thank you for your time today. As discussed, we will send the revised draft this week.",
            "Attached is the updated version with our comments.",
            "Can you confirm the dates below still work on your side?")))
        if extra:
            lines.append(extra)
        if t.claim and self.rng.random() < 0.6:
            lines.append(f"Claim No. {t.claim}")
        lines += list(signature(self.user, self.world))
        if t.last_line and self.rng.random() < 0.7:
            lines += ["", f"On {self.day:%a, %b %d, %Y}, {name} <{email}> wrote:", t.last_line]
        t.messages += 1
        return Mail(self.user.name.full, self.me, (email,), (), f"RE: {t.subject}", self.now(), tuple(lines),
                    self._attachment(t) if self.rng.random() < 0.3 else None)

    def _attachment(self, t: Thread) -> str | None:
        if self.rng.random() > 0.3:
            return None
        doc = self.rng.choice(t.case.docs)
        return f"{slug(t.case.handle).title()}_{doc.replace(' ', '_')}.pdf" if self.rng.random() < 0.6 else f"{doc}.pdf"


def incoming_body(t: Thread, user: Staff, rng: random.Random, extra: str | None) -> tuple[str, ...]:
    name, email, role = t.correspondent
    case = t.case
    doc = rng.choice(case.docs).lower()
    greet = f"Hi {user.name.first}," if role == "client" or rng.random() < 0.5 else f"{user.name.first}:"
    if role == "client":
        middle = rng.choice((f"I found the papers you asked for about the {doc}, attached.",
                             "The other side called me again. Should I answer?",
                             f"Can we talk this week about the {case.stage.lower()}? I have a few questions.",
                             "Sorry for the delay, I was travelling. See my answers below.",
                             f"Is there anything else you need from me for the {doc}?"))
    elif role == "opposing_counsel":
        middle = rng.choice((f"Following up on the {doc}. We would propose a short extension; please confirm.",
                             "Please let me know your availability for a meet and confer next week.",
                             f"Attached are our comments on the {doc}. We cannot agree to paragraph 4.",
                             "My client is willing to discuss resolution. Do you have time for a call?"))
    elif role == "adjuster":
        middle = rng.choice(("We have completed our review of the file and are prepared to discuss the claim.",
                             "Please send the updated medical specials and any outstanding bills.",
                             "I am out of the office Friday; my supervisor can be reached in the meantime."))
    else:
        middle = rng.choice((f"Per your request, attached is the {doc}.", "I can make myself available next week.",
                             "Following up on your message. Happy to discuss by phone.",
                             f"We reviewed the {doc} and have two small questions."))
    lines = [greet, "", middle]
    if rng.random() < 0.35:
        lines.append(rng.choice((f"Regarding {case.handle}:", f"Re: {case.name}", f"Our ref: {case.matter_no}",
                                 f"Case No. {case.number}" if case.filed else f"Re: {case.handle}")))
    if t.claim:
        lines.append(f"Claim No. {t.claim}")
    if extra:
        lines.append(extra)
    lines += ["", "Thanks," if rng.random() < 0.6 else "Best regards,", name]
    org = next((p.org for p in case.parties + case.new_parties if p.email == email), "")
    if org:
        lines.append(org)
    t.last_line = middle
    return tuple(lines)
