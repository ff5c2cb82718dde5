"""What screen capture does to text: OCR confusions and cut-off reads."""

from __future__ import annotations

import random

# (what is on screen, what OCR reads), the classic confusions
_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"),
    ("m", "rn"),
    ("l", "1"),
    ("I", "l"),
    ("O", "0"),
    ("0", "O"),
    ("cl", "d"),
    ("e", "c"),
    ("S", "5"),
    ("B", "8"),
    ("h", "b"),
    ("vv", "w"),
    ("f", "t"),
    ("i", "í"),
)


def _damage_word(word: str, rng: random.Random) -> str:
    options = [(a, b) for a, b in _SUBSTITUTIONS if a in word]
    if not options:
        return word
    a, b = rng.choice(options)
    index = word.find(a)
    return word[:index] + b + word[index + len(a) :]


def ocr_damage(text: str, rng: random.Random, intensity: float) -> str:
    """Substitute characters, drop and merge words, line by line."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        out: list[str] = []
        for word in words:
            roll = rng.random()
            if roll < intensity:
                out.append(_damage_word(word, rng))
            elif roll < intensity * 1.25 and len(words) > 3:
                continue  # dropped word
            elif roll < intensity * 1.5 and out:
                out[-1] = out[-1] + word  # merged with the previous word
            else:
                out.append(word)
        lines.append(" ".join(out))
    return "\n".join(lines)


def truncate(text: str, rng: random.Random) -> str:
    """The capture stopped reading part-way (scrolled, window moved, time-out)."""
    keep = int(len(text) * rng.uniform(0.35, 0.8))
    return text[: max(keep, 40)]
