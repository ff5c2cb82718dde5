"""The words of the focused window, read only when its picture changed.

``ScreenReader.read`` is called at every poll with the window's grey picture:

1. its signature (``capture.screen.change``) keys a cache by (window, content):
   a screen already read gets its text back at once, reading nothing;
2. nothing new is read while the user is idle, within ``ocr_min_interval_s``
   of the last read, or while a read is still running;
3. otherwise one read goes to the OCR worker (one low-priority thread): only
   the regions that changed since the window was last read when that is a
   small part of it, else the whole window.

Until a read finishes the window's text is "" (the span keeps the fullest
reading it saw). The text is kept in memory only and never logged: the log
says which window key and digest were read and how long it took.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from capture.screen.change import Signature, changed_regions, signature
from capture.screen.ocr import OcrEngine, lower_thread_priority
from capture.screen.words import Word, splice, words_to_text

log = logging.getLogger(__name__)

CACHE_SIZE = 256  # (window, content) readings kept
WINDOWS_KEPT = 64  # windows whose last reading is kept to read only what changed


@dataclass(frozen=True, slots=True)
class Reading:
    window: str
    signature: Signature
    words: tuple[Word, ...]
    regions: int = 0  # how many changed regions were read (0: the whole window)

    @property
    def text(self) -> str:
        return words_to_text(self.words)


def ocr_worker() -> ThreadPoolExecutor:
    """The default worker: one thread at the lowest priority."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="tenths-ocr",
                              initializer=lower_thread_priority)


class ScreenReader:
    def __init__(
        self,
        engine: OcrEngine,
        min_interval_s: float,
        *,
        executor: Executor | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.min_interval_s = min_interval_s
        self._executor = executor if executor is not None else ocr_worker()
        self._clock = clock
        self._cache: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._last: OrderedDict[str, Reading] = OrderedDict()
        self._running: Future[Reading] | None = None
        self._last_start: float | None = None
        self.reads = 0
        self.region_reads = 0  # reads of changed regions only

    def read(self, window: str, gray: np.ndarray, *, idle: bool = False) -> str:
        """The text of ``window`` as ``gray`` shows it, "" while not read yet."""
        self._collect()
        sig = signature(gray)
        key = (window, sig.digest)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        if idle or self._running is not None:
            return ""
        now = self._clock()
        if self._last_start is not None and now - self._last_start < self.min_interval_s:
            return ""
        self._last_start = now
        self._running = self._executor.submit(self._ocr, window, sig, gray.copy(),
                                              self._last.get(window))
        self._collect()
        return self._cache.get(key, "")

    def wait(self, timeout: float) -> bool:
        """Wait for the running read (for a bench or a test); True when none is left."""
        if self._running is not None:
            futures.wait([self._running], timeout=timeout)
        self._collect()
        return self._running is None

    def close(self) -> None:
        close = getattr(self.engine, "close", None)
        if close is not None:  # in the worker, where a thread-bound engine lives
            self._executor.submit(close).result()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._cache.clear()
        self._last.clear()

    # -- the worker's side ----------------------------------------------------

    def _ocr(self, window: str, sig: Signature, gray: np.ndarray, before: Reading | None
             ) -> Reading:
        started = time.perf_counter()
        regions = None if before is None else changed_regions(before.signature, sig, gray)
        if before is not None and regions is not None:
            read = [w for region in regions for w in self.engine.read(gray, region)]
            words = splice(before.words, regions, read)
            what = f"{len(regions)} region(s)"
        else:
            words = tuple(self.engine.read(gray))
            what = "whole window"
        # app/metrics.py reads this line: it starts "OCR " and its last argument is the ms.
        log.debug("OCR window=%s digest=%s %s: %d words in %.0f ms", window, sig.digest,
                  what, len(words), (time.perf_counter() - started) * 1000)
        return Reading(window, sig, words,
                       len(regions) if before is not None and regions else 0)

    def _collect(self) -> None:
        running = self._running
        if running is None or not running.done():
            return
        self._running = None
        try:
            reading = running.result()
        except Exception:
            log.warning("an OCR read failed", exc_info=True)
            return
        self.reads += 1
        self.region_reads += bool(reading.regions)
        self._cache[(reading.window, reading.signature.digest)] = reading.text
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        self._last[reading.window] = reading
        self._last.move_to_end(reading.window)
        while len(self._last) > WINDOWS_KEPT:
            self._last.popitem(last=False)
