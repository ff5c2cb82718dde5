"""`tenths entries` on the store when no service runs, the same answers through the API
when it does, `tenths review`'s address, and `tenths demo --json`'s rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from review_support import DAY, NOW, seed
from service_support import FakeClock
from typer.testing import CliRunner

from app.api.build import create_api
from app.cli import app
from app.entries_cli import demo_rows
from app.review.inputs import EditIn
from app.review.reviewers import ApiReviewer, StoreReviewer
from app.runtime import Endpoint, RuntimeFiles
from app.service import Service
from capture.heartbeats import SpanBuilder
from pipeline.ledes import parse_ledes
from tenths.records import EntryStatus
from tenths.settings import Settings, StoreSettings
from tenths.store import Store


@pytest.fixture
def toml(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Store.open(data / "user-7.duckdb") as store:
        seed(store)
    path = tmp_path / "s.toml"
    path.write_text(f'[store]\ndata_dir = "{data}"\n')
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_entries_are_listed_edited_released_undone_and_exported_from_the_store(
    toml: Path, tmp_path: Path,
) -> None:
    common = ["--user", "7", "--settings", str(toml)]
    rows = [json.loads(line) for line in run("entries", "list", "--day", str(DAY), "--json",
                                             *common).splitlines()]
    assert [(r["id"], r["hours"], r["status"]) for r in rows] == [
        ("e-chen", "0.30", "draft"), ("e-ortiz", "0.20", "draft")]
    assert rows[0]["why"][0] == "docket number 24STCV61783 on screen"
    run("entries", "edit", "e-chen", "--hours", "0.4", "--narrative", "Revise motion.", *common)
    run("entries", "release", "--all", "--day", str(DAY), *common)
    run("entries", "unrelease", "e-ortiz", *common)
    run("entries", "undo", *common)
    out = tmp_path / "bill.ledes"
    run("entries", "export", str(out), "--start", str(DAY), "--law-firm-id", "95-1", *common)
    items = parse_ledes(out.read_text())
    assert [(i["LINE_ITEM_NUMBER_OF_UNITS"], i["LINE_ITEM_DESCRIPTION"]) for i in items] == [
        ("0.40", "Revise motion."), ("0.20", "Review inventory.")]


def test_a_refused_edit_exits_2_with_the_reason(toml: Path) -> None:
    result = CliRunner().invoke(app, ["entries", "edit", "nope", "--hours", "1", "--user", "7",
                                      "--settings", str(toml)])
    assert result.exit_code == 2 and "entry nope: not found" in result.output
    bad = CliRunner().invoke(app, ["entries", "edit", "e-chen", "--hours", "lots", "--user",
                                   "7", "--settings", str(toml)])
    assert bad.exit_code == 2


def test_the_api_reviewer_answers_as_the_store_reviewer_does(tmp_path: Path) -> None:
    settings = Settings(store=StoreSettings(data_dir=tmp_path))
    with Store.open(":memory:") as a, Store.open(":memory:") as b:
        seed(a)
        seed(b)
        service = Service(settings, 7, b, SpanBuilder(settings.capture), RuntimeFiles(tmp_path),
                          refresher=lambda *_: None, clock=FakeClock(NOW))
        http = TestClient(create_api(service, "t", 9), base_url="http://127.0.0.1:9",
                          headers={"Authorization": "Bearer t"})
        over_api = ApiReviewer(lambda method, path, **kw: http.request(method, f"/v1{path}", **kw))
        on_store = StoreReviewer(a, 7, settings, clock=lambda: NOW, redraft=lambda *_: None)
        for reviewer in (over_api, on_store):
            reviewer.edit("e-chen", EditIn(hours=Decimal("0.4")))
            reviewer.release(["e-chen"])
        assert over_api.day(DAY) == on_store.day(DAY)
        assert over_api.undo() == on_store.undo()
        assert a.entries.get("e-chen").status is EntryStatus.DRAFT


@contextmanager
def running_service(toml: Path) -> Iterator[RuntimeFiles]:
    """The service's API over the seeded store, registered where the CLI looks."""
    import os

    from app.review.rehearsal import serve_api

    data = toml.parent / "data"
    settings = Settings(store=StoreSettings(data_dir=data))
    runtime = RuntimeFiles(data)
    with Store.open(data / "user-7.duckdb") as store:
        service = Service(settings, 7, store, SpanBuilder(settings.capture), runtime,
                          refresher=lambda s, d, n: None)
        with serve_api(service, runtime.token()) as port:
            runtime.write_endpoint(Endpoint(port, os.getpid(), 7, ""))
            yield runtime


def test_tenths_review_puts_a_one_time_code_in_the_fragment_never_the_token(
    toml: Path,
) -> None:
    import httpx

    with running_service(toml) as runtime:
        out = run("review", "--no-open", "--print-url", "--day", "2026-11-02",
                  "--settings", str(toml))
        url = out.strip()
        assert runtime.token() not in url
        base, fragment = url.split("#")
        code = dict(p.split("=") for p in fragment.split("&"))
        assert base.endswith("/review") and code["day"] == "2026-11-02"
        trade = f"{base.removesuffix('/review')}/v1/session"
        first = httpx.post(trade, json={"code": code["code"]})
        assert first.status_code == 200
        session = first.json()["token"]
        again = httpx.post(trade, json={"code": code["code"]})
        assert again.status_code == 401  # spent: a history's copy opens nothing
        day = httpx.get(f"{base.removesuffix('/review')}/v1/days/2026-11-02/entries",
                        headers={"Authorization": f"Bearer {session}"})
        assert day.status_code == 200


def test_demo_json_rows_carry_what_a_reader_checks(toml: Path) -> None:
    from app.demo import DemoResult

    with Store.open(toml.parent / "data" / "user-7.duckdb") as store:
        entries = store.entries.list(user=7)
    result = DemoResult(7, date(2026, 11, 2), 6, entries, {1: "Chen v. Park", 2: "Ortiz"},
                        [], 1, 0, 1.0)
    rows = demo_rows(result)
    assert {"case_id", "worked_minutes", "hours", "activity_name", "narrative", "status",
            "mycase_id"} <= set(rows[0])
    assert (rows[0]["worked_minutes"], rows[0]["hours"], rows[0]["status"]) == (18.0, "0.30",
                                                                               "draft")


def test_tenths_review_opens_a_private_launcher_not_the_token_on_a_command_line(
    toml: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import stat
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    with running_service(toml) as runtime:
        run("review", "--day", "2026-11-02", "--settings", str(toml))
        (uri,) = opened
        assert uri.startswith("file://")
        launcher = runtime.folder / "review.html"
        assert stat.S_IMODE(launcher.stat().st_mode) == 0o600
        page = launcher.read_text()
        assert "/review#code=" in page and "&amp;day=2026-11-02" in page
        assert runtime.token() not in page
