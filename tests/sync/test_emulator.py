"""The emulator's own surface: admin over HTTP, the command line, and paging
consistency under concurrent change (a Hypothesis property)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from mycase_support import ASSOCIATE, PARTNER, REDIRECT_URI, small_firm

from sync.client import ManualClock
from sync.emulator import Emulator, serve


def test_admin_over_http_drives_a_separate_process_view() -> None:
    clock = ManualClock()
    with (
        serve(small_firm(), clock=clock.now, deliver=lambda d: None) as mycase,
        httpx.Client(base_url=mycase.admin_url) as admin,
    ):
        token = admin.post("/tokens", json={"staff_id": ASSOCIATE}).json()
        assert token["token_type"] == "Bearer" and token["firm_uuid"]
        assert admin.patch("/time_entries/1001", json={"hours": 2.5}).json()["hours"] == 2.5
        invoice = admin.post("/invoices", json={"entry_ids": [1001], "status": "sent"})
        assert invoice.status_code == 201
        refused = admin.delete("/time_entries/1001")
        assert refused.status_code == 422 and refused.json()["errors"]
        assert admin.delete("/time_entries/1001", params={"force": "true"}).status_code == 204
        assert admin.put("/cases", json={"name": "New", "status": "open"}).json()["id"] == 104
        assert admin.put("/cases/101/rates/2", json={"case_rate": "325.0"}).status_code == 200
        assert admin.put("/login", json={"staff_id": PARTNER}).status_code == 204
        assert admin.post("/faults", json={"server_errors": 1}).status_code == 204
        assert admin.post("/faults", json={"bogus": 1}).status_code == 400
        code = admin.post("/authorize", json={"staff_id": PARTNER, "redirect_uri": REDIRECT_URI})
        assert code.json()["code"]
        snapshot = admin.get("/snapshot").json()
        assert snapshot["format"] == "tenths-fixture/1"
        assert [e["id"] for e in snapshot["time_entries"]] == [1002, 1003, 1004, 1005]
        assert mycase.requests_served == 0  # admin calls are not API traffic


def test_command_line_prints_urls(tmp_path: Path) -> None:
    firm = tmp_path / "firm.json"
    firm.write_text(json.dumps(small_firm()))
    process = subprocess.Popen(
        [sys.executable, "-m", "sync.emulator", "--firm", str(firm), "--token-for", "1"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
        assert lines[0].startswith("api_url   http://127.0.0.1:") and lines[0].rstrip().endswith(
            "/v1"
        )
        assert json.loads(lines[3])["access_token"]
        api_url = lines[0].split()[1]
        access = json.loads(lines[3])["access_token"]
        with httpx.Client() as http:
            me = http.get(f"{api_url}/me", headers={"Authorization": f"Bearer {access}"})
        assert me.json()["id"] == 1
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@settings(max_examples=40, deadline=None)
@given(
    page_size=st.integers(1, 7),
    extra=st.integers(0, 20),
    deletes=st.lists(st.integers(0, 30), max_size=8),
)
def test_paging_never_repeats_and_never_skips_survivors(
    page_size: int, extra: int, deletes: list[int]
) -> None:
    """Deleting records between pages never duplicates or drops a record that survives."""
    clock = ManualClock()
    emulator = Emulator(small_firm(), clock=clock.now, deliver=lambda d: None)
    for n in range(extra):
        emulator.admin.add_time_entry(
            {
                "activity_name": "Call",
                "entry_date": "2026-05-04",
                "rate": 1,
                "hours": 1,
                "case": {"id": 101},
                "staff": {"id": 1},
                "description": str(n),
            }
        )
    all_ids = [e["id"] for e in emulator.admin.snapshot()["time_entries"]]
    doomed = {all_ids[i % len(all_ids)] for i in deletes}
    token = emulator.admin.issue_tokens(PARTNER)["access_token"]
    seen: list[int] = []
    with httpx.Client(
        transport=emulator.transport(), headers={"Authorization": f"Bearer {token}"}
    ) as http:
        url: str | None = f"http://mycase.test/v1/time_entries?page_size={page_size}"
        while url:
            page = http.get(url)
            assert page.headers["Item-Count"].isdigit()
            seen += [e["id"] for e in page.json()]
            if doomed:
                emulator.admin.delete_time_entry(doomed.pop(), force=True)
            url = page.links.get("next", {}).get("url")
    survivors = {e["id"] for e in emulator.admin.snapshot()["time_entries"]}
    assert len(seen) == len(set(seen)) and seen == sorted(seen)
    assert survivors <= set(seen)
