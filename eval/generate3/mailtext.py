"""The words of one message: filled sentence frames, greetings, signatures, invites.

A message is written from its folder's vocabulary at a point of the folder's life, so
jargon drifts as the work moves on; about half of what people write says nothing about
the matter at all.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from eval.generate3 import pools
from eval.generate3.mailworld import Folder, amount
from eval.generate3.people import Person, signature

_SLOT = re.compile(r"\{([A-Z])\}")


@dataclass(frozen=True)
class Message:
    folder: int
    sender: Person
    to: tuple[Person, ...]
    cc: tuple[Person, ...]
    sent: datetime
    subject: str
    body: str  # what this message adds, signature and disclaimer included
    quoted: tuple[Message, ...]  # earlier messages shown under it, newest first
    kind: str  # mail, invite, newsletter, oneliner
    attachments: tuple[str, ...]
    outgoing: bool  # written by the mailbox owner


def jargon_at(folder: Folder, progress: float, rng: random.Random) -> str:
    """A jargon term near where the folder's work stands (``progress`` in 0..1)."""
    size = len(folder.jargon)
    centre = progress * (size - 1)
    index = int(round(rng.gauss(centre, max(1.0, size / 4))))
    return folder.jargon[min(size - 1, max(0, index))]


def fill(template: str, folder: Folder, progress: float, rng: random.Random,
         when: datetime) -> str:
    said: list[str] = []

    def one(match: re.Match) -> str:
        key = match.group(1)
        if key in ("X", "Y"):
            for _ in range(4):  # "{X} and {Y}" names two different things
                term = jargon_at(folder, progress, rng)
                if term not in said:
                    break
            said.append(term)
            return term
        if key == "A" and rng.random() < 0.4:
            return amount(rng)
        if key == "S":
            return rng.choice((str(rng.randint(2, 14)), f"{rng.randint(2, 14)}.{rng.randint(1, 9)}",
                               f"{rng.randint(2, 14)}({rng.choice('abcd')})"))
        if key == "D":
            ahead = when + timedelta(days=rng.randint(1, 12))
            return rng.choice((pools.WEEKDAYS[ahead.weekday() % 5], ahead.strftime("%B %d"),
                               "tomorrow", "end of week", "next week",
                               ahead.strftime("%d/%m")))
        values = folder.slots.get(key)
        if not values:
            return rng.choice(pools.CODENAMES)
        # the first values recur most: the main party, the main place
        return values[min(len(values) - 1, int(rng.expovariate(1.2)))]

    return _SLOT.sub(one, template)


def _greeting(rng: random.Random, to: tuple[Person, ...]) -> str:
    if not to or rng.random() < 0.25:
        return ""
    first = to[0].first
    if len(to) > 2 and rng.random() < 0.4:
        return rng.choice(("All,", "Hi all,", "Team,"))
    return rng.choice((f"Hi {first},", f"{first},", f"{first} -", f"Dear {first},",
                       f"Hello {first},", f"Dear {to[0].full},"))


def attachment(folder: Folder, progress: float, rng: random.Random, when: datetime) -> str:
    term = jargon_at(folder, progress, rng)
    shape = rng.choice(("{t} v{n}.docx", "{t} ({f}) - execution version.pdf",
                        "{f} - {t}.pdf", "{t}_{d}.docx", "Scan_{d}_{n}.pdf", "image00{n}.png",
                        "{t} - redline.pdf"))
    return shape.format(t=term.title(), n=rng.randint(1, 9), f=folder.slots["F"][0],
                        d=when.strftime("%Y%m%d"))


def body(folder: Folder, sender: Person, to: tuple[Person, ...], progress: float,
         rng: random.Random, when: datetime, firm_address: str, specific: float) -> str:
    """Greeting, sentences (a share ``specific`` of them about the matter), sign-off,
    signature and disclaimer."""
    roll = rng.random()
    count = rng.randint(1, 3) if roll < 0.5 else rng.randint(4, 7) if roll < 0.85 \
        else rng.randint(8, 22)
    sentences = []
    for _ in range(count):
        if rng.random() < specific:
            sentences.append(fill(rng.choice(folder.topic.sentences), folder, progress, rng,
                                  when))
        else:
            sentences.append(rng.choice(pools.GENERIC_SENTENCES))
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if rng.random() < 0.35:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    parts = [p for p in (_greeting(rng, to), "\n\n".join(paragraphs)) if p]
    parts.append(tail(sender, rng, firm_address))
    return "\n\n".join(parts)


def tail(sender: Person, rng: random.Random, firm_address: str) -> str:
    sign_off = rng.choice(pools.SIGN_OFFS)
    lines = [sign_off] if sign_off else []
    if rng.random() < 0.8:
        lines.append(signature(sender, rng, firm_address))
    else:
        lines.append(sender.first)
    text = "\n".join(lines)
    if sender.org is not None and sender.org.disclaimer and rng.random() < 0.7:
        text += "\n\n" + sender.org.disclaimer
    return text


def one_liner(sender: Person, rng: random.Random, firm_address: str) -> str:
    line = rng.choice(pools.ONE_LINERS)
    if rng.random() < 0.5:
        return line + ("\n\nSent from my iPhone" if rng.random() < 0.4 else "")
    return line + "\n\n" + tail(sender, rng, firm_address)


def invite(folder: Folder, organiser: Person, when: datetime, rng: random.Random,
           progress: float) -> tuple[str, str]:
    """(subject, body) of a calendar invitation, half of them about nothing in particular."""
    if rng.random() < 0.5 and folder.topic.matter:
        subject = fill(rng.choice(("Call re {X}", "{F} - {X} call", "{E} / {F} sync",
                                   "Meeting: {X}", "{F} weekly")), folder, progress, rng, when)
    else:
        subject = rng.choice(("Catch-up", "Weekly sync", "Call", "Quick call", "Check-in",
                              "Discussion", "Touch base", "Hold"))
    start = when + timedelta(days=rng.randint(1, 9))
    start += timedelta(days=max(0, 7 - start.weekday()) if start.weekday() > 4 else 0)
    start = start.replace(
        hour=rng.randint(8, 17), minute=rng.choice((0, 0, 30)), second=0, microsecond=0)
    end = start + timedelta(minutes=rng.choice((30, 30, 45, 60)))
    meeting = f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    lines = [
        f"When: {start:%A, %B} {start.day}, {start:%Y} {start:%I:%M %p}-{end:%I:%M %p}",
        rng.choice(("Where: Microsoft Teams Meeting", "Where: Zoom",
                    f"Where: Conference Room {rng.randint(2, 12)}{rng.choice('ABC')}",
                    "Where: Dial-in details below")),
        f"Organizer: {organiser.full}",
        "",
        rng.choice(("Join the meeting now", "Join Zoom Meeting", "Click here to join")),
        f"Meeting ID: {meeting}",
        f"Passcode: {rng.choice('abcdefghjkmnpqrstuvwxyz')}{rng.randint(1000, 9999)}",
        "",
        "Accept   Tentative   Decline   Propose new time",
    ]
    if rng.random() < 0.3:
        lines.insert(4, fill(rng.choice(folder.topic.sentences), folder, progress, rng, when))
    return subject, "\n".join(lines)


def newsletter(folder: Folder, sender: Person, when: datetime, rng: random.Random,
               progress: float) -> tuple[str, str]:
    subject = fill(rng.choice(folder.topic.subjects), folder, progress, rng, when)
    lines = ["View in browser", sender.org.name if sender.org else sender.full,
             when.strftime("%A, %B %d, %Y"), ""]
    for _ in range(rng.randint(4, 12)):
        headline = fill(rng.choice(folder.topic.sentences), folder, progress, rng, when)
        lines.append(headline)
        if rng.random() < 0.5:
            lines.append(f"{rng.choice(pools.LAST_NAMES)} v. {rng.choice(pools.COMPANY_ROOTS)}: "
                         f"{rng.choice(('appeal dismissed', 'new ruling', 'settlement approved', 'certiorari denied', 'class certified'))}.")
    lines += ["", "You are receiving this because you subscribed.",
              "Unsubscribe | Manage preferences | Privacy"]
    return subject, "\n".join(lines)
