"""Reviewing a replayed day with the keyboard in a real browser: edit, split, merge,
change a matter and undo it, answer a flag, release, sync, unrelease; the result is
found in the MyCase emulator. Screenshots go to out/review/ for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from e2e_support import HARBOR, needs_chromium
from playwright.sync_api import expect

from app.review.rehearsal import Rehearsal, rehearse
from tenths.records import EntryStatus

pytestmark = [needs_chromium, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rehearsal]:
    with rehearse(HARBOR, tmp_path_factory.mktemp("review")) as rehearsal:
        yield rehearsal


@pytest.fixture
def page(browser, day: Rehearsal):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(day.page_url())
    page.wait_for_selector("body[data-ready]")
    yield page
    context.close()


def ready(page) -> str:  # noqa: ANN001
    return page.evaluate("document.body.dataset.ready || ''")


def press(page, key: str) -> None:  # noqa: ANN001
    """Press a key that calls the API, and wait until the page drew the answer."""
    before = ready(page)
    page.keyboard.press(key)
    # expect() polls from Playwright's side: the page's CSP forbids evaluated strings.
    expect(page.locator("body")).not_to_have_attribute("data-ready", before, timeout=30_000)


def select(page, entry_id: str | None = None, flag: int | None = None) -> None:  # noqa: ANN001
    """Move the selection with j/k only, to an entry or the n-th flag."""
    keys = page.evaluate("[...document.querySelectorAll('[data-item]')]"
                         ".map(n => n.dataset.item)")
    want = keys.index(f"entry:{entry_id}") if entry_id else [
        i for i, k in enumerate(keys) if k.startswith("flag:")][flag or 0]
    for _ in range(len(keys)):
        page.keyboard.press("k")
    for _ in range(want):
        page.keyboard.press("j")
    assert page.locator("li.item.selected").get_attribute("data-item") == keys[want]


def shot(page, path: Path, full: bool = True) -> None:  # noqa: ANN001
    """A screenshot; of the whole page as one tall window, so that the sticky header
    and footer sit at its top and bottom."""
    if not full:
        page.screenshot(path=path)
        return
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"],
                            "height": page.evaluate("document.documentElement.scrollHeight")})
    page.screenshot(path=path)
    page.set_viewport_size(size)


def entries(day: Rehearsal):  # noqa: ANN201
    return {e.id: e for e in day.store.entries.list(user=day.user, day=day.day)}


def remote_for(day: Rehearsal) -> list[dict]:
    return [e for e in day.mycase.admin.snapshot()["time_entries"]
            if e["staff"]["id"] == day.user and e["entry_date"] == day.day.isoformat()]


@pytest.mark.slow  # ~30 s: a day drafted again per answered flag; the fast sibling is below
def test_the_day_is_reviewed_released_synced_and_unreleased_with_the_keyboard(
    page, day: Rehearsal, shots: Path,  # noqa: ANN001
) -> None:
    assert "token" not in page.url  # taken out of the address at once
    shot(page, shots / "01-day.png")
    start = entries(day)
    assert page.locator("li.entry").count() == len(start)
    flags = page.locator("li.flag").count()
    assert flags >= 1 and page.locator("li.flag .suggestions span").count() == 3 * flags
    assert "captured" in page.locator("#totals").inner_text()

    # Edit: hours and narrative of the biggest entry.
    big = max(start.values(), key=lambda e: len(e.span_ids))
    select(page, big.id)
    page.keyboard.press("Enter")  # open: the spans behind it
    assert page.locator("li.entry.selected .spans li").count() == len(big.span_ids)
    shot(page, shots / "02-open-entry.png")
    page.keyboard.press("e")
    page.keyboard.type("1.2")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("Review deposition outline; confer with client regarding exhibits.")
    shot(page, shots / "03-edit.png", full=False)
    press(page, "Enter")
    edited = day.store.entries.get(big.id)
    assert edited.hours == Decimal("1.20") and edited.edited
    assert edited.description.startswith("Review deposition outline")

    # Split off its last span, then merge the two parts again.
    select(page, big.id)
    page.keyboard.press("s")
    shot(page, shots / "04-split.png", full=False)
    press(page, "Enter")
    now = entries(day)
    assert len(now) == len(start) + 1
    (part,) = set(now) - set(start)
    assert now[part].span_ids == (max(big.span_ids, key=lambda i: next(
        s.start for s in day.store.activity.spans(day.user, ids=[i]))),)
    select(page, big.id)
    press(page, "g")
    merged = day.store.entries.get(big.id)
    assert set(entries(day)) == set(start) and merged.span_ids == big.span_ids
    assert merged.description.startswith("Review deposition outline")  # the lawyer's words
    assert merged.hours == Decimal("1.20")  # and the write-down

    # Change a matter (a correction per span), then undo it.
    small = min((e for e in start.values() if e.id != big.id and e.span_ids),
                key=lambda e: len(e.span_ids))
    target = next(m for m in day.store.catalog.matters() if m.id != small.case_id
                  and m.status != "closed")
    select(page, small.id)
    page.keyboard.press("m")
    page.keyboard.type(target.name.split()[0])
    shot(page, shots / "05-matter.png", full=False)
    chosen = page.locator("#form .choices li.on").inner_text()
    press(page, "Enter")
    moved = day.store.entries.get(small.id)
    assert moved.case_id != small.case_id and chosen.startswith(
        next(m.name for m in day.store.catalog.matters() if m.id == moved.case_id))
    assert {c.span_id for c in day.store.activity.corrections(day.user)} == set(small.span_ids)
    press(page, "z")
    assert day.store.entries.get(small.id).case_id == small.case_id
    assert day.store.activity.corrections(day.user) == []

    # Answer the first flag with a suggestion after its first that names a matter (one
    # may be "no matter"): corrections, the day drafted again.
    select(page, flag=0)
    page.keyboard.press("Enter")
    shot(page, shots / "06-flag.png")
    names = [m.name for m in day.store.catalog.matters()]
    n, suggestion = next(
        (n, text) for n in (2, 3) if any(name in (text := page.locator(
            f"li.flag.selected [data-suggestion='{n}']").inner_text()) for name in names))
    answered = page.locator("li.flag.selected").get_attribute("data-item")
    press(page, str(n))
    # Its spans are answered; the day drafted again may group the other flags anew.
    assert page.locator(f"li.flag[data-item='{answered}']").count() == 0
    taught = day.store.activity.corrections(day.user)
    assert taught and all(c.from_case_id is None for c in taught)
    to_case = taught[0].to_case_id
    assert any(m.id == to_case and m.name in suggestion for m in day.store.catalog.matters())

    # Release one, then all; sync; MyCase holds every released entry once.
    select(page, big.id)
    press(page, "r")
    assert day.store.entries.get(big.id).status is EntryStatus.RELEASED
    press(page, "R")
    released = [e for e in entries(day).values() if e.status is EntryStatus.RELEASED]
    assert released and not [e for e in entries(day).values()
                             if e.status is EntryStatus.DRAFT and e.hours > 0]
    shot(page, shots / "07-released.png")
    press(page, "y")
    expect(page.locator("#toast")).to_have_text("synced", timeout=30_000)
    held = remote_for(day)
    assert len(held) == len(released)
    assert sorted(Decimal(str(e["hours"])) for e in held) == sorted(e.hours for e in released)
    assert all(e.status is EntryStatus.SYNCED for e in entries(day).values() if e.hours > 0)
    shot(page, shots / "08-synced.png")

    # Unrelease one and sync: MyCase no longer holds it; syncing again doubles nothing.
    select(page, big.id)
    press(page, "u")
    back = day.store.entries.get(big.id)
    assert back.status is EntryStatus.DRAFT
    press(page, "y")
    expect(page.locator("#toast")).to_have_text("synced", timeout=30_000)
    assert len(remote_for(day)) == len(released) - 1
    press(page, "y")
    expect(page.locator("#toast")).to_have_text("synced", timeout=30_000)
    assert len(remote_for(day)) == len(released) - 1
    page.keyboard.press("?")
    shot(page, shots / "09-help.png", full=False)


def test_the_page_needs_its_token_releases_undoes_pauses_and_shows_words_only_on_request(
    browser, day: Rehearsal, shots: Path,  # noqa: ANN001
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{day.url}/review")
    page.wait_for_selector("#notice:not([hidden])")
    assert "tenths review" in page.locator("#notice").inner_text()
    page.goto(day.page_url())  # the same tab: the page takes the new fragment
    page.wait_for_selector("body[data-ready]")
    assert page.locator("pre").count() == 0

    draft = next(e for e in entries(day).values()
                 if e.status is EntryStatus.DRAFT and e.hours > 0)
    select(page, draft.id)
    press(page, "r")
    assert day.store.entries.get(draft.id).status is EntryStatus.RELEASED
    press(page, "z")
    assert day.store.entries.get(draft.id).status is EntryStatus.DRAFT

    page.keyboard.press("n")  # a manual entry on the selected entry's matter
    page.keyboard.type("0.3")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Hallway conference with partner regarding strategy.")
    press(page, "Enter")
    manual = [e for e in entries(day).values() if not e.span_ids]
    assert [(e.case_id, e.hours) for e in manual] == [(draft.case_id, Decimal("0.30"))]

    press(page, "p")
    assert day.service.paused and "paused" in page.locator("#state").inner_text()
    press(page, "p")
    assert not day.service.paused

    select(page, draft.id)
    page.keyboard.press("Enter")
    page.keyboard.press("t")
    page.wait_for_selector("li.entry.selected pre")
    page.keyboard.press("a")
    page.wait_for_selector("#admin tbody tr")
    cells = page.locator("#admin tbody tr").first.inner_text()
    assert str(day.user) in cells and "h" in cells
    shot(page, shots / "10-text-and-admin.png")
    context.close()
