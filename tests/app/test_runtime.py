"""The service's files: a 0600 token made once, an endpoint that a dead process voids."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from app.extension import stand_down_extension, write_extension
from app.runtime import Endpoint, RuntimeFiles


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_token_is_made_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    before = os.umask(0o022)
    try:
        runtime = RuntimeFiles(tmp_path)
        token = runtime.token()
        assert len(token) >= 40 and runtime.token() == token
        assert mode(runtime.token_path) == 0o600 and mode(runtime.folder) == 0o700
        assert RuntimeFiles(tmp_path).token() == token
    finally:
        os.umask(before)


def test_an_endpoint_whose_process_is_gone_means_no_service(tmp_path: Path) -> None:
    runtime = RuntimeFiles(tmp_path)
    assert runtime.endpoint() is None
    mine = Endpoint(4321, os.getpid(), 7, "2026-11-02T17:00:00+00:00")
    runtime.write_endpoint(mine)
    assert runtime.endpoint() == mine and mode(runtime.endpoint_path) == 0o600
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    runtime.write_endpoint(Endpoint(4321, int(gone.stdout), 7, mine.started_at))
    assert runtime.endpoint() is None
    runtime.clear_endpoint(int(gone.stdout))
    assert not runtime.endpoint_path.exists()


def test_pause_is_kept_in_a_file(tmp_path: Path) -> None:
    runtime = RuntimeFiles(tmp_path)
    runtime.set_paused(True)
    assert RuntimeFiles(tmp_path).paused()
    runtime.set_paused(False)
    assert not runtime.paused()


def test_the_extension_is_written_with_the_port_and_token_it_needs(tmp_path: Path) -> None:
    folder = write_extension(tmp_path, Endpoint(5555, 1, 7, ""), "tok")
    assert json.loads((folder / "config.json").read_text()) == {"port": 5555, "token": "tok"}
    assert mode(folder / "config.json") == 0o600
    stand_down_extension(tmp_path)  # the service stopped
    assert json.loads((folder / "config.json").read_text()) == {"port": None, "token": ""}
    assert mode(folder / "config.json") == 0o600
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    assert manifest["host_permissions"] == ["http://127.0.0.1/*"]
