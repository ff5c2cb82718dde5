"""refresh_day: the service's every-few-minutes step. Drafting again changes nothing the
lawyer decided: a reviewed attribution and a released entry stay as they are."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from factories import T0, make_contact, make_matter, make_span, make_staff

from app.day import DayRefresher, refresh_day
from pipeline.combiner import DEFAULT_COMBINER
from tenths.records import REVIEWED, Attribution, EntryStatus
from tenths.settings import Settings, StoreSettings
from tenths.store import Store


def seeded(store: Store) -> None:
    quill = make_contact(1, "Avery Quill")
    store.catalog.save_staff([make_staff()])
    store.catalog.save_contacts([quill])
    store.catalog.save_matters([make_matter(11, "Quill v. Tallis", (quill,)),
                                make_matter(12, "Estate of Lund")])
    store.catalog.save_activity_names(["Email", "Draft/Revise"])
    store.activity.add_spans([
        make_span(i, minutes=12, window_title=f"Re: Quill v. Tallis discovery {i}",
                  text="Avery Quill wrote about the Quill v. Tallis deposition")
        for i in range(4)
    ])


def test_a_reviewed_attribution_is_kept_and_a_second_refresh_changes_nothing(
    store: Store,
) -> None:
    seeded(store)
    settings = Settings()
    store.activity.save_attributions([Attribution("s0", 12, 1.0, False, True,
                                                  ("corrected by timekeeper",), REVIEWED)])
    first = refresh_day(store, 7, T0.date(), settings, now=T0 + timedelta(hours=2),
                        combiner=DEFAULT_COMBINER)
    assert first.spans == 4
    kept = store.activity.attributions(["s0"])["s0"]
    assert (kept.case_id, kept.model_version) == (12, REVIEWED)
    assert {e.case_id for e in first.drafts} >= {12}
    again = refresh_day(store, 7, T0.date(), settings, now=T0 + timedelta(hours=3),
                        combiner=DEFAULT_COMBINER)
    assert [(e.id, e.hours, e.span_ids) for e in again.drafts] == [
        (e.id, e.hours, e.span_ids) for e in first.drafts]


def test_a_released_entry_is_left_alone_and_its_spans_are_not_drafted_again(
    store: Store,
) -> None:
    seeded(store)
    settings = Settings()
    first = refresh_day(store, 7, T0.date(), settings, now=T0 + timedelta(hours=2),
                        combiner=DEFAULT_COMBINER)
    assert first.drafts
    released = first.drafts[0].replace(status=EntryStatus.RELEASED)
    store.entries.save([released])
    again = refresh_day(store, 7, T0.date(), settings, now=T0 + timedelta(hours=3),
                        combiner=DEFAULT_COMBINER)
    assert again.settled == 1
    assert store.entries.get(released.id) == released
    drafted = {s for e in again.drafts for s in e.span_ids}
    assert not drafted & set(released.span_ids)


def test_the_services_refreshes_run_the_embedding_model_once_on_each_text(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    encoded: list[str] = []

    class CountingModel:  # stands in for MiniLM: one vector for every text
        def __init__(self, spec: object) -> None:
            pass

        def encode(self, texts: list[str]) -> np.ndarray:
            encoded.extend(texts)
            return np.full((len(texts), 4), 0.5)

    monkeypatch.setattr("pipeline.embedding.Embedder", CountingModel)
    monkeypatch.setattr("pipeline.embedding.load_spec", lambda name=None: None)
    seeded(store)
    store.activity.add_spans([make_span(9, offset_min=400, window_title="Notes",
                                        text="Quill and Lund: the open points")])  # in doubt
    refresher = DayRefresher(Settings(store=StoreSettings(data_dir=tmp_path)), 7)
    refresher(store, T0.date(), T0 + timedelta(hours=2))
    assert len(encoded) > 2  # the matters' profiles and the span in doubt
    first = len(encoded)
    refresher(store, T0.date(), T0 + timedelta(hours=3))
    assert len(encoded) == first
