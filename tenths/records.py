"""The records every stage shares: one frozen dataclass per concept.

capture/ makes ``Span``; sync/ makes ``Staff``, ``Matter`` and ``RemoteEntry``
from MyCase; pipeline/ makes ``Attribution`` and ``Entry``; the review path
makes ``Correction``. Times are UTC-aware and checked when a record is built:
a naive or missing time is rejected with an error naming the field, because a
wrong time is a wrong bill.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

from tenths.errors import RecordError


class SpanKind(StrEnum):
    """What a span is of; a member equals its plain string ("email")."""

    EMAIL = "email"
    DOCUMENT = "document"
    BROWSER = "browser"
    CALL = "call"
    MEETING = "meeting"
    CHAT = "chat"
    APP = "app"

    def __repr__(self) -> str:  # as the plain string: messages and reprs read as before
        return repr(self.value)


SPAN_KINDS = frozenset(SpanKind)


def utc(value: datetime | None, name: str) -> datetime:
    """Return ``value`` in UTC, or raise if it is missing or naive."""
    if value is None:
        raise RecordError(f"{name}: a time is required")
    if not isinstance(value, datetime):
        raise RecordError(f"{name}: expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise RecordError(f"{name}: naive time {value.isoformat()} has no UTC offset")
    return value.astimezone(UTC)


def parse_time(text: object, name: str, naive_is_utc: bool = False) -> datetime:
    """Parse an ISO 8601 time. It must carry an offset, unless ``naive_is_utc``: MyCase
    documents that its timestamps without one are UTC (MYCASE_API.md)."""
    if not isinstance(text, str) or not text:
        raise RecordError(f"{name}: expected an ISO 8601 time with an offset")
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise RecordError(f"{name}: not an ISO 8601 time") from exc
    if naive_is_utc and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return utc(value, name)


def parse_api_time(text: object, name: str) -> datetime:
    """Parse a MyCase timestamp (one without an offset is UTC)."""
    return parse_time(text, name, naive_is_utc=True)


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


@dataclass(frozen=True, slots=True)
class Span:
    """One span of on-screen activity, after heartbeats are merged and idle cut."""

    id: str
    user: int
    start: datetime
    end: datetime
    app: str
    kind: str
    window_title: str
    text: str
    url: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise RecordError("id: a span needs an id")
        _set(self, "start", utc(self.start, "start"))
        _set(self, "end", utc(self.end, "end"))
        if self.end <= self.start:
            raise RecordError("end: must be after start")
        if self.kind not in SPAN_KINDS:
            raise RecordError(f"kind: {self.kind!r} is not one of {sorted(SPAN_KINDS)}")
        _set(self, "kind", SpanKind(self.kind))

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True, slots=True)
class Staff:
    id: int
    first_name: str
    last_name: str
    email: str
    type: str
    title: str
    active: bool
    default_hourly_rate: Decimal | None
    updated_at: datetime

    def __post_init__(self) -> None:
        _set(self, "updated_at", utc(self.updated_at, "updated_at"))

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Contact:
    """A MyCase client (person) or company, as far as matching needs it."""

    id: int
    kind: str  # "client" | "company"
    name: str
    email: str
    phones: tuple[str, ...]
    address: str
    case_ids: tuple[int, ...]
    updated_at: datetime

    def __post_init__(self) -> None:
        _set(self, "updated_at", utc(self.updated_at, "updated_at"))


@dataclass(frozen=True, slots=True)
class MatterStaff:
    staff_id: int
    lead_lawyer: bool
    originating_lawyer: bool
    case_rate: Decimal | None


@dataclass(frozen=True, slots=True)
class Matter:
    """A MyCase case with its clients and companies folded in."""

    id: int
    name: str
    case_number: str
    description: str
    practice_area: str
    case_stage: str
    status: str
    billing_type: str
    opened_date: date | None
    client_ids: tuple[int, ...]
    company_ids: tuple[int, ...]
    staff: tuple[MatterStaff, ...]
    contacts: tuple[Contact, ...]  # the clients and companies above, where known
    updated_at: datetime

    def __post_init__(self) -> None:
        _set(self, "updated_at", utc(self.updated_at, "updated_at"))

    @property
    def staff_ids(self) -> frozenset[int]:
        return frozenset(s.staff_id for s in self.staff)

    def case_rate(self, staff_id: int) -> Decimal | None:
        for member in self.staff:
            if member.staff_id == staff_id:
                return member.case_rate
        return None


@dataclass(frozen=True, slots=True)
class RemoteEntry:
    """A time entry as MyCase holds it (TimeEntryResponse)."""

    id: int
    case_id: int
    staff_id: int
    entry_date: date
    hours: Decimal
    rate: Decimal
    activity_name: str
    description: str
    billable: bool
    invoice_ids: tuple[int, ...]
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        _set(self, "created_at", utc(self.created_at, "created_at"))
        _set(self, "updated_at", utc(self.updated_at, "updated_at"))

    @property
    def invoiced(self) -> bool:
        return bool(self.invoice_ids)


REVIEWED = "review"  # the model_version of an attribution a timekeeper set at review


@dataclass(frozen=True, slots=True)
class Attribution:
    """Which matter a span belongs to, or an honest abstention."""

    span_id: str
    case_id: int | None
    confidence: float
    abstained: bool
    billable: bool
    reasons: tuple[str, ...] = ()
    model_version: str = ""
    # The best matters the pipeline weighed, with their probabilities, best first (at
    # most three): what a "which matter?" flag offers at review. None stands for "no
    # matter" (personal or firm time).
    candidates: tuple[tuple[int | None, float], ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise RecordError(f"confidence: {self.confidence} is outside [0, 1]")
        if self.abstained and self.case_id is not None:
            raise RecordError("case_id: an abstention names no case")
        _set(self, "candidates", tuple(
            (None if c is None else int(c), float(p)) for c, p in self.candidates))
        if any(not 0.0 <= p <= 1.0 for _, p in self.candidates):
            raise RecordError("candidates: a probability is outside [0, 1]")

    @property
    def predicted_case(self) -> int | None:
        """The case the span is billed to (None when abstained or non-matter)."""
        return None if self.abstained else self.case_id


@dataclass(frozen=True, slots=True)
class Correction:
    """A timekeeper's answer at review: the span belongs to ``to_case_id``.

    When the span was attributed in the attributor's last day, the correction keeps
    what the combiner weighed (candidate case ids, one feature row each, the "no
    matter" boost) and the names of the features, so the data team can retrain
    on it; otherwise these are None. Never any captured text.
    """

    id: str
    span_id: str
    user: int
    from_case_id: int | None
    to_case_id: int | None
    made_at: datetime
    undone: bool = False
    candidates: tuple[int, ...] | None = None
    features: tuple[tuple[float, ...], ...] | None = None
    none_boost: float | None = None
    feature_names: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        _set(self, "made_at", utc(self.made_at, "made_at"))
        if self.candidates is not None:
            _set(self, "candidates", tuple(int(c) for c in self.candidates))
        if self.features is not None:
            _set(self, "features", tuple(tuple(float(x) for x in row) for row in self.features))
        if self.feature_names is not None:
            _set(self, "feature_names", tuple(self.feature_names))
        if (self.candidates is None) != (self.features is None):
            raise RecordError("features: candidates and their feature rows come together")
        if self.features is not None and len(self.features) != len(self.candidates or ()):
            raise RecordError("features: one feature row per candidate")


class EntryStatus(StrEnum):
    DRAFT = "draft"
    RELEASED = "released"  # the lawyer released it; sync pushes it
    SYNCED = "synced"  # MyCase holds it under remote_id
    INVOICED = "invoiced"  # frozen: MyCase billed it


@dataclass(frozen=True, slots=True)
class Entry:
    """A drafted time entry: one matter, one day, one timekeeper, one activity."""

    id: str
    user: int
    case_id: int
    entry_date: date
    worked_seconds: int
    hours: Decimal
    rate: Decimal
    activity_name: str
    description: str
    billable: bool
    span_ids: tuple[str, ...]
    status: EntryStatus = EntryStatus.DRAFT
    remote_id: int | None = None
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    edited: bool = False  # the lawyer changed it by hand: drafting again leaves it alone
    task_code: str = ""  # UTBMS task code (L-series), kept locally for LEDES; not in MyCase
    activity_code: str = ""  # UTBMS activity code (A101-A111), likewise

    def __post_init__(self) -> None:
        _set(self, "updated_at", utc(self.updated_at, "updated_at"))
        if self.hours < 0:
            raise RecordError("hours: must not be negative")
        _set(self, "status", EntryStatus(self.status))

    @property
    def settled(self) -> bool:
        """Released, synced, invoiced, or edited by hand: drafting again never touches it."""
        return self.status is not EntryStatus.DRAFT or self.edited

    def replace(self, **changes: object) -> Entry:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
