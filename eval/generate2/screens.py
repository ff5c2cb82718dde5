"""What a screen is made of, and the mail clients' chrome around a message."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Screen:
    """One window as drawn: a title, full-width header lines and side-by-side panes."""

    app: str
    kind: str
    title: str
    header: tuple[str, ...]
    panes: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # share of the width each pane takes
    url: str | None = None
    path: str | None = None
    footer: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mail:
    sender: str
    sender_email: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    when: dt.datetime
    body: tuple[str, ...]
    attachment: str | None = None


@dataclass(frozen=True)
class Row:
    """One line of a message list: who, subject, when, the preview."""

    sender: str
    subject: str
    when: str
    preview: str


def _when(m: Mail, style: str) -> str:
    if style == "outlook":
        return m.when.strftime("%a %m/%d/%Y %I:%M %p").replace(" 0", " ")
    if style == "gmail":
        return m.when.strftime("%a, %b %d, %Y, %I:%M %p").replace(" 0", " ")
    return m.when.strftime("%B %d, %Y at %I:%M %p").replace(" 0", " ")


def _list_lines(rows: tuple[Row, ...], style: str) -> tuple[str, ...]:
    out: list[str] = []
    for r in rows:
        if style == "gmail":
            out.append(f"{r.sender[:20]}  {r.subject} - {r.preview[:40]}  {r.when}")
        else:
            out += [f"{r.sender}   {r.when}", r.subject, r.preview[:48]]
    return tuple(out)


def _message_lines(m: Mail, style: str) -> tuple[str, ...]:
    lines = [m.subject]
    if style == "outlook":
        lines += [f"{m.sender} <{m.sender_email}>", f"To: {'; '.join(m.to)}"]
        if m.cc:
            lines.append(f"Cc: {'; '.join(m.cc)}")
        lines.append(_when(m, style))
    elif style == "gmail":
        lines += [f"{m.sender} <{m.sender_email}>   {_when(m, style)}", f"to {', '.join(t.split('@')[0] for t in m.to)}"]
    else:
        lines += [f"From: {m.sender}", f"To: {', '.join(m.to)}"]
        if m.cc:
            lines.append(f"Cc: {', '.join(m.cc)}")
        lines.append(_when(m, style))
    if m.attachment:
        lines.append(f"{m.attachment}  ({random.Random(m.attachment).randint(40, 900)} KB)")
    return tuple(lines) + m.body


def outlook_desktop(m: Mail, rows: tuple[Row, ...], me: str, opened: bool, compose: bool) -> Screen:
    if compose or opened:
        title = f"{'RE: ' if compose and not m.subject.startswith('RE') else ''}{m.subject} - Message (HTML)"
        header = ("File  Message  Insert  Options  Format Text  Review  Help",
                  "Send" if compose else "Reply  Reply All  Forward  Delete  Archive  Move  Tags")
        return Screen("Microsoft Outlook", "email", title, header, (_message_lines(m, "outlook"),), (1.0,))
    folders = ("Favorites", "Inbox", "Sent Items", "Drafts", "Deleted Items", me, "Inbox", "Clients",
               "Court Notices", "Archive", "Junk Email", "Outbox", "RSS Feeds")
    return Screen("Microsoft Outlook", "email", f"Inbox - {me} - Outlook",
                  ("File  Home  Send / Receive  Folder  View  Help", "New Email  Delete  Archive  Reply  Reply All  Forward  Search"),
                  (folders, ("Focused  Other", *_list_lines(rows, "outlook")), _message_lines(m, "outlook")),
                  (0.16, 0.3, 0.54))


def outlook_web(m: Mail, rows: tuple[Row, ...], me: str, browser: str, rng: random.Random) -> Screen:
    msg_id = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24))
    who = me.split("@")[0].replace(".", " ").title()
    title = f"Mail - {who} - Outlook"
    if browser == "Microsoft Edge":
        title += " and 4 more pages - Work - Microsoft Edge"
    return Screen(browser, "browser", title, ("Outlook   Search", "Home  View  Help   New mail  Delete  Archive  Report  Sweep"),
                  (("Folders", "Inbox", "Drafts", "Sent Items", "Deleted Items", "Archive", "Notes"),
                   _list_lines(rows, "outlook"), _message_lines(m, "outlook")),
                  (0.14, 0.32, 0.54), url=f"https://outlook.office.com/mail/inbox/id/AAQk{msg_id}")


def gmail(m: Mail, rows: tuple[Row, ...], me: str, firm: str, browser: str, opened: bool, rng: random.Random) -> Screen:
    thread = "FMfcgz" + "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz") for _ in range(26))
    side = ("Compose", "Inbox", "Starred", "Snoozed", "Sent", "Drafts", "More", "Labels", "Clients", "Court", "Billing")
    if opened:
        title = f"{m.subject} - {me} - {firm} Mail"
        panes: tuple[tuple[str, ...], ...] = (side, _message_lines(m, "gmail"))
        widths: tuple[float, ...] = (0.16, 0.84)
        url = f"https://mail.google.com/mail/u/0/#inbox/{thread}"
    else:
        title = f"Inbox ({rng.randint(3, 60)}) - {me} - {firm} Mail"
        panes, widths, url = (side, _list_lines(rows, "gmail")), (0.16, 0.84), "https://mail.google.com/mail/u/0/#inbox"
    return Screen(browser, "browser", title, ("Search mail",), panes, widths, url=url)


def apple_mail(m: Mail, rows: tuple[Row, ...], account: str, opened: bool) -> Screen:
    if opened:
        return Screen("Mail", "email", m.subject, ("Reply  Reply All  Forward  Archive  Delete  Junk  Move",),
                      (_message_lines(m, "apple"),), (1.0,))
    return Screen("Mail", "email", f"Inbox – {account} ({len(rows) * 3 + 2} messages, {len(rows)} unread)",
                  ("Get Mail  Compose  Archive  Delete  Junk  Reply  Reply All  Forward  Flag  Search",),
                  (("Favorites", "Inbox", "Sent", "Flagged", "Drafts", "Mailboxes", account),
                   _list_lines(rows, "apple"), _message_lines(m, "apple")),
                  (0.15, 0.33, 0.52))


def mail_screen(client: str, m: Mail, rows: tuple[Row, ...], me: str, firm: str, browser: str,
                rng: random.Random, compose: bool = False) -> Screen:
    """The given message as one of the mail clients shows it (reading pane, opened, or being written)."""
    opened = compose or rng.random() < 0.3
    if client == "outlook_desktop":
        return outlook_desktop(m, rows, me, opened, compose)
    if client == "outlook_web":
        return outlook_web(m, rows, me, browser, rng)
    if client == "gmail":
        return gmail(m, rows, me, firm, browser, opened or rng.random() < 0.7, rng)
    return apple_mail(m, rows, me, opened)


def inbox_only(client: str, rows: tuple[Row, ...], me: str, firm: str, browser: str, rng: random.Random) -> Screen:
    """An inbox with no message open: a list of subjects from many matters."""
    blank = Mail("", "", (), (), "", dt.datetime(2000, 1, 1), ())
    if client == "gmail":
        return gmail(blank, rows, me, firm, browser, False, rng)
    s = mail_screen(client, blank, rows, me, firm, browser, random.Random(0))
    panes = tuple(p for p in s.panes[:-1]) or (_list_lines(rows, "outlook"),)
    title = s.title if client != "apple_mail" else f"Inbox – {me} ({len(rows) * 3} messages, {len(rows)} unread)"
    return Screen(s.app, s.kind, title, s.header, panes, s.widths[: len(panes)] if len(panes) > 1 else (1.0,), url=s.url)
