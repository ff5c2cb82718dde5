"""On-screen text of matter spans, by kind, written around the span's cue.

A cue is what a careful reader would use to tell the matter: a case number,
the caption, the client's name, e-mail or phone, the opposing party or their
counsel, the judge, a file path, an outside party from earlier time entries,
a matter detail (claim number, property address, ...), the firm's internal
matter number or the MyCase page itself.
"""

from __future__ import annotations

import datetime as dt

from .common import (
    Ctx,
    Rendered,
    cap,
    case_number_ref,
    colleague,
    display,
    file_stem,
    firm_subject,
    matter_dir,
    mr,
    outside_signature,
    sent_line,
    sentences,
    short_date,
    staff_person,
    staff_signature,
    topic,
)
from .pages import browser
from .world import Matter, Person

CUE_KINDS: dict[str, tuple[str, ...]] = {
    "case_number": ("email", "email", "document", "browser"),
    "caption": ("email", "document", "document", "browser", "meeting"),
    "client_name": ("email", "email", "call", "meeting", "document", "chat"),
    "client_last_name": ("email", "email", "chat", "call", "document"),
    "client_email": ("email",),
    "client_phone": ("call",),
    "opposing_party": ("email", "document", "browser"),
    "opposing_counsel": ("email", "email", "call", "meeting"),
    "judge": ("browser", "email", "meeting"),
    "file_path": ("document", "document", "document", "app"),
    "history_party": ("email", "email", "call", "document"),
    "matter_detail": ("email", "browser", "document", "chat"),
    "mycase_page": ("browser",),
    "matter_number": ("email", "email", "document", "chat"),
}


def cue_available(m: Matter, cue: str) -> bool:
    if cue == "case_number":
        return bool(m.case_number)
    if cue == "opposing_party":
        return bool(m.opposing)
    if cue == "opposing_counsel":
        return m.oc is not None
    if cue == "judge":
        return m.judge is not None
    if cue == "history_party":
        return bool(m.history_parties)
    return True


def shared_oc(ctx: Ctx, m: Matter) -> bool:
    return sum(1 for x in ctx.world.matters if x.oc == m.oc) > 1


def _counterpart(ctx: Ctx, m: Matter, cue: str) -> tuple[Person, str, str]:
    """(who is on the other end, a sentence that carries the cue, subject)."""
    rng = ctx.rng
    t = topic(ctx, m)
    if cue == "client_name":
        return m.client, "", cap(t)
    if cue == "client_email":
        anon = Person(first="", last="", email=m.client.email, phone="", role="client")
        return anon, "", rng.choice((cap(t), f"Question about {t}", "quick question", "Documents"))
    if cue == "client_last_name":
        who = staff_person(colleague(ctx, m))
        return who, f"Can you look at the {m.client_last} {t} today?", f"{m.client_last} - {t}"
    if cue == "opposing_counsel" and m.oc is not None:
        ref = ""
        if shared_oc(ctx, m) or rng.random() < 0.4:
            ref = rng.choice(
                (
                    f"Writing regarding {m.short}.",
                    f"Re: {m.short}",
                    f"This concerns {m.client_display}'s matter.",
                )
            )
        return m.oc, ref, cap(t)
    if cue == "history_party" and m.history_parties:
        p = rng.choice(m.history_parties)
        return p, "", cap(t)
    if cue == "opposing_party":
        who = m.oc or staff_person(colleague(ctx, m))
        return who, f"{m.opposing_short} has not responded on the {t}.", f"{m.opposing_short} - {t}"
    if cue == "case_number":
        who = m.oc or staff_person(colleague(ctx, m))
        return who, f"Re: {case_number_ref(m)}", firm_subject(ctx, m, t, with_id=True)
    if cue == "caption":
        who = m.oc or m.client
        return who, f"Re: {m.name}", rng.choice((f"{m.name} - {t}", cap(t)))
    if cue == "judge" and m.judge is not None:
        clerk = Person(
            first="Courtroom",
            last="Clerk",
            email=f"dept{rng.randint(2, 99)}@court.gov",
            phone="",
            org=m.judge.org,
            role="clerk",
        )
        return (
            clerk,
            f"The Court ({m.judge.formal}) has continued the hearing in {m.short}.",
            f"Notice of continued hearing - {m.short}",
        )
    if cue == "matter_detail":
        who = staff_person(colleague(ctx, m))
        return who, f"Re: {m.detail}.", f"{cap(t)} ({m.detail})"
    if cue == "matter_number":
        who = staff_person(colleague(ctx, m))
        return who, "", firm_subject(ctx, m, t, with_id=True)
    return staff_person(colleague(ctx, m)), "", cap(t)


def email(ctx: Ctx, m: Matter, cue: str) -> tuple[Rendered, Person, str]:
    """An e-mail read or written; returns the span, the counterpart and the subject."""
    rng = ctx.rng
    who, ref, subject = _counterpart(ctx, m, cue)
    user = staff_person(ctx.user)
    incoming = rng.random() < (0.7 if who.role != "staff" else 0.5) or cue == "client_email"
    sender, recipient = (who, user) if incoming else (user, who)
    greeting = (
        f"Hi {recipient.first},"
        if recipient.first and recipient.role != "clerk"
        else "Good morning,"
    )
    body = [greeting, ""]
    if ref:
        body.append(ref)
    body.extend(sentences(ctx, m, rng.randint(2, 3)))
    if sender.role == "staff":
        author = next(s for s in ctx.world.staff if s.email == sender.email)
        signature = staff_signature(ctx.world, author)
    elif cue == "client_email":
        signature = rng.choice(("Sent from my iPhone", "Thanks", "Thank you so much"))
    else:
        signature = outside_signature(sender, rng)
    header = [
        f"From: {display(sender)}",
        f"Sent: {sent_line(ctx.moment)}",
        f"To: {display(recipient)}",
        f"Subject: {subject}",
    ]
    text = "\n".join(
        header + [""] + body + ["", rng.choice(("Best,", "Thanks,", "Regards,"))] + [signature]
    )
    if rng.random() < 0.6:
        title = f"{subject} - Message (HTML)"
    else:
        title = f"Inbox - {ctx.user.email} - Outlook"
        text = f"Inbox {rng.randint(3, 240)}  Focused  Other\n" + text
    app = rng.choice(("Microsoft Outlook", "Microsoft Outlook", "Outlook (new)"))
    return Rendered(app, "email", title, text), who, subject


def _caption_block(ctx: Ctx, m: Matter, with_number: bool) -> str:
    lead = ctx.world.staff_member(m.lead_id)
    bar_no = 100000 + (lead.id * 7919) % 250000  # stable per attorney
    lines = [
        f"{lead.full.upper()} (Bar No. {bar_no})",
        ctx.world.firm_name,
        ctx.world.firm_address,
        "",
        m.court.upper(),
        "",
        m.name.upper() if " v. " in m.name else m.name,
    ]
    if with_number:
        lines.append(case_number_ref(m))
    if m.judge is not None and ctx.rng.random() < 0.5:
        lines.append(f"Assigned to {m.judge.formal}, {m.judge.org}")
    return "\n".join(lines)


def document(ctx: Ctx, m: Matter, cue: str) -> Rendered:
    rng = ctx.rng
    doc = rng.choice(m.docs)
    named = cue in ("client_last_name", "file_path", "matter_number") or rng.random() < 0.15
    stem = file_stem(ctx, m, doc, named and cue != "caption")
    if cue == "file_path" and not named:
        stem = file_stem(ctx, m, doc, False)
    ext, app, suffix = rng.choices(
        (
            (".docx", "Microsoft Word", "Word"),
            (".pdf", "Adobe Acrobat", "Adobe Acrobat Pro"),
            (".xlsx", "Microsoft Excel", "Excel"),
        ),
        (0.7, 0.22, 0.08),
    )[0]
    title = f"{stem}{ext} - {suffix}"
    parts: list[str] = []
    if cue in ("caption", "case_number"):
        parts.append(_caption_block(ctx, m, with_number=cue == "case_number"))
        parts.append(doc.upper())
    elif cue in ("client_name", "history_party", "opposing_party", "matter_detail"):
        addressee = (
            rng.choice(m.history_parties)
            if cue == "history_party" and m.history_parties
            else m.client
        )
        parts.append(ctx.moment.strftime("%B %d, %Y").replace(" 0", " "))
        parts.append(f"VIA EMAIL\n{addressee.formal}\n{addressee.org or ''}".rstrip())
        if cue == "opposing_party":
            parts.append(f"Re: Claims against {m.opposing}")
        elif cue == "matter_detail":
            parts.append(f"Re: {m.detail}")
        parts.append(f"Dear {mr(addressee, rng)}:")
    elif cue == "client_last_name":
        parts.append(f"{doc} - {m.client_last}")
    else:
        parts.append(doc)
    parts.extend(sentences(ctx, m, rng.randint(2, 4)))
    parts.append(f"Page {rng.randint(1, 12)} of {rng.randint(12, 30)}")
    path = None
    if cue == "file_path":
        path = f"{matter_dir(ctx, m)}\\{stem}{ext}"
    return Rendered(app, "document", title, "\n".join(parts), path=path)


def call(ctx: Ctx, m: Matter, cue: str) -> Rendered:
    rng = ctx.rng
    if cue == "client_phone":
        name, number = rng.choice(("WIRELESS CALLER", "Unknown", m.client.phone)), m.client.phone
    elif cue == "client_last_name":
        caller_id = rng.choice(
            (
                f"{m.client.last.upper()} {m.client.first[0].upper()}",
                f"{m.client.last}",
                f"{m.client.last}, {m.client.first[0]}.",
            )
        )
        name, number = caller_id, rng.choice((m.client.phone, ""))
    else:
        who, _, _ = _counterpart(ctx, m, cue if cue != "caption" else "client_name")
        name, number = (
            who.formal + (f" ({who.org})" if who.org and who.role != "staff" else ""),
            who.phone,
        )
    minutes = rng.randint(0, 25)
    note = rng.choice(
        (f"Notes: discussed {topic(ctx, m)}", f"Notes: re {topic(ctx, m)}; follow up", "")
    )
    if cue == "opposing_counsel" and shared_oc(ctx, m):
        note = f"Notes: {m.short} - {topic(ctx, m)}"
    elif m.two_matters and not note:
        note = f"Notes: {topic(ctx, m)}"
    app = rng.choice(("RingCentral", "RingCentral", "Microsoft Teams", "Zoom"))
    shown = name if name == number or not number else f"{name}\n{number}"
    text = (
        f"{app}\n{'Incoming call' if rng.random() < 0.5 else 'Outgoing call'}\n{shown}\n"
        f"{minutes:02d}:{rng.randint(0, 59):02d}\n"
        "Mute  Keypad  Audio  Add  Hold  Transfer  Record  End\n" + note
    ).rstrip()
    return Rendered(app, "call", f"Call with {name}" if name != number else app, text)


def meeting(ctx: Ctx, m: Matter, cue: str) -> Rendered:
    rng = ctx.rng
    user = ctx.user.full
    if cue == "judge" and m.judge is not None:
        subject = f"Remote appearance - {m.judge.org} ({m.judge.formal})"
        people = [user, m.judge.formal, "Courtroom Clerk"] + ([m.oc.full] if m.oc else [])
        extra = f"Calendar line {rng.randint(1, 20)}: {m.short}"
    elif cue == "opposing_counsel" and m.oc is not None:
        subject = f"Meet and confer - {m.short if shared_oc(ctx, m) else topic(ctx, m)}"
        people, extra = [user, m.oc.full], ""
    elif cue == "caption":
        subject, people, extra = f"{m.name} - {topic(ctx, m)}", [user, colleague(ctx, m).full], ""
    else:
        subject = f"Call with {m.client.full}"
        people, extra = [user, m.client.full], f"Agenda: {topic(ctx, m)}"
    app = rng.choice(("Zoom", "Microsoft Teams"))
    text = (
        f"{subject}\nMeeting ID: {rng.randint(800, 999)} {rng.randint(1000, 9999)} "
        f"{rng.randint(1000, 9999)}\nParticipants ({len(people)})\n"
        + "\n".join(people)
        + (f"\n{extra}" if extra else "")
        + "\nMute  Stop Video  Share Screen  Record  Leave"
    )
    title = "Zoom Meeting" if app == "Zoom" else f"{subject} | Microsoft Teams"
    return Rendered(app, "meeting", title, text)


def chat(ctx: Ctx, m: Matter, cue: str) -> Rendered:
    rng = ctx.rng
    mate = colleague(ctx, m)
    t = topic(ctx, m)
    line = {
        "client_name": f"{m.client.full} called about the {t}, can you call back?",
        "client_last_name": f"can you pull the {m.client_last} file? need the {t}",
        "matter_detail": f"any update on {m.detail}? {t} is due soon",
        "matter_number": f"saved the {t} draft under {m.matter_no}",
    }.get(cue, f"{m.short}: {t} is due this week")
    time = ctx.moment.strftime("%I:%M %p").lstrip("0")
    text = f"{mate.full}  {time}\n{line}\n{ctx.user.full}  {time}\n" + rng.choice(
        ("on it", "will do after lunch", "yes, sending now", "ok - which version?")
    )
    return Rendered("Microsoft Teams", "chat", f"Chat | {mate.full} | Microsoft Teams", text)


def app_span(ctx: Ctx, m: Matter, cue: str) -> Rendered:
    rng = ctx.rng
    folder = matter_dir(ctx, m)
    files = [
        f"{file_stem(ctx, m, d, rng.random() < 0.5)}.{rng.choice(('docx', 'pdf'))}" for d in m.docs
    ]
    rows = []
    for name in files:
        modified = ctx.moment.date() - dt.timedelta(days=rng.randint(0, 150))
        rows.append(f"{name}  {short_date(modified)}  {rng.randint(20, 900)} KB")
    text = f"{folder}\nName  Date modified  Type  Size\n" + "\n".join(rows)
    return Rendered(
        "File Explorer", "app", f"{folder.rsplit(chr(92), 1)[-1]} - File Explorer", text
    )


RENDERERS = {
    "document": document,
    "browser": browser,
    "call": call,
    "meeting": meeting,
    "chat": chat,
    "app": app_span,
}


def render(ctx: Ctx, m: Matter, cue: str, kind: str) -> Rendered:
    if kind == "email":
        return email(ctx, m, cue)[0]
    return RENDERERS[kind](ctx, m, cue)
