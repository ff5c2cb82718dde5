"""Rates: the case rate, else the timekeeper's default, else the firm's setting.

MyCase has only these two levels (MYCASE_API.md), and ``rate`` is required on
create, so tenths resolves it. Money stays Decimal throughout.
"""

from __future__ import annotations

from decimal import Decimal

from tenths.records import Matter, Staff


def resolve_rate(matter: Matter, staff: Staff | None, firm_default: Decimal) -> Decimal:
    case_rate = matter.case_rate(staff.id) if staff else None
    if case_rate is not None:
        return case_rate
    if staff is not None and staff.default_hourly_rate is not None:
        return staff.default_hourly_rate
    return firm_default
