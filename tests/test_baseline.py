"""The online baseline (eval/baseline.py) and the targets (eval/targets.py)."""

import json
from datetime import UTC, datetime, timedelta

from eval.baseline import run_baseline
from eval.targets import misses, worse_on


def _write_fixture(path, days):
    path.mkdir()
    (path / "firm.json").write_text(json.dumps({"format": "tenths-fixture/1"}))
    lines, n = [], 0
    for day, spans in enumerate(days):
        start = datetime(2026, 3, 2 + day, 17, tzinfo=UTC)
        for title, case in spans:
            n += 1
            begin = start + timedelta(minutes=10 * n)
            lines.append(json.dumps({
                "id": f"s{n}", "user": 7, "start": begin.isoformat(),
                "end": (begin + timedelta(minutes=5)).isoformat(), "app": "Word",
                "kind": "document", "window_title": title, "text": "", "url": None,
                "path": None, "truth": {"case_id": case, "billable": case is not None}}))
    (path / "activities.jsonl").write_text("\n".join(lines) + "\n")


def test_the_baseline_learns_each_day_from_the_days_before(tmp_path):
    day = [("Quarry lease amendment", 1), ("Harrow custody schedule", 2),
           ("Lunch order", None)]
    _write_fixture(tmp_path / "tiny", [day, day, day])
    result = run_baseline(tmp_path / "tiny")
    first, *later = [result.predictions[i:i + 3] for i in (0, 3, 6)]
    assert all(p.attribution.abstained for p in first)  # nothing learned on day one
    for predictions in later:
        assert [p.predicted for p in predictions] == [1, 2, None]
        assert not predictions[2].attribution.billable
    assert result.metrics["accuracy"] == round(4 / 6, 4)


def test_a_target_missed_is_named_and_a_metric_absent_is_not_a_miss():
    metrics = {"accuracy": 0.96, "coverage": 0.94, "selective_accuracy": 0.99,
               "nonbillable_leak": 0.03, "ece": 0.01}
    assert misses(metrics) == ["coverage 0.94 (target >= 0.95)",
                               "nonbillable_leak 0.03 (target <= 0.02)"]
    assert worse_on(metrics, {**metrics, "accuracy": 0.95, "ece": 0.0}) == [
        "accuracy 0.96 -> 0.95"]
