"""`tenths bench review`: what reviewing a day costs a person, and how fast the page is.

1. **Keystrokes.** The demo's day (the harbor fixture's busiest first day) is served
   for review as the service serves it, and Debian's chromium drives the page with the
   keyboard the way a lawyer whose drafts are right would: each "which matter?" flag is
   answered with the suggestion that names its spans' true matter (the fixture's
   labels), then ``R`` releases the day. Every key pressed is counted. The goal is one
   action per day plus one per flag. Flags whose true matter is not among the three
   suggestions, and entries whose matter is not their spans' true one, are counted too:
   they would cost a search (``m``) each.
2. **Load time.** The same day padded to ``entries`` entries (invented spans and
   drafts), loaded ``loads`` times in a fresh tab: as the test driver waits for it
   (a new tab included), by the page's own clock from the navigation's start to the day
   drawn, and the API's answer alone.

A benchmark, never a timed test.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

from app.review.rehearsal import Rehearsal, rehearse
from app.review.view import day_view
from eval.truth import read_truth
from tenths.records import Attribution, Entry, EntryStatus, Span

REPO = Path(__file__).resolve().parent.parent
HARBOR = REPO / "eval" / "fixtures" / "harbor"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
WAIT_MS = 60_000


def _drawn(page, before: str) -> None:  # noqa: ANN001 - a Playwright page
    from playwright.sync_api import expect

    expect(page.locator("body")).not_to_have_attribute("data-ready", before, timeout=WAIT_MS)


def review_keystrokes(r: Rehearsal, browser, truths: dict) -> dict[str, object]:  # noqa: ANN001
    """Review and release the day with the keyboard, answering flags from the labels."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(r.page_url())
    page.wait_for_selector("body[data-ready]")
    pressed: list[str] = []
    flags_seen = 0
    missing = 0
    while True:
        view = day_view(r.store, r.user, r.day, r.service.settings.billing.timezone,
                        now=datetime.now(UTC))
        if not view.flags or flags_seen > 3 * len(view.flags) + 20:
            break
        item = page.locator("li.item.selected").get_attribute("data-item") or ""
        flag = next((f for f in view.flags if f"flag:{f.id}" == item), None)
        if flag is None:  # the selection is not on a flag: the first flag is one k away
            break
        flags_seen += 1
        truth = Counter(truths[s].case_id if s in truths else None
                        for s in flag.span_ids).most_common(1)[0][0]
        choice = next((i for i, s in enumerate(flag.suggestions) if s.case_id == truth), None)
        if choice is None:
            missing += 1
            page.keyboard.press("j")
            pressed.append("j")
            continue
        before = page.evaluate("document.body.dataset.ready")
        page.keyboard.press(str(choice + 1))
        pressed.append(str(choice + 1))
        _drawn(page, before)
    before = page.evaluate("document.body.dataset.ready")
    page.keyboard.press("R")
    pressed.append("R")
    _drawn(page, before)
    entries = r.store.entries.list(user=r.user, day=r.day)
    wrong = 0
    for e in entries:
        votes = Counter(truths[s].case_id for s in e.span_ids if s in truths)
        if votes and votes.most_common(1)[0][0] != e.case_id:
            wrong += 1
    page.close()
    return {
        "flags": flags_seen,
        "flags_without_true_matter_in_suggestions": missing,
        "keystrokes": len(pressed),
        "keys": "".join(pressed),
        "goal_keystrokes": 1 + flags_seen,
        "entries": len(entries),
        "released": sum(e.status is EntryStatus.RELEASED for e in entries),
        "drafts_left": sum(e.status is EntryStatus.DRAFT and e.hours > 0 for e in entries),
        "entries_on_a_matter_not_their_spans_true_one": wrong,
    }


def pad_day(r: Rehearsal, total: int) -> int:
    """Add invented drafts (two spans each, attributed) until the day holds ``total``
    entries; returns how many were added."""
    have = len(r.store.entries.list(user=r.user, day=r.day))
    matters = [m for m in r.store.catalog.matters() if m.status != "closed"]
    tz = ZoneInfo(r.service.settings.billing.timezone)
    start = datetime.combine(r.day, dtime(7, 0), tz)
    spans, decided, entries = [], [], []
    for i in range(max(total - have, 0)):
        matter = matters[i % len(matters)]
        ids = []
        for j in range(2):
            at = start + timedelta(minutes=6 * (2 * i + j))
            span = Span(f"bench-{i}-{j}", r.user, at, at + timedelta(minutes=5), "Writer",
                        "document", f"Bench brief {i} part {j}.docx", "")
            spans.append(span)
            ids.append(span.id)
            decided.append(Attribution(span.id, matter.id, 0.9, False, True,
                                       ("caption:name", "id:docket", "staff"), "bench",
                                       ((matter.id, 0.9), (None, 0.1))))
        entries.append(Entry(f"bench-entry-{i}", r.user, matter.id, r.day, 600,
                             Decimal("0.20"), Decimal("250"), "Draft/Revise",
                             f"Draft and revise brief {i}.", True, tuple(ids),
                             updated_at=datetime.now(UTC)))
    with r.service.lock:
        r.store.activity.add_spans(spans)
        r.store.activity.save_attributions(decided)
        r.store.entries.save(entries)
    return len(entries)


def load_times(r: Rehearsal, browser, loads: int) -> dict[str, float]:  # noqa: ANN001
    page_ms: list[float] = []
    drawn_ms: list[float] = []
    api_ms: list[float] = []
    headers = {"Authorization": f"Bearer {r.token}"}
    with httpx.Client(base_url=r.url, headers=headers, timeout=60) as http:
        for _ in range(loads):
            started = time.perf_counter()
            http.get(f"/v1/days/{r.day.isoformat()}/review").raise_for_status()
            api_ms.append((time.perf_counter() - started) * 1000)
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(r.page_url())
        page.wait_for_selector("body[data-ready]", timeout=WAIT_MS)
        page_ms.append((time.perf_counter() - started) * 1000)
        # The page's own clock: from the navigation's start to the day drawn.
        drawn_ms.append(float(page.evaluate(
            "Number(document.body.dataset.ready) - performance.timing.navigationStart")))
        context.close()
    return {"page_load_ms_median": round(statistics.median(page_ms), 1),
            "page_load_ms_max": round(max(page_ms), 1),
            "navigation_to_drawn_ms_median": round(statistics.median(drawn_ms), 1),
            "api_day_ms_median": round(statistics.median(api_ms), 1)}


def bench_review(fixture: Path = HARBOR, entries: int = 60, loads: int = 5) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    truths = read_truth(fixture / "activities.jsonl")
    with tempfile.TemporaryDirectory(prefix="tenths-bench-review-") as tmp, \
            rehearse(fixture, Path(tmp)) as r, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            keys = review_keystrokes(r, browser, truths)
            added = pad_day(r, entries)
            shown = len(r.store.entries.list(user=r.user, day=r.day))
            timing = load_times(r, browser, loads)
        finally:
            browser.close()
        day: date = r.day
    return {"fixture": fixture.name, "day": day.isoformat(), "review": keys,
            "load": {"entries": shown, "padded": added, "loads": loads, **timing}}
