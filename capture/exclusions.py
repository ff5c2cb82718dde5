"""What is never captured: apps, window-title patterns and URL hosts from settings.

An excluded stretch still counts as time (so the day adds up) but keeps nothing
of what was on screen: ``redact`` turns its heartbeat into app "excluded", kind
"app", with no title, text, url, path or process. The defaults in
``CaptureSettings`` cover password managers, private browsing, common banks and
personal webmail; a firm changes them in its settings file (a Google Workspace
firm keeps its own mail because only ``@gmail.com`` accounts match).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from urllib.parse import urlsplit

from capture.heartbeat import Heartbeat
from tenths.settings import CaptureSettings

EXCLUDED = "excluded"


@lru_cache(maxsize=16)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def host_excluded(url: str | None, hosts: tuple[str, ...]) -> bool:
    """True when the URL's host is one of ``hosts`` or a subdomain of one."""
    if not url:
        return False
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in (x.lower() for x in hosts))


def title_excluded(title: str, settings: CaptureSettings) -> bool:
    return any(p.search(title) for p in _compiled(settings.excluded_title_patterns))


def app_excluded(app: str, process: str, settings: CaptureSettings) -> bool:
    names = {app.strip().lower(), process.strip().lower().removesuffix(".exe")}
    return any(a.lower() in names for a in settings.excluded_apps)


def is_excluded(beat: Heartbeat, settings: CaptureSettings) -> bool:
    """Exclusion rules: apps, title patterns and URL hosts never captured."""
    if beat.app == EXCLUDED:
        return True
    return (
        app_excluded(beat.app, beat.process, settings)
        or title_excluded(beat.window_title, settings)
        or host_excluded(beat.url, settings.excluded_url_hosts)
    )


def redact(beat: Heartbeat) -> Heartbeat:
    """The beat with only its times, user, idle state and source left."""
    return dataclasses.replace(
        beat, app=EXCLUDED, kind="app", window_title="", text="", url=None, path=None,
        process="", pid=None,
    )
