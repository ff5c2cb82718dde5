"""Courts, case-number formats and public web portals per jurisdiction."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Jurisdiction:
    state: str
    county: str
    cities: tuple[tuple[str, str], ...]  # (city, zip prefix)
    state_court: str
    federal_court: str
    bankruptcy_court: str
    federal_judge_initials: bool  # CA/CO case numbers end in the judge's initials
    portal_name: str
    portal_url: str
    ecf_host: str
    recorder_name: str
    recorder_url: str
    prosecutor_title: str  # "Deputy District Attorney", "Assistant State's Attorney", ...


JURISDICTIONS: dict[str, Jurisdiction] = {
    "CA": Jurisdiction(
        state="CA",
        county="Los Angeles",
        cities=(
            ("Los Angeles", "900"),
            ("Pasadena", "911"),
            ("Glendale", "912"),
            ("Long Beach", "908"),
            ("Torrance", "905"),
            ("Burbank", "915"),
        ),
        state_court="Superior Court of California, County of Los Angeles",
        federal_court="United States District Court, Central District of California",
        bankruptcy_court="United States Bankruptcy Court, Central District of California",
        federal_judge_initials=True,
        portal_name="LA Court - Case Access",
        portal_url="https://www.lacourt.org/casesummary/ui/index.aspx",
        ecf_host="ecf.cacd.uscourts.gov",
        recorder_name="Los Angeles County Registrar-Recorder - Property Document Search",
        recorder_url="https://www.lavote.gov/home/records/property-document-recording",
        prosecutor_title="Deputy District Attorney",
    ),
    "CO": Jurisdiction(
        state="CO",
        county="Denver",
        cities=(
            ("Denver", "802"),
            ("Aurora", "800"),
            ("Lakewood", "802"),
            ("Englewood", "801"),
            ("Littleton", "801"),
            ("Arvada", "800"),
        ),
        state_court="District Court, City and County of Denver, Colorado",
        federal_court="United States District Court for the District of Colorado",
        bankruptcy_court="United States Bankruptcy Court for the District of Colorado",
        federal_judge_initials=True,
        portal_name="Colorado Courts E-Filing",
        portal_url="https://www.jbits.courts.state.co.us/efiling/web/cases",
        ecf_host="ecf.cob.uscourts.gov",
        recorder_name="Denver Clerk and Recorder - Recorded Documents Search",
        recorder_url="https://denvergov.org/recorder/search",
        prosecutor_title="Deputy District Attorney",
    ),
    "IL": Jurisdiction(
        state="IL",
        county="Cook",
        cities=(
            ("Chicago", "606"),
            ("Evanston", "602"),
            ("Oak Park", "603"),
            ("Skokie", "600"),
            ("Cicero", "608"),
            ("Naperville", "605"),
        ),
        state_court="Circuit Court of Cook County, Illinois",
        federal_court="United States District Court, Northern District of Illinois",
        bankruptcy_court="United States Bankruptcy Court, Northern District of Illinois",
        federal_judge_initials=False,
        portal_name="Clerk of the Circuit Court of Cook County - Case Search",
        portal_url="https://casesearch.cookcountyclerkofcourt.org/CivilCaseSearchAPI.aspx",
        ecf_host="ecf.ilnd.uscourts.gov",
        recorder_name="Cook County Clerk - Recordings Search",
        recorder_url="https://crs.cookcountyclerkil.gov/Search",
        prosecutor_title="Assistant State's Attorney",
    ),
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def case_number(
    rng: random.Random, juris: str, court_kind: str, year: int, judge_initials: str
) -> str:
    """A case number in the format the court actually uses."""
    yy = f"{year % 100:02d}"
    if court_kind == "immigration":
        return f"A{rng.randint(201, 249)}-{_digits(rng, 3)}-{_digits(rng, 3)}"
    if court_kind == "federal":
        office = {"CA": "2", "CO": "1", "IL": "1"}[juris]
        base = f"{office}:{yy}-cv-{rng.randint(1000, 9999):05d}"
        return f"{base}-{judge_initials}" if JURISDICTIONS[juris].federal_judge_initials else base
    if court_kind == "bankruptcy":
        if juris == "CA":
            return f"2:{yy}-bk-{rng.randint(10000, 24999)}-{judge_initials[:2]}"
        if juris == "CO":
            return f"{yy}-{rng.randint(10000, 19999)} {judge_initials}"
        return f"{yy}-B-{rng.randint(1000, 19999):05d}"
    if court_kind == "agency":
        if juris == "CA":
            return f"CRD No. {year}{rng.randint(1, 12):02d}-{_digits(rng, 8)}"
        if juris == "CO":
            return f"CCRD Charge No. E{yy}{_digits(rng, 5)}"
        return f"IDHR Charge No. {year}CF{_digits(rng, 4)}"
    if juris == "CA":
        code = {"civil": "STCV", "family": "STFL", "probate": "STPB", "ud": "STUD"}
        if court_kind == "criminal":
            return f"{rng.choice(('BA', 'LA', 'SA'))}{_digits(rng, 6)}"
        return f"{yy}{code[court_kind]}{_digits(rng, 5)}"
    if juris == "CO":
        code = {"civil": "CV", "family": "DR", "probate": "PR", "ud": "C", "criminal": "CR"}
        serial = _digits(rng, 6) if court_kind == "criminal" else str(rng.randint(30000, 33999))
        return f"{year}{code[court_kind]}{serial}"
    code = {"civil": "L", "family": "D", "probate": "P", "ud": "M1", "criminal": "CR"}
    if court_kind == "criminal":
        return f"{yy}CR{_digits(rng, 5)}01"
    return f"{year}{code[court_kind]}{_digits(rng, 6)}"


def receipt_number(rng: random.Random) -> str:
    """A USCIS receipt number (three letters, ten digits)."""
    return f"{rng.choice(('IOE', 'MSC', 'NBC', 'EAC', 'WAC', 'LIN'))}{_digits(rng, 10)}"


def court_name(juris: str, court_kind: str) -> str:
    j = JURISDICTIONS[juris]
    if court_kind == "federal":
        return j.federal_court
    if court_kind == "bankruptcy":
        return j.bankruptcy_court
    if court_kind == "immigration":
        return "U.S. Citizenship and Immigration Services"
    if court_kind == "agency":
        return {
            "CA": "California Civil Rights Department",
            "CO": "Colorado Civil Rights Division",
            "IL": "Illinois Department of Human Rights",
        }[juris]
    return j.state_court
