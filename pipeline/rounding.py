"""Rounding worked time to billed hours, once per entry.

The firm bills in increments of 0.1 h or 0.25 h, rounding up or to the
nearest increment, with a minimum entry. ABA Formal Opinion 93-379: a lawyer
may not bill more time than was worked; a minimum increment is the accepted
exception. The bound enforced here, whatever the settings:

    billed hours <= ceil(worked / increment) * increment

that is, an entry is never more than the smallest whole number of increments
that covers the minutes worked, so it never bills a full increment (or more)
above them: billed - worked < one increment. A minimum entry larger than that
is capped at it. Every entry with worked time bills at least one increment, so
no entry is 0.00 h.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from tenths.errors import SettingsError

SECONDS_PER_HOUR = Decimal(3600)
MODES = ("up", "nearest")


@dataclass(frozen=True)
class RoundingRule:
    increment: Decimal = Decimal("0.1")
    mode: str = "up"  # "up" | "nearest"
    minimum: Decimal = Decimal("0.1")

    def __post_init__(self) -> None:
        if self.increment <= 0 or self.increment > 1:
            raise SettingsError(f"increment_hours: {self.increment} is not in (0, 1]")
        if self.mode not in MODES:
            raise SettingsError(f"rounding: {self.mode!r} is not one of {', '.join(MODES)}")
        if self.minimum < 0:
            raise SettingsError("minimum_hours: must not be negative")


def _units(worked_seconds: int, increment: Decimal, rounding: str) -> Decimal:
    hours = Decimal(worked_seconds) / SECONDS_PER_HOUR
    return (hours / increment).quantize(Decimal(1), rounding=rounding)


def ceiling_hours(worked_seconds: int, increment: Decimal) -> Decimal:
    """The bound: the fewest whole increments that cover the worked time."""
    return _units(worked_seconds, increment, ROUND_CEILING) * increment


def billed_hours(worked_seconds: int, rule: RoundingRule) -> Decimal:
    """Hours to bill for one entry's worked seconds (0 only when nothing was worked)."""
    if worked_seconds <= 0:
        return Decimal("0.00")
    cap = ceiling_hours(worked_seconds, rule.increment)
    mode = ROUND_CEILING if rule.mode == "up" else ROUND_HALF_UP
    hours = _units(worked_seconds, rule.increment, mode) * rule.increment
    floor = max(rule.minimum, rule.increment)
    return min(max(hours, floor), cap).quantize(Decimal("0.01"))


def within_bound(worked_seconds: int, hours: Decimal, increment: Decimal) -> bool:
    """Whether ``hours`` keeps the ABA bound for ``worked_seconds`` (see module doc)."""
    return hours <= ceiling_hours(worked_seconds, increment)
