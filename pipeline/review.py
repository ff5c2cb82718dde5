"""The correction API the review screen calls: one path for the UI and the eval.

It records; it does not learn. The caller turns a correction into a lesson
(``pipeline.attribute.correction_lesson``) and applies it to its knowledge.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from pipeline.attribute import Weighed
from pipeline.features import FEATURES
from pipeline.knowledge import Undone
from tenths.records import REVIEWED, Attribution, Correction, Span
from tenths.store import Store


def correct(
    store: Store,
    span: Span,
    attribution: Attribution | None,
    to_case_id: int | None,
    now: datetime,
    weighed: Weighed | None = None,
) -> Correction:
    """Record that ``span`` belongs to ``to_case_id`` (None: no matter).

    The correction keeps what the combiner weighed for the span when it was decided
    (``weighed``: candidates, feature rows, "no matter" boost, with the feature names),
    or nothing when that is not at hand."""
    key = f"{span.id}|{to_case_id}|{now.isoformat()}"
    correction = Correction(
        id=hashlib.sha256(key.encode()).hexdigest()[:20],
        span_id=span.id,
        user=span.user,
        from_case_id=attribution.predicted_case if attribution else None,
        to_case_id=to_case_id,
        made_at=now,
        candidates=None if weighed is None else weighed.candidates,
        features=None if weighed is None else tuple(tuple(row) for row in weighed.rows),
        none_boost=None if weighed is None else float(weighed.none_boost),
        feature_names=None if weighed is None else FEATURES,
    )
    with store.transaction():
        store.activity.add_correction(correction)
        store.activity.save_attributions(
            [Attribution(span.id, to_case_id, 1.0, False, to_case_id is not None,
                         ("corrected by timekeeper",), REVIEWED)]
        )
    return correction


def undo(store: Store, correction: Correction) -> Undone:
    """Take a correction back; the lesson that takes back everything it taught."""
    store.activity.undo_correction(correction.id)
    return Undone(correction)
