"""A message as four mail clients show it: Outlook desktop, Outlook on the web, Gmail and
Apple Mail, each with its own window titles, header labels, header order, date format and
way of quoting, plus what else is on screen (a message list, a folder pane)."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import datetime

from eval.generate3.mailtext import Message
from eval.generate3.noise import cut, ocr
from eval.generate3.people import Person

CLIENTS = ("outlook", "owa", "gmail", "apple")


@dataclass(frozen=True)
class Screen:
    app: str
    window_title: str
    text: str
    url: str | None


@dataclass(frozen=True)
class View:
    """What the mailbox looks like around the message being read."""
    owner: Person
    folder_name: str  # the folder the message is filed in
    folder_names: tuple[str, ...]  # the mailbox's folder pane
    recent: tuple[Message, ...]  # other messages in the list, newest first
    firm_mail: str  # the firm's name for its Google Workspace


def _names(people: tuple[Person, ...], owner: Person, style: str) -> str:
    parts = []
    for p in people:
        if p.email == owner.email and style == "gmail":
            parts.append("me")
        elif style == "full":
            parts.append(f"{p.full} <{p.email}>")
        else:
            parts.append(p.full)
    return "; ".join(parts) if style != "gmail" else ", ".join(parts)


def _outlook_date(when: datetime, long: bool) -> str:
    if long:
        return f"{when:%A, %B} {when.day}, {when:%Y} {when:%I:%M %p}".replace(" 0", " ")
    return f"{when:%a} {when.month}/{when.day}/{when:%Y} {when:%I:%M %p}".replace(" 0", " ")


def _quote_outlook(msg: Message, owner: Person) -> str:
    lines = ["________________________________", f"From: {msg.sender.full} <{msg.sender.email}>",
             f"Sent: {_outlook_date(msg.sent, True)}", f"To: {_names(msg.to, owner, 'plain')}"]
    if msg.cc:
        lines.append(f"Cc: {_names(msg.cc, owner, 'plain')}")
    lines += [f"Subject: {msg.subject}", "", msg.body]
    return "\n".join(lines)


def _quote_gmail(msg: Message) -> str:
    head = (f"On {msg.sent:%a}, {msg.sent:%b} {msg.sent.day}, {msg.sent:%Y} at "
            f"{msg.sent:%I:%M %p}".replace(" 0", " ") + f" {msg.sender.full} <{msg.sender.email}> wrote:")
    return head + "\n" + "\n".join("> " + line for line in msg.body.split("\n"))


def _quote_apple(msg: Message) -> str:
    head = f"> On {msg.sent.day} {msg.sent:%b %Y}, at {msg.sent:%H:%M}, {msg.sender.full} " \
           f"<{msg.sender.email}> wrote:"
    return head + "\n> \n" + "\n".join("> " + line for line in msg.body.split("\n"))


def _list_rows(view: View, rng: random.Random, gmail: bool) -> list[str]:
    rows = []
    for other in view.recent[:rng.randint(3, 6)]:
        who = "me" if other.outgoing and gmail else other.sender.full
        rows.append(f"{who}  {other.subject}  {other.sent:%H:%M}")
    return rows


def _attachments(msg: Message, rng: random.Random) -> list[str]:
    return [f"{name}  {rng.randint(12, 2400)} KB" for name in msg.attachments]


def outlook(msg: Message, view: View, rng: random.Random) -> Screen:
    opened = rng.random() < 0.25
    if msg.kind == "invite":
        title = f"{msg.subject} - Meeting"
    elif opened or (msg.outgoing and rng.random() < 0.5):
        title = f"{msg.subject} - Message (HTML)"
    elif rng.random() < 0.12:
        title = f"{view.folder_name} - {view.owner.email} - Outlook"
    else:
        title = f"Inbox - {view.owner.email} - Outlook"
    lines: list[str] = []
    if not opened and rng.random() < 0.2:
        lines += ["Favorites", f"Inbox {rng.randint(1, 40)}", "Sent Items", "Drafts",
                  "Deleted Items", "Archive"]
        lines += sorted(view.folder_names)[:rng.randint(6, 12)]
    if not opened and rng.random() < 0.3:
        lines += ["Focused  Other", *_list_rows(view, rng, False)]
    if opened:
        lines += [f"From: {msg.sender.full} <{msg.sender.email}>",
                  f"Sent: {_outlook_date(msg.sent, True)}",
                  f"To: {_names(msg.to, view.owner, 'plain')}"]
        if msg.cc:
            lines.append(f"Cc: {_names(msg.cc, view.owner, 'plain')}")
        lines.append(f"Subject: {msg.subject}")
    else:
        lines += [msg.subject, f"{msg.sender.full} <{msg.sender.email}>",
                  f"To: {_names(msg.to, view.owner, 'plain')}"]
        if msg.cc:
            lines.append(f"Cc: {_names(msg.cc, view.owner, 'plain')}")
        lines.append(_outlook_date(msg.sent, False))
    lines += _attachments(msg, rng)
    lines += ["", msg.body]
    lines += [_quote_outlook(q, view.owner) for q in msg.quoted]
    return Screen("Microsoft Outlook", title, "\n".join(lines), None)


def _token(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(size))


def owa(msg: Message, view: View, rng: random.Random) -> Screen:
    browser = rng.choice(("Microsoft Edge", "Microsoft Edge", "Google Chrome"))
    title = f"Mail - {view.owner.full} - Outlook"
    if browser == "Microsoft Edge":
        title += " and 2 more pages - Work - Microsoft\u200b Edge"
    lines = [msg.subject, "".join(w[0] for w in msg.sender.full.split()),
             f"{msg.sender.full} <{msg.sender.email}>",
             f"To:\u2009{_names(msg.to, view.owner, 'plain')}"]
    if msg.cc:
        lines.append(f"Cc:\u2009{_names(msg.cc, view.owner, 'plain')}")
    lines.append(_outlook_date(msg.sent, False))
    lines += _attachments(msg, rng)
    lines += ["", msg.body]
    lines += [_quote_outlook(q, view.owner) for q in msg.quoted[:1]]
    lines.append("Reply   Reply all   Forward")
    url = f"https://outlook.office.com/mail/inbox/id/AAQk{_token(rng, 40)}"
    return Screen(browser, title, "\n".join(lines), url)


def gmail(msg: Message, view: View, rng: random.Random) -> Screen:
    labelled = rng.random() < 0.1
    where = "label/" + view.folder_name.replace(" ", "+") if labelled else "inbox"
    url = f"https://mail.google.com/mail/u/0/#{where}/FMfcgz{_token(rng, 26)}"
    title = f"{msg.subject} - {view.owner.email} - {view.firm_mail} Mail"
    lines = [msg.subject, "Inbox \u00d7"]
    if labelled:
        lines.append(f"{view.folder_name} \u00d7")
    if msg.kind == "invite":
        lines.append("Invitation from Google Calendar")
    lines += [f"{msg.sender.full} <{msg.sender.email}>",
              f"{msg.sent:%a}, {msg.sent:%b} {msg.sent.day}, {msg.sent:%I:%M %p}".replace(" 0", " "),
              f"to {_names(msg.to + msg.cc, view.owner, 'gmail')} \u25be"]
    lines += _attachments(msg, rng)
    lines += ["", msg.body]
    if msg.quoted and rng.random() < 0.35:  # Gmail folds the quote away; sometimes opened
        lines.append(_quote_gmail(msg.quoted[0]))
    elif msg.quoted:
        lines.append("...")
    lines.append("Reply   Forward")
    return Screen("Google Chrome", title, "\n".join(lines), url)


def apple(msg: Message, view: View, rng: random.Random) -> Screen:
    if rng.random() < 0.6:
        title = f"Inbox \u2014 {view.owner.email} ({rng.randint(300, 9000):,} messages, " \
                f"{rng.randint(0, 60)} unread)"
    else:
        title = msg.subject
    sent = f"{msg.sent.day} {msg.sent:%B %Y} at {msg.sent:%H:%M:%S} GMT{msg.sent:%z}"
    lines = [f"From: {msg.sender.full} <{msg.sender.email}>", f"Subject: {msg.subject}",
             f"Date: {sent}", f"To: {_names(msg.to, view.owner, 'full')}"]
    if msg.cc:
        lines.append(f"Cc: {_names(msg.cc, view.owner, 'full')}")
    lines += [f"{len(msg.attachments)} Attachments"] if msg.attachments else []
    lines += ["", msg.body]
    lines += [_quote_apple(q) for q in msg.quoted[:2]]
    return Screen("Mail", title, "\n".join(lines), None)


RENDERERS = {"outlook": outlook, "owa": owa, "gmail": gmail, "apple": apple}


def render(client: str, msg: Message, view: View, rng: random.Random) -> Screen:
    """The screen for ``msg``, cut to what the window shows and read with OCR errors."""
    screen = RENDERERS[client](msg, view, rng)
    text = cut(screen.text, rng.choice((900, 1400, 1800, 2400, 3200, 5000)))
    if rng.random() < 0.5:
        text = ocr(text, rng, rng.choice((0.005, 0.01, 0.02, 0.04)))
    return Screen(screen.app, screen.window_title, text, screen.url)
