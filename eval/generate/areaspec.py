"""The shape of a practice area's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AreaSpec:
    key: str
    name: str  # MyCase practice_area
    stages: tuple[str, ...]
    billing: tuple[str, ...]
    client_kind: str  # "person" | "company" | "either"
    court_kinds: tuple[str, ...]  # "none" means no court case (yet)
    judge_rate: float
    oc_rate: float
    roles: tuple[str, ...]  # outside parties this kind of matter has
    topics: tuple[str, ...]
    docs: tuple[str, ...]
    research: tuple[str, ...]
    sentences: tuple[str, ...]
    narratives: tuple[str, ...]
