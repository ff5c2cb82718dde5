"""Time that belongs to no matter: personal browsing and firm-internal work."""

from __future__ import annotations

from .common import Ctx, Rendered, colleague, sent_line

_HEADLINES = (
    "City council approves new bike lane plan for downtown corridor",
    "Storm system expected to bring heavy rain through the weekend",
    "Local high school robotics team heads to national finals",
    "Transit agency announces fare changes starting next month",
    "Farmers market moves to winter hours",
    "Home prices flat for third straight month, report says",
    "Minor league team unveils new stadium design",
    "Library system extends weekend hours at six branches",
)
_PRODUCTS = (
    "Insulated water bottle, 32 oz",
    "Noise-cancelling headphones",
    "Running shoes",
    "Cast iron skillet, 12 in.",
    "Kids' rain boots",
    "USB-C docking station",
    "Ergonomic desk chair cushion",
    "Board game: Harbor Traders",
)
_CLE = (
    "Ethics of Generative AI in Practice",
    "Trust Accounting Essentials",
    "Recent Developments in Evidence",
    "Implicit Bias in the Courtroom",
    "Cybersecurity for Small Firms",
    "Effective Mediation Advocacy",
)


def personal(ctx: Ctx) -> tuple[Rendered, str]:
    rng = ctx.rng
    choice = rng.randrange(7)
    browser = rng.choice(("Google Chrome", "Microsoft Edge"))
    if choice == 0:
        headline = rng.choice(_HEADLINES)
        return Rendered(
            browser,
            "browser",
            f"{headline} - The Metro Ledger - {browser}",
            f"The Metro Ledger\nLocal  Sports  Business  Opinion\n{headline}\n"
            "By Staff Writer\nSubscribe for full access.",
            url=f"https://www.metroledger.com/local/{rng.randint(100000, 999999)}",
        ), "personal_news"
    if choice == 1:
        product = rng.choice(_PRODUCTS)
        return Rendered(
            browser,
            "browser",
            f"Amazon.com Shopping Cart - {browser}",
            f"Shopping Cart\n{product}\nIn Stock\nQty: 1\n${rng.randint(9, 240)}.99\n"
            "Proceed to checkout",
            url="https://www.amazon.com/gp/cart/view.html",
        ), "personal_shopping"
    if choice == 2:
        first = ctx.user.first.lower()
        subject = rng.choice(
            (
                "Dinner Saturday?",
                "Soccer carpool schedule",
                "Photos from the trip",
                "Dentist appointment reminder",
                "Re: birthday plans",
            )
        )
        return Rendered(
            browser,
            "browser",
            f"{subject} - {first}.home@gmail.com - Gmail - {browser}",
            f"Gmail\nInbox\n{subject}\nHey! Are we still on? Let me know what time works.",
            url="https://mail.google.com/mail/u/0/#inbox",
        ), "personal_email"
    if choice == 3:
        return Rendered(
            browser,
            "browser",
            f"Accounts Overview - Pinecrest Credit Union - {browser}",
            f"Pinecrest Credit Union\nAccounts Overview\nChecking ...{rng.randint(1000, 9999)}  "
            f"${rng.randint(400, 9000):,}.{rng.randint(10, 99)}\nSavings  Transfers  Bill Pay",
            url="https://online.pinecrestcu.org/accounts",
        ), "personal_banking"
    if choice == 4:
        return Rendered(
            browser,
            "browser",
            f"10-Day Weather Forecast - {browser}",
            f"10-Day Weather\nToday  High {rng.randint(38, 75)}  Low {rng.randint(20, 50)}\n"
            "Chance of rain 40%",
            url="https://weather.com/weather/tenday",
        ), "personal_weather"
    if choice == 5:
        return Rendered(
            browser,
            "browser",
            f"Scores & Schedule - ESPN - {browser}",
            f"ESPN\nScores\nFinal  {rng.randint(70, 120)} - {rng.randint(70, 120)}\n"
            "Highlights  Standings",
            url="https://www.espn.com/scores",
        ), "personal_sports"
    return Rendered(
        "Spotify",
        "app",
        "Spotify Premium",
        "Spotify\nHome  Search  Your Library\nFocus Flow\nDeep work playlist",
    ), "personal_app"


def internal(ctx: Ctx) -> tuple[Rendered, str]:
    rng = ctx.rng
    firm = ctx.world.firm_name
    choice = rng.randrange(8)
    if choice == 0:
        course = rng.choice(_CLE)
        return Rendered(
            "Zoom",
            "meeting",
            "Zoom Webinar",
            f"CLE Webinar: {course}\n1.0 General Credit\nPanelists (3)\nQ&A  Chat  Raise Hand",
        ), "internal_cle"
    if choice == 1:
        return Rendered(
            "Microsoft Teams",
            "meeting",
            "Weekly staff meeting | Microsoft Teams",
            f"Weekly staff meeting\nParticipants ({len(ctx.world.staff)})\n"
            + "\n".join(s.full for s in ctx.world.staff)
            + "\nAgenda: calendar review, office coverage, holiday party",
        ), "internal_meeting"
    if choice == 2:
        total = rng.randint(180, 420) / 10
        return Rendered(
            "Google Chrome",
            "browser",
            "Timesheet | MyCase - Google Chrome",
            f"MyCase\nTimesheet\nWeek total: {total:.1f} hours\nBillable  Non-billable\n"
            "Submit for approval",
            url="https://app.mycase.com/time_entries",
        ), "internal_timesheet"
    if choice == 3:
        return Rendered(
            "Microsoft Word",
            "document",
            "Client Newsletter - Winter.docx - Word",
            f"{firm}\nClient Newsletter\nFive things to review before the new year\n"
            "1. Update beneficiary designations\n2. Review your lease renewal terms",
        ), "internal_marketing"
    if choice == 4:
        return Rendered(
            "Google Chrome",
            "browser",
            "LinkedIn - Google Chrome",
            f"Start a post\nProud of our team at {firm} for this year's pro bono clinic!\n"
            "Like  Comment  Repost",
            url="https://www.linkedin.com/feed/",
        ), "internal_marketing"
    if choice == 5:
        mate = colleague(ctx, None)
        return Rendered(
            "Microsoft Outlook",
            "email",
            "Office closure - Message (HTML)",
            f"From: {mate.full} <{mate.email}>\nSent: {sent_line(ctx.moment)}\n"
            f"To: All Staff\nSubject: Office closure\n\nReminder: the office closes early "
            "on Friday. Please submit timesheets by noon.",
        ), "internal_admin"
    if choice == 6:
        return Rendered(
            "Microsoft Excel",
            "document",
            "Office Budget FY.xlsx - Excel",
            "Office Budget\nRent  Software subscriptions  Malpractice premium  Supplies\n"
            f"Q{rng.randint(1, 4)} total ${rng.randint(40, 90):,},{rng.randint(100, 999)}",
        ), "internal_admin"
    return Rendered(
        "Google Chrome",
        "browser",
        "IT Helpdesk - Ticket - Google Chrome",
        f"Helpdesk ticket #{rng.randint(10000, 99999)}\nPrinter on 3rd floor jams on "
        "duplex jobs.\nStatus: Open",
        url="https://helpdesk.example-it.com/tickets",
    ), "internal_it"
