"""Generate one fixture (firm.json + activities.jsonl) from a profile and a seed."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .firm import build_world
from .history import time_entries
from .profiles import PROFILES, Profile
from .records import firm_json
from .stream import build_stream


@dataclass(frozen=True)
class Fixture:
    firm: dict[str, Any]
    activities: list[dict[str, Any]]

    def firm_bytes(self) -> bytes:
        return (json.dumps(self.firm, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    def activities_bytes(self) -> bytes:
        lines = [json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in self.activities]
        return ("\n".join(lines) + "\n").encode("utf-8")


def generate(profile: Profile | str, seed: int | None = None) -> Fixture:
    """Everything comes from one random.Random(seed): same seed, same bytes."""
    if isinstance(profile, str):
        profile = PROFILES[profile]
    rng = random.Random(profile.seed if seed is None else seed)
    world = build_world(rng, profile)
    firm = firm_json(rng, world, profile)
    firm["time_entries"] = time_entries(rng, world, profile, firm["cases"])
    activities, _ = build_stream(rng, world, profile)
    return Fixture(firm=firm, activities=activities)


def write(fixture: Fixture, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "firm.json").write_bytes(fixture.firm_bytes())
    (out_dir / "activities.jsonl").write_bytes(fixture.activities_bytes())
