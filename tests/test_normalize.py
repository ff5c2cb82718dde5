import json
from decimal import Decimal

import pytest

from sync.normalize import load_firm_json, snapshot_from_firm_json
from tenths.errors import InputError
from tenths.store import Store

FIRM = {
    "format": "tenths-fixture/1",
    "firm": {"name": "Lantern & Reed LLP", "url": "https://lantern.example.test"},
    "staff": [{"id": 7, "first_name": "Rowan", "last_name": "Ames", "email": "r@example.test",
               "type": "Lawyer", "title": "Partner", "active": True, "default_hourly_rate": 400.0,
               "created_at": "2024-01-02T10:00:00Z", "updated_at": "2024-01-02T10:00:00Z"}],
    "clients": [{"id": 11, "first_name": "Dana", "last_name": "Okafor",
                 "email": "dana@example.test", "cell_phone_number": "619-555-0142",
                 "address": {"city": "San Diego", "state": "CA"}, "cases": [{"id": 1}],
                 "updated_at": "2024-03-01T00:00:00-08:00"}],
    "companies": [{"id": 21, "name": "Brightline Logistics, Inc.", "cases": [{"id": 1}],
                   "updated_at": "2024-03-01T00:00:00"}],
    "cases": [{"id": 1, "name": "Okafor v. Brightline Logistics, Inc.",
               "case_number": "24STCV01234", "status": "open", "billing_type": "hourly",
               "clients": [{"id": 11}], "companies": [{"id": 21}],
               "staff": [{"id": 7, "lead_lawyer": True, "originating_lawyer": False,
                          "case_rate": "450.0"}],
               "opened_date": "2024-03-01", "updated_at": "2024-03-01T00:00:00Z"}],
    "activity_names": ["Email", "Legal Research"],
    "time_entries": [{"id": 900, "activity_name": "Email", "description": "Call with Judge Ito",
                      "billable": True, "entry_date": "2024-04-01", "rate": "450.0",
                      "hours": 0.3, "case": {"id": 1}, "staff": {"id": 7}, "invoices": [],
                      "created_at": "2024-04-01T18:00:00Z", "updated_at": "2024-04-01T18:00:00Z"}],
}


def test_firm_json_loads_into_the_store_exactly(tmp_path):
    path = tmp_path / "firm.json"
    path.write_text(json.dumps(FIRM))
    snapshot = load_firm_json(path)
    store = Store.open()
    snapshot.save_to(store)
    [matter] = store.catalog.matters()
    assert matter.case_rate(7) == Decimal("450.0")
    assert {c.name for c in matter.contacts} == {"Dana Okafor", "Brightline Logistics, Inc."}
    [entry] = store.catalog.remote_entries()
    assert entry.rate == Decimal("450.0") and entry.hours == Decimal("0.3")
    # A timestamp without an offset is UTC, as MyCase documents.
    assert store.catalog.contacts()[("company", 21)].updated_at.hour == 0


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda f: f["cases"][0].pop("id"), "cases[0]: id: missing"),
        (lambda f: f["staff"][0].update(default_hourly_rate="lots"), "staff[0]: default_hourly_rate"),
        (lambda f: f["time_entries"][0].update(rate=None), "time_entries[0]: rate: missing"),
        (lambda f: f["time_entries"][0].update(created_at="yesterday"), "time_entries[0]: created_at"),
        (lambda f: f.update(format="other/2"), "format:"),
    ],
)
def test_a_malformed_firm_json_names_file_and_field(tmp_path, mutate, field):
    firm = json.loads(json.dumps(FIRM))
    mutate(firm)
    path = tmp_path / "firm.json"
    path.write_text(json.dumps(firm))
    with pytest.raises(InputError, match=field.replace("[", r"\[").replace("]", r"\]")) as info:
        load_firm_json(path)
    assert str(path) in str(info.value)


def test_nothing_half_written_stays_in_the_store():
    store = Store.open()
    snapshot = snapshot_from_firm_json(FIRM)
    broken = snapshot.__class__(snapshot.firm_name, snapshot.staff, snapshot.contacts,
                                snapshot.matters, snapshot.activity_names, (None,))  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        broken.save_to(store)
    assert store.catalog.staff() == {} and store.catalog.matters() == []


def test_broken_json_names_the_line(tmp_path):
    path = tmp_path / "firm.json"
    path.write_text('{\n  "format": \n}')
    with pytest.raises(InputError, match=r"firm.json:3: not JSON"):
        load_firm_json(path)
