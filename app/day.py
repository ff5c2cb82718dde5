"""Attributing and drafting one timekeeper's day: the step the service repeats every
few minutes and the demo runs once.

``refresh_day`` gets the laptop's knowledge (loaded, or fitted from what corrections taught
and the spans already decided), attributes the day's spans, saves the attributions
(a span the timekeeper corrected at review keeps the correction), drafts the
day around the entries that are settled (released, synced, invoiced: their spans
are not drafted again) and swaps the day's drafts for the new ones. Running it
twice on the same store changes nothing the second time but the drafts'
``updated_at``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.attribute import Encoder, Engine, attribute_day
from pipeline.combiner import AnyCombiner
from pipeline.draft import DraftContext, draft_day
from tenths.records import REVIEWED, Attribution, Entry
from tenths.settings import Settings
from tenths.store import Store


@dataclass(frozen=True)
class DayRefresh:
    """What one refresh of a day did (counts and the new drafts; no captured text)."""

    user: int
    day: date
    spans: int
    attributions: tuple[Attribution, ...]
    drafts: tuple[Entry, ...]
    settled: int  # the day's entries left alone (released, synced, invoiced)

    @property
    def abstained(self) -> int:
        return sum(a.abstained for a in self.attributions)

    @property
    def nonmatter(self) -> int:
        return sum(not a.abstained and a.case_id is None for a in self.attributions)


def refresh_day(
    store: Store,
    user: int,
    day: date,
    settings: Settings,
    *,
    now: datetime,
    encoder: Encoder | None = None,
    combiner: AnyCombiner | None = None,
    nlp: Callable[[], object] | None = None,
    knowledge_file: Path | None = None,
) -> DayRefresh:
    """Attribute and draft ``user``'s ``day`` (in the billing timezone) in ``store``.

    The laptop's knowledge is loaded from ``knowledge_file`` when it is current (else
    fitted from the store's history) and saved back with what the day taught; without
    a file it is fitted from the store each time. ``nlp`` loads the spaCy model (once:
    the caller caches it), needed only when corrections are learned."""
    from pipeline.combiner import load_combiner
    from pipeline.entities import EntityExtractor, load_model
    from pipeline.history import accept_reviewed, fit, load_or_fit

    spans = store.activity.spans(user, day=day, tz=settings.billing.timezone)
    engine = Engine(combiner if combiner is not None else load_combiner(), encoder,
                    EntityExtractor.from_matters(store.catalog.matters(), nlp or load_model),
                    settings.attribution)
    if knowledge_file is None:
        knowledge = fit(store, user, engine)
    else:
        knowledge = load_or_fit(store, user, engine, knowledge_file)
    day_start = datetime.combine(day, time(0), ZoneInfo(settings.billing.timezone))
    knowledge = accept_reviewed(store, user, knowledge, day_start)
    day_result = attribute_day(spans, knowledge, engine)
    if knowledge_file is not None:
        knowledge.learn(day_result.lessons).save(knowledge_file)
    decided = day_result.attributions
    before = store.activity.attributions(s.id for s in spans)
    # A decision the timekeeper made at review is theirs: the model never overwrites it.
    fresh = [a for a in decided if before.get(a.span_id, a).model_version != REVIEWED]
    store.activity.save_attributions(fresh)
    attributions = {a.span_id: a for a in fresh}
    attributions.update({k: v for k, v in before.items() if v.model_version == REVIEWED})
    # The firm's [billing] settings, and its style learned from the entries MyCase holds
    # and from the narratives this timekeeper edited.
    ctx = DraftContext.build(
        store.catalog.matters(), store.catalog.staff(), store.catalog.activity_names(),
        settings.billing, history=store.catalog.remote_entries(),
        edited=[e for e in store.entries.list(user=user) if e.edited],
    )
    # Settled entries (released, synced, invoiced, edited by hand: ``Entry.settled``)
    # keep their spans; draft_day drafts around them and replace_drafts never touches them.
    existing = store.entries.list(user=user, day=day)
    drafts = draft_day(user, day, spans, attributions, ctx, now, existing)
    store.entries.replace_drafts(user, day, drafts)
    return DayRefresh(user, day, len(spans), tuple(attributions[s.id] for s in spans
                                                   if s.id in attributions),
                      tuple(drafts), sum(e.settled for e in existing))


class DayRefresher:
    """``refresh_day`` for one timekeeper, with the models made once, on first use (a
    service that only captures never loads them)."""

    def __init__(self, settings: Settings, user: int, embeddings: bool = True):
        self.settings = settings
        self.user = user
        self.embeddings = embeddings
        self._models: tuple[Encoder | None, AnyCombiner] | None = None
        from pipeline.entities import load_model

        self.nlp = cache(load_model)  # loaded once, when a correction is first learned

    def models(self) -> tuple[Encoder | None, AnyCombiner]:
        if self._models is None:
            from pipeline.combiner import load_combiner

            encoder: Encoder | None = None
            if self.embeddings:
                from pipeline.embedding import load_encoder

                encoder = load_encoder()
            self._models = (encoder, load_combiner())
        return self._models

    def __call__(self, store: Store, day: date, now: datetime) -> DayRefresh:
        encoder, combiner = self.models()
        from pipeline.history import knowledge_path

        return refresh_day(store, self.user, day, self.settings, now=now, encoder=encoder,
                           combiner=combiner, nlp=self.nlp,
                           knowledge_file=knowledge_path(self.settings.store.path_for(self.user)))
