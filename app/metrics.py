"""How capture is doing, in numbers: OCR reads and how long they took.

Capture's screen reader logs one DEBUG line per OCR read with its window key,
content digest, word count and milliseconds (never the words). ``OcrTimings``
is a logging handler on that logger that keeps the milliseconds, so the
service's status (and ``tenths bench capture``) can say how many reads ran and
their median, without capture knowing about the service.
"""

from __future__ import annotations

import logging
import statistics
import threading

READER_LOGGER = "capture.screen.reader"
KEPT = 10_000  # the most recent reads kept for the median


class OcrTimings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.calls = 0
        self._ms: list[float] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        if not (isinstance(record.msg, str) and record.msg.startswith("OCR ") and record.args):
            return
        args = record.args if isinstance(record.args, tuple) else ()
        try:
            ms = float(args[-1])
        except (IndexError, TypeError, ValueError):
            return
        with self._guard:
            self.calls += 1
            self._ms.append(ms)
            del self._ms[:-KEPT]

    def summary(self) -> dict[str, float | int | None]:
        with self._guard:
            ms = list(self._ms)
            calls = self.calls
        return {"ocr_calls": calls,
                "ocr_median_ms": round(statistics.median(ms), 1) if ms else None}

    def attach(self) -> OcrTimings:
        """Listen to the reader's DEBUG lines; other handlers still show WARNING and up."""
        logger = logging.getLogger(READER_LOGGER)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(self)
        for handler in logging.getLogger().handlers:
            if handler.level < logging.INFO:
                handler.setLevel(logging.INFO)
        return self
