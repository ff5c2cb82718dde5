"""The correction API the review screen calls: one path for the UI and the eval."""

from __future__ import annotations

import hashlib
from datetime import datetime

from pipeline.attribute import Attributor
from pipeline.combiner import FEATURES
from tenths.records import REVIEWED, Attribution, Correction, Span
from tenths.store import Store


def correct(
    store: Store,
    attributor: Attributor,
    span: Span,
    attribution: Attribution | None,
    to_case_id: int | None,
    now: datetime,
) -> Correction:
    """Record that ``span`` belongs to ``to_case_id`` (None: no matter) and teach it.

    The correction keeps what the combiner weighed for the span in the attributor's
    last day (candidates, feature rows, "no matter" boost, feature names), or nothing
    when the span was not attributed there."""
    key = f"{span.id}|{to_case_id}|{now.isoformat()}"
    weighed = attributor.last_features.get(span.id)
    correction = Correction(
        id=hashlib.sha256(key.encode()).hexdigest()[:20],
        span_id=span.id,
        user=span.user,
        from_case_id=attribution.predicted_case if attribution else None,
        to_case_id=to_case_id,
        made_at=now,
        candidates=None if weighed is None else tuple(weighed[0]),
        features=None if weighed is None else tuple(tuple(row) for row in weighed[1]),
        none_boost=None if weighed is None else float(weighed[2]),
        feature_names=None if weighed is None else FEATURES,
    )
    with store.transaction():
        store.activity.add_correction(correction)
        store.activity.save_attributions(
            [Attribution(span.id, to_case_id, 1.0, False, to_case_id is not None,
                         ("corrected by timekeeper",), REVIEWED)]
        )
    attributor.learn(span, correction)
    return correction


def undo(store: Store, attributor: Attributor, correction: Correction) -> None:
    """Take a correction back, and everything it taught."""
    store.activity.undo_correction(correction.id)
    attributor.unlearn(correction)
