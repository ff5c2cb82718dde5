"""List answers: filters, cursor pages with expiring opaque tokens, Link and Item-Count.

Pages are keyset-paged by id (every list is ordered by id), so records created
or deleted during a listing never shift a page. A page token names the listing,
its filters and the last id served; it expires `page_token_lifetime` after it
was issued and then answers `settings.expired_page_token_status` (410 by
default, or 400 naming `page_token`). An unknown token is 400.
"""

from __future__ import annotations

import bisect
import secrets
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from .faults import FaultInjector
from .settings import EmulatorSettings
from .state import Clock, EmulatorProblem, ProblemItem, Record, parse_timestamp

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 1000
Filters = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ListingSpec:
    name: str
    filters: frozenset[str]  # names inside `filter[...]`
    statuses: frozenset[str] = frozenset()  # allowed filter[status] values


@dataclass(frozen=True)
class Cursor:
    listing: str
    filters: Filters
    after_id: int
    page_size: int
    issued_at: datetime


@dataclass(frozen=True)
class Page:
    records: list[Record]
    total: int
    next_query: str | None  # the query string of the next page, if any


def _bad(parameter: str, description: str) -> EmulatorProblem:
    return EmulatorProblem(400, ProblemItem(description, parameter=parameter))


def _page_size(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        raise _bad("page_size", "page_size must be an integer") from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise _bad("page_size", f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    return size


def parse_filters(spec: ListingSpec, args: Mapping[str, str], extra: Filters = ()) -> Filters:
    """Validate `filter[...]` parameters; unknown filters are refused (400)."""
    found: list[tuple[str, str]] = list(extra)
    for key, value in args.items():
        if not key.startswith("filter["):
            continue
        name = key[len("filter[") : -1] if key.endswith("]") else ""
        if name not in spec.filters:
            raise _bad(key, f"{key} is not a filter of /v1/{spec.name}")
        if name == "updated_after":
            try:
                parse_timestamp(value)
            except ValueError:
                raise _bad(key, f"{key} must be an ISO 8601 timestamp") from None
        elif name == "status" and value not in spec.statuses:
            raise _bad(key, f"{key} must be one of {sorted(spec.statuses)}")
        found.append((name, value))
    return tuple(sorted(found))


class Pager:
    def __init__(
        self,
        settings: EmulatorSettings,
        clock: Clock,
        faults: FaultInjector,
        sleep: Callable[[float], None],
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._faults = faults
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens: dict[str, Cursor] = {}

    def expire_all(self) -> int:
        with self._lock:
            count = len(self._tokens)
            self._tokens.clear()
        return count

    def _expired(self) -> EmulatorProblem:
        status = self._settings.expired_page_token_status
        return EmulatorProblem(status, ProblemItem("page_token expired", parameter="page_token"))

    def _resume(self, spec: ListingSpec, token: str) -> Cursor:
        with self._lock:
            cursor = self._tokens.get(token)
        if cursor is None or cursor.listing != spec.name:
            raise _bad("page_token", "page_token is not valid")
        lifetime = self._settings.page_token_lifetime
        if self._faults.take_expired_page_token() or self._clock() >= cursor.issued_at + lifetime:
            with self._lock:
                self._tokens.pop(token, None)
            raise self._expired()
        return cursor

    def page(
        self,
        spec: ListingSpec,
        args: Mapping[str, str],
        records: Callable[[Filters], Sequence[Record]],
        extra: Filters = (),
    ) -> Page:
        """One page of a listing. `records(filters)` gives the matches in id order."""
        token = args.get("page_token")
        if token:
            cursor = self._resume(spec, token)
            size = _page_size(args.get("page_size")) if "page_size" in args else cursor.page_size
            filters, after_id = cursor.filters, cursor.after_id
        else:
            size = _page_size(args.get("page_size"))
            filters, after_id = parse_filters(spec, args, extra), 0
        matching = records(filters)  # read only: it may be the table's own list
        start = bisect.bisect_right(matching, after_id, key=lambda r: r.id)
        chunk = list(matching[start:start + size])
        if self._faults.slow_page_seconds > 0:
            self._sleep(self._faults.slow_page_seconds)
        next_query = None
        if len(matching) - start > size:
            new_token = secrets.token_urlsafe(18)
            with self._lock:
                self._tokens[new_token] = Cursor(
                    spec.name, filters, chunk[-1].id, size, self._clock()
                )
            next_query = urlencode({"page_size": size, "page_token": new_token})
        return Page(chunk, len(matching), next_query)


def matches(record: Record, spec: ListingSpec, filters: Filters) -> bool:
    for name, value in filters:
        if name == "updated_after" and record.updated_at < parse_timestamp(value):
            return False  # inclusive: equal instants match
        if name == "status":
            if spec.name == "staff":
                if (record.body.get("active", True) is not False) != (value == "active"):
                    return False
            elif record.body.get("status") != value:
                return False
    return True


def compile_filters(spec: ListingSpec, filters: Filters) -> Callable[[Record], bool] | None:
    """`matches` as one predicate with its timestamps parsed once (None: no filter)."""
    if not filters:
        return None
    after = [parse_timestamp(v) for n, v in filters if n == "updated_after"]
    statuses = [v for n, v in filters if n == "status"]
    other = [f for f in filters if f[0] not in {"updated_after", "status"}]
    if other and not after and not statuses:
        return None  # e.g. online_only: decided by the resource's own `keep`
    since = max(after) if after else None

    def match(record: Record) -> bool:
        if since is not None and record.updated_at < since:
            return False
        return not statuses or matches(record, spec, tuple(("status", v) for v in statuses))

    return match
