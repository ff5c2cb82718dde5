"""The learned combiner: fit with scikit-learn, run from ONNX, calibrated, leak-bounded."""

import random

import numpy as np
import pytest

from pipeline.combiner import FEATURES, Combiner, OnnxCombiner
from pipeline.training import Example, _model_logits, _Table, export, fit_combiner


def synthetic_examples(n: int = 120, seed: int = 3) -> list[Example]:
    """Spans whose right matter has a higher score; a third are non-matter spans."""
    rng = random.Random(seed)
    examples = []
    for i in range(n):
        nonmatter = i % 3 == 0
        rows = []
        for j in range(3):
            right = j == 0 and not nonmatter
            score = rng.uniform(1.5, 4.0) if right else rng.uniform(0.0, 1.5)
            row = [0.0] * len(FEATURES)
            row[FEATURES.index("score")] = score
            row[FEATURES.index("neighbours")] = rng.random() * (0.8 if right else 0.4)
            rows.append(row)
        examples.append(Example([10, 11, 12], rows, 0.0, None if nonmatter else 10))
    return examples


@pytest.fixture(scope="module", params=["linear", "trees"])
def fitted(request, tmp_path_factory):
    examples = synthetic_examples()
    model, combiner = fit_combiner(examples, "test-1", max_leak=0.02, kind=request.param)
    onnx_path, json_path = export(model, combiner, tmp_path_factory.mktemp("combiner"))
    return examples, model, Combiner.load(json_path), onnx_path


def test_onnx_runs_what_scikit_learn_learned(fitted):
    examples, model, calibration, onnx_path = fitted
    onnx = OnnxCombiner(calibration, onnx_path)
    for ex in examples[:50]:
        expected = model.predict_proba(np.asarray(ex.features, np.float32))[:, 1]
        got = onnx.session.run(["probabilities"], {"features": np.asarray(ex.features, np.float32)})[0]
        assert got[:, 1] == pytest.approx(expected, abs=1e-4)
        if calibration.weights:  # the JSON twin of a linear model computes the same softmax
            want, want_none = calibration.probabilities(ex.features)
            have, have_none = onnx.probabilities(ex.features)
            assert have == pytest.approx(want, abs=1e-4)
            assert have_none == pytest.approx(want_none, abs=1e-4)


def test_the_fit_respects_the_leak_bound_and_picks_the_right_candidate(fitted):
    examples, model, calibration, onnx_path = fitted
    onnx = OnnxCombiner(calibration, onnx_path)
    table = _Table.build(examples, _model_logits(model, examples))
    pick, p = table.decisions(calibration.none_score, calibration.temperature)
    billed = (pick < table.logits.shape[1] - 1) & (p >= calibration.abstain_below)
    assert (billed & ~table.matter).sum() / (~table.matter).sum() <= 0.02
    right = sum(
        int(np.argmax(onnx.probabilities(ex.features)[0])) == ex.target
        for ex in examples if ex.truth is not None
    )
    assert right / sum(ex.truth is not None for ex in examples) > 0.9
    assert 0.5 <= calibration.abstain_below <= 0.99


def test_a_tampered_onnx_file_is_refused(fitted, tmp_path):
    _, _, calibration, onnx_path = fitted
    bad = tmp_path / "combiner.onnx"
    bad.write_bytes(onnx_path.read_bytes() + b"\0")
    with pytest.raises(ValueError, match="sha256"):
        OnnxCombiner(calibration, bad)


def test_a_tree_model_says_whether_it_needs_embeddings(fitted):
    _, _, calibration, _ = fitted
    assert not calibration.uses_embeddings  # the synthetic features carry no embedding
    with pytest.raises(ValueError, match="embeddings"):
        Combiner((), 0.0, 1.0)


def test_a_combiner_without_embedding_weight_does_not_ask_for_embeddings():
    weights = [1.0] * len(FEATURES)
    weights[FEATURES.index("embedding")] = weights[FEATURES.index("knn")] = 0.0
    assert not Combiner(tuple(weights), 0.0, 1.0).uses_embeddings
    weights[FEATURES.index("knn")] = 0.5
    assert Combiner(tuple(weights), 0.0, 1.0).uses_embeddings
