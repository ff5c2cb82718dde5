"""What capture costs on this machine: the numbers behind ``tenths bench capture``.

``bench_x11`` measures, on an X display whose focused window shows some text:
one poll of the X11 watcher without OCR (window, title, process, idle, lock),
one grab of the window's pixels, one change check (grey + block signature),
and one OCR read of the whole window (wall and CPU time, words read). Medians
over the samples, in milliseconds. Nothing read is kept or logged.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from capture.errors import CaptureError
from capture.screen.change import signature, to_gray
from capture.screen.ocr import OcrEngine
from tenths.settings import CaptureSettings


@dataclass(frozen=True, slots=True)
class CaptureCost:
    poll_ms: float  # one X11 poll without OCR
    grab_ms: float  # the focused window's pixels
    change_ms: float  # grey levels and the block signature
    ocr_ms: float  # one whole-window OCR read, wall time
    ocr_cpu_ms: float  # ... and CPU time of the process (tesseract runs in it)
    width: int
    height: int
    words: int
    samples: int


def _median_ms(run: Callable[[], object], samples: int) -> float:
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_x11(display: str, engine: OcrEngine, *, settings: CaptureSettings | None = None,
              polls: int = 50, ocr_reads: int = 3) -> CaptureCost:
    from capture.watchers.x11 import X11Watcher

    watcher = X11Watcher(settings or CaptureSettings(), 0, display_name=display)
    try:
        window = watcher.active_window()
        if window is None:
            raise CaptureError(f"bench: no focused window on {display}")
        poll_ms = _median_ms(lambda: watcher.poll(datetime.now(UTC)), polls)
        grab_ms = _median_ms(lambda: watcher.grab(window), polls)
        pixels = watcher.grab(window)
        if pixels is None:
            raise CaptureError("bench: the focused window has no pixels on screen")
        change_ms = _median_ms(lambda: signature(to_gray(pixels)), polls)
        gray = to_gray(pixels)
        walls, cpus, words = [], [], 0
        for _ in range(ocr_reads):
            wall, cpu = time.perf_counter(), time.process_time()
            words = len(engine.read(gray))
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        return CaptureCost(poll_ms, grab_ms, change_ms, statistics.median(walls),
                           statistics.median(cpus), gray.shape[1], gray.shape[0], words,
                           polls)
    finally:
        watcher.close()
