"""Contract: reading from MyCase (lists, paging, filters, auth, errors).

Every test runs against each implementation: the emulator in-process and over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from mycase_support import ASSOCIATE, FORMER, PARALEGAL, PARTNER, REDIRECT_URI, Target

from sync.client import MemoryTokenStore, MyCaseClient
from sync.emulator import EmulatorProblem, EmulatorSettings
from sync.errors import (
    BadRequest,
    NotFound,
    PageTokenExpired,
    PermissionDenied,
    ReauthorizationRequired,
)


def add_entries(target: Target, count: int, case_id: int = 101) -> list[int]:
    return [
        target.emulator.admin.add_time_entry(
            {
                "activity_name": "Drafting",
                "entry_date": "2026-05-04",
                "rate": 300,
                "hours": 0.2,
                "case": {"id": case_id},
                "staff": {"id": ASSOCIATE},
                "description": f"extra {n}",
            }
        )["id"]
        for n in range(count)
    ]


def test_firm_and_me(client: MyCaseClient) -> None:
    assert client.firm() == {"name": "Test & Test LLP", "url": "https://test.example"}
    me = client.me()
    assert me["id"] == PARTNER and me["default_hourly_rate"] == 450.0


def test_list_pages_carry_link_and_item_count(target: Target) -> None:
    add_entries(target, 55)  # 60 in all
    with target.raw() as http:
        first = http.get(f"{target.api_url}/time_entries", headers=target.bearer())
        assert first.status_code == 200
        assert isinstance(first.json(), list) and len(first.json()) == 25  # default page_size
        assert first.headers["Item-Count"] == "60"
        next_url = first.links["next"]["url"]
        query = parse_qs(urlsplit(next_url).query)
        assert set(query) == {"page_size", "page_token"} and query["page_size"] == ["25"]
        ids = [e["id"] for e in first.json()]
        while next_url:
            page = http.get(next_url, headers=target.bearer())
            ids += [e["id"] for e in page.json()]
            next_url = page.links.get("next", {}).get("url")
        last = page
    assert "Link" not in last.headers
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == 60


def test_client_follows_pages_to_the_end(
    target: Target, make_client: Callable[..., MyCaseClient]
) -> None:
    add_entries(target, 12)
    client = make_client(target)
    listing = client.time_entries(page_size=5)
    ids = [e["id"] for e in listing]
    assert len(ids) == 17 and ids == sorted(ids)
    assert listing.item_count == 17 and listing.pages == 4 and listing.restarts == 0


def test_page_size_bounds(target: Target) -> None:
    with target.raw() as http:
        url = f"{target.api_url}/time_entries"
        assert http.get(url, params={"page_size": 1000}, headers=target.bearer()).status_code == 200
        refused = http.get(url, params={"page_size": 1001}, headers=target.bearer())
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["source"] == {"parameter": "page_size"}


def test_updated_after_is_inclusive(target: Target, client: MyCaseClient) -> None:
    target.clock.advance(timedelta(hours=1))
    moment = target.clock.now()
    edited = target.emulator.admin.edit_time_entry(1002, {"hours": 0.4})
    assert edited["id"] == 1002 and edited["updated_at"] != edited["created_at"]
    at = [e["id"] for e in client.time_entries(updated_after=moment)]
    after = [e["id"] for e in client.time_entries(updated_after=moment + timedelta(microseconds=1))]
    before = [e["id"] for e in client.time_entries(updated_after=moment - timedelta(seconds=1))]
    assert at == [1002] and after == [] and before == [1002]


def test_bad_filters_are_refused_naming_the_parameter(client: MyCaseClient) -> None:
    with pytest.raises(BadRequest) as bad_value:
        list(client.cases(status="pending"))
    assert bad_value.value.errors[0].parameter == "filter[status]"
    with pytest.raises(BadRequest) as no_such_filter:
        list(client._list("/time_entries", 10, status="open"))
    assert no_such_filter.value.errors[0].parameter == "filter[status]"


def test_bad_timestamp_filter(target: Target) -> None:
    with target.raw() as http:
        answer = http.get(
            f"{target.api_url}/cases",
            params={"filter[updated_after]": "yesterday"},
            headers=target.bearer(),
        )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["source"]["parameter"] == "filter[updated_after]"


def test_status_filters(client: MyCaseClient) -> None:
    assert [s["id"] for s in client.staff(status="active")] == [PARTNER, ASSOCIATE, PARALEGAL]
    assert [s["id"] for s in client.staff(status="inactive")] == [FORMER]
    assert [c["id"] for c in client.cases(status="closed")] == [103]
    assert [c["id"] for c in client.clients()] == [11, 12]
    assert client.get_company(21)["name"] == "Acme Corp"


def test_unknown_ids_are_404(target: Target, client: MyCaseClient) -> None:
    with pytest.raises(NotFound):
        client.get_time_entry(999_999)
    with pytest.raises(NotFound):
        client.get_case(999)
    with target.raw() as http:
        assert http.get(f"{target.api_url}/nothing", headers=target.bearer()).status_code == 404


def test_requests_without_valid_token_are_401(target: Target) -> None:
    with target.raw() as http:
        assert http.get(f"{target.api_url}/me").status_code == 401
        bad = http.get(f"{target.api_url}/me", headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401
        headers = target.bearer()
        target.clock.advance(timedelta(hours=24))
        assert http.get(f"{target.api_url}/me", headers=headers).status_code == 401


def test_login_redirects_with_code_and_state(
    target: Target, make_client: Callable[..., MyCaseClient]
) -> None:
    client = make_client(target, staff_id=None)
    target.emulator.admin.set_login_user(ASSOCIATE)
    with target.raw() as http:
        answer = http.get(client.authorization_url(state="xyz"))
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?")
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == ["xyz"]
    tokens = client.exchange_code(query["code"][0])
    assert tokens.firm_uuid and tokens.expires_at == target.clock.now() + timedelta(hours=24)
    assert client.me()["id"] == ASSOCIATE
    with pytest.raises(ReauthorizationRequired):
        client.exchange_code(query["code"][0])  # codes are single use


def test_expired_access_token_refreshes_once_and_rotates(
    target: Target, make_client: Callable[..., MyCaseClient]
) -> None:
    store = MemoryTokenStore()
    client = make_client(target, store=store)
    old = store.load()
    assert old is not None
    target.emulator.admin.expire_access_tokens()  # the server says 401 before we expect it
    served = target.emulator.requests_served
    assert client.me()["id"] == PARTNER
    assert target.emulator.requests_served - served == 3  # 401, POST /tokens, retry
    new = store.load()
    assert new is not None and client.session.refreshes == 1
    assert new.refresh_token != old.refresh_token and new.firm_uuid == old.firm_uuid
    with target.raw() as http:  # the old refresh token is dead
        reuse = http.post(
            f"{target.auth_url}/tokens",
            json={
                "grant_type": "refresh_token",
                "refresh_token": old.refresh_token,
                "client_id": "tenths",
                "client_secret": "tenths-secret",
            },
        )
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    assert "firm_uuid" not in http_refresh(target, new.refresh_token)


def http_refresh(target: Target, refresh_token: str) -> dict[str, object]:
    with target.raw() as http:
        answer = http.post(
            f"{target.auth_url}/tokens",
            json={
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": "tenths",
                "client_secret": "tenths-secret",
            },
        )
    assert answer.status_code == 200
    body: dict[str, object] = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 86400
    return body


def test_access_token_refreshed_ahead_of_expiry(target: Target, client: MyCaseClient) -> None:
    target.clock.advance(timedelta(hours=24))
    served = target.emulator.requests_served
    assert client.me()["id"] == PARTNER
    assert target.emulator.requests_served - served == 2  # POST /tokens, GET: no 401 round trip


def test_expired_refresh_token_needs_a_new_login(target: Target, client: MyCaseClient) -> None:
    target.clock.advance(timedelta(weeks=2, seconds=1))
    with pytest.raises(ReauthorizationRequired):
        client.me()


def test_user_without_billing_permission_is_forbidden(
    target: Target, make_client: Callable[..., MyCaseClient]
) -> None:
    target.emulator.admin.set_billing_permission(PARALEGAL, False)
    target.emulator.admin.set_login_user(PARALEGAL)
    client = make_client(target, staff_id=None)
    with target.raw() as http:
        assert http.get(client.authorization_url()).status_code == 403
    with pytest.raises(EmulatorProblem) as refused:
        target.emulator.admin.authorize(PARALEGAL, REDIRECT_URI)
    assert refused.value.status == 403
    # Permission withdrawn after connecting: the API answers 403.
    connected = make_client(target, staff_id=ASSOCIATE)
    target.emulator.admin.set_billing_permission(ASSOCIATE, False)
    with pytest.raises(PermissionDenied):
        connected.me()


def test_inactive_staff_cannot_connect(target: Target) -> None:
    with pytest.raises(EmulatorProblem) as refused:
        target.emulator.admin.issue_tokens(FORMER)
    assert refused.value.status == 403


@pytest.mark.parametrize("expired_status", [410, 400, 422])
def test_expired_page_token_restarts_the_listing(
    make_target: Callable[..., Target],
    make_client: Callable[..., MyCaseClient],
    expired_status: int,
) -> None:
    target = make_target(EmulatorSettings(expired_page_token_status=expired_status))
    client = make_client(target)
    listing = client.time_entries(page_size=2)
    ids = [next(listing)["id"], next(listing)["id"]]
    target.clock.advance(timedelta(days=3))  # the token for page 2 is now 3 days old
    ids += [e["id"] for e in listing]
    assert ids == [1001, 1002, 1003, 1004, 1005]
    assert listing.restarts == 1


def test_expired_page_token_answer(make_target: Callable[..., Target]) -> None:
    target = make_target()
    with target.raw() as http:
        headers = target.bearer()
        first = http.get(f"{target.api_url}/time_entries", params={"page_size": 2}, headers=headers)
        target.clock.advance(timedelta(days=3))
        headers = target.bearer()
        expired = http.get(first.links["next"]["url"], headers=headers)
        unknown = http.get(
            f"{target.api_url}/time_entries", params={"page_token": "zzz"}, headers=headers
        )
    assert expired.status_code == 410
    assert expired.json()["errors"][0]["source"] == {"parameter": "page_token"}
    assert unknown.status_code == 400


def test_page_token_fault_restarts_and_gives_up(target: Target, client: MyCaseClient) -> None:
    target.emulator.admin.arm_faults(expired_page_tokens=1)
    listing = client.time_entries(page_size=2)
    assert [e["id"] for e in listing] == [1001, 1002, 1003, 1004, 1005]
    assert listing.restarts == 1
    target.emulator.admin.arm_faults(expired_page_tokens=10)
    with pytest.raises(PageTokenExpired):
        list(client.time_entries(page_size=2))


def test_invoices_hide_those_not_payable_online(target: Target, client: MyCaseClient) -> None:
    admin = target.emulator.admin
    online = admin.create_invoice([1001], status="sent")
    offline = admin.create_invoice([1003], status="sent", online_payable=False)
    assert [i["id"] for i in client.invoices()] == [online["id"], offline["id"]]
    assert [i["id"] for i in client.invoices(only_online_payable=True)] == [online["id"]]
    assert client.get_time_entry(1001)["invoices"] == [{"id": online["id"]}]
