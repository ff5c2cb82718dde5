"""How far each opinion is trusted is fitted from the laptop's reviewed spans (pipeline/blend.py)."""

import random

from pipeline.blend import MIN_REVIEWED, Blend, Seen, TrackRecord, fit_blend


def _record(n: int, model_right: float, content_right: float, seed: int = 0) -> list[Seen]:
    """Spans on matters 1-5; each opinion puts 0.9 on the right matter with the given
    chance, else on a wrong one."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        truth = rng.randint(1, 5)
        wrong = rng.choice([m for m in range(1, 6) if m != truth])

        def opinion(right: float, truth: int = truth, wrong: int = wrong) -> tuple:
            said = truth if rng.random() < right else wrong
            return ((said, 0.9), (None, 0.05))

        out.append(Seen(opinion(model_right), opinion(content_right), truth))
    return out


def test_the_combiner_decides_alone_until_enough_spans_are_reviewed():
    assert fit_blend(_record(MIN_REVIEWED - 1, 0.1, 0.95)) == Blend(reviewed=MIN_REVIEWED - 1)


def test_where_the_reviewed_words_are_right_and_the_combiner_is_not_the_words_win():
    blend = fit_blend(_record(400, model_right=0.2, content_right=0.95))
    assert blend.weight <= 0.2
    assert blend.mix({2: 0.9, None: 0.1}, {1: 0.9, None: 0.1}, [1, 2, None])[0] > 0.5


def test_where_the_combiner_is_right_it_keeps_its_weight():
    assert fit_blend(_record(400, model_right=0.97, content_right=0.5)).weight >= 0.8


def test_a_reviewed_span_carries_the_opinions_it_was_decided_with_and_an_undo_drops_it():
    record = TrackRecord()
    record.predicted("s1", ((1, 0.9),), ((2, 0.7),), "email")
    record.answered("s1", 2)
    assert record.reviewed["s1"] == Seen(((1, 0.9),), ((2, 0.7),), 2, "email")
    record.answered("s1", 3)  # corrected again later: the same opinions, the new answer
    assert record.reviewed["s1"].label == 3 and not record.pending
    again = TrackRecord.from_state(record.to_state())
    assert again.reviewed == record.reviewed
    record.unanswered("s1")
    assert not record.reviewed


def test_the_confidence_is_what_the_laptops_reviews_say_such_decisions_earn():
    rng = random.Random(3)

    def seen(stated: float, right_chance: float) -> Seen:
        opinion = ((1, stated), (None, 1 - stated))
        return Seen(opinion, opinion, 1 if rng.random() < right_chance else 2)

    def earned(blend: Blend, stated: float) -> float:
        opinion = {1: stated, None: 1 - stated}
        return blend.confidence(blend.mix(opinion, opinion, [1])[0])

    # Decisions were right 0.3 less often than the opinions said.
    stated = [rng.uniform(0.6, 1.0) for _ in range(800)]
    assert abs(earned(fit_blend([seen(p, p - 0.3) for p in stated]), 0.9) - 0.6) < 0.08
    # Right as often as said: the confidence stays.
    assert abs(earned(fit_blend([seen(p, p) for p in stated]), 0.9) - 0.9) < 0.04
    assert Blend().confidence(0.42) == 0.42  # too few reviews: as the combiner said


def test_the_confidence_follows_the_laptop_once_it_has_learned_from_its_first_misses():
    record = TrackRecord()
    stated = ((1, 0.9), (None, 0.1))
    # A laptop's first 200 answers wrong, its next 800 (some three weeks) right 90%.
    for i in range(1000):
        record.predicted(f"s{i}", stated, ())
        record.answered(f"s{i}", 2 if i < 200 or i % 10 == 0 else 1)
    assert abs(record.blend().confidence(0.9) - 0.9) < 0.05


def test_a_day_reviewed_weeks_late_still_enters_the_record():
    record = TrackRecord()
    record.predicted("old", ((1, 0.9),), ())
    for i in range(1000):  # some four weeks of work decided, not yet reviewed
        record.predicted(f"s{i}", ((1, 0.9),), ())
    record.answered("old", 1)
    assert "old" in record.reviewed


def test_a_first_reviewed_day_calibrates_the_combiner_before_the_words_have_a_say():
    rng = random.Random(4)
    stated = ((1, 0.9), (None, 0.1))
    # The content learner had no opinion yet: the first day's spans carry the combiner's
    # alone, right half the time it said 0.9.
    record = [Seen(stated, (), 1 if rng.random() < 0.5 else 2) for _ in range(2 * MIN_REVIEWED)]
    blend = fit_blend(record)
    assert blend.calibrated and blend.identity  # the combiner's opinion, unmixed
    assert abs(blend.confidence(0.9) - 0.5) < 0.1


def test_each_kind_of_span_earns_the_confidence_its_own_reviews_say():
    rng = random.Random(5)

    def seen(stated: float, right_chance: float, source: str) -> Seen:
        opinion = ((1, stated), (None, 1 - stated))
        return Seen(opinion, opinion, 1 if rng.random() < right_chance else 2, source)

    def earned(blend: Blend, stated: float, source: str) -> float:
        opinion = {1: stated, None: 1 - stated}
        return blend.confidence(blend.mix(opinion, opinion, [1])[0], source)

    stated = [rng.uniform(0.6, 1.0) for _ in range(600)]
    # Documents were right as often as the opinions said; emails 0.4 less often.
    blend = fit_blend([seen(p, p, "document") for p in stated]
                      + [seen(p, p - 0.4, "email") for p in stated])
    assert abs(earned(blend, 0.9, "document") - 0.9) < 0.06
    assert abs(earned(blend, 0.9, "email") - 0.5) < 0.08
    # A kind the record has not seen earns what all the laptop's spans earn.
    assert earned(blend, 0.9, "call") == earned(blend, 0.9, "")


def test_a_record_saved_before_sources_were_kept_still_loads():
    state = {"pending": [["s2", [[1, 0.8]], [[1, 0.6]]]],
             "reviewed": [["s1", [[1, 0.9]], [[2, 0.7]], 2]]}
    record = TrackRecord.from_state(state)
    assert record.reviewed["s1"] == Seen(((1, 0.9),), ((2, 0.7),), 2, "")
    assert record.pending["s2"] == (((1, 0.8),), ((1, 0.6),), "")


def test_once_calibrated_an_answer_at_even_odds_or_better_is_given_and_a_worse_one_asked():
    from pipeline.attribute import Outcome, Scored, Weighed, outcome

    scored = Scored(Weighed((1, 2), (), 0.0), [0.3, 0.2], 0.1, None)
    # The laptop's record says an answer of 0.3 is right 60 times in 100.
    assert outcome(scored, 0.5, lambda p: 0.6) == (Outcome.MATTER, 1, 0.6)
    assert outcome(scored, 0.5, lambda p: 0.45)[0] is Outcome.ASK
    # Uncalibrated, the combiner's own threshold on its own probability.
    assert outcome(scored, 0.73)[0] is Outcome.ASK


def _no_evidence_record(n: int, none_right: float, seed: int = 0) -> list[Seen]:
    """Half the spans the combiner knows (0.9 on the matter); on the other half it finds
    nothing and says "no matter" (0.85), while the reviewed words lean to a matter. The
    review's answer there is "no matter" with chance ``none_right``, else that matter."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        truth, other = rng.sample(range(1, 6), 2)
        if i % 2:
            out.append(Seen(((truth, 0.9), (other, 0.05), (None, 0.05)),
                            ((truth, 0.4), (other, 0.3), (None, 0.1)), truth))
        else:
            said = None if rng.random() < none_right else truth
            out.append(Seen(((None, 0.85), (truth, 0.05), (other, 0.05)),
                            ((truth, 0.45), (other, 0.25), (None, 0.1)), said))
    return out


def test_a_no_matter_said_for_want_of_evidence_is_discounted_where_reviews_overrule_it():
    blend = fit_blend(_no_evidence_record(400, none_right=0.0))
    assert blend.none_bias < -1
    said = blend.mix({None: 0.85, 1: 0.05, 2: 0.05}, {1: 0.45, 2: 0.25, None: 0.1}, [1, 2, None])
    # The mixture alone would keep a quarter on "no matter"; the record says it is never so.
    assert said[2] < 0.05 and said[0] > 0.4


def test_a_no_matter_the_reviews_bear_out_is_not_discounted_nor_ever_raised():
    # "No matter" was the answer more often than the mixture said.
    assert fit_blend(_no_evidence_record(400, none_right=0.95)).none_bias == 0.0
