"""Web pages a matter shows up on: court portals, dockets, MyCase, searches."""

from __future__ import annotations

from urllib.parse import quote_plus

from .common import Ctx, Rendered, cap, topic
from .courts import JURISDICTIONS
from .world import Matter


def browser(ctx: Ctx, m: Matter, cue: str) -> Rendered:
    rng = ctx.rng
    juris = JURISDICTIONS[ctx.profile.jurisdiction]
    app = rng.choice(("Google Chrome", "Google Chrome", "Microsoft Edge"))
    if cue == "mycase_page":
        title = f"{m.name} | MyCase"
        text = (
            f"MyCase  Dashboard  Calendar  Cases  Contacts  Billing\n{m.name}\n"
            f"Case Number: {m.case_number or '-'}\nPractice Area: {m.area_label}\n"
            f"Contacts: {m.client_display}\nRecent Activity\nTime Entries  Documents  Notes"
        )
        return Rendered(
            app, "browser", f"{title} - {app}", text, url="https://app.mycase.com/cases"
        )
    if cue == "judge" and m.judge is not None and m.court_kind in ("federal", "bankruptcy"):
        title = f"CM/ECF - Calendar of {m.judge.formal}"
        text = (
            f"{m.court}\nCalendar Events for {m.judge.formal}\n"
            f"{rng.randint(9, 11)}:{rng.choice(('00', '30'))} AM  {m.short}\n"
            f"Hearing re: {topic(ctx, m)}\n"
            f"Location: Courtroom {rng.randint(1, 12)}{rng.choice('ABC')}"
        )
        return Rendered(
            app,
            "browser",
            f"{title} - {app}",
            text,
            url=f"https://{juris.ecf_host}/cgi-bin/CourtSched.pl",
        )
    if cue == "judge" and m.judge is not None:
        title = f"Tentative Rulings - {m.judge.org}"
        text = (
            f"{m.court}\n{title}\n{m.judge.formal}\nCalendar No. {rng.randint(1, 14)}\n"
            f"{m.short}\n{cap(topic(ctx, m))}: Tentative ruling - the motion is GRANTED in part "
            "and DENIED in part. Parties may submit on the tentative."
        )
        return Rendered(
            app,
            "browser",
            f"{title} - {app}",
            text,
            url=juris.portal_url.rsplit("/", 1)[0] + "/tentativeRulings",
        )
    if cue == "opposing_party":
        query = (
            f"{m.opposing} registered agent"
            if "," in m.opposing or "LLC" in m.opposing
            else f"{m.opposing} {rng.choice(juris.cities)[0]}"
        )
        text = (
            f"{query}\nAll  News  Images  Maps\nAbout {rng.randint(2, 90)},000 results\n"
            f"{m.opposing} - Business Entity Detail - Secretary of State\n"
            f"Entity status: Active. Agent for service of process on file."
        )
        return Rendered(
            app,
            "browser",
            f"{query} - Google Search - {app}",
            text,
            url=f"https://www.google.com/search?q={quote_plus(query)}",
        )
    if cue == "matter_detail":
        return _detail_page(ctx, m, app)
    if m.court_kind in ("federal", "bankruptcy"):
        title = f"CM/ECF - {m.case_number}"
        text = (
            f"{m.court}\nCIVIL DOCKET FOR CASE #: {m.case_number}\n"
            + (f"{m.name}\n" if cue == "caption" or rng.random() < 0.5 else "")
            + f"Date Filed: {m.opened.isoformat()}\nDocket Text\n"
            f"{rng.randint(12, 80)}  ORDER re {topic(ctx, m)}."
        )
        return Rendered(
            app,
            "browser",
            f"{title} - {app}",
            text,
            url=f"https://{juris.ecf_host}/cgi-bin/DktRpt.pl",
        )
    if m.court_kind == "immigration":
        text = (
            f"EOIR Automated Case Information\nA-Number: {m.case_number}\n"
            f"Next hearing information: Master hearing, {rng.randint(1, 28)} "
            f"{rng.choice(('March', 'April', 'May'))} "
            "at 8:30 AM.\nCourt decision and motion information: none."
        )
        return Rendered(
            app,
            "browser",
            f"Automated Case Information - {app}",
            text,
            url="https://acis.eoir.justice.gov/en/",
        )
    text = (
        f"{juris.portal_name}\nCase Summary\n"
        + (f"Case Number: {m.case_number}\n" if m.case_number else "")
        + (f"Case Title: {m.name}\n" if cue == "caption" or not m.case_number else "")
        + f"Filing Date: {m.opened.isoformat()}\nCase Type: {m.area_label}\n"
        f"Future Hearings: {cap(topic(ctx, m))}"
    )
    return Rendered(app, "browser", f"{juris.portal_name} - {app}", text, url=juris.portal_url)


def _detail_page(ctx: Ctx, m: Matter, app: str) -> Rendered:
    rng = ctx.rng
    juris = JURISDICTIONS[ctx.profile.jurisdiction]
    detail = m.detail
    if detail.startswith("Receipt No. "):
        receipt = detail.removeprefix("Receipt No. ")
        text = (
            f"Case Status Online\nReceipt Number: {receipt}\n"
            + rng.choice(
                (
                    "Case Was Received",
                    "Fingerprint Fee Was Received",
                    "Case Is Being Actively Reviewed By USCIS",
                    "Interview Was Scheduled",
                )
            )
            + f"\nOn {ctx.moment.strftime('%B %d, %Y')}, we updated your case."
        )
        return Rendered(
            app,
            "browser",
            f"Case Status Online - {app}",
            text,
            url="https://egov.uscis.gov/casestatus/mycasestatus.do",
        )
    if detail[:1].isdigit():  # a street address
        text = (
            f"{juris.recorder_name}\nSearch by address: {detail}\n"
            f"Document No. {rng.randint(20180000000, 20249999999)}  Grant Deed  "
            f"Recorded {rng.randint(2015, 2024)}\n"
            f"Document No. {rng.randint(20180000000, 20249999999)}  "
            "Deed of Trust"
        )
        return Rendered(
            app, "browser", f"Recorded Documents Search - {app}", text, url=juris.recorder_url
        )
    query = detail
    text = f"{query}\nSearch results\nNo exact matches. Showing related results."
    return Rendered(
        app,
        "browser",
        f"{query} - Google Search - {app}",
        text,
        url=f"https://www.google.com/search?q={quote_plus(query)}",
    )
