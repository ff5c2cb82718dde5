"""What ``tenths service install`` writes: a per-user systemd unit (Linux), a
LaunchAgent (macOS) or a Task Scheduler task (Windows).

Each is the text of one pure function of the command line it runs, so tests pin
the text; ``install`` writes it where the platform looks for it. All three run
the service in the foreground at login, restart it if it fails, and keep it at a
low priority; none needs administrator rights.
"""

from __future__ import annotations

import plistlib
import shlex
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

LABEL = "com.tenths.service"
DESCRIPTION = "tenths: local-first timekeeping (screen capture and the day's drafts)"
ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}  # single-threaded tesseract is faster on a busy box


def _systemd_quote(arg: str) -> str:
    """An argument as systemd's ExecStart reads it (double quotes, % doubled)."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in " \t\"'\\;$"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$") + '"'


def systemd_unit(command: Sequence[str]) -> str:
    """A systemd user unit (``~/.config/systemd/user/tenths.service``)."""
    env = "\n".join(f"Environment={k}={v}" for k, v in ENVIRONMENT.items())
    return f"""[Unit]
Description={DESCRIPTION}
After=graphical-session.target
PartOf=graphical-session.target

[Service]
Type=simple
ExecStart={" ".join(_systemd_quote(a) for a in command)}
Restart=on-failure
RestartSec=10
Nice=10
IOSchedulingClass=idle
UMask=0077
{env}

[Install]
WantedBy=graphical-session.target
"""


def launch_agent(command: Sequence[str], log_path: str) -> str:
    """A LaunchAgent plist (``~/Library/LaunchAgents/com.tenths.service.plist``)."""
    plist = {
        "Label": LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ProcessType": "Background",
        "LowPriorityIO": True,
        "Nice": 10,
        "Umask": 0o077,
        "EnvironmentVariables": dict(ENVIRONMENT),
        "StandardErrorPath": log_path,
        "StandardOutPath": log_path,
    }
    return plistlib.dumps(plist, sort_keys=False).decode("utf-8")


TASK_NS = "http://schemas.microsoft.com/windows/2004/02/mit/task"


def scheduled_task(command: Sequence[str]) -> str:
    """A Task Scheduler task (``schtasks /Create /TN tenths /XML <file>``): at logon of
    the current user, restarted on failure, below normal priority, no time limit."""
    ET.register_namespace("", TASK_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        node = ET.SubElement(parent, f"{{{TASK_NS}}}{tag}")
        if text is not None:
            node.text = text
        return node

    task = ET.Element(f"{{{TASK_NS}}}Task", {"version": "1.2"})
    info = sub(task, "RegistrationInfo")
    sub(info, "Description", DESCRIPTION)
    sub(sub(sub(task, "Triggers"), "LogonTrigger"), "Enabled", "true")
    principal = sub(sub(task, "Principals"), "Principal", None)
    principal.set("id", "Author")
    sub(principal, "LogonType", "InteractiveToken")
    sub(principal, "RunLevel", "LeastPrivilege")
    settings = sub(task, "Settings")
    sub(settings, "MultipleInstancesPolicy", "IgnoreNew")
    sub(settings, "DisallowStartIfOnBatteries", "false")
    sub(settings, "StopIfGoingOnBatteries", "false")
    sub(settings, "ExecutionTimeLimit", "PT0S")
    sub(settings, "Priority", "7")
    restart = sub(settings, "RestartOnFailure")
    sub(restart, "Interval", "PT1M")
    sub(restart, "Count", "999")
    actions = sub(task, "Actions")
    actions.set("Context", "Author")
    exec_ = sub(actions, "Exec")
    sub(exec_, "Command", command[0])
    sub(exec_, "Arguments", _windows_args(command[1:]))
    ET.indent(task)
    return '<?xml version="1.0" encoding="UTF-16"?>\n' + ET.tostring(task, encoding="unicode")


def _windows_args(args: Sequence[str]) -> str:
    return subprocess.list2cmdline(list(args))


@dataclass(frozen=True)
class Unit:
    """What to write and where, and what the user runs next."""

    path: Path
    text: str
    encoding: str
    next_steps: tuple[str, ...]


def unit_for(platform: str, command: Sequence[str], home: Path, data_dir: Path) -> Unit:
    """The unit of ``platform`` (``sys.platform``) for ``command``."""
    if platform.startswith("linux"):
        path = home / ".config" / "systemd" / "user" / "tenths.service"
        return Unit(path, systemd_unit(command), "utf-8", (
            "systemctl --user daemon-reload",
            "systemctl --user enable --now tenths.service",
        ))
    if platform == "darwin":
        path = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
        log = str(data_dir / "service" / "service.log")
        return Unit(path, launch_agent(command, log), "utf-8", (
            f"launchctl bootstrap gui/$(id -u) {shlex.quote(str(path))}",
        ))
    if platform in ("win32", "cygwin"):
        path = data_dir / "tenths-task.xml"
        return Unit(path, scheduled_task(command), "utf-16", (
            f'schtasks /Create /TN tenths /XML "{path}"',
            "schtasks /Run /TN tenths",
        ))
    raise ValueError(f"no service unit for platform {platform!r}")
