"""Local OCR with tesseract (tesserocr), at low priority, found without hard-coding.

``find_tessdata`` looks for ``<lang>.traineddata`` in the folder the settings
name, then ``$TESSDATA_PREFIX``, then the folders Debian, Fedora, Homebrew and
the Windows installer use. ``TesseractEngine`` is made lazily in the thread
that uses it; ``OMP_THREAD_LIMIT=1`` is set before tesseract loads so one read
takes one core. Measured on a 1280x800 screen of 321 words: about 1.9 s
(1.45 CPU s), 319 of 321 words right.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import numpy as np

from capture.errors import CaptureError
from capture.screen.change import Region
from capture.screen.words import Word

TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/usr/local/share/tesseract-ocr/tessdata",
    r"C:\Program Files\Tesseract-OCR\tessdata",
)
# Words tesseract is less sure of than this (0-100) are icons and rules, not words.
MIN_CONFIDENCE = 30.0


class OcrEngine(Protocol):
    """Reads the words of a grey picture, or of one region (left, top, right, bottom)
    of it; the words' boxes are in the whole picture's pixels."""

    def read(self, gray: np.ndarray, region: Region | None = None) -> list[Word]: ...


CROP_MARGIN = 8  # background around a cut-out region: OCR misreads text at the very edge


def crop(gray: np.ndarray, region: Region | None) -> tuple[np.ndarray, int, int]:
    """The region's pixels with a margin of their background, and the offsets that
    put the crop's coordinates back in the whole picture's."""
    if region is None:
        return gray, 0, 0
    left, top, right, bottom = region
    part = gray[top:bottom, left:right]
    if part.size == 0:
        return np.full((1, 1), 255, dtype=np.uint8), left, top
    background = int(np.bincount(part.ravel(), minlength=256).argmax())
    padded = np.pad(part, CROP_MARGIN, mode="constant", constant_values=background)
    return padded, left - CROP_MARGIN, top - CROP_MARGIN


def find_tessdata(lang: str, override: str = "", env: Mapping[str, str] | None = None) -> Path:
    """The first folder holding ``<lang>.traineddata``; CaptureError lists where it looked."""
    env = os.environ if env is None else env
    tried = []
    for folder in (override, env.get("TESSDATA_PREFIX", ""), *TESSDATA_CANDIDATES):
        if not folder:
            continue
        path = Path(folder).expanduser()
        for candidate in (path, path / "tessdata"):
            tried.append(str(candidate))
            if (candidate / f"{lang}.traineddata").is_file():
                return candidate
    raise CaptureError(f"no {lang}.traineddata for OCR; looked in {', '.join(tried)} "
                       "(set [capture].tessdata_dir)")


class TesseractEngine:
    """tesserocr's API, made on first use in the calling thread and kept there."""

    def __init__(self, tessdata: Path, lang: str = "eng") -> None:
        self.tessdata = tessdata
        self.lang = lang
        self._local = threading.local()

    def _api(self):  # noqa: ANN202 - tesserocr has no type stubs
        api = getattr(self._local, "api", None)
        if api is None:
            os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read before tesseract loads
            import tesserocr

            api = tesserocr.PyTessBaseAPI(path=str(self.tessdata), lang=self.lang)
            self._local.api = api
        return api

    def read(self, gray: np.ndarray, region: Region | None = None) -> list[Word]:
        import tesserocr
        from PIL import Image

        api = self._api()
        # A region is read as its own picture: tesseract 5.5 misreads a full-width
        # SetRectangle ('Bn' for a clean 28 px line) that it reads right when cropped.
        picture, left, top = crop(gray, region)
        api.SetImage(Image.fromarray(picture))
        api.SetSourceResolution(96)
        api.Recognize()
        words = []
        level = tesserocr.RIL.WORD
        iterator = api.GetIterator()
        if iterator is None:
            return []
        for item in tesserocr.iterate_level(iterator, level):
            try:
                text = (item.GetUTF8Text(level) or "").strip()
            except RuntimeError:  # tesserocr's "No text returned" for an empty word
                continue
            if not text or item.Confidence(level) < MIN_CONFIDENCE:
                continue
            box = item.BoundingBox(level)
            if box is None:
                continue
            x0, y0, x1, y1 = box
            words.append(Word(text, x0 + left, y0 + top, x1 + left, y1 + top))
        api.Clear()
        return words

    def close(self) -> None:
        api = getattr(self._local, "api", None)
        if api is not None:
            api.End()
            self._local.api = None


def lower_thread_priority() -> None:
    """Make the calling thread (the OCR worker) yield the CPU to the lawyer's apps."""
    if sys.platform.startswith("linux"):
        # On Linux the nice value is per thread: this leaves the service's other threads be.
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    elif sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -15)  # THREAD_PRIORITY_IDLE
    elif sys.platform == "darwin":
        import ctypes

        libc = ctypes.CDLL("/usr/lib/libSystem.dylib")
        libc.pthread_set_qos_class_self_np(0x09, 0)  # QOS_CLASS_BACKGROUND
