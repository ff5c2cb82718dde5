"""A pull (case list and time entries) is stored whole or not at all; the case list
is stored between two pages of time entries, while the next ones are fetched."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from engine_support import Rig
from mycase_support import small_firm

from sync.errors import TransportFailure
from sync.pullers import ENTRY_WATERMARK


@pytest.fixture
def rig() -> Iterator[Rig]:
    with ExitStack() as stack:
        yield Rig(stack)


def test_a_failed_case_list_read_stores_no_time_entries_either(rig: Rig) -> None:
    def broken(**_: object) -> Iterator[dict[str, object]]:
        raise TransportFailure("GET /cases: injected")

    rig.client.cases = broken  # type: ignore[method-assign]
    with pytest.raises(TransportFailure):
        rig.engine().pull(full=True)
    store = rig.store
    assert store.catalog.remote_entry_ids() == set()
    assert store.catalog.matters() == [] and store.catalog.contacts() == {}
    assert store.sync_state.get(ENTRY_WATERMARK) is None

    del rig.client.cases  # the real method again
    report = rig.engine().pull(full=True)
    assert report.entries == 5 and report.matters == 3
    assert len(store.catalog.remote_entry_ids()) == 5
    assert store.sync_state.get(ENTRY_WATERMARK) is not None


def test_pull_entries_hands_over_after_every_batch() -> None:
    """The engine stores the case list from `on_page` once it is read: the hook
    comes after each batch of entries taken in, on the thread that owns the store."""
    firm = small_firm()
    template = firm["time_entries"][0]
    firm["time_entries"] += [{**template, "id": 5000 + n} for n in range(2500)]
    calls: list[tuple[int, bool]] = []
    with ExitStack() as stack:
        rig = Rig(stack, firm=firm)

        def on_page() -> None:
            held = len(rig.store.catalog.remote_entry_ids())  # the store is usable here
            calls.append((held, threading.current_thread() is threading.main_thread()))

        changed, _ = rig.engine().puller.pull_entries(full=True, on_page=on_page)
    assert changed == 2505
    assert len(calls) == 3 and all(on_main for _, on_main in calls)  # 1000, 1000, 505
