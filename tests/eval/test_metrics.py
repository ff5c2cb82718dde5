"""The eval's metrics (eval/metrics.py) beside the targets they are held to."""

from datetime import date

from eval.metrics import Prediction, compute_metrics
from eval.targets import misses
from eval.truth import Truth
from tenths.records import Attribution


def _prediction(n: int, truth: int | None, said: int | None, confidence: float,
                asked: bool = False) -> Prediction:
    return Prediction(Truth(f"s{n}", truth, truth is not None, date(2026, 3, 2), 6.0, "email"),
                      Attribution(f"s{n}", None if asked else said, confidence, asked,
                                  said is not None), 0)


def test_confident_wrong_is_the_share_of_answers_wrong_at_095_or_more_questions_aside():
    predictions = [
        _prediction(1, 1, 2, 0.97),  # a matter's work billed to another, surely: counts
        _prediction(2, None, 1, 0.95),  # the firm's own time billed, surely: counts
        _prediction(3, 1, 2, 0.94),  # wrong, but not as surely
        _prediction(4, 1, 1, 0.99),  # right
        _prediction(5, 2, None, 0.30, asked=True),  # asked: not an answer
        *(_prediction(6 + i, 3, 3, 0.99) for i in range(196)),
    ]
    metrics = compute_metrics(predictions)
    assert metrics["confident_wrong"] == 0.01  # 2 of 200 answers: at the target
    assert "confident_wrong" not in " ".join(misses(metrics))
    predictions.append(_prediction(300, 3, 1, 0.999))
    assert misses(compute_metrics(predictions))[-1] == "confident_wrong 0.0149 (target <= 0.01)"
