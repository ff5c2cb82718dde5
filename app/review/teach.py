"""Corrections from review: the timekeeper says where spans belong, attribution learns it.

A correction is recorded per span in the store's correction store, as
``pipeline.review.correct`` records the eval's, with the span's attribution replaced
by the timekeeper's decision (``REVIEWED``: drafting again never overrides it). The
next attribution (``pipeline.history.load_or_fit``) learns every correction made since
the knowledge was saved. The review works on stored decisions, not
on a live attributor's last day, so these corrections carry no combiner feature rows
(``features`` None, as the record allows); the data team's retraining export skips
them, the laptop's own memory does not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from tenths.records import REVIEWED, Attribution, Correction
from tenths.store import Store

REASON = "corrected by timekeeper"


def record_corrections(
    store: Store, user: int, span_ids: Sequence[str], to_case_id: int | None, now: datetime,
    salt: str,
) -> tuple[list[Correction], dict[str, Attribution]]:
    """Record that ``span_ids`` belong to ``to_case_id`` (None: no matter). Returns the
    corrections made and the attributions as they were. A span already decided for
    ``to_case_id`` by the timekeeper gets no second correction. Call inside a
    transaction."""
    before = store.activity.attributions(span_ids)
    made: list[Correction] = []
    decided: list[Attribution] = []
    for span_id in span_ids:
        was = before.get(span_id)
        if (was is not None and was.model_version == REVIEWED and not was.abstained
                and was.case_id == to_case_id):
            continue
        key = f"{span_id}|{to_case_id}|{now.isoformat()}|{salt}"
        correction = Correction(
            id=hashlib.sha256(key.encode()).hexdigest()[:20], span_id=span_id, user=user,
            from_case_id=was.predicted_case if was else None, to_case_id=to_case_id,
            made_at=now)
        store.activity.add_correction(correction)
        made.append(correction)
        decided.append(Attribution(span_id, to_case_id, 1.0, False, to_case_id is not None,
                                   (REASON,), REVIEWED, was.candidates if was else ()))
    store.activity.save_attributions(decided)
    return made, before
