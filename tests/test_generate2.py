"""The second fixture generator writes `tenths-fixture/1` exactly, deterministically, with invented people."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict

import pytest

from eval.generate2.__main__ import main
from eval.generate2.names import POOLS, NameBook
from eval.generate2.ocr import Reader, fit_channel
from eval.generate2.profiles import PROFILES, RenderStyle
from eval.generate2.render import drawn_text
from eval.generate2.screens import Screen
from eval.generate2.writer import Fixture, build_fixture

ACTIVITY_KEYS = {"id": str, "user": int, "start": str, "end": str, "app": str, "kind": str,
                 "window_title": str, "text": str, "truth": dict}
KINDS = {"email", "document", "browser", "call", "meeting", "chat", "app"}
FIRM_KEYS = {"format": str, "firm": dict, "staff": list, "clients": list, "companies": list, "cases": list,
             "activity_names": list, "time_entries": list}
# Well-known real people: a generated firm must never produce one of these names.
REAL_PEOPLE = {"Barack Obama", "Sonia Sotomayor", "Ruth Bader Ginsburg", "John Roberts", "Elena Kagan",
               "Taylor Swift", "Elon Musk", "Bill Gates", "Oprah Winfrey", "Chimamanda Adichie",
               "Robert Lewandowski", "Pele", "Narendra Modi", "Michael Jordan", "Jeff Bezos"}


@pytest.fixture(scope="module", params=sorted(PROFILES))
def fixture(request: pytest.FixtureRequest) -> Fixture:
    return build_fixture(PROFILES[request.param], 7, real_ocr=False)


def _when(s: str) -> dt.datetime:
    t = dt.datetime.fromisoformat(s)
    assert t.tzinfo is not None and t.utcoffset() is not None, s
    return t


def test_firm_json_has_every_key_with_mycase_types(fixture: Fixture) -> None:
    firm = fixture.firm
    for key, typ in FIRM_KEYS.items():
        assert isinstance(firm[key], typ), key
    assert firm["format"] == "tenths-fixture/1"
    assert set(firm["firm"]) == {"name", "url"}
    assert 60 <= len(firm["cases"]) <= 100
    assert 200 <= len(firm["time_entries"]) <= 500
    staff_ids = {s["id"] for s in firm["staff"]}
    for s in firm["staff"]:
        assert isinstance(s["default_hourly_rate"], float) and isinstance(s["active"], bool)
    case_ids = {c["id"] for c in firm["cases"]}
    for c in firm["cases"]:
        assert isinstance(c["id"], int) and isinstance(c["name"], str) and isinstance(c["case_number"], str)
        assert c["status"] in ("open", "closed")
        assert c["billing_type"] in ("", "hourly", "contingency", "flat", "mixed", "pro_bono")
        for st in c["staff"]:
            assert st["id"] in staff_ids and (st["case_rate"] is None or isinstance(st["case_rate"], str))
    assert len({c["name"] for c in firm["cases"]}) == len(firm["cases"])
    for e in firm["time_entries"]:
        assert isinstance(e["rate"], str) and float(e["rate"]) > 0
        assert isinstance(e["hours"], float) and isinstance(e["billable"], bool)
        assert e["case"]["id"] in case_ids and e["staff"]["id"] in staff_ids
        assert e["activity_name"] in firm["activity_names"]
        dt.date.fromisoformat(e["entry_date"])
        _when(e["created_at"])
    for group in ("clients", "companies"):
        for rec in firm[group]:
            assert all(ref["id"] in case_ids for ref in rec["cases"])


def test_activities_follow_the_format_in_start_order(fixture: Fixture) -> None:
    acts = fixture.activities
    assert 1000 <= len(acts) <= 2200
    case_ids = {c["id"] for c in fixture.firm["cases"]}
    users = {s["id"] for s in fixture.firm["staff"]}
    assert len({a["id"] for a in acts}) == len(acts)
    starts = [_when(a["start"]) for a in acts]
    assert starts == sorted(starts)
    for a in acts:
        for key, typ in ACTIVITY_KEYS.items():
            assert isinstance(a[key], typ), (key, a["id"])
        assert a["url"] is None or isinstance(a["url"], str)
        assert a["path"] is None or isinstance(a["path"], str)
        assert a["kind"] in KINDS and a["user"] in users
        assert _when(a["end"]) > _when(a["start"])
        truth = a["truth"]
        assert truth["case_id"] is None or truth["case_id"] in case_ids
        assert isinstance(truth["billable"], bool) and isinstance(truth["cue"], str)
        if truth["case_id"] is None:
            assert truth["billable"] is False
    nulls = sum(a["truth"]["case_id"] is None for a in acts)
    assert 0.04 < nulls / len(acts) < 0.25


def test_one_users_spans_never_overlap(fixture: Fixture) -> None:
    by_user: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for a in fixture.activities:
        by_user[a["user"]].append((_when(a["start"]), _when(a["end"])))
    for spans in by_user.values():
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start >= end


def test_new_party_is_first_once_then_repeats_and_is_unknown_to_mycase(fixture: Fixture) -> None:
    firm_text = json.dumps(fixture.firm)
    seen: dict[str, tuple[int, int]] = {}
    for a in fixture.activities:
        truth = a["truth"]
        name = truth.get("new_party")
        if name is None:
            assert truth["cue"] not in ("new_party_first", "new_party_repeat")
            continue
        assert name not in firm_text
        if name in seen:
            assert truth["cue"] == "new_party_repeat"
            assert seen[name] == (a["user"], truth["case_id"])  # one laptop, one matter
        else:
            assert truth["cue"] == "new_party_first"
            seen[name] = (a["user"], truth["case_id"])
    assert len(seen) >= 5


def test_same_seed_gives_the_same_fixture_and_another_seed_does_not() -> None:
    p = PROFILES["metro_lit"]
    a, b, c = (build_fixture(p, s, real_ocr=False) for s in (3, 3, 4))
    assert a.firm == b.firm and a.activities == b.activities
    assert a.activities != c.activities


def test_people_are_invented_and_contacts_are_reserved_numbers(fixture: Fixture) -> None:
    firm = fixture.firm
    people = {f"{p['first_name']} {p['last_name']}" for p in firm["staff"] + firm["clients"]}
    assert not people & REAL_PEOPLE
    assert not {f"{f} {last}" for f, last in ((f, last) for fs, ls in POOLS.values() for f in fs for last in ls)} & REAL_PEOPLE
    for phone in re.findall(r"\(\d{3}\) \d{3}-\d{4}", json.dumps(firm)):  # screens carry OCR errors
        assert phone[6:].startswith("555-01"), phone
    for rec in firm["staff"] + firm["clients"] + firm["companies"]:
        assert rec["email"].endswith((".example", ".test")), rec["email"]


def test_name_book_never_repeats_a_full_name() -> None:
    import random

    book = NameBook(random.Random(1))
    names = [book.person().full for _ in range(400)]
    assert len(set(names)) == 400


def test_channel_learns_a_substitution_it_was_shown() -> None:
    ch = fit_channel([("Case No. 2026-L-001234\nIllinois", "Case No. 2026-L-00l234\nIllinois")] * 5)
    assert ch.sub["1"] == {"l": 5}
    assert ch.lost_lines == 0


def test_tesseract_reads_a_rendered_screen_back() -> None:
    import random

    screen = Screen("Microsoft Word", "document", "Okafor - Motion v2.docx - Word", ("File  Home  Insert",),
                    (("MOTION TO COMPEL", "Case No. 2026-L-004417", "Plaintiff Adaeze Okafor moves the court."),), (1.0,))
    style = RenderStyle(width=900, font_size=14)
    reader = Reader(style, 1.0, random.Random(0))
    read = reader.read_all([screen])[screen]
    assert reader.real_count == 1
    assert "COMPEL" in read and "Okafor" in read
    assert drawn_text(screen, style).splitlines()[0] == "File  Home  Insert"


def test_command_line_writes_both_files(tmp_path) -> None:
    out = tmp_path / "fx"
    assert main(["--profile", "boutique_ny", "--seed", "5", "--out", str(out), "--no-ocr"]) == 0
    firm = json.loads((out / "firm.json").read_text())
    lines = (out / "activities.jsonl").read_text().splitlines()
    assert firm["format"] == "tenths-fixture/1"
    assert len(lines) > 1000 and json.loads(lines[0])["truth"]
