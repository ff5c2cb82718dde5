"""Reading MyCase into the store: the case list and time entries, by watermark.

- Staff has no `filter[updated_after]`, so it is read in full (one page).
- Cases, clients and companies are read by watermark, unless a webhook
  subscription for the model is recorded (then deliveries keep them fresh,
  see `apply_webhook`); either way a periodic full scan catches deletions.
- Time entries are read by watermark. `filter[updated_after]` is inclusive:
  the boundary records come back every time and are skipped when their
  `(id, updated_at)` is already held. The watermark only moves to the newest
  `updated_at` actually seen, and never past the moment the listing began
  (less a skew allowance): keyset pages can pass over a record that changes
  while the listing runs, and it must be read again next time.
- A full scan (every `full_scan_every`, or on request) reads every id; what the
  store holds and the scan did not see was deleted in MyCase. A scan that would
  delete more than the deletion guard allows is refused.
- Between full scans, each pull reads at least the last `recent` (7 days) of
  changes, so it also sees deletions of recent entries, which are the ones a
  billing manager deletes: an entry held with an `updated_at` inside the
  listing's range must come back in it. One that did not is asked for by id,
  and deleted here only if MyCase answers 404 (a record changed while the
  listing ran is not taken for deleted). The cost is the extra days' pages
  (usually none: a page holds 1,000 entries) plus one GET per deletion.

Logs carry counts only, never MyCase payloads.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sync.client.http import MyCaseClient
from sync.client.webhooks import WebhookEvent, parse_delivery
from sync.errors import NotFound, SyncError, UnexpectedAnswer
from sync.normalize import (
    client_from_api,
    company_from_api,
    entry_from_api,
    matter_from_api,
    staff_from_api,
)
from sync.plan import DeletionGuard
from tenths.errors import RecordError
from tenths.records import Contact, RemoteEntry, Staff
from tenths.store import Store

log = logging.getLogger("tenths.sync")
T = TypeVar("T")

SKEW = timedelta(minutes=5)
ENTRY_WATERMARK = "watermark:time_entries"
LAST_SCAN = "scan:last"
WEBHOOK = "webhook:"  # + model: the subscription's {id, hmac_key}
REFRESH = "refresh:"  # + model: read it at the next sync although deliveries feed it
CATALOG_MODELS = ("case", "client", "company")
# Pages are stored a few at a time while the next ones are fetched, so that
# little is left to write once the last page is in.
_BATCH = 5_000


class NotSubscribed(SyncError):
    """A webhook delivery for a model this store has no subscription for."""


class MassDeletionRefused(SyncError):
    """A scan or a plan would delete more than the guard allows; nothing was deleted."""

    def __init__(self, what: str, deletions: int, total: int) -> None:
        self.deletions = deletions
        self.total = total
        super().__init__(
            f"{what}: would delete {deletions} of {total}; refused (run with "
            "--allow-mass-delete if this is really what happened)"
        )


@dataclass(frozen=True)
class PullReport:
    staff: int
    contacts: int
    matters: int
    entries: int  # time entries new or changed since the last pull
    deleted: int = 0  # time entries found deleted in MyCase by a full scan
    full_scan: bool = False


@dataclass(frozen=True)
class CatalogPage:
    """The case list as read from MyCase, before it is stored."""

    staff: list[Staff]
    contacts: list[Contact]
    cases: list[dict[str, Any]]
    started: datetime  # when the reading began (nothing later is vouched for)


def _same(record: dict[str, Any]) -> dict[str, Any]:
    return record


def _read_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def prefetch(
    records: Iterator[dict[str, Any]],
    convert: Callable[[dict[str, Any]], T],
    batch: int = 1000,
    depth: int = 8,
) -> Generator[list[T], None, None]:
    """Read and convert a listing in a background thread, in batches, so that
    fetching, parsing and storing overlap. Errors are re-raised in the reader."""
    out: queue.Queue[object] = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def run() -> None:
        try:
            chunk: list[T] = []
            for record in records:
                if stop.is_set():
                    return
                chunk.append(convert(record))
                if len(chunk) >= batch:
                    out.put(chunk)
                    chunk = []
            out.put(chunk)
            out.put(done)
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, re-raised there
            out.put(exc)

    thread = threading.Thread(target=run, name="mycase-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = out.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while thread.is_alive():
            try:
                out.get_nowait()
            except queue.Empty:
                thread.join(0.01)


class Puller:
    def __init__(
        self,
        client: MyCaseClient,
        store: Store,
        now: Callable[[], datetime],
        guard: DeletionGuard | None = None,
        allow_mass_delete: bool = False,
        recent: timedelta = timedelta(days=7),
    ) -> None:
        self.client = client
        self.store = store
        self.now = now
        self.guard = guard or DeletionGuard()
        self.allow_mass_delete = allow_mass_delete
        self.recent = recent

    # -- the case list ------------------------------------------------------------
    def catalog_marks(self, full: bool) -> dict[str, datetime | None]:
        """Where each model's listing starts; a model fed by webhooks is skipped,
        unless a delivery for it could not be applied (it is marked for refresh)."""
        marks: dict[str, datetime | None] = {}
        for model in ("client", "company", "case"):
            if full or not self.subscribed(model) or self.refresh_due(model):
                marks[model] = (
                    None if full else _read_time(self.store.sync_state.get(f"watermark:{model}"))
                )
        return marks

    def read_catalog(self, marks: Mapping[str, datetime | None]) -> CatalogPage:
        """The network half of a catalog pull: touches no store."""
        client, started = self.client, self.now()
        staff = [staff_from_api(r) for r in client.staff()]
        contacts: list[Contact] = []
        for model, listing, convert in (
            ("client", client.clients, client_from_api),
            ("company", client.companies, company_from_api),
        ):
            if model in marks:
                contacts += [convert(r) for r in listing(updated_after=marks[model])]
        cases = list(client.cases(updated_after=marks["case"])) if "case" in marks else []
        return CatalogPage(staff, contacts, cases, started)

    def save_catalog(self, page: CatalogPage, marks: Mapping[str, datetime | None],
                     full: bool) -> tuple[int, int, int]:
        store = self.store
        index: Mapping[tuple[str, int], Contact] = store.catalog.contacts() if page.cases else {}
        index = {**index, **{(c.kind, c.id): c for c in page.contacts}}
        matters = [matter_from_api(r, index) for r in page.cases]
        with store.transaction():
            store.catalog.save_staff(page.staff)
            store.catalog.delete_missing("staff", None, {s.id for s in page.staff})
            store.catalog.save_contacts(page.contacts)
            store.catalog.save_matters(matters)
            if full:
                for kind in ("client", "company"):
                    store.catalog.delete_missing(
                        "contacts", kind, {c.id for c in page.contacts if c.kind == kind}
                    )
                store.catalog.delete_missing("cases", None, {m.id for m in matters})
            for model, stamps in (
                ("client", [c.updated_at for c in page.contacts if c.kind == "client"]),
                ("company", [c.updated_at for c in page.contacts if c.kind == "company"]),
                ("case", [m.updated_at for m in matters]),
            ):
                if model in marks:
                    self._advance(f"watermark:{model}", stamps, page.started)
                    store.sync_state.delete(REFRESH + model)
        return len(page.staff), len(page.contacts), len(matters)

    def pull_catalog(self, full: bool) -> tuple[int, int, int]:
        marks = self.catalog_marks(full)
        return self.save_catalog(self.read_catalog(marks), marks, full)

    def _advance(self, key: str, stamps: list[datetime], started: datetime) -> None:
        if not stamps:
            return
        newest = min(max(stamps), started - SKEW)
        old = _read_time(self.store.sync_state.get(key))
        if old is None or newest > old:
            self.store.sync_state.set(key, newest.isoformat())

    # -- time entries ---------------------------------------------------------------
    def pull_entries(
        self, full: bool, on_page: Callable[[], None] | None = None
    ) -> tuple[int, int]:
        """(new or changed, deleted) time entries. `on_page` is called on this thread
        after each batch of entries is taken in (the engine stores the case list
        there as soon as it has been read)."""
        store = self.store
        started = self.now()
        since = None if full else _read_time(store.sync_state.get(ENTRY_WATERMARK))
        if since is not None:
            since = min(since, started - self.recent)
        held_any = bool(store.db.con.execute("SELECT 1 FROM remote_entries LIMIT 1").fetchone())
        changed = 0
        newest: datetime | None = None
        seen: set[int] = set()
        batch: list[RemoteEntry] = []

        def flush() -> None:
            nonlocal changed
            fresh = batch
            if held_any:
                # The inclusive boundary (and a full scan) brings back what is held:
                # skip what is unchanged. Compared by value, not by `updated_at`, which
                # two quick edits can share.
                held = store.catalog.remote_entries_by_id(e.id for e in batch)
                fresh = [e for e in batch if held.get(e.id) != e]
            store.catalog.save_remote_entries(fresh)
            changed += len(fresh)
            batch.clear()

        listing = self.client.time_entries(updated_after=since)
        deleted = 0
        # One transaction: a pull is stored whole or not at all, with its watermark.
        # The listing is read (and parsed) in a thread; normalising and storing here.
        with store.transaction(), closing(prefetch(listing, _same)) as pages:
            for raw in pages:
                page = [entry_from_api(record) for record in raw]
                for entry in page:
                    seen.add(entry.id)
                    if newest is None or entry.updated_at > newest:
                        newest = entry.updated_at
                batch.extend(page)
                if len(batch) >= _BATCH:
                    flush()
                if on_page is not None:
                    on_page()
            if batch:
                flush()
            if full:
                held = store.catalog.remote_entry_ids()
                gone = sorted(held - seen)
            else:
                held = store.catalog.remote_entry_ids(updated_since=since) if since else set()
                gone = [i for i in sorted(held - seen) if self._gone(i)]
            if gone and not self.allow_mass_delete and not self.guard.allows(
                len(gone), len(held)
            ):
                what = "full scan" if full else f"the last {self.recent.days} days"
                raise MassDeletionRefused(f"{what} of time entries", len(gone), len(held))
            store.catalog.delete_remote_entries(gone)
            deleted = len(gone)
            if full:
                store.sync_state.set(LAST_SCAN, started.isoformat())
            if newest is not None:
                self._advance(ENTRY_WATERMARK, [newest], started)
            names = [r[0] for r in store.db.con.execute(
                "SELECT DISTINCT activity_name FROM remote_entries WHERE activity_name <> '' "
                "ORDER BY 1").fetchall()]
            known = store.catalog.activity_names()
            if set(names) - set(known):
                store.catalog.save_activity_names(sorted(set(names) | set(known)))
        log.info("pulled time entries: changed=%d deleted=%d full=%s", changed, deleted, full)
        return changed, deleted

    def _gone(self, entry_id: int) -> bool:
        """Whether MyCase no longer has an entry the listing did not bring back."""
        try:
            self.client.get_time_entry(entry_id)
        except NotFound:
            return True
        return False

    def scan_due(self, every: timedelta) -> bool:
        last = _read_time(self.store.sync_state.get(LAST_SCAN))
        return last is None or self.now() - last >= every

    # -- webhooks ---------------------------------------------------------------------
    def subscribed(self, model: str) -> bool:
        return self.store.sync_state.get(WEBHOOK + model) is not None

    def refresh_due(self, model: str) -> bool:
        return self.store.sync_state.get(REFRESH + model) is not None

    def subscribe(self, url: str, models: tuple[str, ...] = CATALOG_MODELS) -> None:
        """Subscribe to deliveries for the case list; polling stops for those models.

        A subscription recorded earlier (another URL, or a listener that is gone)
        is replaced. Deliveries missed before this one are not replayed: each model
        is marked for refresh, so the next sync reads it once more."""
        self.unsubscribe(models)
        for model in models:
            answer = self.client.create_webhook_subscription(model, url)
            record = {"id": answer["id"], "hmac_key": answer["hmac_key"]}
            self.store.sync_state.set(WEBHOOK + model, json.dumps(record))
            self.store.sync_state.set(REFRESH + model, "subscribed")

    def unsubscribe(self, models: tuple[str, ...] = CATALOG_MODELS) -> None:
        """Stop deliveries (when the listener stops): polling takes those models again."""
        for model in models:
            raw = self.store.sync_state.get(WEBHOOK + model)
            if raw is None:
                continue
            self.client.delete_webhook_subscription(int(json.loads(raw)["id"]))
            self.store.sync_state.delete(WEBHOOK + model)


def apply_webhook(store: Store, body: bytes, signature: str | None) -> WebhookEvent:
    """Verify one delivery against the recorded subscription key and apply it.

    Raises SignatureMismatch (the store is not touched), NotSubscribed, or
    UnexpectedAnswer for a body that is not a delivery. A signed delivery whose
    record cannot be read (RecordError) marks its model for refresh, so that the
    next sync reads that model from MyCase, and the error is raised."""
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise UnexpectedAnswer("webhook body is not JSON") from exc
    model = payload.get("resource") if isinstance(payload, dict) else None
    raw = store.sync_state.get(WEBHOOK + str(model))
    if raw is None:
        raise NotSubscribed(f"webhook for {model!r}: not subscribed")
    event = parse_delivery(json.loads(raw)["hmac_key"], body, signature)
    record = event.resource_body
    try:
        with store.transaction():
            if event.action == "deleted" and event.resource_id is not None:
                if event.resource == "case":
                    store.catalog.delete_ids("cases", [event.resource_id])
                else:
                    store.catalog.delete_ids("contacts", [event.resource_id], event.resource)
            elif event.resource == "case":
                store.catalog.save_matters([matter_from_api(record, store.catalog.contacts())])
            elif event.resource == "client":
                store.catalog.save_contacts([client_from_api(record)])
            elif event.resource == "company":
                store.catalog.save_contacts([company_from_api(record)])
    except RecordError:
        store.sync_state.set(REFRESH + event.resource, "unreadable delivery")
        log.info("webhook %s %s: record unreadable; marked for refresh",
                 event.resource, event.action)
        raise
    log.info("webhook %s %s applied", event.resource, event.action)
    return event
