"""Typed request bodies and exact money parsing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any


def parse_money(value: object) -> Decimal:
    """A MyCase amount ("450.0", or a number) as an exact Decimal.

    Raises TypeError for a value of another type, ValueError for an unreadable one."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise TypeError(f"not an amount: {type(value).__name__}")
    try:
        amount = Decimal(value if isinstance(value, (str, Decimal)) else repr(value))
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return amount


def _json_number(value: Decimal, name: str) -> float | int:
    """A Decimal as a JSON number, refusing any the float would not carry exactly."""
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    number = float(value)
    if Decimal(repr(number)) != value.normalize():
        raise ValueError(f"{name} {value} has more precision than MyCase can take")
    return number


@dataclass(frozen=True)
class TimeEntryRequest:
    """A POST /v1/time_entries body. `rate` is required: resolve it first
    (case rate -> staff default -> the firm default in tenths' settings)."""

    case_id: int
    staff_id: int
    entry_date: date
    hours: Decimal
    rate: Decimal
    activity_name: str
    description: str = ""
    billable: bool = True
    flat_fee: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "activity_name": self.activity_name,
            "description": self.description,
            "billable": self.billable,
            "entry_date": self.entry_date.isoformat(),
            "rate": _json_number(self.rate, "rate"),
            "hours": _json_number(self.hours, "hours"),
            "flat_fee": self.flat_fee,
            "case": {"id": self.case_id},
            "staff": {"id": self.staff_id},
        }
