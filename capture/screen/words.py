"""Words read from a picture, with their boxes, and the text they make."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def words_to_text(words: Iterable[Word]) -> str:
    """Lines top to bottom, words left to right: a word joins a line when its middle
    lies within the line's height."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.left)):
        line = lines[-1] if lines else None
        if line and min(w.top for w in line) <= word.middle <= max(w.bottom for w in line):
            line.append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.left))
                     for line in lines)


def splice(before: Iterable[Word], regions: list[tuple[int, int, int, int]],
           read: Iterable[Word]) -> tuple[Word, ...]:
    """The words of a picture whose ``regions`` (left, top, right, bottom) were read
    again: the old words outside them and the new words inside them."""
    def inside(word: Word) -> bool:
        return any(left <= word.centre < right and top <= word.middle < bottom
                   for left, top, right, bottom in regions)

    return tuple([w for w in before if not inside(w)] + [w for w in read if inside(w)])
