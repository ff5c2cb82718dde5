"""Read screens back: real tesseract on a share of them, and a confusion channel fitted to it for the rest.

Every distinct screen is read once (a cache keyed by the screen). A chosen share of the
distinct screens goes through tesseract for real; from those pairs (drawn words, tesseract
words) a character channel is fitted: per-character substitution, deletion and insertion
rates, and how often a line is lost. The other screens get their drawn words passed through
that channel. With no real share (tests), a channel saved earlier from a real run is used.
"""

from __future__ import annotations

import bisect
import difflib
import json
import os
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from pathlib import Path

from .profiles import RenderStyle
from .render import drawn_text, render
from .screens import Screen

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata/"
SAVED_CHANNEL = Path(__file__).with_name("ocr_channel.json")


@dataclass(frozen=True)
class Channel:
    """Character-level OCR errors observed on real tesseract output."""

    sub: dict[str, dict[str, int]]  # char -> {read as: count}
    seen: dict[str, int]  # char -> times seen in aligned lines
    dele: dict[str, int]  # char -> times dropped
    ins: dict[str, int]  # inserted char -> count
    lines: int
    lost_lines: int

    def to_json(self) -> dict[str, object]:
        return {"sub": self.sub, "seen": self.seen, "dele": self.dele, "ins": self.ins,
                "lines": self.lines, "lost_lines": self.lost_lines}

    @classmethod
    def from_json(cls, d: dict) -> Channel:
        return cls(d["sub"], d["seen"], d["dele"], d["ins"], d["lines"], d["lost_lines"])

    @cached_property
    def _table(self) -> tuple[dict[str, tuple[float, float, list[str], list[float]]], float, list[str], list[float], float]:
        """Per character: P(misread), P(misread or dropped), what it is misread as; then insertions, lost lines."""
        per: dict[str, tuple[float, float, list[str], list[float]]] = {}
        for ch, n in self.seen.items():
            subs = self.sub.get(ch, {})
            nsub = sum(subs.values())
            keys = sorted(subs)
            cum = list(accumulate(subs[k] for k in keys))
            per[ch] = (nsub / n, (nsub + self.dele.get(ch, 0)) / n, keys, cum)
        p_ins = sum(self.ins.values()) / max(1, sum(self.seen.values()))
        ins_keys = sorted(self.ins)
        ins_cum = list(accumulate(self.ins[k] for k in ins_keys))
        return per, p_ins, ins_keys, ins_cum, self.lost_lines / max(1, self.lines)

    def apply(self, text: str, rng: random.Random) -> str:
        per, p_ins, ins_keys, ins_cum, p_lost = self._table
        rand = rng.random
        out_lines = []
        for line in text.split("\n"):
            if rand() < p_lost:
                continue
            out = []
            for ch in line:
                row = per.get(ch)
                if row is not None:
                    r = rand()
                    if r < row[0]:
                        out.append(row[2][bisect.bisect_left(row[3], rand() * row[3][-1])])
                        continue
                    if r < row[1]:
                        continue
                out.append(ch)
                if ins_keys and rand() < p_ins:
                    out.append(ins_keys[bisect.bisect_left(ins_cum, rand() * ins_cum[-1])])
            out_lines.append("".join(out))
        return "\n".join(out_lines)


def fit_channel(pairs: Iterable[tuple[str, str]]) -> Channel:
    sub: dict[str, Counter[str]] = defaultdict(Counter)
    seen: Counter[str] = Counter()
    dele: Counter[str] = Counter()
    ins: Counter[str] = Counter()
    lines = lost = 0
    for clean, read in pairs:
        read_lines = [x for x in read.split("\n") if x.strip()]
        for line in clean.split("\n"):
            lines += 1
            best = difflib.get_close_matches(line, read_lines, n=1, cutoff=0.75)
            if not best:
                lost += 1
                continue
            got = best[0]
            seen.update(line)
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, line, got, autojunk=False).get_opcodes():
                # Runs longer than a few characters are layout (panes read across, clipping), not misreads.
                if max(i2 - i1, j2 - j1) > 3:
                    continue
                if op == "replace" and i2 - i1 == j2 - j1:
                    for a, b in zip(line[i1:i2], got[j1:j2], strict=True):
                        sub[a][b] += 1
                elif op in ("replace", "delete", "insert"):
                    dele.update(line[i1:i2])
                    ins.update(got[j1:j2])
    return Channel({k: dict(sorted(v.items())) for k, v in sorted(sub.items())}, dict(sorted(seen.items())),
                   dict(sorted(dele.items())), dict(sorted(ins.items())), lines, lost)


def load_saved_channel() -> Channel:
    return Channel.from_json(json.loads(SAVED_CHANNEL.read_text()))


class Reader:
    """Reads a batch of screens; owns the tesseract handle for the batch's lifetime."""

    def __init__(self, style: RenderStyle, real_share: float, rng: random.Random) -> None:
        self.style = style
        self.real_share = real_share
        self.rng = rng
        self.channel: Channel | None = None
        self.real_count = 0

    def _tesseract(self, screens: list[Screen]) -> dict[Screen, str]:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        import tesserocr  # imported here: tests that never OCR do not need the library loaded

        out: dict[Screen, str] = {}
        with tesserocr.PyTessBaseAPI(path=TESSDATA, lang="eng") as api:
            for s in screens:
                api.SetImage(render(s, self.style))
                text = api.GetUTF8Text()
                out[s] = "\n".join(x.rstrip() for x in text.split("\n") if x.strip())
        return out

    def read_all(self, screens: list[Screen]) -> dict[Screen, str]:
        distinct = list(dict.fromkeys(screens))
        real = [s for s in distinct if self.rng.random() < self.real_share]
        out = self._tesseract(real) if real else {}
        self.real_count = len(real)
        if real:
            self.channel = fit_channel((drawn_text(s, self.style), out[s]) for s in real)
        else:
            self.channel = load_saved_channel()
        for s in distinct:
            if s not in out:
                out[s] = self.channel.apply(drawn_text(s, self.style), self.rng)
        return out
