from datetime import date
from decimal import Decimal

import pytest
from factories import T0, make_contact, make_matter, make_span, make_staff

from tenths.records import Attribution, Correction, Entry, EntryStatus
from tenths.store import Store
from tenths.store.db import Database
from tenths.store.migrations import MIGRATIONS, Migration


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "u7.duckdb"
    Store.open(path).close()
    with Store.open(path) as again:
        assert again.db.applied_versions() == [m.version for m in MIGRATIONS]


def test_a_failing_migration_leaves_no_trace(store):
    def broken(con):
        con.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.db.migrate((Migration(99, "broken", broken),))
    assert 99 not in store.db.applied_versions()
    tables = {r[0] for r in store.db.con.execute("SHOW TABLES").fetchall()}
    assert "half_done" not in tables


def test_matters_round_trip_with_contacts_and_case_rates(store):
    client = make_contact(11, "Dana Okafor", email="dana@example.test", phones=("619-555-0142",))
    matter = make_matter(1, "Okafor v. Brightline Logistics, Inc.", (client,),
                         case_number="24STCV01234")
    store.catalog.save_contacts([client])
    store.catalog.save_matters([matter])
    store.catalog.save_staff([make_staff()])
    [loaded] = store.catalog.matters()
    assert loaded == matter
    assert store.catalog.staff()[7].default_hourly_rate == Decimal("300.00")


def test_spans_attributions_and_corrections_round_trip(store):
    spans = [make_span(i, text=f"t{i}") for i in range(3)]
    store.activity.add_spans(spans)
    store.activity.add_spans(spans)  # re-adding is harmless
    assert store.activity.spans(7) == spans
    assert store.activity.spans(7, day=date(2026, 11, 2), tz="America/Los_Angeles") == spans
    store.activity.save_attributions([Attribution("s1", 4, 0.9, False, True, ("id:docket",))])
    assert store.activity.attributions(["s1"])["s1"].reasons == ("id:docket",)
    corr = Correction("c1", "s1", 7, 4, 5, T0)
    store.activity.add_correction(corr)
    assert store.activity.corrections(7) == [corr]
    store.activity.undo_correction("c1")
    assert store.activity.corrections(7) == []


def test_replacing_drafts_keeps_released_entries(store):
    def entry(i, status):
        return Entry(f"e{i}", 7, 1, date(2026, 11, 2), 600, Decimal("0.2"), Decimal("300"),
                     "Email", "n", True, ("s1",), status, None, T0)

    store.entries.save([entry(1, EntryStatus.DRAFT), entry(2, EntryStatus.RELEASED)])
    store.entries.replace_drafts(7, date(2026, 11, 2), [entry(3, EntryStatus.DRAFT)])
    assert [e.id for e in store.entries.list(user=7)] == ["e2", "e3"]


def test_transaction_rolls_back_everything_on_error(store):
    with pytest.raises(ValueError), store.transaction():
        store.activity.add_spans([make_span(1)])
        raise ValueError("interrupted")
    assert store.activity.spans(7) == []


def test_database_refuses_a_bad_path(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(Exception, match="file"):
        Database.open(blocker / "nested.duckdb")


def test_an_attribution_keeps_its_candidate_matters_for_the_review(store):
    from tenths.records import Attribution

    flag = Attribution("s1", None, 0.48, True, True, ("which matter?",), "v6",
                       ((101, 0.48), (102, 0.31), (None, 0.12)))
    sure = Attribution("s2", 101, 0.97, False, True)
    store.activity.save_attributions([flag, sure])
    held = store.activity.attributions(["s1", "s2"])
    assert held["s1"] == flag and held["s1"].candidates[2] == (None, 0.12)
    assert held["s2"].candidates == ()
