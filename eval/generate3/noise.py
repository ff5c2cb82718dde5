"""What reading a screen does to words: OCR confusions and text cut short by the window."""

from __future__ import annotations

import random

_CONFUSIONS = (("rn", "m"), ("m", "rn"), ("l", "1"), ("I", "l"), ("O", "0"), ("0", "O"),
               ("e", "c"), ("cl", "d"), ("li", "h"), (",", "."), ("S", "5"), ("a", "o"),
               ("h", "b"), ("u", "v"), ("f", "t"))


def ocr(text: str, rng: random.Random, rate: float) -> str:
    """Apply character confusions, lost spaces and split words at about ``rate`` a word."""
    if rate <= 0:
        return text
    out = []
    for line in text.split("\n"):
        words = line.split(" ")
        for i, word in enumerate(words):
            if not word or rng.random() >= rate:
                continue
            roll = rng.random()
            if roll < 0.7:
                wrong, right = rng.choice(_CONFUSIONS)
                if wrong in word:
                    words[i] = word.replace(wrong, right, 1)
            elif roll < 0.85 and i + 1 < len(words):
                words[i] = word + words[i + 1]
                words[i + 1] = ""
            elif len(word) > 4:
                cut = rng.randint(1, len(word) - 1)
                words[i] = word[:cut] + " " + word[cut:]
        out.append(" ".join(w for w in words if w))
    return "\n".join(out)


def cut(text: str, limit: int) -> str:
    """What fits in the window: the text up to ``limit`` characters, ended at a word."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    return head[:space] if space > limit // 2 else head
