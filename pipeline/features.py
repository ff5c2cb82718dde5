"""The features the combiner weighs for each candidate matter: ONE declaration.

``DECLARED`` names each feature and says what it measures. Everything else is
generated from it: ``FEATURES`` (the names, in order: the column order of the
combiner's weights, its ONNX input, the training rows and the exported
corrections) and ``FeatureRow``, a named tuple, so a stage writes
``row.memory`` and never a position.
"""

from __future__ import annotations

from typing import NamedTuple

DECLARED: tuple[tuple[str, str], ...] = (
    ("score", "summed term weights from the span's own words"),
    ("id_score", "the part of it from identifiers (numbers, emails, phones)"),
    ("memory", "the span's thread or document was decided for this matter before"),
    ("staff", "the timekeeper works on this matter"),
    ("neighbours", "nearby spans' local belief in this matter"),
    ("embedding", "cosine to the matter profile minus the embedding offset (0 when not computed)"),
    ("knn", "cosine to a corrected span of this matter (0 when none is close)"),
    ("rank_gap", "score minus the best other candidate's score"),
    ("neighbours_idle", "neighbours, times how unlike matter work the span is (news, shopping)"),
    ("no_own", "the span's own words point at no matter at all"),
    ("share", "this candidate's part of all the span's own evidence"),
    ("strongest", "the heaviest single term pointing at it (a full name, a docket)"),
    ("recent", "its share of this timekeeper's recent (decayed) work"),
    ("today", "its share of today's confident first-pass decisions"),
    ("work", "how likely the span is matter work at all (pipeline/work.py)"),
    ("internal", "every email address on the span is the firm's own"),
    ("alias", "the part of score from aliases learned on this laptop (corrections, the day)"),
    ("firm_people", "how many of the firm's own people the span names (a staff meeting: many)"),
    ("area", "how well its practice area fits the span's words (pipeline/areas.py)"),
    ("following", "the next span's belief in this matter, when it follows within the gap"),
    ("research", "the span is a legal research page: its words name other people's cases"),
    ("conversation", "the span is a call, meeting or chat: its words seldom name the matter"),
)

FEATURES: tuple[str, ...] = tuple(name for name, _ in DECLARED)

FeatureRow = NamedTuple("FeatureRow", [(name, float) for name in FEATURES])  # type: ignore[misc]
FeatureRow.__doc__ = "One candidate's features, by name; a tuple in ``FEATURES`` order."

# The features that explain a decision in its reasons when they are above zero.
REASON_FEATURES: tuple[str, ...] = ("memory", "staff", "neighbours", "embedding", "knn")
# The features only the embedding model fills in.
EMBEDDING_FEATURES: tuple[str, ...] = ("embedding", "knn")
