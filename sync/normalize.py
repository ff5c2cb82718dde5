"""MyCase JSON (API answers or a fixture's firm.json) → tenths records.

This is the one normalisation path: the sync engine uses it on API pages, and
the eval harness and demo use it on ``firm.json``, so the pipeline sees the
same records whichever way the case list arrived.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from tenths.errors import InputError, RecordError
from tenths.records import Contact, Matter, MatterStaff, RemoteEntry, Staff, parse_api_time
from tenths.store import Store

T = TypeVar("T")
Json = Mapping[str, object]

FIXTURE_FORMAT = "tenths-fixture/1"


def _field(record: Json, name: str, kind: type | tuple[type, ...], required: bool = True):
    value = record.get(name)
    if value is None:
        if required:
            raise RecordError(f"{name}: missing")
        return None
    if isinstance(value, bool) and kind is int:
        raise RecordError(f"{name}: expected {kind.__name__}")
    if not isinstance(value, kind):
        raise RecordError(f"{name}: expected {getattr(kind, '__name__', kind)}")
    return value


def _text(record: Json, name: str) -> str:
    value = _field(record, name, str, required=False)
    return value or ""


def _money(value: object, name: str) -> Decimal | None:
    """MyCase money: a number or a decimal string; parsed exactly, never via float."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RecordError(f"{name}: expected a decimal amount")
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise RecordError(f"{name}: {value!r} is not a decimal amount") from exc
    if not amount.is_finite() or amount < 0:
        raise RecordError(f"{name}: {value!r} is not a valid amount")
    return amount


def _date(value: object, name: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"{name}: expected YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise RecordError(f"{name}: {value!r} is not YYYY-MM-DD") from exc


def _refs(record: Json, name: str) -> tuple[int, ...]:
    items = record.get(name) or []
    if not isinstance(items, list):
        raise RecordError(f"{name}: expected a list of {{id}}")
    ids = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), int):
            raise RecordError(f"{name}[{i}].id: expected an integer id")
        ids.append(int(item["id"]))  # type: ignore[arg-type]
    return tuple(ids)


def _updated(record: Json) -> object:
    return record.get("updated_at") or record.get("created_at")


def staff_from_api(record: Json) -> Staff:
    return Staff(
        id=_field(record, "id", int),
        first_name=_text(record, "first_name"),
        last_name=_text(record, "last_name"),
        email=_text(record, "email"),
        type=_text(record, "type"),
        title=_text(record, "title"),
        active=bool(record.get("active", True)),
        default_hourly_rate=_money(record.get("default_hourly_rate"), "default_hourly_rate"),
        updated_at=parse_api_time(_updated(record), "updated_at"),
    )


def _address(record: Json) -> str:
    address = record.get("address")
    if not isinstance(address, Mapping):
        return ""
    parts = ("address1", "address2", "city", "state", "zip_code", "country")
    return ", ".join(str(address[p]) for p in parts if address.get(p))


def _phones(record: Json, names: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(record[n]) for n in names if record.get(n))


def client_from_api(record: Json) -> Contact:
    name = " ".join(
        _text(record, n) for n in ("first_name", "middle_name", "last_name") if record.get(n)
    )
    return Contact(
        id=_field(record, "id", int),
        kind="client",
        name=name,
        email=_text(record, "email"),
        phones=_phones(
            record,
            ("cell_phone_number", "work_phone_number", "home_phone_number", "fax_phone_number"),
        ),
        address=_address(record),
        case_ids=_refs(record, "cases"),
        updated_at=parse_api_time(_updated(record), "updated_at"),
    )


def company_from_api(record: Json) -> Contact:
    return Contact(
        id=_field(record, "id", int),
        kind="company",
        name=_field(record, "name", str),
        email=_text(record, "email"),
        phones=_phones(record, ("main_phone_number", "fax_phone_number")),
        address=_address(record),
        case_ids=_refs(record, "cases"),
        updated_at=parse_api_time(_updated(record), "updated_at"),
    )


def _case_staff(record: Json) -> tuple[MatterStaff, ...]:
    items = record.get("staff") or []
    if not isinstance(items, list):
        raise RecordError("staff: expected a list")
    members = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), int):
            raise RecordError(f"staff[{i}].id: expected an integer id")
        members.append(
            MatterStaff(
                staff_id=int(item["id"]),  # type: ignore[arg-type]
                lead_lawyer=bool(item.get("lead_lawyer")),
                originating_lawyer=bool(item.get("originating_lawyer")),
                case_rate=_money(item.get("case_rate"), f"staff[{i}].case_rate"),
            )
        )
    return tuple(members)


def matter_from_api(record: Json, contacts: Mapping[tuple[str, int], Contact]) -> Matter:
    client_ids, company_ids = _refs(record, "clients"), _refs(record, "companies")
    keys = [("client", i) for i in client_ids] + [("company", i) for i in company_ids]
    return Matter(
        id=_field(record, "id", int),
        name=_field(record, "name", str),
        case_number=_text(record, "case_number"),
        description=_text(record, "description"),
        practice_area=_text(record, "practice_area"),
        case_stage=_text(record, "case_stage"),
        status=_text(record, "status") or "open",
        billing_type=_text(record, "billing_type"),
        opened_date=_date(record.get("opened_date"), "opened_date"),
        client_ids=client_ids,
        company_ids=company_ids,
        staff=_case_staff(record),
        contacts=tuple(contacts[k] for k in keys if k in contacts),
        updated_at=parse_api_time(_updated(record), "updated_at"),
    )


def entry_from_api(record: Json) -> RemoteEntry:
    case, staff = record.get("case"), record.get("staff")
    if not isinstance(case, Mapping) or not isinstance(case.get("id"), int):
        raise RecordError("case.id: expected an integer id")
    if not isinstance(staff, Mapping) or not isinstance(staff.get("id"), int):
        raise RecordError("staff.id: expected an integer id")
    hours = _money(record.get("hours"), "hours")
    rate = _money(record.get("rate"), "rate")
    entry_date = _date(record.get("entry_date"), "entry_date")
    if hours is None or rate is None or entry_date is None:
        missing = [n for n, v in (("hours", hours), ("rate", rate), ("entry_date", entry_date))
                   if v is None]
        raise RecordError(f"{missing[0]}: missing")
    created = parse_api_time(record.get("created_at"), "created_at")
    return RemoteEntry(
        id=_field(record, "id", int),
        case_id=int(case["id"]),  # type: ignore[arg-type]
        staff_id=int(staff["id"]),  # type: ignore[arg-type]
        entry_date=entry_date,
        hours=hours,
        rate=rate,
        activity_name=_text(record, "activity_name"),
        description=_text(record, "description"),
        billable=bool(record.get("billable", True)),
        invoice_ids=_refs(record, "invoices"),
        created_at=created,
        updated_at=parse_api_time(record.get("updated_at") or record.get("created_at"),
                                  "updated_at"),
    )


@dataclass(frozen=True)
class FirmSnapshot:
    """Everything a full pull from MyCase brings: the case list and history."""

    firm_name: str
    staff: tuple[Staff, ...]
    contacts: tuple[Contact, ...]
    matters: tuple[Matter, ...]
    activity_names: tuple[str, ...]
    remote_entries: tuple[RemoteEntry, ...]

    def save_to(self, store: Store) -> None:
        """Write the snapshot into the store in one transaction: all or nothing."""
        with store.transaction():
            store.catalog.save_staff(self.staff)
            store.catalog.save_contacts(self.contacts)
            store.catalog.save_matters(self.matters)
            store.catalog.save_activity_names(self.activity_names)
            store.catalog.save_remote_entries(self.remote_entries)


def _convert_all(
    items: object, key: str, convert: Callable[[Json], T], where: str
) -> tuple[T, ...]:
    if not isinstance(items, list):
        raise InputError(where, "expected an array", field=key)
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise InputError(where, "expected an object", field=f"{key}[{i}]")
        try:
            out.append(convert(item))
        except RecordError as exc:
            raise InputError(where, str(exc), field=f"{key}[{i}]") from exc
    return tuple(out)


def snapshot_from_firm_json(data: object, where: str = "firm.json") -> FirmSnapshot:
    """Normalise a ``tenths-fixture/1`` firm.json object (already parsed)."""
    if not isinstance(data, Mapping):
        raise InputError(where, "expected a JSON object")
    if data.get("format") != FIXTURE_FORMAT:
        raise InputError(where, f"expected {FIXTURE_FORMAT!r}", field="format")
    firm = data.get("firm")
    if not isinstance(firm, Mapping) or not isinstance(firm.get("name"), str):
        raise InputError(where, "expected {name, url}", field="firm")
    staff = _convert_all(data.get("staff"), "staff", staff_from_api, where)
    clients = _convert_all(data.get("clients", []), "clients", client_from_api, where)
    companies = _convert_all(data.get("companies", []), "companies", company_from_api, where)
    contacts = {(c.kind, c.id): c for c in clients + companies}
    matters = _convert_all(
        data.get("cases"), "cases", lambda r: matter_from_api(r, contacts), where
    )
    names = data.get("activity_names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise InputError(where, "expected an array of strings", field="activity_names")
    entries = _convert_all(data.get("time_entries", []), "time_entries", entry_from_api, where)
    return FirmSnapshot(str(firm["name"]), staff, clients + companies, matters, tuple(names),
                        entries)


def read_firm_json(path: Path) -> object:
    """The parsed ``firm.json`` at ``path``; InputError when it cannot be read or parsed."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not JSON ({exc.msg})", line=exc.lineno) from exc


def load_firm_json(path: Path) -> FirmSnapshot:
    return snapshot_from_firm_json(read_firm_json(path), str(path))
