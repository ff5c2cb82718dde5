"""The sync engine: MyCase's case list into the store, released entries out to MyCase.

Pull: staff, clients, companies and cases in full (they are small and a full
read also reveals deletions), time entries by watermark. The watermark is
``filter[updated_after]``, which is inclusive: the boundary records come back
and are simply upserted again, and the watermark only moves to the newest
``updated_at`` actually seen.

Push: a released entry is created in MyCase. MyCase has no idempotency key,
so before each create the intent is written to the store; if the answer is
lost, the next run looks for the entry in MyCase (same case, staff, date,
hours, rate, activity and description, created since the intent) before it
creates anything, so a retry never makes a second bill line.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sync.client.http import MyCaseClient
from sync.client.models import TimeEntryRequest
from sync.errors import CreateOutcomeUnknown
from sync.normalize import (
    client_from_api,
    company_from_api,
    entry_from_api,
    matter_from_api,
    staff_from_api,
)
from tenths.records import Entry, EntryStatus, RemoteEntry
from tenths.store import Store

log = logging.getLogger("tenths.sync")

WATERMARK = "watermark:time_entries"
INTENT = "intent:create:"
# How far before an intent a lost create is searched for (clock skew between us and MyCase).
SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class PullReport:
    staff: int
    contacts: int
    matters: int
    entries: int


@dataclass(frozen=True)
class PushReport:
    created: int
    recovered: int  # lost answers found again in MyCase instead of re-created


def pull(client: MyCaseClient, store: Store) -> PullReport:
    staff = [staff_from_api(r) for r in client.staff()]
    contacts = [client_from_api(r) for r in client.clients()]
    contacts += [company_from_api(r) for r in client.companies()]
    index = {(c.kind, c.id): c for c in contacts}
    matters = [matter_from_api(r, index) for r in client.cases()]
    watermark_text = store.sync_state.get(WATERMARK)
    watermark = datetime.fromisoformat(watermark_text) if watermark_text else None
    entries = [entry_from_api(r) for r in client.time_entries(updated_after=watermark)]
    with store.transaction():
        store.catalog.save_staff(staff)
        store.catalog.save_contacts(contacts)
        store.catalog.save_matters(matters)
        store.catalog.save_remote_entries(entries)
        names = {e.activity_name for e in store.catalog.remote_entries() if e.activity_name}
        if names:
            store.catalog.save_activity_names(sorted(names | set(store.catalog.activity_names())))
        if entries:
            newest = max(e.updated_at for e in entries)
            store.sync_state.set(WATERMARK, newest.isoformat())
    log.info("pulled staff=%d contacts=%d matters=%d entries=%d",
             len(staff), len(contacts), len(matters), len(entries))
    return PullReport(len(staff), len(contacts), len(matters), len(entries))


def request_for(entry: Entry) -> TimeEntryRequest:
    return TimeEntryRequest(
        case_id=entry.case_id,
        staff_id=entry.user,
        entry_date=entry.entry_date,
        hours=entry.hours,
        rate=entry.rate,
        activity_name=entry.activity_name,
        description=entry.description,
        billable=entry.billable,
    )


def _same(remote: RemoteEntry, req: TimeEntryRequest) -> bool:
    return (
        remote.case_id == req.case_id
        and remote.staff_id == req.staff_id
        and remote.entry_date == req.entry_date
        and remote.hours == req.hours
        and remote.rate == req.rate
        and remote.activity_name == req.activity_name
        and remote.description == req.description
    )


def _find_lost_create(
    client: MyCaseClient, req: TimeEntryRequest, since: datetime, taken: set[int]
) -> RemoteEntry | None:
    for record in client.time_entries(updated_after=since - SKEW):
        remote = entry_from_api(record)
        if remote.id not in taken and _same(remote, req):
            return remote
    return None


def push_released(client: MyCaseClient, store: Store, now: datetime) -> PushReport:
    created = recovered = 0
    taken = {e.remote_id for e in store.entries.list() if e.remote_id is not None}
    for entry in store.entries.list(status=EntryStatus.RELEASED):
        if entry.remote_id is not None or entry.hours <= 0:
            continue
        req = request_for(entry)
        intent = store.sync_state.get(INTENT + entry.id)
        remote: RemoteEntry | None = None
        if intent is not None:
            since = datetime.fromisoformat(json.loads(intent)["at"])
            remote = _find_lost_create(client, req, since, taken)
            recovered += remote is not None
        if remote is None:
            store.sync_state.set(INTENT + entry.id, json.dumps({"at": now.isoformat()}))
            try:
                remote = entry_from_api(client.create_time_entry(req))
            except CreateOutcomeUnknown:
                remote = _find_lost_create(client, req, now, taken)
                if remote is None:
                    raise
                recovered += 1
            else:
                created += 1
        taken.add(remote.id)
        with store.transaction():
            store.catalog.save_remote_entries([remote])
            store.entries.save([entry.replace(status=EntryStatus.SYNCED, remote_id=remote.id,
                                              updated_at=now)])
            store.db.con.execute("DELETE FROM sync_state WHERE key = ?", [INTENT + entry.id])
    log.info("pushed created=%d recovered=%d", created, recovered)
    return PushReport(created, recovered)
