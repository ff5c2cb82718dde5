"""The generator's own records: who is who, and what each matter is about.

These carry more than MyCase holds (judges, opposing counsel, outside
parties); ``firm.py`` turns the MyCase part into firm.json records and the
stream uses the rest to write what appears on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .names import NameRegistry


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str
    phone: str
    org: str = ""  # employer (law firm, insurer, court, ...)
    role: str = ""  # e.g. "adjuster", "opposing counsel", "judge"
    honorific: str = ""  # "Dr.", "Hon.", ...

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def formal(self) -> str:
        return f"{self.honorific} {self.full}".strip()


@dataclass(frozen=True)
class StaffMember:
    id: int
    first: str
    last: str
    email: str
    phone: str
    type: str  # "Attorney" | "Paralegal" | "Staff"
    title: str
    rate: float
    user_dir: str  # the Windows user folder name

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Matter:
    case_id: int
    area: str  # practice.AREAS key
    name: str  # the MyCase case name (caption)
    short: str  # how people refer to it in passing ("Okafor v. Brightline")
    case_number: str  # "" when no court case exists
    court_kind: str
    court: str
    matter_no: str  # the firm's internal number, e.g. "2024-0113"
    opened: dt.date
    folder: str  # the matter folder name per the firm's path habit
    client: Person  # the client, or the company's contact person
    client_company: str  # "" for a person client
    opposing: str  # opposing party as written in documents, "" if none
    opposing_short: str
    oc: Person | None  # opposing counsel / prosecutor
    judge: Person | None
    history_parties: tuple[Person, ...]  # outside parties named in earlier entries
    detail: str  # a matter-specific fact from the case description
    staff_ids: tuple[int, ...]
    lead_id: int
    open: bool
    two_matters: bool  # the client has another matter at the firm
    shared_surname: bool  # another, unrelated client has the same surname
    topics: tuple[str, ...]
    docs: tuple[str, ...]

    @property
    def area_label(self) -> str:
        from .practice import AREAS

        return AREAS[self.area].name

    @property
    def client_display(self) -> str:
        return self.client_company or self.client.full

    @property
    def client_last(self) -> str:
        """The word people use for the client in subjects and folders."""
        if self.client_company:
            return self.client_company.split(",")[0].split(" ")[0]
        return self.client.last


@dataclass
class World:
    firm_name: str
    firm_domain: str
    firm_address: str
    firm_phone: str
    staff: list[StaffMember]
    timekeepers: list[int]
    matters: list[Matter]
    firm_json: dict[str, object] = field(default_factory=dict)
    registry: NameRegistry | None = None  # to invent parties that appear mid-stream

    def matter(self, case_id: int) -> Matter:
        for m in self.matters:
            if m.case_id == case_id:
                return m
        raise KeyError(case_id)

    def staff_member(self, staff_id: int) -> StaffMember:
        for s in self.staff:
            if s.id == staff_id:
                return s
        raise KeyError(staff_id)
