"""The local API: only 127.0.0.1 with the install's token, no web page; typed routes."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import T0
from fastapi.testclient import TestClient
from service_support import FakeClock, screen

from app.api.build import create_api
from app.runtime import RuntimeFiles
from app.service import Service
from capture.heartbeats import SpanBuilder
from tenths.records import Attribution
from tenths.settings import Settings
from tenths.store import Store

PORT = 8123
TOKEN = "install-token"


def no_refresh(store: Store, day: object, now: object) -> None:
    return None


@pytest.fixture
def service(tmp_path: Path, store: Store) -> Service:
    settings = Settings()
    return Service(settings, 7, store, SpanBuilder(settings.capture), RuntimeFiles(tmp_path),
                   refresher=no_refresh, clock=FakeClock())


@pytest.fixture
def client(service: Service) -> TestClient:
    return TestClient(create_api(service, TOKEN, PORT), base_url=f"http://127.0.0.1:{PORT}",
                      headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.mark.parametrize("host", ["evil.test", f"evil.test:{PORT}", "127.0.0.1:9999",
                                  f"127.0.0.1.evil.test:{PORT}", ""])
def test_a_request_for_another_host_is_refused_against_dns_rebinding(
    client: TestClient, host: str
) -> None:
    answer = client.get("/v1/status", headers={"Host": host})
    assert answer.status_code == 421


def test_localhost_by_name_is_the_same_host(client: TestClient) -> None:
    assert client.get("/v1/status", headers={"Host": f"localhost:{PORT}"}).status_code == 200


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_every_request_needs_the_install_token(client: TestClient,
                                               authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    client.headers.pop("Authorization")
    answer = client.get("/v1/status", headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_web_page_is_refused_even_with_the_token_and_gets_no_cors_headers(
    client: TestClient,
) -> None:
    for method in ("GET", "OPTIONS"):
        answer = client.request(method, "/v1/status",
                                headers={"Origin": "https://evil.test",
                                         "Access-Control-Request-Method": "GET"})
        assert answer.status_code == 403
        assert not any(h.startswith("access-control-") for h in answer.headers)


def test_the_browser_extension_origin_is_let_through(client: TestClient) -> None:
    answer = client.post("/v1/heartbeats/browser",
                         headers={"Origin": "chrome-extension://abcdefghijklmnop"},
                         json={"url": "https://example.test/a", "title": "A page"})
    assert answer.json() == {"accepted": 1}


def test_pause_and_resume_take_effect_at_once(client: TestClient, service: Service) -> None:
    assert client.post("/v1/pause").json() == {"paused": True, "changed": True}
    assert service.paused and client.get("/v1/status").json()["paused"] is True
    assert client.post("/v1/heartbeats/browser",
                       json={"url": "https://example.test/", "title": "x"}).json() == {
        "accepted": 0}
    assert client.post("/v1/pause").json() == {"paused": True, "changed": False}
    assert client.post("/v1/resume").json() == {"paused": False, "changed": True}
    assert not service.paused


def test_a_days_spans_carry_the_words_on_screen_only_when_asked(
    client: TestClient, store: Store
) -> None:
    span = screen(T0, "Brief.odt", text="privileged words")
    builder = SpanBuilder(Settings().capture)
    builder.feed(span)
    store.activity.add_spans(builder.pause(T0.replace(minute=5)))
    plain = client.get("/v1/days/2026-11-02/spans").json()
    assert [(s["title"], s["text"]) for s in plain] == [("Brief.odt", None)]
    with_text = client.get("/v1/days/2026-11-02/spans", params={"text": True}).json()
    assert with_text[0]["text"] == "privileged words"
    assert client.get("/v1/days/2026-11-03/spans").json() == []
    assert client.get("/v1/days/not-a-day/spans").status_code == 422


def test_purge_now_deletes_all_raw_text_when_asked(client: TestClient, store: Store,
                                                   service: Service) -> None:
    builder = SpanBuilder(Settings().capture)
    builder.feed(screen(T0, "Brief.odt", text="privileged words"))
    store.activity.add_spans(builder.pause(T0.replace(minute=5)))
    service.clock.advance(3600)  # type: ignore[attr-defined]
    assert client.post("/v1/purge").json()["purged"] == 0  # not past 72 hours
    assert client.post("/v1/purge", json={"everything": True}).json()["purged"] == 1
    assert client.get("/v1/days/2026-11-02/spans", params={"text": True}).json()[0][
        "text"] == ""


def test_the_review_page_reads_a_days_attributions(client: TestClient, store: Store) -> None:
    builder = SpanBuilder(Settings().capture)
    builder.feed(screen(T0, "Brief.odt"))
    [span] = builder.pause(T0.replace(minute=5))
    store.activity.add_spans([span])
    store.activity.save_attributions([Attribution(span.id, 3, 0.8, False, True, ("r",), "v")])
    assert client.get("/v1/days/2026-11-02/attributions").json() == [{
        "span_id": span.id, "case_id": 3, "confidence": 0.8, "abstained": False,
        "billable": True, "reasons": ["r"], "model_version": "v"}]
    assert client.get("/v1/days/2026-11-02/entries").json() == []


def test_the_openapi_schema_documents_every_route_with_a_summary_and_typed_answers() -> None:
    schema = create_api(None, TOKEN, PORT).openapi()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) >= 9
    assert all(op.get("summary") for op in operations)
    assert "StatusOut" in schema["components"]["schemas"]
    ok = [op["responses"]["200"]["content"] for op in operations if "200" in op["responses"]]
    assert all(media.get("schema") for content in ok for media in content.values())


def test_heartbeats_from_another_local_source_need_a_time_with_its_offset(
    client: TestClient,
) -> None:
    beat = {"at": "2026-11-02T17:00:00+00:00", "app": "Writer", "kind": "document",
            "title": "Brief.odt"}
    assert client.post("/v1/heartbeats", json=[beat, beat]).json() == {"accepted": 2}
    naive = dict(beat, at="2026-11-02T17:00:00")
    answer = client.post("/v1/heartbeats", json=[naive])
    assert answer.status_code == 422 and "at:" in answer.json()["detail"]
    assert client.post("/v1/heartbeats", json=[dict(beat, kind="nonsense")]).status_code == 422
