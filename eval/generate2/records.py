"""The generator's own records: the firm as it really is (MyCase holds only part of it)."""

from __future__ import annotations

from dataclasses import dataclass

from .names import PersonName
from .profiles import Profile


@dataclass(frozen=True)
class Staff:
    id: int
    name: PersonName
    email: str
    type: str  # "Attorney" | "Paralegal" | "Staff"
    title: str
    rate: int

    @property
    def initials(self) -> str:
        return (self.name.first[0] + self.name.last[0]).upper()


@dataclass(frozen=True)
class Client:
    id: int
    name: PersonName
    email: str
    cell: str
    address: tuple[str, str, str, str]  # street, city, state, zip


@dataclass(frozen=True)
class Company:
    id: int
    name: str
    email: str
    phone: str
    website: str
    contact: PersonName  # the person who writes to the firm; not a MyCase record
    contact_email: str


@dataclass(frozen=True)
class Party:
    """Someone MyCase does not hold: a judge, opposing counsel, adjuster, expert, witness..."""

    name: PersonName
    role: str
    org: str
    email: str
    phone: str


@dataclass(frozen=True)
class Case:
    id: int
    name: str
    number: str
    filed: bool  # the number is a court or agency number (not the firm's own file number)
    matter_no: str  # the firm's own client-matter number, used in file names and subjects
    description: str
    area: str
    stage: str
    status: str
    billing_type: str
    opened: str
    closed: str | None
    client_ids: tuple[int, ...]
    company_ids: tuple[int, ...]
    lead: int
    staff_ids: tuple[int, ...]
    handle: str  # what people call the matter in passing: "Okafor", "Bluewater"
    opponent: str
    court: str
    parties: tuple[Party, ...]  # outside parties the timekeepers have already met
    new_parties: tuple[Party, ...]  # outside parties first met during the stream
    topics: tuple[str, ...]  # research and drafting subjects for this matter
    docs: tuple[str, ...]  # document titles worked on


@dataclass(frozen=True)
class World:
    profile: Profile
    staff: tuple[Staff, ...]
    users: tuple[int, ...]  # staff ids whose screens are captured
    clients: tuple[Client, ...]
    companies: tuple[Company, ...]
    cases: tuple[Case, ...]
    counsel: tuple[Party, ...]  # opposing counsel who appear on several matters
    activity_names: tuple[str, ...]

    def case(self, case_id: int) -> Case:
        return next(c for c in self.cases if c.id == case_id)

    def staff_by_id(self, staff_id: int) -> Staff:
        return next(s for s in self.staff if s.id == staff_id)

    def client(self, client_id: int) -> Client:
        return next(c for c in self.clients if c.id == client_id)

    def company(self, company_id: int) -> Company:
        return next(c for c in self.companies if c.id == company_id)

    def contacts(self, case: Case) -> tuple[tuple[PersonName, str], ...]:
        """The client-side people on a matter and their email addresses."""
        people = [(self.client(i).name, self.client(i).email) for i in case.client_ids]
        people += [(self.company(i).contact, self.company(i).contact_email) for i in case.company_ids]
        return tuple(people)
