"""Has the window's picture changed, and where: block means of the grey image.

A signature is the mean grey level of each 8x8 block, rounded to a byte, and a
digest of those means. Two pictures with the same digest show the same words
(a changed glyph moves its block's mean by several levels), so the digest keys
the text cache; the blocks that differ say which regions to read again. A
region is the box around a run of changed block rows, widened until its edges
sit on blank rows and on gaps between words (looked for within the region
only, so a window's frame or a sidebar never stops it), so that it never cuts
a word. On a 1280x800 window the signature costs 2-3 ms.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

BLOCK = 8
# How far a region's edges may move to reach blank rows (past this the whole window
# is read) or a gap between words (past this the region runs to the window's sides).
MAX_WIDEN_ROWS = 96
MAX_WIDEN_COLS = 480
GAP_COLS = 8  # blank columns in a row that make a gap between words, not letters
# When more than this share of the window changed, reading it all is as cheap.
MAX_AREA_SHARE = 0.5
# A pixel this far from the background's grey is ink.
BLANK_SPREAD = 12
STRUCTURE_SHARE = 0.9  # a column inked over this share of its rows is a frame, not text
STRAY_PIXELS = 1  # a blank row may hold this many ink pixels (antialiasing strays)

Region = tuple[int, int, int, int]  # left, top, right, bottom: pixels, right/bottom excluded


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
        n = crop.size // (bh * bw)
        sums = crop.reshape(bh, crop.shape[0] // bh, bw, crop.shape[1] // bw).sum(
            axis=(1, 3), dtype=np.uint32)
        means = ((sums + n // 2) // n).astype(np.uint8)
    digest = hashlib.blake2b(means.tobytes() + f"{h}x{w}".encode(), digest_size=8).hexdigest()
    return Signature(means, digest, (h, w))


def _spread(values: np.ndarray, axis: int) -> np.ndarray:
    return values.max(axis=axis).astype(np.int16) - values.min(axis=axis)


def changed_regions(before: Signature, after: Signature, gray: np.ndarray
                    ) -> list[Region] | None:
    """Regions of ``gray`` (the picture of ``after``) that changed since ``before``;
    ``[]`` when nothing did, None when the whole window should be read (a new
    size, too much changed, or a region whose edges find no blank to sit on)."""
    if before.shape != after.shape:
        return None
    changed = before.means != after.means
    rows = np.flatnonzero(changed.any(axis=1))
    if rows.size == 0:
        return []
    height, width = gray.shape
    runs: list[list[int]] = []
    for r in rows.tolist():
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    regions: list[Region] = []
    for r0, r1 in runs:
        cols = np.flatnonzero(changed[r0:r1 + 1].any(axis=0))
        region = (int(cols[0]) * BLOCK, r0 * BLOCK,
                  width if cols[-1] == changed.shape[1] - 1 else (int(cols[-1]) + 1) * BLOCK,
                  height if r1 == changed.shape[0] - 1 else (r1 + 1) * BLOCK)
        widened = _widen(gray, region)
        if widened is None:
            return None
        regions.append(widened)
    regions = _merge(regions)
    if sum((r - le) * (b - t) for le, t, r, b in regions) > MAX_AREA_SHARE * height * width:
        return None
    return regions


def _blank_rows(block: np.ndarray) -> np.ndarray:
    """Rows of ``block`` with no ink. Ink is a pixel off the block's background (its
    commonest grey); a column inked nearly all the way down (a window's frame, a
    scrollbar's trough, a shaded sidebar) is structure, not ink, and is left out."""
    background = int(np.bincount(block.ravel(), minlength=256).argmax())
    ink = np.abs(block.astype(np.int16) - background) >= BLANK_SPREAD
    text = ink.mean(axis=0) < STRUCTURE_SHARE
    return ink[:, text].sum(axis=1) <= STRAY_PIXELS


def _widen(gray: np.ndarray, region: Region) -> Region | None:
    """Move the edges out until they sit on blank rows and word gaps; None if too far."""
    height, width = gray.shape
    left, top, right, bottom = region
    for _ in range(4):  # rows and columns settle each other in a pass or two
        before = (left, top, right, bottom)
        lo, hi = max(top - MAX_WIDEN_ROWS - 1, 0), min(bottom + MAX_WIDEN_ROWS + 1, height)
        blank = _blank_rows(gray[lo:hi, left:right])
        t = top
        while t > lo and not blank[t - lo]:
            t -= 1
        b = bottom
        while b < hi and not blank[b - 1 - lo]:
            b += 1
        if top - t > MAX_WIDEN_ROWS or b - bottom > MAX_WIDEN_ROWS:
            return None
        top, bottom = t, b
        lo, hi = max(left - MAX_WIDEN_COLS - 1, 0), min(right + MAX_WIDEN_COLS + 1, width)
        gaps = _gaps(_blank_rows(gray[top:bottom, lo:hi].T))
        le = left
        while le > lo and not gaps[le - lo]:
            le -= 1
        ri = right
        while ri < hi and not gaps[ri - 1 - lo]:
            ri += 1
        # No gap near enough (lines of text side by side rarely line up their gaps):
        # the window's side never cuts a word.
        left = 0 if le == lo else le
        right = width if ri == hi else ri
        if (left, top, right, bottom) == before:
            return before
    return left, top, right, bottom


def _gaps(blank: np.ndarray) -> np.ndarray:
    """The blank columns in runs of GAP_COLS or more: gaps between words, not letters."""
    gaps = np.zeros_like(blank)
    start = None
    for x, is_blank in enumerate([*blank.tolist(), False]):
        if is_blank and start is None:
            start = x
        elif not is_blank and start is not None:
            if x - start >= GAP_COLS:
                gaps[start:x] = True
            start = None
    return gaps


def _merge(regions: list[Region]) -> list[Region]:
    merged: list[Region] = []
    for region in sorted(regions, key=lambda r: (r[1], r[0])):
        for i, other in enumerate(merged):
            if region[0] < other[2] and other[0] < region[2] and region[1] < other[3] and (
                    other[1] < region[3]):
                merged[i] = (min(region[0], other[0]), min(region[1], other[1]),
                             max(region[2], other[2]), max(region[3], other[3]))
                break
        else:
            merged.append(region)
    return merged
