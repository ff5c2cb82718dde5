"""Assemble one fixture (firm.json + activities.jsonl) and write it, per shared/FIXTURES.md."""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .firm import case_rates, firm_json
from .history import build_history
from .ocr import Reader
from .profiles import Profile
from .schedule import Timed, build_stream
from .world import build_world


@dataclass(frozen=True)
class Fixture:
    firm: dict[str, Any]
    activities: tuple[dict[str, Any], ...]
    stats: dict[str, Any]
    channel: dict[str, Any] | None  # the OCR channel fitted on this run's real tesseract reads


def _captured_text(text: str, kind: str, p: Profile, rng: random.Random) -> tuple[str, bool]:
    """What capture kept of the read words: sometimes nothing, sometimes only the first part.

    Call and meeting windows are mostly video: their words are lost more often."""
    r = rng.random()
    title_only = p.title_only_rate * (2.5 if kind in ("call", "meeting") else 1.0)
    if r < title_only + p.empty_rate:
        return "", r < p.empty_rate
    if rng.random() < p.cut_rate:
        text = text[: max(20, int(len(text) * rng.uniform(0.15, 0.7)))]
    return text[: p.text_cap], False


def activity_records(stream: list[Timed], texts: dict, p: Profile, rng: random.Random) -> list[dict[str, Any]]:
    seen_parties: set[str] = set()
    out = []
    for i, t in enumerate(stream):
        d = t.draft
        text, blank_title = _captured_text(texts[d.screen], d.screen.kind, p, rng)
        truth: dict[str, Any] = {"case_id": d.case_id, "billable": d.billable}
        if d.new_party:
            truth["new_party"] = d.new_party
            truth["cue"] = "new_party_repeat" if d.new_party in seen_parties else "new_party_first"
            seen_parties.add(d.new_party)
        else:
            truth["cue"] = d.cue
        out.append({
            "id": f"{p.firm_slug}-{t.start:%m%d}-{i:05d}",
            "user": t.user,
            "start": t.start.isoformat(),
            "end": t.end.isoformat(),
            "app": d.screen.app,
            "kind": d.screen.kind,
            "window_title": "" if blank_title else d.screen.title,
            "text": text,
            "url": d.screen.url,
            "path": d.screen.path if d.screen.kind == "document" else None,
            "truth": truth,
        })
    return out


def build_fixture(profile: Profile, seed: int, real_ocr: bool = True) -> Fixture:
    started = time.monotonic()
    world = build_world(profile, seed)
    rates = case_rates(world, random.Random(f"{seed}:rates"))
    history = build_history(world, rates, random.Random(f"{seed}:history"))
    firm = firm_json(world, history, rates, random.Random(f"{seed}:firm"))
    stream = build_stream(world, seed)
    reader = Reader(profile.render, profile.ocr_real_share if real_ocr else 0.0, random.Random(f"{seed}:ocr"))
    texts = reader.read_all([t.draft.screen for t in stream])
    acts = activity_records(stream, texts, profile, random.Random(f"{seed}:capture"))
    stats = {"profile": profile.name, "seed": seed, "spans": len(acts), "distinct_screens": len(texts),
             "real_ocr_screens": reader.real_count, "seconds": round(time.monotonic() - started, 1)}
    channel = reader.channel.to_json() if reader.channel is not None and reader.real_count else None
    return Fixture(firm, tuple(acts), stats, channel)


def write_fixture(fx: Fixture, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "firm.json").write_text(json.dumps(fx.firm, ensure_ascii=False) + "\n")
    with (out / "activities.jsonl").open("w") as f:
        for a in fx.activities:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
