"""Following MyCase's cursor pages to the end.

A listing starts at the resource URL with its filters, then follows each
answer's `Link: <...>; rel="next"` as is (the page token carries the filters).
If a page token has expired mid-listing (410, or 400 naming `page_token`), the
listing starts again from the first page, skipping the ids it already yielded,
up to `max_restarts` times. A record changed during the listing may then be
yielded in its older version; incremental readers catch it next time, since
`filter[updated_after]` is inclusive and they keep the watermark at what they saw.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx

from ..errors import PageTokenExpired, UnexpectedAnswer

log = logging.getLogger("tenths.sync.client")
JSONObject = dict[str, Any]
Fetch = Callable[[str, Mapping[str, str] | None], httpx.Response]


class Listing(Iterator[JSONObject]):
    """An iterator over every record of one listing (dicts, as MyCase sends them).

    `item_count` is the last `Item-Count` seen, `pages` the pages fetched,
    `restarts` how often an expired page token forced a fresh start.
    """

    def __init__(
        self, fetch: Fetch, url: str, params: Mapping[str, str], max_restarts: int = 3
    ) -> None:
        self._fetch = fetch
        self._url = url
        self._params = dict(params)
        self._max_restarts = max_restarts
        self.item_count: int | None = None
        self.pages = 0
        self.restarts = 0
        self._seen: set[int] = set()
        self._records = self._generate()

    def __iter__(self) -> Listing:
        return self

    def __next__(self) -> JSONObject:
        return next(self._records)

    def _generate(self) -> Iterator[JSONObject]:
        while True:
            try:
                yield from self._one_pass()
                return
            except PageTokenExpired:
                if self.restarts >= self._max_restarts:
                    raise
                self.restarts += 1
                log.info("page token expired on %s: restart %d", self._url, self.restarts)

    def _one_pass(self) -> Iterator[JSONObject]:
        url: str | None = self._url
        params: Mapping[str, str] | None = self._params
        while url is not None:
            response = self._fetch(url, params)
            self.pages += 1
            count = response.headers.get("Item-Count")
            if count is not None and count.isdigit():
                self.item_count = int(count)
            batch = response.json()
            if not isinstance(batch, list):
                raise UnexpectedAnswer(f"{self._url}: a list answer was not a JSON array")
            for record in batch:
                record_id = record.get("id") if isinstance(record, dict) else None
                if isinstance(record_id, int):
                    if record_id in self._seen:
                        continue
                    self._seen.add(record_id)
                yield record
            url = response.links.get("next", {}).get("url")
            params = None  # the next link carries everything
