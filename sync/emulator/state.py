"""In-memory firm state: tables of records seeded from a firm.json dict.

Records are frozen and replaced on change. Every table keeps its records in id
order (the order every list answers in) and allocates ids that are never
reused. One re-entrant lock guards the whole firm.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

JSONObject = dict[str, Any]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a `Z`, as the emulator writes every timestamp."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_timestamp(text: str) -> datetime:
    """ISO 8601; one without an offset is UTC (as MyCase reads them). Raises ValueError."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class InvalidFirm(ValueError):
    """The firm.json the emulator was seeded with is not shaped as FIXTURES.md says."""


@dataclass(frozen=True)
class ProblemItem:
    description: str
    pointer: str | None = None
    parameter: str | None = None

    def to_json(self) -> JSONObject:
        source: dict[str, str] = {}
        if self.pointer is not None:
            source["pointer"] = self.pointer
        if self.parameter is not None:
            source["parameter"] = self.parameter
        item: JSONObject = {"description": self.description}
        if source:
            item["source"] = source
        return item


class EmulatorProblem(Exception):
    """A refusal, as MyCase would answer it: a status and `errors`."""

    def __init__(self, status: int, *items: ProblemItem, headers: Mapping[str, str] = {}):
        self.status = status
        self.items = items
        self.headers = dict(headers)
        super().__init__(f"{status}: " + "; ".join(i.description for i in items))

    def to_json(self) -> JSONObject:
        return {"errors": [item.to_json() for item in self.items]}


def not_found(what: str, record_id: int | str) -> EmulatorProblem:
    return EmulatorProblem(404, ProblemItem(f"{what} {record_id} not found"))


@dataclass(frozen=True)
class Record:
    """One stored resource. `body` holds every field but id and the timestamps;
    treat it as read-only (records are replaced, never edited in place)."""

    id: int
    body: Mapping[str, Any]
    created_at: datetime
    updated_at: datetime

    @cached_property
    def json_text(self) -> str:
        """The record as compact JSON, made once (records are replaced, never edited)."""
        return json.dumps(self.to_json(), default=_json_default, separators=(",", ":"))

    def to_json(self) -> JSONObject:
        out = _copy_json(self.body)
        out["id"] = self.id
        out["created_at"] = format_timestamp(self.created_at)
        out["updated_at"] = format_timestamp(self.updated_at)
        return out


def _json_default(value: object) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _copy_json(value: Any) -> Any:
    """A copy of a JSON-shaped value (dicts, lists, scalars): deepcopy, ten times faster."""
    if isinstance(value, Mapping):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


class Table:
    """Records of one resource, by id."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._records: dict[int, Record] = {}
        self._next_id = 1
        self._order: list[int] | None = []  # ids in order; None when it must be rebuilt
        self._listed: list[Record] | None = None  # records in id order, made once per change

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._records

    def get(self, record_id: int) -> Record | None:
        return self._records.get(record_id)

    def require(self, record_id: int, what: str) -> Record:
        record = self._records.get(record_id)
        if record is None:
            raise not_found(what, record_id)
        return record

    def ordered(self) -> Iterator[Record]:
        yield from self.in_order()

    def in_order(self) -> list[Record]:
        """Every record in id order; the same list until the table changes (do not
        modify it). A listing of 50,000 entries reads it once a page."""
        if self._listed is None:
            if self._order is None:
                self._order = sorted(self._records)
            records = self._records
            self._listed = [records[i] for i in self._order if i in records]
        return self._listed

    def seed(self, raw: Mapping[str, Any], now: datetime) -> Record:
        record_id = raw.get("id")
        if not isinstance(record_id, int) or isinstance(record_id, bool) or record_id < 1:
            raise InvalidFirm(f"{self.name}: every record needs a positive integer id")
        if record_id in self._records:
            raise InvalidFirm(f"{self.name}: duplicate id {record_id}")
        created = _seed_time(raw.get("created_at"), now)
        updated = _seed_time(raw.get("updated_at"), created)
        body = {k: copy.deepcopy(v) for k, v in raw.items() if k not in _META}
        record = Record(record_id, body, created, updated)
        self._records[record_id] = record
        self._order = None
        self._listed = None
        self._next_id = max(self._next_id, record_id + 1)
        return record

    def insert(self, body: Mapping[str, Any], now: datetime) -> Record:
        record = Record(self._next_id, copy.deepcopy(dict(body)), now, now)
        self._records[record.id] = record
        if self._order is not None:
            self._order.append(record.id)  # ids only grow
        self._listed = None
        self._next_id += 1
        return record

    def update(self, record_id: int, changes: Mapping[str, Any], now: datetime) -> Record:
        old = self.require(record_id, self.name)
        body = {**copy.deepcopy(dict(old.body)), **copy.deepcopy(dict(changes))}
        for key in _META:
            body.pop(key, None)
        new = replace(old, body=body, updated_at=max(now, old.updated_at))
        self._records[record_id] = new
        self._listed = None
        return new

    def delete(self, record_id: int) -> Record:
        record = self.require(record_id, self.name)
        del self._records[record_id]
        self._order = None
        self._listed = None
        return record


_META = frozenset({"id", "created_at", "updated_at"})


def _seed_time(value: object, default: datetime) -> datetime:
    if isinstance(value, str) and value:
        return parse_timestamp(value)
    return default


@dataclass(frozen=True)
class InvoiceLink:
    """What the emulator knows about an invoice beyond InvoiceResponse."""

    entry_ids: tuple[int, ...]
    online_payable: bool


@dataclass
class FirmState:
    """The whole firm. Hold `lock` while reading or changing anything."""

    firm: JSONObject
    activity_names: list[str]
    staff: Table = field(default_factory=lambda: Table("staff"))
    cases: Table = field(default_factory=lambda: Table("case"))
    clients: Table = field(default_factory=lambda: Table("client"))
    companies: Table = field(default_factory=lambda: Table("company"))
    time_entries: Table = field(default_factory=lambda: Table("time entry"))
    invoices: Table = field(default_factory=lambda: Table("invoice"))
    subscriptions: Table = field(default_factory=lambda: Table("webhook subscription"))
    invoice_links: dict[int, InvoiceLink] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    @classmethod
    def from_firm(cls, firm: Mapping[str, Any], now: datetime) -> FirmState:
        """Seed from a firm.json object (FIXTURES.md); unknown keys are ignored."""
        info = firm.get("firm") or {}
        state = cls(
            firm={"name": info.get("name", ""), "url": info.get("url", "")},
            activity_names=[str(n) for n in firm.get("activity_names", [])],
        )
        # `invoices` is not part of tenths-fixture/1, but is honoured when present.
        for key in ("staff", "cases", "clients", "companies", "time_entries", "invoices"):
            table: Table = getattr(state, key)
            for raw in firm.get(key, []):
                table.seed(raw, now)
        for record in state.time_entries.ordered():
            if not isinstance(record.body.get("invoices", []), list):
                raise InvalidFirm(f"time entry {record.id}: invoices must be a list")
        return state

    def warm(self) -> None:
        """Render every record's JSON now rather than on its first listing."""
        with self.lock:
            for name in ("staff", "cases", "clients", "companies", "time_entries", "invoices"):
                for record in self.table(name).ordered():
                    _ = record.json_text

    def table(self, name: str) -> Table:
        tables = {
            "staff": self.staff,
            "cases": self.cases,
            "clients": self.clients,
            "companies": self.companies,
            "time_entries": self.time_entries,
            "invoices": self.invoices,
        }
        return tables[name]

    def snapshot(self) -> JSONObject:
        """The firm as a firm.json object (`tenths-fixture/1`)."""
        with self.lock:
            return {
                "format": "tenths-fixture/1",
                "firm": dict(self.firm),
                "staff": [r.to_json() for r in self.staff.ordered()],
                "clients": [r.to_json() for r in self.clients.ordered()],
                "companies": [r.to_json() for r in self.companies.ordered()],
                "cases": [r.to_json() for r in self.cases.ordered()],
                "activity_names": list(self.activity_names),
                "time_entries": [r.to_json() for r in self.time_entries.ordered()],
            }
