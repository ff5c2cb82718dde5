"""`tenths retrain` makes a new combiner current only if it is worse on no target."""

import json
from pathlib import Path

import pytest

from pipeline.features import FEATURES
from pipeline.training import Example


@pytest.mark.parametrize("force", [False, True])
def test_a_model_worse_on_a_target_does_not_become_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    pytest.importorskip("skl2onnx")
    import eval.retrain as retrain_module
    from eval.harness import EvalResult
    from pipeline.combiner import DEFAULT_COMBINER

    def example(truth: int | None, strong: int) -> Example:
        rows = [[3.0 if c == strong else 0.2] + [0.0] * (len(FEATURES) - 1) for c in (1, 2)]
        return Example([1, 2], rows, 0.0, truth)

    examples = [example(1, 1), example(2, 2), example(None, 0)] * 4

    def scored(fixture: Path, *, combiner: object, **kw: object) -> EvalResult:
        # The current model meets every target; the new one is a point less selective.
        new = combiner is not DEFAULT_COMBINER
        return EvalResult({"accuracy": 0.97, "selective_accuracy": 0.985 if new else 0.995},
                          [], fixture.name)

    monkeypatch.setattr(retrain_module, "collect", lambda *a: list(examples))
    monkeypatch.setattr(retrain_module, "fit_work_on", lambda fixtures: None)
    monkeypatch.setattr(retrain_module, "calibrate", lambda model, combiner, *a, **kw: combiner)
    monkeypatch.setattr(retrain_module, "run_eval", scored)
    (tmp_path / "current.json").write_text(json.dumps({"version": "v-old"}))
    new, comparisons = retrain_module.retrain([tmp_path / "train"], [tmp_path / "firm"], None, DEFAULT_COMBINER,
                                              "v-new", tmp_path, rounds=1, kind="linear",
                                              force=force)
    assert retrain_module.regressions(comparisons) == ["firm: selective_accuracy 0.995 -> 0.985"]
    current = json.loads((tmp_path / "current.json").read_text())["version"]
    assert current == ("v-new" if force else "v-old")
    assert (tmp_path / "combiner-v-new.json").exists()  # written either way, to look at
