"""The third generator writes fixtures exactly per shared/FIXTURES.md, the same per seed,
with non-matter folders kept out of MyCase and names-only matters carrying nothing else."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from capture.replay import read_spans
from eval.generate3.__main__ import main
from eval.generate3.docket import MASK, DocketPlan, generate_docket, write_docket
from eval.generate3.mailbox import MailboxPlan, mailbox_world, write_mailbox
from eval.truth import read_truth
from sync.normalize import load_firm_json

SPAN_KEYS = {"id", "user", "start", "end", "app", "kind", "window_title", "text", "url", "path",
             "truth"}
KINDS = {"email", "document", "browser", "call", "meeting", "chat", "app"}
FIRM_KEYS = {"format", "firm", "staff", "clients", "companies", "cases", "activity_names",
             "time_entries"}
CASE_KEYS = {"id", "name", "case_number", "description", "practice_area", "case_stage",
             "status", "billing_type", "clients", "companies", "staff"}
SMALL_MAIL = MailboxPlan(messages=900, folders=10, users=1)
TWO_MAILBOXES = MailboxPlan(messages=1700, folders=8, users=2)
SMALL_DOCKET = DocketPlan(entries=700, cases=25, users=1)


def _lines(fixture: Path) -> list[dict]:
    with (fixture / "activities.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _firm(fixture: Path) -> dict:
    return json.loads((fixture / "firm.json").read_text(encoding="utf-8"))


def _check_format(fixture: Path) -> tuple[dict, list[dict]]:
    firm, lines = _firm(fixture), _lines(fixture)
    assert FIRM_KEYS <= set(firm)
    assert firm["format"] == "tenths-fixture/1"
    assert set(firm["firm"]) == {"name", "url"}
    assert all(isinstance(firm[key], list) for key in FIRM_KEYS - {"format", "firm"})
    assert all(isinstance(name, str) for name in firm["activity_names"])
    staff_ids = {s["id"] for s in firm["staff"]}
    case_ids = {c["id"] for c in firm["cases"]}
    assert len(case_ids) == len(firm["cases"])
    assert len({c["name"] for c in firm["cases"]}) == len(firm["cases"])  # names unique
    for case in firm["cases"]:
        assert CASE_KEYS <= set(case)
        assert {s["id"] for s in case["staff"]} <= staff_ids
        assert all({"id", "lead_lawyer", "originating_lawyer", "case_rate"} <= set(s)
                   for s in case["staff"])
    load_firm_json(fixture / "firm.json")  # the same normalisation a sync uses

    ids = [line["id"] for line in lines]
    assert len(set(ids)) == len(ids)
    previous = None
    for line in lines:
        assert set(line) == SPAN_KEYS
        start, end = (datetime.fromisoformat(line[k]) for k in ("start", "end"))
        assert start.utcoffset() is not None and end.utcoffset() is not None
        assert end > start
        assert previous is None or start >= previous  # in order of start
        previous = start
        assert line["user"] in staff_ids and isinstance(line["user"], int)
        assert line["kind"] in KINDS
        assert all(isinstance(line[k], str) and line[k] for k in ("app", "window_title", "text"))
        assert line["url"] is None or isinstance(line["url"], str)
        assert line["path"] is None or isinstance(line["path"], str)
        truth = line["truth"]
        assert set(truth) <= {"case_id", "billable", "new_party", "cue"}
        assert truth["case_id"] is None or truth["case_id"] in case_ids
        assert isinstance(truth["billable"], bool)
    assert len(list(read_spans(fixture / "activities.jsonl"))) == len(lines)
    assert len(read_truth(fixture / "activities.jsonl")) == len(lines)
    return firm, lines


def test_mailbox_fixture_follows_the_format(tmp_path: Path) -> None:
    write_mailbox(3, SMALL_MAIL, tmp_path / "m")
    firm, lines = _check_format(tmp_path / "m")
    assert {line["kind"] for line in lines} == {"email"}
    assert len(lines) == SMALL_MAIL.messages
    assert all(line["truth"]["billable"] == (line["truth"]["case_id"] is not None)
               for line in lines)


def test_mailbox_days_are_working_days_of_twenty_to_eighty_messages(tmp_path: Path) -> None:
    write_mailbox(4, SMALL_MAIL, tmp_path / "m")
    per_day = Counter(line["start"][:10] for line in _lines(tmp_path / "m"))
    assert 40 <= len(per_day) <= 90
    assert all(20 <= n <= 80 for n in per_day.values())
    assert all(datetime.fromisoformat(day).weekday() < 5 for day in per_day)


def test_same_seed_same_fixture_other_seed_another(tmp_path: Path) -> None:
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        write_mailbox(seed, SMALL_MAIL, tmp_path / name)
        write_docket(seed, SMALL_DOCKET, tmp_path / f"d{name}")
    for kind in ("", "d"):
        for file in ("firm.json", "activities.jsonl"):
            a, b, c = ((tmp_path / f"{kind}{n}" / file).read_bytes() for n in "abc")
            assert a == b
            assert a != c


def test_non_matter_folders_are_not_in_mycase(tmp_path: Path) -> None:
    plan = MailboxPlan(messages=900, folders=20, users=1)
    world = mailbox_world(random.Random("generate3-mailbox-5"), plan)
    write_mailbox(5, plan, tmp_path / "m")
    firm, lines = _firm(tmp_path / "m"), _lines(tmp_path / "m")
    names = {c["name"]: c["id"] for c in firm["cases"]}
    folders = world.folders[0]
    others = [f for f in folders if f.case_id is None]
    assert others and len(others) < len(folders)
    assert all(f.name not in names for f in others)
    assert all(names[f.name] == f.case_id for f in folders if f.case_id is not None)
    unbilled = [line for line in lines if line["truth"]["case_id"] is None]
    assert unbilled and all(not line["truth"]["billable"] for line in unbilled)


def test_names_only_matters_carry_no_numbers_descriptions_or_clients(tmp_path: Path) -> None:
    write_mailbox(6, TWO_MAILBOXES, tmp_path / "m")
    firm, lines = _check_format(tmp_path / "m")
    assert firm["clients"] == [] and firm["companies"] == [] and firm["time_entries"] == []
    for case in firm["cases"]:
        assert case["case_number"] == "" and case["description"] == ""
        assert case["practice_area"] == "" and case["case_stage"] == ""
        assert case["clients"] == [] and case["companies"] == []
        assert case["staff"]
    assert len({line["user"] for line in lines}) == 2


def test_folder_sizes_are_skewed_and_folders_share_correspondents(tmp_path: Path) -> None:
    plan = MailboxPlan(messages=2000, folders=30, users=1)
    write_mailbox(9, plan, tmp_path / "m")
    sizes = sorted(Counter(line["truth"]["case_id"] for line in _lines(tmp_path / "m")
                           if line["truth"]["case_id"] is not None).values(), reverse=True)
    assert sizes[0] >= 8 * sizes[len(sizes) // 2]
    world = mailbox_world(random.Random("generate3-mailbox-9"), plan)
    seen: Counter[str] = Counter()
    for folder in world.folders[0]:
        seen.update({p.email for p in folder.people + folder.insiders})
    assert max(seen.values()) >= 3


def test_docket_fixture_links_parties_and_masks_numbers(tmp_path: Path) -> None:
    write_docket(2, SMALL_DOCKET, tmp_path / "d")
    firm, lines = _check_format(tmp_path / "d")
    assert len(firm["cases"]) == SMALL_DOCKET.cases
    records = {("client", c["id"]): c for c in firm["clients"]}
    records |= {("company", c["id"]): c for c in firm["companies"]}
    for case in firm["cases"]:
        assert " v. " in case["name"] or case["name"].startswith("In re ")
        assert case["case_number"]
        links = [("client", x["id"]) for x in case["clients"]]
        links += [("company", x["id"]) for x in case["companies"]]
        assert links
        assert all({"id": case["id"]} in records[link]["cases"] for link in links)
    assert any(len(c["cases"]) >= 2 for c in firm["companies"])  # a party in several cases
    numbers = {c["case_number"] for c in firm["cases"]}
    assert not any(n in line["text"] or n in line["window_title"] for line in lines
                   for n in numbers)
    assert any(MASK in line["text"] for line in lines)
    assert {line["kind"] for line in lines} == {"browser", "email"}
    cues = Counter(line["truth"]["cue"] for line in lines)
    assert cues["no-party"] > 0 and cues["new_party_first"] > 0


def test_notices_are_court_emails_that_show_the_case_number(tmp_path: Path) -> None:
    write_docket(3, DocketPlan(entries=300, cases=12, notices=True), tmp_path / "n")
    firm, lines = _check_format(tmp_path / "n")
    number = {c["id"]: c["case_number"] for c in firm["cases"]}
    assert {line["kind"] for line in lines} == {"email"}
    assert not any(MASK in line["text"] for line in lines)
    shown = Counter(number[line["truth"]["case_id"]] in line["text"] for line in lines)
    # With the judge's initials MyCase keeps, or without them.
    assert all(number[line["truth"]["case_id"]].rsplit("-", 1)[0] in line["text"]
               for line in lines if "Case Number:" in line["text"])
    assert shown[True] > 0 and shown[False] > 0


def test_docket_text_reads_like_cm_ecf() -> None:
    _, spans = generate_docket(11, SMALL_DOCKET)
    text = "\n".join(s.text for s in spans)
    for marker in ("MOTION", "ORDER", "NOTICE", "(Entered: ", "Signed by", "Notice of "
                   "Electronic Filing"):
        assert marker in text


def test_cli_writes_a_fixture_and_refuses_a_full_directory(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "d"
    assert main(["--kind", "docket", "--seed", "1", "--size", "300", "--matters", "12",
                 str(out)]) == 0
    assert len(_lines(out)) >= 300
    assert main(["--kind", "docket", "--seed", "1", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
