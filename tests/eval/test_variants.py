"""Fixture variants (eval/variants.py): what each takes away, what it keeps, truth intact."""

import json

import pytest

from capture.replay import read_spans
from eval.truth import read_truth
from eval.variants import MASK, main, write_variant
from sync.normalize import load_firm_json

STAMP = "2025-01-02T09:00:00-06:00"

FIRM = {
    "format": "tenths-fixture/1",
    "firm": {"name": "Quarry & Vale LLP", "url": "https://qv.example"},
    "staff": [{"id": 7, "first_name": "Ada", "last_name": "Quarry", "email": "ada@qv.example",
               "type": "Attorney", "title": "Partner", "active": True,
               "default_hourly_rate": 300.0, "created_at": STAMP, "updated_at": STAMP}],
    "clients": [{"id": 11, "first_name": "Mina", "last_name": "Harrow",
                 "email": "mina@harrow.example", "cell_phone_number": "(312) 555-0101",
                 "address": {"address1": "1 Elm St", "city": "Springfield"},
                 "cases": [{"id": 101}], "created_at": STAMP, "updated_at": STAMP}],
    "companies": [{"id": 21, "name": "Brightline Freight Co.", "email": "legal@bf.example",
                   "main_phone_number": "(312) 555-0199", "cases": [{"id": 102}],
                   "created_at": STAMP, "updated_at": STAMP}],
    "cases": [
        {"id": 101, "name": "Harrow custody", "case_number": "24STCV01234",
         "description": "Custody of the Harrow children; claim no. CLM-77881.",
         "opened_date": "2024-05-01", "practice_area": "Family Law", "case_stage": "Discovery",
         "status": "open", "billing_type": "hourly", "billing_contact": {"id": 11},
         "clients": [{"id": 11}], "companies": [],
         "staff": [{"id": 7, "lead_lawyer": True, "originating_lawyer": False,
                    "case_rate": None}],
         "custom_field_values": [{"id": 1, "value": "Judge Ortiz"}], "outstanding_balance": 120.5,
         "created_at": STAMP, "updated_at": STAMP},
        {"id": 102, "name": "Okafor v. Brightline", "case_number": "CRD No. 202312-44506422",
         "description": "Retaliation claim against Brightline.", "practice_area": "Employment",
         "status": "closed", "clients": [], "companies": [{"id": 21}],
         "staff": [{"id": 7, "lead_lawyer": False}], "created_at": STAMP, "updated_at": STAMP},
        {"id": 103, "name": "Vale estate", "case_number": "1:25-cv-03974-JTD",
         "description": "", "practice_area": "Probate", "status": "open", "clients": [],
         "companies": [], "staff": [], "created_at": STAMP, "updated_at": STAMP},
        {"id": 104, "name": "Short number", "case_number": "A-12", "status": "open",
         "created_at": STAMP, "updated_at": STAMP},
    ],
    "activity_names": ["Research", "Drafting"],
    "time_entries": [{"id": 501, "case": {"id": 102}, "staff": {"id": 7},
                      "entry_date": "2024-12-30", "hours": "0.5", "rate": "300.0",
                      "activity_name": "Research", "description": "Call with Hal Pruitt",
                      "billable": True, "created_at": STAMP, "updated_at": STAMP}],
}

# (window_title, text, url, path, truth); the numbers in them are the firm's unless noted.
SPANS = [
    ("Harrow - 24STCV01234 - Message", "Re: 24 stcv 01234 and 24-STCV-01234\nthanks",
     None, None, {"case_id": 101, "billable": True, "cue": "case_number"}),
    ("Docket", "Case #: 24STCVO1234\nCase No.24STCV01234Rule 26", "https://court.example/"
     "case?no=24STCV01234", None, {"case_id": 101, "billable": True}),
    ("Notice.pdf", "CRD No. 202312-44506422: notice; see also 202312 44506422",
     None, "C:\\Matters\\202312-44506422\\Notice.pdf", {"case_id": 102, "billable": True,
                                                         "cue": "case_number+ocr"}),
    ("1:25-cv-03974 - Order", "Case 1:25-CV-03974-JTD Document 12", None, None,
     {"case_id": 103, "billable": True, "new_party": "Hal Pruitt", "cue": "new_party_first"}),
    # not the firm's: another docket, a longer number that holds one, a phone, a short number
    ("News", "24STCV99999 and 124STCV012345 and (312) 555-0101 and A-12 and 2024",
     "https://news.example/", None, {"case_id": None, "billable": False,
                                      "cue": "personal_news"}),
]


def _span_line(i, span):
    title, text, url, path, truth = span
    start = f"2025-01-0{6 + i // 3}T{8 + i % 3:02d}:00:00-06:00"
    end = f"2025-01-0{6 + i // 3}T{8 + i % 3:02d}:30:00-06:00"
    return {"id": f"s{i}", "user": 7, "start": start, "end": end, "app": "App",
            "kind": "browser" if url else "document", "window_title": title, "text": text,
            "url": url, "path": path, "truth": truth}


@pytest.fixture
def fixture(tmp_path):
    root = tmp_path / "tiny"
    root.mkdir()
    (root / "firm.json").write_text(json.dumps(FIRM, indent=1) + "\n", encoding="utf-8")
    lines = [json.dumps(_span_line(i, s), separators=(",", ":")) for i, s in enumerate(SPANS)]
    (root / "activities.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_loads_and_truth_kept(fixture, out):
    load_firm_json(out / "firm.json")
    spans = list(read_spans(out / "activities.jsonl"))
    assert [s.id for s in spans] == [f"s{i}" for i in range(len(SPANS))]
    assert read_truth(out / "activities.jsonl") == read_truth(fixture / "activities.jsonl")
    before, after = _lines(fixture / "activities.jsonl"), _lines(out / "activities.jsonl")
    assert [line["truth"] for line in after] == [line["truth"] for line in before]
    for old, new in zip(before, after, strict=True):
        unmasked = set(old) - {"window_title", "text", "url", "path"}
        assert {k: new[k] for k in unmasked} == {k: old[k] for k in unmasked}


def test_names_only_keeps_staff_activity_names_and_each_case_s_name_status_and_staff(
        fixture, tmp_path):
    out = tmp_path / "names"
    stats = write_variant("names-only", fixture, out)
    firm = json.loads((out / "firm.json").read_text(encoding="utf-8"))
    assert firm["staff"] == FIRM["staff"]
    assert firm["activity_names"] == FIRM["activity_names"]
    assert firm["firm"] == FIRM["firm"] and firm["format"] == "tenths-fixture/1"
    assert firm["clients"] == [] and firm["companies"] == [] and firm["time_entries"] == []
    for case, original in zip(firm["cases"], FIRM["cases"], strict=True):
        for key in ("id", "name", "status", "staff", "updated_at"):
            assert case.get(key) == original.get(key)
    harrow = firm["cases"][0]
    assert harrow["case_number"] == "" and harrow["description"] == ""
    assert harrow["practice_area"] == "" and harrow["case_stage"] == ""
    assert harrow["clients"] == [] and harrow["companies"] == []
    assert harrow["custom_field_values"] == [] and harrow["billing_contact"] is None
    assert harrow["opened_date"] is None and harrow["outstanding_balance"] is None
    assert stats.cases_emptied == 4 and stats.masks == 0


def test_names_only_snapshot_knows_matters_by_name_alone(fixture, tmp_path):
    out = tmp_path / "names"
    write_variant("names-only", fixture, out)
    snapshot = load_firm_json(out / "firm.json")
    assert snapshot.contacts == () and snapshot.remote_entries == ()
    assert [m.name for m in snapshot.matters] == [c["name"] for c in FIRM["cases"]]
    assert [m.status for m in snapshot.matters] == ["open", "closed", "open", "open"]
    assert all(m.case_number == "" and m.description == "" and m.practice_area == ""
               for m in snapshot.matters)
    assert [len(m.staff) for m in snapshot.matters] == [1, 1, 0, 0]
    assert snapshot.matters[0].staff[0].lead_lawyer


def test_names_only_leaves_the_spans_byte_for_byte(fixture, tmp_path):
    out = tmp_path / "names"
    write_variant("names-only", fixture, out)
    assert (out / "activities.jsonl").read_bytes() == (fixture / "activities.jsonl").read_bytes()
    _check_loads_and_truth_kept(fixture, out)


def test_masked_replaces_each_case_number_and_its_reformattings_in_every_field(
        fixture, tmp_path):
    out = tmp_path / "masked"
    stats = write_variant("masked", fixture, out)
    spans = _lines(out / "activities.jsonl")
    assert spans[0]["window_title"] == f"Harrow - {MASK} - Message"
    assert spans[0]["text"] == f"Re: {MASK} and {MASK}\nthanks"
    # an OCR look-alike (O for 0), a number run into the words around it, a URL
    assert spans[1]["text"] == f"Case #: {MASK}\nCase No.{MASK}Rule 26"
    assert spans[1]["url"] == f"https://court.example/case?no={MASK}"
    # a label prefix is masked with the number; the number alone is masked too
    assert spans[2]["text"] == f"{MASK}: notice; see also {MASK}"
    assert spans[2]["path"] == f"C:\\Matters\\{MASK}\\Notice.pdf"
    assert spans[2]["url"] is None
    # a federal number with or without the judge's initials, in any case
    assert spans[3]["window_title"] == f"{MASK} - Order"
    assert spans[3]["text"] == f"Case {MASK} Document 12"
    assert stats.spans == 5 and stats.spans_changed == 4 and stats.masks == 11


def test_masked_leaves_numbers_that_are_not_the_firm_s_and_the_catalog(fixture, tmp_path):
    out = tmp_path / "masked"
    stats = write_variant("masked", fixture, out)
    before, after = _lines(fixture / "activities.jsonl"), _lines(out / "activities.jsonl")
    assert after[4] == before[4]  # another docket, a longer number, a phone, "A-12", a year
    assert stats.case_numbers == 4 and stats.case_numbers_skipped == 1  # "A-12" is too short
    assert (out / "firm.json").read_bytes() == (fixture / "firm.json").read_bytes()
    _check_loads_and_truth_kept(fixture, out)


def test_bare_is_the_names_only_catalog_with_the_masked_spans(fixture, tmp_path):
    write_variant("names-only", fixture, tmp_path / "names")
    write_variant("masked", fixture, tmp_path / "masked")
    write_variant("bare", fixture, tmp_path / "bare")
    bare = tmp_path / "bare"
    assert (bare / "firm.json").read_bytes() == (tmp_path / "names" / "firm.json").read_bytes()
    assert ((bare / "activities.jsonl").read_bytes()
            == (tmp_path / "masked" / "activities.jsonl").read_bytes())
    _check_loads_and_truth_kept(fixture, bare)


def test_the_same_fixture_gives_byte_identical_variants(fixture, tmp_path):
    for variant in ("names-only", "masked", "bare"):
        first, second = tmp_path / f"{variant}-1", tmp_path / f"{variant}-2"
        write_variant(variant, fixture, first)
        write_variant(variant, fixture, second)
        for name in ("firm.json", "activities.jsonl"):
            assert (first / name).read_bytes() == (second / name).read_bytes()


def test_the_command_writes_the_variant_and_reports_counts_only(fixture, tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["--variant", "bare", str(fixture), str(out)]) == 0
    report = json.loads(capsys.readouterr().err)
    assert report == {"variant": "bare", "spans": 5, "spans_changed": 4, "masks": 11,
                      "case_numbers": 4, "case_numbers_skipped": 1, "cases_emptied": 4}
    load_firm_json(out / "firm.json")


def test_the_command_refuses_a_missing_fixture_and_an_unknown_variant(tmp_path, capsys):
    assert main(["--variant", "masked", str(tmp_path / "none"), str(tmp_path / "out")]) == 2
    assert "activities.jsonl" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--variant", "shuffled", str(tmp_path), str(tmp_path / "out")])
