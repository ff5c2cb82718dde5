"""The units `tenths service install` writes, one per platform, as text."""

from __future__ import annotations

import plistlib
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from app.install import TASK_NS, launch_agent, scheduled_task, systemd_unit, unit_for

COMMAND = ["/opt/tenths/bin/python", "-m", "app.cli", "service", "start", "--user", "7"]


def test_the_systemd_user_unit_runs_the_service_at_login_and_restarts_it() -> None:
    text = systemd_unit(COMMAND)
    assert "ExecStart=/opt/tenths/bin/python -m app.cli service start --user 7\n" in text
    for line in ("Restart=on-failure", "Nice=10", "UMask=0077",
                 "Environment=OMP_THREAD_LIMIT=1", "WantedBy=graphical-session.target"):
        assert f"\n{line}\n" in text
    assert text.index("[Unit]") < text.index("[Service]") < text.index("[Install]")


def test_the_systemd_unit_quotes_a_path_with_spaces_and_percent_signs() -> None:
    text = systemd_unit(["/home/a b/python", "--settings", "/home/a b/100%.toml"])
    assert 'ExecStart="/home/a b/python" --settings "/home/a b/100%%.toml"\n' in text


def test_the_launch_agent_runs_the_command_at_load_and_keeps_it_alive_on_failure() -> None:
    plist = plistlib.loads(launch_agent(COMMAND, "/Users/x/tenths.log").encode())
    assert plist["Label"] == "com.tenths.service"
    assert plist["ProgramArguments"] == COMMAND
    assert plist["RunAtLoad"] is True and plist["KeepAlive"] == {"SuccessfulExit": False}
    assert plist["ProcessType"] == "Background" and plist["Umask"] == 0o077
    assert plist["EnvironmentVariables"] == {"OMP_THREAD_LIMIT": "1"}


def test_the_scheduled_task_starts_at_logon_without_a_time_limit() -> None:
    text = scheduled_task([r"C:\Users\a b\tenths\python.exe", "-m", "app.cli", "service",
                           "start", "--user", "7", "--settings", r"C:\a b\s.toml"])
    assert text.startswith('<?xml version="1.0" encoding="UTF-16"?>\n')
    root = ET.fromstring(text.split("\n", 1)[1])
    ns = {"t": TASK_NS}
    assert root.find("t:Triggers/t:LogonTrigger/t:Enabled", ns).text == "true"
    assert root.find("t:Settings/t:ExecutionTimeLimit", ns).text == "PT0S"
    assert root.find("t:Settings/t:RestartOnFailure/t:Count", ns) is not None
    assert root.find("t:Principals/t:Principal/t:RunLevel", ns).text == "LeastPrivilege"
    assert root.find("t:Actions/t:Exec/t:Command", ns).text == r"C:\Users\a b\tenths\python.exe"
    assert root.find("t:Actions/t:Exec/t:Arguments", ns).text == (
        r'-m app.cli service start --user 7 --settings "C:\a b\s.toml"')


@pytest.mark.parametrize(("platform", "where", "encoding"), [
    ("linux", ".config/systemd/user/tenths.service", "utf-8"),
    ("darwin", "Library/LaunchAgents/com.tenths.service.plist", "utf-8"),
    ("win32", "data/tenths-task.xml", "utf-16"),
])
def test_each_platform_gets_its_unit_where_it_looks(platform: str, where: str,
                                                    encoding: str) -> None:
    home = Path("/home/x")
    unit = unit_for(platform, COMMAND, home, home / "data")
    assert unit.path == home / where and unit.encoding == encoding and unit.next_steps


def test_an_unknown_platform_is_refused() -> None:
    with pytest.raises(ValueError, match="no service unit"):
        unit_for("plan9", COMMAND, Path("/h"), Path("/d"))
