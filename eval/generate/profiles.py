"""The firm profiles: practice mix, naming habits, noise and staffing.

``harbor`` and ``summit`` are for tuning; ``cove`` and ``ridge`` only add
training data (other mixes of the tuning firms' naming habits, other noise,
a daylight-saving change inside the stream); ``juniper`` is held out and must
never be tuned on, so no other profile borrows its matter-number habit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    seed: int  # the seed the committed fixture was generated with
    jurisdiction: str  # key into courts.JURISDICTIONS
    std_offset_hours: int  # UTC offset in standard time (US DST rules applied)
    start: dt.date  # a Monday; the stream covers two Mon-Fri weeks
    practice_mix: tuple[tuple[str, float], ...]  # (area key, weight)
    n_cases: int
    n_attorneys: int
    n_paralegals: int
    n_assistants: int
    n_timekeepers: int
    subject_habit: str  # "case_number" | "last_name" | "matter_number"
    path_habit: str  # "client_folder" | "last_first" | "matter_number"
    user_dir_style: str  # how the Windows user folder is named: "initials" | "first.last"
    ocr_rate: float  # fraction of spans whose text is OCR-damaged
    ocr_intensity: float  # per-token damage probability within a damaged span
    trunc_rate: float  # fraction of spans cut short
    mean_span_minutes: float
    day_start: tuple[int, int]  # earliest (hour, minute) of a working day
    day_hours: float  # typical length of a working day
    offmatter_rate: float  # probability a block is personal or firm-internal
    n_new_parties: int
    n_history_entries: int
    area_codes: tuple[str, ...]
    cue_weights: tuple[tuple[str, float], ...]


_COMMON_CUES: tuple[tuple[str, float], ...] = (
    ("case_number", 0.10),
    ("caption", 0.11),
    ("client_name", 0.13),
    ("client_last_name", 0.08),
    ("client_email", 0.10),
    ("client_phone", 0.04),
    ("opposing_party", 0.09),
    ("opposing_counsel", 0.07),
    ("judge", 0.04),
    ("file_path", 0.09),
    ("history_party", 0.06),
    ("matter_detail", 0.06),
    ("mycase_page", 0.03),
)


def _reweight(
    base: tuple[tuple[str, float], ...], **changes: float
) -> tuple[tuple[str, float], ...]:
    return tuple((cue, changes.get(cue, w)) for cue, w in base)


PROFILES: dict[str, Profile] = {
    "harbor": Profile(
        name="harbor",
        seed=1101,
        jurisdiction="CA",
        std_offset_hours=-8,
        start=dt.date(2024, 11, 4),
        practice_mix=(
            ("pi", 0.34),
            ("family", 0.16),
            ("employment", 0.16),
            ("business", 0.12),
            ("probate", 0.12),
            ("realestate", 0.10),
        ),
        n_cases=82,
        n_attorneys=5,
        n_paralegals=3,
        n_assistants=1,
        n_timekeepers=3,
        subject_habit="case_number",
        path_habit="client_folder",
        user_dir_style="initials",
        ocr_rate=0.09,
        ocr_intensity=0.07,
        trunc_rate=0.05,
        mean_span_minutes=6.5,
        day_start=(8, 0),
        day_hours=9.0,
        offmatter_rate=0.145,
        n_new_parties=10,
        n_history_entries=380,
        area_codes=("213", "310", "323", "818", "626"),
        cue_weights=_reweight(_COMMON_CUES, case_number=0.16),
    ),
    "summit": Profile(
        name="summit",
        seed=2202,
        jurisdiction="CO",
        std_offset_hours=-7,
        start=dt.date(2025, 1, 13),
        practice_mix=(
            ("criminal", 0.28),
            ("family", 0.22),
            ("immigration", 0.16),
            ("bankruptcy", 0.12),
            ("pi", 0.12),
            ("realestate", 0.10),
        ),
        n_cases=74,
        n_attorneys=3,
        n_paralegals=2,
        n_assistants=1,
        n_timekeepers=2,
        subject_habit="last_name",
        path_habit="last_first",
        user_dir_style="first.last",
        ocr_rate=0.17,
        ocr_intensity=0.10,
        trunc_rate=0.10,
        mean_span_minutes=5.5,
        day_start=(7, 30),
        day_hours=9.5,
        offmatter_rate=0.15,
        n_new_parties=11,
        n_history_entries=320,
        area_codes=("303", "720", "719"),
        cue_weights=_reweight(
            _COMMON_CUES, client_last_name=0.13, case_number=0.07, client_phone=0.07, file_path=0.07
        ),
    ),
    "juniper": Profile(
        name="juniper",
        seed=3303,
        jurisdiction="IL",
        std_offset_hours=-6,
        start=dt.date(2025, 2, 3),
        practice_mix=(
            ("probate", 0.22),
            ("business", 0.18),
            ("realestate", 0.16),
            ("employment", 0.14),
            ("immigration", 0.12),
            ("bankruptcy", 0.10),
            ("pi", 0.08),
        ),
        n_cases=88,
        n_attorneys=6,
        n_paralegals=3,
        n_assistants=2,
        n_timekeepers=4,
        subject_habit="matter_number",
        path_habit="matter_number",
        user_dir_style="first.last",
        ocr_rate=0.13,
        ocr_intensity=0.08,
        trunc_rate=0.08,
        mean_span_minutes=9.4,
        day_start=(8, 15),
        day_hours=8.75,
        offmatter_rate=0.145,
        n_new_parties=12,
        n_history_entries=440,
        area_codes=("312", "773", "847", "630", "708"),
        cue_weights=_reweight(_COMMON_CUES, file_path=0.12, case_number=0.07, matter_detail=0.08)
        + (("matter_number", 0.08),),
    ),
    "cove": Profile(
        name="cove",
        seed=4404,
        jurisdiction="CA",
        std_offset_hours=-8,
        start=dt.date(2025, 3, 3),
        practice_mix=(
            ("employment", 0.25),
            ("business", 0.20),
            ("realestate", 0.20),
            ("family", 0.15),
            ("bankruptcy", 0.10),
            ("immigration", 0.10),
        ),
        n_cases=95,
        n_attorneys=4,
        n_paralegals=2,
        n_assistants=1,
        n_timekeepers=3,
        subject_habit="last_name",
        path_habit="client_folder",
        user_dir_style="first.last",
        ocr_rate=0.05,
        ocr_intensity=0.06,
        trunc_rate=0.04,
        mean_span_minutes=7.5,
        day_start=(8, 30),
        day_hours=8.5,
        offmatter_rate=0.18,
        n_new_parties=12,
        n_history_entries=500,
        area_codes=("415", "510", "650"),
        cue_weights=_reweight(
            _COMMON_CUES, caption=0.16, client_name=0.10, opposing_counsel=0.10
        ),
    ),
    "ridge": Profile(
        name="ridge",
        seed=5505,
        jurisdiction="CO",
        std_offset_hours=-7,
        start=dt.date(2024, 10, 28),
        practice_mix=(
            ("pi", 0.30),
            ("criminal", 0.20),
            ("probate", 0.15),
            ("business", 0.15),
            ("employment", 0.10),
            ("family", 0.10),
        ),
        n_cases=66,
        n_attorneys=3,
        n_paralegals=2,
        n_assistants=0,
        n_timekeepers=3,
        subject_habit="case_number",
        path_habit="last_first",
        user_dir_style="initials",
        ocr_rate=0.22,
        ocr_intensity=0.12,
        trunc_rate=0.12,
        mean_span_minutes=4.8,
        day_start=(7, 0),
        day_hours=10.0,
        offmatter_rate=0.12,
        n_new_parties=9,
        n_history_entries=260,
        area_codes=("970", "303", "719", "720"),
        cue_weights=_reweight(_COMMON_CUES, client_email=0.14, judge=0.07, history_party=0.09),
    ),
}


def utc_offset(day: dt.date, std_hours: int) -> dt.timezone:
    """US rules: DST from the second Sunday of March to the first Sunday of November."""
    march = dt.date(day.year, 3, 1)
    dst_start = march + dt.timedelta(days=(6 - march.weekday()) % 7 + 7)
    november = dt.date(day.year, 11, 1)
    dst_end = november + dt.timedelta(days=(6 - november.weekday()) % 7)
    hours = std_hours + 1 if dst_start <= day < dst_end else std_hours
    return dt.timezone(dt.timedelta(hours=hours))


def workdays(profile: Profile) -> list[dt.date]:
    """The ten Mon-Fri days of the stream."""
    days = []
    for offset in range(14):
        day = profile.start + dt.timedelta(days=offset)
        if day.weekday() < 5:
            days.append(day)
    return days
