"""Typed settings: one frozen object per subsystem, loaded from one TOML file.

Defaults live in code. ``load_settings`` reads the file once, checks every
value up front and reports every problem at once; the result is passed down,
never re-read inside a constructor.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from tenths.errors import SettingsError


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tenths"


@dataclass(frozen=True)
class StoreSettings:
    data_dir: Path = field(default_factory=default_data_dir)

    def path_for(self, user: int) -> Path:
        return self.data_dir / f"user-{user}.duckdb"


@dataclass(frozen=True)
class MyCaseSettings:
    api_url: str = "https://external-integrations.mycase.com/v1"
    auth_url: str = "https://auth.mycase.com"
    client_id: str = ""
    redirect_port: int = 0
    webhook_port: int = 0  # `tenths listen` on 127.0.0.1 (0: any free port)
    page_size: int = 1000
    requests_per_second: float = 20.0


@dataclass(frozen=True)
class BillingSettings:
    """How drafts become entries (pipeline/draft.py, rounding.py, grouping.py)."""

    firm_default_rate: Decimal = Decimal("250")
    increment_hours: Decimal = Decimal("0.1")  # 0.1 or 0.25
    rounding: str = "up"  # "up" | "nearest": once per entry, never above the covering increment
    minimum_hours: Decimal = Decimal("0.1")  # a minimum entry (capped by the same bound)
    timezone: str = "America/Los_Angeles"
    grouping: str = "day"  # "day": one entry per matter and day | "task": one per task
    per_task_clients: tuple[str, ...] = ()  # client/company ids whose matters get one per task
    per_day_clients: tuple[str, ...] = ()  # ... and those that get one per day
    fold_below_seconds: int = 180  # a task shorter than this folds into its neighbour
    drop_below_seconds: int = 30  # a matter's whole day shorter than this is not drafted
    nonbillable: str = "keep"  # "keep" | "drop": on-matter time that is not billable
    internal_case_id: int = 0  # a firm-internal MyCase case for non-matter time (0: none)
    templates_dir: str = ""  # narrative templates: <dir>/, <dir>/users/<id>/, <dir>/matters/<id>/


@dataclass(frozen=True)
class AttributionSettings:
    neighbour_window: int = 3


@dataclass(frozen=True)
class CaptureSettings:
    idle_minutes: float = 5.0
    pulsetime_seconds: float = 60.0
    # Raw captured text (words on screen, titles, URLs, paths) is deleted this long after
    # a span ends, once the span is attributed; attributions and entries are kept.
    retention_hours: float = 72.0
    # Apps and processes never captured (case-insensitive): password managers by default.
    excluded_apps: tuple[str, ...] = (
        "1Password", "KeePassXC", "KeePass", "Bitwarden", "LastPass", "Dashlane", "Enpass",
        "Keychain Access", "Seahorse",
    )
    # Window-title regexes never captured: private browsing, banking, personal webmail.
    excluded_title_patterns: tuple[str, ...] = (
        "(?i)private browsing", "(?i)incognito", "(?i)inprivate", "(?i)online banking",
        r"(?i)@(gmail|googlemail)\.com\b.*\bGmail\b",
        r"(?i)\bYahoo Mail\b", r"(?i)\bProton Mail\b",
    )
    # URL hosts never captured: a host and its subdomains (banks, personal webmail, payments).
    excluded_url_hosts: tuple[str, ...] = (
        "chase.com", "bankofamerica.com", "wellsfargo.com", "citi.com", "usbank.com",
        "capitalone.com", "pnc.com", "truist.com", "schwab.com", "fidelity.com",
        "vanguard.com", "americanexpress.com", "discover.com", "paypal.com", "venmo.com",
        "outlook.live.com", "mail.yahoo.com", "mail.aol.com", "mail.proton.me",
    )
    # Extra "name=kind" pairs for capture.kinds (app or process name -> span kind).
    app_kinds: tuple[str, ...] = ()
    # Seconds between polls of the window watcher (the service's tick).
    poll_interval_s: float = 5.0
    # Read the focused window's words by local OCR when no accessibility text is there.
    ocr_enabled: bool = True
    # At least this many seconds between two OCR reads (they cost ~1-2 CPU s each).
    ocr_min_interval_s: float = 5.0
    # Tesseract language and tessdata folder ("": the first usual folder that has it).
    ocr_language: str = "eng"
    tessdata_dir: str = ""
    # WM_CLASS names of X11 screen lockers whose window on screen means "locked".
    locker_classes: tuple[str, ...] = (
        "i3lock", "xsecurelock", "slock", "xscreensaver", "light-locker", "xlock",
        "gnome-screensaver", "kscreenlocker_greet", "swaylock",
    )
    # Folders whose documents opened or saved become "document" heartbeats.
    document_folders: tuple[str, ...] = ()
    # .ics files or folders of them: an event in progress is a meeting.
    calendar_paths: tuple[str, ...] = ()
    # Softphone call-log CSV exports (see capture/sources/calls.py for the columns).
    call_log_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class ServiceSettings:
    """The background service (`tenths service start`) and its local HTTP API."""

    port: int = 0  # the local API on 127.0.0.1 (0: any free port, written to the data dir)
    # How often the service's jobs run (each once soon after the start; 0: never).
    refresh_minutes: float = 5.0  # attribute and draft the days that got new spans
    sync_minutes: float = 15.0  # sync with MyCase, when `tenths connect` made a connection
    purge_minutes: float = 60.0  # delete raw text past [capture].retention_hours
    connection: str = "user"  # the MyCase connection to sync with: "user" or "firm"


@dataclass(frozen=True)
class Settings:
    store: StoreSettings = field(default_factory=StoreSettings)
    mycase: MyCaseSettings = field(default_factory=MyCaseSettings)
    billing: BillingSettings = field(default_factory=BillingSettings)
    attribution: AttributionSettings = field(default_factory=AttributionSettings)
    capture: CaptureSettings = field(default_factory=CaptureSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)


_SECTIONS: dict[str, type] = {
    "store": StoreSettings,
    "mycase": MyCaseSettings,
    "billing": BillingSettings,
    "attribution": AttributionSettings,
    "capture": CaptureSettings,
    "service": ServiceSettings,
}

_ENV = {
    "TENTHS_MYCASE_API_URL": ("mycase", "api_url"),
    "TENTHS_MYCASE_AUTH_URL": ("mycase", "auth_url"),
    "TENTHS_MYCASE_CLIENT_ID": ("mycase", "client_id"),
    "TENTHS_DATA_DIR": ("store", "data_dir"),
}


def _coerce(value: Any, target: Any, where: str, problems: list[str]) -> Any:
    """Convert a TOML value to the type of the default it replaces."""
    try:
        if isinstance(target, bool):
            if not isinstance(value, bool):
                raise TypeError("expected true or false")
            return value
        if isinstance(target, Decimal):
            if isinstance(value, float):
                raise TypeError("write money as a string, e.g. \"250.00\"")
            return Decimal(str(value))
        if isinstance(target, Path):
            return Path(str(value)).expanduser()
        if isinstance(target, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise TypeError("expected a list of strings")
            return tuple(value)
        if isinstance(target, float):
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise TypeError("expected a number")
            return float(value)
        if isinstance(target, int):
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError("expected a whole number")
            return value
        if isinstance(target, str):
            if not isinstance(value, str):
                raise TypeError("expected a string")
            return value
    except (TypeError, InvalidOperation) as exc:
        problems.append(f"{where}: {exc}")
        return target
    return value


def load_settings(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Build settings from defaults, the TOML file (if any) and the environment."""
    env = dict(os.environ) if env is None else env
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{path}: {exc}") from exc
    for var, (section, key) in _ENV.items():
        if env.get(var):
            raw.setdefault(section, {})[key] = env[var]

    problems: list[str] = []
    built: dict[str, Any] = {}
    for name, values in raw.items():
        if name not in _SECTIONS:
            problems.append(f"[{name}]: unknown section (known: {', '.join(_SECTIONS)})")
            continue
        if not isinstance(values, dict):
            problems.append(f"[{name}]: expected a table")
            continue
        defaults = _SECTIONS[name]()
        known = {f.name for f in dataclasses.fields(defaults)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                problems.append(f"[{name}].{key}: unknown setting")
                continue
            changes[key] = _coerce(value, getattr(defaults, key), f"[{name}].{key}", problems)
        built[name] = dataclasses.replace(defaults, **changes)
    settings = Settings(**built)
    if settings.attribution.neighbour_window < 0:
        problems.append("[attribution].neighbour_window: must not be negative")
    if settings.capture.retention_hours <= 0:
        problems.append("[capture].retention_hours: must be more than 0")
    if settings.service.connection not in ("user", "firm"):
        problems.append('[service].connection: "user" or "firm"')
    if not 0 <= settings.service.port <= 65535:
        problems.append("[service].port: 0 to 65535")
    if not 1 <= settings.mycase.page_size <= 1000:
        problems.append("[mycase].page_size: MyCase pages hold 1 to 1000 records")
    billing = settings.billing
    if billing.increment_hours not in (Decimal("0.1"), Decimal("0.25")):
        problems.append("[billing].increment_hours: must be \"0.1\" or \"0.25\"")
    if billing.rounding not in ("up", "nearest"):
        problems.append("[billing].rounding: must be \"up\" or \"nearest\"")
    if billing.minimum_hours < 0:
        problems.append("[billing].minimum_hours: must not be negative")
    if billing.grouping not in ("day", "task"):
        problems.append("[billing].grouping: must be \"day\" or \"task\"")
    if billing.nonbillable not in ("keep", "drop"):
        problems.append("[billing].nonbillable: must be \"keep\" or \"drop\"")
    if billing.fold_below_seconds < 0 or billing.drop_below_seconds < 0:
        problems.append("[billing].fold_below_seconds, drop_below_seconds: must not be negative")
    if settings.mycase.requests_per_second > 25:
        problems.append("[mycase].requests_per_second: MyCase allows at most 25")
    if problems:
        raise SettingsError("settings have problems:\n  " + "\n  ".join(problems))
    return settings
