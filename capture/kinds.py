"""Which kind of work an app is: a documented table from app or process name to kind.

A heartbeat's ``kind`` (one of ``tenths.records.SPAN_KINDS``) is looked up here
from the process name first (``WINWORD.EXE`` -> ``winword``), then the app name
(WM_CLASS, the macOS app name). A name matches a key when it equals it, or when
the key is one of its words ("Microsoft Word" holds "word"). An app the table
does not know is ``app``. A firm adds or overrides pairs with the
``[capture].app_kinds`` setting, e.g. ``["clio=app", "zoiper5=call"]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from capture.errors import CaptureError
from tenths.records import SPAN_KINDS
from tenths.settings import CaptureSettings

DEFAULT_APP_KINDS: Mapping[str, str] = {
    # mail
    "outlook": "email", "olk": "email", "thunderbird": "email", "evolution": "email",
    "mail": "email", "geary": "email", "mailspring": "email", "kmail": "email",
    # documents: word processors, PDF readers, spreadsheets, editors
    "winword": "document", "word": "document", "soffice": "document",
    "libreoffice": "document", "libreoffice-writer": "document", "writer": "document",
    "acrobat": "document", "acrord32": "document", "evince": "document",
    "okular": "document", "preview": "document", "excel": "document",
    "powerpnt": "document", "powerpoint": "document", "pages": "document",
    "wps": "document", "abiword": "document", "foxit": "document",
    # browsers
    "chrome": "browser", "google-chrome": "browser", "chromium": "browser",
    "chromium-browser": "browser", "firefox": "browser", "firefox-esr": "browser",
    "msedge": "browser", "safari": "browser", "brave": "browser", "opera": "browser",
    "vivaldi": "browser", "arc": "browser",
    # meetings
    "zoom": "meeting", "zoom.us": "meeting", "teams": "meeting", "ms-teams": "meeting",
    "webex": "meeting", "gotomeeting": "meeting",
    # calls: softphones
    "zoiper": "call", "zoiper5": "call", "linphone": "call", "3cx": "call",
    "3cxphone": "call", "ringcentral": "call", "bria": "call", "microsip": "call",
    "dialpad": "call", "facetime": "call",
    # chat
    "slack": "chat", "discord": "chat", "signal": "chat", "element": "chat",
    "messages": "chat", "whatsapp": "chat", "telegram": "chat",
}


def _key(name: str) -> str:
    name = name.strip().lower()
    return name[:-4] if name.endswith(".exe") else name


def kind_table(settings: CaptureSettings) -> dict[str, str]:
    """The default table with the firm's ``app_kinds`` pairs on top; every bad pair
    is reported at once."""
    table = dict(DEFAULT_APP_KINDS)
    problems = []
    for pair in settings.app_kinds:
        name, sep, kind = pair.partition("=")
        if not sep or not name.strip():
            problems.append(f"{pair!r}: expected name=kind")
        elif kind.strip() not in SPAN_KINDS:
            problems.append(f"{pair!r}: kind must be one of {sorted(SPAN_KINDS)}")
        else:
            table[_key(name)] = kind.strip()
    if problems:
        raise CaptureError("[capture].app_kinds: " + "; ".join(problems))
    return table


def kind_of(app: str, process: str, table: Mapping[str, str]) -> str:
    """The kind of work done in ``app`` run by ``process``: ``app`` when unknown."""
    for name in (process, app):
        key = _key(name)
        if key in table:
            return table[key]
    for name in (process, app):
        for word in re.split(r"[\s/\\_()\-]+", _key(name)):
            if word in table:
                return table[word]
    return "app"
