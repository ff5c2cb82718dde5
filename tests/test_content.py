"""The content learner (pipeline/content.py): reviewed spans teach it their matter."""

from factories import make_span

from pipeline.content import NOTHING, ContentLearner

LEASE = dict(window_title="Quarry Road lease amendment - Word", kind="document", app="Word")
CUSTODY = dict(window_title="Harrow custody schedule - Word", kind="document", app="Word")
LUNCH = dict(window_title="Team lunch order", kind="browser", app="Chrome")


def taught(*pairs: tuple[dict, int | None]) -> ContentLearner:
    learner = ContentLearner()
    for i, (fields, case) in enumerate(pairs, start=1):
        learner.learn(make_span(i, **fields), case)
    return learner


def test_it_guesses_nothing_until_two_labels_are_learned():
    assert ContentLearner().guess([make_span(1, **LEASE)]) == [NOTHING]
    assert taught((LEASE, 1)).guess([make_span(2, **LEASE)]) == [NOTHING]


def test_reviewed_spans_teach_matters_and_no_matter():
    learner = taught((LEASE, 1), (CUSTODY, 2), (LUNCH, None))
    lease, custody, lunch = learner.guess(
        [make_span(4, window_title="lease amendment redline"),
         make_span(5, window_title="custody schedule exchange"),
         make_span(6, window_title="lunch order for Friday")])
    assert lease.top(1) == [1] and custody.top(1) == [2]
    assert max(lunch.probabilities, key=lunch.probabilities.get) is None
    assert abs(sum(lease.probabilities.values()) - 1.0) < 1e-6
    assert lease.examples == {1: 1, 2: 1}


def test_a_span_reviewed_again_counts_once_with_its_last_matter_and_undo_forgets_it():
    learner = taught((LEASE, 1), (CUSTODY, 2))
    learner.learn(make_span(1, **LEASE), 2)
    assert learner.examples["s1"].label == 2 and len(learner.examples) == 2
    learner.forget("s2")
    assert not learner.knows("s2")
    assert learner.guess([make_span(3, **CUSTODY)]) == [NOTHING]  # one label left


def test_a_span_without_words_teaches_nothing():
    learner = taught((LEASE, 1), (dict(window_title="", text=""), 2))
    assert not learner.knows("s2")


def test_a_copy_learns_apart_from_its_original():
    learner = taught((LEASE, 1), (CUSTODY, 2))
    twin = learner.copy()
    twin.learn(make_span(9, **LUNCH), None)
    assert twin.knows("s9") and not learner.knows("s9")
    assert None not in learner.guess([make_span(3, **LUNCH)])[0].probabilities


def test_it_keeps_hashed_counts_only_and_reads_back_the_same():
    learner = taught((LEASE, 1), (CUSTODY, 2))
    saved = repr(learner.to_state())
    assert "quarry" not in saved.lower() and "custody" not in saved.lower()
    again = ContentLearner.from_state(learner.to_state())
    probe = [make_span(3, window_title="Quarry lease")]
    assert again.guess(probe) == learner.guess(probe)
