"""The review page's routes and files: the page needs no token but holds no data; every
route needs the token; the page's own origin is let through the guard and no other."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from review_support import DAY, NOW, seed
from service_support import FakeClock

from app.api.build import create_api
from app.runtime import RuntimeFiles
from app.service import Service
from capture.heartbeats import SpanBuilder
from pipeline.ledes import parse_ledes
from tenths.records import EntryStatus
from tenths.settings import Settings, StoreSettings
from tenths.store import Store

PORT = 8124
TOKEN = "install-token"


class Redrafts:
    def __init__(self) -> None:
        self.days: list[object] = []

    def __call__(self, store: Store, day: object, now: object) -> None:
        self.days.append(day)


@pytest.fixture
def redrafts() -> Redrafts:
    return Redrafts()


@pytest.fixture
def service(tmp_path: Path, store: Store, redrafts: Redrafts) -> Service:
    seed(store)
    settings = Settings(store=StoreSettings(data_dir=tmp_path))
    return Service(settings, 7, store, SpanBuilder(settings.capture), RuntimeFiles(tmp_path),
                   refresher=redrafts, clock=FakeClock(NOW))


@pytest.fixture
def client(service: Service) -> TestClient:
    return TestClient(create_api(service, TOKEN, PORT), base_url=f"http://127.0.0.1:{PORT}",
                      headers={"Authorization": f"Bearer {TOKEN}"})


def test_the_page_and_its_files_are_served_without_the_token_under_a_strict_policy(
    client: TestClient,
) -> None:
    client.headers.pop("Authorization")
    page = client.get("/review")
    assert page.status_code == 200 and "review.js" in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "<script>" not in page.text  # no inline script: the policy forbids it
    assert client.get("/review/static/review.js").headers["content-type"].startswith(
        "text/javascript")
    assert client.get("/review/static/secrets.py").status_code == 404
    assert client.get("/review/static/..%2Fapi%2Freview.py").status_code == 404
    assert client.get("/v1/days/2026-11-02/review").status_code == 401
    assert client.post("/review").status_code == 401  # only GET of the page is open


def test_the_pages_own_origin_is_let_through_and_others_are_not(client: TestClient) -> None:
    own = client.post("/v1/entries/e-chen/release",
                      headers={"Origin": f"http://127.0.0.1:{PORT}"})
    assert own.status_code == 200
    for origin in ("http://127.0.0.1:9999", "http://evil.test", f"http://evil.test:{PORT}"):
        assert client.post("/v1/undo", headers={"Origin": origin}).status_code == 403


def test_the_day_holds_drafts_flags_and_totals_and_words_only_on_request(
    client: TestClient,
) -> None:
    view = client.get(f"/v1/days/{DAY}/review").json()
    assert [e["id"] for e in view["entries"]] == ["e-chen", "e-ortiz"]
    assert view["entries"][0]["why"][0] == "docket number 24STCV61783 on screen"
    assert [s["title"] for s in view["entries"][0]["spans"]] == [
        "Motion draft 1.docx", "Motion draft 2.docx", "Motion draft 3.docx"]
    assert {s["text"] for e in view["entries"] for s in e["spans"]} == {None}
    (flag,) = view["flags"]
    assert flag["span_ids"] == ["s6"]
    assert [(s["case_id"], s["probability"]) for s in flag["suggestions"]] == [
        (1, 0.4), (2, 0.35), (None, 0.25)]
    assert view["totals"]["drafted_hours"] == "0.50" and view["totals"]["drafts"] == 2
    words = client.get("/v1/entries/e-chen/spans", params={"text": "true"}).json()
    assert {s["text"] for s in words} == {"24STCV61783 motion"}


def test_each_action_answers_with_the_day_and_undo_takes_it_back(
    client: TestClient, store: Store, redrafts: Redrafts,
) -> None:
    edited = client.post("/v1/entries/e-chen/edit", json={"hours": "0.5"}).json()
    assert edited["entries"][0]["hours"] == "0.50" and edited["can_undo"]
    split = client.post("/v1/entries/e-chen/split", json={"span_ids": ["s3"]}).json()
    assert len(split["entries"]) == 3
    second = next(e["id"] for e in split["entries"] if e["id"] not in ("e-chen", "e-ortiz"))
    merged = client.post("/v1/entries/merge", json={"entry_ids": ["e-chen", second]}).json()
    assert len(merged["entries"]) == 2
    added = client.post(f"/v1/days/{DAY}/entries", json={
        "case_id": 2, "hours": "0.3", "activity_name": "Travel",
        "description": "Travel to court."}).json()
    assert len(added["entries"]) == 3
    client.post(f"/v1/days/{DAY}/flags/answer", json={"span_ids": ["s6"], "case_id": 1})
    assert redrafts.days == [DAY]
    assert [c.span_id for c in store.activity.corrections(7)] == ["s6"]
    released = client.post(f"/v1/days/{DAY}/release").json()
    assert {e["status"] for e in released["entries"]} == {"released"}
    back = client.post("/v1/entries/e-ortiz/unrelease").json()
    assert next(e for e in back["entries"] if e["id"] == "e-ortiz")["status"] == "draft"
    undone = client.post("/v1/undo").json()
    assert next(e for e in undone["entries"] if e["id"] == "e-ortiz")["status"] == "released"


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("post", "/v1/entries/nope/release", None, 404),
    ("post", "/v1/entries/e-chen/unrelease", None, 409),
    ("post", "/v1/undo", None, 409),
    ("post", "/v1/entries/e-chen/split", {"span_ids": ["s4"]}, 422),
    ("post", "/v1/entries/e-chen/edit", {"hours": "-1"}, 422),
    ("post", "/v1/entries/merge", {"entry_ids": ["e-chen", "e-ortiz"]}, 422),
    ("post", f"/v1/days/{DAY}/flags/answer", {"span_ids": ["s6"], "case_id": 99}, 404),
])
def test_a_refused_action_says_why_and_changes_nothing(
    client: TestClient, store: Store, method: str, path: str, body: object, status: int,
) -> None:
    before = store.entries.list(user=7)
    answer = getattr(client, method)(path, **({"json": body} if body is not None else {}))
    assert answer.status_code == status, answer.text
    assert answer.json()["detail"]
    assert store.entries.list(user=7) == before and store.activity.corrections(7) == []


def test_sync_says_when_not_connected(client: TestClient) -> None:
    assert client.post("/v1/sync").json() == {"ran": False, "error": None, "result": {}}


def test_ledes_of_released_entries_follows_the_field_list(client: TestClient) -> None:
    client.post(f"/v1/days/{DAY}/release")
    text = client.get("/v1/ledes", params={"start": str(DAY), "end": str(DAY),
                                            "invoice_number": "INV-7",
                                            "law_firm_id": "95-1234567"}).text
    items = parse_ledes(text)
    assert [i["LINE_ITEM_NUMBER_OF_UNITS"] for i in items] == ["0.30", "0.20"]
    assert {i["INVOICE_NUMBER"] for i in items} == {"INV-7"}


def test_the_admin_view_is_numbers_per_user_and_reads_other_stores_read_only(
    client: TestClient, service: Service, tmp_path: Path,
) -> None:
    with Store.open(service.settings.store.path_for(8)) as other:
        seed(other)
        other.entries.save([e.replace(user=8, status=EntryStatus.RELEASED)
                            for e in other.entries.list()])
    rows = client.get(f"/v1/admin/days/{DAY}").json()
    assert [r["user"] for r in rows] == [7, 8]
    assert all(set(r) == {"user", "day", "captured_hours", "drafted_hours", "released_hours"}
               for r in rows)
    assert rows[0]["released_hours"] == "0.00" and rows[1]["released_hours"] == "0.50"
    assert rows[0]["drafted_hours"] == "0.50" and rows[0]["captured_hours"] == "0.60"
