"""Contract: writing to MyCase, rate limits, faults and webhooks.

Every test runs against each implementation: the emulator in-process and over HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from mycase_support import ASSOCIATE, PARALEGAL, PARTNER, Target, small_firm

from sync.client import MyCaseClient, TimeEntryRequest, parse_delivery, parse_money
from sync.client.webhooks import SIGNATURE_HEADER
from sync.emulator import EmulatorSettings, FaultSettings
from sync.errors import (
    CreateOutcomeUnknown,
    RateLimited,
    ServerError,
    UnexpectedAnswer,
    ValidationFailed,
)


def request(description: str = "drafted motion", staff_id: int = PARTNER) -> TimeEntryRequest:
    return TimeEntryRequest(
        case_id=101,
        staff_id=staff_id,
        entry_date=date(2026, 5, 4),
        hours=Decimal("1.3"),
        rate=Decimal(500),
        activity_name="Drafting",
        description=description,
    )


def entries_described(target: Target, description: str) -> list[int]:
    snapshot = target.emulator.admin.snapshot()
    return [e["id"] for e in snapshot["time_entries"] if e["description"] == description]


def test_create_answers_201_with_rate_as_string(client: MyCaseClient) -> None:
    created = client.create_time_entry(request())
    assert created["rate"] == "500.0" and parse_money(created["rate"]) == Decimal(500)
    assert created["hours"] == 1.3 and created["invoices"] == []
    assert created["case"] == {"id": 101} and created["staff"] == {"id": PARTNER}
    assert client.get_time_entry(created["id"]) == created
    assert created["id"] > 1005  # ids are allocated past the seeded ones


def test_firm_level_connection_posts_for_other_staff(client: MyCaseClient) -> None:
    created = client.create_time_entry(request(staff_id=PARALEGAL))
    assert created["staff"] == {"id": PARALEGAL} and client.me()["id"] == PARTNER


def test_invalid_entry_is_422_with_pointers(client: MyCaseClient) -> None:
    with pytest.raises(ValidationFailed) as missing:
        client.create_time_entry({"description": "no fields"})
    pointers = {e.pointer for e in missing.value.errors}
    assert pointers == {"/activity_name", "/entry_date", "/rate", "/hours", "/case", "/staff"}
    with pytest.raises(ValidationFailed) as unknown:
        client.create_time_entry({**request().to_json(), "case": {"id": 999}, "rate": "450.0"})
    assert {e.pointer for e in unknown.value.errors} == {"/case", "/rate"}


def test_malformed_json_is_400(target: Target) -> None:
    with target.raw() as http:
        answer = http.post(
            f"{target.api_url}/time_entries",
            content=b"{not json",
            headers={**target.bearer(), "Content-Type": "application/json"},
        )
    assert answer.status_code == 400 and answer.json()["errors"][0]["description"]


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_time_entries_have_no_put_or_patch(target: Target, method: str) -> None:
    with target.raw() as http:
        answer = http.request(
            method,
            f"{target.api_url}/time_entries/1001",
            json={"hours": 2},
            headers=target.bearer(),
        )
    assert answer.status_code == 405
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "DELETE"}


def test_delete_answers_204(target: Target, client: MyCaseClient) -> None:
    with target.raw() as http:
        answer = http.delete(f"{target.api_url}/time_entries/1002", headers=target.bearer())
    assert answer.status_code == 204 and answer.content == b""
    assert client.delete_time_entry(1001) is True
    assert [e["id"] for e in client.time_entries()] == [1003, 1004, 1005]


def test_delete_of_invoiced_entry_is_refused_unless_draft(
    target: Target, client: MyCaseClient
) -> None:
    admin = target.emulator.admin
    sent = admin.create_invoice([1001], status="sent")
    draft = admin.create_invoice([1003], status="draft")
    with pytest.raises(ValidationFailed):
        client.delete_time_entry(1001)
    assert client.get_time_entry(1001)["invoices"] == [{"id": sent["id"]}]
    assert client.delete_time_entry(1003) is True
    admin.set_invoice_status(draft["id"], "sent")


def test_invoiced_delete_allowed_when_setting_says_so(
    make_target: Callable[..., Target], make_client: Callable[..., MyCaseClient]
) -> None:
    target = make_target(EmulatorSettings(refuse_delete_invoiced=False))
    client = make_client(target)
    target.emulator.admin.create_invoice([1001], status="paid")
    assert client.delete_time_entry(1001) is True


def test_lost_post_answer_raises_outcome_unknown_but_entry_exists(
    target: Target, client: MyCaseClient
) -> None:
    target.emulator.admin.arm_faults(lost_answers=1)
    served = target.emulator.requests_served
    with pytest.raises(CreateOutcomeUnknown) as lost:
        client.create_time_entry(request("lost answer"))
    # In-process the transport times out; over HTTP the server hangs up.
    assert lost.value.cause in {"ReadTimeout", "RemoteProtocolError"}
    assert target.emulator.requests_served - served == 1  # never retried blindly
    ids = entries_described(target, "lost answer")
    assert len(ids) == 1
    assert ids[0] in [e["id"] for e in client.time_entries()]  # the engine can find it


def test_lost_delete_answer_is_retried_and_404_counts_as_done(
    target: Target, client: MyCaseClient
) -> None:
    target.emulator.admin.arm_faults(lost_answers=1)
    assert client.delete_time_entry(1004) is False
    assert 1004 not in [e["id"] for e in client.time_entries()]


def test_server_error_burst_is_retried_for_get(target: Target, client: MyCaseClient) -> None:
    target.emulator.admin.arm_faults(server_errors=3)
    assert [e["id"] for e in client.time_entries()] == [1001, 1002, 1003, 1004, 1005]
    assert len(target.clock.slept) >= 3
    target.emulator.admin.arm_faults(server_errors=10)
    with pytest.raises(ServerError) as gave_up:
        client.me()
    assert gave_up.value.status == 500


def test_server_error_on_post_is_outcome_unknown(target: Target, client: MyCaseClient) -> None:
    target.emulator.admin.arm_faults(server_errors=1)
    with pytest.raises(CreateOutcomeUnknown):
        client.create_time_entry(request("5xx"))


def test_maintenance_is_503(target: Target, client: MyCaseClient) -> None:
    target.emulator.admin.arm_faults(maintenance=True)
    with pytest.raises(ServerError) as down:
        client.firm()
    assert down.value.status == 503
    target.emulator.admin.arm_faults(maintenance=False)
    assert client.firm()["name"]


def test_post_refused_with_429_is_retried(target: Target, client: MyCaseClient) -> None:
    target.emulator.admin.arm_faults(too_many_requests=2)
    created = client.create_time_entry(request("after 429"))
    assert entries_described(target, "after 429") == [created["id"]]


@pytest.mark.parametrize("retry_after", [True, False], ids=["retry-after", "no-retry-after"])
def test_rate_limit_backs_off_and_completes(
    make_target: Callable[..., Target],
    make_client: Callable[..., MyCaseClient],
    retry_after: bool,
) -> None:
    target = make_target(EmulatorSettings(send_retry_after=retry_after))
    client = make_client(target, requests_per_second=1000.0, burst=1000)  # no client pacing
    served = target.emulator.requests_served
    for _ in range(60):
        assert client.me()["id"] == PARTNER
    extra = target.emulator.requests_served - served - 60
    assert extra > 0  # some answers were 429 and were retried
    if retry_after:
        assert max(target.clock.slept) >= 1.0


def test_rate_limit_gives_up_eventually(target: Target, client: MyCaseClient) -> None:
    target.emulator.admin.arm_faults(too_many_requests=100)
    with pytest.raises(RateLimited):
        client.firm()


def test_client_pacing_stays_under_the_limit(target: Target, client: MyCaseClient) -> None:
    served = target.emulator.requests_served
    for _ in range(100):
        client.firm()
    assert target.emulator.requests_served - served == 100  # not one 429
    assert target.clock.monotonic() >= 4.0  # 100 requests at 20 a second


def test_webhooks_are_signed(target: Target, client: MyCaseClient) -> None:
    sub = client.create_webhook_subscription("case", "http://127.0.0.1:9/hook", ("updated",))
    assert sub["hmac_key"] and [s["id"] for s in client.webhook_subscriptions()] == [sub["id"]]
    admin = target.emulator.admin
    admin.upsert("cases", {"name": "New matter", "status": "open"})  # "created": not subscribed
    admin.set_case_rate(101, ASSOCIATE, "350.0")
    assert len(target.deliveries) == 1
    delivery = target.deliveries[0]
    assert delivery.url == "http://127.0.0.1:9/hook"
    event = parse_delivery(sub["hmac_key"], delivery.body, delivery.headers[SIGNATURE_HEADER])
    assert (event.resource, event.action, event.resource_id) == ("case", "updated", 101)
    assert {
        "id": ASSOCIATE,
        "lead_lawyer": False,
        "originating_lawyer": False,
        "case_rate": "350.0",
    } in event.resource_body["staff"]
    with pytest.raises(UnexpectedAnswer):
        parse_delivery("wrong key", delivery.body, delivery.headers[SIGNATURE_HEADER])
    assert json.loads(delivery.body)["resource"] == "case"
    assert client.delete_webhook_subscription(sub["id"]) is True
    admin.set_case_rate(101, ASSOCIATE, None)
    assert len(target.deliveries) == 1


def test_webhook_subscription_validation(client: MyCaseClient) -> None:
    with pytest.raises(ValidationFailed) as refused:
        client.create_webhook_subscription("time_entry", "http://127.0.0.1:9/x")
    assert refused.value.errors[0].pointer == "/model"


def test_admin_edit_keeps_id_and_moves_updated_at(target: Target, client: MyCaseClient) -> None:
    before = client.get_time_entry(1003)
    target.clock.advance(60)
    after = target.emulator.admin.edit_time_entry(1003, {"description": "revised", "rate": 475.5})
    assert after["id"] == 1003 and after["rate"] == "475.5"
    assert (
        after["updated_at"] > before["updated_at"] and after["created_at"] == before["created_at"]
    )
    assert client.get_time_entry(1003)["description"] == "revised"


def test_probabilistic_faults_are_seeded(
    make_target: Callable[..., Target], make_client: Callable[..., MyCaseClient]
) -> None:
    settings = EmulatorSettings(faults=FaultSettings(seed=3, server_error_probability=0.3))
    counts = []
    for _ in range(2):
        target = make_target(settings)
        client = make_client(target)
        served = target.emulator.requests_served
        for _ in range(20):
            client.firm()
        counts.append(target.emulator.requests_served - served)
    assert counts[0] == counts[1] > 20


def test_entry_billed_before_seeding_is_frozen(
    make_target: Callable[..., Target], make_client: Callable[..., MyCaseClient]
) -> None:
    firm = small_firm()
    firm["time_entries"][0]["invoices"] = [{"id": 77}]  # an invoice the firm.json does not list
    target = make_target(firm=firm)
    client = make_client(target)
    with pytest.raises(ValidationFailed):
        client.delete_time_entry(1001)
