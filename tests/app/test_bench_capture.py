"""The capture benchmark's plumbing (slow: a real X display and the real service). It
checks what the JSON holds, never how fast anything was."""

from __future__ import annotations

import shutil

import pytest

from app.bench.capture import bench_capture

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not all(shutil.which(t) for t in ("Xvfb", "openbox", "xdotool")),
                       reason="needs Xvfb, openbox and xdotool"),
]


def test_the_capture_bench_reports_cpu_memory_and_ocr_of_the_real_service() -> None:
    result = bench_capture(minutes=0.5, switch_s=10, drafting=False)
    for key in ("cpu_percent_of_one_core", "peak_rss_mb", "ocr_calls", "ocr_median_ms"):
        assert key in result
    assert result["peak_rss_mb"] > 0 and result["heartbeats"] > 0
    assert result["ocr_calls"] >= 1 and result["ocr_median_ms"] is not None
    assert result["watchers"] == [{"name": "x11", "state": "running", "restarts": 0,
                                   "last_error": None}]
