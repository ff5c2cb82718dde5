"""A laptop's knowledge from its store: ``fit`` replays the history once, ``load`` reads
what was saved instead.

``fit`` builds the base knowledge from the synced case list, then replays, in
start order, every span the laptop decided (what its screens showed; what its sure
decisions taught) and every correction the timekeeper made. ``load`` reads the
knowledge saved after the last day or correction: a start costs a file read, not a
replay. ``load_or_fit`` catches a saved knowledge up with the corrections made
since (the review records them in the store); one built on another case list, or
holding a correction since undone, is fitted again (the log says why, with ids and
class names only).

A day's decisions that the review left alone were accepted: ``accept_reviewed``
teaches them to the content learner once their day is over (the harness does so at
each day's review).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from pipeline.attribute import Engine, correction_lesson, decided, evidence
from pipeline.knowledge import (
    AcceptedBefore,
    Aged,
    Knowledge,
    Lesson,
    Observed,
    Reviewed,
    catalog_fingerprint,
    firm_keys,
)
from tenths.records import REVIEWED, Attribution, Span
from tenths.store import Store

log = logging.getLogger(__name__)


def knowledge_path(store_path: Path) -> Path:
    """Where a store's knowledge is saved: beside it (``user-7.duckdb`` →
    ``user-7.knowledge.json``)."""
    return store_path.with_suffix(".knowledge.json")


def base_of(store: Store, user: int) -> Knowledge:
    """What the store's case list says, nothing learned yet."""
    matters = store.catalog.matters()
    history = store.catalog.remote_entries()
    staff = list(store.catalog.staff().values())
    return Knowledge.base(user, matters, history, firm_keys(staff),
                          catalog_fingerprint(matters, history, staff))


def fit(store: Store, user: int, engine: Engine) -> Knowledge:
    """The timekeeper's knowledge, with everything the store's history teaches replayed."""
    corrections = store.activity.corrections(user)
    knowledge = base_of(store, user)
    spans = {s.id: s for s in store.activity.spans(user)}  # in start order
    made = store.activity.attributions(spans)
    knowledge = knowledge.learn(Observed(knowledge.memory.observation(s), s.start.date())
                                for s in spans.values() if s.id in made)

    def replayed(view: Knowledge, item: tuple[Span, Attribution]) -> list[Lesson]:
        span, decision = item
        return [Aged(span.start.date()),
                *decided(span, decision, evidence(span, view), view, engine.rules)]

    knowledge = knowledge.learn_each(
        [(s, made[s.id]) for s in spans.values()
         if s.id in made and made[s.id].model_version != REVIEWED], replayed)
    return knowledge.learn_each(
        [c for c in corrections if c.span_id in spans],
        lambda view, c: [correction_lesson(spans[c.span_id], c, view, engine)])


def accept_reviewed(store: Store, user: int, knowledge: Knowledge,
                    before: datetime) -> Knowledge:
    """``knowledge`` having learned every decision of the spans started before ``before``
    (the start of the day being attributed) that the review left alone, unless it
    learned that span already. Not a "which matter?" flag, nor a span set at review:
    its correction taught it.

    Only the spans from ``knowledge.accepted_before`` on are read: those before it were
    looked at already. A replay of the history (``fit``) leaves no such mark, so every
    span is looked at again then; and attributing an earlier day moves the mark back to
    that day, whose spans the next later day then teaches."""
    spans = [s for s in store.activity.spans(user, since=knowledge.accepted_before,
                                             before=before)
             if not knowledge.content.knows(s.id)]
    made = store.activity.attributions(s.id for s in spans)
    accepted = [Reviewed(s, made[s.id].case_id) for s in spans
                if s.id in made and not made[s.id].abstained
                and made[s.id].model_version != REVIEWED]
    if not accepted and knowledge.accepted_before == before:  # a refresh of the same day
        return knowledge
    return knowledge.learn([*accepted, AcceptedBefore(before)])


def load(store: Store, user: int, path: Path) -> Knowledge:
    """The knowledge saved at ``path``, over the store's case list; ValueError when it was
    saved over another case list or before a correction the store holds."""
    knowledge = base_of(store, user).with_state(path.read_text(encoding="utf-8"))
    if knowledge.corrections != frozenset(c.id for c in store.activity.corrections(user)):
        raise ValueError("knowledge: saved before a correction the store holds, or after an undo")
    return knowledge


def load_or_fit(store: Store, user: int, engine: Engine, path: Path) -> Knowledge:
    """The saved knowledge, caught up with the corrections made since it was saved (the
    review records them in the store); fitted again when it cannot be (another case list,
    a correction undone since); saved whenever it changed."""
    if path.exists():
        try:
            knowledge = base_of(store, user).with_state(path.read_text(encoding="utf-8"))
        except (ValueError, KeyError) as exc:
            log.info("knowledge for user %s not loaded (%s): fitting again", user,
                     type(exc).__name__)
        else:
            corrections = store.activity.corrections(user)
            if knowledge.corrections <= {c.id for c in corrections}:
                new = [c for c in corrections if c.id not in knowledge.corrections]
                if new:
                    spans = {s.id: s for s in store.activity.spans(user)}
                    knowledge = knowledge.learn_each(
                        [c for c in new if c.span_id in spans],
                        lambda view, c: [correction_lesson(spans[c.span_id], c, view, engine)])
                    knowledge.save(path)
                return knowledge
            log.info("knowledge for user %s: a correction was undone since: fitting again", user)
    knowledge = fit(store, user, engine)
    knowledge.save(path)
    return knowledge
