"""A timekeeper's laptop for the attribution tests: invented matters, and the loop the service runs (attribute a day, apply its lessons; a correction teaches the same way)."""

from datetime import timedelta

from factories import T0, make_contact, make_matter, make_span

from pipeline.attribute import (
    Engine,
    attribute_day,
    correction_lesson,
    evidence,
)
from pipeline.combiner import DEFAULT_COMBINER
from pipeline.knowledge import Knowledge, Settled, Undone
from tenths.records import Correction

OKAFOR = make_contact(11, "Dana Okafor", email="dana.okafor@example.test",
                      phones=("(619) 555-0142",))
OKAFOR_2 = make_contact(12, "Dana Okafor")
BRIGHT = make_contact(21, "Brightline Logistics, Inc.", kind="company",
                      email="legal@brightline-logistics.test")
HOLLIS = make_contact(13, "Marguerite Hollis")
MATTERS = [
    make_matter(1, "Okafor v. Brightline Logistics, Inc.", (OKAFOR, BRIGHT),
                case_number="24STCV01234"),
    make_matter(2, "In re Estate of Marguerite Hollis", (HOLLIS,), case_number="PR-2024-00917",
                practice_area="Probate"),
    make_matter(3, "Okafor Family Trust", (OKAFOR_2,), case_number="EP-2025-0042",
                practice_area="Estate Planning"),
]


class Laptop:
    """One timekeeper's laptop as the service runs it: it attributes each day from its
    knowledge and applies the lessons the day returns; a correction teaches the same way."""

    def __init__(self, matters=MATTERS, history=(), stop_keys=frozenset(),
                 combiner=DEFAULT_COMBINER, entities=None):
        self.engine = Engine(combiner, entities=entities)
        self.knowledge = Knowledge.base(7, matters, history, stop_keys)
        self.weighed = {}  # span id → what the combiner weighed for it, its last decision

    def attribute_day(self, spans):
        result = attribute_day(spans, self.knowledge, self.engine)
        self.knowledge = self.knowledge.learn(result.lessons)
        self.weighed.update(result.weighed)
        return result.attributions

    def corrected(self, span, case):
        """The span decided on a day of its own, then corrected to ``case``."""
        self.attribute_day([span])
        self.learn(span, correction(span, case))

    def learn(self, span, fix):
        self.knowledge = self.knowledge.learn(
            [correction_lesson(span, fix, self.knowledge, self.engine)])

    def unlearn(self, fix):
        self.knowledge = self.knowledge.learn([Undone(fix)])

    def settle(self):
        self.knowledge = self.knowledge.learn([Settled()])

    def evidence(self, span):
        return evidence(span, self.knowledge)

    def row(self, span_id, case):
        """The features the combiner weighed for ``case`` on the span (None: no candidate)."""
        weighed = self.weighed[span_id]
        return weighed.rows[weighed.candidates.index(case)] if case in weighed.candidates else None

    def named(self, words):
        """How a screen showing only ``words`` names each matter, by the kind of term its
        evidence gives as the reason ("alias", "settled", "short", ...), once the knowledge
        is settled; the knowledge itself is left as it was."""
        settled = self.knowledge.learn([Settled()])
        found = evidence(make_span(99, window_title="", text=words), settled)
        return {m: "+".join(sorted({r.split(":")[0] for r in reasons}))
                for m, reasons in found.reasons.items()}

    def remembered(self, span):
        """The matter whose thread the span is on, by the features of its decision (the
        knowledge is left as it was)."""
        result = attribute_day([span], self.knowledge, self.engine)
        w = result.weighed[span.id]
        return next((c for c, row in zip(w.candidates, w.rows, strict=True) if row.memory), None)


def correction(span, to_case, cid="c1"):
    return Correction(cid, span.id, 7, None, to_case, T0 + timedelta(hours=8))
