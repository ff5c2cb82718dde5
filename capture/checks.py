"""Every problem with the capture settings at once, before any watcher starts.

``load_settings`` checks types; this checks what capture alone understands:
regexes that compile, ``name=kind`` pairs, positive intervals, folders and
files that exist. The service calls it at start and shows the whole list.
"""

from __future__ import annotations

import re
from pathlib import Path

from capture.errors import CaptureError
from capture.kinds import kind_table
from tenths.settings import CaptureSettings


def capture_problems(settings: CaptureSettings) -> list[str]:
    problems = []
    for pattern in settings.excluded_title_patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"[capture].excluded_title_patterns: {pattern!r}: {exc}")
    for host in settings.excluded_url_hosts:
        if not host or "/" in host or ":" in host or host != host.strip():
            problems.append(f"[capture].excluded_url_hosts: {host!r} is not a host name")
    try:
        kind_table(settings)
    except CaptureError as exc:
        problems.append(str(exc))
    for name in ("idle_minutes", "pulsetime_seconds", "poll_interval_s"):
        if getattr(settings, name) <= 0:
            problems.append(f"[capture].{name}: must be more than 0")
    if settings.ocr_min_interval_s < 0:
        problems.append("[capture].ocr_min_interval_s: must not be negative")
    if settings.poll_interval_s >= settings.pulsetime_seconds:
        problems.append("[capture].poll_interval_s: must be shorter than pulsetime_seconds, "
                        "or every poll starts a new span")
    for folder in settings.document_folders:
        if not Path(folder).expanduser().is_dir():
            problems.append(f"[capture].document_folders: {folder} is not a folder")
    for name in ("calendar_paths", "call_log_paths"):
        for path in getattr(settings, name):
            if not Path(path).expanduser().exists():
                problems.append(f"[capture].{name}: {path} does not exist")
    return problems
