"""The store on disk is its owner's alone, and raw text is purged on a rolling schedule."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from factories import T0, make_span

from tenths.errors import StoreError
from tenths.records import Attribution
from tenths.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask as loose as most desktops' (0022), restored afterwards."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def test_a_new_store_is_readable_by_its_owner_only(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "data" / "user-7.duckdb"
    with Store.open(path) as store:
        store.activity.add_spans([make_span(1, text="privileged words")])
        wal = path.with_name(path.name + ".wal")
        assert wal.exists()  # written, not yet checkpointed
        assert mode(wal) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_a_store_left_readable_by_an_older_version_is_made_private(
    tmp_path: Path, loose_umask: None
) -> None:
    path = tmp_path / "data" / "user-7.duckdb"
    Store.open(path).close()
    path.chmod(0o644)
    path.parent.chmod(0o755)
    Store.open(path).close()
    assert (mode(path.parent), mode(path)) == (0o700, 0o600)


def test_a_folder_that_cannot_be_made_private_is_refused_by_name(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot make the store's folder private"):
        Store.open(blocker / "user-7.duckdb")


def attributed(span_id: str) -> Attribution:
    return Attribution(span_id, 1, 0.9, False, True, ("test",), "test")


def test_purge_blanks_attributed_spans_past_the_window_and_keeps_their_attributions(
    store: Store,
) -> None:
    old = make_span(1, text="old words", url="https://example.test/a", path="/docs/a.docx")
    unattributed = make_span(2, text="not yet decided")
    recent = make_span(3, offset_min=600, text="recent words")
    store.activity.add_spans([old, unattributed, recent])
    store.activity.save_attributions([attributed("s1"), attributed("s3")])
    cutoff = T0 + timedelta(hours=5)  # after s1 and s2 ended, before s3
    assert store.activity.purge_text(cutoff, now=T0 + timedelta(days=3)) == 1
    spans = {s.id: s for s in store.activity.spans(7)}
    purged = spans["s1"]
    assert (purged.text, purged.window_title, purged.url, purged.path) == ("", "", None, None)
    assert (purged.start, purged.end, purged.app) == (old.start, old.end, old.app)
    assert spans["s2"].text == "not yet decided"
    assert spans["s3"].text == "recent words"
    assert set(store.activity.attributions(["s1", "s3"])) == {"s1", "s3"}
    # Purging again finds nothing new.
    assert store.activity.purge_text(cutoff, now=T0 + timedelta(days=3)) == 0


def test_unattributed_spans_past_the_window_are_named_by_day_then_purged_once_attributed(
    store: Store,
) -> None:
    store.activity.add_spans([make_span(1, text="a"), make_span(2, text="b")])
    store.activity.save_attributions([attributed("s1")])
    cutoff = T0 + timedelta(hours=5)
    assert store.activity.unattributed_days(7, cutoff, "America/Los_Angeles") == [
        T0.date()
    ]
    store.activity.save_attributions([attributed("s2")])
    assert store.activity.unattributed_days(7, cutoff, "America/Los_Angeles") == []
    assert store.activity.purge_text(cutoff, now=cutoff) == 2


def test_purge_of_everything_takes_unattributed_spans_too(store: Store) -> None:
    store.activity.add_spans([make_span(1, text="a"), make_span(2, text="b")])
    now = T0 + timedelta(hours=1)
    assert store.activity.purge_text(now, now=now, attributed_only=False) == 2
    assert {s.text for s in store.activity.spans(7)} == {""}


def test_a_store_held_by_another_process_is_refused_with_a_clear_message(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    from tenths.store.db import StoreInUse

    path = tmp_path / "data" / "user-7.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUse, match="open in another process"):
            Store.open(path)
    finally:
        holder.communicate("")
