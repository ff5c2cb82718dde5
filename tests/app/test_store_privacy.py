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


def test_purged_words_leave_the_file_on_disk_too(tmp_path: Path) -> None:
    # DuckDB keeps freed blocks, old values and all, as free space in the file: a purge
    # that only blanked the rows left the words readable in the file's bytes.
    from app.operations import purge
    from tenths.settings import Settings

    path = tmp_path / "data" / "user-7.duckdb"
    spans = [make_span(i, text=f"PRIVILEGEDWORDS {i}", window_title=f"SECRETTITLE {i}",
                       url=f"https://example.test/SECRETURL{i}") for i in range(60)]
    with Store.open(path) as store:
        store.activity.add_spans(spans)
        store.activity.save_attributions(attributed(s.id) for s in spans)
        store.db.con.execute("CHECKPOINT")
        report = purge(store, 7, Settings(), T0 + timedelta(days=30), lambda day: None)
        assert report.purged == 60
        assert {s.text for s in store.activity.spans(7)} == {""}
        store.activity.add_spans([make_span(99, text="later work")])  # still usable
        assert len(store.activity.spans(7)) == 61
    on_disk = path.read_bytes()
    for secret in (b"PRIVILEGEDWORDS", b"SECRETTITLE", b"SECRETURL"):
        assert secret not in on_disk
    assert mode(path) == 0o600


def test_a_day_that_cannot_be_attributed_holds_up_no_other_days_purge(store: Store) -> None:
    from app.operations import GRACE_HOURS, purge
    from tenths.settings import Settings

    done = make_span(1, text="attributed words")
    stuck = make_span(2, offset_min=60 * 24, text="words of a day that fails")
    store.activity.add_spans([done, stuck])
    store.activity.save_attributions([attributed(done.id)])

    def failing(day: object) -> None:
        raise RuntimeError("the model is missing")

    settings = Settings()
    window = timedelta(hours=settings.capture.retention_hours)
    soon = stuck.end + window + timedelta(hours=1)
    report = purge(store, 7, settings, soon, failing)
    assert report.purged == 1 and report.days_attributed == ()
    texts = {s.id: s.text for s in store.activity.spans(7)}
    assert texts == {done.id: "", stuck.id: "words of a day that fails"}
    later = stuck.end + window + timedelta(hours=GRACE_HOURS + 1)
    assert purge(store, 7, settings, later, failing).purged == 1
    assert {s.text for s in store.activity.spans(7)} == {""}


def test_a_tabs_address_is_kept_without_its_fragment() -> None:
    from app.api.intake import kept_url

    signed_in = "https://app.example.test/callback?state=1#access_token=SECRET&expires=3600"
    assert kept_url(signed_in) == "https://app.example.test/callback?state=1"
    assert kept_url("https://westlaw.example.test/search?q=laches") == (
        "https://westlaw.example.test/search?q=laches")


def test_a_token_file_left_readable_is_made_private(tmp_path: Path, loose_umask: None) -> None:
    from app.runtime import RuntimeFiles

    runtime = RuntimeFiles(tmp_path)
    token = runtime.token()
    runtime.token_path.chmod(0o644)
    assert runtime.token() == token and mode(runtime.token_path) == 0o600
