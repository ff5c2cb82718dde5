"""The hard spans: research between spans of a matter, e-mail thread replies,
context-free drafts, and parties who first appear mid-stream."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote_plus

from .common import (
    Ctx,
    Rendered,
    cap,
    case_number_ref,
    display,
    invented_authority,
    mr,
    outside_signature,
    sent_line,
    sentences,
    staff_person,
    staff_signature,
    topic,
)
from .courts import JURISDICTIONS
from .practice import AREAS
from .world import Matter, Person


@dataclass(frozen=True)
class Thread:
    """An e-mail conversation on one matter: later replies keep its subject."""

    case_id: int
    subject: str
    party: Person
    cue: str  # the cue the thread's subject carries, or "thread" if it carries none


_HOLDING_VERBS = ("held that", "reasoned that", "declined to find", "concluded")
_HOLDINGS = (
    "the trial court erred",
    "the standard was met",
    "no triable issue existed",
    "the claim was timely",
)


def research(ctx: Ctx, m: Matter) -> Rendered:
    rng = ctx.rng
    query = rng.choice(AREAS[m.area].research)
    state = JURISDICTIONS[ctx.profile.jurisdiction].state
    results = "\n".join(
        f"{i}. {invented_authority(rng)}\n"
        f"   ...{rng.choice(_HOLDING_VERBS)} {rng.choice(_HOLDINGS)}..."
        for i in range(1, rng.randint(3, 5))
    )
    site = rng.choice(("westlaw", "westlaw", "lexis", "scholar"))
    app = rng.choice(("Google Chrome", "Microsoft Edge"))
    if site == "westlaw":
        title = "Westlaw Edge - search results"
        url = (
            "https://1.next.westlaw.com/Search/Results.html"
            f"?query={quote_plus(query)}&jurisdiction={state}"
        )
        text = (
            f"Thomson Reuters Westlaw Edge\nSearch: {query}\n"
            f"Jurisdiction: {state} State & Federal\n"
            f"Cases ({rng.randint(40, 2400)})\n{results}"
        )
    elif site == "lexis":
        title = "Lexis+ | Search Results"
        url = f"https://plus.lexis.com/search/?pdsearchterms={quote_plus(query)}"
        text = f"Lexis+\n{query}\nCases  Statutes  Secondary Materials\n{results}"
    else:
        title = f"{query} - Google Scholar"
        court = rng.randint(5, 60)
        url = f"https://scholar.google.com/scholar?hl=en&as_sdt=4,{court}&q={quote_plus(query)}"
        text = f"Google Scholar\n{query}\nCase law  Articles\n{results}"
    return Rendered(app, "browser", f"{title} - {app}", text, url=url)


def context_free(ctx: Ctx, m: Matter) -> Rendered:
    """A draft or scan whose words say nothing about the matter: only neighbours tell."""
    rng = ctx.rng
    body = "\n".join(sentences(ctx, m, rng.randint(1, 3)))
    if rng.random() < 0.6:
        title = f"Document{rng.randint(1, 9)} - Word"
        return Rendered(
            "Microsoft Word", "document", title, f"{rng.choice(AREAS[m.area].docs)}\n{body}"
        )
    stamp = ctx.moment.strftime("%Y%m%d_%H%M")
    return Rendered(
        "Adobe Acrobat",
        "document",
        f"Scan_{stamp}.pdf - Adobe Acrobat Pro",
        f"Page 1 of {rng.randint(2, 14)}\n{body}",
    )


def thread_reply(ctx: Ctx, m: Matter, thread: Thread) -> Rendered:
    rng = ctx.rng
    user = staff_person(ctx.user)
    incoming = rng.random() < 0.5
    sender, recipient = (thread.party, user) if incoming else (user, thread.party)
    prefix = rng.choice(("RE: ", "RE: ", "RE: RE: ", "Re: "))
    subject = prefix + thread.subject
    reply = rng.choice(
        (
            "Thanks - that works for us.",
            "Understood. I will circle back by end of day.",
            "Following up on the below. Please let me know.",
            "Attached is the revised version with my comments.",
            "Can we find 15 minutes tomorrow to discuss?",
            "Confirmed. We will proceed as discussed.",
        )
    )
    extra = "\n" + sentences(ctx, m, 1)[0] if rng.random() < 0.5 else ""
    signature = (
        staff_signature(ctx.world, ctx.user)
        if sender == user
        else outside_signature(sender, rng)
        if sender.role != "client"
        else sender.first
    )
    quoted = (
        f"From: {display(recipient)}\n"
        f"Sent: {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday'))}"
        f"\nSubject: {thread.subject}"
    )
    text = (
        f"From: {display(sender)}\nSent: {sent_line(ctx.moment)}\nTo: {display(recipient)}\n"
        f"Subject: {subject}\n\n{reply}{extra}\n\n{signature}\n\n{quoted}"
    )
    return Rendered("Microsoft Outlook", "email", f"{subject} - Message (HTML)", text)


def new_party_first(ctx: Ctx, m: Matter, party: Person) -> Rendered:
    """The first time a new party shows up: the span itself also says which matter."""
    rng = ctx.rng
    options = [f"{m.client.full}", m.name, m.detail]
    if m.case_number:
        options.append(f"{m.name}, {case_number_ref(m)}")
    ident = rng.choice(options)
    role = party.role
    subject = rng.choice(
        (f"Introduction - {ident}", f"{cap(role)} assignment - {ident}", f"Re: {ident}")
    )
    body = (
        f"Dear {mr(staff_person(ctx.user), rng)},\n\nMy name is {party.full} and I am the "
        f"{role} {'assigned to' if rng.random() < 0.5 else 'now handling'} {ident}. "
        f"Please direct future correspondence on this to me at {party.email} or "
        f"{party.phone}.\n" + "\n".join(sentences(ctx, m, rng.randint(1, 2)))
    )
    if rng.random() < 0.8:
        text = (
            f"From: {display(party)}\nSent: {sent_line(ctx.moment)}\n"
            f"To: {display(staff_person(ctx.user))}\nSubject: {subject}\n\n{body}\n\n"
            f"{outside_signature(party, rng)}"
        )
        return Rendered("Microsoft Outlook", "email", f"{subject} - Message (HTML)", text)
    text = (
        f"RingCentral\nIncoming call\n{party.formal}\n{party.phone}\n"
        f"{rng.randint(2, 20):02d}:{rng.randint(0, 59):02d}\n"
        f"Notes: new {role} on {ident}; {topic(ctx, m)}"
    )
    return Rendered("RingCentral", "call", f"Call with {party.formal}", text)


def new_party_repeat(ctx: Ctx, m: Matter, party: Person) -> Rendered:
    """A later span whose only tie to the matter is the new party."""
    rng = ctx.rng
    t = topic(ctx, m)
    kind = rng.choices(("email", "call", "document", "meeting"), (0.55, 0.25, 0.12, 0.08))[0]
    user = staff_person(ctx.user)
    if kind == "email":
        subject = rng.choice(
            (
                "Follow-up",
                "Scheduling",
                "Next steps",
                "Documents requested",
                f"{cap(t)}",
                "Checking in",
                f"{cap(party.role)} update",
            )
        )
        incoming = rng.random() < 0.6
        sender, recipient = (party, user) if incoming else (user, party)
        signature = (
            outside_signature(party, rng) if incoming else staff_signature(ctx.world, ctx.user)
        )
        text = (
            f"From: {display(sender)}\nSent: {sent_line(ctx.moment)}\nTo: {display(recipient)}\n"
            f"Subject: {subject}\n\nHi {recipient.first},\n\n"
            + "\n".join(sentences(ctx, m, rng.randint(1, 3)))
            + f"\n\n{signature}"
        )
        return Rendered("Microsoft Outlook", "email", f"{subject} - Message (HTML)", text)
    if kind == "call":
        text = (
            f"RingCentral\n{rng.choice(('Incoming call', 'Outgoing call'))}\n{party.formal}\n"
            f"{party.phone}\n{rng.randint(1, 25):02d}:{rng.randint(0, 59):02d}\n"
            "Mute  Keypad  Audio  Add  Hold  Transfer  Record  End"
        )
        return Rendered("RingCentral", "call", f"Call with {party.formal}", text)
    if kind == "document":
        stem = f"Letter to {party.last}"
        text = (
            f"{ctx.moment.strftime('%B %d, %Y')}\nVIA EMAIL\n{party.formal}\n{party.org}\n"
            f"{party.email}\nDear {mr(party, rng)}:\n" + "\n".join(sentences(ctx, m, 2))
        )
        return Rendered("Microsoft Word", "document", f"{stem}.docx - Word", text)
    people = [ctx.user.full, party.formal]
    text = (
        f"Call with {party.formal}\nMeeting ID: {rng.randint(800, 999)} {rng.randint(1000, 9999)} "
        f"{rng.randint(1000, 9999)}\nParticipants (2)\n"
        + "\n".join(people)
        + "\nMute  Stop Video  Share Screen  Leave"
    )
    return Rendered("Zoom", "meeting", "Zoom Meeting", text)
