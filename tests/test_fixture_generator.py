"""The seeded fixture generator (eval/generate) and the committed fixtures.

Checks determinism, that the committed fixtures are exactly what the
generator produces now, and the `tenths-fixture/1` contract of
shared/FIXTURES.md (with MyCase field types from shared/MYCASE_API.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from eval.generate import PROFILES, generate
from eval.generate.__main__ import main as generate_cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "eval" / "fixtures"
NAMES = sorted(PROFILES)
SPAN_KEYS = {
    "id",
    "user",
    "start",
    "end",
    "app",
    "kind",
    "window_title",
    "text",
    "url",
    "path",
    "truth",
}
KINDS = {"email", "document", "browser", "call", "meeting", "chat", "app"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RATE = re.compile(r"^\d+\.\d+$")


@cache
def _load(name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    firm = json.loads((FIXTURES / name / "firm.json").read_text(encoding="utf-8"))
    lines = (FIXTURES / name / "activities.jsonl").read_text(encoding="utf-8").splitlines()
    return firm, [json.loads(line) for line in lines]


def _aware(value: Any) -> dt.datetime:
    assert isinstance(value, str)
    moment = dt.datetime.fromisoformat(value)
    assert moment.tzinfo is not None, f"no UTC offset: {value}"
    return moment


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _ids(refs: Any) -> list[int]:
    assert isinstance(refs, list)
    for ref in refs:
        assert isinstance(ref, dict) and isinstance(ref["id"], int)
    return [ref["id"] for ref in refs]


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        assert (
            generate_cli(["--profile", "summit", "--seed", "7", "--out", str(tmp_path / run)]) == 0
        )
    for filename in ("firm.json", "activities.jsonl"):
        assert (tmp_path / "a" / filename).read_bytes() == (tmp_path / "b" / filename).read_bytes()


def test_different_seed_gives_different_fixture() -> None:
    assert generate("summit", 7).activities_bytes() != generate("summit", 8).activities_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_committed_fixture_is_what_the_generator_produces(name: str) -> None:
    fixture = generate(name)
    assert (FIXTURES / name / "firm.json").read_bytes() == fixture.firm_bytes()
    assert (FIXTURES / name / "activities.jsonl").read_bytes() == fixture.activities_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_firm_json_matches_mycase_records(name: str) -> None:
    firm, _ = _load(name)
    assert firm["format"] == "tenths-fixture/1"
    assert isinstance(firm["firm"]["name"], str) and firm["firm"]["url"].startswith("https://")
    staff_ids = set()
    for s in firm["staff"]:
        assert isinstance(s["id"], int) and s["id"] not in staff_ids
        staff_ids.add(s["id"])
        for key in ("email", "first_name", "last_name", "type", "title"):
            assert isinstance(s[key], str) and s[key]
        assert isinstance(s["active"], bool) and _number(s["default_hourly_rate"])
        _aware(s["created_at"]), _aware(s["updated_at"])
    case_ids = {c["id"] for c in firm["cases"]}
    assert len(case_ids) == len(firm["cases"]) >= 60
    assert len({c["name"] for c in firm["cases"]}) == len(firm["cases"])
    client_ids = set()
    for c in firm["clients"]:
        assert isinstance(c["id"], int) and isinstance(c["email"], str)
        assert isinstance(c["first_name"], str) and isinstance(c["last_name"], str)
        assert set(c["address"]) == {"address1", "address2", "city", "state", "zip_code", "country"}
        assert isinstance(c["archived"], bool)
        assert set(_ids(c["cases"])) <= case_ids
        client_ids.add(c["id"])
    company_ids = set()
    for co in firm["companies"]:
        assert isinstance(co["id"], int) and isinstance(co["name"], str)
        assert set(_ids(co["cases"])) <= case_ids and set(_ids(co["clients"])) <= client_ids
        company_ids.add(co["id"])
    assert firm["companies"], "every fixture has company clients"
    areas = set()
    for c in firm["cases"]:
        assert isinstance(c["id"], int) and isinstance(c["case_number"], str)
        assert isinstance(c["description"], str) and isinstance(c["practice_area"], str)
        areas.add(c["practice_area"])
        assert DATE.match(c["opened_date"])
        assert c["closed_date"] is None or DATE.match(c["closed_date"])
        assert c["sol_date"] is None or DATE.match(c["sol_date"])
        assert c["status"] in ("open", "closed")
        assert (c["status"] == "closed") == (c["closed_date"] is not None)
        assert c["billing_type"] in ("", "hourly", "contingency", "flat", "mixed", "pro_bono")
        assert set(_ids(c["clients"])) <= client_ids and set(_ids(c["companies"])) <= company_ids
        assert c["billing_contact"]["id"] in client_ids
        for member in c["staff"]:
            assert member["id"] in staff_ids
            assert isinstance(member["lead_lawyer"], bool)
            assert isinstance(member["originating_lawyer"], bool)
            assert member["case_rate"] is None or RATE.match(member["case_rate"])
        _aware(c["created_at"]), _aware(c["updated_at"])
    assert len(areas) >= 5
    for c in firm["clients"]:  # the cross-references agree both ways
        for case_id in _ids(c["cases"]):
            case = next(x for x in firm["cases"] if x["id"] == case_id)
            assert c["id"] in _ids(case["clients"])
    assert all(isinstance(a, str) and a for a in firm["activity_names"])


@pytest.mark.parametrize("name", NAMES)
def test_time_entries_are_history(name: str) -> None:
    firm, spans = _load(name)
    first_day = min(_aware(s["start"]).date() for s in spans)
    case_ids = {c["id"] for c in firm["cases"]}
    staff_ids = {s["id"] for s in firm["staff"]}
    entries = firm["time_entries"]
    assert len(entries) >= 200
    assert len({e["id"] for e in entries}) == len(entries)
    for e in entries:
        assert isinstance(e["id"], int) and e["activity_name"] in firm["activity_names"]
        assert isinstance(e["description"], str) and e["description"]
        assert isinstance(e["billable"], bool) and isinstance(e["flat_fee"], bool)
        assert DATE.match(e["entry_date"]) and dt.date.fromisoformat(e["entry_date"]) < first_day
        assert isinstance(e["rate"], str) and RATE.match(e["rate"])
        assert _number(e["hours"]) and e["hours"] > 0
        assert e["case"]["id"] in case_ids and e["staff"]["id"] in staff_ids
        _ids(e["invoices"])
        _aware(e["created_at"])


@pytest.mark.parametrize("name", NAMES)
def test_activity_stream_contract(name: str) -> None:
    firm, spans = _load(name)
    case_ids = {c["id"] for c in firm["cases"]}
    staff_ids = {s["id"] for s in firm["staff"]}
    assert len(spans) >= 1000
    assert (FIXTURES / name / "activities.jsonl").stat().st_size < 3_000_000
    assert len({s["id"] for s in spans}) == len(spans)
    previous = None
    for s in spans:
        assert set(s) == SPAN_KEYS
        assert isinstance(s["id"], str) and s["user"] in staff_ids
        start, end = _aware(s["start"]), _aware(s["end"])
        assert end > start
        assert dt.timedelta(minutes=1) <= end - start <= dt.timedelta(minutes=40)
        assert previous is None or start >= previous
        previous = start
        assert s["kind"] in KINDS
        for key in ("app", "window_title", "text"):
            assert isinstance(s[key], str) and s[key]
        assert s["url"] is None or isinstance(s["url"], str)
        assert s["path"] is None or isinstance(s["path"], str)
        if s["kind"] == "browser":
            assert s["url"]
        if s["path"] is not None:
            assert s["kind"] == "document"
        truth = s["truth"]
        assert set(truth) <= {"case_id", "billable", "new_party", "cue"}
        assert truth["case_id"] is None or truth["case_id"] in case_ids
        assert isinstance(truth["billable"], bool) and isinstance(truth["cue"], str)
        if truth["case_id"] is None:
            assert truth["billable"] is False
    days = {_aware(s["start"]).date() for s in spans}
    assert len(days) == 10 and all(day.weekday() < 5 for day in days)
    assert 2 <= len({s["user"] for s in spans}) <= 4


@pytest.mark.parametrize("name", NAMES)
def test_hard_cases_are_present(name: str) -> None:
    firm, spans = _load(name)
    nonmatter = sum(s["truth"]["case_id"] is None for s in spans) / len(spans)
    assert 0.08 <= nonmatter <= 0.18
    assert any(not s["truth"]["billable"] and s["truth"]["case_id"] for s in spans)
    cues = [s["truth"]["cue"] for s in spans]
    for cue in ("neighbour_research", "thread", "case_number", "file_path"):
        assert any(c.split("+")[0] == cue for c in cues), cue
    assert sum("+ocr" in c for c in cues) / len(spans) >= 0.05
    assert sum(c == "new_party_repeat" for c in cues) >= 40
    firm_text = json.dumps(firm)
    introduced: set[str] = set()
    for s in spans:
        party = s["truth"].get("new_party")
        if party is None:
            continue
        assert party not in firm_text, "a new party must be new"
        if s["truth"]["cue"] == "new_party_first":
            assert party not in introduced
            introduced.add(party)
        else:
            assert s["truth"]["cue"] == "new_party_repeat" and party in introduced
        assert party in s["text"] or party in s["window_title"]
    assert len(introduced) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_no_label_leaks_into_what_is_shown(name: str) -> None:
    firm, spans = _load(name)
    ids = {str(c["id"]) for c in firm["cases"]}
    for s in spans:
        shown = " ".join(str(s[k] or "") for k in ("window_title", "text", "url", "path"))
        assert not ids & set(re.findall(r"\d+", shown)), s["id"]
