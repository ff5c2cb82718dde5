"""Has the window's picture changed, and where: block means of the grey image.

A signature is the mean grey level of each 8x8 block, rounded to a byte, and a
digest of those means. Two pictures with the same digest show the same words
(a changed glyph moves its block's mean by several levels), so the digest keys
the text cache; the blocks that differ say which horizontal bands to read
again. On a 1280x800 window this costs a few milliseconds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

BLOCK = 8
# A band is widened to the nearest row with no ink across the whole window, so it
# never cuts a line of text; past this many pixels the whole window is read.
MAX_WIDEN_PX = 96
# When more than this share of the rows changed, reading it all is as cheap.
MAX_BAND_SHARE = 0.5
# A pixel row is blank when its grey levels span less than this.
BLANK_SPREAD = 12


@dataclass(frozen=True, slots=True)
class Signature:
    means: np.ndarray  # uint8, one per BLOCK x BLOCK block
    digest: str
    shape: tuple[int, int]  # height, width of the picture


def to_gray(pixels: np.ndarray) -> np.ndarray:
    """Grey levels (uint8, height x width) from BGRX/BGRA (X11, mss) or grey pixels."""
    if pixels.ndim == 2:
        return pixels.astype(np.uint8, copy=False)
    b = pixels[..., 0].astype(np.uint16)
    g = pixels[..., 1].astype(np.uint16)
    r = pixels[..., 2].astype(np.uint16)
    return ((b * 29 + g * 150 + r * 77) >> 8).astype(np.uint8)


def signature(gray: np.ndarray) -> Signature:
    h, w = gray.shape
    bh, bw = max(h // BLOCK, 1), max(w // BLOCK, 1)
    crop = gray[: bh * BLOCK, : bw * BLOCK]
    if crop.size == 0:
        means = np.zeros((1, 1), dtype=np.uint8)
    else:
        sums = crop.reshape(bh, crop.shape[0] // bh, bw, crop.shape[1] // bw).sum(
            axis=(1, 3), dtype=np.uint32)
        means = ((sums + (crop.size // (bh * bw)) // 2) // (crop.size // (bh * bw))).astype(
            np.uint8)
    digest = hashlib.blake2b(means.tobytes() + f"{h}x{w}".encode(), digest_size=8).hexdigest()
    return Signature(means, digest, (h, w))


def _blank_rows(gray: np.ndarray) -> np.ndarray:
    return (gray.max(axis=1).astype(np.int16) - gray.min(axis=1)) < BLANK_SPREAD


def changed_bands(
    before: Signature, after: Signature, gray: np.ndarray
) -> list[tuple[int, int]] | None:
    """Pixel-row bands ``[top, bottom)`` of ``gray`` (the picture of ``after``) that
    changed since ``before``; ``[]`` when nothing did, None when the whole window
    should be read (a new size, too much changed, or a band that cannot be widened
    to blank rows)."""
    if before.shape != after.shape:
        return None
    rows = np.flatnonzero((before.means != after.means).any(axis=1))
    if rows.size == 0:
        return []
    blank = _blank_rows(gray)
    height = gray.shape[0]
    runs: list[list[int]] = []
    for r in rows.tolist():
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    bands: list[tuple[int, int]] = []
    for r0, r1 in runs:
        top, bottom = r0 * BLOCK, min((r1 + 1) * BLOCK, height)
        if r1 == after.means.shape[0] - 1:
            bottom = height  # the rows below the last whole block
        widened = _widen(blank, top, bottom)
        if widened is None:
            return None
        if bands and widened[0] <= bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], widened[1]))
        else:
            bands.append(widened)
    if sum(b - t for t, b in bands) > MAX_BAND_SHARE * height:
        return None
    return bands


def _widen(blank: np.ndarray, top: int, bottom: int) -> tuple[int, int] | None:
    height = blank.size
    t = top
    while t > 0 and not blank[t]:
        t -= 1
        if top - t > MAX_WIDEN_PX:
            return None
    b = bottom
    while b < height and not blank[b - 1]:
        b += 1
        if b - bottom > MAX_WIDEN_PX:
            return None
    return t, b
