"""SyncFields is the one list of the fields tenths and MyCase share: it must stay
in step with RemoteEntry and Entry (tenths/records.py), and its canonical JSON,
which the ledger keeps as the base of every three-way diff, must never change."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import get_type_hints

from hypothesis import given
from hypothesis import strategies as st

from sync.plan import ENTRY_NAMES, FIELD_NAMES, SyncFields
from tenths.records import Entry, EntryStatus, RemoteEntry

SAMPLE = SyncFields(101, 1, date(2026, 5, 4), Decimal("1.50"), Decimal("450.0"), "Research",
                    'Call with "client"', True)


def test_every_shared_field_is_in_both_records_with_the_same_type() -> None:
    mine = get_type_hints(SyncFields)
    remote, entry = get_type_hints(RemoteEntry), get_type_hints(Entry)
    assert FIELD_NAMES == tuple(f.name for f in fields(SyncFields))
    for name in FIELD_NAMES:
        assert remote[name] == mine[name], name
        assert entry[ENTRY_NAMES.get(name, name)] == mine[name], name


def test_the_canonical_json_and_digest_are_stable() -> None:
    # Stored in sync_links / sync_intents by earlier versions: a change here would
    # make every linked entry look edited.
    assert SAMPLE.to_json() == (
        '{"activity_name":"Research","billable":true,"case_id":101,'
        '"description":"Call with \\"client\\"","entry_date":"2026-05-04","hours":"1.5",'
        '"rate":"450","staff_id":1}'
    )
    assert SAMPLE.digest == "0ea30483fd39837f684e43b1a2fe3fea"
    assert SAMPLE.same(SyncFields.from_json(SAMPLE.to_json().replace('"450"', '"450.00"')))


money = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)


@given(case_id=st.integers(1, 10**9), staff_id=st.integers(1, 10**6),
       day=st.dates(date(2000, 1, 1), date(2100, 1, 1)), hours=money, rate=money,
       activity=st.text(max_size=20), text=st.text(max_size=60), billable=st.booleans())
def test_entry_remote_and_json_round_trips(case_id: int, staff_id: int, day: date,
                                           hours: Decimal, rate: Decimal, activity: str,
                                           text: str, billable: bool) -> None:
    shared = SyncFields(case_id, staff_id, day, hours, rate, activity, text, billable)
    assert SyncFields.from_json(shared.to_json()).same(shared)
    now = datetime(2026, 5, 4, tzinfo=UTC)
    entry = Entry(id="e", user=0, case_id=0, entry_date=date(2026, 1, 1), worked_seconds=60,
                  hours=Decimal(0), rate=Decimal(0), activity_name="", description="",
                  billable=not billable, span_ids=("s",), status=EntryStatus.SYNCED)
    carried = shared.apply_to(entry)
    assert SyncFields.of_entry(carried) == shared
    assert (carried.id, carried.span_ids, carried.status) == ("e", ("s",), EntryStatus.SYNCED)
    remote = RemoteEntry(7, case_id, staff_id, day, hours, rate, activity, text, billable, (),
                         now, now)
    assert SyncFields.of_remote(remote) == shared
