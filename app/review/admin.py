"""The firm admin's view: hours captured, drafted and released per user per day, and
nothing else.

Each timekeeper has a store of their own. The admin view runs three aggregate queries
against each (read-only for any store the service does not hold) and gets back three
numbers: it never reads a span's title or words, an entry's narrative, or even a
span's times, so another user's drafts stay private until they are released.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from capture.exclusions import EXCLUDED

_CAPTURED = """
WITH s AS (
    SELECT start, "end",
           max("end") OVER (ORDER BY start, id ROWS BETWEEN UNBOUNDED PRECEDING
                                                 AND 1 PRECEDING) AS covered
    FROM spans WHERE "user" = ? AND start >= ? AND start < ? AND coalesce(app, '') <> ?)
SELECT coalesce(sum(greatest(0, epoch("end") - epoch(greatest(start, coalesce(covered, start))))), 0)
FROM s
"""
_ENTRIES = """
SELECT coalesce(sum(hours), 0),
       coalesce(sum(hours) FILTER (WHERE status IN ('released', 'synced', 'invoiced')), 0)
FROM entries WHERE "user" = ? AND entry_date = ?
"""
_STORE_NAME = re.compile(r"^user-(\d+)\.duckdb$")


@dataclass(frozen=True)
class UserDay:
    user: int
    day: date
    captured_hours: Decimal | None  # None: the store could not be read now (in use)
    drafted_hours: Decimal | None
    released_hours: Decimal | None


def user_day(con: duckdb.DuckDBPyConnection, user: int, day: date, timezone: str) -> UserDay:
    """The three numbers of one user's day, from their store's connection."""
    start = datetime.combine(day, time(0), ZoneInfo(timezone))
    row = con.execute(_CAPTURED, [user, start, start + timedelta(days=1), EXCLUDED]).fetchone()
    captured = Decimal(str(row[0] if row else 0)) / Decimal(3600)
    drafted, released = con.execute(_ENTRIES, [user, day]).fetchone() or (0, 0)
    return UserDay(user, day, captured.quantize(Decimal("0.01")),
                   Decimal(drafted).quantize(Decimal("0.01")),
                   Decimal(released).quantize(Decimal("0.01")))


def store_users(data_dir: Path) -> list[tuple[int, Path]]:
    found = []
    for path in sorted(data_dir.glob("user-*.duckdb")):
        m = _STORE_NAME.match(path.name)
        if m:
            found.append((int(m.group(1)), path))
    return found


def firm_days(stores: Iterable[tuple[int, Path]], day: date, timezone: str,
              held: tuple[int, duckdb.DuckDBPyConnection] | None = None) -> list[UserDay]:
    """Every user's numbers for ``day``. ``held`` is the store this process already has
    open (the service's); the others are opened read-only, one at a time."""
    out = []
    seen = set()
    if held is not None:
        out.append(user_day(held[1], held[0], day, timezone))
        seen.add(held[0])
    for user, path in stores:
        if user in seen:
            continue
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error:  # held by another process right now
            out.append(UserDay(user, day, None, None, None))
            continue
        try:
            con.execute("SET TimeZone = 'UTC'")
            out.append(user_day(con, user, day, timezone))
        finally:
            con.close()
    return sorted(out, key=lambda u: u.user)
